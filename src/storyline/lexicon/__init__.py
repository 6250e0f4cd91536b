"""The language data of the stages: word lists and rule tables kept as data files.

As spaCy keeps its language data in `spacy/lang/en/`, each stage keeps its words in
`lexicon/en/<stage>.toml` (TOML, so each list can carry a comment saying what it is for),
and reads them by name:

    _LIGHT_VERBS = words("events", "light_verbs")     # frozenset[str]
    _MODALS = table("events", "modals")                # dict[str, Any]

A file is parsed once per process (`functools.cache`); a missing file or key is a bug in the
package and raises `KeyError` naming it. Editing a list changes the build without touching code.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent
LANGUAGE = "en"


@cache
def load(stage: str) -> dict[str, Any]:
    """Every entry of `lexicon/en/<stage>.toml`."""
    path = ROOT / LANGUAGE / f"{stage}.toml"
    with path.open("rb") as fh:
        return tomllib.load(fh)


def entry(stage: str, key: str) -> Any:
    """One entry of a stage's file, whatever its shape."""
    data = load(stage)
    if key not in data:
        raise KeyError(f"no entry {key!r} in lexicon/{LANGUAGE}/{stage}.toml")
    return data[key]


def words(stage: str, key: str) -> frozenset[str]:
    """A word list as a frozenset."""
    return frozenset(entry(stage, key))


def table(stage: str, key: str) -> dict[str, Any]:
    """A rule table (a TOML table) as a dict."""
    value = entry(stage, key)
    if not isinstance(value, dict):
        raise KeyError(f"entry {key!r} in lexicon/{LANGUAGE}/{stage}.toml is no table")
    return dict(value)
