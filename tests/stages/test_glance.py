"""The story at a glance (stages/glance): date ranking and per-day sentence selection over a
dossier's records. The articles are invented for these tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from storyline.stages.glance import Settings, candidates, rank_dates, timeline_summary
from storyline.stages.glance.select import event_support

_A = (
    "The harbour workers walked out on Monday over the new shift rules.\n"
    "Union leaders said the strike on Monday was the first in ten years.\n"
    "Talks with the port authority resumed on Wednesday after a long delay.\n"
    "The port authority raised its offer in March.\n"
    "Short line."
)
_B = (
    "Harbour workers walked out on Monday over new shift rules, the union said.\n"
    "The harbour strike closed three terminals on Monday morning.\n"
    "A judge ordered both sides back to talks on Friday.\n"
    "Will the harbour strike on Monday end before the holiday season begins?\n"
    "I watched the harbour workers march past my window on Monday afternoon."
)


def _timexes(article: str, text: str, phrases: dict[str, str]) -> list[dict[str, Any]]:
    found = []
    for phrase, value in phrases.items():
        start = 0
        while (at := text.find(phrase, start)) >= 0:
            found.append({"article": article, "start": at, "end": at + len(phrase), "value": value})
            start = at + len(phrase)
    return found


def _dossier() -> dict[str, Any]:
    days = {"Monday": "2025-03-03", "Wednesday": "2025-03-05", "March": "2025-03"}
    return {
        "articles": [
            {"id": "a", "text": _A, "published": {"value": "2025-03-06"}, "analysed": True},
            {"id": "b", "text": _B, "published": {"value": "2025-03-04"}, "analysed": True},
            {
                "id": "c",
                "text": "Ein Text.",
                "published": {"value": "2025-03-04"},
                "analysed": False,
            },
        ],
        "timexes": _timexes("a", _A, days) + _timexes("b", _B, {"Monday": "2025-03-03"}),
        "events": [
            {
                "date": {"value": "2025-03-07", "granularity": "day"},
                "sources": [{"article": "b", "start": 0, "end": 10}],
                "mentions": [
                    {
                        "article": "b",
                        "start": _B.index("ordered"),
                        "date": {"value": "2025-03-07", "granularity": "day"},
                    }
                ],
            }
        ],
    }


def test_candidates_are_exact_sentence_spans_with_their_dates() -> None:
    dossier = _dossier()
    found = candidates(dossier)
    texts = {"a": _A, "b": _B}
    assert all(texts[c.span.article][c.span.start : c.span.end] == c.span.text for c in found)
    assert {c.span.article for c in found} == {"a", "b"}  # the unanalysed article is left out
    by_text = {c.span.text: c for c in found}
    assert by_text["The port authority raised its offer in March."].day is None
    assert by_text["The port authority raised its offer in March."].months == ("2025-03",)
    # dated by the event mention's own date, not by the publication day
    assert by_text["A judge ordered both sides back to talks on Friday."].day == date(2025, 3, 7)


def test_dates_rank_by_what_refers_to_them() -> None:
    dossier = _dossier()
    found = candidates(dossier)
    weights = Settings.default().weights
    ranked = rank_dates(found, event_support(dossier), weights)
    assert ranked[0][0] == date(2025, 3, 3)  # four sentences in two articles name Monday
    inside = rank_dates(found, {}, weights, date(2025, 3, 4), date(2025, 3, 6))
    assert all(date(2025, 3, 4) <= d <= date(2025, 3, 6) for d, _ in inside)


def test_summary_takes_l_dates_k_sentences_no_repeats() -> None:
    dossier = _dossier()
    summary = timeline_summary(dossier, dates=2, sentences=2)
    assert len(summary) == 2
    assert [s.date for s in summary] == sorted(s.date for s in summary)
    assert all(1 <= len(day.sentences) <= 2 for day in summary)
    chosen = [s.text for day in summary for s in day.sentences]
    assert len(chosen) == len(set(chosen))
    # the two near-identical walk-out sentences are one sentence of the summary, not two
    assert sum("walked out on Monday" in text for text in chosen) == 1
    assert "Short line." not in chosen
    assert not any(text.endswith("?") or " my " in text for text in chosen)


def test_keywords_and_range_restrict_the_summary() -> None:
    dossier = _dossier()
    summary = timeline_summary(
        dossier, dates=5, sentences=3, start=date(2025, 3, 5), keywords=("talks",)
    )
    assert summary
    assert all(day.date >= "2025-03-05" for day in summary)
    assert all("talks" in s.text.lower() for day in summary for s in day.sentences)


def test_same_dossier_same_summary() -> None:
    first = timeline_summary(_dossier(), dates=3, sentences=2)
    assert first == timeline_summary(_dossier(), dates=3, sentences=2)


def test_empty_dossier_gives_empty_summary() -> None:
    assert timeline_summary({"articles": [], "timexes": [], "events": []}, 5, 2) == ()


def test_questions_and_first_person_voices_are_no_candidates() -> None:
    from dataclasses import replace

    dossier = _dossier()
    loose = replace(Settings.default(), questions=False, personal=frozenset())

    def chosen(settings: Settings) -> list[str]:
        summary = timeline_summary(dossier, 5, 10, settings=settings)
        return [s.text for day in summary for s in day.sentences]

    assert any(t.endswith("?") for t in chosen(loose))
    assert any(t.startswith("I watched") for t in chosen(loose))
    assert not any(t.endswith("?") or t.startswith("I watched") for t in chosen(Settings.default()))


def test_a_day_is_read_with_its_time_of_day_and_a_start_day_of_any_calendar_value() -> None:
    """Dates are read by `timevalues`, the stages' one reader of TIMEX3 values: a UTC time
    keeps its day (it was dropped before), and a year, week or quarter has a first day, so an
    event dated only "2009" is background like one dated "2009-03"."""
    from storyline.stages.glance.select import _day
    from storyline.timevalues import first_day

    assert _day("2009-04-27T03:05Z") == date(2009, 4, 27)
    assert _day("2009-04-27TNI") == date(2009, 4, 27)
    assert _day("2009-04") is None
    assert _day("2009-W17-WE") is None
    assert _day("2009-04-27/2009-04-28") is None
    assert first_day("2009") == date(2009, 1, 1)
    assert first_day("2009-Q2") == date(2009, 4, 1)
    assert first_day("2009-04-27/2009-05-01") == date(2009, 4, 27)
    assert first_day("PAST_REF") is None
