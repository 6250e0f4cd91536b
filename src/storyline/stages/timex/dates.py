"""Calendar dates the text writes out: a day ("March 26, 2024", "26 March", "2024-03-26",
"3/26/24"), a month ("September 2023", "in May"), a year, decade or century ("1991", "the
1990s", "the sixties", "the 20th century"), a holiday ("Christmas Eve"), a week of a month
("the week of March 6"), a year in words ("nineteen ninety-six") and a named era ("the Cold
War era"). A date without its year takes the year the reference date and the tense give.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from storyline.lexicon import entry, table, words
from storyline.model import TimexType
from storyline.stages.timex._calendar import (
    _fmt_date,
    _fmt_week,
    _mod,
    _month_year,
    _shift_month,
    _year_ok,
)
from storyline.stages.timex._context import (
    _RELATIVE_OFFSETS,
    _Context,
    _date_value,
    _direction,
    _month_day_year,
    _relative_year,
    _resolve_year,
)
from storyline.stages.timex.patterns import (
    _DECADES,
    _ERAS,
    _HOLIDAYS,
    _MONTH,
    _MONTH_FULL,
    _NTH_WEEK,
    _ORDINAL_WORDS,
    _PARTS_OF_DAY,
    _SEASONS,
    _WEEKDAYS,
    _day_number,
    _either,
    _month_number,
    _spelled_number,
)

_MONTH_DIRECTIONS: dict[str, str] = table("timex", "month_directions")
# month names that are also a modal or a verb, as written: "May", "March"
_VERB_MONTHS = words("timex", "verb_months")


def _n_month_day(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    parts = _month_day_year(m, ctx)
    if parts is None:
        return None
    month, day, year = parts
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None
    value = _date_value(ctx, year, month, day)
    if value is None:
        return None
    if m["day2"]:
        day2 = _day_number(m["day2"])
        month2 = _month_number(m["mon2"]) if m["mon2"] else month
        if month2 is None:
            return None
        year2 = year if month2 >= month else year + 1
        value2 = _date_value(ctx, year2, month2, day2)
        if value2 is None or value2 <= value:
            return None
        return "DATE", f"{value}/{value2}", None
    return "DATE", value, None


def _n_month_year(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    month = _month_number(m["mon"])
    if month is None:
        return None
    year_text = m["year"]
    if year_text.isdigit():
        year: int | None = int(year_text)
    else:
        year = _relative_year(ctx, year_text)
    mod = _mod(m["mod"])
    if year is None:
        return "DATE", f"XXXX-{month:02d}", mod
    if m["mon1"]:
        month1 = _month_number(m["mon1"])
        if month1 is None or month1 >= month:
            return None
        return "DATE", f"{year:04d}-{month1:02d}/{year:04d}-{month:02d}", None
    return "DATE", f"{year:04d}-{month:02d}", mod


_MAY_CONTEXT = re.compile(
    rf"(?i)(?:\b(?:{_either(entry('timex', 'month_context'))})\s+|mid-|,\s*)$"
)


def _n_month(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    word = m["mon"]
    month = _month_number(word)
    if month is None:
        return None
    before = ctx.text[max(0, m.start() - 20) : m.start()]
    after = ctx.text[m.end() : m.end() + 20]
    rel = (m["rel"] or "").lower()
    # A month name is also a modal, a verb and a given name: ask for temporal context.
    if not rel and not m["mod"]:
        # "the March accession", "the June summit": a month naming when a thing happens
        attributive = bool(
            re.search(r"(?i)\bthe\s+$", before)
            and re.match(r"\s+(?!of\b)[a-z]{3,}", after)
            and word.istitle()
        )
        if word in _VERB_MONTHS and not attributive and not _MAY_CONTEXT.search(before):
            return None
        if re.match(r"\s+[A-Z][a-z]", after) and not _MAY_CONTEXT.search(before):
            return None
    if word.isalpha() and word.lower() not in _MONTH_FULL.lower().split("|"):
        # "Jan Kavan", "Dec": a bare abbreviation without its full stop is not a month
        return None
    mod = _mod(m["mod"])
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}", mod
    if rel in ("last", "next", "this", "past", "coming"):
        direction = _MONTH_DIRECTIONS.get(rel, "future" if month >= ctx.dct.month else "past")
        year = ctx.dct.year if rel == "this" else _month_year(ctx.dct, month, direction)
    else:
        year = _resolve_year(ctx, m, month, None) or ctx.dct.year
    if not _year_ok(year):
        return None
    return "DATE", f"{year:04d}-{month:02d}", mod


def _n_iso(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    try:
        d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["hh"]:
        return "TIME", f"{_fmt_date(d)}T{int(m['hh']):02d}:{m['mm']}", None
    return "DATE", _fmt_date(d), None


_SLASHED = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})(?![\w/])")
_DAY_FIRST_WORDS = re.compile(
    rf"(?<![\w$#£€¥.-])(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTH})(?![\w-])"
)
_MONTH_FIRST_WORDS = re.compile(
    rf"(?<![\w-])(?:{_MONTH})\s+(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%-]|:\d|,\d{{3}})"
)


@functools.lru_cache(maxsize=16)
def _day_first(text: str) -> bool:
    """Whether the text writes its slashed dates day first (20/06/2024), by its own
    convention: a slashed date that can only be read one way decides ("20/06/2024",
    "06/20/2024"); otherwise the order of the dates it writes in words does ("19 June"
    against "June 19"); otherwise month first, as the wire services write them."""
    day_first = month_first = 0
    for a, b in _SLASHED.findall(text):
        day_first += int(a) > 12 >= int(b)
        month_first += int(b) > 12 >= int(a)
    if day_first != month_first:
        return day_first > month_first
    if "/" in text and re.search(r"(?<![\w.])\d{1,2}\.\d{1,2}\.\d{4}(?!\w)", text):
        return True  # a text that also writes "20.06.2024" is a day-first text
    return len(_DAY_FIRST_WORDS.findall(text)) > len(_MONTH_FIRST_WORDS.findall(text))


def _numeric_date(year: int, month: int, day: int) -> tuple[TimexType, str, str | None] | None:
    try:
        return "DATE", _fmt_date(dt.date(year, month, day)), None
    except ValueError:
        return None


def _two_digit_year(year_text: str) -> int:
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year > 30 else 2000
    return year


def _n_slash(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "6/19/2024", "19/06/2024": the order one of the numbers forces, else the text's."""
    a, b = int(m["a"]), int(m["b"])
    if a > 12 or (b <= 12 and _day_first(ctx.text)):
        a, b = b, a
    return _numeric_date(_two_digit_year(m["y"]), a, b)


def _n_dotted(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "20.06.2024", "20.06.24": day first (month first only where the day cannot be)."""
    if len(m["y"]) == 2 and (len(m["a"]) != 2 or len(m["b"]) != 2):
        return None  # "1.2.24" is a version number sooner than a date
    day, month = int(m["a"]), int(m["b"])
    if month > 12 >= day:
        day, month = month, day
    return _numeric_date(_two_digit_year(m["y"]), month, day)


def _n_dashed(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "19-Jun-2024": day, month name and year."""
    month = _month_number(m["monb"])
    if month is None:
        return None
    return _numeric_date(int(m["year"]), month, _day_number(m["dayb"]))


def _n_ymd(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "2024/06/20", "2024.06.20": year, month, day."""
    return _numeric_date(int(m["y"]), int(m["m"]), int(m["d"]))


def _n_ordinal_day(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "on the 19th", "Wednesday the 19th", "the 28th of last month": a day of the month
    named, else of the DCT's month or the two either side (of the twelve either side when a
    weekday narrows them to the months whose day has that weekday), the one the tense
    points to (the latest on or before the DCT in a report of the past, the next one ahead
    in the future), else the nearest."""
    day = int(m["dom"])
    if ctx.dct is None:
        return "DATE", f"XXXX-XX-{day:02d}", None
    if m["rel"]:
        offset = _RELATIVE_OFFSETS.get(m["rel"].lower(), 0)  # "of this/the/that month": 0
        year, month = _shift_month(ctx.dct.year, ctx.dct.month, offset)
        return _numeric_date(year, month, day) if _year_ok(year) else None
    # a weekday fixes the month within a year; without one, the month is the DCT's or next to it
    reach = 12 if m["wd"] else 2
    options: list[dt.date] = []
    for offset in range(-reach, reach + 1):
        year, month = _shift_month(ctx.dct.year, ctx.dct.month, offset)
        if _year_ok(year):
            try:
                options.append(dt.date(year, month, day))
            except ValueError:
                continue
    if m["wd"]:
        weekday = _WEEKDAYS.get(m["wd"].lower())
        options = [d for d in options if weekday is not None and d.isoweekday() == weekday]
    dct = ctx.dct
    direction = _direction(ctx, m.start("dom"), m.end(), default="closest")
    if direction == "past" and any(d <= dct for d in options):
        options = [max(d for d in options if d <= dct)]
    elif direction == "future" and any(d >= dct for d in options):
        options = [min(d for d in options if d >= dct)]
    if not options:
        return None
    best = min(options, key=lambda d: abs((d - dct).days))
    return "DATE", _fmt_date(best), None


_COUNT_NOUNS = re.compile(rf"\s+(?:{_either(entry('timex', 'count_nouns'))})\b")


_YEAR_BLOCKERS = re.compile(
    rf"(?i)(?:\b(?:{_either(entry('timex', 'year_blockers'))})\.?\s+|[#№:])$"
)
# what before a four-digit number makes it a year: "in 1991", "the 2000 elections"
_YEAR_CONTEXT = re.compile(rf"(?i)\b(?:{_either(entry('timex', 'year_context'))})\s+$")


def _n_year(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    year = int(m["year"])
    before = ctx.text[max(0, m.start() - 16) : m.start()]
    after = ctx.text[m.end() : m.end() + 16]
    if _YEAR_BLOCKERS.search(before) or _COUNT_NOUNS.match(after):
        return None
    if re.match(r"\s*(?:%|percent|per\s*cent|[-–]\d)", after):
        return None
    if re.match(r"\s+Index\b", after):
        return None  # "the Russell 2000 Index": a name
    has_context = bool(_YEAR_CONTEXT.search(before))
    if not (1900 <= year <= 2099) and not has_context:
        return None
    if m["year2"]:
        year2 = int(m["year2"]) if len(m["year2"]) == 4 else (year // 100) * 100 + int(m["year2"])
        if year2 <= year:
            return None
        return "DATE", f"{year:04d}/{year2:04d}", None
    return "DATE", f"{year:04d}", _mod(m["mod"])


# a band of temperatures or prices, not a decade: "highs in the 70s", "shares in the 30s"
_TEMPERATURE_BEFORE = re.compile(
    rf"(?i)(?:\b(?:{'|'.join(entry('timex', 'band_words'))})\b|[$%])"
    r"[^.]{0,25}$"
)


_TEMPERATURE_AFTER = re.compile(r"(?i)\s*(?:degrees|°|fahrenheit|celsius|[FC]\b)")


def _n_decade(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["full"]:
        return "DATE", m["full"][:3], _mod(m["mod"])
    if m["bare"] and (
        _TEMPERATURE_BEFORE.search(ctx.text[max(0, m.start() - 40) : m.start()])
        or _TEMPERATURE_AFTER.match(ctx.text, m.end())
    ):
        return None
    short = m["short"] or m["bare"]
    century = "19"
    if ctx.dct is not None and int(short[0]) <= (ctx.dct.year % 100) // 10:
        century = str(ctx.dct.year // 100)
    return "DATE", f"{century}{short[0]}", _mod(m["mod"])


def _n_short_year(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "since '82", "the class of '98": the year of that number nearest before the DCT
    (a year ahead at most), in the 1900s without one."""
    yy = int(m["yy"])
    if ctx.dct is None:
        return ("DATE", f"19{yy:02d}", None) if yy >= 30 else None
    century = ctx.dct.year // 100 * 100
    year = century + yy if century + yy <= ctx.dct.year + 1 else century - 100 + yy
    return "DATE", f"{year:04d}", None


def _n_century(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    n = _day_number(m["n"]) if m["n"][0].isdigit() else _ORDINAL_WORDS.get(m["n"].lower())
    if not n or n > 99:
        return None
    return "DATE", f"{n - 1:02d}", _mod(m["mod"])


def _day_month(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "19 June", and a range that ends on it: "18-19 June", "30 June-1 July 2024"."""
    parts = _month_day_year(m, ctx, "monb", "dayb")
    if parts is None:
        return None
    month, day, year = parts
    if not m["daya"]:
        if year is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}", None
        value = _date_value(ctx, year, month, day)
        return ("DATE", value, None) if value else None
    first_day = _day_number(m["daya"])
    first_month = _month_number(m["mona"]) if m["mona"] else month
    if first_month is None:
        return None
    if year is None:
        if (first_month, first_day) >= (month, day):
            return None
        return "DATE", f"XXXX-{first_month:02d}-{first_day:02d}/XXXX-{month:02d}-{day:02d}", None
    first_year = year if first_month <= month else year - 1
    first = _date_value(ctx, first_year, first_month, first_day)
    last = _date_value(ctx, year, month, day)
    if first is None or last is None or first >= last:
        return None
    return "DATE", f"{first}/{last}", None


def _n_day_month_dispatch(
    m: re.Match[str], ctx: _Context
) -> tuple[TimexType, str, str | None] | None:
    """Month-day and day-month orders share one rule; normalise both the same way. A part
    of the day after the date ("June 19 night", "19 June evening") makes it a TIME."""
    found = _day_month(m, ctx) if m["monb"] else _n_month_day(m, ctx)
    part = m["part"]
    if found is None or not part or "/" in found[1]:
        return found
    return "TIME", f"{found[1]}T{_PARTS_OF_DAY[part.lower()]}", None


def _n_decade_dispatch(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["word"]:
        tens = _DECADES[m["word"].lower()]
        return "DATE", f"19{tens}", _mod(m["mod"])
    return _n_decade(m, ctx)


def _n_year_range(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 <= y1:
        return None
    return "DATE", f"{y1:04d}/{y2:04d}", None


def _n_since(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    return "DATE", m["year"], None


def _n_week_of(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the week of March 6": the ISO week holding that day."""
    parts = _month_day_year(m, ctx)
    if parts is None:
        return None
    month, day, year = parts
    if year is None:
        return "DATE", "XXXX-WXX", None
    try:
        return "DATE", _fmt_week(dt.date(year, month, day)), None
    except ValueError:
        return None


def _n_nth_week_of(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the final week of May", "the first week of May 2020": the ISO week that has most
    of its days in that stretch of the month (the one holding the 4th, the 11th, ...; for
    the last, the one holding the fourth day from the end)."""
    month = _month_number(m["mon"])
    if month is None:
        return None
    year = int(m["year"]) if m["year"] else _resolve_year(ctx, m, month, None)
    if year is None:
        return "DATE", "XXXX-WXX", None
    nth = m["nth"].lower()
    try:
        if nth in _NTH_WEEK:
            day = dt.date(year, month, 4 + 7 * _NTH_WEEK[nth])
        else:
            next_year, next_month = _shift_month(year, month, 1)
            day = dt.date(next_year, next_month, 1) - dt.timedelta(days=4)
    except ValueError:
        return None
    return "DATE", _fmt_week(day), None


def _holiday_date(year: int, key: tuple[int, int] | str) -> dt.date | None:
    if isinstance(key, tuple):
        return dt.date(year, *key)
    if key == "thanksgiving":  # fourth Thursday of November (United States)
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if key == "labor":  # first Monday of September
        first = dt.date(year, 9, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7)
    if key == "memorial":  # last Monday of May
        last = dt.date(year, 5, 31)
        return last - dt.timedelta(days=last.weekday())
    if key == "election":  # United States: the Tuesday after the first Monday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
    return None


def _n_holiday(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    key = _HOLIDAYS.get(re.sub(r"\s+", " ", m["name"].lower()).replace("’", "'"))
    if key is None:
        return None
    if m["year"]:
        year = int(m["year"])
    elif ctx.dct is None or not (2 <= ctx.dct.year <= 9998):
        return "DATE", "XXXX-XX-XX", None
    else:
        this_year = _holiday_date(ctx.dct.year, key)
        if this_year is None:
            return None
        direction = _direction(ctx, m.start(), m.end(), default="closest")
        year = ctx.dct.year
        if direction == "past" and this_year > ctx.dct:
            year -= 1
        elif direction == "future" and this_year < ctx.dct:
            year += 1
        elif direction == "closest" and (this_year - ctx.dct).days > 182:
            year -= 1
        elif direction == "closest" and (ctx.dct - this_year).days > 182:
            year += 1
    d = _holiday_date(year, key) if _year_ok(year) else None
    return ("DATE", _fmt_date(d), None) if d else None


def _n_spelled_year(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "nineteen ninety-six", "the year two thousand", and a month or season of one:
    "May nineteen eighty-one", "the spring of nineteen seventy-two"."""
    if m["thousand"]:
        rest = _spelled_number(m["rest2"]) if m["rest2"] else 0
        if rest is None:
            return None
        if not (m["theyear"] or m["mon"] or m["season"]) and re.match(
            r"\s+[a-z]", ctx.text[m.end() : m.end() + 2]
        ):
            return None  # "two thousand people": a number
        year = 2000 + rest
    else:
        century = _spelled_number(m["century"])
        rest = _spelled_number(m["rest"])
        if century is None or rest is None or not 10 <= century <= 20:
            return None
        year = century * 100 + rest
    if m["mon"]:
        month = _month_number(m["mon"])
        return ("DATE", f"{year:04d}-{month:02d}", None) if month else None
    if m["season"]:
        return "DATE", f"{year:04d}-{_SEASONS[m['season'].lower()]}", None
    return "DATE", f"{year:04d}", None


def _n_era(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    name = re.sub(r"[\s-]+", " ", (m["era"] or m["era2"]).lower())
    value = _ERAS.get(name)
    return ("DATE", value, None) if value else None
