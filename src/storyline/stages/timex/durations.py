"""Durations and sets: how long something lasts ("three years", "two and a half hours",
"decades-long", "for years") and how often it recurs ("weekly", "every other month",
"twice a year"). Neither depends on the reference date. The unit words, approximators and
recurrence adverbs are in `lexicon/en/timex.toml`.
"""

from __future__ import annotations

import re

from storyline.lexicon import entry, table, words
from storyline.model import TimexType
from storyline.stages.timex._context import _Context
from storyline.stages.timex.patterns import (
    _PARTS_OF_DAY,
    _SEASONS,
    _SET_ADVERBS,
    _UNITS,
    _WEEKDAYS,
    _either,
    _month_number,
    _number,
)


def _duration(count: int | None, unit: str, fraction: str | None = None) -> str:
    letter, is_time = _UNITS[
        unit.lower().rstrip("s") if unit.lower() != "centuries" else "centurie"
    ]
    prefix = "PT" if is_time else "P"
    if unit.lower().startswith("fortnight") and count is not None:
        return f"P{count * 2}W"  # "a fortnight" is two weeks (its letter is the week's)
    if letter == "WE":
        return "P2D" if count == 1 else f"P{count * 2}D" if count else "PXWE"
    if letter == "DE":
        return f"P{count * 10}Y" if count is not None else "PXDE"
    if letter == "CE":
        return f"P{count * 100}Y" if count is not None else "PXCE"
    if count is None:
        return f"{prefix}X{letter}"
    return f"{prefix}{count}{letter}"


_HALF_UNITS: dict[str, str] = table("timex", "half_units")
_HALF_OF_UNITS: dict[str, str] = table("timex", "half_of_units")
# a quarter of a thing, not of a year: "over a quarter of all voters"
_FRACTION_OF = re.compile(rf"\s+of\s+(?:{_either(entry('timex', 'fraction_determiners'))})\b")


# a quantity (and the thing counted) before "a year": a rate, "$33 million a year"
_RATE_BEFORE = re.compile(
    rf"""(?i)(?:[$£€]\s?\d[\d,.]*|\d[\d,.]*\s?%|\brate\s+of\s+\d[\d,.]*|\b\d[\d,.]*\s+[a-z]+s
    |\b(?:{_either(entry("timex", "rate_quantities"))}))(?:\s+[a-z]+)?\s+$""",
    re.VERBOSE,
)

# "one day" between a subject or modal and its verb is "some day", not a length
_SOMEDAY_BEFORE = re.compile(rf"(?i)\b(?:{_either(entry('timex', 'someday_subjects'))})\s+$")


def _n_duration(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["old"] or re.match(r"[\s-]+old\b", ctx.text[m.end() : m.end() + 6]):
        return None  # an age ("a 6-year-old boy", "52 years old"), not a time
    if re.fullmatch(r"(?i)\w+-quarters", m[0].split()[-1]):
        return None  # "three-quarters": a fraction
    unit_text = m["unit"]
    if unit_text.lower().startswith("quarter") and _FRACTION_OF.match(
        ctx.text[m.end() : m.end() + 12]
    ):
        return None  # "over a quarter of all voters": a fraction
    if unit_text[0].isupper() and not _at_sentence_start(ctx.text, m.start()):
        return None  # "CBS's 60 Minutes": a title, not a length of time
    if re.fullmatch(r"(?i)one\s+day", m[0]) and _SOMEDAY_BEFORE.search(
        ctx.text[max(0, m.start() - 12) : m.start()]
    ):
        return "DATE", "FUTURE_REF", None  # "she will one day lead it": some day to come
    num = m["num"]
    unit = m["unit"].lower()
    unit_key = "centurie" if unit == "centuries" else unit.rstrip("s")
    if num is None:
        count: int | None = None
    else:
        count = _number(num)
        if count == 0 or (count is not None and count >= 1000):
            return None
        if (
            unit_key == "second"
            and num.lower() in ("a", "an")
            and not re.match(r"\s*[.,;:!?)]", ctx.text[m.end() : m.end() + 2])
        ):
            return None  # "a second opinion": the ordinal, not the unit
        if count is None and re.fullmatch(r"\d+\.\d+", num):
            whole, frac = num.split(".")
            letter, is_time = _UNITS[unit_key]
            if frac == "5" and letter in ("Y", "M", "W", "D", "H"):
                return "DURATION", f"{'PT' if is_time else 'P'}{whole}.5{letter}", None
            return None
    if (
        num is not None
        and num.lower() in ("a", "an", "per")
        and not m["approx"]
        and _RATE_BEFORE.search(ctx.text[max(0, m.start() - 40) : m.start()])
    ):
        return "SET", _duration(1, unit_key), None  # "$33 million a year": a rate
    if m["halfof"] and count == 1:
        half_of = _HALF_OF_UNITS.get(unit_key)  # "half an hour", "half a century"
        if half_of is not None:
            return "DURATION", half_of, _approx_mod(m)
    if m["half"]:
        letter, is_time = _UNITS[unit_key]
        if count:
            return "DURATION", f"{'PT' if is_time else 'P'}{count}.5{letter}", None
    if (m["frac"] or m["half2"]) and count:
        # "2 1/2 years", "an hour and a half": the half in the next smaller unit where it is whole
        half = _HALF_UNITS.get(unit_key)
        if half is not None:
            return "DURATION", half.format(count), None
        letter, is_time = _UNITS[unit_key]
        return "DURATION", f"{'PT' if is_time else 'P'}{count}.5{letter}", None
    return "DURATION", _duration(count, unit_key), _approx_mod(m)


def _approx_mod(m: re.Match[str]) -> str | None:
    """The TIMEX3 `mod` of an approximator before a length: "more than" MORE_THAN, ..."""
    approx = (m["approx"] or "").lower().strip()
    if not approx:
        return None
    return (
        "MORE_THAN"
        if approx.startswith(("more", "over", "well over"))
        else "LESS_THAN"
        if approx.startswith(("less", "fewer", "under"))
        else "EQUAL_OR_MORE"
        if approx.startswith("at least")
        else "EQUAL_OR_LESS"
        if approx.startswith(("up to", "at most"))
        else "APPROX"
    )


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start]
    return start == 0 or not before.strip() or bool(re.search(r"[.!?\"“”'`]\s*$", before))


def _n_bare_plural(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    unit = (m["unit"] or m["unit2"] or m["unit3"] or m["unit4"]).lower()
    key = "centurie" if unit == "centuries" else unit.rstrip("s")
    return "DURATION", _duration(None, key), None


def _n_long_adjective(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "day-long", "decades-long", "two-week-long", "single-day": how long something lasts."""
    if m["single"]:
        return "DURATION", "P1D", None
    unit = m["unit"].lower()
    if m["plural"]:
        # an unstated number of them: "decades-long" is some number of years
        letter = {"decade": "Y", "century": "Y"}.get(unit, _UNITS[unit][0])
        return "DURATION", f"{'PT' if _UNITS[unit][1] else 'P'}X{letter}", None
    count = _number(m["num"]) if m["num"] else 1
    return ("DURATION", _duration(count, unit), None) if count else None


def _n_units_or_units(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "weeks or months": some of the smaller unit, as TimeML values "within weeks or months"
    (`PXW`), not the larger unit alone."""
    return "DURATION", _duration(None, m["unit"]), None


def _n_range_low(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """The first count of "between 60 and 90 days", "between two to six days": a length in the unit
    written after the second count (`P60D`), as TimeML tags each end of a range apart. An
    age ("between 5 and 7 years old") is no time, and a first count not below the second is
    no range of lengths."""
    count, high = _number(m["num"]), _number(m["high"])
    if m["old"] or m["num"].lower() in ("a", "an") or not count or count >= 1000:
        return None
    if high is None or high <= count:
        return None
    return "DURATION", _duration(count, m["unit"]), _approx_mod(m)


# what may follow "weekly" in a recurrence ("paid weekly to ..."); any other word after a
# reporting period ("a quarterly dividend") makes it no recurrence
_FUNCTION_AFTER_ADVERB = words("timex", "function_words")
_REPORTING_PERIODS = words("timex", "reporting_period_adverbs")
_RATE_ADVERBS = words("timex", "rate_adverbs")
# a verb of change up to three words before "annually": "doubling its profits annually"
_CHANGE_BEFORE = re.compile(
    rf"(?i)\b(?:{_either(entry('timex', 'change_words'))})(?:\s+[\w'-]+){{0,3}}\s+$"
)


def _n_set(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    word = m[0].lower()
    if word in _SET_ADVERBS:
        following = re.match(r"\s+([A-Za-z]+)", ctx.text[m.end() : m.end() + 30])
        if (
            following
            and following[1].lower() not in _FUNCTION_AFTER_ADVERB
            and word in _REPORTING_PERIODS
        ):
            # "a quarterly dividend", "annual sales": a reporting period, not a recurrence;
            # "a daily rally", "his weekly address", "hourly earnings" do recur
            return None
        if word in _RATE_ADVERBS:
            before = ctx.text[max(0, m.start() - 50) : m.start()]
            if _RATE_BEFORE.search(before) or _CHANGE_BEFORE.search(before):
                return None  # "sales rise 8.5% annually": a rate of change, no recurrence
        return "SET", _SET_ADVERBS[word], None
    if m["wd"]:
        return "SET", f"XXXX-WXX-{_WEEKDAYS[m['wd'].lower()]}", None
    if m["mon"]:
        month = _month_number(m["mon"])
        return ("SET", f"XXXX-{month:02d}", None) if month else None
    unit = m["unit"].lower().rstrip("s")
    if unit in _SEASONS:
        return "SET", f"XXXX-{_SEASONS[unit]}", None
    if unit in _PARTS_OF_DAY:
        return "SET", f"T{_PARTS_OF_DAY[unit]}", None
    count = 2 if m["other"] else 1
    if unit == "centurie":
        unit = "century"
    return "SET", _duration(count, unit), None
