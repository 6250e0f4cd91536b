"""Merge: the same words carried by several articles become one quote with `also_in`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from storyline.model import Quote, Span
from storyline.stages.quotes._context import _WORD


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

    for i, first in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            second = ordered[j]
            if first.article == second.article or not keys[i] or not keys[j]:
                continue
            if _same_words(keys[i], keys[j], threshold, fuzz):
                a, b = root(i), root(j)
                if a != b:
                    group_of[max(a, b)] = min(a, b)
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


def _span_key(span: Span) -> tuple[str, int, int]:
    return span.article, span.start, span.end


def _merge_key(text: str) -> str:
    return " ".join(w.casefold() for w in _WORD.findall(text))


def _same_words(first: str, second: str, threshold: float, fuzz: Any) -> bool:
    if fuzz.ratio(first, second) >= threshold:
        return True
    shorter = min(first, second, key=len)
    return len(shorter.split()) >= 8 and fuzz.partial_ratio(first, second) >= threshold
