"""`timeline`: the dated events in date order, granularity kept, vaguely dated ones last."""

from __future__ import annotations

from collections.abc import Sequence

from storyline import timevalues
from storyline.model import Event, TimelineEntry


def timeline(events: Sequence[Event]) -> list[TimelineEntry]:
    """Every dated event, in date order (by start; of two that start together, the longer
    first, so a month comes before a day in it), granularity kept; events dated only vaguely
    ("in recent months") come last, in order of report. The timeline is the dated sequence:
    an event with no date at all stays in `events` but not here, and so does one dated only
    vaguely with no participant ("five leaders have visited in recent years")."""
    dated: list[tuple[tuple[int, int, int], TimelineEntry]] = []
    for position, event in enumerate(events):
        if event.date is None:
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
