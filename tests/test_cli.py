"""Tests for the `storyline` command: help, build accounting, errors, export and eval.

Real builds need the spaCy model (`model` marker); one module-scoped build covers every kind
of bad input. Errors that `main()` turns into one line are checked through a subprocess.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from storyline.cli import app
from storyline.store.duckdb import RECORD_TABLES

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
SUMMARY = re.compile(
    r"(\d+) input\(s\): (\d+) processed\b.*?(\d+) duplicate, (\d+) skipped; (\d+) article\(s\)"
)
MAX_BYTES = 2_000

ARTICLE_A = """Harbour Workers Walk Out Over Pay Freeze

Dock workers at the northern harbour walked out on Tuesday morning after talks with the port \
authority broke down over a proposed pay freeze.

The union said about four hundred members had joined the strike, according to Maria Lopez, its \
regional secretary.
"""
ARTICLE_B = """Ferry Services Cut as Strike Enters Second Day

Ferry services from the island were cut on Wednesday as the strike at the harbour entered its \
second day, the operator said.

Passengers were told to expect delays until Friday, when talks between the union and the port \
authority resume in Portsmouth.
"""
ARTICLE_FR = (
    "Les dockers du port du nord ont cessé le travail mardi matin après l'échec des "
    "négociations avec l'autorité portuaire sur un gel des salaires proposé. Le syndicat a "
    "déclaré que quatre cents membres avaient rejoint la grève et que le chargement des "
    "navires resterait bloqué jusqu'à nouvel ordre.\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def plain(text: str) -> str:
    return ANSI.sub("", text)


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("storyline")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from storyline.cli import main; main()"]


def run_main(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    return subprocess.run(
        [*cli_command(), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )


def assert_one_error_line(proc: subprocess.CompletedProcess[str], *phrases: str) -> str:
    assert proc.returncode == 1
    output = plain(proc.stdout + proc.stderr)
    assert "Traceback" not in output
    errors = [line for line in plain(proc.stderr).splitlines() if line.startswith("error:")]
    assert len(errors) == 1, proc.stderr
    assert "\n" not in errors[0]
    for phrase in phrases:
        assert phrase in errors[0]
    return errors[0]


# --- help ------------------------------------------------------------------------------------

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_commands_are_registered() -> None:
    assert {"build", "export", "eval", "timex"} <= set(COMMANDS)


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=["app", *COMMANDS])
def test_help(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    output = plain(result.output)
    assert "Usage:" in output
    assert "--help" in output
    if command:
        assert command[0] in output
    else:
        for name in COMMANDS:
            assert name in output


def test_no_arguments_shows_help() -> None:
    result = CliRunner().invoke(app, [])
    assert "Usage:" in plain(result.output)


def test_version() -> None:
    from storyline import __version__

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert plain(result.stdout).strip() == __version__


# --- one build with every kind of input -----------------------------------------------------


class Built:
    def __init__(self, result: Result, inputs: Path, out: Path, missing: Path) -> None:
        self.result = result
        self.inputs = inputs
        self.out = out
        self.missing = missing
        self.stdout = plain(result.stdout)
        self.stderr = plain(result.stderr)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("cli")
    inputs = root / "inputs"
    inputs.mkdir()
    (inputs / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (inputs / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (inputs / "copy-of-a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "image.png").write_bytes(PNG)
    (inputs / "huge.txt").write_text("word " * (MAX_BYTES // 5 + 10), encoding="utf-8")
    (inputs / "french.txt").write_text(ARTICLE_FR, encoding="utf-8")
    missing = root / "not-there.txt"
    out = root / "out"
    result = CliRunner().invoke(
        app, ["build", str(inputs), str(missing), "--out", str(out), "--max-bytes", str(MAX_BYTES)]
    )
    return Built(result, inputs, out, missing)


BUILD_MESSAGES = [
    pytest.param("skipped", "not-there.txt", "path not found", id="missing"),
    pytest.param("skipped", "empty.txt", "empty file", id="empty"),
    pytest.param("skipped", "image.png", "binary file (a PNG image), not text", id="binary"),
    pytest.param("skipped", "huge.txt", f"{MAX_BYTES:,}-byte limit", id="oversized"),
    pytest.param("duplicate", "copy-of-a.txt", "same text as", id="duplicate"),
    pytest.param("note", "french.txt", "language is 'fr', not English", id="non-english"),
]


@pytest.mark.model
def test_build_succeeds(built: Built) -> None:
    assert built.result.exit_code == 0, built.result.output
    assert "Traceback" not in built.stdout + built.stderr
    for name in ("dossier.json", "report.html", "storyline.duckdb"):
        assert (built.out / name).is_file(), name
        assert (built.out / name).stat().st_size > 0


@pytest.mark.model
@pytest.mark.parametrize(("kind", "name", "reason"), BUILD_MESSAGES)
def test_build_lists_each_skip_with_its_reason(
    built: Built, kind: str, name: str, reason: str
) -> None:
    lines = [line for line in built.stderr.splitlines() if line.startswith(f"{kind}: ")]
    matching = [line for line in lines if name in line]
    assert len(matching) == 1, built.stderr
    assert reason in matching[0]
    if kind == "duplicate":
        assert str(built.inputs / "a.txt") in matching[0]


@pytest.mark.model
def test_build_summary_accounts_for_every_input(built: Built) -> None:
    match = SUMMARY.search(built.stdout)
    assert match, built.stdout
    inputs, processed, duplicate, skipped, articles = map(int, match.groups())
    assert (inputs, processed, duplicate, skipped, articles) == (8, 3, 1, 4, 3)
    assert processed + duplicate + skipped == inputs
    assert f"report: {built.out / 'report.html'}" in built.stdout


@pytest.mark.model
def test_build_dossier_holds_the_good_articles(built: Built) -> None:
    dossier = json.loads((built.out / "dossier.json").read_text(encoding="utf-8"))
    articles = {Path(a["path"]).name: a for a in dossier["articles"]}
    assert set(articles) == {"a.txt", "b.txt", "french.txt"}
    assert articles["a.txt"]["title"] == "Harbour Workers Walk Out Over Pay Freeze"
    assert "four hundred members" in articles["a.txt"]["text"]
    assert "Ferry services from the island" in articles["b.txt"]["text"]
    assert [a["language"] for a in (articles["a.txt"], articles["b.txt"])] == ["en", "en"]
    assert articles["french.txt"]["language"] == "fr"
    assert articles["french.txt"]["analysed"] is False
    statuses = {Path(r["path"]).name: r["status"] for r in dossier["inputs"]}
    assert statuses == {
        "a.txt": "processed",
        "b.txt": "processed",
        "french.txt": "processed",
        "copy-of-a.txt": "duplicate",
        "empty.txt": "skipped",
        "image.png": "skipped",
        "huge.txt": "skipped",
        "not-there.txt": "skipped",
    }
    assert all(r["reason"] for r in dossier["inputs"] if r["status"] != "processed")


@pytest.mark.model
@pytest.mark.parametrize(
    ("to", "suffix"), [pytest.param("parquet", "parquet"), pytest.param("json", "json")]
)
def test_export_writes_one_file_per_table(
    built: Built, tmp_path: Path, to: str, suffix: str
) -> None:
    dest = tmp_path / f"export-{to}"
    result = CliRunner().invoke(app, ["export", str(built.out), "--to", to, "--dest", str(dest)])
    assert result.exit_code == 0, result.output
    files = sorted(dest.iterdir())
    assert sorted(p.name for p in files) == sorted(f"{t}.{suffix}" for t in RECORD_TABLES)
    assert f"wrote {len(RECORD_TABLES)} file(s) to {dest}" in plain(result.stdout)
    if to == "json":
        rows = [json.loads(x) for x in (dest / "inputs.json").read_text().splitlines() if x]
        assert len(rows) == 8
        articles = (dest / "articles.json").read_text().splitlines()
        assert len([x for x in articles if x.strip()]) == 3
    else:
        assert (dest / "articles.parquet").read_bytes()[:4] == b"PAR1"


@pytest.mark.model
def test_export_default_destination(built: Built) -> None:
    result = CliRunner().invoke(app, ["export", str(built.out), "--to", "json"])
    assert result.exit_code == 0, result.output
    assert {p.stem for p in (built.out / "json").iterdir()} == set(RECORD_TABLES)


@pytest.mark.model
@pytest.mark.parametrize(
    ("files", "code"),
    [
        pytest.param({"a.txt": ARTICLE_A, "empty.txt": ""}, 1, id="something-skipped"),
        pytest.param({"a.txt": ARTICLE_A, "copy.txt": ARTICLE_A}, 0, id="duplicate-only"),
        pytest.param({"a.txt": ARTICLE_A, "b.txt": ARTICLE_B}, 0, id="all-good"),
    ],
)
def test_strict(tmp_path: Path, files: dict[str, str], code: int) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name, text in files.items():
        (inputs / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(inputs), "--out", str(out), "--strict"])
    assert result.exit_code == code, result.output
    assert SUMMARY.search(plain(result.stdout))
    assert (out / "dossier.json").is_file()


# --- errors through main() -------------------------------------------------------------------


@pytest.fixture
def all_bad(tmp_path: Path) -> tuple[Path, list[tuple[str, str]]]:
    inputs = tmp_path / "bad"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "image.png").write_bytes(PNG)
    (inputs / "blank.md").write_text("  \n\n", encoding="utf-8")
    expected = [
        ("empty.txt", "empty file"),
        ("image.png", "binary file"),
        ("blank.md", "empty file"),
        ("not-there.txt", "path not found"),
    ]
    return inputs, expected


def test_build_with_only_bad_inputs_fails_cleanly(
    tmp_path: Path, all_bad: tuple[Path, list[tuple[str, str]]]
) -> None:
    inputs, expected = all_bad
    proc = run_main(
        "build", inputs, tmp_path / "not-there.txt", "--out", tmp_path / "out", cwd=tmp_path
    )
    line = assert_one_error_line(proc, "nothing could be built")
    assert f"all {len(expected)} input(s) were skipped" in line
    assert not (tmp_path / "out" / "dossier.json").exists()


def test_build_with_only_bad_inputs_lists_the_reasons(
    tmp_path: Path, all_bad: tuple[Path, list[tuple[str, str]]]
) -> None:
    inputs, expected = all_bad
    proc = run_main(
        "build", inputs, tmp_path / "not-there.txt", "--out", tmp_path / "out", cwd=tmp_path
    )
    assert_one_error_line(proc, "nothing could be built")
    lines = plain(proc.stderr).splitlines()
    for name, reason in expected:
        assert any(
            line.startswith("skipped: ") and name in line and reason in line for line in lines
        ), name
    skipped = [i for i, line in enumerate(lines) if line.startswith("skipped: ")]
    (error,) = [i for i, line in enumerate(lines) if line.startswith("error: ")]
    assert len(skipped) == len(expected)
    assert max(skipped) < error, "the list comes before the error line"


@pytest.mark.parametrize(
    ("args", "phrases"),
    [
        pytest.param(
            ["export", "{tmp}"],
            ["no storyline.duckdb in", "storyline build"],
            id="export-without-store",
        ),
        pytest.param(
            ["export", "{tmp}/nowhere", "--to", "json"],
            ["no storyline.duckdb in"],
            id="export-missing-folder",
        ),
        pytest.param(
            ["eval", "nonsense"],
            [
                "unknown scorer 'nonsense'",
                "plover, factuality, ecbplus, ecbplus-entities, t17, compare or stories",
            ],
            id="eval-unknown-name",
        ),
        pytest.param(
            ["eval", "t17", "--corpus", "nonsense"],
            ["unknown Timeline17 task 'nonsense'"],
            id="eval-t17-unknown-task",
        ),
        pytest.param(
            ["eval", "compare", "--corpus", "nonsense"],
            ["unknown corpus 'nonsense' for 'compare'; choose ecbplus"],
            id="eval-compare-unknown-corpus",
        ),
        pytest.param(
            ["eval", "timeml", "{tmp}/nowhere"],
            ["no such folder"],
            id="eval-timeml-missing-gold",
        ),
        pytest.param(
            ["eval", "ecbplus", "{tmp}"],
            ["not an ECB+ folder"],
            id="eval-ecbplus-not-a-corpus",
        ),
        pytest.param(["timex", "{tmp}/none.txt"], ["no such file"], id="timex-missing-file"),
        pytest.param(
            ["timex", "--dct", "soon", "--no-tags", "{tmp}"],
            ["no such file"],
            id="timex-folder",
        ),
        pytest.param(
            ["build", "{tmp}", "--out", "{tmp}/out", "--max-bytes", "0"],
            ["max_bytes", "positive integer"],
            id="build-bad-max-bytes",
        ),
        pytest.param(
            ["build", "{tmp}", "--out", "{tmp}/out", "--config", "{tmp}/none.toml"],
            ["config file not found"],
            id="build-missing-config",
        ),
    ],
)
def test_one_line_errors(tmp_path: Path, args: list[str], phrases: list[str]) -> None:
    proc = run_main(*(a.format(tmp=tmp_path) for a in args), cwd=tmp_path)
    assert_one_error_line(proc, *phrases)
    assert plain(proc.stdout).strip() == ""


def test_export_unknown_format(tmp_path: Path) -> None:
    from storyline.store.duckdb import Store

    with Store(tmp_path / "storyline.duckdb"):
        pass
    proc = run_main("export", tmp_path, "--to", "csv", cwd=tmp_path)
    assert_one_error_line(proc, "unknown export format 'csv'", "parquet or json")
    assert not (tmp_path / "csv").exists()


@pytest.mark.parametrize("module", ["storyline", "storyline.cli"])
def test_python_dash_m_runs_the_command_line(module: str) -> None:
    """`python -m storyline` and `python -m storyline.cli` are the same command line as
    `storyline`: a run that printed nothing and exited 0 would fail here."""
    done = subprocess.run(
        [sys.executable, "-m", module, "eval", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Run one of storyline's own scorers" in done.stdout
