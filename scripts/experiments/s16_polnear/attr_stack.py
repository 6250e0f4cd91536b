import pickle, sys
import numpy as np
from sklearn.metrics import average_precision_score
from sklearn.linear_model import LogisticRegression
sys.path.insert(0, "/work/cache/s16-polnear")
from common import C
from mdl import Det, sub
import e2e
rows = pickle.load(open(C + "attr_train.pkl", "rb"))
z = np.load(C + "attrvec_train.npz"); V = {k: z[k] for k in z.files}
y = np.array([r["label"] for r in rows]); doc = np.array([r["doc"] for r in rows])
fit = doc >= 300
best = None
for names in (("cue",), ("spk",), ("cue", "spk")):
    X = np.hstack([V[n] for n in names]).astype(np.float64)
    mu = X[fit].mean(0); sd = X[fit].std(0); sd[sd == 0] = 1; Z = (X - mu) / sd
    for Cv in (0.001, 0.003):
        s = np.zeros(len(y)); fidx = np.nonzero(fit)[0]
        for f in range(5):
            tr = fidx[doc[fidx] % 5 != f]; te = fidx[doc[fidx] % 5 == f]
            s[te] = LogisticRegression(C=Cv, max_iter=3000).fit(Z[tr], y[tr]).decision_function(Z[te])
        s[~fit] = LogisticRegression(C=Cv, max_iter=3000).fit(Z[fit], y[fit]).decision_function(Z[~fit])
        V2 = {"vs": np.round(s, 4)[:, None]}
        fr, fv = sub(rows, V2, fit); hr, hv = sub(rows, V2, ~fit)
        p = Det(("vs",), False, 0.1).fit(fr, fv, y[fit]).predict(hr, hv)
        ap = average_precision_score(1 - y[~fit], 1 - p)
        print(f"{'+'.join(names)} C {Cv}: vector-only AP(false) {average_precision_score(1-y[~fit], -s[~fit]):.3f}; keys + stacked AP(false) {ap:.3f}", flush=True)
        if best is None or ap > best[0]:
            best = (ap, names, Cv, {(r["doc"], r["cue"], r["spk"], r["qspan"]): float(x) for r, x in zip(hr, p)})
fr, fv = sub(rows, V, fit); hr, hv = sub(rows, V, ~fit)
pk = Det((), False, 0.1).fit(fr, fv, y[fit]).predict(hr, hv)
base = {(r["doc"], r["cue"], r["spk"], r["qspan"]): float(x) for r, x in zip(hr, pk)}
data = e2e.load("train")
for label, prob in (("shipped check", None), ("sklearn keys C 0.1", base), (f"keys + stacked {best[1]} {best[2]}", best[3])):
    for th in ((0.4, 0.5), (0.5, 0.6)):
        s = e2e.score("train", {}, range(300), data=data, prob=prob, th=th)
        print("first300", label, th, "source", s["source_overlap"]["f1"], s["source_overlap"]["matched"], s["source_overlap"]["system"], "content", s["content_overlap"]["f1"], flush=True)
