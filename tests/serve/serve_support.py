"""Stores, payloads and clients for the web app tests (the fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.cli import app as cli_app
from storyline.serve import create_app

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "harbour-strike"
STORE = "storyline.duckdb"

# Every path of the JSON API, as its OpenAPI description must list them.
API_PATHS = (
    "/api/overview",
    "/api/articles",
    "/api/articles/{article_id}",
    "/api/articles/{article_id}/facts",
    "/api/entities",
    "/api/entities/{entity_id}",
    "/api/quotes",
    "/api/quotes/{quote_id}",
    "/api/timexes",
    "/api/events",
    "/api/events/{event_id}",
    "/api/timeline",
    "/api/search",
)

EVIL_TITLE = 'Harbour talks </script><script>alert("title")</script><img src=x onerror=alert(1)>'
EVIL_OUTLET = 'Evil Outlet <b onmouseover=alert("outlet")>x</b>'
EVIL_BODY = '<script>alert("body")</script>'
EVIL_QUOTE = '</script><script>alert("quote")</script>'
EVIL_IMG = "<img src=x onerror=\"alert('img')\">"
EVIL_TEXT = f"""TITLE: {EVIL_TITLE}
OUTLET: {EVIL_OUTLET}
URL: javascript:alert("url")
DATE: 2025-03-05
---
Port workers in Kessmark rejected the latest offer on Tuesday, the union said. {EVIL_BODY}

"We will not accept {EVIL_QUOTE} this offer," said Maria Lopez, the union's regional \
secretary. She said the strike would continue until the port authority returned to the table.

The port authority said in a statement that {EVIL_IMG} talks would resume next week. Officials \
in Kessmark said about four hundred workers had joined the protest on Monday.
"""
EVIL_WIRE = {
    "title": "Mayor <svg onload=alert('svg')> speaks",
    "outlet": "Wire </script><script>alert('wire')</script>",
    "url": 'https://example.org/a?x="><script>alert(1)</script>',
    "published": "2025-03-06",
    "text": (
        "The mayor of Kessmark, Jan Novak, said on Wednesday that the city would support the "
        "dock workers. \"<iframe src=javascript:alert('frame')></iframe> We stand with them,\" "
        "Novak told reporters. The strike began on March 3 and has halted most cargo traffic "
        "at the port, officials said.\n\nNovak added that he would meet union leaders next "
        "week to discuss the dispute and the mediator's visit."
    ),
}
EVIL_EVENT = '<script>alert("event")</script> mediator arrives'


def build(inputs: list[Path], out: Path) -> Path:
    result = CliRunner().invoke(cli_app, ["build", *map(str, inputs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / STORE).is_file()
    return out


def add_events(db: duckdb.DuckDBPyConnection) -> None:
    """Replace the events tables with the new shape and two events with real evidence."""
    articles = db.execute("SELECT id, outlet, text FROM articles ORDER BY id").fetchall()
    sarrow = db.execute("SELECT id FROM entities WHERE name = 'Edvin Sarrow'").fetchone()
    assert sarrow, "the demo build should resolve Edvin Sarrow"

    def span(outlet: str, words: str) -> tuple[str, int, int, str]:
        """The first place `outlet` wrote `words`."""
        for article, named, text in articles:
            if named == outlet and words in text:
                start = text.index(words)
                return article, start, start + len(words), words
        raise AssertionError(f"{outlet} never wrote {words!r}")

    for table in ("events", "timeline", "event_sources", "event_participants"):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute(
        "CREATE TABLE events (id VARCHAR, type VARCHAR, mode VARCHAR, predicate VARCHAR, "
        "actors VARCHAR[], targets VARCHAR[], location VARCHAR, date_value VARCHAR, "
        "date_granularity VARCHAR, status VARCHAR, summary VARCHAR)"
    )
    db.execute(
        "CREATE TABLE event_participants (event VARCHAR, role VARCHAR, entity VARCHAR, "
        "text VARCHAR)"
    )
    db.execute(
        'CREATE TABLE event_sources (event VARCHAR, article VARCHAR, "start" INTEGER, '
        '"end" INTEGER, text VARCHAR, published VARCHAR, status VARCHAR, date_value VARCHAR, '
        "cue VARCHAR)"
    )
    db.execute(
        "CREATE TABLE timeline (position INTEGER, date VARCHAR, granularity VARCHAR, "
        "event VARCHAR, status VARCHAR, summary VARCHAR)"
    )
    db.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                "ev-visit",
                "TRAVEL",
                None,
                "arrive",
                ["Edvin Sarrow"],
                [],
                "Kessmark",
                "2025-03-24",
                "day",
                "happened",
                EVIL_EVENT,
            ),
            (
                "ev-strike",
                "STRIKE",
                None,
                "walk out",
                ["Dock workers"],
                ["Kessmark Port Authority"],
                "Kessmark",
                "2025-03-03",
                "day",
                "happened",
                "Dock workers walk out at Kessmark",
            ),
            ("ev-ballot", "VOTE", "expected", "ballot", [], [], None, None, None, "expected", None),
        ],
    )
    db.executemany(
        "INSERT INTO event_participants VALUES (?, ?, ?, ?)",
        [
            ("ev-visit", "actor", sarrow[0], "Edvin Sarrow"),
            ("ev-visit", "location", None, "Kessmark"),
            ("ev-strike", "actor", None, "Dock workers"),
            ("ev-strike", "target", None, "Kessmark Port Authority"),
        ],
    )
    sources = [
        ("ev-visit", *span("The Calvenna Ledger", "Sarrow"), None, "happened", "2025-03-24", None),
        (
            "ev-visit",
            *span("Kessmark News Service", "Sarrow"),
            None,
            "expected",
            "2025-03-20",
            "is expected",
        ),
        (
            "ev-strike",
            *span("Kessmark Courier", "walked off the job"),
            None,
            "happened",
            "2025-03-03",
            None,
        ),
    ]
    db.executemany("INSERT INTO event_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", sources)
    db.executemany(
        "INSERT INTO timeline VALUES (?, ?, ?, ?, ?, ?)",
        [
            (1, "2025-03-03", "day", "ev-strike", "happened", "Dock workers walk out at Kessmark"),
            (2, "2025-03-24", "day", "ev-visit", "happened", EVIL_EVENT),
        ],
    )


def add_old_events(db: duckdb.DuckDBPyConnection) -> None:
    """Replace the events tables with the first release's shape: no actors, no summary, no
    sources, a timeline without positions."""
    for table in ("events", "timeline", "event_sources", "event_participants"):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute(
        "CREATE TABLE events (id VARCHAR PRIMARY KEY, type VARCHAR, predicate VARCHAR, "
        "location VARCHAR, date_value VARCHAR, date_granularity VARCHAR, status VARCHAR)"
    )
    db.execute(
        "CREATE TABLE timeline (date VARCHAR, event VARCHAR, status VARCHAR, summary VARCHAR)"
    )
    db.execute(
        "INSERT INTO events VALUES ('old-1', 'MEET', 'meet', 'Calvenna', '2025-03', 'month', "
        "'planned')"
    )
    db.execute("INSERT INTO timeline VALUES ('2025-03', 'old-1', 'planned', 'Talks planned')")


def client_for(folder: Path) -> TestClient:
    return TestClient(create_app(folder, allowed_hosts=["testserver"]))


def store_rows(folder: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Rows straight from the store, to check the app against."""
    with duckdb.connect(str(folder / STORE), read_only=True) as db:
        return db.execute(sql, params or []).fetchall()
