"""Country data: names, alternative spellings, codes, capitals, demonyms, regions and the
provinces (states, regions) of each country.

Everything comes from the `countryinfo` package (256 countries), loaded once on first use and
keyed by `compact` form; only the compass words that region names abbreviate ("South-eastern
Asia" -> "southeastasia") are ours, in lexicon/en/entities.toml. `capital_country` is the one
capital -> country mapping of the stage (and of `affiliations.places`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from storyline.lexicon import table
from storyline.stages.entities.naming import compact

_COMPASS: tuple[tuple[str, str], ...] = tuple(table("entities", "compass").items())


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Country names, codes, capitals and demonyms, keyed by `compact` form."""

    countries: dict[str, str]
    codes: dict[str, str]
    capitals: dict[str, str]
    demonyms: dict[str, str]
    regions: dict[str, frozenset[str]] = field(default_factory=dict)
    provinces: frozenset[str] = frozenset()

    def knows(self, word: str) -> bool:
        """Whether a name is a country, a code, a capital, a demonym or a province."""
        key = compact(word)
        return any(
            key in names
            for names in (self.countries, self.codes, self.capitals, self.demonyms, self.provinces)
        )


@cache
def load_gazetteer() -> Gazetteer:
    """Country data from the `countryinfo` package (loaded once, on first use)."""
    from countryinfo import CountryInfo

    countries: dict[str, str] = {}
    codes: dict[str, str] = {}
    capitals: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    regions: dict[str, frozenset[str]] = {}
    provinces: set[str] = set()
    # Larger countries first: "American" is the demonym of the United States and of four
    # territories; the first to claim a key keeps it.
    everything = CountryInfo.all()
    for _key, info in sorted(
        everything.items(), key=lambda kv: (-int(kv[1].get("population") or 0), kv[0])
    ):
        name = str(info.get("name") or "")
        if not name:
            continue
        countries.setdefault(compact(name), name)
        for spelling in info.get("altSpellings") or ():
            key = compact(str(spelling))
            if not key:
                continue
            if len(key) <= 3 and str(spelling).isupper():
                codes.setdefault(key, name)
            elif len(key) > 3:
                countries.setdefault(key, name)
        capital = str(info.get("capital") or "")
        if capital:
            capitals.setdefault(compact(capital), name)
            # "Washington D.C." is written "Washington".
            bare = re.sub(r"[\s,]+(?:[A-Z]\.)+$", "", capital)
            capitals.setdefault(compact(bare), name)
        demonym = str(info.get("demonym") or "")
        if demonym:
            demonyms.setdefault(compact(demonym), name)
        places = (str(info.get("region") or ""), str(info.get("subregion") or ""))
        regions.setdefault(name, frozenset(_region_keys(*places)))
        provinces.update(compact(str(p)) for p in info.get("provinces") or ())
    for key in list(capitals):
        if key in countries:  # Singapore, Kuwait: the city-state is the country
            del capitals[key]
    provinces.discard("")
    return Gazetteer(countries, codes, capitals, demonyms, regions, frozenset(provinces))


def _region_key(text: str) -> str:
    key = compact(text)
    for long, short in _COMPASS:
        key = key.replace(long, short)
    return key


def _region_keys(*names: str) -> set[str]:
    """ "South-eastern Asia", "Latin America and the Caribbean" -> {"southeastasia", ...}."""
    keys: set[str] = set()
    for name in names:
        for part in re.split(r"\band\b", name):
            key = _region_key(part.strip().removeprefix("the "))
            if key:
                keys.add(key)
    return keys


def capital_country(name: str, gazetteer: Gazetteer) -> str | None:
    """The country whose capital `name` is, in any spelling ("Hà Nội" -> "Vietnam"), or None.

    A city-state ("Singapore") is the country itself and no capital here.
    """
    return gazetteer.capitals.get(compact(name))


def region_countries(adjective: str, gazetteer: Gazetteer) -> set[str]:
    """Countries in the region an adjective names: "Southeast Asian" -> Vietnam, Thailand..."""
    key = _region_key(adjective)
    wanted = {key, key[:-1], key[:-2]} if len(key) > 4 else {key}
    return {country for country, keys in gazetteer.regions.items() if keys & wanted}
