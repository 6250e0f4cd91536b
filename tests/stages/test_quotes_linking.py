"""_link: the mention index finds the entity the scan over every mention found."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any, cast

import pytest

from storyline.model import Entity, Mention, Span, Speaker
from storyline.stages.quotes._context import _Context
from storyline.stages.quotes.linking import _link, index_mentions


def reference_link(entities: list[Entity], speaker: Speaker) -> Speaker:
    """The link as it was before the index: the first entity, in order, with a mention
    overlapping the speaker's name."""
    if not entities or speaker.name_span is None:
        return speaker
    span = speaker.name_span
    for entity in entities:
        for mention in entity.mentions:
            if (
                mention.article == span.article
                and mention.start < span.end
                and span.start < mention.end
            ):
                return replace(speaker, entity=entity.id)
    return speaker


def _context(entities: list[Entity]) -> _Context:
    none = cast(Any, None)
    return _Context(none, none, none, [], entities, [])


def _entities(rng: random.Random) -> list[Entity]:
    entities = []
    for number in range(rng.randrange(0, 12)):
        mentions = []
        for _ in range(rng.randrange(0, 8)):
            start = rng.randrange(0, 300)
            end = start + rng.choice((0, 1, 3, 8, 25, 60))  # empty, short and long ones
            mentions.append(Mention(rng.choice("abc"), start, end, "x"))
        entities.append(Entity(f"e{number}", f"E{number}", "PERSON", (), (), tuple(mentions)))
    return entities


@pytest.mark.parametrize("seed", range(40))
def test_link_finds_the_entity_the_scan_found(seed: int) -> None:
    rng = random.Random(seed)
    entities = _entities(rng)
    ctx = _context(entities)  # one context for all speakers: the index is built once
    # as the pipeline runs it: the story's index made beforehand, handed to each article
    given = replace(_context(entities), mentions=index_mentions(entities))
    for _ in range(60):
        start = rng.randrange(0, 320)
        name = Span(rng.choice("abcd"), start, start + rng.choice((0, 1, 4, 12, 40)), "x")
        speaker = Speaker(name, "X", name if rng.random() < 0.9 else None)
        expected = reference_link(entities, speaker)
        assert _link(ctx, speaker) == expected
        assert _link(given, speaker) == expected


def test_link_takes_the_first_entity_of_the_story_not_the_first_mention() -> None:
    late = Entity("late", "L", "PERSON", (), (), (Mention("a", 0, 20, "x"),))
    early = Entity("early", "E", "PERSON", (), (), (Mention("a", 10, 12, "x"),))
    ctx = _context([early, late])
    name = Span("a", 11, 15, "x")
    assert _link(ctx, Speaker(name, "X", name)).entity == "early"
