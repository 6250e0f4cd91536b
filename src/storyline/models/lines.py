"""The learned line classifier at run time: is a line of a pasted page article text or page
furniture?

A journalist who copies a whole web page pastes the article together with the page's menus,
"follow us" rows, captions, credits, timestamps, related-article lists and footers, one block
per line. Each line is described by numbers (its length and words, end punctuation, capitals,
digits and timestamps, the share of function words and of furniture words, separators, links)
and by the same numbers of its neighbours and of its place in the page (relative position,
before the first or after the last prose line, the share of prose lines around it, the run of
short lines it belongs to, copies of it elsewhere on the page), and by learned word weights:
the log-odds of each word (lower-cased, digits as 0) in text lines against furniture lines
of the training pages, for words seen on at least six pages ("newsletter", "reply", "©"
weigh towards furniture in any sentence). A small ensemble of shallow regression trees
(gradient boosting) turns them into the probability that the line is article text.

The trees ship as `lines_model.json` next to this module: feature names, thresholds, leaf
values and the word weights, nothing of the pages' text. It is trained on two thirds of the
English pages of trafilatura's evaluation set rendered to text by several renderers (the last
third is held out): `python -m storyline.evaluation.train_lines` (deterministic: same pages,
same file).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from storyline.lexicon import entry, words

MODEL_PATH = Path(__file__).with_name("lines_model.json")

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+[\"“‘(]?[A-Z]")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b|@\w|#\w", re.I)
_BULLET = re.compile(r"^(?:[-*•·▪►>]|\d{1,2}[.)])\s")
_SEPARATORS = re.compile(r"(?:^|\s)[|•·»›/]+(?=\s|$)")
_CLOSERS = "\"'”’)]»"

OWN = (
    "chars",
    "words",
    "ends_sentence",
    "ends_colon",
    "commas",
    "capitalised",
    "all_caps",
    "digits",
    "timestamp",
    "function_words",
    "furniture_words",
    "separators",
    "link_like",
    "sentences",
    "bullet",
    "title_like",
    "word_length",
    "starts_lower",
    "quote_marks",
    "prose",
)
PAGE = (
    "position",
    "before_first_prose",
    "after_last_prose",
    "prose_near",
    "prose_around",
    "words_near",
    "short_run",
    "prose_distance",
    "copies",
    "words_before",
    "page_lines",
    "page_prose",
    "in_main_block",
    "main_block_distance",
    "block_share",
)
# the learned word weights (log-odds of a word in text lines against furniture lines) of the
# line, and the mean of its neighbours'
LEXICAL = (
    "word_weight_mean",
    "word_weight_sum",
    "word_weight_min",
    "word_weight_max",
    "furniture_weighted_words",
    "prev_word_weight_mean",
    "next_word_weight_mean",
    "near_word_weight_mean",
)
FEATURES = (
    OWN
    + tuple(f"prev_{name}" for name in OWN)
    + tuple(f"next_{name}" for name in OWN)
    + PAGE
    + LEXICAL
)
# a word whose weight is below this counts as a furniture word of the line
_FURNITURE_WEIGHT = -1.0
_TOKEN = re.compile(r"\w+(?:['’]\w+)?|[©|@#€$%]")
_DIGIT = re.compile(r"\d")


def line_tokens(text: str) -> list[str]:
    """The distinct lower-cased tokens of a line, digits as 0, sorted (the word weights' keys)."""
    return sorted({_DIGIT.sub("0", t.casefold()) for t in _TOKEN.findall(text)})


def lexical_features(lines: Sequence[str], weights: dict[str, float]) -> list[list[float]]:
    """The `LEXICAL` features of each line from the word weights."""
    own: list[list[float]] = []
    for line in lines:
        known = [weights[t] for t in line_tokens(line) if t in weights]
        if known:
            own.append(
                [
                    sum(known) / len(known),
                    sum(known),
                    min(known),
                    max(known),
                    float(sum(1 for w in known if w < _FURNITURE_WEIGHT)),
                ]
            )
        else:
            own.append([0.0] * 5)
    means = [row[0] for row in own]
    n = len(lines)
    rows = []
    for k in range(n):
        near = means[max(0, k - 3) : k + 4]
        rows.append(
            own[k]
            + [
                means[k - 1] if k else 0.0,
                means[k + 1] if k + 1 < n else 0.0,
                sum(near) / len(near),
            ]
        )
    return rows


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    return (
        words("language", "english_function_words"),
        words("clean", "furniture_words"),
        re.compile(entry("clean", "timestamp"), re.I),
    )


def _own(text: str) -> list[float]:
    function, furniture, timestamp = _vocabulary()
    body = text.strip()
    tokens = _WORD.findall(body)
    n = len(tokens)
    lower = [t.casefold() for t in tokens]
    end = body.rstrip(_CLOSERS + " \u00a0")
    ends_sentence = end.endswith((".", "!", "?", "…"))
    letters = sum(1 for c in body if c.isalpha()) or 1
    return [
        math.log1p(len(body)),
        math.log1p(n),
        float(ends_sentence),
        float(end.endswith(":")),
        body.count(",") / (n or 1),
        sum(1 for t in tokens if t[0].isupper()) / (n or 1),
        sum(1 for t in tokens if len(t) > 1 and t.isupper()) / (n or 1),
        sum(1 for c in body if c.isdigit()) / (letters + sum(1 for c in body if c.isdigit())),
        float(bool(timestamp.search(body))),
        sum(1 for t in lower if t in function) / (n or 1),
        sum(1 for t in lower if t in furniture) / (n or 1),
        math.log1p(len(_SEPARATORS.findall(body))),
        float(bool(_URL.search(body))),
        math.log1p(len(_SENTENCE_END.findall(body))),
        float(bool(_BULLET.match(body))),
        float(0 < n <= 20 and not ends_sentence and not end.endswith((":", ";", ","))),
        sum(len(t) for t in tokens) / (n or 1),
        float(bool(body) and body[0].islower()),
        float(any(q in body for q in '"“”')),
        float(n >= 12 and ends_sentence),
    ]


_PROSE = OWN.index("prose")
# prose lines with at most this many other lines between them are one block of text
_BLOCK_GAP = 4
_WORDS = OWN.index("words")


def line_features(
    lines: Sequence[str], weights: dict[str, float] | None = None
) -> list[list[float]]:
    """The feature vector (`FEATURES`) of each line of a page (its non-blank lines, in order),
    the lexical ones from the word weights (the shipped model's when not given)."""
    lexical = lexical_features(lines, line_model().words if weights is None else weights)
    own = [_own(line) for line in lines]
    n = len(lines)
    prose = [row[_PROSE] > 0 for row in own]
    short = [row[_WORDS] <= math.log1p(4) for row in own]
    prose_at = [i for i, p in enumerate(prose) if p]
    first = prose_at[0] if prose_at else n
    last = prose_at[-1] if prose_at else -1
    keys = [" ".join(line.split()).casefold() for line in lines]
    copies = Counter(keys)
    counts = [math.expm1(row[_WORDS]) for row in own]
    total = sum(counts) or 1.0
    runs = [0] * n
    index = 0
    while index < n:
        stop = index
        while stop < n and short[stop]:
            stop += 1
        for k in range(index, stop):
            runs[k] = stop - index
        index = max(stop, index + 1)
    distance = [n] * n
    for k in range(n):
        if prose[k]:
            distance[k] = 0
        elif k and distance[k - 1] < n:
            distance[k] = distance[k - 1] + 1
    for k in range(n - 2, -1, -1):
        distance[k] = min(distance[k], distance[k + 1] + 1)
    page_prose = len(prose_at) / (n or 1)
    block_of, blocks = _blocks(prose_at, counts)
    main = max(range(len(blocks)), key=lambda b: (blocks[b][2], -b)) if blocks else -1
    main_start, main_end, main_words = blocks[main] if blocks else (n, -1, 1.0)
    empty = [0.0] * len(OWN)
    rows = []
    before = 0.0
    for k in range(n):
        near = [j for j in range(max(0, k - 3), min(n, k + 4)) if j != k]
        around = [j for j in range(max(0, k - 10), min(n, k + 11)) if j != k]
        page = [
            k / (n - 1) if n > 1 else 0.0,
            float(k < first),
            float(k > last),
            sum(prose[j] for j in near) / (len(near) or 1),
            sum(prose[j] for j in around) / (len(around) or 1),
            sum(own[j][_WORDS] for j in near) / (len(near) or 1),
            math.log1p(runs[k]),
            math.log1p(distance[k]),
            math.log1p(copies[keys[k]] - 1),
            before / total,
            math.log1p(n),
            page_prose,
            float(main_start <= k <= main_end),
            math.log1p(max(main_start - k, k - main_end, 0)),
            blocks[block_of[k]][2] / main_words if blocks else 0.0,
        ]
        before += counts[k]
        rows.append(
            own[k]
            + (own[k - 1] if k else empty)
            + (own[k + 1] if k + 1 < n else empty)
            + page
            + lexical[k]
        )
    return rows


def _blocks(
    prose_at: Sequence[int], counts: Sequence[float]
) -> tuple[list[int], list[tuple[int, int, float]]]:
    """Runs of prose lines at most `_BLOCK_GAP` lines apart, as (first, last, words); and for
    each line the block it is in or, outside every block, the nearest one."""
    blocks: list[tuple[int, int, float]] = []
    for k in prose_at:
        if blocks and k - blocks[-1][1] <= _BLOCK_GAP:
            first, _, total = blocks[-1]
            blocks[-1] = (first, k, total + counts[k])
        else:
            blocks.append((k, k, counts[k]))
    block_of = [0] * len(counts)
    b = 0
    for k in range(len(counts)):
        while b + 1 < len(blocks) and blocks[b + 1][0] - k < k - blocks[b][1]:
            b += 1
        block_of[k] = b
    return block_of, blocks


class LineModel:
    """Gradient-boosted regression trees over `FEATURES`: the log-odds that a line is text;
    and the word weights the lexical features are computed from."""

    def __init__(self, data: dict[str, object]) -> None:
        names = list(data["features"])  # type: ignore[call-overload]
        if names != list(FEATURES):
            raise ValueError("lines_model.json was trained on other features; retrain it")
        self.bias = float(data["bias"])  # type: ignore[arg-type]
        self.rate = float(data["rate"])  # type: ignore[arg-type]
        self.threshold = float(data["threshold"])  # type: ignore[arg-type]
        # each tree: nodes as [feature, threshold, left, right] or [-1, value, 0, 0]
        self.trees: list[list[list[float]]] = data["trees"]  # type: ignore[assignment]
        self.words: dict[str, float] = data["words"]  # type: ignore[assignment]

    def score(self, row: Sequence[float]) -> float:
        total = self.bias
        for tree in self.trees:
            node = tree[0]
            while node[0] >= 0:
                node = tree[int(node[2] if row[int(node[0])] <= node[1] else node[3])]
            total += self.rate * node[1]
        return total

    def probabilities(self, lines: Sequence[str]) -> list[float]:
        """The probability that each line (the page's non-blank lines, in order) is text."""
        return [
            1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(row)))))
            for row in line_features(lines, self.words)
        ]


@cache
def line_model() -> LineModel:
    return LineModel(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
