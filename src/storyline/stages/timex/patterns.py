"""The vocabulary of time expressions and the regular-expression pieces the rules share.

Words come from `lexicon/en/timex.toml` (months, weekdays, count words, units, seasons, parts
of the day, holidays, eras); this module builds from them the pieces every rule pattern is
made of (`_MONTH`, `_WEEKDAY`, `_NUM`, `_UNIT`, ...) and reads words back as numbers: a month
or day number, a count word ("a dozen", "twenty-five") or the 0-99 of a year spelled out
("nineteen ninety-six"). An alternation built from a list keeps the list's order; `_alt`
puts the longest words first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from storyline.lexicon import entry, table


def _index_names(groups: Sequence[Sequence[str]]) -> dict[str, int]:
    """Each name of the `n`-th group (counting from 1) to `n`."""
    return {name: n for n, names in enumerate(groups, start=1) for name in names}


_MONTH_GROUPS: list[list[str]] = entry("timex", "months")
_MONTHS: dict[str, int] = _index_names(_MONTH_GROUPS)
MONTHS: dict[str, int] = _MONTHS
"""Month names and abbreviations (lower case, no full stop) to month numbers."""

_WEEKDAY_GROUPS: list[list[str]] = entry("timex", "weekdays")
_WEEKDAYS: dict[str, int] = _index_names(_WEEKDAY_GROUPS)

_NUMBERS: dict[str, int] = table("timex", "numbers")
_FUZZY_COUNTS: tuple[str, ...] = tuple(entry("timex", "fuzzy_counts"))

# unit word -> (TIMEX3 duration letter, is a time unit)
_UNITS: dict[str, tuple[str, bool]] = {
    word: (letter, is_time) for word, (letter, is_time) in table("timex", "units").items()
}
_PARTS_OF_DAY: dict[str, str] = table("timex", "parts_of_day")
_SEASONS: dict[str, str] = table("timex", "seasons")
_DAY_WORDS: dict[str, int] = table("timex", "day_words")
_DECADES: dict[str, int] = table("timex", "decades")
_ORDINAL_WORDS: dict[str, int] = table("timex", "centuries")
_NTH_WEEK: dict[str, int] = table("timex", "weeks_of_month")
_ORDINALS: dict[str, int] = table("timex", "quarter_ordinals")
_SET_ADVERBS: dict[str, str] = table("timex", "set_adverbs")
# holiday and era names as written (the patterns), and by their lower-case names
_HOLIDAY_NAMES: dict[str, list[int] | str] = table("timex", "holidays")
_HOLIDAYS: dict[str, tuple[int, int] | str] = {
    name.lower(): value if isinstance(value, str) else (value[0], value[1])
    for name, value in _HOLIDAY_NAMES.items()
}
_ERA_NAMES: dict[str, str] = table("timex", "eras")
# Named eras news refers to; the values are year ranges by convention.
_ERAS: dict[str, str] = {name.lower(): value for name, value in _ERA_NAMES.items()}

# numbers spelled out, each list in order of value (units from zero, teens, tens from twenty)
_SPELLED_UNIT_WORDS: list[str] = entry("timex", "spelled_units")
_SPELLED_TEEN_WORDS: list[str] = entry("timex", "spelled_teens")
_SPELLED_TEN_WORDS: list[str] = entry("timex", "spelled_tens")


def _alt(words: Sequence[str]) -> str:
    """A regex alternation of `words`, longest first so that prefixes do not win."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


def _either(words: Iterable[str]) -> str:
    """A regex alternation of `words` in their order: a space matches any run of white
    space, a full stop only itself, an apostrophe also ’; other characters are taken as
    they are (so a list may hold pattern pieces such as `plans?`)."""
    return "|".join(w.replace(".", r"\.").replace(" ", r"\s+").replace("'", "['’]") for w in words)


def _abbreviation(word: str) -> str:
    """An abbreviation's pattern: its full stop required where written, else optional."""
    return word.replace(".", r"\.") if word.endswith(".") else word + r"\.?"


_MONTH_FULL = "|".join(names[0].capitalize() for names in _MONTH_GROUPS)
_MONTH_ABBR = "|".join(_abbreviation(w) for w in entry("timex", "month_abbreviations"))
_MONTH_CAPS = "|".join(entry("timex", "months_in_capitals"))
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}|{_MONTH_CAPS})"
_WEEKDAY = (
    "(?:"
    + "|".join(
        [names[0].capitalize() for names in _WEEKDAY_GROUPS]
        + [names[0].upper() for names in _WEEKDAY_GROUPS]
    )
    + ")"
)
_DAYNUM = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_NUM_WORD = _alt([w for w in _NUMBERS if w not in ("half a", "a half")])
_TENS = "|".join(_SPELLED_TEN_WORDS)
_UNITS_WORDS = "|".join(_SPELLED_UNIT_WORDS[1:])  # one to nine
_NUM = (
    rf"(?:\d+(?:\.\d+)?|(?i:(?:{_TENS})[\s-](?:{_UNITS_WORDS})|(?:{_UNITS_WORDS})\s+hundred)"
    rf"|(?i:{_NUM_WORD})|(?i:{_alt(_FUZZY_COUNTS)}))"
)
_UNIT = f"(?:{'|'.join(_UNITS)})"
# "midday" is a clock time (the time rule's), not a part of a named day
_PART = f"(?:{'|'.join(w for w in _PARTS_OF_DAY if w != 'midday')})"
_APPROX = rf"(?:(?:{_either(entry('timex', 'approximators'))})\s+)"
_B = r"(?<![\w$#£€¥.-])"  # left boundary: not inside a word, number or amount
_E = r"(?![\w%-]|\.\d|,\d{3})"  # right boundary

_I = "(?i:{})".format  # case-insensitive piece inside a case-sensitive pattern

_DAY_WORD = f"(?:{'|'.join(_DAY_WORDS)})"
# the day written with a clock time: "5 p.m. Tuesday", "16:15 UTC, June 1st", "noon today"
_MONTH_BARE = "|".join(entry("timex", "bare_month_abbreviations"))
# ... and day first: "21:00 local time on 19 June", "08:11 am on 01 Jun 2009"
_CLOCK_DAY = (
    rf"(?:(?:\s+local(?:\s+time)?)?,?\s+(?:on\s+)?(?:(?P<day>{_WEEKDAY}|{_I(_DAY_WORD)})"
    rf"|(?P<mon>{_MONTH})\s+(?P<dom>{_DAYNUM})(?!\w|,\s*\d)"
    rf"|(?P<dom_b>{_DAYNUM})\s+(?:(?P<mon_b>{_MONTH})|(?P<bare_b>{_MONTH_BARE})(?=\s+\d))"
    rf"(?:\s+(?P<year_b>{_YEAR}))?(?![\w-])))?"
)
_MOD = (
    r"(?:(?P<mod>early|late|mid|the\s+(?:beginning|start|end|middle)\s+of"
    r"|(?:the\s+)?(?:early|late)(?:\s+part\s+of)?)[\s-]*)"
)
_FUZZY_WORDS = "|".join(entry("timex", "fuzzy_expressions"))


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags | re.VERBOSE)


def _month_number(word: str) -> int | None:
    return _MONTHS.get(word.lower().rstrip("."))


def _day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


_SPELLED_UNITS = {w: i for i, w in enumerate(_SPELLED_UNIT_WORDS)}
_SPELLED_TEENS = {w: 10 + i for i, w in enumerate(_SPELLED_TEEN_WORDS)}
_SPELLED_TENS = {w: 10 * (i + 2) for i, w in enumerate(_SPELLED_TEN_WORDS)}


def _number(word: str) -> int | None:
    """The value of a count word or numeral; None for fuzzy counts ("several")."""
    w = re.sub(r"\s+", " ", word.lower()).strip()
    if re.fullmatch(r"\d+", w):
        return int(w)
    if re.fullmatch(r"\d+\.\d+", w):
        return None
    if w in _NUMBERS:
        return _NUMBERS[w]
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in _NUMBERS and parts[1] in _NUMBERS:
        a, b = _NUMBERS[parts[0]], _NUMBERS[parts[1]]
        return a * b if b == 100 else a + b
    return None


def _spelled_number(words: str) -> int | None:
    """0-99 written in words ("ninety-six", "seven"); None otherwise."""
    parts = re.split(r"[\s-]+", words.lower().strip())
    if len(parts) == 1:
        p = parts[0]
        return _SPELLED_UNITS.get(p, _SPELLED_TEENS.get(p, _SPELLED_TENS.get(p)))
    if len(parts) == 2 and parts[0] in _SPELLED_TENS and parts[1] in _SPELLED_UNITS:
        return _SPELLED_TENS[parts[0]] + _SPELLED_UNITS[parts[1]]
    return None
