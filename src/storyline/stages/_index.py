"""Indexes built once per article and asked by bisection, for the steps that used to scan a
whole article's tokens, sentences or mentions for every question (quadratic on a long or
repetitive article).

`once(kind, owner, build)` keeps the last index of each kind with the object it was built
from and gives it back while it is asked about that same object (by identity, never by
equality, so no hashing of a whole article); `Starts` answers "which span holds this
position" the way a scan of the spans in their order does.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Sequence
from typing import TypeVar, cast

T = TypeVar("T")

_HELD: dict[str, tuple[object, object]] = {}


def once(kind: str, owner: object, build: Callable[[], T]) -> T:
    """The index of `kind` built from `owner` (an immutable sequence of one article): built
    on the first question about it, kept until one about another object."""
    held = _HELD.get(kind)
    if held is not None and held[0] is owner:
        return cast(T, held[1])
    value = build()
    _HELD[kind] = (owner, value)
    return value


class Starts:
    """Spans `(start, end)` in their given order, indexed by start with the length of the
    longest, so the spans holding a position are looked for only among those starting at most
    that length before it. Answers are in the given order, as a scan gives them."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._rows = sorted((s, i) for i, (s, _e) in enumerate(spans))
        self._starts = [s for s, _ in self._rows]
        self._ends = [e for _s, e in spans]
        self._longest = max((e - s for s, e in spans), default=0)

    def holding(self, position: int, *, closed: bool = False) -> list[int]:
        """The positions in the given order of the spans with start <= position < end
        (<= end when `closed`)."""
        first = bisect_left(self._starts, position - self._longest)
        last = bisect_right(self._starts, position)
        ends = self._ends
        return sorted(
            i
            for _s, i in self._rows[first:last]
            if position < ends[i] or (closed and position == ends[i])
        )

    def overlapping(self, start: int, end: int) -> list[int]:
        """The positions in the given order of the spans `(s, e)` with s < end and start < e."""
        first = bisect_left(self._starts, start - max(self._longest, 0))
        last = bisect_left(self._starts, end)
        ends = self._ends
        return sorted(i for _s, i in self._rows[first:last] if start < ends[i])

    def starting(self, position: int) -> list[int]:
        """The positions in the given order of the spans starting at `position`."""
        first = bisect_left(self._starts, position)
        last = bisect_right(self._starts, position)
        return sorted(i for _s, i in self._rows[first:last])


class Taken:
    """Spans taken so far, kept by start with the length of the longest: does a new span
    overlap one of them? The same answer as a look at every span taken, found among those
    starting at most that length before it."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._longest = 0

    def overlaps(self, start: int, end: int) -> bool:
        spans = self._spans
        first = bisect_left(spans, (start - self._longest,))
        last = bisect_left(spans, (end,))
        return any(s < end and start < e for s, e in spans[first:last])

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)
