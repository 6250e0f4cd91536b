import sys
import numpy as np
sys.path.insert(0, "/work/cache/s16-polnear")
from feats import vectors
from mdl import Det, sub
rows, V = vectors("train")
y = np.array([r["label"] for r in rows]); doc = np.array([r["doc"] for r in rows])
fit = doc >= 300
fr, fv = sub(rows, V, fit); hr, hv = sub(rows, V, ~fit); hy = y[~fit]
pk = Det((), False, 0.05).fit(fr, fv, y[fit]).predict(hr, hv)
pt = Det(("tok",), False, 0.01).fit(fr, fv, y[fit]).predict(hr, hv)
sents = {(r["doc"], r["sent"]) for r in hr}
print("first300 candidates", len(hr), "sentences", len(sents))
sel = pt >= 0.38
for bar in (0.0, 0.02, 0.05, 0.08, 0.1, 0.15):
    keep = pk >= bar
    s = {(r["doc"], r["sent"]) for r, k in zip(hr, keep) if k}
    both = sel & keep
    print(f"keys p>={bar}: candidates {keep.sum()} sentences {len(s)} ({len(s)/len(sents):.2f}); tok-chosen kept {both.sum()} of {sel.sum()}, right {hy[both].sum()} of {hy[sel].sum()}; positives kept {hy[keep].sum()} of {hy.sum()}")
