"""`storyline build` on every kind of input (issue 17): what the user sees.

One module-scoped build reads an address, a feed on disk (its links served by a local HTTP
server on 127.0.0.1), a gzipped WARC, a news-please JSON file, a text file whose header has
keys storyline has no field for and an unreadable date, a CSV table and an address nothing
answers. The texts are invented for these tests.
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli import app

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _page(title: str, lead: str, author: str) -> bytes:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta name='author' content='{author}'>"
        "<meta property='article:published_time' content='2025-03-04T09:00:00Z'></head>"
        f"<body><article><h1>{title}</h1><p>{lead} The council met on Tuesday evening in "
        "Riverton to hear the plan from the city engineer, Maria Lopez.</p>"
        "<p>Residents had asked for months for the works to start before the winter rains, "
        "and the engineers said the first stage would take about six weeks.</p></article>"
        "</body></html>"
    ).encode()


PAGES = {
    "/bridge": _page("Bridge repairs approved", "The river bridge will be repaired.", "Ana Ruiz"),
    "/ferry": _page("Ferry timetable changes", "The ferry will run twice a day.", "Tom Hale"),
}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = PAGES.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"not here")

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _warc(url: str, html: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=BytesIO(html), http_headers=http)
    )
    return out.getvalue()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


class Built:
    def __init__(
        self, code: int, stdout: str, stderr: str, dossier: dict[str, Any], out: Path
    ) -> None:
        self.code, self.stdout, self.stderr, self.dossier = code, stdout, stderr, dossier
        self.out = out


@pytest.fixture(scope="module")
def built(base: str, tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("inputs")
    out = tmp_path_factory.mktemp("out")
    feed = root / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Gazette</title>'
        f"<item><title>Ferry timetable</title><link>{base}/ferry</link>"
        "<pubDate>Wed, 05 Mar 2025 08:30:00 +0000</pubDate></item>"
        f"<item><title>Gone</title><link>{base}/gone</link></item></channel></rss>",
        encoding="utf-8",
    )
    (root / "crawl.warc.gz").write_bytes(
        _warc(
            "https://school.example.org/roof",
            _page("School roof replaced", "The school roof was replaced.", "Lea Moss"),
        )
    )
    (root / "quay.json").write_text(
        json.dumps(
            {
                "maintext": "The harbour board in Riverton approved the new quay on Monday, "
                "its chair said.",
                "title": "Quay approved",
                "date_publish": "2025-03-03 10:00:00",
                "authors": ["Sam Ortiz"],
                "source_domain": "coast.example.org",
            }
        ),
        encoding="utf-8",
    )
    (root / "mill.txt.gz").write_bytes(
        gzip.compress(
            b"STORY: Mill closes\nAUTHOR: Kim Park\nSECTION: Business\nDATE: UNKNOWN\n---\n"
            b"The old mill in Riverton closed on Friday, March 7, 2025, after ninety years, "
            b"the owners said.\n"
        )
    )
    (root / "table.csv").write_text("title,text\nA,B\n", encoding="utf-8")
    unreachable = f"http://127.0.0.1:{_closed_port()}/story"
    result = CliRunner().invoke(
        app, ["build", f"{base}/bridge", str(root), unreachable, "--out", str(out)]
    )
    written = out / "dossier.json"
    dossier = json.loads(written.read_text(encoding="utf-8")) if written.exists() else {}
    return Built(
        result.exit_code, ANSI.sub("", result.stdout), ANSI.sub("", result.stderr), dossier, out
    )


@pytest.mark.model
def test_build_reads_every_kind(built: Built, base: str) -> None:
    assert built.code == 0, built.stdout + built.stderr
    assert "Traceback" not in built.stdout + built.stderr
    articles = {a["title"]: a for a in built.dossier["articles"]}
    assert sorted(articles) == [
        "Bridge repairs approved",
        "Ferry timetable",
        "Mill closes",
        "Quay approved",
        "School roof replaced",
    ]
    assert articles["Bridge repairs approved"]["url"] == f"{base}/bridge"
    assert articles["Bridge repairs approved"]["authors"] == ["Ana Ruiz"]
    assert articles["Ferry timetable"]["published"]["value"] == "2025-03-05"
    assert articles["Ferry timetable"]["outlet"] == "Valley Gazette"
    assert articles["Quay approved"]["authors"] == ["Sam Ortiz"]
    assert articles["Quay approved"]["format"] == "json"
    mill = articles["Mill closes"]
    assert (mill["authors"], mill["meta"]) == (["Kim Park"], {"section": "Business"})
    # The unreadable DATE is not given: the published stage infers what the text allows.
    assert mill["published"] is None or mill["published"]["source"] == "inferred"
    assert articles["School roof replaced"]["url"] == "https://school.example.org/roof"


@pytest.mark.model
def test_build_lists_skips_and_notes(built: Built, base: str) -> None:
    lines = built.stderr.splitlines()
    skipped = sorted(line for line in lines if line.startswith("skipped: "))
    assert len(skipped) == 3, built.stderr
    assert any(f"{base}/gone: the server answered HTTP 404" in line for line in skipped)
    assert any("table.csv: a CSV table, not an article" in line for line in skipped)
    assert any(": cannot fetch the page (" in line for line in skipped)
    notes = [line for line in lines if line.startswith("note: ")]
    assert any(
        "mill.txt.gz: the date 'UNKNOWN' in the metadata is not a date storyline can read" in line
        for line in notes
    ), built.stderr
    assert "8 input(s): 5 processed" in built.stdout


@pytest.mark.model
def test_store_and_web_app_give_the_authors(built: Built) -> None:
    from storyline.store.reader import StoreReader

    reader = StoreReader(built.out / "storyline.duckdb")
    quay = next(a for a in built.dossier["articles"] if a["title"] == "Quay approved")
    detail = reader.article(quay["id"], start=None, end=None)
    reader.close()
    assert detail.authors == ["Sam Ortiz"]
