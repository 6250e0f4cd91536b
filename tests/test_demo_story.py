"""The demo story (examples/harbour-strike) as a user sees it: what its README says the folder
holds, checked on a real build. The story is our own fiction, so its truth is known: a strike
from 3 March 2025, talks on Friday 7 March, a mediator due on 20 March whose visit is put off
on 19 March and who arrives on 24 March, and a deal on 9 April."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline import timevalues
from storyline.cli import app

DEMO = Path(__file__).resolve().parents[1] / "examples" / "harbour-strike"


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo-story")
    result = CliRunner().invoke(app, ["build", str(DEMO), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def dossier(demo_out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((demo_out / "dossier.json").read_text(encoding="utf-8"))
    return loaded


def _published(dossier: dict[str, Any]) -> dict[str, str | None]:
    return {Path(a["path"]).name: (a["published"] or {}).get("value") for a in dossier["articles"]}


@pytest.mark.model
def test_publication_dates_are_given_or_left_open(dossier: dict[str, Any]) -> None:
    dates = _published(dossier)
    assert dates["courier-strike-begins.txt"] == "2025-03-03"
    assert dates["calvenna-ledger-mediator.html"] == "2025-03-25"
    # no metadata and no future date: its "yesterday" clause shares too little with the
    # march it also dates "on Monday, March 17" to anchor on it (such loose anchors were
    # wrong 34 times for 10 right on Timeline17's real stories), so it stays undated rather
    # than take a guessed day
    assert dates["harbour-freight-march.txt"] is None


@pytest.mark.model
def test_the_timeline_tells_the_story(dossier: dict[str, Any]) -> None:
    events = {e["id"]: e for e in dossier["events"]}
    told = {(t["date"], t["status"], events[t["event"]]["predicate"]) for t in dossier["timeline"]}
    assert {
        ("2025-W09", "happened", "vote"),  # the strike vote "last week", from March 3
        ("2025-03-03", "happened", "strike"),
        ("2025-03-07", "happened", "meet"),
        # told only by the undated harbour-freight piece: "March 12" takes the one year the
        # story's stated dates (3 March to 10 April 2025) allow
        ("2025-03-12", "happened", "reject"),
        ("2025-03-19", "negated", "visit"),
        ("2025-03-20", "expected", "meet"),
        ("2025-03-24", "happened", "arrive"),
        ("2025-04-09", "happened", "sign_agreement"),
    } <= told
    starts = []
    for entry in dossier["timeline"]:
        period = timevalues.period(entry["date"])
        assert period is not None, entry["date"]
        starts.append(period[0])
    assert starts == sorted(starts)
    # nothing is placed after the last article was written
    assert max(starts) <= date(2025, 4, 10)


@pytest.mark.model
def test_the_summary_is_cited_and_supported(dossier: dict[str, Any]) -> None:
    # every sentence rests on exact spans that hold its content words
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    assert 1 <= len(dossier["summary"]) <= 10
    for sentence in dossier["summary"]:
        assert sentence["sources"]
        covered: set[str] = set()
        for span in sentence["sources"]:
            assert texts[span["article"]][span["start"] : span["end"]] == span["text"]
            covered |= {w.lower() for w in re.findall(r"[A-Za-z0-9]+", span["text"])}
        assert {w.lower() for w in re.findall(r"[A-Za-z0-9]+", sentence["text"])} <= covered


@pytest.mark.model
def test_the_syndicated_copy_is_named_and_no_second_witness(
    dossier: dict[str, Any], demo_out: Path
) -> None:
    by_path = {Path(a["path"]).name: a for a in dossier["articles"]}
    copy, wire = by_path["valdoria-today-conciliator.txt"], by_path["wire.jsonl:1"]
    assert [(c["article"], c["original"]) for c in dossier["copies"]] == [(copy["id"], wire["id"])]
    for span in dossier["copies"][0]["shared"]:
        assert copy["text"][span["start"] : span["end"]] == span["text"]
    # an event both tell has one independent source between them
    for event in dossier["events"]:
        told = {s["article"] for s in event["sources"]}
        if told == {copy["id"], wire["id"]}:
            assert event["salience"]["witnesses"] == 1, event["summary"]["text"]
    report = (demo_out / "report.html").read_text(encoding="utf-8")
    outlets = {a["outlet"] for a in dossier["articles"] if a["outlet"]}
    # four named outlets and one article with none (its own source), the copy's outlet not
    # counted: Courier, KNS (both wire stories), Ledger and the unnamed weekly
    assert len(outlets) == 4
    assert "4 independent sources (1 syndicated copy not counted)" in " ".join(report.split())
    assert "Copy of" in report


@pytest.mark.model
def test_the_two_counts_of_the_strikers_are_flagged(dossier: dict[str, Any]) -> None:
    """The Courier's 6,500 strikers against the port authority's 4,000: the one
    contradiction of the demo, first among the comparisons, its explanation naming both
    figures and who gives them; the syndicated copy is none of its sources."""
    comparisons = dossier["comparisons"]
    contradictions = [c for c in comparisons if c["verdict"] == "contradict"]
    assert len(contradictions) == 1, [(c["topic"], c["explanation"]) for c in contradictions]
    (strikers,) = contradictions
    assert comparisons[0] == strikers
    assert {"6500", "4000"} <= {claim["value"] for claim in strikers["claims"]}
    assert "6,500" in strikers["explanation"] and "4,000" in strikers["explanation"]
    assert "port authority" in strikers["explanation"]
    by_id = {a["id"]: a for a in dossier["articles"]}
    copy = next(c["article"] for c in dossier["copies"])
    for comparison in comparisons:
        assert comparison["independent"] >= 2
        for claim in comparison["claims"]:
            assert claim["article"] != copy
            text = by_id[claim["article"]]["text"]
            assert text[claim["start"] : claim["end"]] == claim["text"]
