"""The story scorer's measures on hand-computed cases."""

from __future__ import annotations

import pytest

from storyline.evaluation.stories import bcubed, pearson, semeval_part, spearman


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
