import pickle, sys
import numpy as np
from sklearn.metrics import average_precision_score
sys.path.insert(0, "/work/cache/s16-polnear")
from common import C
from mdl import Det, sub
rows = pickle.load(open(C + "attr_train.pkl", "rb"))
z = np.load(C + "attrvec_train.npz"); V = {k: z[k] for k in z.files}
y = np.array([r["label"] for r in rows]); doc = np.array([r["doc"] for r in rows])
fit = doc >= 300
print("examples", len(y), "false", (1 - y).sum(), "fit", fit.sum())
fr, fv = sub(rows, V, fit); hr, hv = sub(rows, V, ~fit)
for names in [(), ("cue",), ("spk",), ("cue", "spk"), ("cue", "spk", "sent")]:
    for Cv in [float(c) for c in sys.argv[1].split(",")]:
        p = Det(names, False, Cv).fit(fr, fv, y[fit]).predict(hr, hv)
        ap_false = average_precision_score(1 - y[~fit], 1 - p)
        ll = -np.mean(y[~fit] * np.log(p + 1e-9) + (1 - y[~fit]) * np.log(1 - p + 1e-9))
        print(f"{'+'.join(names) or 'keys'} C={Cv}: AP(false) first300 {ap_false:.3f} logloss {ll:.4f}", flush=True)
