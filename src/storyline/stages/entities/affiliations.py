"""What other stages ask of the entities: the country a place is in or stands for
(`places`), and the organisations a person's roles name or the country an organisation's
name holds (`memberships`). The events stage uses both to tell whose side a participant is on.

`memberships` finds every name that occurs, as a whole word, in a role or an organisation's
name; it does not try every name against every text: names are indexed by one of their words
(`_NameIndex`), and only the names whose word the text contains are tried, each with the same
word-boundary pattern as before (see `_NameIndex` for why no match is lost).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from storyline.model import Entity
from storyline.stages.entities.gazetteer import capital_country, load_gazetteer

_WORD = re.compile(r"\w+")


def places(entities: Iterable[Entity]) -> dict[str, str]:
    """Place entities -> the entity of the country they are in or stand for, where the
    entities stage linked one ("Hanoi" and "Vietnamese" -> Vietnam)."""
    gazetteer = load_gazetteer()
    entities = list(entities)
    by_name = {e.name: e.id for e in entities if e.type == "GPE"}
    out = {}
    for entity in entities:
        if entity.type not in ("GPE", "LOC", "NORP"):
            continue
        # a capital as a city ("a visit to Hanoi") is still in its country
        country = entity.country or capital_country(entity.name, gazetteer)
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
    country_names = _NameIndex(
        (countries[entity.id], name)
        for entity in entities
        if entity.id in countries
        for name in {entity.name, *entity.aliases}
        if len(name) > 2
    )
    names = _NameIndex(
        (entity.id, name)
        for entity in entities
        if entity.type == "ORG"
        for name in {entity.name, *entity.aliases}
        if len(name) > 2
    )
    out = {}
    for entity in entities:
        if entity.type == "ORG":
            found = frozenset(country_names.found_in(entity.name))
        elif entity.type == "PERSON":
            found = frozenset(org for role in entity.roles for org in names.found_in(role.text))
        else:
            continue
        if found:
            out[entity.id] = found
    return out


class _NameIndex:
    """Names, each with a value, found in a text as whole words (`\\bNAME\\b`).

    Each name is filed under one of its words (a maximal run of `\\w`). Where `\\bNAME\\b`
    matches a text, each word of the name is a whole word of the text too: inside the name
    it is bounded by non-word characters, and at the name's edges by the pattern's `\\b`.
    So a text can only match the names filed under its own words, and `found_in` tries
    those alone, each with its pattern; names without a word are always tried.
    """

    def __init__(self, named: Iterable[tuple[str, str]]) -> None:
        self._by_word: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
        self._wordless: list[tuple[str, re.Pattern[str]]] = []
        for value, name in named:
            pattern = re.compile(rf"\b{re.escape(name)}\b")
            tokens = _WORD.findall(name)
            if tokens:
                # the longest word: the fewest texts hold it
                self._by_word[max(tokens, key=len)].append((value, pattern))
            else:
                self._wordless.append((value, pattern))

    def found_in(self, text: str) -> set[str]:
        """The values of the names that occur in `text` as whole words."""
        found: set[str] = set()
        candidates = [self._wordless]
        candidates.extend(self._by_word[w] for w in set(_WORD.findall(text)) if w in self._by_word)
        for named in candidates:
            for value, pattern in named:
                if value not in found and pattern.search(text):
                    found.add(value)
        return found
