import pickle, sys
import numpy as np
sys.path.insert(0, "/work/cache/s16-polnear")
from common import C
from mdl import Det, sub
import e2e
names = tuple(n for n in sys.argv[1].split("+") if n != "keys"); Cv = float(sys.argv[2])
ths = [tuple(float(x) for x in a.split("/")) for a in sys.argv[3].split(",")]
def load(split):
    rows = pickle.load(open(C + f"attr_{split}.pkl", "rb"))
    z = np.load(C + f"attrvec_{split}.npz"); return rows, {k: z[k] for k in z.files}
rows, V = load("train")
y = np.array([r["label"] for r in rows]); doc = np.array([r["doc"] for r in rows])
fit = doc >= 300
fr, fv = sub(rows, V, fit)
det = Det(names, False, Cv).fit(fr, fv, y[fit])
def probs(rs, vs):
    p = det.predict(rs, vs)
    return {(r["doc"], r["cue"], r["spk"], r["qspan"]): float(x) for r, x in zip(rs, p)}
hr, hv = sub(rows, V, ~fit)
ph = probs(hr, hv)
data = e2e.load("train")
for th in ths:
    s = e2e.score("train", {}, range(300), data=data, prob=ph, th=th)
    print("first300", sys.argv[1], Cv, th, "source", s["source_overlap"]["f1"], s["source_overlap"]["matched"], s["source_overlap"]["system"], "content", s["content_overlap"]["f1"], flush=True)
if "--dev" in sys.argv:
    dr, dv = load("dev")
    pd = probs(dr, dv)
    for th in ths:
        s = e2e.score("dev", {}, prob=pd, th=th)
        print("dev", sys.argv[1], Cv, th, "source", s["source_overlap"]["f1"], s["source_overlap"]["matched"], s["source_overlap"]["system"], "content", s["content_overlap"]["f1"], flush=True)
