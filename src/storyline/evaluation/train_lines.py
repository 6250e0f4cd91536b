"""Training of the line classifier of pasted pages (`storyline.models.lines`).

`python -m storyline.evaluation.train_lines [SHARED] [OUT]` rewrites the shipped word weights,
trees and threshold from the tune part (two thirds, by sorted file name) of the English
trafilatura evaluation pages (deterministic: same pages, same file; run with
`OMP_NUM_THREADS=1`, as the shipped file was). The held-out third is never read here. The
same command writes the page decoder's two numbers (`lines_decoder.json`, see `choose_decoder`).

Each page is rendered to a reader's text copy by the four renderers of
`storyline.evaluation.render`, and each non-blank line is labelled:

- text (1) when it holds a must-have ("with") snippet, or most of one, and no must-not one;
- furniture (0) when it holds a must-not ("without") snippet, or most of one;
- text when it is the page's title (trafilatura's metadata): the clean stage keeps the
  headline;
- otherwise by trafilatura's own extraction of the HTML: text when both its precision and its
  recall settings keep the line, furniture when neither does; a line only one of them keeps
  is left out of training.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.evaluation.pasted import Page, norm, pages
from storyline.evaluation.render import RENDERERS, render
from storyline.models.lines import (
    DECODER_PATH,
    FEATURES,
    KEPT,
    MODEL_PATH,
    Decoder,
    line_features,
    line_tokens,
    log_odds,
)

SNIPPET_WEIGHT = 4.0
TREES = 200
DEPTH = 4
RATE = 0.1
# the pages are split into this many folds (by their order) for the word weights the trees
# are trained on (each page's from the other folds, as a new page's are from all) and for
# the choice of the threshold
FOLDS = 5
# a word is weighted when it is in labelled lines of at least this many pages (a site's own
# name or menu is not learned)
WORD_PAGES = 6
THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(9))
# the decoder's grid: the bias of the body span and the log-odds a line after the body needs
# (None: what the threshold asks, no decoder)
SPAN_BIASES = (-1.0, -0.5, 0.0, 0.5)
AFTERS = (None, 0.5, 1.5, 3.0)
# a line this long that is a substring of the extraction is in it (shorter ones must match
# a whole extracted line: "Home" is a substring of many paragraphs)
_SUBSTRING_CHARS = 40


class _Extraction:
    def __init__(self, text: str | None) -> None:
        lines = [norm(line) for line in (text or "").splitlines()]
        self.lines = frozenset(line for line in lines if line)
        self.joined = " ".join(line for line in lines if line)

    def __contains__(self, line: object) -> bool:
        assert isinstance(line, str)
        return line in self.lines or (len(line) >= _SUBSTRING_CHARS and line in self.joined)


def _holds(line: str, snippets: Sequence[str]) -> bool:
    """The line holds one of the snippets, or most of one (a snippet split over lines)."""
    for snippet in snippets:
        if snippet in line:
            return True
        if len(line) >= 20 and line in snippet and 2 * len(line) >= len(snippet):
            return True
    return False


def extractions(page: Page) -> tuple[_Extraction, _Extraction, str]:
    """trafilatura's main text of the page with its precision and its recall settings, and
    the page's title as trafilatura reads it."""
    import trafilatura

    metadata = trafilatura.extract_metadata(page.html)
    return (
        _Extraction(trafilatura.extract(page.html, favor_precision=True)),
        _Extraction(trafilatura.extract(page.html, favor_recall=True)),
        norm(getattr(metadata, "title", None) or ""),
    )


def label_lines(
    lines: Sequence[str], page: Page, extracted: tuple[_Extraction, _Extraction, str]
) -> list[tuple[int, float] | None]:
    """(label, weight) for each non-blank line of a copy of `page`, or None to leave it out:
    label 1 text, 0 furniture; a line a snippet labels weighs `SNIPPET_WEIGHT`, since the
    snippets are the evaluation's own judgement and trafilatura's extraction only a guide."""
    precise, recalled, title = extracted
    with_ = [norm(s) for s in page.with_]
    without = [norm(s) for s in page.without]
    labels: list[tuple[int, float] | None] = []
    for raw in lines:
        line = norm(raw)
        if title and line == title:
            labels.append((1, 1.0))  # the headline: the clean stage keeps it as the title
            continue
        good, bad = _holds(line, with_), _holds(line, without)
        if good or bad:
            labels.append(None if good and bad else (int(good), SNIPPET_WEIGHT))
            continue
        in_precise, in_recalled = line in precise, line in recalled
        if in_precise and in_recalled:
            labels.append((1, 1.0))
        else:
            labels.append(None if in_precise or in_recalled else (0, 1.0))
    return labels


def page_lines(page: Page, style: str) -> list[str]:
    return [line for line in render(page.html, style).splitlines() if line.strip()]


Rendering = tuple[int, list[str], list[tuple[int, float] | None]]
# a page's must-have and must-not snippets, whitespace-normalised
Snippets = tuple[list[str], list[str]]


def renderings(folder: Path, split: str = "tune", limit: int | None = None) -> list[Rendering]:
    """(page number, non-blank lines, labels) of each rendering of each page."""
    out: list[Rendering] = []
    for number, page in enumerate(pages(folder, split, limit)):
        extracted = extractions(page)
        for style in RENDERERS:
            lines = page_lines(page, style)
            out.append((number, lines, label_lines(lines, page, extracted)))
    return out


def snippets(folder: Path, split: str = "tune", limit: int | None = None) -> list[Snippets]:
    """The must-have and must-not snippets of each page, in the order of `renderings`."""
    return [
        ([norm(s) for s in page.with_], [norm(s) for s in page.without])
        for page in pages(folder, split, limit)
    ]


def word_weights(data: Sequence[Rendering]) -> dict[str, float]:
    """Log-odds of each token (`line_tokens`) in text lines against furniture lines (add-one
    smoothed), for the tokens of labelled lines of at least `WORD_PAGES` pages."""
    counts: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    totals = [0, 0]
    seen: dict[str, set[int]] = {}
    for number, lines, labels in data:
        for line, label in zip(lines, labels, strict=True):
            if label is None:
                continue
            totals[label[0]] += 1
            for token in line_tokens(line):
                counts[label[0]][token] += 1
                seen.setdefault(token, set()).add(number)
    weights = {}
    for token in sorted(seen):
        if len(seen[token]) >= WORD_PAGES:
            text = (counts[1][token] + 1) / (totals[1] + 2)
            furniture = (counts[0][token] + 1) / (totals[0] + 2)
            weights[token] = round(math.log(text / furniture), 3)
    return weights


def examples(
    data: Sequence[Rendering], fold_weights: Sequence[dict[str, float]]
) -> tuple[list[list[float]], list[int], list[float], list[int]]:
    """Feature rows, labels, weights and folds of every labelled line of every rendering; a
    line's word weights are those learned on the other folds' pages."""
    rows: list[list[float]] = []
    labels: list[int] = []
    weights: list[float] = []
    folds: list[int] = []
    for number, lines, line_labels in data:
        fold = number % FOLDS
        features = line_features(lines, fold_weights[fold])
        for row, label in zip(features, line_labels, strict=True):
            if label is not None:
                rows.append(row)
                labels.append(label[0])
                weights.append(label[1])
                folds.append(fold)
    return rows, labels, weights, folds


def _fit(rows: Any, labels: Any, weights: Any) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier  # type: ignore[import-untyped]

    model = HistGradientBoostingClassifier(
        max_iter=TREES,
        max_depth=DEPTH,
        learning_rate=RATE,
        early_stopping=True,
        validation_fraction=0.1,
        random_state=0,
    )
    return model.fit(rows, labels, sample_weight=weights)


def _tree(predictor: Any) -> list[list[float]]:
    """One tree as nodes [feature, threshold, left, right] or [-1, value, 0, 0]; a row goes
    left when its feature is at most the threshold (no missing values here)."""
    nodes: list[list[float]] = []
    for node in predictor.nodes:
        if node["is_leaf"]:
            nodes.append([-1, round(float(node["value"]), 6), 0, 0])
        else:
            threshold = round(float(node["num_threshold"]), 6)
            nodes.append(
                [int(node["feature_idx"]), threshold, int(node["left"]), int(node["right"])]
            )
    return nodes


def choose_threshold(probabilities: Any, labels: Any, weights: Any) -> tuple[float, list[Any]]:
    """The threshold that keeps the most text snippet lines and lets through the fewest
    furniture snippet lines (largest kept minus leaked) on out-of-fold probabilities; with
    its table of (threshold, kept, leaked)."""
    import numpy as np

    snippet = weights >= SNIPPET_WEIGHT
    text, furniture = snippet & (labels == 1), snippet & (labels == 0)
    if not text.any() or not furniture.any():  # no snippets of both kinds: every line
        text, furniture = labels == 1, labels == 0
    table = []
    for threshold in THRESHOLDS:
        kept = float(np.mean(probabilities[text] >= threshold))
        leaked = float(np.mean(probabilities[furniture] >= threshold))
        table.append((threshold, round(kept, 4), round(leaked, 4)))
    best = max(table, key=lambda row: (round(row[1] - row[2], 4), -row[0]))
    return best[0], table


def _decoder_counts(
    data: Sequence[Rendering],
    page_snippets: Sequence[Snippets],
    probabilities: Sequence[Sequence[float]],
    threshold: float,
    decoder: Decoder,
) -> tuple[int, int, int, int]:
    """Must-have snippets kept, held, must-not snippets leaked, held, over the renderings,
    when each keeps the lines the decoder keeps."""
    kept = held = leaked = held_out = 0
    for (number, lines, _), line_probabilities in zip(data, probabilities, strict=True):
        with_, without = page_snippets[number]
        source = norm("\n".join(lines))
        marks = decoder.decode(line_probabilities, threshold)
        text = " ".join(norm(line) for line, mark in zip(lines, marks, strict=True) if mark == KEPT)
        for snippet in with_:
            if snippet and snippet in source:
                held += 1
                kept += snippet in text
        for snippet in without:
            if snippet and snippet in source:
                held_out += 1
                leaked += snippet in text
    return kept, held, leaked, held_out


def choose_decoder(
    data: Sequence[Rendering],
    page_snippets: Sequence[Snippets],
    probabilities: Sequence[Sequence[float]],
    threshold: float,
) -> tuple[dict[str, float], list[Any]]:
    """The decoder (`SPAN_BIASES` x `AFTERS`) that keeps the most must-have snippets and
    leaks the fewest must-not ones (largest kept minus leaked share) when each rendering of
    the training pages keeps the lines it keeps by their out-of-fold probabilities; with its
    table of (span bias, after, kept, leaked)."""
    table = []
    for bias in SPAN_BIASES:
        for after in AFTERS:
            level = log_odds(threshold) if after is None else after
            decoder = Decoder({"span_bias": bias, "after": level})
            kept, held, leaked, held_out = _decoder_counts(
                data, page_snippets, probabilities, threshold, decoder
            )
            table.append(
                (
                    bias,
                    round(level, 4),
                    round(kept / max(held, 1), 4),
                    round(leaked / max(held_out, 1), 4),
                )
            )
    best = max(table, key=lambda row: (round(row[2] - row[3], 4), -row[1], -row[0]))
    return {"span_bias": best[0], "after": best[1]}, table


def train(
    data: Sequence[Rendering], page_snippets: Sequence[Snippets] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Word weights, then gradient-boosted trees (scikit-learn's histogram boosting, fixed
    seed), the threshold chosen on out-of-fold probabilities of the training pages; and the
    decoder chosen on the out-of-fold probabilities of every line of the training pages
    (with the snippets of the pages; without them, no decoder: its after level is the
    threshold's)."""
    import numpy as np

    fold_weights = [
        word_weights([r for r in data if r[0] % FOLDS != fold]) for fold in range(FOLDS)
    ]
    rows, labels, weights, folds = examples(data, fold_weights)
    x = np.asarray(rows, dtype=np.float64)
    y = np.asarray(labels)
    w = np.asarray(weights, dtype=np.float64)
    f = np.asarray(folds)
    out_of_fold = np.zeros(len(y))
    page_probabilities: list[list[float]] = [[] for _ in data]
    for fold in range(FOLDS):
        held = f == fold
        fitted = _fit(x[~held], y[~held], w[~held])
        out_of_fold[held] = fitted.predict_proba(x[held])[:, 1]
        if page_snippets is None:
            continue
        for index, (number, lines, _) in enumerate(data):
            if number % FOLDS == fold and lines:
                every = np.asarray(line_features(lines, fold_weights[fold]), dtype=np.float64)
                page_probabilities[index] = [float(p) for p in fitted.predict_proba(every)[:, 1]]
    threshold, table = choose_threshold(out_of_fold, y, w)
    if page_snippets is None:
        decoder: dict[str, Any] = {"span_bias": 0.0, "after": round(log_odds(threshold), 4)}
        decoder_table: list[Any] = []
    else:
        decoder, decoder_table = choose_decoder(data, page_snippets, page_probabilities, threshold)
    model = _fit(x, y, w)
    trees = [_tree(predictor[0]) for predictor in model._predictors]
    bias = float(np.ravel(model._baseline_prediction)[0])
    return {
        "about": "storyline line classifier of pasted pages; see storyline/models/lines.py",
        "trained_on": "trafilatura evaluation pages (English), tune part: two thirds by "
        "sorted file name, four renderings each",
        "examples": len(rows),
        "text_lines": int(sum(labels)),
        "threshold": threshold,
        "threshold_table": [list(row) for row in table],
        "rate": 1.0,
        "bias": round(bias, 6),
        "features": list(FEATURES),
        "trees": trees,
        "words": word_weights(data),
    }, {
        "about": "storyline page decoder of pasted pages; see storyline/models/lines.py",
        "trained_on": "the line classifier's out-of-fold probabilities of every line of the "
        "tune renderings (5 folds by page); kept and leaked: the pages' snippet shares",
        **decoder,
        "table": [list(row) for row in decoder_table],
    }


def write_model(model: dict[str, Any], out: Path) -> None:
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m storyline.evaluation.train_lines [SHARED] [OUT]`: retrain on the tune part."""
    args = list(sys.argv[1:] if argv is None else argv)
    shared = Path(args[0]) if args else Path("../shared")
    out = Path(args[1]) if len(args) > 1 else MODEL_PATH
    folder = shared / "data" / "trafilatura-eval"
    model, decoder = train(renderings(folder, "tune"), snippets(folder, "tune"))
    write_model(model, out)
    decoder_out = out.with_name(DECODER_PATH.name) if len(args) > 1 else DECODER_PATH
    write_model(decoder, decoder_out)
    print(
        f"{out}: {model['examples']} lines, {model['text_lines']} text, {TREES} trees, "
        f"{len(model['words'])} words, threshold {model['threshold']} "
        f"(out-of-fold kept/leaked: {model['threshold_table']}); {decoder_out}: span bias "
        f"{decoder['span_bias']}, after {decoder['after']} (out-of-fold snippets kept/leaked: "
        f"{decoder['table']})"
    )


if __name__ == "__main__":
    main()
