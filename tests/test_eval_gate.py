"""The evaluation gate: our own scorers on the seeds and the dev corpora must not drop."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation import (
    compare,
    coref,
    ecbplus,
    ecbplus_entities,
    factuality,
    pasted,
    plover,
    polnear,
    timeml,
    train_events,
)
from storyline.evaluation.evaluate import (
    score_clean_survival,
    score_publication_dates,
    score_seed_timexes,
    score_seeds,
)
from storyline.stages.annotate import tag_texts

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
def test_timeml_scores_hold(shared: Path, nlp: object) -> None:
    """The timex rules on the held-out thirds of TempEval-3 and MEANTIME (every third
    document, `timeml.document_part`), which no rule was read or tuned on."""

    def pos_tags(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        return tag_texts(texts, nlp=nlp)

    tempeval, _ = timeml.score_tempeval_timexes(
        shared / "data" / "tempeval3", part="heldout", pos_tags=pos_tags
    )
    assert tempeval.documents == 85
    scores = tempeval.to_dict()
    for measure, floor in FLOORS["timeml_tempeval3_heldout"].items():
        assert scores[measure] >= floor, (measure, scores[measure])
    meantime, _ = timeml.score_meantime_timexes(
        shared / "data" / "meantime", part="heldout", pos_tags=pos_tags
    )
    assert meantime.documents == 40
    scores = meantime.to_dict()
    for measure, floor in FLOORS["timex_meantime_heldout"].items():
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
def test_timeline17_publication_dates_are_rarely_wrong(shared: Path) -> None:
    """Real stories with every second article's date withheld: the first 30 articles of each
    Timeline17 task (105 withheld dates; before session 20's anchoring bar, 7 wrong on the
    held-out tasks and 9 on the tune tasks)."""
    scores = score_publication_dates(shared / "data", corpus="t17", limit=30)["t17"]
    for part, most in FLOORS["t17_publication_dates_wrong_max"].items():
        assert scores[part]["documents"] > 0
        assert scores[part].get("wrong", 0) <= most, scores[part]
    # the yearless dates of the withheld articles left undated, placed in the one year the
    # story's stated dates allow (session 21): as many right, no more wrong
    pinned = FLOORS["t17_year_pinned"]
    for part in ("tune", "held_out"):
        assert scores[part].get("year_pinned_right", 0) >= pinned[f"{part}_right"], scores[part]
        assert scores[part].get("year_pinned_wrong", 0) <= pinned[f"{part}_wrong_max"]


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
    # each corpus resolved as its own story; gm and stock were never read to tune the rules
    stories = meantime["stories"]
    for part in ("tune", "heldout"):
        floor = FLOORS["entities_meantime"][f"{part}_named_conll_f1"]
        assert stories[part]["named"]["conll_f1"] >= floor, (part, stories[part]["named"])


@pytest.mark.model
def test_ecbplus_entity_coreference_holds(shared: Path, nlp: object) -> None:
    """Named entity mentions across the texts of a topic, on the first 3 texts of each ECB+
    train topic (held out: the rules were read against the dev topics): 75 texts."""
    scores = ecbplus_entities.score_ecbplus_entities(
        shared / "data" / "ecbplus", nlp=nlp, split="train", limit=3
    )
    floors = FLOORS["entities_ecbplus_train_first3"]
    assert scores["documents"] == 75
    assert scores["named"]["conll_f1"] >= floors["named_conll_f1"], scores["named"]
    aligned = scores["aligned"]["system"]
    assert aligned["conll_f1"] >= floors["aligned_conll_f1"], aligned


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
    # the first 50 train texts: held out from the rules' tuning and the attribution check's
    # training (the cue detector saw them)
    held_out = polnear.score_polnear(shared / "data" / "polnear", nlp=nlp, split="train", limit=50)
    floors = FLOORS["polnear_train_first50_held_out"]
    for measure in ("content_overlap", "source_overlap", "cue_overlap"):
        assert held_out[measure]["f1"] >= floors[f"{measure}_f1"], (measure, held_out[measure])


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
def test_cross_source_points_hold(seed_scores: dict[str, Any]) -> None:
    """The seeds' 25 cross-source points (`storyline eval compare`): found with the right
    verdict, and no contradiction where the gold says the sources agree."""
    scores = seed_scores["comparisons"]
    floors = FLOORS["compare_seeds"]
    assert scores["found"] >= floors["found"], scores["by_point"]
    assert scores["right"] >= floors["right"], scores["by_point"]
    assert scores["false_alarms"] <= floors["false_alarms_max"], scores["by_point"]
    assert scores["claims_not_located"] == 0


@pytest.mark.model
def test_few_contradictions_on_held_out_ecbplus_topics(shared: Path) -> None:
    """Six ECB+ topics held out while the verdict rules were written (each half one story):
    the contradictions they flag were read one by one (docs/benchmarks.md); more would be
    false alarms."""
    scores = compare.score_ecbplus(shared / "data", "held_out")
    assert scores["comparisons"] > 1000, scores["comparisons"]
    floor = FLOORS["compare_ecbplus_held_out"]["contradictions_max"]
    assert scores["contradictions"] <= floor, [h["contradictions"] for h in scores["halves"]]


@pytest.mark.model
def test_claim_alignment_holds_on_claimdiff(shared: Path, nlp: object) -> None:
    """Our sentence similarity on ClaimDiff's first 30 topics: related claim pairs score above
    unrelated ones, and the pairs at the build's threshold are mostly related (the base rate
    is 0.80), on the held-out topics as on the tuned ones."""
    scores = compare.score_claimdiff(shared / "data" / "claimdiff", nlp=nlp, limit=30)
    floors = FLOORS["compare_claimdiff_first30"]
    # expectations that clash (stages/compare/forecasts.py) fire on none of these claims
    assert scores["held_out"]["forecast_clashes"] <= floors["forecast_clashes_max"], scores
    assert scores["tune"]["forecast_clashes"] <= floors["forecast_clashes_max"], scores
    assert scores["held_out"]["auc"] >= floors["held_out_auc"], scores
    assert scores["held_out"]["precision"] >= floors["held_out_precision"], scores
    assert scores["tune"]["precision"] >= floors["tune_precision"], scores


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
    """The first 10 texts of each ECB+ dev topic (both sub-topics), about 25 s: mention
    detection, merging over the matched mentions and over every gold mention, and events
    joined across sub-topics."""
    scores = ecbplus.score_ecbplus(shared / "data" / "ecbplus", nlp=nlp, split="dev", limit=10)
    floors = FLOORS["ecbplus_dev_first10"]
    assert scores["documents"] == 80
    assert scores["mentions"]["f1"] >= floors["mention_f1"], scores["mentions"]
    assert scores["mentions"]["recall"] >= floors["mention_recall"], scores["mentions"]
    assert scores["mentions"]["precision"] >= floors["mention_precision"], scores["mentions"]
    aligned = scores["aligned"]
    assert aligned["system"]["conll_f1"] >= floors["aligned_conll_f1"], aligned
    # over every gold and system mention: merging and finding together, so a rule that finds
    # more (harder) mentions and so lowers the aligned score cannot hide a loss
    end_to_end = scores["end_to_end"]
    assert end_to_end["conll_f1"] >= floors["end_to_end_conll_f1"], end_to_end
    assert scores["subtopics"]["joined_events"] <= floors["joined_subtopic_events_max"]
    # merging alone, over every gold mention read as the stage reads its own triggers (dev
    # topics are held out: the pair model is trained on train topics only)
    gold = scores["gold_mentions"]
    assert gold["system"]["conll_f1"] >= floors["gold_mentions_conll_f1"], gold["system"]
    # what a dossier lists of them (session 21: untyped events that happened on a day)
    listed = scores["listed_mentions"]
    assert listed["recall"] >= floors["listed_mention_recall"], listed
    assert listed["precision"] >= floors["listed_mention_precision"], listed
    assert gold["system"]["conll_f1"] > gold["same_lemma"]["conll_f1"], gold


def test_ingest_encodings_hold(shared: Path) -> None:
    """Guessed encodings on the held-out half of the SemEval-2022 sample (issue 17): text in
    a single-byte code page decodes back exactly (a few seconds, no model)."""
    from storyline.evaluation.ingest_inputs import score_encodings

    scores = score_encodings(shared, "heldout")
    for key, floor in FLOORS["ingest_encodings_heldout"].items():
        assert scores[key]["exact"] >= floor, (key, scores[key])


def test_ingest_page_metadata_holds(shared: Path) -> None:
    """Authors and dates of the held-out half of trafilatura's English evaluation pages, read
    by ingest (issue 17; about 75 pages through trafilatura, no model)."""
    from storyline.evaluation.ingest_inputs import score_metadata

    scores = score_metadata(shared, "heldout")
    for key, floor in FLOORS["ingest_metadata_heldout"].items():
        assert scores[key]["exact"] >= floor, (key, scores[key])


def test_pasted_pages_are_cleaned(shared: Path) -> None:
    """The first 12 held-out trafilatura pages, each pasted as four renderings (about 10 s):
    the must-have snippets kept and the must-not ones leaked by the line classifier."""
    folder = shared / "data" / "trafilatura-eval"
    scores = pasted.score_pasted(folder, split="heldout", limit=12)["heldout"]["all"]
    floors = FLOORS["pasted_heldout_first12"]
    assert scores["pages"] == 48
    assert scores["must_have_kept"] >= floors["must_have_kept"], scores
    assert scores["must_not_leaked"] <= floors["must_not_leaked_max"], scores


def test_html_main_text_holds_against_trafilatura(shared: Path) -> None:
    """The first 15 held-out pages as HTML: storyline's main text at least as good as
    `trafilatura.extract` in the same run (trafilatura's own snippet counting)."""
    folder = shared / "data" / "trafilatura-eval"
    scores = pasted.score_html(folder, split="heldout", limit=15)["heldout"]
    floors = FLOORS["html_heldout_first15"]
    ours, theirs = scores["storyline"], scores["trafilatura_extract"]
    assert ours["f1"] >= floors["storyline_f1"], ours
    assert ours["f1"] - theirs["f1"] >= floors["storyline_minus_trafilatura_f1"], (ours, theirs)


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


@pytest.mark.model
def test_t17_timeline_summary_holds_on_a_slice(shared: Path, tmp_path: Path) -> None:
    """The timeline summary (`storyline eval t17`, news-tls protocol, tilse) on the slice of
    H1N1_guardian published by 2009-04-27 (17 articles, built here, about 30 s): AR-1, AR-2
    and Date-F1 against the full gold timeline. The whole run is `make eval`."""
    from storyline.evaluation import t17

    task = shared / "data" / "t17" / "H1N1_guardian"
    t17.build_task(task, tmp_path / "build", until="2009-04-27")
    (record,) = t17.score_task(task, t17.load_build(tmp_path / "build"))
    floors = FLOORS["t17_h1n1_guardian_until_0427"]
    for measure in ("ar1_f", "ar2_f", "date_f1"):
        assert record[measure] >= floors[measure], record


def test_stories_hold_on_held_out_ecbplus_topics(shared: Path) -> None:
    """Story clustering (`storyline eval stories`) on the held-out ECB+ topics 21-35 built as
    one pile (359 texts, about 5 s): B-cubed against the sub-topics and the topics."""
    from storyline.evaluation import stories

    scores = stories.score_ecbplus(shared / "data" / "ecbplus", topics=stories.ECB_HELD_OUT)[
        "held_out"
    ]
    floors = FLOORS["stories_ecbplus_held_out"]
    assert scores["subtopic"]["f1"] >= floors["subtopic_f1"], scores
    assert scores["topic"]["p"] >= floors["topic_precision"], scores
    assert scores["topic"]["f1"] >= floors["topic_f1"], scores


def test_same_kind_events_in_one_month_stay_apart(shared: Path) -> None:
    """The adversarial check on the held-out ECB+ topics 21-35 (`storyline eval stories`,
    `score_ecbplus_same_month`): both events of a topic dated in the same month, so time
    cannot part them; B-cubed against the sub-topics (about 5 s)."""
    from storyline.evaluation import stories

    scores = stories.score_ecbplus_same_month(
        shared / "data" / "ecbplus", topics=stories.ECB_HELD_OUT
    )["held_out"]
    floors = FLOORS["stories_ecbplus_same_month_held_out"]
    assert scores["subtopic"]["f1"] >= floors["subtopic_f1"], scores


def test_stories_hold_on_a_t17_slice(shared: Path) -> None:
    """Story clustering on the first 60 articles of each Timeline17 task as one pile (420
    articles, ingested and cleaned, about 20 s): B-cubed against the 5 gold stories on the
    held-out tasks and on all."""
    from storyline.evaluation import stories

    scores = stories.score_t17(shared / "data" / "t17", per_task=60)
    floors = FLOORS["stories_t17_first60"]
    assert scores["held_out"]["f1"] >= floors["held_out_f1"], scores
    assert scores["all"]["f1"] >= floors["all_f1"], scores


def test_story_similarity_holds_on_held_out_semeval_pairs(shared: Path) -> None:
    """The clustering's article similarity against SemEval 2022 task 8's Overall on the
    held-out English pairs (odd first id): Pearson and Spearman, agreement positive."""
    from storyline.evaluation import stories

    scores = stories.score_semeval(shared / "data" / "semeval2022-task8" / "training_set.csv")
    floors = FLOORS["stories_semeval_held_out"]
    assert scores["held_out"]["pairs"] == 84
    assert scores["held_out"]["pearson"] >= floors["pearson"], scores
    assert scores["held_out"]["spearman"] >= floors["spearman"], scores


def test_seeds_stay_one_story(shared: Path) -> None:
    from storyline.config import Config
    from storyline.pipeline import run
    from storyline.stages.stories import group_stories

    paths = sorted(str(p) for p in (shared / "seeds").glob("*.txt"))
    state, _ = run({"paths": paths}, config=Config(), until="clean")
    (story,) = group_stories(state["articles"])
    assert len(story.articles) == len(paths) == 5
