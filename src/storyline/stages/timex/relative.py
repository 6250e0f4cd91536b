"""Expressions relative to the reference date or to the date the text gave last: day words
("yesterday", "tonight"), weekdays ("on Wednesday", "last Friday"), calendar units ("last
week", "next quarter", "the following year"), counts back and forth ("two years ago", "a
week later"), parts of a day ("that evening", "in the morning"), seasons, weekends, the year's
end, "the day" being written about and vague references ("recently", "in coming months").
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.lexicon import entry, table, words
from storyline.model import TimexType
from storyline.stages.timex._calendar import (
    _fmt_date,
    _fmt_week,
    _mod,
    _shift_days,
    _shift_month,
    _truncate,
    _weekday_date,
    _year_ok,
)
from storyline.stages.timex._context import (
    _RELATIVE_OFFSETS,
    _Context,
    _direction,
    _remember_quarter,
    _season_value,
    _season_verb,
    _unit_value,
    _weekday_direction,
)
from storyline.stages.timex.dct import parse_dct
from storyline.stages.timex.durations import _duration
from storyline.stages.timex.patterns import (
    _DAY_WORDS,
    _MONTH,
    _PARTS_OF_DAY,
    _SEASONS,
    _WEEKDAYS,
    _either,
    _number,
)

_PRESENT_REFERENCES = words("timex", "present_references")
_FUTURE_REFERENCES = words("timex", "future_references")


def _part_suffix(word: str | None) -> str | None:
    if not word:
        return None
    return _PARTS_OF_DAY.get(word.lower())


# "USA Today", "VOA Today", "NBC's Today", "the Today programme": a title, not the day
_TITLE_BEFORE = re.compile(r"\b[A-Z]{2,5}(?:['’]s)?\s+$")
_TITLE_AFTER = re.compile(rf"\s+(?:{'|'.join(entry('timex', 'today_title_nouns'))})\b", re.I)

# "today's youth", "in today's dollars": the present age, not the day
_NOWADAYS_AFTER = re.compile(
    rf"['’]s\s+(?:{'|'.join(entry('timex', 'today_nowadays_nouns'))})\b", re.IGNORECASE
)


def _n_day_word(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["word"] == "Today" and (
        _TITLE_BEFORE.search(ctx.text, max(0, m.start("word") - 12), m.start("word"))
        or _TITLE_AFTER.match(ctx.text, m.end())
    ):
        return None
    word = m["word"].lower()
    if word == "today" and _NOWADAYS_AFTER.match(ctx.text, m.end()):
        return "DATE", "PRESENT_REF", None  # "today's youth": the present age
    part = _part_suffix(m["part"])
    if word == "tonight":
        part = "NI"
        offset = 0
    elif word == "last night":
        part = "NI"
        offset = -1
    elif word.startswith("this"):
        part = _part_suffix(word.split()[-1])
        offset = 0
    else:
        offset = _DAY_WORDS.get(word.split()[-1], 0)
        if "day before" in word:
            offset = -2
        elif "day after" in word:
            offset = 2
    mod = _mod(m["mod"])
    if ctx.dct is None:
        return ("TIME" if part else "DATE"), f"XXXX-XX-XX{'T' + part if part else ''}", mod
    d = _shift_days(ctx.dct, offset)
    if d is None:
        return None
    if part:
        return "TIME", f"{_fmt_date(d)}T{part}", mod
    return "DATE", _fmt_date(d), mod


def _n_weekday(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    weekday = _WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    part = _part_suffix(m["part"])
    after = ctx.text[m.end() : m.end() + 20]
    if (
        not rel
        and not part
        and re.match(r"\s+(?!(?:and|or|to|through|night|morning)\b)[A-Z][a-z]", after)
        and not re.match(rf"\s+(?:{_MONTH})", after)
    ):
        return None  # "Sunday Times", "Monday Night Football": a name
    mod = _mod(m["mod"])
    if ctx.dct is None:
        value = f"XXXX-WXX-{weekday}"
    else:
        if rel in ("last", "past", "previous"):
            direction = "last"
        elif rel in ("next", "coming"):
            direction = "next"
        elif rel == "this":
            direction = "future"
        else:
            direction = _weekday_direction(ctx, m.start(), m.end())
        anchor = ctx.dct
        if rel in ("previous", "following") and ctx.last_date and len(ctx.last_date) == 10:
            # "the previous Friday": the one before the day just mentioned
            anchor = parse_dct(ctx.last_date) or anchor
            direction = "last" if rel == "previous" else "next"
        d = _weekday_date(anchor, weekday, direction)
        if m["week"]:
            # the ISO week of the DCT, shifted, and that weekday in it
            d = _shift_days(
                ctx.dct,
                7 * _RELATIVE_OFFSETS[m["week"]] + weekday - ctx.dct.isoweekday(),
            )
        if d is None:
            return None
        value = _fmt_date(d)
        if m["wd2"]:
            weekday2 = _WEEKDAYS[m["wd2"].lower()]
            d2 = _shift_days(d, (weekday2 - weekday) % 7)
            if d2 is None or d2 == d:
                return None
            return "DATE", f"{value}/{_fmt_date(d2)}", None
    if m["wd2"]:
        return "DATE", f"{value}/XXXX-WXX-{_WEEKDAYS[m['wd2'].lower()]}", None
    if part:
        return "TIME", f"{value}T{part}", mod
    return "DATE", value, mod


# a figure set against an earlier one, in the same sentence: "compared with $3 million"
_COMPARED = re.compile(
    r"(?i)\b(?:compared\s+with|compared\s+to|up\s+from|down\s+from|from|versus|vs\.|against)"
    r"\s+(?:a\s+|an\s+)?(?:(?:net\s+)?(?:loss|profit|earnings|income|sales)\s+of\s+)?"
    r"[$£€¥]?[\d.,]+[^.;]{0,30}$|\b(?:up|down)\s+from\s+$|\bfrom\s+$"
)


_ANAPHORIC = words("timex", "anaphoric")


# the granularity a mentioned date needs before a unit can be counted from it
_ANCHOR_LENGTH: dict[str, int] = table("timex", "anchor_lengths")


def _anchor_date(value: str | None, unit: str) -> dt.date | None:
    """A mentioned date (`1995`, `1995-12`, `1995-12-02`) as a day, if it is precise
    enough to count `unit`s from."""
    if value is None or len(value) < _ANCHOR_LENGTH.get(unit, 11):
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        return dt.date(parts[0], *[*parts[1:], 1, 1][:2])
    except ValueError:
        return None


_RESULTS_AFTER = re.compile(
    r"(?i)['\u2019]s\s+(?:[a-z-]+\s+){0,2}?"
    rf"(?:{_either(entry('timex', 'quarter_results_nouns'))})\b"
)


def _reported_this_quarter(m: re.Match[str], ctx: _Context) -> str | None:
    """The quarter a results story reports on, where "this quarter" names it: its results
    follow it ("this quarter's loss", "this quarter's net income"), the text has reported
    on a quarter that is over by the DCT, and no future tense governs it ("this quarter's
    sales should rise" is the quarter still running). None otherwise."""
    if ctx.last_quarter is None or ctx.dct is None:
        return None
    year, q = (int(x) for x in ctx.last_quarter.split("-Q"))
    if (year, q) >= (ctx.dct.year, (ctx.dct.month - 1) // 3 + 1):
        return None
    if not _RESULTS_AFTER.match(ctx.text, m.end()):
        return None
    if ctx.tense(m.start(), m.end()) == "future":
        return None
    return ctx.last_quarter


def _n_relative_unit(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    mod = _mod(m["mod"])
    if unit in _SEASONS:
        if _season_verb(ctx, m.start("unit"), m.end("unit")):
            return None  # "buildings that fall down"
        return "DATE", _season_value(ctx, _SEASONS[unit], rel, m), mod
    offset = _RELATIVE_OFFSETS.get(rel, 0)
    if rel in ("past", "last") and m["the"] and unit not in ("weekend", "year", "quarter"):
        # "the past decade", "the last month": the stretch up to now, a duration; "the
        # past year" and "the last quarter" name the calendar year or quarter before
        return "DURATION", _duration(1, unit), None
    if (
        unit == "year"
        and rel == "last"
        and not m["the"]
        and ctx.last_quarter
        and _COMPARED.search(ctx.text[max(0, m.start() - 60) : m.start()])
        and not re.search(
            r"(?i)\b(?:this|the|fiscal)\s+year\b", ctx.text[max(0, m.start() - 80) : m.start()]
        )
    ):
        # earnings news: "net of $24 million, compared with $3 million last year" compares
        # with the same quarter a year before, as "a year ago" does
        year_text, q_text = ctx.last_quarter.split("-Q")
        return "DATE", f"{int(year_text) - 1:04d}-Q{q_text}", None
    reported = _reported_this_quarter(m, ctx) if unit == "quarter" and rel == "this" else None
    if reported is not None:
        # earnings news: "this quarter's loss includes charges" is the quarter whose
        # results the text reports, not the one running at the DCT
        return "DATE", reported, mod
    base = ctx
    if rel in _ANAPHORIC and unit == "quarter" and ctx.last_quarter:
        # "that quarter", "the previous quarter": the quarter being reported on
        year_text, q_text = ctx.last_quarter.split("-Q")
        year, month = _shift_month(int(year_text), 3 * int(q_text) - 2, 3 * offset)
        return "DATE", f"{year:04d}-Q{(month - 1) // 3 + 1}", mod
    if rel in _ANAPHORIC:
        # "the following year", "the previous month", "that year": counted from the
        # date the text last gave, not from the DCT ("in 1995 ..., and the following year")
        last = _anchor_date(ctx.last_mention, unit)
        if last is not None:
            base = _Context(ctx.text, last, ctx.tenses)
        elif rel == "that":
            return None
    value = _unit_value(base, unit, offset)
    if value is None:
        return None
    if unit == "quarter":
        _remember_quarter(ctx, value, (m.start(), m.end()))
    return "DATE", value, mod


def _n_earlier_this(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    unit = m["unit"].lower()
    word = m["when"].lower()
    mod = (
        "START"
        if word.startswith("early")
        else "END"
        if word.startswith("late") and unit != "day"
        else None
    )
    if m["rel"].lower() == "that":
        return None if ctx.last_date is None else ("DATE", _truncate(ctx.last_date, unit), None)
    offset = _RELATIVE_OFFSETS[m["rel"].lower()]
    if unit in _PARTS_OF_DAY:
        if ctx.dct is None:
            return "TIME", f"XXXX-XX-XXT{_PARTS_OF_DAY[unit]}", None
        return "TIME", f"{_fmt_date(ctx.dct)}T{_PARTS_OF_DAY[unit]}", None
    value = _unit_value(ctx, unit, offset)
    if value is None:
        return None
    return "DATE", value, mod


_THAN = re.compile(r"\s+than\b", re.IGNORECASE)


def _n_ago(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    # "years ago", "months later" without a number: some of them, not one
    plural = m["unit"].lower().endswith("s")
    count = _number(m["num"]) if m["num"] else None if plural else 1
    if m["ortwo"]:
        count = None  # "a week or two ago": some weeks, not one
    unit = m["unit"].lower().rstrip("s")
    if unit == "centurie":
        unit = "century"
    word = m["ago"].lower()
    if count != 0 and (m["than"] or _THAN.match(m.string, m.end())):
        # "three days later than planned", "a week earlier than last year": the gap between
        # what is compared and what happened, no date counted from the last one (a date
        # just before it, "on November 11, three days later than planned", is that date:
        # `anchoring.anchor`)
        return "DURATION", _duration(count, unit), None
    if count is None or count == 0:
        if word in ("ago", "earlier", "before", "back"):
            return "DATE", "PAST_REF", None
        # "months later, the firm collapsed": a past narrative's later is still past
        past = (
            word in ("later", "after") and _direction(ctx, m.start(), m.end(), "future") == "past"
        )
        return "DATE", "PAST_REF" if past else "FUTURE_REF", None
    sign = -1 if word in ("ago", "earlier", "before", "back") else 1
    anchor_last = word in ("earlier", "later", "before", "after")
    if unit == "year" and count == 1 and ctx.last_quarter and sign < 0:
        # earnings news: "profit rose from a year ago" compares with the same quarter
        year, q = ctx.last_quarter.split("-Q")
        return "DATE", f"{int(year) + sign:04d}-Q{q}", None
    base = ctx.dct
    if anchor_last and ctx.last_date is not None:
        base = parse_dct(ctx.last_date) or base
    if (
        anchor_last
        and (count > 1 or unit == "decade" or sign > 0)
        and unit in ("year", "decade")
        and ctx.last_mention
        and _year_ok(int(ctx.last_mention[:4]))
    ):
        # "The 1992 film was a hit ... Eighteen years later": years count from the last
        # date the text gave, however coarse ("a year earlier" compares with the period
        # being reported on, as earnings news does)
        base = dt.date(int(ctx.last_mention[:4]), 7, 1)
    if base is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    if (
        sign > 0
        and base == ctx.dct
        and ctx.last_date is None
        and _direction(ctx, m.start(), m.end(), "future") == "past"
    ):
        # "Three days later, police arrested a suspect" with no date given before it: later
        # than an event the text has not dated, in the past, not days after the DCT (as
        # "months later" in a past narrative is `PAST_REF`)
        return "DATE", "PAST_REF", None
    shifted = _Context(ctx.text, base, ctx.tenses)
    if unit in ("day", "night"):
        value = _unit_value(shifted, "day", sign * count)
    elif unit == "week":
        value = _unit_value(shifted, "week", sign * count)
    elif unit == "fortnight":
        value = _unit_value(shifted, "week", sign * 2 * count)
    elif unit == "month":
        value = _unit_value(shifted, "month", sign * count)
    elif unit == "quarter":
        value = _unit_value(shifted, "quarter", sign * count)
    elif unit == "year":
        value = _unit_value(shifted, "year", sign * count)
    elif unit == "decade":
        value = _unit_value(shifted, "year", sign * 10 * count)
    elif unit == "century":
        value = _unit_value(shifted, "century", sign * count)
    elif unit in ("hour", "minute", "second"):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    else:
        return None
    if value is None:
        return None
    return "DATE", value, None


def _n_in_or_two(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "in a year or two": a time to come, not one year; in a past narrative ("returned in
    a week or two") the stretch it took."""
    unit = m["unit"].lower()
    if _direction(ctx, m.start(), m.end(), "future") == "past":
        return "DURATION", _duration(None, unit), None
    return "DATE", "FUTURE_REF", None


# what before "the day" makes it the day being written about: "ended the day", "rest of the day"
_DAY_CLOSERS = re.compile(rf"(?i)\b(?:{'|'.join(entry('timex', 'day_closers'))})\s+$")


def _n_the_day(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the same day", "ended the day", "later in the day", "for the day": the day being
    written about (the last full date the text gave, even with a month named since: "gains
    on Friday ... jobs shed in March ... ending the day at 8,017" is Friday; else the DCT,
    else nothing); any other "the
    day" is left alone, as it is rarely a time ("the day of the attack", "seize the day")."""
    anchored = m["when"] or m["same"]
    if not anchored:
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        anchored = _DAY_CLOSERS.search(before)
    if not anchored:
        return None
    if ctx.last_day:
        return "DATE", ctx.last_day, None
    if ctx.dct is None:
        # nothing to refer back to: unlike "today" it does not name the day of writing,
        # so publication-date inference must not read it as one
        return None
    return "DATE", _fmt_date(ctx.dct), None


_STREAK_UNITS: dict[str, str] = table("timex", "streak_units")


def _n_streak(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "for a second consecutive day", "a third straight week", "the fourth week in a row":
    the unit the streak has reached, the one written about. A day is the day being written
    about (the last full date the text gave, else the DCT, as "the day"); a week, month,
    quarter or year is the DCT's."""
    unit = _STREAK_UNITS[" ".join((m["unit"] or m["unit2"]).lower().split())]
    if unit == "day" and ctx.last_day:
        return "DATE", ctx.last_day, None
    if ctx.dct is None:
        return None
    value = _unit_value(ctx, unit, 0)
    return ("DATE", value, None) if value else None


_THAT_DAY_SUBJECT = re.compile(
    rf"\s+(?:{'|'.join(entry('timex', 'that_day_verbs'))})\b",
    re.IGNORECASE,
)


def _n_next_day(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the next day", "the following morning", "that evening", "the day before": a day
    counted from the last day the text gave ("arrived on June 3 ... the next day" is June
    4), the way a narrative moves on; "that same day" after a month alone is a day of that
    month ("killed last October ... crossed out that same day" is `1998-10-XX`; a bare "that
    day" after a month is as often a day in general: "redemptions that day"); with no
    such day or month to count from it is left alone."""
    if m["that"] and _THAT_DAY_SUBJECT.match(ctx.text, m.end()):
        return None  # "that day has come": a day the text wishes for, not one it gave
    if (
        ctx.last_date
        and re.fullmatch(r"\d{4}-\d{2}", ctx.last_date)
        and (m["that"] or "").lower() == "day"
        and re.search(r"(?i)\bsame\b", m[0])
    ):
        return "DATE", f"{ctx.last_date}-XX", None
    if not ctx.last_date or len(ctx.last_date) != 10:
        return None
    anchor = parse_dct(ctx.last_date)
    rel = (m["rel"] or m["ba"] or "").lower()
    unit = (m["unit"] or m["unit2"] or m["that"]).lower()
    offset = 1 if rel in ("next", "following", "after") else -1 if rel else 0
    day = _shift_days(anchor, offset) if anchor is not None else None
    if day is None:
        return None
    if unit == "day":
        return "DATE", _fmt_date(day), None
    return "TIME", f"{_fmt_date(day)}T{_PARTS_OF_DAY[unit]}", None


# a year or season written about as a time, not as a thing: "for the year", "over the summer"
_TIME_PREPOSITION = re.compile(rf"(?i)\b(?:{_either(entry('timex', 'time_prepositions'))})\s+$")


# what may follow such a bare "the year" / "summer" (not "the year the war ended", "summer camp")
_AFTER_BARE = re.compile(
    rf"\s*(?:[.,;:!?)\"”’']|$)|\s+(?:{_either(entry('timex', 'after_bare'))})\b",
    re.IGNORECASE,
)

# "in morning trading": a bare part of the day before a market's session is still a time
_SESSION_AFTER = re.compile(
    rf"\s+(?:{_either(entry('timex', 'part_of_day_sessions'))})\b", re.IGNORECASE
)


def _n_part_of_day(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "mid-afternoon yesterday", "late evening Friday", "by mid afternoon", "in the
    morning": that part of the named day, else of the day being written about (the last
    date mentioned, else the DCT). A bare part needs a preposition or early/mid/late before
    it and no noun after it ("in the morning", not "the morning talk show") but a market's
    session ("in morning trading")."""
    part = _PARTS_OF_DAY[m["part"].lower()]
    mod = _mod(m["mod"])
    day_word = (m["day"] or "").lower()
    if not day_word:
        before = ctx.text[max(0, m.start() - 16) : m.start()]
        if not re.search(r"(?i)\b(?:in|during|by|until|till|through|since)\s+(?:the\s+)?$", before):
            return None
        if not _AFTER_BARE.match(ctx.text, m.end()) and not _SESSION_AFTER.match(ctx.text, m.end()):
            return None
    if ctx.dct is None:
        return "TIME", f"XXXX-XX-XXT{part}", mod
    d: dt.date | None
    if day_word in ("yesterday", "today", "tomorrow"):
        d = _shift_days(ctx.dct, _DAY_WORDS[day_word])
    elif day_word:
        weekday = _WEEKDAYS[day_word]
        d = _weekday_date(ctx.dct, weekday, _weekday_direction(ctx, m.start(), m.end()))
    elif ctx.last_day:
        d = parse_dct(ctx.last_day)
    else:
        d = ctx.dct
    return ("TIME", f"{_fmt_date(d)}T{part}", mod) if d else None


# what makes "the year" a thing described rather than a time: "the year the wall fell",
# "the year of the flood", "the year 2000"
_YEAR_CLAUSE = re.compile(
    rf"\s+(?:{_either(entry('timex', 'year_clause'))}|\d)\b",
    re.IGNORECASE,
)


def _n_the_year(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "for the year", "sales for the full year", "earlier in the year": the year of the
    DCT, when the words stand as a time of their own after a preposition; in earnings news,
    the year of the quarter reported on ("a loss in the fourth quarter of 2005 and for the
    entire year", said in January 2006, is 2005)."""
    if ctx.dct is None:
        return None
    if not m["when"] and (
        not _TIME_PREPOSITION.search(ctx.text[max(0, m.start() - 12) : m.start()])
        or _YEAR_CLAUSE.match(ctx.text, m.end())
    ):
        return None
    if ctx.last_quarter is not None:
        return "DATE", ctx.last_quarter[:4], None
    return "DATE", f"{ctx.dct.year:04d}", None


def _n_bare_season(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "over the summer", "the early summer", "in spring": the season nearest the DCT on
    the side the tense gives; only after a preposition and before no noun ("summer camp")."""
    if not _TIME_PREPOSITION.search(ctx.text[max(0, m.start() - 12) : m.start()]):
        return None
    if not _AFTER_BARE.match(ctx.text, m.end()):
        return None
    if _season_verb(ctx, m.start("season"), m.end("season")):
        return None
    season = _SEASONS[m["season"].lower()]
    return "DATE", _season_value(ctx, season, "", m), _mod(m["mod"])


def _n_weekend(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE", None
    direction = _direction(ctx, m.start(), m.end())
    weekday = ctx.dct.isoweekday()
    if weekday >= 6:
        d: dt.date | None = ctx.dct
    elif direction == "future":
        d = _shift_days(ctx.dct, 6 - weekday)
    else:
        d = _shift_days(ctx.dct, -weekday)
    return ("DATE", _fmt_week(d) + "-WE", None) if d else None


def _n_year_end(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["year"]:
        return "DATE", m["year"], "END"
    if ctx.dct is None:
        return "DATE", "XXXX-12-31", None
    # "by year-end" looks ahead to this year's end; "since year-end" back to last year's
    # past tense looks back to last year's end; present and future ones are this year's
    year = ctx.dct.year - 1 if ctx.tense(m.start(), m.end()) == "past" else ctx.dct.year
    if re.search(r"(?i)\bsince\s+$", ctx.text[max(0, m.start() - 6) : m.start()]):
        year = ctx.dct.year - 1
    elif re.search(
        r"(?i)\b(?:by|until|before|through)\s+$", ctx.text[max(0, m.start() - 8) : m.start()]
    ):
        year = ctx.dct.year
    if re.match(r"(?i)the\s+end\s+of", m[0]):
        # "the end of the year" is valued as "the end of 1990" is: the year, mod END
        return "DATE", f"{year:04d}", "END"
    return "DATE", f"{year:04d}-12-31", None


def _n_fuzzy(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    word = re.sub(r"\s+", " ", m[0].lower())
    if word in ("soon", "shortly") and (
        re.search(r"(?i)\bas\s+$", ctx.text[max(0, m.start() - 4) : m.start()])
        or re.match(r"\s+(?:as|after|afterwards?|thereafter)\b", ctx.text[m.end() : m.end() + 12])
    ):
        return None  # "as soon as Tuesday", "shortly after the vote": not a time of its own
    if word in ("soon", "shortly") and ctx.tense(m.start(), m.end()) == "past":
        return None  # "he was soon released": shortly after the story's event, not the future
    if word in _PRESENT_REFERENCES:
        if word == "now" and re.match(r"\s*(?:that|on)\b", ctx.text[m.end() : m.end() + 8]):
            # "now that ...", "from now on": still the present
            pass
        return "DATE", "PRESENT_REF", None
    if re.fullmatch(r"(?:in )?(?:coming|future) \w+", word):
        return "DATE", "FUTURE_REF", None  # "in coming months", "future quarters"
    if word in _FUTURE_REFERENCES:
        return "DATE", "FUTURE_REF", None
    return "DATE", "PAST_REF", None
