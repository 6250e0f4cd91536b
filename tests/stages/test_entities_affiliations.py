"""`places` and `memberships` of the entities stage give what the events stage's copies give.

The events stage had both functions; the entities stage now owns them (`affiliations.py`),
`places` through the stage's own capital -> country mapping and `memberships` through a word
index instead of every name against every text. Both must find exactly the same: compared here
with the events stage's versions, kept below as the reference (every name tried against every
text), on hand-built entities, random ones, and the entities of the demo story and of the
seeds.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.model import Entity, Mention, Role, Span
from storyline.stages import entities
from storyline.stages.entities import compact, load_gazetteer
from storyline.stages.entities.affiliations import _NameIndex

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "harbour-strike"


def _reference_places(entities: Iterable[Entity]) -> dict[str, str]:
    """Place entities -> the entity of the country they are in or stand for, where the
    entities stage linked one ("Hanoi" and "Vietnamese" -> Vietnam)."""
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


def _reference_memberships(entities: Iterable[Entity]) -> dict[str, frozenset[str]]:
    """People -> the organisations their roles name by name or alias ("chair of the Labour
    Party", "ANC leader" -> that party); organisations -> the country their name holds (by
    name or people: "the Indian Navy", "the Russian Foreign Ministry" -> that country, as
    `places` keys it), so a state's navy or ministry is on the state's side."""
    entities = list(entities)
    countries = _reference_places(entities)
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


def _entity(
    key: str,
    name: str,
    type_: str,
    *,
    aliases: tuple[str, ...] = (),
    roles: tuple[str, ...] = (),
    country: str | None = None,
) -> Entity:
    span = Span("a", 0, 1, "x")
    return Entity(
        id=key,
        name=name,
        type=type_,
        aliases=aliases,
        roles=tuple(Role(text, (span,)) for text in roles),
        mentions=(Mention("a", 0, 1, "x"),),
        country=country,
        metonyms=(),
    )


HAND_BUILT = [
    _entity("vn", "Vietnam", "GPE", aliases=("Viet Nam", "Vietnamese"), country="Vietnam"),
    _entity("hanoi", "Hanoi", "GPE", aliases=("Hà Nội",)),  # a capital: in Vietnam
    _entity(
        "us", "United States", "GPE", aliases=("U.S.", "US", "American"), country="United States"
    ),
    _entity("russians", "Russians", "NORP", country="Russia"),  # no entity for Russia itself
    _entity("paris", "Paris", "LOC"),  # a capital, its country no entity
    _entity("danang", "Đà Nẵng", "GPE"),  # no capital, no country
    _entity("cpv", "Communist Party of Vietnam", "ORG", aliases=("CPV",)),
    _entity("mofa", "Vietnamese Foreign Ministry", "ORG"),
    _entity("navy", "U.S. Navy", "ORG"),  # "U.S." then a space: no whole-word match of "U.S."
    _entity("usn", "United States Navy", "ORG", aliases=("US Navy",)),
    _entity("anc", "African National Congress", "ORG", aliases=("ANC",)),
    _entity("cpp", "C++ Foundation", "ORG", aliases=("C++",)),
    _entity("plus", "+++", "ORG"),  # a name with no word in it
    _entity("hut", "Hà Nội University", "ORG"),
    _entity("ap", "(AP)", "ORG"),
    _entity(
        "trong",
        "Nguyen Phu Trong",
        "PERSON",
        roles=("General Secretary of the Communist Party of Vietnam", "CPV chief"),
    ),
    _entity("roe", "Jane Roe", "PERSON", roles=("ANC leader", "adviser to ANCestry.com")),
    _entity(
        "doe",
        "John Doe",
        "PERSON",
        roles=("former US Navy officer", "fan of C++ and +++", "member of the x+++y club"),
    ),
    _entity("poe", "Ann Poe", "PERSON", roles=("reporter (AP)", "C++Foundation member")),
    _entity("nobody", "No Body", "PERSON", roles=("teacher",)),
]


def _same(found: list[Entity]) -> None:
    assert entities.places(found) == _reference_places(found)
    mine, theirs = entities.memberships(found), _reference_memberships(found)
    assert mine == theirs
    assert list(mine) == list(theirs)  # the same order too


def test_hand_built_entities() -> None:
    _same(HAND_BUILT)
    found = entities.memberships(HAND_BUILT)
    assert found["trong"] == {"cpv"}
    assert found["roe"] == {"anc"}
    assert found["doe"] == {"usn", "plus"}  # "C++ " and " +++ " are no whole words
    assert "navy" not in found  # "U.S." is no whole word of "U.S. Navy"
    assert found["usn"] == {"us"}
    assert found["mofa"] == {"vn"}
    assert found["hut"] == {"vn"}  # "Hà Nội", an alias of Hanoi, which is in Vietnam
    assert entities.places(HAND_BUILT)["hanoi"] == "vn"
    assert entities.places(HAND_BUILT)["paris"] == "France"


_PIECES = [
    "Viet", "Nam", "Vietnam", "U.S.", "US", "Navy", "ANC", "Hà", "Nội", "Party", "of", "the",
    "Hanoi", "Paris", "(AP)", "Co.", "C++", "+++", "x", "Ministry", "Ford", "Fordham", "é",
]  # fmt: skip
_JOINS = [" ", " ", " ", "", "-", ".", "'s ", ", "]


def _text(rng: random.Random, words: int) -> str:
    out = rng.choice(_PIECES)
    for _ in range(words - 1):
        out += rng.choice(_JOINS) + rng.choice(_PIECES)
    return out


def test_random_entities() -> None:
    rng = random.Random(16)
    types = ["GPE", "LOC", "NORP", "ORG", "ORG", "PERSON", "PERSON", "EVENT"]
    countries = [None, None, "Vietnam", "France", "United States", "x"]
    for trial in range(300):
        found = [
            _entity(
                f"e{trial}-{i}",
                _text(rng, rng.randint(1, 3)),
                rng.choice(types),
                aliases=tuple(_text(rng, rng.randint(1, 2)) for _ in range(rng.randint(0, 2))),
                roles=tuple(_text(rng, rng.randint(1, 6)) for _ in range(rng.randint(0, 3))),
                country=rng.choice(countries),
            )
            for i in range(rng.randint(1, 25))
        ]
        _same(found)


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("ANC", "ANC leader", True),
        ("ANC", "ANCestry", False),
        ("U.S.", "U.S. Navy", False),  # `\b` after "." needs a word character
        ("U.S.", "the U.S.A", True),
        ("(AP)", "reporter (AP)", False),  # `\b` before "(" needs a word character
        ("(AP)", "x(AP)y", True),
        ("+++", "a +++ b", False),
        ("+++", "a+++b", True),
        ("Hà Nội", "Hà Nội University", True),
        ("Nội", "HàNội", False),
    ],
)
def test_name_index_is_the_word_boundary_pattern(name: str, text: str, found: bool) -> None:
    index = _NameIndex([("v", name)])
    assert (index.found_in(text) == {"v"}) is found


@pytest.fixture(scope="module")
def built() -> dict[str, list[Entity]]:
    from storyline.pipeline import build

    shared = ROOT.parent / "shared"
    if not (shared / "seeds").is_dir():
        pytest.skip("shared seeds missing")
    return {
        "demo": list(build([DEMO], config=Config()).dossier.entities),
        "seeds": list(build([shared / "seeds"], config=Config()).dossier.entities),
    }


@pytest.mark.model
@pytest.mark.parametrize("story", ["demo", "seeds"])
def test_built_stories(built: dict[str, list[Entity]], story: str) -> None:
    found = built[story]
    assert found
    _same(found)
