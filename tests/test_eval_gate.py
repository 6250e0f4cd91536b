"""The evaluation gate: our own scorers on the seeds and the dev corpora must not drop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluate import score_clean_survival, score_seeds

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
