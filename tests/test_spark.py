"""The Spark engine (`storyline build --engine spark`) in local mode: the same dossier.json as
the local engine, byte for byte, and the Parquet tables with the store's columns.

One Spark session (local[2]) serves the module; the engine's `getOrCreate` finds it. Without
pyspark or Java the Spark tests are skipped, unless STORYLINE_REQUIRE_SPARK=1 (as in CI,
where `.ci/run` installs Debian's Java), where that is a failure.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import ConfigError, EngineError
from storyline.spark.job import parse_engine, start_session
from storyline.store.duckdb import RECORD_TABLES, Store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "harbour-strike"
MASTER = "local[2]"


def test_engine_values() -> None:
    assert parse_engine("local") is None
    assert parse_engine("spark") == "local[*]"
    assert parse_engine("spark=spark://host:7077") == "spark://host:7077"
    for bad in ("spark=", "sparks", "ray"):
        with pytest.raises(ConfigError, match="unknown engine"):
            parse_engine(bad)


def test_a_local_build_never_imports_pyspark() -> None:
    code = (
        "import sys; import storyline.cli; from storyline.spark.job import parse_engine; "
        "parse_engine('local'); print(any(m.startswith(('pyspark', 'py4j')) for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_no_java_is_one_clear_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on it
    with pytest.raises(EngineError, match=r"Java runtime|needs pyspark"):
        start_session(MASTER)


def test_no_pyspark_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)  # import fails as if not installed
    with pytest.raises(EngineError, match="needs pyspark"):
        start_session(MASTER)


def test_a_bad_engine_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(DEMO), "--out", str(tmp_path), "--engine", "ray"])
    assert result.exit_code != 0
    assert "unknown engine 'ray'" in str(result.exception)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    missing = [
        what
        for what, present in (
            ("pyspark", importlib.util.find_spec("pyspark") is not None),
            ("Java", bool(os.environ.get("JAVA_HOME") or shutil.which("java"))),
        )
        if not present
    ]
    if missing:
        message = f"the Spark tests need {' and '.join(missing)}"
        if os.environ.get("STORYLINE_REQUIRE_SPARK") == "1":
            pytest.fail(message)
        pytest.skip(message)
    session = start_session(MASTER)
    yield session
    session.stop()


def _build(runner: CliRunner, inputs: list[Path], out: Path, *engine: str) -> None:
    args = ["build", *map(str, inputs), "--out", str(out), *engine]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, (result.output, result.exception)


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every dossier.json and report.html of a build (each story's and the top one)."""
    names = ("dossier.json", "report.html", "stories.json")
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.name in names
    }


def _store_columns(table: str) -> list[tuple[str, str]]:
    with Store(":memory:") as store:
        rows = store.connection.execute(f"DESCRIBE {table}").fetchall()
    return [(name, kind) for name, kind, *_ in rows]


@pytest.mark.model
@pytest.mark.parametrize("story", ["seeds", "demo"])
def test_spark_build_is_the_local_build_byte_for_byte(
    spark: Any, runner: CliRunner, shared: Path, tmp_path: Path, story: str
) -> None:
    inputs = [shared / "seeds"] if story == "seeds" else [DEMO]
    _build(runner, inputs, tmp_path / "local")
    _build(runner, inputs, tmp_path / "spark", "--engine", f"spark={MASTER}")
    local, distributed = _outputs(tmp_path / "local"), _outputs(tmp_path / "spark")
    assert "dossier.json" in local
    assert sorted(distributed) == sorted(local)
    for name, data in local.items():
        assert distributed[name] == data, name
    # the Parquet tables: every store table, its columns and types, the dossier's rows
    tables = tmp_path / "spark" / "parquet"
    assert sorted(p.name for p in tables.iterdir()) == sorted(RECORD_TABLES)
    dossier = json.loads(local["dossier.json"])
    for table in RECORD_TABLES:
        files = sorted((tables / table).glob("*.parquet"))
        assert len(files) == 1, table  # one story
        pattern = str(tables / table / "*.parquet")
        described = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{pattern}')").fetchall()
        assert [(name, kind) for name, kind, *_ in described] == _store_columns(table), table
    counted = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tables}/articles/*.parquet')")
    assert counted.fetchall() == [(len(dossier["articles"]),)]
    events = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tables}/events/*.parquet')")
    assert events.fetchall() == [(len(dossier["events"]),)]
    if story == "demo":
        # the job's annotations and parses are in the store: a local rebuild annotates nothing
        again = runner.invoke(app, ["build", str(DEMO), "--out", str(tmp_path / "spark")])
        assert again.exit_code == 0, (again.output, again.exception)
        assert "(0 annotated, 6 from the store's cache)" in again.output
        assert (tmp_path / "spark" / "dossier.json").read_bytes() == local["dossier.json"]
        # and a Spark rebuild annotates nothing either: the job leaves the cached articles out
        args = ["build", str(DEMO), "--out", str(tmp_path / "spark"), "--engine", f"spark={MASTER}"]
        again = runner.invoke(app, args)
        assert again.exit_code == 0, (again.output, again.exception)
        assert "(0 annotated, 6 from the store's cache)" in again.output
        assert (tmp_path / "spark" / "dossier.json").read_bytes() == local["dossier.json"]


@pytest.mark.model
def test_parquet_input_rows_are_articles(spark: Any, runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    texts = [
        "The ferry link between Osmara and Keld reopened on Monday after a week of repairs, "
        "the port authority said.",
        "Repairs to the Osmara ferry ramp took longer than planned, an engineer told reporters "
        "on Tuesday.",
    ]
    rows = ", ".join(
        f"('{text}', 'Ferry update {i}', DATE '2026-03-0{i + 2}')" for i, text in enumerate(texts)
    )
    target = folder / "feed.parquet"
    duckdb.sql(
        f"COPY (SELECT * FROM (VALUES {rows}) AS t(text, title, date_publish)) "
        f"TO '{target}' (FORMAT parquet)"
    )
    (folder / "broken.parquet").write_bytes(b"PAR1 not a table")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(folder), "--out", str(out), "--engine", f"spark={MASTER}"]
    )
    assert result.exit_code == 0, (result.output, result.exception)
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    paths = {a["path"]: a for a in dossier["articles"]}
    assert sorted(paths) == [f"{target}#1", f"{target}#2"]
    assert paths[f"{target}#1"]["text"].startswith("The ferry link")
    assert paths[f"{target}#2"]["published"]["value"] == "2026-03-03"
    skipped = [i for i in dossier["inputs"] if i["status"] == "skipped"]
    assert [i["path"] for i in skipped] == [str(folder / "broken.parquet")]
    assert "unreadable Parquet" in skipped[0]["reason"]


def test_an_earlier_builds_output_folder_is_one_input_as_in_the_local_engine(
    tmp_path: Path,
) -> None:
    """The job lists a story folder's inputs as ingest reads them: an earlier build's output
    folder inside it first (ingested alone it is one skip, as the local engine lists it), and
    none of that folder's files."""
    from storyline.spark.job import _inputs
    from storyline.stages import ingest

    (tmp_path / "out" / "stories").mkdir(parents=True)
    for name in ("storyline.duckdb", "report.html", "stories/one.html"):
        (tmp_path / "out" / name).write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "a.txt").write_text("Dock workers walked out on Tuesday.\n")
    given, tables = _inputs([str(tmp_path)])
    assert [name for _, name in given] == [str(tmp_path / "out"), str(tmp_path / "a.txt")]
    assert tables == []
    alone = ingest.ingest([str(tmp_path / "out")], max_bytes=1_000_000)
    assert not alone.documents and [s.path for s in alone.skips] == [str(tmp_path / "out")]
    local = ingest.ingest([str(tmp_path)], max_bytes=1_000_000)
    assert [s.path for s in local.skips] == [str(tmp_path / "out")]
