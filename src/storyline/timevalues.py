"""TIMEX3 date values as periods of days: what `2024-06`, `2024-W25` or `2024-Q2` covers.

Used where dates are compared (events, the timeline, their scorer): two values agree when
their periods overlap, and the finer of two values is the one with the shorter period.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_VALUE = re.compile(
    r"(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{2})(?:-WE)?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?"
    r"(?:T(?P<time>[\dA-Z:]+))?"
)
_DECADE = re.compile(r"(\d{3})")
_CENTURY = re.compile(r"(\d{2})")


def granularity(value: str) -> str:
    """`year`, `half`, `quarter`, `season`, `month`, `week`, `day`, `time`, `decade`,
    `century`, `range`, `fuzzy` (`PAST_REF` and the like) or `unknown`."""
    if "/" in value:
        return "range"
    if value.endswith("_REF"):
        return "fuzzy"
    if _DECADE.fullmatch(value):
        return "decade"
    if _CENTURY.fullmatch(value):
        return "century"
    match = _VALUE.fullmatch(value)
    if match is None:
        return "unknown"
    for name in ("time", "day", "week", "month", "quarter", "half", "season"):
        if match[name]:
            return name
    return "year"


# a pure function of the value, asked for each time expression of an article by each of its
# event mentions (`events.dating`): remembered for the last 65,536 values
@lru_cache(maxsize=65_536)
def period(value: str) -> tuple[date, date] | None:
    """The first and last day a date value covers, or None (durations, fuzzy values,
    `XXXX` dates and other values with no place on the calendar)."""
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = period(first), period(last)
        return (a[0], b[1]) if a and b and a[0] <= b[1] else None
    try:
        if _DECADE.fullmatch(value):
            return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
        if _CENTURY.fullmatch(value):
            return date(max(int(value) * 100, 1), 1, 1), date(int(value) * 100 + 99, 12, 31)
        match = _VALUE.fullmatch(value)
        if match is None:
            return None
        year = int(match["year"])
        if match["day"]:
            day = date(year, int(match["month"]), int(match["day"]))
            return day, day
        if match["month"]:
            return _months(year, int(match["month"]), int(match["month"]))
        if match["week"]:
            monday = date.fromisocalendar(year, int(match["week"]), 1)
            if value.endswith("-WE"):
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if match["quarter"]:
            opening = 3 * int(match["quarter"]) - 2
            return _months(year, opening, opening + 2)
        if match["half"]:
            opening = 6 * int(match["half"]) - 5
            return _months(year, opening, opening + 5)
        if match["season"]:
            low, high = _SEASONS[match["season"]]
            if high > 12:  # winter runs into the next year
                return date(year, 12, 1), _months(year + 1, 2, 2)[1]
            return _months(year, low, high)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def first_day(value: str) -> date | None:
    """The first day a date value covers (of a range, its first end's), or None for a value
    with no place on the calendar."""
    found = period(value.split("/")[0])
    return found[0] if found else None


def overlaps(a: str, b: str) -> bool:
    """Whether two date values share at least one day."""
    pa, pb = period(a), period(b)
    return pa is not None and pb is not None and pa[0] <= pb[1] and pb[0] <= pa[1]


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
