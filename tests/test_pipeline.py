"""The whole build: determinism, caching, schema, provenance, stage order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest

from storyline.config import Config
from storyline.errors import NothingToBuildError, PipelineOrderError
from storyline.pipeline import STAGES, build, check_order
from storyline.store.duckdb import Store
from storyline.store.export import dossier_json, dossier_to_dict

ROOT = Path(__file__).resolve().parents[1]

SCHEMA = json.loads((ROOT / "docs" / "dossier.schema.json").read_text(encoding="utf-8"))


def test_stage_order_is_checked() -> None:
    check_order(STAGES)
    needs_annotations = SimpleNamespace(
        __name__="x.entities", REQUIRES=("annotations",), ASSIGNS=("entities",)
    )
    with pytest.raises(PipelineOrderError, match="needs annotations"):
        check_order([STAGES[0], needs_annotations])  # type: ignore[list-item]


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
    first = build([shared / "seeds"], config=Config(), store=store)
    second = build([shared / "seeds"], config=Config(), store=store)
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
    assert build([folder], config=Config(), store=store).annotated == 3
    shutil.copy(seeds[3], folder)
    again = build([folder], config=Config(), store=store)
    assert (again.annotated, again.cached) == (1, 3)
    assert len(again.dossier.articles) == 4


def test_nothing_to_build_raises(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(NothingToBuildError, match="all 2 input"):
        build([tmp_path / "empty.txt", tmp_path / "missing.txt"], config=Config())
