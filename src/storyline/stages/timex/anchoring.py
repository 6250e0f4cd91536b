"""Anchoring: the TIMEX3 type and value of each detected expression, given a reference date.

`anchor(detections, dct)` runs each expression's rule (`_NORMALISERS`, by the name of the rule
that found it) from left to right, so that an expression can refer to the date the text gave
before it ("a year earlier", "the following day", "that quarter"). A "since" before a date
joins its extent, and two clock times joined by "to" become one range. `tag(text, dct)` is
detection and anchoring in one call; a caller that anchors one text on several reference
dates detects it once (`detection.detect`) and anchors it on each.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from storyline.model import Timex
from storyline.stages.timex._calendar import _fmt_date, _mod, _shift_days
from storyline.stages.timex._context import _Context, _Normaliser
from storyline.stages.timex.clock import _n_clock24, _n_hour_of_part, _n_time
from storyline.stages.timex.dates import (
    _n_century,
    _n_dashed,
    _n_day_month_dispatch,
    _n_decade_dispatch,
    _n_dotted,
    _n_era,
    _n_holiday,
    _n_iso,
    _n_month,
    _n_month_year,
    _n_nth_week_of,
    _n_ordinal_day,
    _n_short_year,
    _n_since,
    _n_slash,
    _n_spelled_year,
    _n_week_of,
    _n_year,
    _n_year_range,
    _n_ymd,
)
from storyline.stages.timex.dct import parse_dct
from storyline.stages.timex.detection import Detections, detect
from storyline.stages.timex.durations import (
    _duration,
    _n_bare_plural,
    _n_duration,
    _n_long_adjective,
    _n_range_low,
    _n_set,
    _n_units_or_units,
)
from storyline.stages.timex.patterns import _SEASONS, _number
from storyline.stages.timex.quarters import (
    _n_first_months,
    _n_fiscal,
    _n_half,
    _n_q_abbrev,
    _n_quarter,
    _n_quarter_like,
    _n_same_period_before,
    _n_year_ago_adj,
    _n_year_period,
)
from storyline.stages.timex.relative import (
    _n_ago,
    _n_bare_season,
    _n_day_word,
    _n_earlier_this,
    _n_fuzzy,
    _n_in_or_two,
    _n_next_day,
    _n_part_of_day,
    _n_relative_unit,
    _n_streak,
    _n_the_day,
    _n_the_year,
    _n_weekday,
    _n_weekend,
    _n_year_end,
)

# the normaliser of each rule of `detection._RULES`, by the rule's name
_NORMALISERS: dict[str, _Normaliser] = {
    "month_day": _n_day_month_dispatch,
    "week_of": _n_week_of,
    "same_period_before": _n_same_period_before,
    "nth_week_of": _n_nth_week_of,
    "pre_post_year": lambda m, ctx: ("DATE", m["year"], None),
    "iso": _n_iso,
    "slash": _n_slash,
    "dotted": _n_dotted,
    "dashed": _n_dashed,
    "ymd": _n_ymd,
    "ordinal_day": _n_ordinal_day,
    "month_year": _n_month_year,
    "month": _n_month,
    "year": _n_year,
    "year_between": _n_year_range,
    "decade": _n_decade_dispatch,
    "short_year": _n_short_year,
    "century": _n_century,
    "day_word": _n_day_word,
    "weekday": _n_weekday,
    "time": _n_time,
    "relative_unit": _n_relative_unit,
    "next_day": _n_next_day,
    "earlier_this": _n_earlier_this,
    "ago": _n_ago,
    "in_or_two": _n_in_or_two,
    "units_or_units": _n_units_or_units,
    "year_ago_adj": _n_year_ago_adj,
    "quarter": _n_quarter,
    "year_period": _n_year_period,
    "latest_period": _n_quarter_like,
    "holiday": _n_holiday,
    "spelled_year": _n_spelled_year,
    "long_adjective": _n_long_adjective,
    "year_ended": lambda m, ctx: ("DURATION", "P1Y", None),
    "part_of_day": _n_part_of_day,
    "hour_of_part": _n_hour_of_part,
    "until_then": lambda m, ctx: ("DATE", ctx.last_date, None) if ctx.last_date else None,
    "the_year": _n_the_year,
    "bare_season": _n_bare_season,
    "streak": _n_streak,
    "the_day": _n_the_day,
    "weekend": _n_weekend,
    "year_end": _n_year_end,
    "q_abbrev": _n_q_abbrev,
    "season_year": lambda m, ctx: (
        "DATE",
        f"{m['year']}-{_SEASONS[m['season'].lower()]}",
        _mod(m["mod"]),
    ),
    "frequency": lambda m, ctx: ("SET", _duration(1, m["unit"].lower()), None),
    "every_n": lambda m, ctx: ("SET", _duration(_number(m["num"]), m["unit"].lower()), None),
    "clock24": _n_clock24,
    "half": _n_half,
    "part_of_year": lambda m, ctx: (
        "DATE",
        f"{m['year']}-H{2 if (m['last'] or m['which'].lower() == 'last') else 1}",
        None,
    ),
    "year_earlier_months": _n_first_months,
    "first_months": _n_first_months,
    "fiscal": _n_fiscal,
    "duration": _n_duration,
    "bare_plural": _n_bare_plural,
    "set": _n_set,
    "fuzzy": _n_fuzzy,
    "era": _n_era,
    "since": _n_since,
    "range_low": _n_range_low,
}


def _is_anchor(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value))


def _ahead(ctx: _Context, text: str) -> bool:
    """Whether `text` names a year after the DCT's ("the first two quarters of 1990"): a
    forecast, not a period the text reports on."""
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)]
    return ctx.dct is not None and any(y > ctx.dct.year for y in years)


_TIME_RANGE = re.compile(r"\s*(?:-|–|to|until|till)\s*")
# "the day before last Tuesday's hearing", "the day after Christmas": a day beside a date
_DAY_BESIDE = re.compile(r"(?i)(?<![\w-])(?:the\s+)?(day)\s+(before|after)\s+$")
_SINCE = re.compile(r"(?i)(?<![\w-])since\s+$")
# a comma between a date and what restates it: "on November 11, three days later than planned"
_APPOSITION = re.compile(r",\s*")


def anchor(detections: Detections, dct: str | dt.date | None = None) -> list[Timex]:
    """The detected expressions of a text with their TIMEX3 type and value against `dct`.

    `dct` is the document creation time (`YYYY-MM-DD`, optionally with a time part);
    without it, relative expressions keep unknown parts as `X` (`XXXX-06`). The same
    detections may be anchored on any number of reference dates.

    >>> found = detect("Talks resume on Wednesday.")
    >>> [(t.text, t.value) for t in anchor(found, "2024-06-17")]
    [('Wednesday', '2024-06-19')]
    """
    return [t for t, _ in anchor_rules(detections, dct)]


def anchor_rules(
    detections: Detections, dct: str | dt.date | None = None
) -> list[tuple[Timex, str]]:
    """`anchor`'s expressions, each with the name of the rule that found it (`detection.
    _RULES`): what a learned check of the rules' output reads (`evaluation.train_timex`)."""
    text = detections.text
    day = parse_dct(dct)
    if day is not None and not 2 <= day.year <= 9998:
        day = None  # no room for "last year" or "next week" at the calendar's edges
    ctx = _Context(text, day, detections.tenses)
    result: list[Timex] = []
    rules: list[str] = []
    for cand in detections.candidates:
        normalised = _NORMALISERS[cand.rule.name](cand.match, ctx)
        if normalised is None:
            continue
        type_, value, mod = normalised
        start = cand.start
        since = _SINCE.search(text, max(0, start - 7), start)
        if since and type_ == "DATE" and not any(r.end > since.start() for r in result[-1:]):
            start = since.start()  # "since 2017": the interval runs from the date to now
        previous = result[-1] if result else None
        if (
            previous is not None
            and type_ == "TIME"
            and previous.type == "TIME"
            and "/" not in previous.value
            and _TIME_RANGE.fullmatch(text, previous.end, start)
        ):
            # "9 a.m. to 5 p.m.": one range
            result[-1] = Timex(
                previous.start,
                cand.end,
                text[previous.start : cand.end],
                "TIME",
                f"{previous.value}/{value}",
                None,
            )
            continue
        if (
            cand.rule.name == "ago"
            and cand.match["than"]
            and previous is not None
            and previous.type == "DATE"
            and _is_anchor(previous.value)
            and _APPOSITION.fullmatch(text, previous.end, start)
        ):
            # "arrives on November 11, three days later than planned": the date just given
            type_, value = "DATE", previous.value
        if (
            previous is not None
            and rules[-1] == "next_day"
            and type_ == "DATE"
            and _APPOSITION.fullmatch(text, previous.end, start)
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        ):
            # "the next day, Jan. 28, he disappeared": the date restates the day counted
            part = previous.value[10:] if previous.type == "TIME" else ""
            result[-1] = Timex(
                previous.start,
                previous.end,
                previous.text,
                previous.type,
                value + part,
                previous.mod,
            )
        beside = _DAY_BESIDE.search(text, max(0, start - 20), start)
        if beside and type_ == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            named = parse_dct(value)
            step = 1 if beside[2].lower() == "after" else -1
            shifted = _shift_days(named, step) if named is not None else None
            if shifted is not None and not any(r.end > beside.start() for r in result[-1:]):
                start, value = beside.start(1), _fmt_date(shifted)
        result.append(Timex(start, cand.end, text[start : cand.end], type_, value, mod))
        rules.append(cand.rule.name)
        if type_ == "DATE" and _is_anchor(value):
            ctx.last_date = value
            if len(value) == 10:
                ctx.last_day = value
        if type_ == "DATE" and re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", value):
            ctx.last_mention = value
        if re.fullmatch(r"P(?:[4-9]|1[01])M|\d{4}-H[12]", value) and not _ahead(ctx, cand.match[0]):
            # "the first nine months", "the first half": the period compared from here on
            # ("the year-earlier period", "a year ago") is no longer the quarter
            ctx.last_quarter = None
    return list(zip(result, rules, strict=True))


def tag(
    text: str,
    dct: str | dt.date | None = None,
    *,
    tags: Sequence[tuple[int, int, str]] | None = None,
) -> list[Timex]:
    """Find the time expressions of `text` and normalise them against `dct`.

    `dct` is the document creation time (`YYYY-MM-DD`, optionally with a time part);
    without it, relative expressions keep unknown parts as `X` (`XXXX-06`). `tags` are
    optional `(start, end, penn_tag)` tokens from the annotate stage, used for the tense
    of the governing verb; without them tense is read from the words. To anchor one text on
    several dates, `detect` it once and `anchor` the detections on each.

    >>> [(t.text, t.value) for t in tag("Talks resume on Wednesday.", "2024-06-17")]
    [('Wednesday', '2024-06-19')]
    """
    return anchor(detect(text, tags=tags), dct)
