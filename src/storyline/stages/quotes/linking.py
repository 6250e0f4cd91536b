"""Linking: a speaker's name to the story's entity with a mention at it.

`_link` gives a `Speaker` the id of the first entity (in the story's entity order) that has a
mention overlapping the speaker's name span.
"""

from __future__ import annotations

from dataclasses import replace

from storyline.model import Speaker
from storyline.stages.quotes._context import _Context


def _link(ctx: _Context, speaker: Speaker) -> Speaker:
    if not ctx.entities or speaker.name_span is None:
        return speaker
    span = speaker.name_span
    for entity in ctx.entities:
        for mention in entity.mentions:
            if (
                mention.article == span.article
                and mention.start < span.end
                and span.start < mention.end
            ):
                return replace(speaker, entity=entity.id)
    return speaker
