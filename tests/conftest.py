"""Shared fixtures: the spaCy pipeline, an in-memory store, the shared folder, a CLI runner."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.config import Config
from storyline.store.duckdb import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"the shared folder is not beside the repository ({SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def nlp() -> Any:
    from storyline.stages.annotate import load_pipeline

    return load_pipeline(Config().model)


@pytest.fixture
def fresh_store() -> Store:
    return Store(":memory:")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
