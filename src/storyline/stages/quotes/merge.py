"""Merge: the same words carried by several articles become one quote with `also_in`.

Two quotes are the same when `_same_words` accepts their normalised words. Comparing every
pair costs a rapidfuzz call per pair (3.6M pairs at 100 articles, about 1 in 20,000 a match;
a `partial_ratio` costs tens of microseconds), so `_candidate_pairs` first keeps the pairs
`_same_words` could accept, and only those are compared, in the same (i, j) order: the
groups are the same.

Why no accepted pair is lost. Both scorers count characters: `fuzz.ratio(a, b)` is
`200 * LCS(a, b) / (len(a) + len(b))`, LCS being the length of the longest common
subsequence, and `fuzz.partial_ratio` is the `ratio` of the shorter key `s` with some
substring `w` of the longer `l` (either way round when they are as long). As the LCS is at
most the shorter length, `ratio(s, w) >= T` needs `LCS(s, w) >= T * len(s) / (200 - T)` and
`len(w) <= (200 - T) / T * len(s)` (the window). So `ratio(s, l) >= T` needs `l` within the
window's length and `LCS(s, l) >= T * (len(s) + len(l)) / 200`; and `partial_ratio(s, l)
>= T` needs an LCS of `T * len(s) / (200 - T)` with `l` and with one of the chunks of `l`,
two windows long and a window apart, that together hold every window. rapidfuzz computes
those LCS lengths for every longer key in one call per key, a fraction of the cost of a
`partial_ratio`. Words are no safe key: "ab cd ef gh ij kl mn op" and "abcd efgh ijkl mnop"
share none and have a `ratio` of 90.5.

Quotes with identical keys are compared once (`merge_quotes`). A story of more than
`WHOLE_KEYS` distinct keys (hundreds of articles) gives up the guarantee above for cost that
grows with the quotes, not their square: each key is compared (by the same LCS bounds) only
with the keys that hold one of its `ANCHORS` rarest words. Outlets copy a quote with its
words, trimmed or with a few characters changed, so a copy keeps at least one of them; what
is lost is a pair with no word in common: merged words as above, or one- and two-word
fragments the character ratio joins ("rebel" and "rebels": 4 groups of 12,367 on 400
Timeline17 articles, docs/benchmarks.md, "Growth of the cross-article steps"). Stories up to
`WHOLE_KEYS` distinct keys (every ECB+ topic, PolNeAR text and seed story) keep the exact
filter.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from storyline.model import Quote, Span
from storyline.stages.quotes._context import _WORD

# Slack for the float arithmetic of the bounds (rapidfuzz scores are floats): a bound is
# loosened by far more than any rounding error, never tightened.
_SLACK = 1e-6
# Above this many distinct non-empty keys, each key is compared only with the keys sharing one
# of its ANCHORS rarest words (see the module docstring).
WHOLE_KEYS = 4000
ANCHORS = 4


def merge_quotes(quotes: Iterable[Quote], *, threshold: float = 90.0) -> list[Quote]:
    """One quote per wording across articles, the others listed in `also_in`.

    Two quotes of different articles are the same when their normalised words (case,
    punctuation and quote marks ignored) have a rapidfuzz `ratio` of at least `threshold`, or
    when one of at least eight words is contained in the other (`partial_ratio` at least
    `threshold`): outlets trim a quote at either end. The kept quote is the first by
    (article, position); it lists the others' spans in `also_in`, sorted.
    """
    from rapidfuzz import fuzz

    ordered = sorted(quotes, key=lambda q: (q.article, q.span.start, q.span.end, q.id))
    keys = [_merge_key(q.span.text) for q in ordered]
    group_of = list(range(len(ordered)))

    def root(i: int) -> int:
        while group_of[i] != i:
            group_of[i] = group_of[group_of[i]]
            i = group_of[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            group_of[max(a, b)] = min(a, b)

    # One comparison per wording: the quotes of one key are the same words, joined when
    # they stand in two articles or more; a key in one article only gets that article as its
    # label (its quotes are never compared with each other), a key in several a label of
    # its own (it has a quote in another article than any other key's).
    by_key: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if key:
            by_key.setdefault(key, []).append(i)
    distinct = list(by_key)
    labels: list[str] = []
    alike = threshold <= 100  # what `_same_words` says of a key and itself (a ratio of 100)
    for n, key in enumerate(distinct):
        holders = by_key[key]
        if len({ordered[i].article for i in holders}) > 1:
            labels.append(f"\0{n}")
            if alike:
                for i in holders[1:]:
                    join(holders[0], i)
        else:
            labels.append(ordered[holders[0]].article)
    for a, b in _candidate_pairs(distinct, labels, threshold):
        if _same_words(distinct[a], distinct[b], threshold, fuzz):
            first = by_key[distinct[a]][0]
            for i in (*by_key[distinct[a]][1:], *by_key[distinct[b]]):
                join(first, i)
    members: dict[int, list[Quote]] = defaultdict(list)
    for i, quote in enumerate(ordered):
        members[root(i)].append(quote)
    merged = []
    for group in members.values():
        keep = group[0]
        others = [q for q in group[1:] if q.article != keep.article]
        same_article = [q for q in group[1:] if q.article == keep.article]
        also = tuple(sorted({s for q in others for s in (q.span, *q.also_in)}, key=_span_key))
        merged.append(replace(keep, also_in=also))
        merged.extend(same_article)
    return sorted(merged, key=lambda q: (q.article, q.span.start, q.span.end, q.id))


def _candidate_pairs(
    keys: Sequence[str], articles: Sequence[str], threshold: float
) -> list[tuple[int, int]]:
    """Every pair `(i, j)`, `i < j`, of non-empty keys of different articles that
    `_same_words` could accept (see the module docstring), sorted: a superset of the pairs
    it accepts, and far fewer than all pairs.

    Each key is taken as the shorter of its pairs, against every key of another article at
    least as long (only those `ratio` could match when it has under eight words). The
    lengths of the longest common subsequences (LCS) come from rapidfuzz in one call per key,
    deliberately without a `score_cutoff`: with one, rapidfuzz 3.14 computes the LCS of a
    long string in a band and can miss a choice that reaches the cutoff (a 129-character
    string that is a subsequence of one 8 characters longer is dropped at a cutoff of 129);
    without one it computes every LCS in full.
    """
    if threshold > 100:
        return []  # no score reaches it
    if threshold <= 0:  # every score does
        return [
            (i, j)
            for i in range(len(keys))
            for j in range(i + 1, len(keys))
            if keys[i] and keys[j] and articles[i] != articles[j]
        ]
    ordered = sorted((i for i, key in enumerate(keys) if key), key=lambda i: (len(keys[i]), i))
    # how much longer than the shorter string the other can be for `ratio`, and a window
    # of `partial_ratio` can be
    stretch = (200 - threshold) / threshold
    found: set[tuple[int, int]] = set()
    if len(ordered) > WHOLE_KEYS:
        _anchored_pairs(ordered, keys, articles, threshold, stretch, found)
        return sorted(found)
    # each article's keys against the keys of the other articles only: a pair in one
    # article is never a candidate, so a long article's quotes are not compared with each
    # other (one article alone compares nothing)
    for article in sorted({articles[i] for i in ordered}):
        own = [i for i in ordered if articles[i] == article]
        others = [i for i in ordered if articles[i] != article]
        if others:
            _pairs_of(own, others, keys, threshold, stretch, found)
    return sorted(found)


def _pairs_of(
    own: Sequence[int],
    by_length: Sequence[int],
    keys: Sequence[str],
    threshold: float,
    stretch: float,
    found: set[tuple[int, int]],
) -> None:
    """Add to `found` the candidate pairs of each key of `own` with the keys `by_length`
    (sorted by length, then position) of the other articles."""
    from rapidfuzz import process
    from rapidfuzz.distance import LCSseq

    lengths = [len(keys[i]) for i in by_length]
    choices = [keys[i] for i in by_length]
    for i in own:
        short = keys[i]
        size = len(short)
        partial = len(short.split()) >= 8
        low = bisect_left(lengths, size)  # the key itself and every one at least as long
        widest = math.floor(stretch * size + _SLACK)
        high = len(lengths) if partial else bisect_right(lengths, widest)
        least = math.ceil(threshold * size / (200 - threshold) - _SLACK)
        chunks: list[str] = []  # windows of the longer keys `short` may be a part of
        owners: list[int] = []
        for long, common, index in process.extract_iter(
            short, choices[low:high], scorer=LCSseq.similarity, processor=None
        ):
            if common < least:
                continue
            j = by_length[low + index]
            if len(long) <= widest and common >= math.ceil(
                threshold * (size + len(long)) / 200 - _SLACK
            ):
                found.add((min(i, j), max(i, j)))  # `ratio` may accept it
            elif partial:  # `partial_ratio` may, if one window of `long` holds enough
                windows = _windows(long, widest)
                chunks.extend(windows)
                owners.extend([j] * len(windows))
        for _, common, index in process.extract_iter(
            short, chunks, scorer=LCSseq.similarity, processor=None
        ):
            if common >= least:
                j = owners[index]
                found.add((min(i, j), max(i, j)))


def _anchored_pairs(
    ordered: Sequence[int],
    keys: Sequence[str],
    articles: Sequence[str],
    threshold: float,
    stretch: float,
    found: set[tuple[int, int]],
) -> None:
    """Add to `found` the pairs the LCS bounds keep among each key and the keys of other
    articles, at least as long, that hold one of its `ANCHORS` rarest words (the fewest keys
    holding them, ties by the word): an inverted index instead of every longer key."""
    words = {i: sorted(set(keys[i].split())) for i in ordered}
    postings: dict[str, list[int]] = defaultdict(list)
    for i in ordered:  # by length, then position: each posting list is in that order
        for word in words[i]:
            postings[word].append(i)
    rank = {i: n for n, i in enumerate(ordered)}
    for i in ordered:
        anchors = sorted(words[i], key=lambda w: (len(postings[w]), w))[:ANCHORS]
        near = {j for word in anchors for j in postings[word]}
        others = sorted(
            (j for j in near if articles[j] != articles[i] and len(keys[j]) >= len(keys[i])),
            key=rank.__getitem__,
        )
        if others:
            _pairs_of([i], others, keys, threshold, stretch, found)


def _windows(long: str, width: int) -> list[str]:
    """Chunks of `long` two windows wide, stepping one window, so that every substring of
    at most `width` characters lies in one of them (`long` itself when it is that short)."""
    if len(long) <= 2 * width:
        return [long]
    return [long[start : start + 2 * width] for start in range(0, len(long) - width, width)]


def _span_key(span: Span) -> tuple[str, int, int]:
    return span.article, span.start, span.end


def _merge_key(text: str) -> str:
    return " ".join(w.casefold() for w in _WORD.findall(text))


def _same_words(first: str, second: str, threshold: float, fuzz: Any) -> bool:
    if fuzz.ratio(first, second) >= threshold:
        return True
    shorter = min(first, second, key=len)
    return len(shorter.split()) >= 8 and fuzz.partial_ratio(first, second) >= threshold
