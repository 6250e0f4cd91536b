"""The shipped models trained on the pipeline's output still match it: each weights file
records the digest of the training examples of a small slice of its corpus (`drift_record`),
and the slice's examples computed through today's stages must give the same record. A rule
that moves them (a time expression, an entity, a speaker) means the training command no
longer gives the shipped file: retrain with the command the failure names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation import train_cues, train_merge
from storyline.evaluation.drift import drift_found, drift_record
from storyline.models.cues import ATTRIBUTION_MODEL_PATH
from storyline.models.cues import MODEL_PATH as CUE_MODEL_PATH
from storyline.stages.events.pairs import MODEL_PATH as MERGE_MODEL_PATH


def _check(path: Path, today: dict[str, Any], command: str) -> None:
    recorded = json.loads(path.read_text(encoding="utf-8")).get("drift_check")
    found = "no digest recorded" if recorded is None else drift_found(recorded, today)
    if found is not None:
        pytest.fail(
            f"the pipeline moved {path.name}'s training examples ({found}): retrain with {command}",
            pytrace=False,
        )


def test_merge_model_training_examples_have_not_moved(shared: Path, nlp: object) -> None:
    recorded = json.loads(MERGE_MODEL_PATH.read_text(encoding="utf-8"))
    links = {k: v for k, v in recorded["priors"].items() if k.startswith("pair:")}
    today = train_merge.slice_record(shared / "data" / "ecbplus", links, nlp=nlp)
    _check(MERGE_MODEL_PATH, today, train_merge.COMMAND)


def test_cue_model_training_examples_have_not_moved(shared: Path, nlp: object) -> None:
    today = train_cues.slice_record(shared / "data" / "polnear", nlp=nlp)
    _check(CUE_MODEL_PATH, today, train_cues.COMMAND)


def test_attribution_model_training_examples_have_not_moved(shared: Path, nlp: object) -> None:
    today = train_cues.slice_record(shared / "data" / "polnear", nlp=nlp, attributions=True)
    _check(ATTRIBUTION_MODEL_PATH, today, train_cues.ATTRIBUTION_COMMAND)


def test_the_record_sorts_feature_keys_and_rounds_numbers() -> None:
    """Invented rows: the order of a row's feature keys and float noise past the sixth
    decimal do not change the digest; a label, a key or a kind does."""
    base = drift_record("s", [["b", "a"], ["c"]], [1, 0])
    assert base == drift_record("s", [["a", "b", "a"], ["c"]], [1, 0])
    assert base["digest"] != drift_record("s", [["a", "b"], ["c"]], [1, 1])["digest"]
    assert base["digest"] != drift_record("s", [["a", "x"], ["c"]], [1, 0])["digest"]
    names = ("ratio", "vector")
    pairs = drift_record("p", [[0.5, 0.25]], [1], kinds=["class:x"], names=names, loose=["vector"])
    noisy = drift_record(
        "p", [[0.5 + 1e-9, 0.2500004]], [1], kinds=["class:x"], names=names, loose=["vector"]
    )
    assert drift_found(pairs, noisy) is None
    assert pairs["sums"] == {"vector": 0.25}
    other = drift_record("p", [[0.5, 0.25]], [1], kinds=[None], names=names, loose=["vector"])
    assert drift_found(pairs, other) == f"digest {pairs['digest']} -> {other['digest']}"
    moved = drift_record("p", [[0.5, 0.4]], [1], kinds=["class:x"], names=names, loose=["vector"])
    assert drift_found(pairs, moved) == "sum of vector 0.25 -> 0.4"
