"""Quote marks: the stretches of an article between double quote marks (`find_quote_regions`).

Straight and curly double marks and the '' some newswires use; a quote left open at the end
of a paragraph continues when the next paragraph opens with a mark (news style for a quote
over several paragraphs); any other unbalanced mark ends its quote at the paragraph's end
instead of swallowing the article. The other modules ask `_inside` whether a position is
quoted words (a verb there is the quoted speaker's, not a cue).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from storyline.stages.quotes._context import _CLOSERS, _MARKS, _OPENERS, _Region


def find_quote_regions(text: str) -> list[tuple[int, int | None]]:
    """`(opening mark, closing mark or None)` of every double-quoted stretch of `text`."""
    return [(r.open, r.close) for r in _regions(text)]


def _regions(text: str) -> list[_Region]:
    regions: list[_Region] = []
    paragraphs = _paragraphs(text)
    opened: tuple[int, int] | None = None  # position and width of the open mark
    for number, (start, end) in enumerate(paragraphs):
        skip_first = opened is not None
        i = start
        while i < end:
            char = text[i]
            width = 2 if text.startswith("''", i) else 1
            i += width
            if width == 1 and char not in _MARKS:
                continue
            position = i - width
            if skip_first and position == _first_visible(text, start, end):
                skip_first = False
                continue  # the mark that reopens a quote carried over from the last paragraph
            if opened is None:
                glued = position + 1 < end and text[position + 1].isalnum()
                if char in _CLOSERS and not (
                    glued and position == _first_visible(text, start, end)
                ):
                    continue  # a stray closing mark opens nothing, unless it opens a paragraph
                opened = (position, width)
            elif char in _OPENERS and not _looks_closing(text, position):
                opened = (position, width)  # a second opener: the first was never closed
            else:
                regions.append(_Region(opened[0], position, i, opened[1]))
                opened = None
        if opened is not None:
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            first = _first_visible(text, *following) if following else None
            if first is not None and (
                text[first] in _OPENERS + '"' or text.startswith("''", first)
            ):
                continue
            stop = end
            while stop > opened[0] + 1 and text[stop - 1].isspace():
                stop -= 1
            regions.append(_Region(opened[0], None, stop, opened[1]))
            opened = None
    return regions


def _looks_closing(text: str, i: int) -> bool:
    """A curly opener used as a closer: glued to the word before, space or end after."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)")


def _first_visible(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _inside(regions: Sequence[_Region], position: int) -> _Region | None:
    # `_regions` finds them in text order, each after the last one ends: only the last one
    # opening before `position` can hold it (a bisection, not a scan of every region)
    index = bisect.bisect_left(regions, position, key=lambda r: r.open) - 1
    if index >= 0 and regions[index].open < position < regions[index].inner_end:
        return regions[index]
    return None
