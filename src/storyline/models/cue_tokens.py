"""The contextual cue detector at run time: its weights and its probability for one token.

The lemma-keyed detector (`storyline.models.cues`) only knows the lemmas it saw; PolNeAR's
missed attributions have a different cue word almost each time ("unleashed", "grilled",
"is raising questions about"). This second detector is keyed by no word: a logistic
regression over a token's `en_core_web_sm` tok2vec rows (its own, its head's and its
speaker's, 96 numbers each, from the sentence's own parse) and a few parse keys (tag,
dependency, the kinds of its children and of its speaker, a quote mark in the sentence).
It scores the verbs, nouns and adjectives the word lists and the lemma detector left alone
that the rules can turn into an attribution (a speaker and the words reported), and is
trained on the PolNeAR TRAIN texts from the 301st on: a token is a positive example when it
lies inside a gold cue and its speaker overlaps that attribution's gold source.

The weights ship as `cue_token_model.json`: numbers and parse labels, no corpus text.
`python -m storyline.evaluation.train_cue_tokens ../shared/data/polnear` rewrites it
(deterministic: same corpus, same file).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

TOKEN_MODEL_PATH = Path(__file__).with_name("cue_token_model.json")
# The width of one tok2vec row of en_core_web_sm.
WIDTH = 96


class TokenCueModel:
    """Standardised dense weights over the three tok2vec rows, keyed weights over parse
    labels, a bias and the threshold the training chose."""

    def __init__(
        self,
        mean: Sequence[float],
        scale: Sequence[float],
        dense: Sequence[float],
        weights: dict[str, float],
        bias: float,
        threshold: float,
    ) -> None:
        self.mean = np.asarray(mean, dtype=np.float64)
        self.scale = np.asarray(scale, dtype=np.float64)
        self.dense = np.asarray(dense, dtype=np.float64)
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    def probability(self, vector: Any, keys: Sequence[str]) -> float:
        """The probability that the token is a cue, from its dense `vector` (the three rows
        concatenated) and its parse `keys`."""
        values = (np.asarray(vector, dtype=np.float64) - self.mean) / self.scale
        # summed in sorted order: the same float whatever the hash seed
        score = self.bias + float(values @ self.dense)
        score += sum(self.weights.get(k, 0.0) for k in sorted(set(keys)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@cache
def token_cue_model() -> TokenCueModel:
    return load_token_model(TOKEN_MODEL_PATH)


def load_token_model(path: Path) -> TokenCueModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return TokenCueModel(
        data["mean"],
        data["scale"],
        data["dense"],
        {k: float(v) for k, v in data["weights"].items()},
        float(data["bias"]),
        float(data["threshold"]),
    )
