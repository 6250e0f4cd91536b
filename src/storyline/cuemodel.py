"""A learned cue detector: which verbs outside our word lists report someone's words or stance.

PolNeAR's cues are a long tail ("unleashed a series of tweets", "sent a letter", "refuses to
release"): most occur once, so no word list covers them. This is a logistic regression over
a verb's parse features (its lemma, tag and dependency, what its subject is: a named person
or organisation, a pronoun, a noun lemma; which clauses and objects hang on it; quote marks
in its sentence). It is trained on the PolNeAR TRAIN split only: a verb is a positive example
when it lies inside a gold cue and our subject of it overlaps that attribution's gold source.

The weights ship as `cue_model.json` next to this module: feature keys (single lemmas, tags,
dependency labels) and numbers, nothing from the corpus text. Retrain with
`python -m storyline.cuemodel ../shared/data/polnear` (deterministic: same corpus, same file).
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).with_name("cue_model.json")
# A verb is a cue when the model gives it at least this probability.
THRESHOLD = 0.4
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

    def probability(self, features: Sequence[str]) -> float:
        # summed in sorted order: the same float whatever the hash seed
        score = self.bias + sum(self.weights.get(f, 0.0) for f in sorted(set(features)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@cache
def cue_model() -> CueModel:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return CueModel({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]))


def verb_features(
    text: str,
    tokens: Sequence[Any],
    graph: Any,
    entities: Sequence[Any],
    verb: int,
    subject: int | None,
    sentence: tuple[int, int],
) -> list[str]:
    """The feature keys of one verb: its own lemma, tag and dependency; its subject's kind;
    the dependencies (and prepositions) of its children; quote marks in its sentence."""
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
        label = next(
            (
                e.label
                for e in entities
                if e.start <= tokens[subject].start < e.end and e.label in _LABELS
            ),
            None,
        )
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


# --------------------------------------------------------------------------- training


def _examples(directory: Path, split: str, nlp: Any) -> tuple[list[list[str]], list[int]]:
    """Every verb outside quote marks in every sentence of the split, with its label."""
    from storyline import polnear
    from storyline.stages import quotes
    from storyline.stages.annotate import (
        annotate_articles,
        dependency_graph,
        parse_sentences,
        split_at_paragraphs,
    )

    documents = polnear.polnear_documents(directory, split)
    articles = [polnear.plain_article(name, text) for name, text, _ in documents]
    annotations = annotate_articles(articles, nlp=nlp)
    rows: list[list[str]] = []
    labels: list[int] = []
    for (_, text, gold), article, annotation in zip(documents, articles, annotations, strict=True):
        annotation = split_at_paragraphs(annotation, text)
        parsed = parse_sentences(article, annotation, range(len(annotation.sentences)), nlp=nlp)
        graph = dependency_graph(annotation, parsed)
        regions = quotes._regions(text)
        tokens = annotation.tokens
        cues = [(a.cue, a.source) for a in gold if a.cue and a.source]
        for index in sorted(graph.head):
            token = tokens[index]
            if token.pos != "VERB" or quotes._inside(regions, token.start):
                continue
            sentence = annotation.sentences[graph.sentence[index]]
            subject = quotes._subject(graph, tokens, index)
            label = 0
            if subject is not None:
                position = tokens[subject].start
                for cue, source in cues:
                    if any(a <= token.start < b for a, b in cue) and any(
                        a <= position < b for a, b in source
                    ):
                        label = 1
                        break
            rows.append(
                verb_features(
                    text,
                    tokens,
                    graph,
                    annotation.entities,
                    index,
                    subject,
                    (sentence.start, sentence.end),
                )
            )
            labels.append(label)
    return rows, labels


def train(
    rows: Sequence[Sequence[str]],
    labels: Sequence[int],
    *,
    min_count: int = 5,
    l2: float = 1.0,
    epochs: int = 600,
    rate: float = 0.3,
) -> dict[str, Any]:
    """L2-regularised logistic regression by full-batch, diagonally scaled gradient descent
    (deterministic).

    Features seen in fewer than `min_count` examples are dropped; the weights are rounded to
    4 decimals and the zero ones left out."""
    import numpy as np

    counts = Counter(f for row in rows for f in set(row))
    keys = sorted(f for f, n in counts.items() if n >= min_count)
    column = {k: i for i, k in enumerate(keys)}
    cells = [(r, column[f]) for r, row in enumerate(rows) for f in sorted(set(row)) if f in column]
    row_of = np.asarray([r for r, _ in cells], dtype=np.int64)
    col_of = np.asarray([c for _, c in cells], dtype=np.int64)
    y = np.asarray(labels, dtype=np.float64)
    w = np.zeros(len(keys))
    b = 0.0
    n = float(len(rows))
    seen = np.bincount(col_of, minlength=len(keys)).astype(np.float64)
    for _ in range(epochs):
        score = np.bincount(row_of, weights=w[col_of], minlength=len(rows)) + b
        error = 1.0 / (1.0 + np.exp(-np.clip(score, -30.0, 30.0))) - y
        gradient = np.bincount(col_of, weights=error[row_of], minlength=len(keys))
        # each weight steps by its gradient over a bound of its curvature (a quarter of
        # its examples): rare lemmas learn as fast as frequent tags
        w -= rate * (gradient + l2 * w) / (0.25 * seen + l2)
        b -= rate * float(error.sum()) / (0.25 * n)
    weights = {k: round(float(v), 4) for k, v in zip(keys, w, strict=True) if round(float(v), 4)}
    return {
        "about": "storyline cue detector; see storyline/cuemodel.py",
        "trained_on": "PolNeAR train split",
        "examples": len(rows),
        "positives": int(sum(labels)),
        "bias": round(b, 4),
        "weights": dict(sorted(weights.items())),
    }


def write_model(model: dict[str, Any], out: Path) -> None:
    out.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m storyline.cuemodel POLNEAR_DIR [OUT]`: retrain on the train split."""
    from storyline.config import Config
    from storyline.stages.annotate import load_pipeline

    args = list(sys.argv[1:] if argv is None else argv)
    directory = Path(args[0]) if args else Path("../shared/data/polnear")
    out = Path(args[1]) if len(args) > 1 else MODEL_PATH
    config = Config()
    nlp = load_pipeline(config.model, check=config.check_model)
    rows, labels = _examples(directory, "train", nlp)
    model = train(rows, labels)
    write_model(model, out)
    print(f"{out}: {model['examples']} verbs, {model['positives']} cues, {len(model['weights'])}")


if __name__ == "__main__":
    main()
