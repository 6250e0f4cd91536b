"""Time expressions of whole articles, anchored on what is known of their publication date."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from storyline.model import Document
from storyline.stages import timex
from storyline.stages.annotate import annotate_articles
from storyline.stages.clean import clean_document
from storyline.stages.published import given, infer_story_dates


def _values(nlp: Any, text: str, value: str, earliest: str, latest: str) -> dict[str, str]:
    article = clean_document(Document("a.txt", text, "text"))
    article = replace(
        article,
        published=replace(given(latest), value=value, earliest=earliest, latest=latest),
    )
    annotation = annotate_articles([article], nlp=nlp)[0]
    return {t.text: t.value for t in timex.extract_timexes([article], [annotation])}


@pytest.mark.model
def test_a_weekday_in_a_story_known_to_the_month_is_the_range_it_can_be(nlp: Any) -> None:
    values = _values(
        nlp,
        "Officials said on Monday that Narendra Modi will visit Oslo on Wednesday. "
        "The two countries signed a trade deal in March 2023.",
        "2024-06",
        "2024-06-01",
        "2024-06-30",
    )
    # written some day in June: the Monday before, the Wednesday after, any of those days
    assert values["Monday"] == "2024-05-27/2024-06-24"
    assert values["Wednesday"] == "2024-06-05/2024-07-03"
    assert values["March 2023"] == "2023-03"  # no anchor needed, nothing to widen


@pytest.mark.model
def test_a_story_known_to_the_day_range_keeps_its_latest_day(nlp: Any) -> None:
    # an inferred window (not a calendar month) anchors on its latest day, as before
    values = _values(
        nlp,
        "Narendra Modi will visit Oslo on Wednesday.",
        "2024-06-10/2024-06-14",
        "2024-06-10",
        "2024-06-14",
    )
    assert values["Wednesday"] == "2024-06-19"


@pytest.mark.model
def test_dates_and_timexes_may_share_one_detection_per_article(nlp: Any) -> None:
    # publication-date inference and the stage anchor the same detections
    texts = [
        ("a.txt", "The port reopened on March 3, 2025. Talks resume on Wednesday.", "2025-03-04"),
        ("b.txt", "Dockers struck yesterday, a day after the port reopened, officials said.", None),
    ]
    articles = [clean_document(Document(p, t, "text", published=d)) for p, t, d in texts]
    annotations = annotate_articles(articles, nlp=nlp)
    detected = timex.detect_articles(articles, annotations)
    dated = infer_story_dates(articles, annotations)
    assert infer_story_dates(articles, annotations, detected=detected) == dated
    alone = timex.extract_timexes(dated, annotations)
    assert alone and timex.extract_timexes(dated, annotations, detected=detected) == alone


def _story(nlp: Any, texts: list[tuple[str, str, str | None]]) -> dict[str, dict[str, str]]:
    """The time expressions of a story's articles (path, text, metadata date), by path."""
    articles = [clean_document(Document(p, t, "text", published=d)) for p, t, d in texts]
    annotations = annotate_articles(articles, nlp=nlp)
    dated = infer_story_dates(articles, annotations)
    paths = {a.id: a.path for a in dated}
    values: dict[str, dict[str, str]] = {}
    for t in timex.extract_timexes(dated, annotations):
        values.setdefault(paths[t.article], {})[t.text] = t.value
    return values


_UNDATED = (
    "Ferry crews walked out in protest on Monday, March 17, and the owners answered on "
    "March 12 that the offer was final. Talks were held on June 3 and 4. Crews marched "
    "yesterday."
)


@pytest.mark.model
def test_an_undated_articles_yearless_dates_take_the_year_its_story_states(nlp: Any) -> None:
    values = _story(
        nlp,
        [
            ("a.txt", "The ferry strike began on Tuesday, the union said.", "2025-03-04"),
            ("b.txt", "Ferry talks ended without a deal, the owners said.", "2025-06-10"),
            ("c.txt", _UNDATED, None),
        ],
    )["c.txt"]
    # the story's stated dates run from 4 March to 10 June 2025: each date fits 2025 alone
    assert values["March 12"] == "2025-03-12"
    assert values["Monday, March 17"] == "2025-03-17"
    assert values["June 3 and 4"] == "2025-06-03/2025-06-04"  # both ends of the range
    # the writing day is still unknown, so what counts from it stays open
    assert not values["yesterday"][:4].isdigit()


@pytest.mark.model
def test_a_yearless_date_two_years_of_the_story_could_hold_stays_open(nlp: Any) -> None:
    values = _story(
        nlp,
        [
            ("a.txt", "The ferry strike began on Tuesday, the union said.", "2024-02-20"),
            ("b.txt", "Ferry talks ended without a deal, the owners said.", "2025-04-15"),
            ("c.txt", _UNDATED, None),
        ],
    )["c.txt"]
    # March 12 of 2024 and of 2025 both lie in the story's time: no year is guessed
    assert values["March 12"] == "XXXX-03-12"
    # but 17 March was a Monday in 2025, not in 2024: the weekday decides
    assert values["Monday, March 17"] == "2025-03-17"


@pytest.mark.model
def test_only_dates_a_story_states_place_the_years(nlp: Any) -> None:
    # no article's metadata dates the story: what the text lets the stage infer is no anchor
    values = _story(
        nlp,
        [
            ("a.txt", "The ferry strike began on March 4, 2025, and is in its second week.", None),
            ("c.txt", _UNDATED, None),
        ],
    )["c.txt"]
    assert values["March 12"] == "XXXX-03-12"


@pytest.mark.model
def test_a_story_dated_at_the_calendars_edges_places_no_year(nlp: Any) -> None:
    # metadata dates of 0001-01-01 and 9999-12-31 leave no room for the month's margin: they
    # date no story (before, the window's arithmetic overflowed and the build stopped)
    values = _story(
        nlp,
        [
            ("a.txt", "The ferry strike began on Tuesday, the union said.", "0001-01-01"),
            ("b.txt", "Ferry talks ended without a deal, the owners said.", "9999-12-31"),
            ("c.txt", _UNDATED, None),
        ],
    )["c.txt"]
    assert values["March 12"] == "XXXX-03-12"
