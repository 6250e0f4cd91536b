import pickle, sys, time
import numpy as np
sys.path.insert(0, "/work/cache/s16-polnear")
from common import sha, C
from storyline.models.sentences import encoder
for split in sys.argv[1:]:
    rows = pickle.load(open(C + f"attr_{split}.pkl", "rb"))
    emb = pickle.load(open(C + f"emb_{split}.pkl", "rb"))
    need = sorted({r["ctext"] for r in rows} | {r["stext"] for r in rows})
    store = {}
    # keep only the spans needed: cue and speaker vectors per row, computed from pieces
    todo = [t for t in need if sha(t) not in emb]
    t0 = time.process_time()
    enc = encoder()
    for i in range(0, len(todo), 256):
        chunk = todo[i:i+256]
        for text, e in zip(chunk, enc.encode(chunk)):
            emb[sha(text)] = (e.vector, e.pieces.astype(np.float16), e.offsets)
        print(split, i + len(chunk), len(todo), round(time.process_time() - t0, 1), flush=True)
    def span(text, s0, sp):
        vec, pieces, offs = emb[sha(text)]
        a, b = sp[0] - s0, sp[1] - s0
        sel = [i for i, (s, e) in enumerate(offs) if s < b and e > a]
        if not sel:
            return np.zeros(384, np.float32)
        v = pieces[sel].astype(np.float32).mean(0); n = np.linalg.norm(v)
        return v / n if n > 0 else v
    cue = np.stack([span(r["ctext"], r["csent"][0], r["cue"]) for r in rows])
    spk = np.stack([span(r["stext"], r["ssent"][0], r["spk"]) for r in rows])
    sent = np.stack([emb[sha(r["ctext"])][0] for r in rows])
    np.savez(C + f"attrvec_{split}.npz", cue=cue, spk=spk, sent=sent)
    print("done", split, len(todo), round(time.process_time() - t0, 1), flush=True)
