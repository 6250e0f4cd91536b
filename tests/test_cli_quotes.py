"""`storyline quotes FILE|-`: one JSON object per quote, one-line errors on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

STORY = (
    "Harbour chief Lena Okafor met the press at the quay.\n\n"
    "“The sea wall will hold this winter,” she told the Coastal Herald in an interview "
    "on Monday.\n\n"
    "The town council said that repairs to the slipway would begin in March.\n"
)


@pytest.mark.model
def test_quotes_prints_one_record_per_quote(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", "--dct", "2025-05-08", str(source)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_text = {r["text"]: r for r in records}
    direct = by_text["The sea wall will hold this winter"]
    assert direct["kind"] == "direct"
    assert direct["speaker"]["text"] == "she"
    assert direct["speaker"]["name"] == "Lena Okafor"
    assert direct["cue"]["text"] == "told"
    assert direct["channel"]["text"] == "told the Coastal Herald in an interview on Monday"
    assert direct["channel"]["date"] == "2025-05-05"
    indirect = next(r for r in records if r["kind"] == "indirect")
    assert indirect["text"] == "repairs to the slipway would begin in March"
    assert indirect["speaker"]["name"] == "The town council"
    assert indirect["channel"] is None
    for record in records:  # offsets are into the input as given
        for part in (record, record["speaker"], record["cue"], record["channel"]):
            if part is not None:
                assert STORY[part["start"] : part["end"]] == part["text"]


@pytest.mark.model
def test_quotes_offsets_survive_dropped_lines() -> None:
    """A boilerplate line dropped by cleaning does not shift the printed offsets."""
    text = "Share this article\n\n" + STORY
    result = CliRunner().invoke(app, ["quotes", "-"], input=text)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]


@pytest.mark.model
def test_quotes_without_dct_keeps_unknown_parts() -> None:
    result = CliRunner().invoke(app, ["quotes", "-"], input=STORY)
    assert result.exit_code == 0, result.output
    channels = [json.loads(line)["channel"] for line in result.stdout.splitlines()]
    dates = [c["date"] for c in channels if c]
    assert dates == ["XXXX-WXX-1"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe\x00broken", "not UTF-8 text"),
        (b"text\x00with a NUL", "not a text file"),
        (b"  \n\n ", "holds no text"),
    ],
)
def test_quotes_rejects_bad_input(tmp_path: Path, data: bytes, message: str) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(data)
    result = CliRunner().invoke(app, ["quotes", str(source)])
    assert result.exit_code != 0
    assert message in str(result.exception)


def test_quotes_rejects_a_missing_file_and_a_bad_dct(tmp_path: Path) -> None:
    missing = CliRunner().invoke(app, ["quotes", str(tmp_path / "absent.txt")])
    assert "no such file" in str(missing.exception)
    source = tmp_path / "story.txt"
    source.write_text(STORY, encoding="utf-8")
    bad_date = CliRunner().invoke(app, ["quotes", "--dct", "soon", str(source)])
    assert "is not a date" in str(bad_date.exception)


def test_quotes_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    source = str(Path(__file__).resolve().parents[1] / "src")
    paths = [source, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    env["PYTHONPATH"] = os.pathsep.join(paths)
    done = subprocess.run(
        [sys.executable, "-c", "from storyline.cli import main; main()", "quotes", "-"],
        input=b"\xff\xfe\xfd",
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    lines = done.stderr.decode("utf-8").strip().splitlines()
    assert lines == ["error: standard input is not UTF-8 text"]
    assert done.stdout == b""


@pytest.mark.model
def test_quotes_refuses_text_that_is_not_english(tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(
        "Le conseil municipal a déclaré mardi que les travaux du port commenceraient en mars, "
        "après des semaines de négociations avec les pêcheurs et les commerçants du quai.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["quotes", str(source)])
    assert result.exit_code != 0
    assert "English only" in str(result.exception)


@pytest.mark.model
def test_eval_polnear_split_and_limit(tmp_path: Path) -> None:
    root = tmp_path / "polnear"
    for split in ("train",):
        (root / split / "text").mkdir(parents=True)
        (root / split / "attributions").mkdir(parents=True)
    text = "The harbour master said the quay would close.\nThe ferry left at noon.\n"
    for name in ("a_doc", "b_doc"):
        (root / "train" / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (root / "train" / "attributions" / f"{name}_x1.ann").write_text(
            "T1\tSource 0 17\tThe harbour master\n"
            "T2\tCue 18 22\tsaid\n"
            "T3\tContent 23 45\tthe quay would close\n"
            "T4\tAttribution 18 22\tsaid\n"
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
            encoding="utf-8",
        )
    result = CliRunner().invoke(
        app, ["eval", "polnear", str(root), "--split", "train", "--limit", "1"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["documents"] == 1
    assert scores["content_overlap"]["matched"] == 1
    missing = CliRunner().invoke(app, ["eval", "polnear", str(root)])
    assert "no PolNeAR dev split" in str(missing.exception)
