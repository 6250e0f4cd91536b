"""Training of the line classifier of pasted pages (`storyline.models.lines`).

`python -m storyline.evaluation.train_lines [SHARED] [OUT]` rewrites the shipped word weights,
trees and threshold from the tune part (two thirds, by sorted file name) of the English
trafilatura evaluation pages (deterministic: same pages, same file; run with
`OMP_NUM_THREADS=1`, as the shipped file was). The held-out third is never read here.

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
from storyline.models.lines import FEATURES, MODEL_PATH, line_features, line_tokens

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


def renderings(folder: Path, split: str = "tune", limit: int | None = None) -> list[Rendering]:
    """(page number, non-blank lines, labels) of each rendering of each page."""
    out: list[Rendering] = []
    for number, page in enumerate(pages(folder, split, limit)):
        extracted = extractions(page)
        for style in RENDERERS:
            lines = page_lines(page, style)
            out.append((number, lines, label_lines(lines, page, extracted)))
    return out


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


def train(data: Sequence[Rendering]) -> dict[str, Any]:
    """Word weights, then gradient-boosted trees (scikit-learn's histogram boosting, fixed
    seed), the threshold chosen on out-of-fold probabilities of the training pages."""
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
    for fold in range(FOLDS):
        held = f == fold
        out_of_fold[held] = _fit(x[~held], y[~held], w[~held]).predict_proba(x[held])[:, 1]
    threshold, table = choose_threshold(out_of_fold, y, w)
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
    }


def write_model(model: dict[str, Any], out: Path) -> None:
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m storyline.evaluation.train_lines [SHARED] [OUT]`: retrain on the tune part."""
    args = list(sys.argv[1:] if argv is None else argv)
    shared = Path(args[0]) if args else Path("../shared")
    out = Path(args[1]) if len(args) > 1 else MODEL_PATH
    model = train(renderings(shared / "data" / "trafilatura-eval", "tune"))
    write_model(model, out)
    print(
        f"{out}: {model['examples']} lines, {model['text_lines']} text, {TREES} trees, "
        f"{len(model['words'])} words, threshold {model['threshold']} "
        f"(out-of-fold kept/leaked: {model['threshold_table']})"
    )


if __name__ == "__main__":
    main()
