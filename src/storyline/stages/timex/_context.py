"""What anchoring knows about an expression, and the reasoning its rules share.

`_Context` carries the text, the reference date (DCT), the tense reader and the dates the
text gave last, which anaphoric expressions ("the following year", "that quarter", "a year
earlier") count from. The helpers here resolve what several rules need: the year of a month
named without one, the side of the DCT a weekday lies on, the calendar unit around the DCT.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storyline.lexicon import entry, table
from storyline.model import TimexType
from storyline.stages.timex._calendar import (
    _closest_year,
    _fmt_date,
    _fmt_week,
    _shift_days,
    _shift_month,
    _year_ok,
)
from storyline.stages.timex.patterns import _day_number, _either, _month_number
from storyline.stages.timex.tense import _sentence_span, _Tenses

_RELATIVE_OFFSETS: dict[str, int] = table("timex", "relative_offsets")
_UNKNOWN_UNITS: dict[str, str] = table("timex", "unknown_units")


@dataclass(slots=True)
class _Context:
    """What a normaliser knows: the text, the DCT, the tense and the last dates mentioned."""

    text: str
    dct: dt.date | None
    tenses: _Tenses
    last_date: str | None = None
    last_day: str | None = None  # the last full date given, kept past a later month or year
    last_mention: str | None = None
    last_quarter: str | None = None

    @property
    def tags(self) -> Sequence[tuple[int, int, str]] | None:
        """The text's part-of-speech tags, sorted; None without them."""
        return self.tenses.tags

    @property
    def tag_starts(self) -> list[int]:
        return self.tenses.starts

    def tense(self, start: int, end: int) -> str | None:
        return self.tenses.tense(start, end)


_Normaliser = Callable[[re.Match[str], _Context], "tuple[TimexType, str, str | None] | None"]


def _direction(ctx: _Context, start: int, end: int, default: str = "past") -> str:
    """`future` or `past` from the tense, `default` where the tense does not say."""
    tense = ctx.tense(start, end)
    if tense in ("future", "past"):
        return tense
    return default


def _date_value(ctx: _Context, year: int | None, month: int, day: int | None) -> str | None:
    if year is None:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return _fmt_date(dt.date(year, month, day))
    except ValueError:
        return None


def _attributive(ctx: _Context, start: int, end: int) -> bool:
    """Whether a date modifies the noun after it, as in "the October slaying"."""
    if not re.search(r"(?i)\bthe\s+$", ctx.text[max(0, start - 4) : start]) and not re.match(
        r"(?i)the\s", ctx.text[start:end]
    ):
        return False
    following = re.match(r" ([a-z]+)\b", ctx.text[end : end + 30])
    if following is None:
        return False
    if ctx.tags is None:
        return True
    at = bisect.bisect_left(ctx.tag_starts, end + 1)
    if at == len(ctx.tag_starts) or ctx.tags[at][0] != end + 1:
        return False
    return ctx.tags[at][2] in ("NN", "NNS")


_VERB_AFTER = re.compile(rf"\s+(?:{'|'.join(entry('timex', 'season_verb_particles'))})\b", re.I)


def _season_verb(ctx: _Context, start: int, end: int) -> bool:
    """Whether the season word at `start:end` is a verb ("buildings that fall down", "that
    spring up"): tagged as one, or followed by a word that goes with the verb."""
    if _VERB_AFTER.match(ctx.text, end):
        return True
    if ctx.tags is None:
        return False
    at = bisect.bisect_left(ctx.tag_starts, start)
    return (
        at < len(ctx.tag_starts) and ctx.tags[at][0] == start and ctx.tags[at][2].startswith("VB")
    )


_MONTH_AHEAD = re.compile(r"(?i)\b(?:until|till)\s+(?:(?:early|mid|late)[\s-]+)?$")
# "since January", "since Oct. 20": the time a state has lasted from, never after the DCT
_SINCE_BEFORE = re.compile(r"(?i)\bsince\s+(?:(?:early|mid|late)[\s-]+)?$")
# a month that names a futures contract, "October crude rose", "the December contract",
# "September and October contracts": the delivery month still to come
_PREPOSITION_BEFORE = re.compile(
    r"(?i)\b(?:in|since|during|by|until|till|from|through|of|on|for|last|next|this|early|mid|late)[\s-]+$"
)
_CONTRACT_AFTER = re.compile(
    rf"(?i)(?:\s+and\s+[A-Z][a-z]+\.?)?\s+(?:{_either(entry('timex', 'contract_nouns'))})\b"
)


def _resolve_year(ctx: _Context, m: re.Match[str], month: int, day: int | None) -> int | None:
    """The year of a month (and day) the text gives without one.

    The year that puts the date nearest to the DCT, unless the tense says the date is
    past (or future) and the nearest one is more than a month on the other side. Dates
    in news are mostly near the DCT, and a past-tense verb often governs a future date
    ("the offer was extended to Nov. 16"), so tense only overrules a clear distance.
    """
    if ctx.dct is None:
        return None
    year = _closest_year(ctx.dct, month, day or 15)
    if _SINCE_BEFORE.search(ctx.text, max(0, m.start() - 16), m.start()) or re.match(
        r"(?i)since\b", m[0]
    ):
        # "prices have risen since January", said in October: this year's January, not the
        # nearer one to come
        if (year, month, day or 1) > (ctx.dct.year, ctx.dct.month, ctx.dct.day):
            return year - 1
        return year
    direction = _direction(ctx, m.start(), m.end(), default="closest")
    if (
        day is None
        and _CONTRACT_AFTER.match(ctx.text, m.end())
        and not _PREPOSITION_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start())
    ):
        direction = "future"  # "October crude rose": a delivery month, still to come
    elif direction != "future" and _attributive(ctx, m.start(), m.end()):
        direction = "past"  # "the Oct. 23 slaying": an event the news already knows of
    try:
        candidate = dt.date(year, month, min(day or 15, 28))
    except ValueError:
        return year
    if day is None:
        # a month alone: the tense decides which side of the DCT's month it lies on,
        # except that "until" looks ahead, and the month right after the
        # DCT's is the coming one even in a past-tense report ("cut supplies in September")
        before = ctx.text[max(0, m.start() - 30) : m.start()]
        if _MONTH_AHEAD.search(before):
            direction = "future"
        next_month = _shift_month(ctx.dct.year, ctx.dct.month, 1)
        if direction == "past" and (year, month) > (ctx.dct.year, ctx.dct.month):
            if (year, month) == next_month:
                return year
            return year - 1
        if direction == "future" and (year, month) < (ctx.dct.year, ctx.dct.month):
            return year + 1
        if (
            direction not in ("past", "future")
            and (year, month) > _shift_month(ctx.dct.year, ctx.dct.month, 3)
            and not re.search(r"(?i)\bby\s+$", before)
        ):
            # a month named without a tense that places it: next year's only when it is
            # near or a deadline ("by February"), else the one that has passed ("from $29
            # in March", said in October)
            return year - 1
        return year
    margin = dt.timedelta(days=75)
    if direction == "past" and candidate > ctx.dct + margin:
        return year - 1
    if direction == "future" and candidate < ctx.dct - margin:
        return year + 1
    return year


def _month_day_year(
    m: re.Match[str], ctx: _Context, mon: str = "mon", day_group: str = "day"
) -> tuple[int, int, int | None] | None:
    """The month and day a match names and its year: written, or resolved against the DCT
    (None when there is none); None for no month."""
    month = _month_number(m[mon])
    if month is None:
        return None
    day = _day_number(m[day_group])
    return month, day, int(m["year"]) if m["year"] else _resolve_year(ctx, m, month, day)


def _relative_year(ctx: _Context, words: str) -> int | None:
    if ctx.dct is None:
        return None
    w = words.lower().split()[0]
    return ctx.dct.year + _RELATIVE_OFFSETS.get(w, 0)


_WEEKDAY_AHEAD = re.compile(r"(?i)\b(?:until|till|as\s+(?:soon|early)\s+as)\s+(?:\S+\s+){0,3}$")


_WEEKDAY_BEHIND = re.compile(r"(?i)\bsince\s+$")


def _weekday_direction(ctx: _Context, start: int, end: int) -> str:
    """`future` or `past` for a bare weekday (or a clock time on one).

    "since Tuesday" looks back and "until Friday", "as soon as Tuesday" look ahead,
    whatever the verb; a possessive ("Friday's ruling") names an event already reported.
    Otherwise news reports the past with a bare weekday, and a present tense that is not
    reporting speech ("they meet Monday") looks ahead, as the future does.
    """
    before = ctx.text[max(0, start - 40) : start]
    if _WEEKDAY_BEHIND.search(before):
        return "past"
    if _WEEKDAY_AHEAD.search(before):
        s_start, s_end = _sentence_span(ctx.text, start, end)
        if re.fullmatch(r"(?i)\W*(?:until|till)\s+", ctx.text[s_start:start]) and re.match(
            r"(?i)\W+(?:\w+\s+){1,3}had\b", ctx.text[end:s_end]
        ):
            return "past"  # "Until Thursday, they had not named him": over by now
        return "future"
    if re.match(r"['’]s\b", ctx.text[end : end + 3]) and not re.search(
        r"(?i)\b(?:ahead\s+of|upcoming|next|this|coming)\s+$", before
    ):
        return "past"
    tense = ctx.tense(start, end)
    return "future" if tense in ("future", "present") else "past"


def _unit_value(ctx: _Context, unit: str, offset: int) -> str | None:
    """The calendar unit containing the DCT, shifted by `offset` units."""
    dct = ctx.dct
    if dct is None:
        return _UNKNOWN_UNITS.get(unit, "XX" if unit == "century" else "XXXX")
    if unit == "day":
        d = _shift_days(dct, offset)
        return _fmt_date(d) if d else None
    if unit in ("week", "weekend"):
        d = _shift_days(dct, 7 * offset)
        if d is None:
            return None
        return _fmt_week(d) + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        year, month = _shift_month(dct.year, dct.month, offset)
        return f"{year:04d}-{month:02d}" if _year_ok(year) else None
    if unit == "quarter":
        year, month = _shift_month(dct.year, dct.month, 3 * offset)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}" if _year_ok(year) else None
    if unit == "year":
        year = dct.year + offset
        return f"{year:04d}" if _year_ok(year) else None
    if unit == "decade":
        year = dct.year + 10 * offset
        return f"{year // 10:03d}" if _year_ok(year) else None
    if unit == "century":
        year = dct.year + 100 * offset
        return f"{year // 100:02d}" if _year_ok(year) else None
    return None


def _season_value(ctx: _Context, season: str, rel: str, m: re.Match[str]) -> str:
    if ctx.dct is None:
        return f"XXXX-{season}"
    month = ctx.dct.month
    current = {12: "WI", 1: "WI", 2: "WI"}.get(month) or (
        "SP" if month <= 5 else "SU" if month <= 8 else "FA" if month <= 11 else "WI"
    )
    # the year a season belongs to is the year it starts in (winter starts in December)
    current_year = ctx.dct.year - 1 if month <= 2 else ctx.dct.year
    order = ["SP", "SU", "FA", "WI"]
    diff = order.index(season) - order.index(current)
    if rel in ("last", "past", "previous"):
        year = current_year if diff < 0 else current_year - 1
    elif rel in ("next", "coming"):
        year = current_year if diff > 0 else current_year + 1
    elif rel == "this" or diff == 0:
        year = current_year
    else:
        direction = _direction(ctx, m.start(), m.end(), default="closest")
        if direction == "closest":
            # no tense places it ("we are preparing for an outbreak in autumn", said in
            # June): the next season if it starts within three months, as a month is
            start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
            ahead = (start_month - month) % 12
            direction = "future" if diff > 0 and ahead <= 3 else "past"
        if direction == "future":
            year = current_year if diff >= 0 else current_year + 1
        else:
            year = current_year if diff <= 0 else current_year - 1
    return f"{year:04d}-{season}"


def _remember_quarter(ctx: _Context, value: str, span: tuple[int, int] | None = None) -> None:
    """Keep a resolved quarter as the one later "a year earlier" expressions refer to.

    A forecast is not the period a text reports results for and compares, so it is not
    kept: a quarter that starts after the DCT ("losses through the third quarter of 1990"),
    or one still running at the DCT that no past tense governs ("analysts expect the trend
    to continue into the fourth quarter"; `span` is where the expression is)."""
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m is None:
        return
    if ctx.dct is not None:
        year, first_month = int(m[1]), 3 * int(m[2]) - 2
        if (year, first_month) > (ctx.dct.year, ctx.dct.month):
            return
        running = (year, first_month + 2) >= (ctx.dct.year, ctx.dct.month)
        if running and span is not None and ctx.tense(*span) != "past":
            return
    if ctx.last_quarter is not None and value < ctx.last_quarter:
        return  # "after a flat second quarter": the period reported on is the latest one
    ctx.last_quarter = value
