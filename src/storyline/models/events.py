"""The learned event-mention detector at run time: its weights, and the features of a token.

Which words of a news text head an event mention ("the quake *struck*", "the *arrest*",
"*talks* broke down")? A logistic regression over each token of a sentence decides, from
what the annotate stage already gives every token (no dependency parse, so the detector
costs no parsing): its lemma, word form, coarse and fine part of speech, shape, suffixes
(-tion, -ment, -ure, ...), the named-entity label it lies in, and the lemmas and tags of
its neighbours. Adjacent tokens the model takes form one mention ("shot dead", "took
place").

It is trained on TempEval-3 (TimeBank and AQUAINT EVENT tags), the annotated sentences of
the ECB+ train topics (action mentions) and MEANTIME (event mentions), each with a part held
out (see `storyline.evaluation.train_events`, which reproduces `event_model.json` byte for
byte: `python -m storyline.evaluation.train_events`). The weights file holds feature keys
(lemmas, tags, suffixes) and numbers, no corpus text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Sequence
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import Any

from storyline.model import Annotation, Token

MODEL_PATH = Path(__file__).with_name("event_model.json")
# A token heads an event mention when the model gives it at least this probability (the
# weights file's own threshold, chosen by `train_events --cv`, comes first).
THRESHOLD = 0.4
_SUFFIXES = ("tion", "sion", "ment", "ure", "ance", "ence", "ing", "ism", "al", "age", "ery")


class EventModel:
    """The weights of the detector."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    def probability(self, features: Sequence[str]) -> float:
        # (the same additions in the same order as a generator of `get`s, without its frames)
        score = self.bias + sum(map(self.weights.get, features, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-score))


@cache
def event_model(path: Path = MODEL_PATH) -> EventModel:
    """The shipped weights (read once per process)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return EventModel(
        {str(k): float(v) for k, v in data["weights"].items()},
        float(data["bias"]),
        float(data.get("threshold", THRESHOLD)),
    )


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word[:6]:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


def token_features(
    tokens: Sequence[Token],
    words: Sequence[str],
    labels: Sequence[str],
    i: int,
    lemmas: Sequence[str] | None = None,
) -> list[str]:
    """The features of token `i` of one sentence: `words` are the tokens' texts and
    `labels` the named-entity label each lies in ("" outside any); `lemmas`, where given,
    the tokens' lemmas lower-cased (each is read by up to five tokens' features)."""
    token = tokens[i]
    word = words[i]
    lower = word.lower()
    lemma = lemmas[i] if lemmas is not None else token.lemma.lower()

    def at(j: int) -> tuple[str, str, str]:
        if 0 <= j < len(tokens):
            found = lemmas[j] if lemmas is not None else tokens[j].lemma.lower()
            return found, tokens[j].tag, tokens[j].pos
        return ("<s>", "<s>", "<s>") if j < 0 else ("</s>", "</s>", "</s>")

    p1, p2, n1, n2 = at(i - 1), at(i - 2), at(i + 1), at(i + 2)
    features = [
        f"l={lemma}",
        f"w={lower}",
        f"p={token.pos}",
        f"t={token.tag}",
        f"lp={lemma}|{token.pos}",
        f"sh={_shape(word)}",
        f"s3={lower[-3:]}",
        f"s4={lower[-4:]}",
        f"ne={labels[i] or '-'}",
        f"ne={labels[i] or '-'}|{token.pos}",
        f"l-1={p1[0]}",
        f"l+1={n1[0]}",
        f"t-1={p1[1]}",
        f"t+1={n1[1]}",
        f"t-2={p2[1]}",
        f"t+2={n2[1]}",
        f"tt-1={p1[1]}|{token.tag}",
        f"tt+1={token.tag}|{n1[1]}",
        f"ll-1={p1[0]}|{lemma}",
        f"ll+1={lemma}|{n1[0]}",
        f"l-1t={p1[0]}|{token.tag}",
        f"tl+1={token.tag}|{n1[0]}",
        f"p-2p-1={p2[2]}|{p1[2]}|{token.pos}",
        f"pp+1p+2={token.pos}|{n1[2]}|{n2[2]}",
    ]
    for suffix in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            features.append(f"suf={suffix}|{token.pos}")
    if word[:1].isupper() and i > 0:
        features.append("cap")
    return features


def sentence_features(
    annotation: Annotation, text: str, *, skip: Collection[str] = ()
) -> list[tuple[list[int], list[list[str]]]]:
    """For each sentence of `annotation`, its token indices and each token's features; a
    token whose part of speech is in `skip` gets none (the detector never scores it)."""
    tokens = annotation.tokens
    labels = [""] * len(tokens)
    entities = sorted(annotation.entities, key=lambda e: e.start)
    cursor = 0
    for i, token in enumerate(tokens):
        while cursor < len(entities) and entities[cursor].end <= token.start:
            cursor += 1
        if cursor < len(entities) and entities[cursor].start <= token.start:
            labels[i] = entities[cursor].label
    out = []
    index = 0
    for sentence in annotation.sentences:
        while index < len(tokens) and tokens[index].start < sentence.start:
            index += 1
        end = index
        while end < len(tokens) and tokens[end].start < sentence.end:
            end += 1
        ids = list(range(index, end))
        if ids:
            sent = [tokens[j] for j in ids]
            words = [text[t.start : t.end] for t in sent]
            names = [labels[j] for j in ids]
            lemmas = [t.lemma.lower() for t in sent]
            out.append(
                (
                    ids,
                    [
                        [] if t.pos in skip else token_features(sent, words, names, k, lemmas)
                        for k, t in enumerate(sent)
                    ],
                )
            )
        index = end
    return out


def detect(
    annotation: Annotation, text: str, *, model: EventModel | None = None
) -> list[tuple[int, int, float]]:
    """The event mentions of an annotated text: `(first token, last token + 1, probability)`
    in text order; adjacent tokens taken by the model form one mention, except that a verb
    after a word other than an auxiliary starts its own. Punctuation never heads a mention."""
    chosen = model or event_model()
    found: list[tuple[int, int, float]] = []
    for ids, features in sentence_features(annotation, text, skip=_NEVER):
        run: list[tuple[int, float]] = []
        for j, feats in zip(ids, features, strict=True):
            token = annotation.tokens[j]
            p = chosen.probability(feats) if token.pos not in _NEVER else 0.0
            # a verb after a taken noun or verb starts a mention of its own ("the quake |
            # destroyed"); what follows a verb joins it ("opened fire", "shot dead")
            if run and (p < chosen.threshold or _starts_anew(annotation.tokens, run[-1][0], j)):
                found.append((run[0][0], run[-1][0] + 1, max(q for _, q in run)))
                run = []
            if p >= chosen.threshold:
                run.append((j, p))
        if run:
            found.append((run[0][0], run[-1][0] + 1, max(q for _, q in run)))
    return found


def _starts_anew(tokens: Sequence[Token], previous: int, current: int) -> bool:
    return tokens[current].pos == "VERB" and tokens[previous].pos != "AUX"


_NEVER = frozenset({"PUNCT", "SYM", "SPACE", "DET", "CCONJ", "NUM", "PRON"})
