"""`places` and `memberships`: which country a place stands for and which organisation or
country a person or organisation belongs to, for `merge_events` (moved here unchanged from
events.py; they belong with the entities stage)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyline.model import Entity


def places(entities: Iterable[Entity]) -> dict[str, str]:
    """Place entities -> the entity of the country they are in or stand for, where the
    entities stage linked one ("Hanoi" and "Vietnamese" -> Vietnam)."""
    from storyline.stages.entities import compact, load_gazetteer

    capitals = load_gazetteer().capitals
    entities = list(entities)
    by_name = {e.name: e.id for e in entities if e.type == "GPE"}
    out = {}
    for entity in entities:
        if entity.type not in ("GPE", "LOC", "NORP"):
            continue
        # a capital as a city ("a visit to Hanoi") is still in its country
        country = entity.country or capitals.get(compact(entity.name))
        if country:
            found = by_name.get(country)
            out[entity.id] = found if found is not None else country
    return out


def memberships(entities: Iterable[Entity]) -> dict[str, frozenset[str]]:
    """People -> the organisations their roles name by name or alias ("chair of the Labour
    Party", "ANC leader" -> that party); organisations -> the country their name holds (by
    name or people: "the Indian Navy", "the Russian Foreign Ministry" -> that country, as
    `places` keys it), so a state's navy or ministry is on the state's side."""
    entities = list(entities)
    countries = places(entities)
    country_names = [
        (countries[entity.id], re.compile(rf"\b{re.escape(name)}\b"))
        for entity in entities
        if entity.id in countries
        for name in {entity.name, *entity.aliases}
        if len(name) > 2
    ]
    names = [
        (entity.id, re.compile(rf"\b{re.escape(name)}\b"))
        for entity in entities
        if entity.type == "ORG"
        for name in {entity.name, *entity.aliases}
        if len(name) > 2
    ]
    out = {}
    for entity in entities:
        if entity.type == "ORG":
            found = frozenset(
                country for country, pattern in country_names if pattern.search(entity.name)
            )
        elif entity.type == "PERSON":
            found = frozenset(
                org for org, pattern in names for role in entity.roles if pattern.search(role.text)
            )
        else:
            continue
        if found:
            out[entity.id] = found
    return out
