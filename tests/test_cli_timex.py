"""`storyline timex` and `storyline eval timeml` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.evaluation.corpora import read_timeml

TEXT = "Talks were held on Monday. The leaders will meet on Friday and again on May 15 and 16.\n"


def test_timex_prints_one_json_object_per_expression(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["timex", "--dct", "2024-05-08", "--no-tags", str(source)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], r["type"], r["value"]) for r in records] == [
        ("Monday", "DATE", "2024-05-06"),
        ("Friday", "DATE", "2024-05-10"),
        ("May 15 and 16", "DATE", "2024-05-15/2024-05-16"),
    ]
    for r in records:
        assert TEXT[r["start"] : r["end"]] == r["text"]


def test_timex_reads_standard_input() -> None:
    result = CliRunner().invoke(app, ["timex", "--no-tags", "-"], input="It ended in 1991.")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["value"] == "1991"


def test_timex_rejects_a_bad_dct(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["timex", "--dct", "next week", "--no-tags", str(source)])
    assert result.exit_code != 0
    assert "is not a date" in str(result.exception)


def test_timex_timeml_round_trips(shared: Path, tmp_path: Path) -> None:
    gold = shared / "data" / "tempeval3" / "TimeBank" / "ABC19980108.1830.0711.tml"
    result = CliRunner().invoke(app, ["timex", "--timeml", "--no-tags", str(gold)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "out.tml"
    written.write_text(result.stdout, encoding="utf-8")
    ours, theirs = read_timeml(written), read_timeml(gold)
    assert ours.text == theirs.text
    assert ours.dct == theirs.dct[:10] or ours.dct == theirs.dct
    assert len(ours.timexes) >= 0.8 * len(theirs.timexes)


def test_timex_timeml_writes_a_range_as_its_two_ends(tmp_path: Path) -> None:
    """TIMEX3 has no range value: "between 2003 and 2006" is two TIMEX3 tags, one a year."""
    text = "Prices doubled between 2003 and 2006, and the fair runs on May 15 and 16."
    source = tmp_path / "in.tml"
    source.write_text(
        '<?xml version="1.0" ?>\n<TimeML><DOCID>d</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
        'value="2024-05-08" functionInDocument="CREATION_TIME">2024-05-08</TIMEX3></DCT>'
        f"<TEXT>{text}</TEXT></TimeML>\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["timex", "--timeml", "--no-tags", str(source)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "out.tml"
    written.write_text(result.stdout, encoding="utf-8")
    assert [(t.text, t.type, t.value) for t in read_timeml(written).timexes] == [
        ("2003", "DATE", "2003"),
        ("2006", "DATE", "2006"),
        ("May 15", "DATE", "2024-05-15"),
        ("16", "DATE", "2024-05-16"),
    ]


@pytest.mark.model
def test_eval_timeml_scores_a_system_folder(shared: Path, tmp_path: Path) -> None:
    """Gold scored against itself through --system gives 1.0 and an empty error file."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    source = shared / "data" / "tempeval3" / "TimeBank" / "ABC19980108.1830.0711.tml"
    (gold_dir / source.name).write_bytes(source.read_bytes())
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(
        app,
        ["eval", "timeml", str(gold_dir), "--system", str(gold_dir), "--errors", str(errors)],
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["relaxed_f1"] == 1.0
    assert scores["value_f1"] == 1.0
    assert errors.read_text(encoding="utf-8") == ""
