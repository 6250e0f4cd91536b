"""Stores for the web app tests, each built once per session by the real pipeline.

- `demo_dir`: the demo corpus (examples/harbour-strike).
- `evil_dir`: two hand-made articles whose titles, outlets, URLs and texts carry script tags,
  event-handler attributes and `</script>`.
- `events_dir`: the demo store with events, event_sources and timeline tables in the shape
  the events stage is moving to, filled with events whose sources point at real spans.
- `old_dir`: the demo store with the first release's events and timeline tables.
- `empty_dir`: the demo store with its events tables emptied.
- `bare_dir`: the demo store without any events or timeline table.

Building needs the spaCy model, so every test that uses these stores is marked `model`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from serve_support import (
    DEMO,
    EVIL_TEXT,
    EVIL_WIRE,
    STORE,
    add_events,
    add_old_events,
    build,
    client_for,
)


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build([DEMO], tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="session")
def evil_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("evil-inputs")
    (inputs / "evil.txt").write_text(EVIL_TEXT, encoding="utf-8")
    (inputs / "wire.jsonl").write_text(json.dumps(EVIL_WIRE) + "\n", encoding="utf-8")
    return build([inputs], tmp_path_factory.mktemp("evil"))


@pytest.fixture(scope="session")
def events_dir(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("events")
    shutil.copy(demo_dir / STORE, out / STORE)
    with duckdb.connect(str(out / STORE)) as db:
        add_events(db)
    return out


@pytest.fixture(scope="session")
def old_dir(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("old")
    shutil.copy(demo_dir / STORE, out / STORE)
    with duckdb.connect(str(out / STORE)) as db:
        add_old_events(db)
    return out


@pytest.fixture(scope="session")
def empty_dir(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("empty")
    shutil.copy(demo_dir / STORE, out / STORE)
    with duckdb.connect(str(out / STORE)) as db:
        for (table,) in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_name IN "
            "('events', 'timeline', 'event_sources', 'event_participants')"
        ).fetchall():
            db.execute(f"DELETE FROM {table}")
    return out


@pytest.fixture(scope="session")
def bare_dir(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bare")
    shutil.copy(demo_dir / STORE, out / STORE)
    with duckdb.connect(str(out / STORE)) as db:
        for table in ("events", "timeline", "event_sources", "event_participants"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
    return out


@pytest.fixture(scope="session")
def demo(demo_dir: Path) -> Iterator[TestClient]:
    with client_for(demo_dir) as client:
        yield client


@pytest.fixture(scope="session")
def evil(evil_dir: Path) -> Iterator[TestClient]:
    with client_for(evil_dir) as client:
        yield client


@pytest.fixture(scope="session")
def with_events(events_dir: Path) -> Iterator[TestClient]:
    with client_for(events_dir) as client:
        yield client
