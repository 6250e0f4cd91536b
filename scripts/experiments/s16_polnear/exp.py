import sys
import numpy as np
from sklearn.metrics import average_precision_score
sys.path.insert(0, "/work/cache/s16-polnear")
from feats import vectors
from mdl import Det, sub

rows, V = vectors("train")
y = np.array([r["label"] for r in rows])
doc = np.array([r["doc"] for r in rows])
print("train candidates", len(rows), "positive", y.sum(), flush=True)
held = doc < 300
folds = doc % 5
settings = [((), False), ((), True), (("tok",), False), (("tok",), True), (("tok", "head"), False),
            (("tok", "head", "subj"), False), (("tok", "sent"), False), (("tok", "head", "subj", "sent"), False)]
Cs = [float(c) for c in sys.argv[1].split(",")] if len(sys.argv) > 1 else [0.01, 0.05, 0.3]
if len(sys.argv) > 2:
    settings = [(tuple(n for n in a.split("+") if n != "keys"), False) for a in sys.argv[2:]]
for names, lemma in settings:
    for Cval in Cs:
        fr, fv = sub(rows, V, ~held); sr, sv = sub(rows, V, held)
        p = Det(names, lemma, Cval).fit(fr, fv, y[~held]).predict(sr, sv)
        ap_h = average_precision_score(y[held], p)
        oof = np.zeros(len(y))
        for f in range(5):
            fr, fv = sub(rows, V, folds != f); sr, sv = sub(rows, V, folds == f)
            oof[folds == f] = Det(names, lemma, Cval).fit(fr, fv, y[folds != f]).predict(sr, sv)
        ap_cv = average_precision_score(y, oof)
        best = max((y[oof >= c].mean(), c) for c in np.arange(0.05, 0.95, 0.05) if (oof >= c).sum() >= 20)
        print(f"{'+'.join(names) or 'keys'}{' +lemma' if lemma else ''} C={Cval}: AP first300 {ap_h:.3f}  AP cv5 {ap_cv:.3f}  best-prec cv {best[0]:.2f}@{best[1]:.2f} n={(oof>=best[1]).sum()}", flush=True)
