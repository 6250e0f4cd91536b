"""The timeline chart: the dated events as bars on a shared axis of days.

Each bar is as long as what its date covers (a day, a week, a month, a year), so a month-long
"in March" is drawn as a month, not as its first day; the template colours a bar by status.
Events without a calendar date have no bar (they are in the timeline table only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storyline import timevalues
from storyline.model import Dossier


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    width: float
    y: float
    status: str
    label: str  # the date and the first words of the best sentence (the bar's tooltip)
    anchor: str
    short: str  # the first few words, written beside the bar
    text_x: float  # where they start (right of the bar, or left of it near the right edge)
    text_end: bool  # whether they end at text_x instead


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    first: str  # the axis's first and last day, for the caption under the chart
    last: str


_CHART_WIDTH = 900
_CHART_LEFT = 10
_CHART_ROW = 16
_LABEL_WORDS = 8
_SHORT_WORDS = 6


def timeline_chart(dossier: Dossier) -> Chart | None:
    """Bars for the events with a calendar date, on a shared axis of days."""
    dated = []
    for number, entry in enumerate(dossier.timeline, start=1):
        found = timevalues.period(entry.date) if entry.date else None
        if found is not None:
            dated.append((found, entry, f"event-{number}"))
    if not dated:
        return None
    first = min(found[0] for found, _, _ in dated).toordinal()
    last = max(found[1] for found, _, _ in dated).toordinal() + 1
    span = max(last - first, 1)
    usable = _CHART_WIDTH - 2 * _CHART_LEFT

    def x(day: int) -> float:
        return round(_CHART_LEFT + usable * (day - first) / span, 1)

    bars = []
    for row, (found, entry, anchor) in enumerate(dated):
        start, end = x(found[0].toordinal()), x(found[1].toordinal() + 1)
        words = entry.summary.split()
        label = " ".join(words[:_LABEL_WORDS]) + (" …" if len(words) > _LABEL_WORDS else "")
        short = " ".join(words[:_SHORT_WORDS]) + (" …" if len(words) > _SHORT_WORDS else "")
        width = max(round(end - start, 1), 3.0)
        text_end = start > _CHART_WIDTH * 0.6  # near the right edge: the words go left
        bars.append(
            Bar(
                start,
                width,
                20 + row * _CHART_ROW,
                entry.status,
                f"{entry.date}: {label}",
                anchor,
                short,
                round(start - 4, 1) if text_end else round(start + width + 4, 1),
                text_end,
            )
        )
    low, high = date.fromordinal(first), date.fromordinal(last - 1)
    if span > 3 * 366:  # years, else months
        last_year = min(high.year + 2, date.max.year + 1)  # a text may say "9999-12-31"
        marks = [(date(y, 1, 1), str(y)) for y in range(low.year, last_year)]
    else:
        months = (high.year - low.year) * 12 + high.month - low.month + 2
        marks = [
            (date(low.year + (low.month - 1 + i) // 12, (low.month - 1 + i) % 12 + 1, 1), "")
            for i in range(months)
            if low.year + (low.month - 1 + i) // 12 <= date.max.year
        ]
        marks = [(day, day.strftime("%Y-%m")) for day, _ in marks]
    ticks = tuple(
        (x(day.toordinal()), text) for day, text in marks if first <= day.toordinal() <= last
    )
    return Chart(
        _CHART_WIDTH,
        30 + len(bars) * _CHART_ROW,
        tuple(bars),
        ticks,
        low.isoformat(),
        high.isoformat(),
    )
