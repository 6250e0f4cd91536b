"""`timeline`: the dated events in date order, granularity kept, vaguely dated ones last;
`reported`: which events a dossier lists (and the timeline may show)."""

from __future__ import annotations

from collections.abc import Sequence

from storyline import timevalues
from storyline.lexicon import words
from storyline.model import Event, TimelineEntry
from storyline.stages.events.triggers import GENERIC

# Words of saying and light verbs: a detector's untyped event named by one of these ("said",
# "the statement", "held", "began") is reporting or framing, not a happening a dossier lists.
_UNLISTED = (
    words("quotes", "reporting_verbs")
    | words("quotes", "speech_verbs")
    | words("quotes", "cue_nouns")
    | words("events", "light_verbs")
    | words("events", "subject_verbs")
    | words("events", "receiving")
)


def reported(event: Event) -> bool:
    """Whether a dossier lists `event`: every event the rules found, and one only the learned
    detector found when the general-news scheme types it (a disaster, a trial, a death, ...)
    and it has a calendar date ("the quake on Monday", "charged on March 8"), or, untyped, it
    happened on a day the text gives to someone (`_happened_on_a_day`). Any other event of
    the detector's (the generic type: "said", "told", "make"; or typed but undated: "the
    purchase of arms" in an analysis) stays a set of mentions: merging and the ECB+ scorer
    read it, the dossier and the timeline do not. So does a single mention that tells
    nothing but its word ("the deal", with no one, no date, no place), which merging keeps."""
    told = event.actors or event.targets or event.location or event.date
    if len(event.mentions) == 1 and not told:
        return False  # one bare mention: a word about an event, no event a reader can use
    if not event.mentions or any(m.origin == "rules" for m in event.mentions):
        return True  # an event with no mentions recorded is the rules' (made by hand)
    dated = event.date is not None and timevalues.period(event.date.value) is not None
    if event.type is not None and event.type != GENERIC:
        return dated
    return _happened_on_a_day(event)


def _happened_on_a_day(event: Event) -> bool:
    """An untyped event of the detector's that a dossier lists all the same: it happened, on
    a day the text gives, to or by someone (or somewhere), and its word is no word of saying
    and no light verb ("said on Monday", "held on Friday"): "rescued two hikers on Monday",
    "checked into a clinic on Tuesday". Measured on the ECB+ train topics (the dossier's events
    against the gold action mentions) and the seeds: docs/benchmarks.md, "What a dossier
    lists", Session 21."""
    return (
        event.status == "happened"
        and event.date is not None
        and event.date.granularity in ("day", "time")
        and bool(event.actors or event.targets or event.location)
        and event.predicate.isalpha()
        and event.predicate not in _UNLISTED
    )


def timeline(events: Sequence[Event]) -> list[TimelineEntry]:
    """Every dated event, in date order (by start; of two that start together, the longer
    first, so a month comes before a day in it), granularity kept; events dated only vaguely
    ("in recent months") come last, in order of report. The timeline is the dated sequence:
    an event with no date at all stays in `events` but not here, and so does one dated only
    vaguely with no participant ("five leaders have visited in recent years"). Only the
    events a dossier lists (`reported`) are candidates."""
    dated: list[tuple[tuple[int, int, int], TimelineEntry]] = []
    for position, event in enumerate(events):
        if event.date is None or not reported(event):
            continue
        value = event.date.value
        found = timevalues.period(value)
        if found is None and not (event.actors or event.targets or event.location):
            continue
        key = (0, found[0].toordinal(), -found[1].toordinal()) if found else (1, position, 0)
        dated.append(
            (
                key,
                TimelineEntry(
                    date=value,
                    granularity=event.date.granularity,
                    event=event.id,
                    status=event.status,
                    summary=event.summary.text.strip(),
                    sources=event.sources,
                ),
            )
        )
    dated.sort(key=lambda pair: (pair[0], pair[1].event))
    return [entry for _, entry in dated]
