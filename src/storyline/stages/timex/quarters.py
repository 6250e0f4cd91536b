"""The periods of earnings news: quarters ("the third quarter", "Q3 2024", "the year-earlier
quarter"), halves ("the first half"), fiscal years, "the first nine months" and the period
compared with ("the same period last year", "a year ago"). The quarter being reported on is
remembered (`_Context.last_quarter`), so a later "that quarter" or "a year earlier" refers
to it. The ordinals and qualifiers are in `lexicon/en/timex.toml`.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.lexicon import entry
from storyline.model import TimexType
from storyline.stages.timex._calendar import _fmt_date, _shift_month, _year_ok
from storyline.stages.timex._context import (
    _Context,
    _relative_year,
    _remember_quarter,
    _resolve_year,
)
from storyline.stages.timex.patterns import _MONTH, _ORDINALS, _either, _month_number, _number

# "ended July 31", "ending Jan. 31, 1990" right after a bare "the quarter"
_ENDED = re.compile(
    rf"""\s+(?:{_either(entry("timex", "quarter_end_words"))})
    \s+(?P<mon>{_MONTH})\s+(?P<day>\d{{1,2}})\b(?:,?\s+(?P<year>\d{{4}})\b)?""",
    re.VERBOSE,
)


def _quarter_ended(m: re.Match[str], ctx: _Context) -> str | None:
    """ "the quarter ended July 31": the calendar quarter holding most of the three months
    that end with the month given, the quarter of their middle month (May to July is mostly
    the second quarter; a quarter ended Jan. 31 is mostly the last one of the year before).
    The year is the one written, else the one the end day itself resolves to. None when no
    end day follows."""
    end = _ENDED.match(ctx.text, m.end())
    if end is None:
        return None
    month = _month_number(end["mon"])
    if month is None:
        return None
    year = int(end["year"]) if end["year"] else _resolve_year(ctx, end, month, int(end["day"]))
    if year is None:
        return None
    middle_year, middle = _shift_month(year, month, -1)
    return f"{middle_year:04d}-Q{(middle - 1) // 3 + 1}"


def _unfinished(ctx: _Context, quarter: str) -> bool:
    """Whether `quarter` (`YYYY-Qn`) has not ended by the DCT."""
    if ctx.dct is None:
        return False
    year, q = quarter.split("-Q")
    return (int(year), int(q)) >= (ctx.dct.year, (ctx.dct.month - 1) // 3 + 1)


def _n_quarter(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    which = (m["ord"] or "").lower()
    qual = (m["qual"] or "").lower()
    year: int | None = None
    if m["year"]:
        year = int(m["year"]) if m["year"].isdigit() else _relative_year(ctx, m["year"])
    elif m["year0"]:
        year = int(m["year0"])  # "the 1988 third quarter"
    elif qual.startswith("next year") and ctx.dct is not None:
        year = ctx.dct.year + 1
    elif qual.startswith("this year") and ctx.dct is not None:
        year = ctx.dct.year
    if which == "last" and not year:
        which = ""
    q = _ORDINALS.get(which)
    if q is None:
        # "the quarter", "the latest quarter": the quarter being reported on; "the latest
        # quarter" has results, so it is over, and is not a quarter still running
        over = not (
            qual.startswith(("latest", "most recent"))
            and ctx.last_quarter
            and _unfinished(ctx, ctx.last_quarter)
        )
        if ctx.last_quarter and not qual.startswith(("year-", "last year")) and over:
            return "DATE", ctx.last_quarter, None
        ended = None if ctx.last_quarter or qual else _quarter_ended(m, ctx)
        if ended is not None:
            _remember_quarter(ctx, ended, (m.start(), m.end()))
            return "DATE", ended, None
        if ctx.last_quarter and qual.startswith(("year-", "last year")):
            year_text, q_text = ctx.last_quarter.split("-Q")
            return "DATE", f"{int(year_text) - 1:04d}-Q{q_text}", None
        if ctx.dct is None:
            return "DATE", "XXXX-QX", None
        y, month = _shift_month(ctx.dct.year, ctx.dct.month, -3)
        value = f"{y:04d}-Q{(month - 1) // 3 + 1}"
        if qual.startswith(("year-", "last year")):
            value = f"{y - 1:04d}-Q{(month - 1) // 3 + 1}"
        else:
            _remember_quarter(ctx, value, (m.start(), m.end()))
        return "DATE", value, None
    if year is None:
        if ctx.dct is None:
            return "DATE", f"XXXX-Q{q}", None
        year = ctx.dct.year
        quarter_start = dt.date(year, 3 * q - 2, 1) if _year_ok(year) else None
        if quarter_start and quarter_start > ctx.dct and ctx.tense(m.start(), m.end()) == "past":
            year -= 1
        earlier = qual.startswith(("year-", "last year"))
        if earlier:
            year -= 1
        value = f"{year:04d}-Q{q}"
        if not earlier:
            _remember_quarter(ctx, value, (m.start(), m.end()))
        return "DATE", value, None
    value = f"{year:04d}-Q{q}"
    _remember_quarter(ctx, value, (m.start(), m.end()))
    return "DATE", value, None


def _n_quarter_like(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the latest period", "the year-earlier period": the quarter being reported on."""
    if ctx.last_quarter is None:
        return None
    year_text, q_text = ctx.last_quarter.split("-Q")
    if re.search(r"(?i)year-", m[0]):
        return "DATE", f"{int(year_text) - 1:04d}-Q{q_text}", None
    return "DATE", ctx.last_quarter, None


def _n_q_abbrev(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["year"]:
        year: int | None = int(m["year"])
    else:
        year = ctx.dct.year if ctx.dct else None
    value = f"{year:04d}-Q{m['q']}" if year else f"XXXX-Q{m['q']}"
    _remember_quarter(ctx, value, (m.start(), m.end()))
    return "DATE", value, None


def _n_half(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    which = m["ord"].lower()
    h = 1 if which in ("first", "1st") else 2
    year: int | None
    if m["year"]:
        year = int(m["year"]) if m["year"].isdigit() else _relative_year(ctx, m["year"])
    else:
        year = ctx.dct.year if ctx.dct else None
    if year is None:
        return "DATE", f"XXXX-H{h}", None
    return "DATE", f"{year:04d}-H{h}", None


def _n_first_months(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    count = _number(m["num"])
    if not count:
        return None
    return "DURATION", f"P{count}M", None


def _n_fiscal(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["year_before"]:
        return "DATE", m["year_before"], None
    if m["year"]:
        year_text = m["year"]
        year = int(year_text) if len(year_text) == 4 else 1900 + int(year_text[-2:])
        return "DATE", f"{year:04d}", None
    if ctx.dct is None:
        return "DATE", "XXXX", None
    rel = (m["rel"] or "").lower()
    offset = -1 if rel in ("last", "latest", "previous", "past") else 1 if rel == "next" else 0
    return "DATE", f"{ctx.dct.year + offset:04d}", None


def _n_year_period(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the 1988 quarter", "the 1989 period": that year's quarter being reported on."""
    year = int(m["year"])
    if ctx.last_quarter:
        return "DATE", f"{year:04d}-Q{ctx.last_quarter.split('-Q')[1]}", None
    return "DATE", f"{year:04d}", None


def _n_year_ago_adj(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if ctx.last_quarter:
        year, q = ctx.last_quarter.split("-Q")
        return "DATE", f"{int(year) - 1:04d}-Q{q}", None
    if ctx.dct is None:
        return "DATE", "XXXX", None
    return "DATE", f"{ctx.dct.year - 1:04d}", None


def _n_same_period_before(
    m: re.Match[str], ctx: _Context
) -> tuple[TimexType, str, str | None] | None:
    """ "the same period last year", "the corresponding quarter a year ago", "the same month
    a year earlier": the period the text just reported on (the last quarter, month or day it
    gave), a year before; only the year when it gave none."""
    unit = m["unit"].lower()
    if unit in ("quarter", "period") and ctx.last_quarter:
        year_text, q_text = ctx.last_quarter.split("-Q")
        return "DATE", f"{int(year_text) - 1:04d}-Q{q_text}", None
    last = ctx.last_mention
    if last and unit in ("month", "period") and len(last) >= 7:
        return "DATE", f"{int(last[:4]) - 1:04d}{last[4:7]}", None
    if last and unit == "day" and len(last) == 10:
        try:
            day = dt.date(int(last[:4]) - 1, int(last[5:7]), int(last[8:10]))
        except ValueError:
            return None
        return "DATE", _fmt_date(day), None
    base = int(last[:4]) if last else ctx.dct.year if ctx.dct is not None else None
    if base is None:
        return None
    return "DATE", f"{base - 1:04d}", None
