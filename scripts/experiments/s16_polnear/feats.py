import pickle, sys
import numpy as np
sys.path.insert(0, "/work/cache/s16-polnear")
from common import sha, C

import os
def vectors(split):
    rows = pickle.load(open(C + f"cands_{split}.pkl", "rb"))
    if os.path.exists(C + f"vec_{split}.npz"):
        z = np.load(C + f"vec_{split}.npz")
        return rows, {k: z[k] for k in z.files}
    store = pickle.load(open(C + f"emb_{split}.pkl", "rb"))
    def span(r, sp):
        if sp is None:
            return np.zeros(384, np.float32)
        vec, pieces, offs = store[sha(r["stext"])]
        s0 = r["sent"][0]
        a, b = sp[0] - s0, sp[1] - s0
        sel = [i for i, (s, e) in enumerate(offs) if s < b and e > a]
        if not sel:
            return np.zeros(384, np.float32)
        v = pieces[sel].astype(np.float32).mean(axis=0)
        n = np.linalg.norm(v)
        return v / n if n > 0 else v
    tok = np.stack([span(r, r["span"]) for r in rows])
    head = np.stack([span(r, r["head"]) for r in rows])
    subj = np.stack([span(r, r["subj"]) for r in rows])
    sent = np.stack([store[sha(r["stext"])][0] for r in rows])
    V = dict(tok=tok, head=head, subj=subj, sent=sent)
    np.savez(C + f"vec_{split}.npz", **V)
    return rows, V
