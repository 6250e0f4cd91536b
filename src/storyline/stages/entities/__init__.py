"""Who's who: the entities stage, being split into a package (see `_stage`)."""

from storyline.stages.entities._stage import (
    ASSIGNS,
    REQUIRES,
    TITLE_WORDS,
    compact,
    fold,
    load_gazetteer,
    resolve_entities,
    title_case,
)

__all__ = [
    "ASSIGNS",
    "REQUIRES",
    "TITLE_WORDS",
    "compact",
    "fold",
    "load_gazetteer",
    "resolve_entities",
    "title_case",
]
