"""Linking: a speaker's name to the story's entity with a mention at it.

`_link` gives a `Speaker` the id of the first entity (in the story's entity order) that has a
mention overlapping the speaker's name span. The mentions of an article are indexed once per
article (`_Mentions`: sorted by start, looked up by bisect) instead of scanning every mention
of the story for every speaker; the entity found is the same.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from storyline.model import Entity, Speaker
from storyline.stages.quotes._context import _Context, _Mentions


def _link(ctx: _Context, speaker: Speaker) -> Speaker:
    if not ctx.entities or speaker.name_span is None:
        return speaker
    span = speaker.name_span
    index = ctx.mentions.get(span.article)
    if index is None:
        index = ctx.mentions[span.article] = _index_mentions(ctx.entities, span.article)
    # an overlapping mention starts before the span ends, and ends after the span starts,
    # so it starts less than `longest` before the span's start
    low = bisect_right(index.starts, span.start - index.longest)
    high = bisect_left(index.starts, span.end)
    found = [order for start, end, order in index.rows[low:high] if span.start < end]
    if found:
        return replace(speaker, entity=ctx.entities[min(found)].id)
    return speaker


def _index_mentions(entities: Sequence[Entity], article: str) -> _Mentions:
    """The mentions of `article` among `entities`, sorted by start."""
    rows = sorted(
        (mention.start, mention.end, order)
        for order, entity in enumerate(entities)
        for mention in entity.mentions
        if mention.article == article
    )
    longest = max((end - start for start, end, _ in rows), default=0)
    return _Mentions([start for start, _, _ in rows], rows, max(longest, 0))
