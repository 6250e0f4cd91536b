"""Clock times: "5 p.m.", "16:15 UTC", "noon", "4 in the morning", with the day written next
to them ("5 p.m. Tuesday", "noon today", "June 1st") or else the day being written about.
"""

from __future__ import annotations

import re

from storyline.model import TimexType
from storyline.stages.timex._calendar import _fmt_date, _shift_days, _weekday_date
from storyline.stages.timex._context import (
    _Context,
    _date_value,
    _resolve_year,
    _weekday_direction,
)
from storyline.stages.timex.patterns import (
    _DAY_WORDS,
    _WEEKDAY,
    _WEEKDAYS,
    _day_number,
    _month_number,
)


def _n_time(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["named"]:
        if m["named"][0].isupper() and re.search(
            rf"\b(?!{_WEEKDAY}\b)[A-Z][a-z]+\s+$", ctx.text[max(0, m.start() - 20) : m.start()]
        ):
            return None  # "High Noon": part of a title
        named = m["named"].lower()
        clock = "12:00" if named in ("noon", "midday") else "24:00"
        hour_text = clock
    else:
        hour = int(m["h"])
        minute = int(m["min"]) if m["min"] else 0
        ampm = (m["ap"] or "").lower().replace(".", "").replace(" ", "")
        if hour > 24 or minute > 59 or (ampm and hour > 12) or (ampm and hour == 0):
            return None
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        hour_text = f"{hour:02d}:{minute:02d}"
    return "TIME", f"{_clock_day(m, ctx)}T{hour_text}{_zone(m)}", None


def _zone(m: re.Match[str]) -> str:
    """`Z` for a clock time given in UTC or GMT, as ISO 8601 writes it."""
    return "Z" if (m["zone"] or "").upper() in ("UTC", "GMT") else ""


def _clock_day(m: re.Match[str], ctx: _Context) -> str:
    """The day of a clock time: the weekday, day word or date written with it, else the
    day being written about, else the DCT."""
    day_word = m["day"]
    if m["dom_b"]:
        month_b = _month_number(m["mon_b"] or m["bare_b"])
        if month_b is not None:
            day_b = _day_number(m["dom_b"])
            year_b = int(m["year_b"]) if m["year_b"] else _resolve_year(ctx, m, month_b, day_b)
            if year_b is None:
                return f"XXXX-{month_b:02d}-{day_b:02d}"
            value_b = _date_value(ctx, year_b, month_b, day_b)
            if value_b is not None:
                return value_b
    if m["mon"]:
        month = _month_number(m["mon"])
        if month is not None:
            day = _day_number(m["dom"])
            year = _resolve_year(ctx, m, month, day)
            if year is None:
                return f"XXXX-{month:02d}-{day:02d}"
            value = _date_value(ctx, year, month, day)
            if value is not None:
                return value
    elif day_word:
        low = day_word.lower()
        if ctx.dct is None:
            return f"XXXX-WXX-{_WEEKDAYS[low]}" if low in _WEEKDAYS else "XXXX-XX-XX"
        if low in _WEEKDAYS:
            d = _weekday_date(ctx.dct, _WEEKDAYS[low], _weekday_direction(ctx, m.start(), m.end()))
        else:
            offset = _DAY_WORDS.get(low, 0)
            d = _shift_days(ctx.dct, offset)
        if d is not None:
            return _fmt_date(d)
    if ctx.dct is None:
        return "XXXX-XX-XX"
    return ctx.last_date if ctx.last_date and len(ctx.last_date) == 10 else _fmt_date(ctx.dct)


def _n_clock24(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    before = ctx.text[max(0, m.start() - 4) : m.start()]
    after = ctx.text[m.end() : m.end() + 8]
    if not (
        m["zone"]
        or re.search(r"(?i)\b(?:at|by|until|from|to)\s+$", before)
        or re.match(r"\s*(?:h\b|hours|hrs|local|[ECMP][SD]T)", after)
    ):
        return None  # "won 2:1", "John 3:16": not a clock time
    hour, minute = (m["h"], m["min"]) if m["h"] else (m["h4"], m["min4"])
    return "TIME", f"{_clock_day(m, ctx)}T{hour}:{minute}{_zone(m)}", None


def _n_hour_of_part(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "4 in the morning", "9 in the evening": a clock time on the day being written about."""
    hour = int(m["h"])
    minute = int(m["min"]) if m["min"] else 0
    part = m["part"].lower()
    if part in ("afternoon", "evening") or (part == "night" and hour >= 6):
        hour = hour % 12 + 12
    elif hour == 12:
        hour = 0
    if ctx.dct is None:
        day = "XXXX-XX-XX"
    else:
        day = ctx.last_date if ctx.last_date and len(ctx.last_date) == 10 else _fmt_date(ctx.dct)
    return "TIME", f"{day}T{hour:02d}:{minute:02d}", None
