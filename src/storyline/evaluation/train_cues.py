"""Training of the cue detector (`storyline.models.cues`) on the PolNeAR train split.

`python -m storyline.evaluation.train_cues POLNEAR_DIR [OUT]` rewrites the shipped weights
(deterministic: same corpus, same file). A verb is a positive example when it lies inside a
gold cue and our subject of it overlaps that attribution's gold source.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.models.cues import MODEL_PATH, verb_features


def _examples(directory: Path, split: str, nlp: Any) -> tuple[list[list[str]], list[int]]:
    """Every verb outside quote marks in every sentence of the split, with its label."""
    from storyline.evaluation import polnear
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
        "about": "storyline cue detector; see storyline/models/cues.py",
        "trained_on": "PolNeAR train split",
        "examples": len(rows),
        "positives": int(sum(labels)),
        "bias": round(b, 4),
        "weights": dict(sorted(weights.items())),
    }


def write_model(model: dict[str, Any], out: Path) -> None:
    out.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m storyline.evaluation.train_cues POLNEAR_DIR [OUT]`: retrain on the train split."""
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
