"""Linking: a speaker's name to the story's entity with a mention at it.

`_link` gives a `Speaker` the id of the first entity (in the story's entity order) that has a
mention overlapping the speaker's name span. `index_mentions` indexes the story's mentions by
article in one pass (`_Mentions`: sorted by start, looked up by bisect), once per build when
the pipeline hands it to `extract_quotes`, instead of scanning every mention of the story for
every speaker; the entity found is the same.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from storyline.model import Entity, Speaker
from storyline.stages.quotes._context import _Context, _Mentions


def _link(ctx: _Context, speaker: Speaker) -> Speaker:
    if not ctx.entities or speaker.name_span is None:
        return speaker
    span = speaker.name_span
    if ctx.mentions is None:
        ctx.mentions = index_mentions(ctx.entities)
    index = ctx.mentions.get(span.article)
    if index is None:
        return speaker
    # an overlapping mention starts before the span ends, and ends after the span starts,
    # so it starts less than `longest` before the span's start
    low = bisect_right(index.starts, span.start - index.longest)
    high = bisect_left(index.starts, span.end)
    found = [order for start, end, order in index.rows[low:high] if span.start < end]
    if found:
        return replace(speaker, entity=ctx.entities[min(found)].id)
    return speaker


def index_mentions(entities: Sequence[Entity]) -> dict[str, _Mentions]:
    """The mentions of `entities` by article, each article's sorted by start."""
    rows: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for order, entity in enumerate(entities):
        for mention in entity.mentions:
            rows[mention.article].append((mention.start, mention.end, order))
    out = {}
    for article, found in rows.items():
        found.sort()
        longest = max(end - start for start, end, _ in found)
        out[article] = _Mentions([start for start, _, _ in found], found, max(longest, 0))
    return out
