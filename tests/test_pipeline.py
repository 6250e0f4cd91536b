"""The whole build: determinism, caching, schema, provenance, stage order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from storyline.config import Config
from storyline.errors import NothingToBuildError, PipelineOrderError
from storyline.pipeline import STAGES, Stage, build, check_order, run
from storyline.store.duckdb import Store
from storyline.store.export import dossier_json, dossier_to_dict

ROOT = Path(__file__).resolve().parents[1]

SCHEMA = json.loads((ROOT / "docs" / "dossier.schema.json").read_text(encoding="utf-8"))


def test_stage_order_is_checked() -> None:
    check_order(STAGES)
    needs_annotations = Stage("x", ("annotations",), ("entities",), lambda state, ctx: {})
    with pytest.raises(PipelineOrderError, match="'x' needs annotations"):
        check_order([STAGES[0], needs_annotations])
    check_order([needs_annotations], provided=["annotations"])


def test_run_refuses_a_start_that_lacks_what_its_first_stage_needs() -> None:
    with pytest.raises(PipelineOrderError, match="'timex' needs annotations, published"):
        run({"articles": []}, config=Config(), until="timex", stages=[STAGES[4]])
    with pytest.raises(ValueError, match="unknown stage 'nope'"):
        run([], config=Config(), until="nope")


def test_run_stops_after_the_stage_it_is_asked_for(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some words here.\n", encoding="utf-8")
    state, ctx = run({"paths": [tmp_path / "a.txt"]}, config=Config(), until="clean")
    assert [a.path for a in state["articles"]] == [str(tmp_path / "a.txt")]
    assert "annotations" not in state
    assert [r.status for r in state["inputs"]] == ["processed"]
    assert list(ctx.seconds) == ["ingest", "clean"]


def test_run_until_a_stage_runs_only_what_it_needs() -> None:
    stages = [
        Stage("a", (), ("x",), lambda state, ctx: {"x": 1}),
        Stage("b", ("x",), ("y",), lambda state, ctx: {"y": state["x"] + 1}),
        Stage("c", ("x",), ("z",), lambda state, ctx: {"z": -1}),
        Stage("d", ("y",), ("w",), lambda state, ctx: {"w": state["y"] * 10}),
    ]
    state, ctx = run({}, config=Config(), until="d", stages=stages)
    assert (state, list(ctx.seconds)) == ({"x": 1, "y": 2, "w": 20}, ["a", "b", "d"])
    state, ctx = run({"x": 5}, config=Config(), until="d", stages=stages)
    assert (state["w"], list(ctx.seconds)) == (60, ["b", "d"])
    state, ctx = run({}, config=Config(), stages=stages)
    assert list(ctx.seconds) == ["a", "b", "c", "d"]


def test_packaged_schema_is_the_documented_one() -> None:
    packaged = ROOT / "src" / "storyline" / "schema" / "dossier.schema.json"
    assert packaged.read_text(encoding="utf-8") == (
        ROOT / "docs" / "dossier.schema.json"
    ).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds_dossier(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    shared = ROOT.parent / "shared"
    if not (shared / "seeds").is_dir():
        pytest.skip("shared seeds missing")
    store = Store(tmp_path_factory.mktemp("store") / "s.duckdb")
    first = build([shared / "seeds"], config=Config(), cache=store)
    store.write_dossier(first.dossier)
    second = build([shared / "seeds"], config=Config(), cache=store)
    return {"first": first, "second": second, "store": store}


@pytest.mark.model
def test_seeds_validate_against_schema(seeds_dossier: dict) -> None:
    data = dossier_to_dict(seeds_dossier["first"].dossier)
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert len(data["articles"]) == 5
    assert data["entities"], "the seeds name many people and places"


@pytest.mark.model
def test_rebuild_is_byte_identical_and_annotates_nothing(seeds_dossier: dict) -> None:
    first, second = seeds_dossier["first"], seeds_dossier["second"]
    assert dossier_json(first.dossier) == dossier_json(second.dossier)
    assert (first.annotated, second.annotated, second.cached) == (5, 0, 5)
    assert seeds_dossier["store"].count("articles") == 5
    # the sentences the stages parsed are kept too: the rebuild parses none
    assert first.parsed and not second.parsed, second.parsed
    assert second.reused_parses > 0
    assert seeds_dossier["store"].count("parse_cache") == len(first.parsed)


@pytest.mark.model
def test_seeds_summary_is_short_and_cited(seeds_dossier: dict) -> None:
    data = dossier_to_dict(seeds_dossier["first"].dossier)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert 5 <= len(data["summary"]) <= 10
    for sentence in data["summary"]:
        covered: set[str] = set()
        for span in sentence["sources"]:
            assert texts[span["article"]][span["start"] : span["end"]] == span["text"]
            covered |= set(span["text"].lower().split())
        assert set(sentence["text"].lower().split()) <= covered
    # the invitation and the visit are told
    told = " ".join(s["text"] for s in data["summary"]).lower()
    assert "invitation" in told and "visit" in told and "criticism" in told
    # the store keeps the summary's sentences in order
    assert seeds_dossier["store"].count("summary") == len(data["summary"])


@pytest.mark.model
def test_seeds_key_events_are_the_story_not_its_background(seeds_dossier: dict) -> None:
    data = dossier_to_dict(seeds_dossier["first"].dossier)
    key = [e for e in data["events"] if e["salience"]["key"]]
    assert 1 <= len(key) <= 10
    # the visit (told by all five), the invitation, the U.S. criticism
    assert any(e["predicate"] == "visit" and e["salience"]["witnesses"] == 5 for e in key)
    assert any(e["predicate"] in ("invite", "phone_call") for e in key)
    assert any(
        e["type"] == "ACCUSE" and [a["text"] for a in e["actors"]] == ["United States"] for e in key
    )
    # the 2012 partnership and the 2017 APEC visit are background, folded in the report
    background = [e for e in data["events"] if e["salience"]["background"]]
    assert {"2012", "2017"} <= {(e["date"] or {}).get("value") for e in background}
    assert not any(e["salience"]["key"] for e in background)


@pytest.mark.model
def test_every_span_points_at_its_text(seeds_dossier: dict) -> None:
    dossier = seeds_dossier["first"].dossier
    texts = {a.id: a.text for a in dossier.articles}
    spans = [m for e in dossier.entities for m in e.mentions]
    spans += [s for a in dossier.articles if a.published for s in a.published.evidence]
    spans += [s for e in dossier.entities for r in e.roles for s in r.evidence]
    spans += [t for t in dossier.timexes]
    for q in dossier.quotes:
        spans += [q.span, q.full, *q.also_in]
        spans += [q.cue] if q.cue else []
        spans += [q.speaker.mention] if q.speaker else []
        spans += [q.channel.span] if q.channel else []
    assert dossier.quotes and dossier.timexes
    assert spans
    for span in spans:
        assert texts[span.article][span.start : span.end] == span.text, span
    for article in dossier.articles:
        for segment in article.segments:
            piece = article.text[segment.start : segment.start + segment.length]
            assert piece == article.raw[segment.raw_start : segment.raw_start + segment.length]


@pytest.mark.model
def test_adding_one_article_annotates_only_it(tmp_path: Path) -> None:
    shared = ROOT.parent / "shared"
    if not (shared / "seeds").is_dir():
        pytest.skip("shared seeds missing")
    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted((shared / "seeds").glob("*.txt"))
    for seed in seeds[:3]:
        shutil.copy(seed, folder)
    store = Store(tmp_path / "s.duckdb")
    assert build([folder], config=Config(), cache=store).annotated == 3
    shutil.copy(seeds[3], folder)
    again = build([folder], config=Config(), cache=store)
    assert (again.annotated, again.cached) == (1, 3)
    new = {a.id for a in again.dossier.articles if Path(a.path).name == seeds[3].name}
    assert set(again.parsed) <= new and again.reused_parses > 0, again.parsed
    assert len(again.dossier.articles) == 4


def test_nothing_to_build_raises(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(NothingToBuildError, match="all 2 input") as raised:
        build([tmp_path / "empty.txt", tmp_path / "missing.txt"], config=Config())
    assert sorted(r.status for r in raised.value.reports) == ["skipped", "skipped"]
