"""The document creation time (DCT) and ranges of days: parsing a DCT, the day an article's
relative expressions are anchored on (from its publication date), one value for an
expression anchored on both ends of a publication period not known to the day, and a range
the text states as one expression ("between 1994 and 1997") written as its two ends, as
TIMEX3 needs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from storyline import timevalues
from storyline.model import Published, Timex, TimexType


def parse_dct(value: str | dt.date | None) -> dt.date | None:
    """The date part of a DCT given as a date or an ISO string (`1998-02-13T14:26:00`)."""
    if value is None or isinstance(value, dt.date):
        return value
    m = re.match(r"\s*(\d{4})-?(\d{2})-?(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def reference_date(published: Published | None) -> str | None:
    """The day relative expressions of an article are anchored on.

    A publication date known to the day is used as it is; for a range (an inferred date
    that only bounds the writing) the latest day is used, since news mostly reports what
    has happened by then.
    """
    if published is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published.value):
        return published.value
    return published.latest or None


_UNIT_LETTERS: dict[str, str] = {
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "week": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
}

_RANGE_SPLIT = re.compile(
    r"(?is)(?:(?:between|from)\s+)?(?P<a>\S.*?)"
    r"(?:\s*[-\u2013\u2014]\s*|\s+(?:and|to|through|thru|until|till|into)\s+)(?P<b>\S.*)"
)


def range_endpoints(timexes: Sequence[Timex]) -> list[Timex]:
    """The timexes as TIMEX3 can write them: a range the text states ("between 1994 and
    1997", "April 24 and 25", "Aug. 26 to Oct. 20") becomes its two ends, each with its own
    extent and value, since a TIMEX3 value is one point or one duration and the TimeML
    guidelines tag the two ends of a range separately. Other timexes pass unchanged.

    >>> [(t.text, t.value) for t in range_endpoints(tag("sold from 1991 to 1997", "2000-01-01"))]
    [('1991', '1991'), ('1997', '1997')]
    """
    out: list[Timex] = []
    for t in timexes:
        low, sep, high = t.value.partition("/")
        m = _RANGE_SPLIT.fullmatch(t.text) if sep and low and high else None
        if m is None:
            out.append(t)
            continue
        for part, value in (("a", low), ("b", high)):
            start, end = t.start + m.start(part), t.start + m.end(part)
            type_: TimexType = "TIME" if "T" in value else "DATE"
            out.append(Timex(start, end, t.text[m.start(part) : m.end(part)], type_, value))
    return out


# "in recent years": PAST_REF in the dossier, as the seed gold has it; TimeML annotates the
# words after the preposition as a duration of unspecified length (TimeBank: "recent years"
# PXY, "recent months" PXM)
_RECENT_UNITS = re.compile(r"(?i)(?:in\s+)?(?P<words>recent\s+(?P<unit>[a-z]+?)s)")


def timeml_forms(timexes: Sequence[Timex]) -> list[Timex]:
    """The timexes as TIMEX3 writes them where TimeML's conventions differ from the
    dossier's: a range as its two ends (`range_endpoints`), and "in recent years" as the
    duration "recent years" (`PXY`) rather than `PAST_REF`.

    >>> [(t.text, t.type, t.value) for t in timeml_forms(tag("grew in recent years", "2000-01-01"))]
    [('recent years', 'DURATION', 'PXY')]
    """
    out: list[Timex] = []
    for t in range_endpoints(timexes):
        m = _RECENT_UNITS.fullmatch(t.text) if t.value == "PAST_REF" else None
        letter = _UNIT_LETTERS.get(m["unit"].lower()) if m else None
        if m is None or letter is None:
            out.append(t)
            continue
        start = t.start + m.start("words")
        out.append(Timex(start, t.end, t.text[m.start("words") :], "DURATION", f"PX{letter}"))
    return out


def _between(early: Timex | None, late: Timex) -> Timex:
    """A value resolved on the first and on the last day of the writing, as one value."""
    if early is None or early.value == late.value or early.type != late.type:
        return late
    first, last = timevalues.period(early.value), timevalues.period(late.value)
    if first is None or last is None:
        return late
    low = early.value.split("/")[0].split("T")[0]
    high = late.value.split("/")[-1].split("T")[0]
    if "T" in late.value or timevalues.granularity(low) != timevalues.granularity(high):
        low, high = min(first[0], last[0]).isoformat(), max(first[1], last[1]).isoformat()
    elif low > high:
        low, high = high, low
    return replace(late, type="DATE", value=f"{low}/{high}")
