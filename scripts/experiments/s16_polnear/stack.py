import sys
import numpy as np
from sklearn.metrics import average_precision_score
from sklearn.linear_model import LogisticRegression
sys.path.insert(0, "/work/cache/s16-polnear")
from feats import vectors
from mdl import Det, sub
rows, V = vectors("train")
y = np.array([r["label"] for r in rows]); doc = np.array([r["doc"] for r in rows])
fit = doc >= 300
T = V["tok"].astype(np.float64)
mu = T[fit].mean(0); sd = T[fit].std(0); sd[sd == 0] = 1; Z = (T - mu) / sd
for Cv in (0.003, 0.01, 0.03):
    # cross-fitted vector-only score on the fit part (5 folds by text), full-fit score on the held part
    s = np.zeros(len(y))
    fidx = np.nonzero(fit)[0]
    for f in range(5):
        tr = fidx[doc[fidx] % 5 != f]; te = fidx[doc[fidx] % 5 == f]
        m = LogisticRegression(C=Cv, max_iter=3000).fit(Z[tr], y[tr])
        s[te] = m.decision_function(Z[te])
    m = LogisticRegression(C=Cv, max_iter=3000).fit(Z[fit], y[fit])
    s[~fit] = m.decision_function(Z[~fit])
    print("vector-only score AP first300", Cv, round(average_precision_score(y[~fit], s[~fit]), 3))
    V2 = {"vs": np.round(s, 4)[:, None]}
    fr, fv = sub(rows, V2, fit); hr, hv = sub(rows, V2, ~fit)
    for C2 in (0.05, 0.3):
        p = Det(("vs",), False, C2).fit(fr, fv, y[fit]).predict(hr, hv)
        print(f"  keys + stacked score (C {C2}): AP first300 {average_precision_score(y[~fit], p):.3f}", flush=True)
