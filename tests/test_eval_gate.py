"""The evaluation gate: our own scorers on the seeds and the dev corpora must not drop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluate import (
    score_clean_survival,
    score_seed_timexes,
    score_seeds,
    score_timeml_dir,
)

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))


@pytest.mark.model
def test_seed_scores_hold(shared: Path) -> None:
    scores = score_seeds(shared)
    floors = FLOORS["seeds"]
    assert scores["boilerplate_precision"] >= floors["boilerplate_precision"]
    assert scores["boilerplate_recall"] >= floors["boilerplate_recall"]
    assert scores["content_lines_dropped"] <= floors["content_lines_dropped_max"]
    assert scores["published_correct"] >= floors["published_correct"]


@pytest.mark.parametrize("corpus", sorted(FLOORS["clean"]))
def test_cleaning_keeps_real_paragraphs(shared: Path, corpus: str) -> None:
    scores = score_clean_survival(shared / "data", corpus=corpus)
    assert scores[corpus]["documents"] > 0
    assert scores[corpus]["kept_share"] >= FLOORS["clean"][corpus], scores[corpus]


@pytest.mark.model
def test_timeml_scores_hold(shared: Path) -> None:
    scores = score_timeml_dir(shared / "data" / "tempeval3")
    assert scores["documents"] == 256
    for measure, floor in FLOORS["timeml_tempeval3"].items():
        assert scores[measure] >= floor, (measure, scores[measure])


@pytest.mark.model
def test_seed_timexes_hold(shared: Path) -> None:
    scores = score_seed_timexes(shared)
    assert scores["share"] >= FLOORS["seed_timexes"]["share"], scores["misses"]
