"""`storyline timeline DIR`: the timeline summary of a build, in the three formats, and its
errors as one line. The dossier is invented for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

TEXT = (
    "The ferry company cancelled every crossing on Tuesday after the storm.\n"
    "Crews began repairing the damaged pier on Thursday, the company said.\n"
    "Passengers waited for hours at the terminal on Tuesday evening."
)


def _build(folder: Path) -> Path:
    timexes = []
    for word, value in (("Tuesday", "2025-05-06"), ("Thursday", "2025-05-08")):
        start = 0
        while (at := TEXT.find(word, start)) >= 0:
            timexes.append({"article": "x", "start": at, "end": at + len(word), "value": value})
            start = at + 1
    dossier = {
        "articles": [{"id": "x", "text": TEXT, "published": {"value": "2025-05-09"}}],
        "timexes": timexes,
        "events": [],
    }
    folder.mkdir()
    (folder / "dossier.json").write_text(json.dumps(dossier), encoding="utf-8")
    return folder


def test_timeline_formats(tmp_path: Path, runner: CliRunner) -> None:
    build = _build(tmp_path / "out")
    result = runner.invoke(app, ["timeline", str(build), "--dates", "2", "--sentences", "1"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [row[0] for row in rows] == ["2025-05-06", "2025-05-08"]
    assert all(len(row[1]) == 1 and row[1][0] in TEXT for row in rows)

    result = runner.invoke(app, ["timeline", str(build), "--format", "json", "--end", "2025-05-07"])
    records = json.loads(result.output)
    assert [r["date"] for r in records] == ["2025-05-06"]
    for sentence in records[0]["sentences"]:
        assert TEXT[sentence["start"] : sentence["end"]] == sentence["text"]

    result = runner.invoke(app, ["timeline", str(build), "--format", "md", "--dates", "1"])
    assert result.output.startswith("## 2025-05-06")


def test_timeline_errors_are_one_line(tmp_path: Path, runner: CliRunner) -> None:
    from storyline.errors import StorylineError

    build = _build(tmp_path / "out")
    for args, message in (
        ([str(tmp_path / "none")], "no dossier.json"),
        ([str(build), "--format", "xml"], "unknown format"),
        ([str(build), "--start", "May 6"], "--start takes a date"),
    ):
        result = runner.invoke(app, ["timeline", *args])
        assert isinstance(result.exception, StorylineError), args
        assert message in str(result.exception)
