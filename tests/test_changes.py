"""What changed since the last build (report/changes.py), on an invented story told over a week."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.pipeline import build
from storyline.report.changes import changes_since, read_previous
from storyline.report.html import render_report
from storyline.store.export import dossier_to_dict

HEADER = "TITLE: {title}\nOUTLET: {outlet}\nDATE: {day}\n---\n"
ANNOUNCED = (
    "Foreign Minister Ragna Tell will visit Orland on Friday, her office said on Monday. She is "
    "expected to hold talks on fishing rights with Prime Minister Idun Sael."
)
PLANNED = (
    "Ragna Tell, the foreign minister, is due to visit Orland on Friday for talks with Idun Sael "
    "on fishing rights, officials said."
)
HAPPENED = (
    "Foreign Minister Ragna Tell visited Orland on Friday and held talks with Prime Minister Idun "
    'Sael on fishing rights. "We have found a way forward," Sael told reporters after the meeting.'
)


def _write(folder: Path, name: str, outlet: str, day: str, body: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(HEADER.format(title=body[:30], outlet=outlet, day=day) + body + "\n", "utf-8")
    return path


@pytest.mark.model
def test_a_new_article_that_reports_the_visit_changes_its_status(tmp_path: Path) -> None:
    first = [
        _write(tmp_path, "a", "Orland Herald", "2025-03-03", ANNOUNCED),
        _write(tmp_path, "b", "Nordic Wire", "2025-03-04", PLANNED),
    ]
    before = build(first, config=Config()).dossier
    saved = tmp_path / "dossier.json"
    saved.write_text(json.dumps(dossier_to_dict(before)), encoding="utf-8")
    previous = read_previous(saved)
    assert previous is not None
    after = build(
        [*first, _write(tmp_path, "c", "Coast Radio", "2025-03-07", HAPPENED)], config=Config()
    ).dossier
    changes = changes_since(previous, after)
    assert changes is not None and changes
    (new,) = changes.articles
    assert new.outlet == "Coast Radio"
    visit = [s for s in changes.statuses if s.event.predicate == "visit"]
    assert [(s.before, s.event.status) for s in visit] == [("scheduled", "happened")]
    assert changes.quotes and all(q.article == new.id for q in changes.quotes)
    assert changes.as_dict()["articles"] == [new.id]
    page = render_report(after, changes)
    assert 'id="changes"' in page and "1 new article" in page and "Status changed" in page
    # the same build again: nothing new, and the report says so
    same = changes_since(json.loads(json.dumps(dossier_to_dict(after))), after)
    assert same is not None and not same
    assert "Nothing new." in render_report(after, same)
    # no earlier build, or an unreadable one: no section
    assert changes_since(None, after) is None
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert read_previous(tmp_path / "bad.json") is None
    assert 'id="changes"' not in render_report(after)


@pytest.mark.model
def test_building_again_into_the_folder_reports_what_is_new(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app

    pile, out = tmp_path / "pile", tmp_path / "out"
    pile.mkdir()
    _write(pile, "a", "Orland Herald", "2025-03-03", ANNOUNCED)
    _write(pile, "b", "Nordic Wire", "2025-03-04", PLANNED)
    runner = CliRunner()
    first = runner.invoke(app, ["build", str(pile), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "since the last build" not in first.output
    assert not (out / "changes.json").exists()
    _write(pile, "c", "Coast Radio", "2025-03-07", HAPPENED)
    second = runner.invoke(app, ["build", str(pile), "--out", str(out)])
    assert second.exit_code == 0, second.output
    assert "since the last build: 1 new article(s)" in second.output
    changes = json.loads((out / "changes.json").read_text(encoding="utf-8"))
    assert len(changes["articles"]) == 1
    assert {"before": "scheduled", "after": "happened"}.items() <= changes["statuses"][0].items()
    (story,) = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    assert (out / "stories" / story["id"] / "changes.json").read_text(encoding="utf-8") == (
        out / "changes.json"
    ).read_text(encoding="utf-8")
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Since the last build" in page and "1 new article" in page
