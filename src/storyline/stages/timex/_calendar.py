"""Calendar arithmetic the anchoring rules share: ISO dates and weeks, shifting by days and
months, the weekday or month nearest a reference date, and the TIMEX3 modifier of "early",
"mid" and "late". The standard library's `datetime` does the counting.
"""

from __future__ import annotations

import datetime as dt


def _fmt_date(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _fmt_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shift_days(d: dt.date, days: int) -> dt.date | None:
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _year_ok(year: int) -> bool:
    return 1 <= year <= 9999


def _weekday_date(dct: dt.date, weekday: int, direction: str) -> dt.date | None:
    """The `weekday` (1 = Monday) nearest to `dct` in `direction`, the DCT itself included."""
    diff = weekday - dct.isoweekday()
    if direction == "future":
        days = diff % 7
    elif direction == "next":
        days = diff % 7 or 7
    elif direction == "last":
        days = -((-diff) % 7 or 7)
    else:
        days = -((-diff) % 7)
    return _shift_days(dct, days)


def _month_year(dct: dt.date, month: int, direction: str) -> int:
    if direction == "future":
        return dct.year if month >= dct.month else dct.year + 1
    if direction == "next":
        return dct.year if month > dct.month else dct.year + 1
    if direction == "last":
        return dct.year if month < dct.month else dct.year - 1
    return dct.year if month <= dct.month else dct.year - 1


def _closest_year(dct: dt.date, month: int, day: int) -> int:
    """The year that puts `month`/`day` nearest to the DCT."""
    best = dct.year
    best_gap: int | None = None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            gap = abs((dt.date(year, month, min(day, 28)) - dct).days)
        except (ValueError, OverflowError):
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower().rstrip("- ")
    if w.startswith("early") or "beginning" in w or w.startswith("start"):
        return "START"
    if w.startswith("mid") or "middle" in w:
        return "MID"
    if w.startswith("late") or "end" in w:
        return "END"
    return None


def _truncate(value: str, unit: str) -> str:
    lengths = {"year": 4, "month": 7, "day": 10}
    return value[: lengths.get(unit, len(value))]
