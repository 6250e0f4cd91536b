"""The story scorer's measures on hand-computed cases."""

from __future__ import annotations

import pytest

from storyline.evaluation.corpora import text_article
from storyline.evaluation.stories import bcubed, pearson, same_month, semeval_part, spearman


def test_bcubed_of_a_perfect_and_a_lumped_clustering() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert bcubed(gold, gold)["f1"] == 1.0
    lumped = bcubed({k: "one" for k in gold}, gold)
    assert (lumped["p"], lumped["r"]) == (0.5, 1.0)
    assert lumped["f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_bcubed_over_a_part_restricts_both_sides() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    predicted = {"a": "1", "b": "2", "c": "2"}
    # over a and b only: b's cluster holds b alone there
    part = bcubed(predicted, gold, ["a", "b"])
    assert (part["p"], part["r"], part["items"]) == (1.0, 0.5, 2)


def test_correlations() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert spearman([1, 2, 3], [1, 4, 9]) == pytest.approx(1.0)
    assert spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0
    # ties take their average rank
    assert spearman([1, 1, 2], [1, 2, 3]) == pytest.approx(0.866, abs=1e-3)


def test_semeval_parts_by_first_id() -> None:
    assert semeval_part("1484_17") == "tune"
    assert semeval_part("1485_17") == "held_out"


def test_same_month_dates_both_events_of_a_topic_in_its_month() -> None:
    # topic 3's first event on days 3, 4 ..., its second on days 12, 13 ... of April 2020;
    # topic 12 in January 2021
    ids = ["3/1ecb", "3/2ecb", "3/1ecbplus", "12/1ecb"]
    articles = [text_article(f"{i}.txt", "An invented text.", article_id=i) for i in ids]
    subtopic = {
        "3/1ecb": "3/ecb",
        "3/2ecb": "3/ecb",
        "3/1ecbplus": "3/ecbplus",
        "12/1ecb": "12/ecb",
    }
    topic = {i: i.split("/")[0] for i in ids}
    dated = same_month(articles, subtopic, topic)
    assert [a.id for a in dated] == ids
    assert [a.given_date for a in dated] == ["2020-04-03", "2020-04-04", "2020-04-12", "2021-01-03"]
