"""Training of the line classifier of pasted pages (`storyline.models.lines`).

`python -m storyline.evaluation.train_lines [SHARED] [OUT]` rewrites the shipped trees from the
tune part (two thirds, by sorted file name) of the English trafilatura evaluation pages
(deterministic: same pages, same file). The held-out third is never read here.

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
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.evaluation.pasted import Page, norm, pages
from storyline.evaluation.render import RENDERERS, render
from storyline.models.lines import FEATURES, MODEL_PATH, line_features

# a line whose probability of being text is under this is furniture: chosen on the tune
# part (0.5: must-have kept 0.933, must-not leaked 0.152; 0.6: 0.916, 0.094 on 40 pages)
THRESHOLD = 0.6
SNIPPET_WEIGHT = 4.0
TREES = 150
DEPTH = 3
RATE = 0.1
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


def examples(
    folder: Path, split: str = "tune", limit: int | None = None
) -> tuple[list[list[float]], list[int], list[float]]:
    """Feature rows, labels and weights of every labelled line of every rendering."""
    rows: list[list[float]] = []
    labels: list[int] = []
    weights: list[float] = []
    for page in pages(folder, split, limit):
        extracted = extractions(page)
        for style in RENDERERS:
            lines = page_lines(page, style)
            features = line_features(lines)
            for row, label in zip(features, label_lines(lines, page, extracted), strict=True):
                if label is not None:
                    rows.append(row)
                    labels.append(label[0])
                    weights.append(label[1])
    return rows, labels, weights


def _tree(estimator: Any) -> list[list[float]]:
    tree = estimator.tree_
    nodes: list[list[float]] = []
    for node in range(tree.node_count):
        left, right = int(tree.children_left[node]), int(tree.children_right[node])
        if left < 0:
            nodes.append([-1, round(float(tree.value[node][0][0]), 5), 0, 0])
        else:
            feature = int(tree.feature[node])
            nodes.append([feature, round(float(tree.threshold[node]), 6), left, right])
    return nodes


def train(
    rows: Sequence[Sequence[float]], labels: Sequence[int], weights: Sequence[float]
) -> dict[str, Any]:
    """Gradient boosting of shallow regression trees (scikit-learn, fixed seed)."""
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier  # type: ignore[import-untyped]

    model = GradientBoostingClassifier(
        n_estimators=TREES,
        max_depth=DEPTH,
        learning_rate=RATE,
        subsample=0.5,
        random_state=0,
    )
    y = np.asarray(labels)
    w = np.asarray(weights, dtype=np.float64)
    model.fit(np.asarray(rows, dtype=np.float64), y, sample_weight=w)
    prior = float(np.sum(w * y) / np.sum(w))
    return {
        "about": "storyline line classifier of pasted pages; see storyline/models/lines.py",
        "trained_on": "trafilatura evaluation pages (English), tune part: two thirds by "
        "sorted file name, four renderings each",
        "examples": len(rows),
        "text_lines": int(sum(labels)),
        "threshold": THRESHOLD,
        "rate": RATE,
        "bias": round(float(np.log(prior / (1 - prior))), 6),
        "features": list(FEATURES),
        "trees": [_tree(stage[0]) for stage in model.estimators_],
    }


def write_model(model: dict[str, Any], out: Path) -> None:
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m storyline.evaluation.train_lines [SHARED] [OUT]`: retrain on the tune part."""
    args = list(sys.argv[1:] if argv is None else argv)
    shared = Path(args[0]) if args else Path("../shared")
    out = Path(args[1]) if len(args) > 1 else MODEL_PATH
    rows, labels, weights = examples(shared / "data" / "trafilatura-eval", "tune")
    model = train(rows, labels, weights)
    write_model(model, out)
    print(f"{out}: {model['examples']} lines, {model['text_lines']} text, {TREES} trees")


if __name__ == "__main__":
    main()
