"""Fit on train 301+, threshold by cross-fitted halves, score train first 300 end to end (and dev with --dev)."""
import sys
import numpy as np
sys.path.insert(0, "/work/cache/s16-polnear")
from feats import vectors
from mdl import Det, sub, threshold
import e2e

names = tuple(n for n in sys.argv[1].split("+") if n and n != "keys")
lemma = "lemma" in sys.argv[2:]
C = float(sys.argv[2])
forced = [float(a[2:]) for a in sys.argv[3:] if a.startswith("t=")]
rows, V = vectors("train")
y = np.array([r["label"] for r in rows]); doc = np.array([r["doc"] for r in rows])
fit = doc >= 300
fr, fv = sub(rows, V, fit)
det = Det(names, lemma, C).fit(fr, fv, y[fit])
t = threshold(fr, fv, y[fit], names, lemma, C)
print("threshold", t, flush=True)
hr, hv = sub(rows, V, ~fit)
p = det.predict(hr, hv)
data = e2e.load("train")
for cut in ([t] if t < 1 else []) + forced:
    ch = p >= cut
    chosen = {}
    for r, c in zip(hr, ch):
        if c:
            chosen.setdefault(r["doc"], set()).add(r["index"])
    s = e2e.score("train", chosen, range(300), data=data)["source_overlap"]
    print(f"first300 t={cut}: chosen {ch.sum()} right {y[~fit][ch].sum()} -> source overlap {s}", flush=True)
if "--dev" in sys.argv:
    drows, dv = vectors("dev")
    pd = det.predict(drows, dv)
    dy = np.array([r["label"] for r in drows])
    from sklearn.metrics import average_precision_score
    print("dev AP", round(average_precision_score(dy, pd), 3))
    for cut in ([t] if t < 1 else []) + forced:
        chosen = {}
        for r, c in zip(drows, pd >= cut):
            if c:
                chosen.setdefault(r["doc"], set()).add(r["index"])
        s = e2e.score("dev", chosen)["source_overlap"]
        print(f"dev t={cut}: chosen {(pd>=cut).sum()} right {dy[pd>=cut].sum()} -> {s}", flush=True)
