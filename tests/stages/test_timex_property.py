"""Properties of `stages.timex.tag` that hold for any text and any reference date.

Whatever it is given, `tag` returns well-formed Timex records: spans inside the text that
copy it exactly, one of the four TIMEX3 types, a non-empty value, sorted by start and not
overlapping, and the same answer every time. Reference dates run from year 1 to 9999, so
"last year" in year 1 and "next week" in 9999 must not raise either.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Timex
from storyline.stages.timex import tag

TYPES = {"DATE", "TIME", "DURATION", "SET"}

# Words and number shapes that time expressions are made of, so that random strings get
# close to real expressions and to broken ones (February 30, month 13, year 0, 99:99).
MONTHS = (
    *("January", "Jan.", "February", "Feb.", "Feb", "March", "Mar.", "April", "Apr.", "May"),
    *("June", "Jun.", "July", "August", "Aug.", "September", "Sept.", "Sep.", "October"),
    *("Oct.", "November", "Nov.", "December", "Dec."),
)
WEEKDAYS = (
    *("Monday", "Mon.", "Tuesday", "Tue.", "Wednesday", "Wed.", "Thursday", "Thu."),
    *("Friday", "Fri.", "Saturday", "Sunday", "Tuesday-Wednesday"),
)
WORDS = (
    *("today", "yesterday", "tomorrow", "tonight", "now", "currently", "nowadays"),
    *("recently", "recent", "soon", "upcoming", "current", "future", "near", "past"),
    *("last", "next", "this", "previous", "coming", "ago", "earlier", "later", "early", "late"),
    *("mid-", "mid", "the", "a", "an", "since", "for", "from", "to", "between", "and"),
    *("until", "through", "during", "in", "on", "at", "by", "of", "every", "each", "once"),
    *("twice", "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days"),
    *("week", "weeks", "weekend", "fortnight", "month", "months", "quarter", "quarters"),
    *("year", "years", "decade", "decades", "century", "centuries", "era", "Cold", "War"),
    *("Soviet", "Soviet-era", "morning", "afternoon", "evening", "night", "noon", "midnight"),
    *("a.m.", "p.m.", "am", "pm", "AM", "PM", "EST", "GMT", "spring", "summer", "fall"),
    *("autumn", "winter", "first", "third", "fourth", "final", "half", "nine", "several"),
    *("many", "few", "fiscal", "third-quarter", "six-month", "two-year", "daily", "weekly"),
    *("monthly", "annually", "hourly"),
    # forms added with the TempEval-3 rules: spelled years, "week of", "until then", ...
    *("nineteen", "ninety-four", "two", "thousand", "year-earlier", "year-ago", "latest"),
    *("then", "post-", "pre-", "business", "additional", "term", "short", "possible"),
)
NUMBERS = (
    *("0", "00", "000", "0000", "1", "9", "12", "13", "19", "24", "29", "30", "31", "32"),
    *("59", "60", "99", "100", "1066", "1900", "1999", "2000", "2024", "9999", "10000"),
    *("99999", "1st", "2nd", "3rd", "19th", "20th", "21st", "1950s", "'90s", "’90s"),
    *("Q1", "Q3", "Q5", "H1", "H2", "W25", "2024-W53", "2024-Q5", "2024-06-19", "2024-02-30"),
    *("0000-00-00", "9999-12-31", "6/19/2024", "13/45/2024", "0/0/0", "2:30", "24:00"),
    *("99:99", "12:60"),
)
VOCABULARY = MONTHS + WEEKDAYS + WORDS + NUMBERS
SEPARATORS = ("", " ", " ", " ", "-", "–", "—", "/", ".", ",", ", ", ":", "'", "’", "\n", "\t")

dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
edge_dates = st.sampled_from(
    [
        dt.date(1, 1, 1),
        dt.date(1, 12, 31),
        dt.date(2, 1, 1),
        dt.date(1000, 1, 1),
        dt.date(2000, 2, 29),
        dt.date(2020, 12, 28),
        dt.date(2021, 1, 3),
        dt.date(2024, 2, 29),
        dt.date(2024, 12, 30),
        dt.date(9999, 1, 1),
        dt.date(9999, 12, 25),
        dt.date(9999, 12, 31),
    ]
)
any_date = st.one_of(dates, edge_dates)
dcts = st.one_of(
    st.none(),
    any_date,
    any_date.map(dt.date.isoformat),
    st.builds(
        lambda day, hour, minute: f"{day.isoformat()}T{hour:02d}:{minute:02d}",
        any_date,
        st.integers(0, 23),
        st.integers(0, 59),
    ),
)

token = st.one_of(
    st.sampled_from(VOCABULARY),
    st.sampled_from(VOCABULARY).map(str.capitalize),
    st.sampled_from(VOCABULARY).map(str.upper),
    st.integers(min_value=-1, max_value=100_000).map(str),
    st.text(alphabet="0123456789/-.:'’ ", max_size=6),
)
dateish = st.lists(st.tuples(token, st.sampled_from(SEPARATORS)), max_size=25).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)
# Digits of every script, dashes, spaces and punctuation: number-heavy unicode text.
numberish = st.text(alphabet=st.characters(categories=["Nd", "No", "Pd", "Po", "Zs", "Lu", "Ll"]))
texts = st.one_of(st.text(), numberish, dateish)


def _assert_well_formed(text: str, timexes: list[Timex]) -> None:
    assert isinstance(timexes, list)
    for t in timexes:
        assert isinstance(t, Timex)
        assert 0 <= t.start < t.end <= len(text), t
        assert text[t.start : t.end] == t.text, t
        assert t.type in TYPES, t
        assert isinstance(t.value, str), t
        assert t.value, t
        assert t.mod is None or (isinstance(t.mod, str) and t.mod), t
    for before, after in pairwise(timexes):
        assert before.start < after.start, (before, after)
        assert before.end <= after.start, (before, after)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), numberish), dct=dcts)
def test_any_text_gives_well_formed_timexes(text: str, dct: str | dt.date | None) -> None:
    _assert_well_formed(text, tag(text, dct))


@settings(max_examples=300, deadline=None)
@given(text=dateish, dct=dcts)
def test_date_like_text_gives_well_formed_timexes(text: str, dct: str | dt.date | None) -> None:
    _assert_well_formed(text, tag(text, dct))


@settings(max_examples=300, deadline=None)
@given(text=texts, dct=dcts)
def test_tagging_is_deterministic(text: str, dct: str | dt.date | None) -> None:
    assert tag(text, dct) == tag(text, dct)


@settings(max_examples=300, deadline=None)
@given(text=dateish, day=any_date)
def test_date_and_iso_string_reference_agree(text: str, day: dt.date) -> None:
    assert tag(text, day) == tag(text, day.isoformat())
