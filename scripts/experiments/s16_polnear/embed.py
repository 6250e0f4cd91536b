import pickle, sys, os, time
import numpy as np
sys.path.insert(0, "/work/cache/s16-polnear")
from common import sha, C
from storyline.models.sentences import encoder

def cache_path(split):
    return C + f"emb_{split}.pkl"

def embed(split, texts):
    path = cache_path(split)
    store = pickle.load(open(path, "rb")) if os.path.exists(path) else {}
    todo = sorted({t for t in texts if sha(t) not in store})
    enc = encoder()
    t0 = time.process_time()
    for i in range(0, len(todo), 256):
        chunk = todo[i:i+256]
        for text, e in zip(chunk, enc.encode(chunk)):
            store[sha(text)] = (e.vector, e.pieces.astype(np.float16), e.offsets)
        print(split, i + len(chunk), "of", len(todo), round(time.process_time() - t0, 1), flush=True)
    pickle.dump(store, open(path, "wb"))
    return store, len(todo), time.process_time() - t0

if __name__ == "__main__":
    for split in sys.argv[1:]:
        rows = pickle.load(open(C + f"cands_{split}.pkl", "rb"))
        _, n, cpu = embed(split, [r["stext"] for r in rows])
        print("embedded", split, n, "sentences", round(cpu, 1), "CPU s")
