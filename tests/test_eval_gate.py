"""The evaluation gate: our own scorers on the seeds and the dev corpora must not drop."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation import coref, ecbplus, factuality, plover, polnear, train_events
from storyline.evaluation.evaluate import (
    score_clean_survival,
    score_publication_dates,
    score_seed_timexes,
    score_seeds,
    score_timeml_dir,
)

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_scores(shared: Path) -> dict[str, Any]:
    """One build of the seeds, scored for cleaning, dates and events."""
    return score_seeds(shared)


@pytest.mark.model
def test_seed_scores_hold(seed_scores: dict[str, Any]) -> None:
    scores = seed_scores
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


@pytest.mark.model
def test_publication_dates_are_rarely_wrong(shared: Path) -> None:
    scores = score_publication_dates(shared / "data")
    for corpus, most in FLOORS["publication_dates_wrong_max"].items():
        assert scores[corpus]["documents"] > 0
        assert scores[corpus].get("wrong", 0) <= most, scores[corpus]


@pytest.mark.model
def test_entity_scores_hold(shared: Path) -> None:
    seeds = coref.score_seed_entities(shared)
    floors = FLOORS["entities_seeds"]
    assert seeds["b_cubed"]["f1"] >= floors["b_cubed_f1"]
    assert seeds["alias_coverage"] >= floors["alias_coverage"], seeds["aliases_missed"]
    assert seeds["role_recall"] >= floors["role_recall"], seeds["roles_missed"]
    assert len(seeds["merged_people"]) <= floors["merged_people_max"], seeds["merged_people"]
    meantime = coref.score_meantime_entities(shared / "data" / "meantime")
    assert meantime["named"]["conll_f1"] >= FLOORS["entities_meantime"]["named_conll_f1"]


@pytest.mark.model
def test_quote_scores_hold(shared: Path, nlp: object) -> None:
    seeds = polnear.score_seed_quotes(shared, nlp=nlp)
    floors = FLOORS["quotes_seeds"]
    assert seeds["direct"]["share"] >= floors["direct_share"], seeds["seeds"]
    assert seeds["indirect"]["share"] >= floors["indirect_share"], seeds["seeds"]
    assert len(seeds["wrong_speaker"]) <= floors["wrong_speaker_max"], seeds["wrong_speaker"]
    dev = polnear.score_polnear(shared / "data" / "polnear", nlp=nlp)
    for measure in ("content_overlap", "source_overlap", "cue_overlap"):
        assert dev[measure]["f1"] >= FLOORS["polnear_dev"][f"{measure}_f1"], (measure, dev[measure])


@pytest.mark.model
def test_event_scores_hold(shared: Path, nlp: object, seed_scores: dict[str, Any]) -> None:
    seeds = seed_scores["events"]
    floors = FLOORS["events_seeds"]
    assert seeds["events"]["f1"] >= floors["event_f1"], seeds["events"]
    assert seeds["status"]["share"] >= floors["status_share"], seeds["status"]
    assert seeds["timeline"]["f1"] >= floors["timeline_f1"], seeds["timeline"]
    gsr = plover.score_plover(shared / "data" / "plover" / "PLOVER_GSR_CAMEO.txt", nlp=nlp)
    for measure in ("type", "actor", "target"):
        assert gsr[measure]["share"] >= FLOORS["plover_gsr"][f"{measure}_share"], gsr[measure]


@pytest.mark.model
def test_factuality_scores_hold(shared: Path, nlp: object) -> None:
    """Event status against MEANTIME's factuality (about 15 s: the full corpus, its
    annotated sentences only)."""
    scores = factuality.score_factuality(shared / "data" / "meantime", nlp=nlp)
    floors = FLOORS["factuality_meantime"]
    assert scores["aligned"] >= floors["aligned_min"], scores["aligned"]
    assert scores["ours"]["all_three"]["accuracy"] >= floors["aligned_all_three"], scores["ours"]
    every = scores["gold_triggers"]["ours"]
    assert every["all_three"]["accuracy"] >= floors["gold_triggers_all_three"], every
    for attribute in factuality.ATTRIBUTES:
        assert every[attribute]["accuracy"] >= floors[f"gold_triggers_{attribute}"], every


def test_ecbplus_event_coreference_holds(shared: Path, nlp: object) -> None:
    """The first 10 texts of each ECB+ dev topic (both sub-topics), about 15 s: mention
    detection, merging over the matched mentions, and events joined across sub-topics."""
    scores = ecbplus.score_ecbplus(shared / "data" / "ecbplus", nlp=nlp, split="dev", limit=10)
    floors = FLOORS["ecbplus_dev_first10"]
    assert scores["documents"] == 80
    assert scores["mentions"]["f1"] >= floors["mention_f1"], scores["mentions"]
    aligned = scores["aligned"]
    assert aligned["system"]["conll_f1"] >= floors["aligned_conll_f1"], aligned
    # over every gold and system mention: merging and finding together, so a rule that finds
    # more (harder) mentions and so lowers the aligned score cannot hide a loss
    end_to_end = scores["end_to_end"]
    assert end_to_end["conll_f1"] >= floors["end_to_end_conll_f1"], end_to_end
    assert scores["subtopics"]["joined_events"] <= floors["joined_subtopic_events_max"]


@pytest.mark.model
def test_event_detection_holds_on_held_out_tempeval3(shared: Path, nlp: object) -> None:
    """The learned event-mention detector on the first 16 held-out TempEval-3 texts (every
    4th file of each folder, never trained on; about 10 s): mention P/R/F1."""
    from storyline.models.events import event_model

    samples = train_events.held_out_samples(shared, "tempeval3", nlp=nlp, limit=16)
    assert len(samples) == 16
    scores = train_events.score(samples, event_model())["tempeval3/held-out"]
    floors = FLOORS["events_detect_tempeval3_held_out16"]
    for measure in ("precision", "recall", "f1"):
        assert scores[measure] >= floors[measure], scores
