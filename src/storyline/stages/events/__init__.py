"""What happened, when: events with a PLOVER type, participants, a date and a status.

The stage's code lives in `extract.py` while it is split into modules by concern.
"""

from storyline.stages.events.extract import (
    ASSIGNS,
    NOUNS,
    REQUIRES,
    VERBS,
    Predicate,
    extract_all,
    extract_events,
    memberships,
    merge_events,
    places,
    predicate_class,
    timeline,
    word_status,
)

__all__ = [
    "ASSIGNS",
    "NOUNS",
    "REQUIRES",
    "VERBS",
    "Predicate",
    "extract_all",
    "extract_events",
    "memberships",
    "merge_events",
    "places",
    "predicate_class",
    "timeline",
    "word_status",
]
