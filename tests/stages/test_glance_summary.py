"""The cited summary (stages/glance/cite.py): every sentence rests on spans of the articles.
The articles are invented for these tests."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from storyline.stages.glance import SummarySettings, cited_summary

_WORD = re.compile(r"[A-Za-z0-9]+")
_A = (
    "The ferry crews stopped work on Tuesday over unpaid overtime.\n"
    "Crew leaders said the stoppage on Tuesday left two islands without a boat.\n"
    "The ferry company last changed its rosters in 2009.\n"
    "Talks with the ferry company began on Thursday in the town hall."
)
_B = (
    "Ferry crews stopped work on Tuesday over unpaid overtime, their union said.\n"
    "The regional council asked both sides to meet before the weekend.\n"
    "Talks with the ferry company began on Thursday at the town hall."
)
_DAYS = {"Tuesday": "2025-09-02", "Thursday": "2025-09-04", "2009": "2009"}


def _timexes(article: str, text: str) -> list[dict[str, Any]]:
    found = []
    for phrase, value in _DAYS.items():
        for match in re.finditer(phrase, text):
            found.append(
                {"article": article, "start": match.start(), "end": match.end(), "value": value}
            )
    return found


def _dossier() -> dict[str, Any]:
    return {
        "articles": [
            {"id": "a", "text": _A, "published": {"value": "2025-09-04"}},
            {"id": "b", "text": _B, "published": {"value": "2025-09-05"}},
        ],
        "timexes": _timexes("a", _A) + _timexes("b", _B),
        "events": [],
    }


def content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2}


def assert_supported(dossier: dict[str, Any]) -> None:
    """Every summary sentence has sources whose spans are exact and hold its content words."""
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    for sentence in dossier["summary"]:
        assert sentence["sources"], sentence["text"]
        covered: set[str] = set()
        for span in sentence["sources"]:
            assert texts[span["article"]][span["start"] : span["end"]] == span["text"]
            covered |= content_words(span["text"])
        assert content_words(sentence["text"]) <= covered, sentence["text"]


def _as_dict(dossier: dict[str, Any]) -> dict[str, Any]:
    summary = cited_summary(dossier)
    return dossier | {
        "summary": [
            {
                "text": s.text,
                "sources": [
                    {"article": p.article, "start": p.start, "end": p.end, "text": p.text}
                    for p in s.sources
                ],
            }
            for s in summary
        ]
    }


def test_every_sentence_is_supported_and_cites_the_other_reports() -> None:
    dossier = _as_dict(_dossier())
    assert_supported(dossier)
    summary = dossier["summary"]
    assert 2 <= len(summary) <= SummarySettings.default().max_sentences
    # the walkout is told by both articles: the sentence cites both
    walkout = [s for s in summary if "stopped work" in s["text"]]
    assert walkout and {p["article"] for p in walkout[0]["sources"]} == {"a", "b"}
    # background (a 2009 roster change) is not in the summary; the days are in date order
    assert not any("2009" in s["text"] for s in summary)
    order = [s["text"] for s in summary]
    assert order.index(walkout[0]["text"]) < next(i for i, s in enumerate(order) if "Talks" in s)


def test_the_summary_is_deterministic_and_capped() -> None:
    first = cited_summary(_dossier())
    assert first == cited_summary(_dossier())
    capped = cited_summary(_dossier(), settings=replace(SummarySettings.default(), max_sentences=1))
    assert len(capped) == 1


def test_a_story_with_no_dates_is_told_by_its_leads() -> None:
    dossier = _dossier() | {"timexes": []}
    summary = _as_dict(dossier)["summary"]
    assert summary
    assert_supported(_as_dict(dossier))
    # b's lead tells what a's does: one sentence, citing both
    assert {p["article"] for s in summary for p in s["sources"]} == {"a", "b"}


def test_a_sentence_not_in_the_text_is_caught() -> None:
    dossier = _as_dict(_dossier())
    dossier["summary"][0]["text"] += " Nobody was paid."
    try:
        assert_supported(dossier)
    except AssertionError:
        return
    raise AssertionError("an unsupported sentence passed the check")


def test_headlines_and_quotations_are_left_out() -> None:
    text = (
        "Ferry Crews Walk Out Over Overtime\n"
        "“We will not sail until we are paid on Tuesday,” a deckhand shouted.\n" + _A
    )
    dossier = _dossier()
    dossier["articles"][0]["text"] = text
    dossier["timexes"] = _timexes("a", text) + _timexes("b", _B)
    summary = _as_dict(dossier)["summary"]
    assert summary
    assert not any(s["text"].startswith(("Ferry Crews", "“")) for s in summary)
