"""Training of the cue detector (`storyline.models.cues`) on the PolNeAR train split, and of
the attribution check (`storyline.stages.quotes.confidence`).

`python -m storyline.evaluation.train_cues POLNEAR_DIR [OUT]` rewrites the shipped weights
(deterministic: same corpus, same file). A verb is a positive example when it lies inside a
gold cue and our subject of it overlaps that attribution's gold source.

`python -m storyline.evaluation.train_cues --attributions POLNEAR_DIR [OUT]` rewrites
`attribution_model.json`: every quote with a speaker that the rules find (before the check)
in the train texts from the 301st on, in name order, is an example, positive when the
speaker's mention shares a character with a gold source of its text. The first
`HELD_OUT` train texts are left out, so that `storyline eval polnear --split train --limit
300` scores the check on texts it was not fit on.

Each file records the digest of the examples of a small slice (`SLICE_TEXTS` texts:
`slice_record`) that `tests/test_model_drift.py` recomputes: a change to the stages that
moves them fails it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.models.cues import ATTRIBUTION_MODEL_PATH, MODEL_PATH, verb_features

# The first train texts, in name order, that the attribution check is not trained on.
HELD_OUT = 300
# The attribution check's L2 penalty: stronger than the detector's (1.0), which fit its
# rarer features (a cue lemma, a speaker noun) to the train texts (docs/benchmarks.md,
# Quotes, "Session 10 (s10-quotes)": held-out source overlap up with 3 and 10).
ATTRIBUTION_L2 = 10.0
# The slice whose examples each file records (`slice_record`): this many texts, the first of
# the train split for the detector, the first it is trained on (the 301st) for the check.
SLICE_TEXTS = 5
COMMAND = "python -m storyline.evaluation.train_cues ../shared/data/polnear"
ATTRIBUTION_COMMAND = (
    "python -m storyline.evaluation.train_cues --attributions ../shared/data/polnear"
)


def _examples(
    directory: Path, split: str, nlp: Any, limit: int | None = None
) -> tuple[list[list[str]], list[int]]:
    """Every verb outside quote marks in every sentence of the split (of its first `limit`
    texts), with its label."""
    from storyline.evaluation import polnear
    from storyline.stages import quotes
    from storyline.stages.annotate import (
        annotate_articles,
        dependency_graph,
        parse_sentences,
        split_at_paragraphs,
    )

    documents = polnear.polnear_documents(directory, split)[:limit]
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


def attribution_rows(
    documents: Sequence[tuple[str, str, Sequence[Any]]],
    articles: Sequence[Any],
    annotations: Sequence[Any],
    discards: dict[str, list[tuple[int, int]]],
    *,
    nlp: Any,
    parses: dict[Any, Any],
) -> tuple[list[list[str]], list[int]]:
    """The attribution check's examples: features and label of every quote with a speaker
    (quotes starting in a `Discard` span left out, as the scorer leaves them out)."""
    from storyline.evaluation import polnear
    from storyline.stages.quotes.confidence import _features
    from storyline.stages.quotes.extract import _extract

    rows: list[list[str]] = []
    labels: list[int] = []
    for (name, text, gold), article, annotation in zip(
        documents, articles, annotations, strict=True
    ):
        found = _extract(article, annotation, nlp=nlp, parses=parses)
        if found is None:
            continue
        quotes, ctx = found
        sources: set[int] = set()
        for attribution in gold:
            if attribution.source:
                sources |= polnear._chars(text, attribution.source)
        kept = set(map(id, polnear.outside_discards(quotes, discards.get(name, []))))
        for quote in quotes:
            if quote.speaker is None or id(quote) not in kept:
                continue
            mention = quote.speaker.mention
            rows.append(_features(ctx, quote, quotes))
            labels.append(
                int(bool(polnear._chars(text, ((mention.start, mention.end),)) & sources))
            )
    return rows, labels


def _attribution_examples(
    directory: Path, nlp: Any, limit: int | None = None
) -> tuple[list[list[str]], list[int]]:
    """The attribution check's examples on the train texts after the first `HELD_OUT` (the
    first `limit` of them)."""
    from storyline.evaluation import polnear
    from storyline.stages.annotate import annotate_articles

    end = HELD_OUT + limit if limit is not None else None
    documents = polnear.polnear_documents(directory, "train")[HELD_OUT:end]
    articles = [polnear.plain_article(name, text) for name, text, _ in documents]
    annotations = annotate_articles(articles, nlp=nlp)
    discards = polnear._discards(directory, "train")
    return attribution_rows(documents, articles, annotations, discards, nlp=nlp, parses={})


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


def slice_record(directory: Path, *, nlp: Any, attributions: bool = False) -> dict[str, Any]:
    """The drift record (`drift.drift_record`) of the examples of the first `SLICE_TEXTS`
    texts the detector (or, with `attributions`, the check) is trained on."""
    from storyline.evaluation.drift import drift_record

    if attributions:
        rows, labels = _attribution_examples(directory, nlp, SLICE_TEXTS)
        first = HELD_OUT + 1
    else:
        rows, labels = _examples(directory, "train", nlp, SLICE_TEXTS)
        first = 1
    return drift_record(f"PolNeAR train texts {first}-{first + SLICE_TEXTS - 1}", rows, labels)


def write_model(model: dict[str, Any], out: Path) -> None:
    out.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m storyline.evaluation.train_cues [--attributions] POLNEAR_DIR [OUT]`: retrain
    the cue detector (or, with `--attributions`, the attribution check) on the train split."""
    from storyline.config import Config
    from storyline.stages.annotate import load_pipeline

    args = list(sys.argv[1:] if argv is None else argv)
    attributions = "--attributions" in args
    args = [a for a in args if a != "--attributions"]
    directory = Path(args[0]) if args else Path("../shared/data/polnear")
    default = ATTRIBUTION_MODEL_PATH if attributions else MODEL_PATH
    out = Path(args[1]) if len(args) > 1 else default
    config = Config()
    nlp = load_pipeline(config.model, check=config.check_model)
    if attributions:
        rows, labels = _attribution_examples(directory, nlp)
        model = train(rows, labels, l2=ATTRIBUTION_L2)
        model["about"] = "storyline attribution check; see storyline/stages/quotes/confidence.py"
        model["trained_on"] = f"PolNeAR train split, texts {HELD_OUT + 1} and later in name order"
    else:
        rows, labels = _examples(directory, "train", nlp)
        model = train(rows, labels)
    model["drift_check"] = slice_record(directory, nlp=nlp, attributions=attributions)
    write_model(model, out)
    unit, positive = ("quotes", "on a gold source") if attributions else ("verbs", "cues")
    examples, positives = model["examples"], model["positives"]
    print(f"{out}: {examples} {unit}, {positives} {positive}, {len(model['weights'])} weights")


if __name__ == "__main__":
    main()
