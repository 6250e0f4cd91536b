"""The year of a yearless date in an article the publication-date stage left undated.

Anchoring needs a writing date, so an undated article's "on March 12" or "in September"
stays `XXXX-03-12` / `XXXX-09`, and its events with it leave the timeline. When the story's
other articles carry dates their metadata states (a header, a sidecar, the URL, a timestamp
or dateline line), the story's time is known: a yearless date that falls in one year only
within a month of the story's first and last stated date is in that year, and a weekday
written with it ("Monday, March 17") must fit that year too. The expression is then anchored
in that year (on the year's first or last day, whichever keeps it there), so a range ("June 3
and 4") keeps both ends. Nothing else moves: "yesterday" or "on Thursday" need the writing
day itself, which is not known. Articles with a date of their own are anchored on it as before.

Measured by `storyline eval dates --corpus t17` (`year_pinned` and `year_pinned_right`: the
withheld articles' pinned expressions against their values with the true date); numbers in
docs/benchmarks.md, "Publication dates on the dev corpora", Session 21.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, timedelta

from storyline.model import Article, Timex
from storyline.stages.timex.anchoring import anchor
from storyline.stages.timex.detection import Detections
from storyline.stages.timex.patterns import _WEEKDAYS

# what an article's metadata states, as opposed to what the text lets us infer
_STATED = frozenset({"given", "url", "timestamp", "dateline"})
# how far before the story's first stated date and after its last a yearless date may lie
_MARGIN = timedelta(days=31)
# years this close to the calendar's ends leave no room for the margin and the anchoring
_EDGE = 2
_YEARLESS = re.compile(r"XXXX-(?P<month>\d{2})(?:-(?P<day>\d{2}))?")


def story_window(articles: Sequence[Article]) -> tuple[date, date] | None:
    """The days a yearless date of the story may fall on: from a month before its first
    stated publication day to a month after its last; None when no article states one."""
    days = [
        date.fromisoformat(a.published.value)
        for a in articles
        if a.published is not None
        and a.published.source in _STATED
        and re.fullmatch(r"\d{4}-\d{2}-\d{2}", a.published.value)
    ]
    # a date at the calendar's edges ("0001-01-01", "9999-12-31" in metadata) dates no story
    days = [day for day in days if _EDGE < day.year < date.max.year - _EDGE]
    if not days:
        return None
    return min(days) - _MARGIN, max(days) + _MARGIN


def pin_years(
    found: Detections, timexes: Sequence[Timex], window: tuple[date, date]
) -> list[Timex]:
    """`timexes` (anchored without a reference date) with each yearless date that `window`
    places in one year anchored in that year."""
    low, high = window
    in_year: dict[int, tuple[dict[tuple[int, int], Timex], dict[tuple[int, int], Timex]]] = {}
    out: list[Timex] = []
    for t in timexes:
        year = _only_year(t, low, high)
        if year is None:
            out.append(t)
            continue
        if year not in in_year:
            late, early = (
                {(x.start, x.end): x for x in anchor(found, day)}
                for day in (date(year, 12, 31), date(year, 1, 1))
            )
            in_year[year] = late, early
        prefix = f"{year:04d}-{t.value[5:7]}"
        placed = [
            x
            for x in (by_span.get((t.start, t.end)) for by_span in in_year[year])
            if x is not None and x.value.startswith(prefix)
        ]
        out.append(placed[0] if placed else t)
    return out


def _only_year(t: Timex, low: date, high: date) -> int | None:
    """The one year in which the yearless date `t` falls between `low` and `high`."""
    m = _YEARLESS.fullmatch(t.value)
    if t.type != "DATE" or m is None:
        return None
    month, day = int(m["month"]), int(m["day"]) if m["day"] else None
    named = {_WEEKDAYS[w] - 1 for w in re.findall(r"[a-z]+", t.text.lower()) if w in _WEEKDAYS}
    years = []
    for year in range(low.year, high.year + 1):
        if day is None:
            first = date(year, month, 1)
            last = date(year, month, calendar.monthrange(year, month)[1])
        else:
            try:
                first = last = date(year, month, day)
            except ValueError:
                continue  # February 29 of a common year
            if named and named != {first.weekday()}:
                continue
        if first <= high and last >= low:
            years.append(year)
    return years[0] if len(years) == 1 else None
