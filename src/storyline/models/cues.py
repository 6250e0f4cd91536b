"""The learned cue detector at run time: its weights, and the features of one verb.

Which verbs outside our word lists report someone's words or stance?

PolNeAR's cues are a long tail ("unleashed a series of tweets", "sent a letter", "refuses to
release"): most occur once, so no word list covers them. This is a logistic regression over
a verb's parse features (its lemma, tag and dependency, what its subject is: a named person
or organisation, a pronoun, a noun lemma; which clauses and objects hang on it; quote marks
in its sentence). It is trained on the PolNeAR TRAIN split only: a verb is a positive example
when it lies inside a gold cue and our subject of it overlaps that attribution's gold source.
A verb whose lemma holds no weight (too rare in the training texts) is judged by the rest of
its features: "recapitulated that ..." with a named subject passes on its frame.

The weights ship as `cue_model.json` next to this module: feature keys (single lemmas, tags,
dependency labels) and numbers, nothing from the corpus text. The training lives with the
evaluation code: `python -m storyline.evaluation.train_cues ../shared/data/polnear`
(deterministic: same corpus, same file).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).with_name("cue_model.json")
# A verb is a cue when the model gives it at least this probability.
THRESHOLD = 0.4
# The attribution check (`storyline.stages.quotes.confidence`): a found quote keeps its
# speaker when this second model, trained the same way on the quotes we find, gives the
# speaker at least this probability of being a gold source.
ATTRIBUTION_MODEL_PATH = Path(__file__).with_name("attribution_model.json")
ATTRIBUTION_THRESHOLD = 0.4
# A direct quote the check doubts keeps its words and loses only its speaker, so its speaker
# must pass a higher bar than an indirect quote's, which the check drops with its words.
ATTRIBUTION_THRESHOLD_DIRECT = 0.5
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "who", "which", "that"})
_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_MARKS = '"“”'


class CueModel:
    """The weights of the detector and the lemmas it may call a cue."""

    def __init__(self, weights: dict[str, float], bias: float) -> None:
        self.weights = weights
        self.bias = bias
        # a lemma whose own weight, with the best other features, can pass the threshold
        # is worth parsing its sentence for
        self.lemmas = frozenset(
            key[len("lemma=") :]
            for key, value in weights.items()
            if key.startswith("lemma=") and value > 0
        )
        # the lemmas it holds a weight for; one it has none for (seen in fewer than
        # `min_count` verbs of the training texts, or weighed to nothing) is judged by its
        # frame alone
        self.known = frozenset(key[len("lemma=") :] for key in weights if key.startswith("lemma="))

    def may_be_cue(self, lemma: str) -> bool:
        """Whether a verb of this lemma is worth the detector's look: its own weight is
        positive, or it has none (a rare verb, "recapitulate", judged by its frame)."""
        return lemma in self.lemmas or lemma not in self.known

    def probability(self, features: Sequence[str]) -> float:
        # summed in sorted order: the same float whatever the hash seed
        score = self.bias + sum(self.weights.get(f, 0.0) for f in sorted(set(features)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@cache
def cue_model() -> CueModel:
    return _load(MODEL_PATH)


@cache
def attribution_model() -> CueModel:
    """The weights of the attribution check (same file layout as the cue detector's)."""
    return _load(ATTRIBUTION_MODEL_PATH)


def _load(path: Path) -> CueModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return CueModel({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]))


def verb_features(
    text: str,
    tokens: Sequence[Any],
    graph: Any,
    entities: Sequence[Any],
    verb: int,
    subject: int | None,
    sentence: tuple[int, int],
    holding: Callable[[int], Iterable[Any]] | None = None,
) -> list[str]:
    """The feature keys of one verb: its own lemma, tag and dependency; its subject's kind;
    the dependencies (and prepositions) of its children; quote marks in its sentence.

    `holding(position)` gives the entities holding a position in their order (an index the
    quotes stage builds once per article); without it every entity is looked at."""
    token = tokens[verb]
    lemma = token.lemma.lower()
    features = [f"lemma={lemma}", f"tag={token.tag}", f"dep={graph.dep.get(verb, '')}"]
    head = graph.head.get(verb, verb)
    if head != verb:
        features.append(f"head={tokens[head].lemma.lower()}")
    if subject is None:
        features.append("subj=none")
    else:
        word = text[tokens[subject].start : tokens[subject].end].lower()
        position = tokens[subject].start
        held = (
            holding(position)
            if holding is not None
            else (e for e in entities if e.start <= position < e.end)
        )
        label = next((e.label for e in held if e.label in _LABELS), None)
        if word in _PRONOUNS:
            features.append(f"subj_pron={word}")
        elif label is not None:
            features.append(f"subj_ent={label}")
        else:
            features.append(f"subj_lemma={tokens[subject].lemma.lower()}")
        features.append(f"subj_pos={tokens[subject].pos}")
        features.append("subj_left" if subject < verb else "subj_right")
    for kid in graph.kids(verb):
        dep = graph.dep[kid]
        if dep in ("punct", "det"):
            continue
        side = "r" if kid > verb else "l"
        features.append(f"kid={dep}_{side}")
        if dep in ("prep", "prt", "neg", "aux", "mark"):
            features.append(f"{dep}={text[tokens[kid].start : tokens[kid].end].lower()}")
        if dep in ("dobj", "xcomp", "ccomp") and kid > verb:
            # "sent a letter", "refuses to release", "hopes he wins"
            features.append(f"{dep}_lemma={tokens[kid].lemma.lower()}")
    if any(mark in text[sentence[0] : sentence[1]] for mark in _MARKS):
        features.append("quote_mark")
    return features
