"""A learned timex filter, cross-validated on the tune parts of TempEval-3 and MEANTIME.

Would a small classifier that drops some of the expressions the rules propose raise value
F1? The last errors the rules leave are words an annotator tags or not by context ("now",
"recent", "currently", "daily", "for years"). The filter is a logistic regression (the cue
detector's trainer, `train_cues.train`) over each expression's features (`timex_features`:
the rule that found it, its words, type and value shape, the words and part-of-speech tags
beside it, the tense that governs it). Every expression the rules value in a tune document
(`anchoring.anchor_rules`) is an example: positive when it shares a character with a gold
TIMEX3, negative when it shares none. The held-out thirds are never read here.

`python -m storyline.evaluation.train_timex [SHARED]` prints the cross-validated table: the
tune documents of both corpora, in order (TempEval-3's, then MEANTIME's), are dealt into
`FOLDS` folds; each fold's expressions get a probability from a model fit on the other
folds, and each (penalty, threshold) pair is scored by the value F1 of the filtered output
of each tune part, as `timeml.score_timeml` counts it. The best pair must beat the rules
alone (`"none"`) on the mean of the two parts to be worth shipping; on the session-15
corpora it does not (docs/benchmarks.md, Time expressions, Session 15), so the build ships
no filter and this module writes no weights.
"""

from __future__ import annotations

import bisect
import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.model import Timex

FOLDS = 5
PENALTIES = (1.0, 3.0, 10.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 15))
MIN_COUNT = 3

_WORD = re.compile(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]")
_DIGIT = re.compile(r"\d")
# how far to look for the neighbouring words (characters)
_WINDOW = 40

PosTagger = Callable[[Sequence[str]], list[list[tuple[int, int, str]]]]


def _tag_at(tags: Sequence[tuple[int, int, str]], position: int) -> str:
    index = bisect.bisect_left(tags, position, key=lambda t: t[0])
    if index < len(tags) and tags[index][0] == position:
        return tags[index][2]
    return "?"


def timex_features(
    text: str,
    timex: Timex,
    *,
    rule: str,
    tense: str | None,
    tags: Sequence[tuple[int, int, str]] | None = None,
) -> list[str]:
    """The feature keys of one valued expression: the rule that found it, its words, type
    and value shape (digits as 9); the two words before and the word after it, alone and
    paired with the expression; their part-of-speech tags where `tags` (`(start, end,
    penn_tag)` tokens in text order) are given; the tense that governs it; whether it opens
    a sentence.

    >>> t = Timex(8, 11, "now", "DATE", "PRESENT_REF", None)
    >>> timex_features("Talks are now over.", t, rule="fuzzy", tense="present")[:3]
    ['rule=fuzzy', 'type=DATE', 'shape=PRESENT_REF']
    """
    start, end = timex.start, timex.end
    inside = [w.lower() for w in _WORD.findall(text[start:end])]
    phrase = " ".join(inside)
    shape = _DIGIT.sub("9", timex.value)
    features = [
        f"rule={rule}",
        f"type={timex.type}",
        f"shape={shape}",
        f"text={phrase}",
        f"rule_shape={rule}|{shape}",
        f"tense={tense}",
        f"words={min(len(inside), 4)}",
    ]
    features += [f"word={w}" for w in inside]
    before = list(_WORD.finditer(text, max(0, start - _WINDOW), start))[-2:]
    after = list(_WORD.finditer(text, end, min(len(text), end + _WINDOW)))[:1]
    previous = [m[0].lower() for m in before]
    one_before = previous[-1] if previous else "<s>"
    one_after = after[0][0].lower() if after else "</s>"
    if "\n" in text[before[-1].end() if before else max(0, start - _WINDOW) : start]:
        one_before = "<s>"
    features += [
        f"prev={one_before}",
        f"next={one_after}",
        f"text_prev={phrase}|{one_before}",
        f"text_next={phrase}|{one_after}",
    ]
    if len(previous) == 2 and one_before != "<s>":
        features.append(f"prev2={previous[0]} {previous[1]}")
    if one_before in ("<s>", ".", "!", "?", '"', "“"):
        features.append("opens_sentence")
    elif text[start : start + 1].isupper():
        features.append("capitalised")
    if tags is not None:
        inner = [_tag_at(tags, m.start()) for m in _WORD.finditer(text, start, end)]
        features += [
            f"tag_prev={_tag_at(tags, before[-1].start()) if before else '<s>'}",
            f"tag_next={_tag_at(tags, after[0].start()) if after else '</s>'}",
            f"tags={' '.join(inner[:4])}",
        ]
    return features


@dataclass(frozen=True, slots=True)
class Document:
    """One tune document: its gold timexes, the expressions the rules valued (before any
    filter), their features and labels (1: shares a character with a gold timex)."""

    corpus: str
    gold: tuple[Any, ...]
    timexes: tuple[Timex, ...]
    rows: tuple[tuple[str, ...], ...]
    labels: tuple[int, ...]


def document(
    corpus: str,
    text: str,
    dct: str | None,
    gold: Sequence[Any],
    tags: Sequence[tuple[int, int, str]] | None,
    *,
    skip: tuple[int, int] | None = None,
) -> Document:
    """The examples of one text (`skip`: a span whose expressions are left out, the
    dateline a MEANTIME scorer drops)."""
    from storyline.stages.timex.anchoring import anchor_rules
    from storyline.stages.timex.detection import detect

    tags = sorted(tags) if tags is not None else None
    detections = detect(text, tags=tags)
    timexes: list[Timex] = []
    rows: list[tuple[str, ...]] = []
    labels: list[int] = []
    for timex, rule in anchor_rules(detections, dct):
        if skip is not None and not (timex.end <= skip[0] or timex.start >= skip[1]):
            continue
        tense = detections.tense(timex.start, timex.end)
        timexes.append(timex)
        rows.append(tuple(timex_features(text, timex, rule=rule, tense=tense, tags=tags)))
        labels.append(int(any(g.start < timex.end and timex.start < g.end for g in gold)))
    return Document(corpus, tuple(gold), tuple(timexes), tuple(rows), tuple(labels))


def tune_documents(shared: Path, pos_tags: PosTagger) -> list[Document]:
    """The tune documents of TempEval-3, then MEANTIME (`timeml.document_part`)."""
    from storyline.evaluation import timeml
    from storyline.evaluation.corpora import read_timeml

    paths = timeml.in_part(timeml.tempeval_paths(shared / "data" / "tempeval3"), "tune")
    meantime = timeml.in_part(timeml.read_meantime_timexes(shared / "data" / "meantime"), "tune")
    named = [("tempeval3", read_timeml(p)) for p in paths] + [("meantime", d) for d in meantime]
    tags = pos_tags([d.text for _, d in named])
    return [
        document(
            corpus,
            doc.text,
            doc.dct,
            doc.timexes,
            doc_tags,
            skip=timeml._dateline_span(doc.text) if corpus == "meantime" else None,
        )
        for (corpus, doc), doc_tags in zip(named, tags, strict=True)
    ]


def fit(documents: Sequence[Document], l2: float) -> dict[str, Any]:
    """The logistic regression over the documents' examples (`train_cues.train`)."""
    from storyline.evaluation.train_cues import train

    rows = [list(r) for d in documents for r in d.rows]
    labels = [y for d in documents for y in d.labels]
    return train(rows, labels, min_count=MIN_COUNT, l2=l2)


def probability(model: dict[str, Any], row: Sequence[str]) -> float:
    weights = model["weights"]
    score = float(model["bias"]) + sum(float(weights.get(f, 0.0)) for f in sorted(set(row)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def value_f1s(documents: Sequence[Document], kept: Sequence[Sequence[bool]]) -> dict[str, float]:
    """Value F1 of each corpus with only the kept expressions, as the scorer counts it
    (TimeML forms, `timeml.score_timeml`)."""
    from storyline.evaluation import timeml
    from storyline.stages.timex import timeml_forms

    pairs: dict[str, list[Any]] = {}
    for doc, keep in zip(documents, kept, strict=True):
        system = timeml_forms([t for t, k in zip(doc.timexes, keep, strict=True) if k])
        pairs.setdefault(doc.corpus, []).append((doc.gold, system))
    return {corpus: timeml.score_timeml(p).value_f1 for corpus, p in sorted(pairs.items())}


def cross_validate(
    documents: Sequence[Document],
) -> tuple[float | None, float, dict[str, dict[str, float]]]:
    """The (penalty, threshold) pair with the best cross-validated mean value F1, or
    `(None, 0.0)` when none beats the rules alone; and every pair's scores (`"none"`: the
    rules alone). Ties go to the first pair tried (the weaker penalty, then the lower
    threshold)."""
    baseline = value_f1s(documents, [[True] * len(d.timexes) for d in documents])
    table: dict[str, dict[str, float]] = {"none": baseline}
    best: tuple[float, float | None, float] = (sum(baseline.values()) / len(baseline), None, 0.0)
    for l2 in PENALTIES:
        held: list[list[float]] = [[] for _ in documents]
        for fold in range(FOLDS):
            model = fit([d for i, d in enumerate(documents) if i % FOLDS != fold], l2)
            for i, doc in enumerate(documents):
                if i % FOLDS == fold:
                    held[i] = [probability(model, r) for r in doc.rows]
        for threshold in THRESHOLDS:
            scores = value_f1s(documents, [[p >= threshold for p in h] for h in held])
            table[f"l2={l2} threshold={threshold}"] = scores
            mean = sum(scores.values()) / len(scores)
            if mean > best[0] + 1e-9:
                best = (mean, l2, threshold)
    return best[1], best[2], table


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m storyline.evaluation.train_timex [SHARED]`: the cross-validated table."""
    from storyline.config import Config
    from storyline.stages.annotate import load_pipeline, tag_texts

    args = list(sys.argv[1:] if argv is None else argv)
    shared = Path(args[0]) if args else Path("../shared")
    config = Config()
    nlp = load_pipeline(config.model, check=config.check_model)
    documents = tune_documents(shared, lambda texts: tag_texts(texts, nlp=nlp))
    l2, threshold, table = cross_validate(documents)
    examples = sum(len(d.labels) for d in documents)
    positives = sum(sum(d.labels) for d in documents)
    print(f"{len(documents)} tune documents, {examples} expressions, {positives} on a gold timex")
    for key, scores in table.items():
        mean = sum(scores.values()) / len(scores)
        print(f"{key}: {json.dumps({k: round(v, 4) for k, v in scores.items()})} mean {mean:.4f}")
    if l2 is None:
        print("no filter beats the rules alone: nothing to ship")
    else:
        print(f"best: l2={l2} threshold={threshold}")


if __name__ == "__main__":
    main()
