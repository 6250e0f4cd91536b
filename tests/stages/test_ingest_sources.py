"""Ingest of every kind of source (issue 17): addresses, feeds, sitemaps, WARC, gzip, JSON,
headers with any key, written dates, JSONL line ends, lone surrogates and guessed encodings.

Pages and feeds are served by a local HTTP server each test starts (127.0.0.1, port 0); no
test reaches the internet. The texts are invented for these tests.
"""

from __future__ import annotations

import gzip
import itertools
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

import pytest

from storyline.model import Document, Skip
from storyline.stages.ingest import Fetcher, Ingested, ingest, read_date, split_header

LIMIT = 100_000


def _page(title: str, lead: str, *, date: str | None = None, author: str | None = None) -> str:
    """An invented news page that trafilatura reads: a title, a lead and two paragraphs."""
    metas = [f'<meta property="og:title" content="{title}">']
    if date:
        metas.append(f'<meta property="article:published_time" content="{date}">')
    if author:
        metas.append(f'<meta name="author" content="{author}">')
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title>{''.join(metas)}</head><body>"
        "<nav><a href='/'>Home</a></nav><article>"
        f"<h1>{title}</h1><p>{lead} The council met on Tuesday evening to hear the plan.</p>"
        "<p>Residents had asked for months for the works to start before the winter rains, "
        "and the engineers said the first stage would take about six weeks.</p>"
        "<p>A spokesperson said the budget had been approved and that contractors were ready "
        "to begin as soon as the permits arrived.</p>"
        "</article><footer>Footer notice</footer></body></html>"
    )


PAGE_A = _page(
    "Bridge repairs approved",
    "The riverside bridge will be repaired this spring.",
    date="2025-03-04T09:00:00Z",
    author="Ana Ruiz",
)
PAGE_B = _page("Ferry timetable changes", "The island ferry will run twice a day from May.")
PAGE_C = _page("School roof replaced", "The old school roof was replaced over the holidays.")


@dataclass
class Server:
    base: str
    routes: dict[str, tuple[int, str, bytes]]
    agents: list[str] = field(default_factory=list)
    # (Host header, path, time) of each request, in the order they came
    requests: list[tuple[str, str, float]] = field(default_factory=list)
    # two requests to /together/... each wait here for the other (fetched at the same time)
    together: threading.Barrier = field(default_factory=lambda: threading.Barrier(2, timeout=5))

    def add(self, path: str, body: str | bytes, content_type: str = "text/html") -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (200, content_type, data)
        return self.base + path


@pytest.fixture
def server() -> Iterator[Server]:
    routes: dict[str, tuple[int, str, bytes]] = {}
    served = Server("", routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.agents.append(self.headers.get("User-Agent", ""))
            served.requests.append((self.headers.get("Host", ""), self.path, time.monotonic()))
            if self.path == "/slow":
                time.sleep(6.0)
            if self.path.startswith("/together/"):
                try:
                    served.together.wait()
                except threading.BrokenBarrierError:
                    self.send_response(503)
                    self.end_headers()
                    return
            status, content_type, body = routes.get(self.path, (404, "text/plain", b"gone"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield served
    httpd.shutdown()
    httpd.server_close()


def _ingest(*paths: str | Path, timeout: float = 5.0) -> Ingested:
    return ingest(paths, max_bytes=LIMIT, fetcher=Fetcher(timeout=timeout, delay=0.0))


def _by_path(result: Ingested) -> dict[str, Document]:
    return {d.path: d for d in result.documents}


def _reasons(result: Ingested) -> dict[str, str]:
    return {s.path: s.reason for s in result.skips}


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# --- addresses -----------------------------------------------------------------------------


def test_url_is_fetched_with_a_user_agent(server: Server) -> None:
    url = server.add("/news/bridge", PAGE_A)
    result = _ingest(url)
    assert result.skips == ()
    (doc,) = result.documents
    assert (doc.path, doc.url, doc.format) == (url, url, "html")
    assert "riverside bridge" in doc.raw
    assert doc.published == "2025-03-04"
    assert doc.authors == ("Ana Ruiz",)
    assert server.agents[0].startswith("storyline/")


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        pytest.param("/missing", "the server answered HTTP 404", id="http-404"),
        pytest.param("/slow", "cannot fetch the page", id="timeout"),
    ],
)
def test_unreachable_url_is_one_skip(server: Server, route: str, reason: str) -> None:
    good = server.add("/ok", PAGE_B)
    # long enough for the good page on a loaded machine, short of the slow page's 6 s
    result = _ingest(server.base + route, good, timeout=2.0)
    assert [s.path for s in result.skips] == [server.base + route]
    assert result.skips[0].reason.startswith(reason)
    assert [d.path for d in result.documents] == [good]


def test_refused_connection_is_a_skip() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/page"
    result = _ingest(url)
    assert result.documents == ()
    (skip,) = result.skips
    assert skip.path == url
    assert skip.reason.startswith("cannot fetch the page (")


def test_same_address_twice_is_read_once(server: Server) -> None:
    url = server.add("/a", PAGE_A)
    result = _ingest(url, url)
    assert len(result.documents) == 1
    assert _reasons(result) == {url: f"the same address as an earlier input ({url})"}


def test_over_large_response_is_skipped(server: Server) -> None:
    url = server.add("/big", "<html><body>" + "<p>word </p>" * 20_000 + "</body></html>")
    result = _ingest(url)
    assert "over the 100,000-byte limit" in _reasons(result)[url]


# --- feeds and sitemaps --------------------------------------------------------------------


def _rss(server: Server, items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        "<dc:creator>Tom Hale</dc:creator><author>desk@example.org (Lea Moss)</author></item>"
        for title, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Valley Gazette</title>'
        f"<link>{server.base}/</link><description>News</description>{entries}</channel></rss>"
    )


def test_rss_feed_on_disk_fetches_its_links(server: Server, tmp_path: Path) -> None:
    a = server.add("/a", PAGE_A)
    b = server.add("/b", PAGE_B)
    gone = server.base + "/gone"
    feed = _write(
        tmp_path,
        "feed.xml",
        _rss(
            server,
            [
                ("Bridge repairs approved", a, "Tue, 04 Mar 2025 10:00:00 +0000"),
                ("Ferry timetable", b, "Wed, 05 Mar 2025 08:30:00 +0100"),
                ("Removed story", gone, "Thu, 06 Mar 2025 08:30:00 +0000"),
            ],
        ),
    )
    result = _ingest(feed)
    docs = _by_path(result)
    assert list(docs) == [a, b]
    assert docs[b].title == "Ferry timetable"
    assert docs[b].published == "2025-03-05"
    assert docs[b].outlet == "Valley Gazette"
    assert docs[b].authors == ("Tom Hale", "Lea Moss")
    assert docs[b].url == b
    assert _reasons(result) == {gone: "the server answered HTTP 404 (Not Found)"}


def test_atom_feed_by_url_and_item_text_when_the_page_is_gone(server: Server) -> None:
    a = server.add("/a", PAGE_A)
    content = "<p>" + "The valley road reopened after the landslide was cleared. " * 12 + "</p>"
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Hill News</title><id>urn:x</id><updated>2025-03-04T10:00:00Z</updated>"
        f'<entry><title>Bridge</title><link href="{a}"/><id>1</id>'
        "<updated>2025-03-04T10:00:00Z</updated><author><name>Ana Ruiz</name></author></entry>"
        f'<entry><title>Road reopens</title><link href="{server.base}/removed"/><id>2</id>'
        "<updated>2025-03-07T10:00:00Z</updated>"
        f'<content type="html"><![CDATA[{content}]]></content></entry></feed>'
    )
    url = server.add("/atom", atom, "application/atom+xml")
    result = _ingest(url)
    assert result.skips == ()
    docs = _by_path(result)
    assert list(docs) == [a, server.base + "/removed"]
    fallback = docs[server.base + "/removed"]
    assert "valley road reopened" in fallback.raw
    assert fallback.published == "2025-03-07"
    assert fallback.notes[0].startswith("the page could not be fetched (the server answered")


def test_sitemap_index_by_url(server: Server) -> None:
    a = server.add("/a", PAGE_A)
    c = server.add("/c", PAGE_C)
    news = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{a}</loc></url><url><loc>{c}</loc><news:news><news:publication>"
        "<news:name>School Times</news:name></news:publication>"
        "<news:publication_date>2025-02-28</news:publication_date>"
        "<news:title>Roof works done</news:title></news:news></url></urlset>"
    )
    server.add("/news.xml", gzip.compress(news.encode()), "application/gzip")
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{server.base}/news.xml</loc></sitemap>"
        f"<sitemap><loc>{server.base}/nowhere.xml</loc></sitemap></sitemapindex>"
    )
    url = server.add("/sitemap.xml", index, "application/xml")
    result = _ingest(url)
    docs = _by_path(result)
    assert list(docs) == [a, c]
    assert (docs[c].title, docs[c].published, docs[c].outlet) == (
        "Roof works done",
        "2025-02-28",
        "School Times",
    )
    assert _reasons(result) == {
        server.base + "/nowhere.xml": "the server answered HTTP 404 (Not Found)"
    }


def test_feed_links_beyond_the_cap_are_one_skip(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.stages.ingest import files

    monkeypatch.setattr(files, "MAX_LINKS", 2)
    links = [server.add(f"/p{i}", _page(f"Story {i}", f"Story number {i} lead.")) for i in range(3)]
    feed = _write(
        tmp_path, "feed.rss", _rss(server, [(f"S{i}", u, "") for i, u in enumerate(links)])
    )
    result = _ingest(feed)
    assert [d.path for d in result.documents] == links[:2]
    assert _reasons(result) == {
        str(feed): "1 more link(s) not fetched: a feed is read up to its first 2 links"
    }


# --- files of other kinds ------------------------------------------------------------------


def _warc(records: list[tuple[str, str, str, bytes]], *, by_record: bool = True) -> bytes:
    """A WARC gzipped record by record (or not at all): a warcinfo record, then (type, url,
    content type, payload) records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=by_record)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
    for kind, url, content_type, payload in records:
        status = "301 Moved Permanently" if url.endswith("/moved") else "200 OK"
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        if kind == "request":
            http = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
            )
        record = writer.create_warc_record(
            url,
            kind,
            payload=BytesIO(payload),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2025-03-06T12:00:00Z"},
        )
        writer.write_record(record)
    return out.getvalue()


def test_warc_gz_reads_html_responses_only(tmp_path: Path) -> None:
    archive = _write(
        tmp_path,
        "crawl.warc.gz",
        _warc(
            [
                ("request", "https://news.example.org/a", "", b""),
                (
                    "response",
                    "https://news.example.org/a",
                    "text/html; charset=utf-8",
                    PAGE_A.encode(),
                ),
                ("response", "https://news.example.org/moved", "text/html", b"<html></html>"),
                ("response", "https://news.example.org/logo.png", "image/png", b"\x89PNG..."),
                (
                    "response",
                    "https://news.example.org/b",
                    "text/html; charset=windows-1252",
                    PAGE_B.replace("twice", "dos veces, Señor,").encode("cp1252"),
                ),
            ]
        ),
    )
    result = _ingest(archive)
    assert result.skips == ()
    docs = _by_path(result)
    a, b = f"{archive}#https://news.example.org/a", f"{archive}#https://news.example.org/b"
    assert list(docs) == [a, b]
    assert (docs[a].url, docs[a].published, docs[a].notes) == (
        "https://news.example.org/a",
        "2025-03-04",
        (),
    )
    assert "Señor" in docs[b].raw
    assert docs[b].published == "2025-03-06"
    assert docs[b].notes == (
        "the page gives no publication date: the crawl date 2025-03-06 (WARC-Date) is used",
    )


def test_warc_gzipped_whole_is_read(tmp_path: Path) -> None:
    plain = _warc(
        [
            ("response", "https://news.example.org/a", "text/html", PAGE_A.encode()),
            ("response", "https://news.example.org/c", "text/html", PAGE_C.encode()),
        ],
        by_record=False,
    )
    for name, data in (("plain.warc", plain), ("whole.warc.gz", gzip.compress(plain))):
        path = _write(tmp_path, name, data)
        result = _ingest(path)
        assert result.skips == ()
        assert [d.url for d in result.documents] == [
            "https://news.example.org/a",
            "https://news.example.org/c",
        ]


def test_warc_without_pages_and_broken_warc_are_skips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = _write(
        tmp_path, "none.warc.gz", _warc([("response", "https://x.org/i", "image/png", b"x")])
    )
    broken = _write(tmp_path, "broken.warc", b"WARC/1.0\r\nthis is not a record\r\n\r\n")
    result = _ingest(empty, broken)
    assert result.documents == ()
    reasons = _reasons(result)
    assert reasons[str(empty)] == (
        "the archive holds no HTML page response (1 non-HTML response(s), 1 warcinfo record(s))"
    )
    assert reasons[str(broken)].startswith("not a readable WARC archive (")
    assert "WARNING" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "check"),
    [
        pytest.param("page.html.gz", PAGE_C, "old school roof", id="html-gz"),
        pytest.param(
            "story.txt.gz", "TITLE: Gz\n---\nThe pier reopened today.\n", "pier", id="txt-gz"
        ),
        pytest.param(
            "lines.jsonl.gz",
            json.dumps({"text": "The mill closed its doors."}) + "\n",
            "mill",
            id="jsonl-gz",
        ),
        pytest.param("noext.gz", PAGE_C, "old school roof", id="gz-sniffed-html"),
    ],
)
def test_gzipped_files(tmp_path: Path, name: str, content: str, check: str) -> None:
    path = _write(tmp_path, name, gzip.compress(content.encode()))
    result = _ingest(path)
    assert result.skips == ()
    (doc,) = result.documents
    assert check in doc.raw


def test_gzip_bomb_and_broken_gzip_are_skips(tmp_path: Path) -> None:
    bomb = _write(tmp_path, "bomb.txt.gz", gzip.compress(b"a" * (LIMIT * 20)))
    broken = _write(tmp_path, "broken.txt.gz", b"\x1f\x8b\x08\x00broken")
    result = _ingest(bomb, broken)
    assert result.documents == ()
    reasons = _reasons(result)
    assert reasons[str(bomb)] == (
        "unpacks to over the 100,000-byte limit (max_bytes); a gzip bomb or a file too large"
    )
    assert reasons[str(broken)].startswith("not a readable gzip file")


NEWS_PLEASE = {
    "authors": ["Ana Ruiz", "Tom Hale"],
    "date_download": "2025-03-05 01:00:00",
    "date_publish": "2025-03-04 18:20:00",
    "description": "A short description.",
    "language": "en",
    "maintext": "The harbour board approved the new quay on Tuesday.\n\nWork starts in June.",
    "source_domain": "coast.example.org",
    "title": "Harbour board approves quay",
    "url": "https://coast.example.org/quay",
    "section": "Local",
}


def test_news_please_json(tmp_path: Path) -> None:
    path = _write(tmp_path, "quay.json", json.dumps(NEWS_PLEASE))
    result = _ingest(path)
    assert result.skips == ()
    (doc,) = result.documents
    assert doc.raw == NEWS_PLEASE["maintext"]
    assert (doc.format, doc.title, doc.outlet, doc.url, doc.published) == (
        "json",
        "Harbour board approves quay",
        "coast.example.org",
        "https://coast.example.org/quay",
        "2025-03-04",
    )
    assert doc.authors == ("Ana Ruiz", "Tom Hale")
    assert doc.meta == (("section", "Local"),)


def test_json_list_and_json_without_article(tmp_path: Path) -> None:
    listed = _write(
        tmp_path,
        "many.json",
        json.dumps({"articles": [NEWS_PLEASE, {"text": "The lighthouse was repainted."}, 3]}),
    )
    other = _write(tmp_path, "package.json", json.dumps({"name": "x", "version": "1"}))
    result = _ingest(listed, other)
    assert [d.path for d in result.documents] == [f"{listed}#1", f"{listed}#2"]
    reasons = _reasons(result)
    assert reasons[f"{listed}#3"] == "a JSON list item must be an article object"
    assert reasons[str(other)].startswith(
        "JSON with no article text (expected a key such as 'text', 'maintext', 'body', 'html')"
    )


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        pytest.param(
            "table.csv",
            "title,text\nA,The quay opened.\n",
            "a CSV table, not an article (put one article per line in a JSONL file with a "
            "'text' field)",
            id="csv",
        ),
        pytest.param(
            "data.xml",
            '<?xml version="1.0"?><catalog><book>A</book></catalog>',
            "XML that is neither an RSS/Atom feed nor a sitemap; not an article",
            id="xml-not-a-feed",
        ),
        pytest.param("settings.yaml", "key: value\n", "a YAML file, not an article", id="yaml"),
        pytest.param(
            "empty-feed.rss",
            '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
            "the feed lists no article",
            id="feed-without-items",
        ),
    ],
)
def test_kinds_storyline_cannot_read_are_skipped(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    path = _write(tmp_path, name, content)
    good = _write(tmp_path, "good.txt", "The quay opened on Monday.\n")
    result = _ingest(path, good)
    assert _reasons(result) == {str(path): reason}
    assert [d.path for d in result.documents] == [str(good)]


def test_feed_saved_as_txt_is_read_as_a_feed_not_as_text(server: Server, tmp_path: Path) -> None:
    a = server.add("/a", PAGE_A)
    feed = _write(tmp_path, "saved.txt", _rss(server, [("Bridge", a, "")]))
    result = _ingest(feed)
    assert [d.path for d in result.documents] == [a]


# --- headers, dates, authors -----------------------------------------------------------------


def test_header_with_any_keys(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "story.txt",
        "STORY: Quay approved\nAUTHOR: Ana Ruiz and Tom Hale\nSECTION: Local\nOUTLET: Coast Post\n"
        "URL: https://coast.example.org/q\nDATE: March 4, 2025\nEDITION: Late\n---\n"
        "The harbour board approved the new quay.\n",
    )
    doc = _ingest(path).documents[0]
    assert doc.raw == "The harbour board approved the new quay.\n"
    assert (doc.title, doc.outlet, doc.url, doc.published) == (
        "Quay approved",
        "Coast Post",
        "https://coast.example.org/q",
        "2025-03-04",
    )
    assert doc.authors == ("Ana Ruiz", "Tom Hale")
    assert doc.meta == (("edition", "Late"), ("section", "Local"))
    assert doc.notes == ()


def test_front_matter_authors_list_and_other_keys(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "story.md",
        "---\nheadline: Quay approved\nauthors:\n  - Ana Ruiz\n  - Tom Hale\ncategory: ports\n"
        "---\nThe board approved the quay.\n",
    )
    doc = _ingest(path).documents[0]
    assert (doc.title, doc.authors, doc.meta) == (
        "Quay approved",
        ("Ana Ruiz", "Tom Hale"),
        (("category", "ports"),),
    )


@pytest.mark.parametrize(
    ("header", "published", "note"),
    [
        pytest.param("DATE: 13/04/2025", "2025-04-13", None, id="day-first-over-12"),
        pytest.param("DATE: 04/13/2025", "2025-04-13", None, id="month-first-over-12"),
        pytest.param(
            "DATE: 03/04/2025",
            "2025-03-04",
            "the date '03/04/2025' in the metadata is ambiguous: read month first as 2025-03-04 "
            "(it is 2025-04-03 if the day comes first)",
            id="ambiguous-slashes",
        ),
        pytest.param(
            "DATE: UNKNOWN",
            None,
            "the date 'UNKNOWN' in the metadata is not a date storyline can read; the "
            "publication date is inferred from the text",
            id="unreadable",
        ),
        pytest.param(
            "DATE: 31/02/2025",
            None,
            "the date '31/02/2025' in the metadata is not a valid date; it is inferred from the "
            "text",
            id="impossible",
        ),
    ],
)
def test_header_dates_and_their_notes(
    tmp_path: Path, header: str, published: str | None, note: str | None
) -> None:
    path = _write(tmp_path, "story.txt", f"TITLE: Quay\n{header}\n---\nThe quay opened.\n")
    doc = _ingest(path).documents[0]
    assert doc.title == "Quay"
    assert doc.published == published
    assert doc.notes == ((note,) if note else ())


@pytest.mark.parametrize(
    ("value", "expected", "noted"),
    [
        ("2025-03-04T10:00:00+01:00", "2025-03-04", False),
        ("2025-03-04T23:30:00-05:00", "2025-03-04", False),
        ("Tue, 04 Mar 2025 10:00:00 +0000", "2025-03-04", False),
        ("4 Mar 2025 10:00:00 GMT", "2025-03-04", False),
        ("March 4, 2025", "2025-03-04", False),
        ("Mar. 4, 2025 10:30 AM EST", "2025-03-04", False),
        ("Tuesday, 4th March 2025", "2025-03-04", False),
        ("4 March 2025", "2025-03-04", False),
        ("4 of March, 2025", "2025-03-04", False),
        ("Sept. 9, 2024", "2024-09-09", False),
        ("2025/3/4", "2025-03-04", False),
        ("04.03.2025", "2025-03-04", True),
        ("04-03-2025", "2025-04-03", True),
        ("25/12/2024", "2024-12-25", False),
        ("March 2025", None, True),
        ("yesterday", None, True),
        ("February 30, 2025", None, True),
        ("", None, True),
        (1741082400, "2025-03-04", False),
        (1741082400000, "2025-03-04", False),
        (20250304, None, True),
        (True, None, True),
    ],
)
def test_read_date(value: object, expected: str | None, noted: bool) -> None:
    found, note = read_date(value)
    assert found == expected
    assert (note is not None) == noted


def test_split_header_keeps_keys_as_written() -> None:
    header, body = split_header("STORY: Strike\nSECTION: Ports\n---\nBody")
    assert (header, body) == ({"STORY": "Strike", "SECTION": "Ports"}, "Body")
    prose = "The mayor said: we will rebuild.\nThen she left.\n---\nMore.\n"
    assert split_header(prose) == ({}, prose)


def test_html_author_comes_through(tmp_path: Path) -> None:
    doc = _ingest(_write(tmp_path, "a.html", PAGE_A)).documents[0]
    assert doc.authors == ("Ana Ruiz",)


# --- decoding and JSONL --------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_windows_1252_and_latin_1_decode_right_with_a_note(tmp_path: Path, encoding: str) -> None:
    text = "El Señor Pérez dijo que sí.\n"
    path = _write(tmp_path, "senor.txt", text.encode(encoding))
    doc = _ingest(path).documents[0]
    assert doc.raw == text
    assert doc.notes == (
        "the input is not UTF-8: decoded as cp1252 (guessed from its bytes); check accented "
        "letters",
    )


def test_jsonl_splits_on_newline_only(tmp_path: Path) -> None:
    body = "First part\u2028second part\u2029third\x85fourth."
    line = json.dumps({"text": body}, ensure_ascii=False)
    path = _write(tmp_path, "odd.jsonl", line + "\r\n" + json.dumps({"text": "Next."}) + "\n")
    result = _ingest(path)
    assert result.skips == ()
    assert [d.raw for d in result.documents] == [body, "Next."]
    assert [d.path for d in result.documents] == [f"{path}:1", f"{path}:2"]


def test_jsonl_lone_surrogate_is_repaired_with_a_note(tmp_path: Path) -> None:
    lines = [
        '{"text": "Broken \\ud800 character here.", "title": "T\\udfff"}',
        '{"text": "A pair \\ud83d\\ude00 is fine."}',
        json.dumps({"maintext": "The news-please key works in JSONL too."}),
    ]
    path = _write(tmp_path, "s.jsonl", "\n".join(lines))
    result = _ingest(path)
    assert result.skips == ()
    first, second, third = result.documents
    assert first.raw == "Broken \ufffd character here."
    assert first.title == "T\ufffd"
    assert first.notes == (
        "2 lone surrogate escape(s) (like \\ud800, not a character) replaced by U+FFFD",
    )
    assert (second.raw, second.notes) == ("A pair \U0001f600 is fine.", ())
    assert third.raw == "The news-please key works in JSONL too."
    for doc in result.documents:
        doc.raw.encode("utf-8")


# --- a folder of everything ----------------------------------------------------------------


def test_folder_mixing_every_kind(server: Server, tmp_path: Path) -> None:
    a = server.add("/a", PAGE_A)
    b = server.add("/b", PAGE_B)
    root = tmp_path / "inbox"
    _write(root, "1-story.txt", "STORY: Quay\nDATE: 4 March 2025\n---\nThe quay opened.\n")
    _write(root, "2-page.html.gz", gzip.compress(PAGE_C.encode()))
    _write(root, "3-feed.xml", _rss(server, [("Bridge", a, "Tue, 04 Mar 2025 10:00:00 +0000")]))
    _write(root, "4-article.json", json.dumps(NEWS_PLEASE))
    _write(root, "5-lines.jsonl", json.dumps({"text": "The mill closed."}) + "\n{bad\n")
    _write(root, "6-crawl.warc.gz", _warc([("response", b, "text/html", PAGE_B.encode())]))
    _write(root, "7-table.csv", "a,b\n1,2\n")
    _write(root, "8-notes.xml", "<?xml version='1.0'?><notes/>")
    result = _ingest(root, f"http://127.0.0.1:{_closed_port()}/x")
    assert [d.path for d in result.documents] == [
        str(root / "1-story.txt"),
        str(root / "2-page.html.gz"),
        a,
        str(root / "4-article.json"),
        f"{root / '5-lines.jsonl'}:1",
        f"{root / '6-crawl.warc.gz'}#{b}",
    ]
    assert [s.path for s in result.skips] == [
        f"{root / '5-lines.jsonl'}:2",
        str(root / "7-table.csv"),
        str(root / "8-notes.xml"),
        result.skips[-1].path,
    ]
    assert result.skips[-1].reason.startswith("cannot fetch the page")
    assert all(isinstance(s, Skip) and s.reason for s in result.skips)


# --- edges ---------------------------------------------------------------------------------


def test_relative_links_of_a_feed_by_url(server: Server) -> None:
    a = server.add("/news/a", PAGE_A)
    feed = _rss(server, [("Bridge", "/news/a", "")]).replace(f"<link>{server.base}/</link>", "")
    url = server.add("/feeds/main.rss", feed, "application/rss+xml")
    result = _ingest(url)
    assert [d.path for d in result.documents] == [a]


def test_sniffing_reads_the_first_element_only(tmp_path: Path) -> None:
    xhtml = _write(tmp_path, "page.xml", PAGE_C)
    mention = _write(tmp_path, "note.txt", "Readers asked how to use an <rss> reader today.\n")
    result = _ingest(xhtml, mention)
    assert result.skips == ()
    assert [d.format for d in result.documents] == ["html", "text"]


def test_json_values_that_python_refuses_are_skips(tmp_path: Path) -> None:
    lines = ['{"text": "Digits.", "n": ' + "9" * 5000 + "}", "[" * 50_000, '{"text": "Fine."}']
    path = _write(tmp_path, "odd.jsonl", "\n".join(lines))
    result = _ingest(path)
    assert [d.raw for d in result.documents] == ["Fine."]
    reasons = _reasons(result)
    assert reasons[f"{path}:1"].startswith("invalid JSON (")
    assert reasons[f"{path}:2"].startswith("invalid JSON (")


def test_surrogate_in_a_sidecar_is_repaired(tmp_path: Path) -> None:
    story = _write(tmp_path, "story.txt", "The quay opened.\n")
    _write(tmp_path, "story.meta.json", '{"title": "Quay \\ud800", "author": "Ana \\udc00Ruiz"}')
    doc = _ingest(story).documents[0]
    assert (doc.title, doc.authors) == ("Quay \ufffd", ("Ana \ufffdRuiz",))
    assert doc.title.encode("utf-8")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Ana Ruiz and Tom Hale", ("Ana Ruiz", "Tom Hale")),
        ("Perry Stone Jr.", ("Perry Stone Jr.",)),
        ("Ana Ruiz; Tom Hale | Lea Moss", ("Ana Ruiz", "Tom Hale", "Lea Moss")),
        (["Ana Ruiz", {"name": "Tom Hale"}, 3, "Ana Ruiz"], ("Ana Ruiz", "Tom Hale")),
        ("Sandy Anderson", ("Sandy Anderson",)),
        ("", ()),
        (None, ()),
    ],
)
def test_read_authors(value: object, expected: tuple[str, ...]) -> None:
    from storyline.stages.ingest.document import read_authors

    assert read_authors(value) == expected


def test_feed_linked_from_a_feed_is_not_followed(server: Server, tmp_path: Path) -> None:
    a = server.add("/a", PAGE_A)
    inner = server.add("/inner.rss", _rss(server, [("A", a, "")]), "application/rss+xml")
    outer = _write(tmp_path, "outer.rss", _rss(server, [("Inner", inner, "")]))
    result = _ingest(outer)
    assert result.documents == ()
    assert _reasons(result) == {
        inner: "a feed or sitemap linked from a feed or sitemap; not followed (give it as an "
        "input to read it)"
    }
    assert [d.path for d in _ingest(inner).documents] == [a]


SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".xml", ".rss", ".warc", ".csv", ""]
PIECES = [
    b"<?xml version='1.0'?><rss><channel><item><link>",
    b"<urlset><url><loc>",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\n",
    b'{"text": "\\ud800',
    b"TITLE: x\nDATE: 99/99/9999\n---\n",
    b"<html><body><p>",
    "Señor \u2028".encode("cp1252", "replace"),
    b"\x1f\x8b\x08\x00",
    b"\xff\xfe\x00",
    b"]]>",
]


@pytest.mark.parametrize("seed", range(40))
def test_random_inputs_never_raise(tmp_path: Path, seed: int) -> None:
    """Fragments of every kind, shuffled and gzipped at random: a document or a skip each."""
    import random

    rng = random.Random(seed)
    data = b"".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6)))
    suffix = SUFFIXES[seed % len(SUFFIXES)]
    if rng.random() < 0.3:
        data, suffix = gzip.compress(data), suffix + ".gz"
    path = _write(tmp_path, f"input{suffix}", data)
    result = _ingest(path, timeout=0.5)
    assert len(result.documents) + len(result.skips) >= 1
    for doc in result.documents:
        doc.raw.encode("utf-8")


def test_address_without_scheme_gets_a_hint(tmp_path: Path) -> None:
    result = _ingest("www.example.org/news/1", str(tmp_path / "missing.txt"))
    assert _reasons(result) == {
        "www.example.org/news/1": "path not found (a web address starts with https://)",
        str(tmp_path / "missing.txt"): "path not found",
    }


def test_feed_served_as_html_is_read_as_a_feed(server: Server) -> None:
    a = server.add("/a", PAGE_A)
    url = server.add("/feed", _rss(server, [("Bridge", a, "")]), "text/html")
    assert [d.path for d in _ingest(url).documents] == [a]


# --- fetching politely: robots.txt, a delay per host, several hosts at once ----------------

ROBOTS = "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n"


def test_an_address_robots_txt_disallows_is_a_listed_skip(server: Server, tmp_path: Path) -> None:
    server.add("/robots.txt", ROBOTS, "text/plain")
    open_page = server.add("/news/bridge", PAGE_A)
    closed = server.add("/private/ferry", PAGE_B)
    linked = server.add("/private/school", PAGE_C)
    feed = _write(
        tmp_path,
        "feed.xml",
        _rss(server, [("School roof replaced", linked, "Tue, 04 Mar 2025 10:00:00 +0000")]),
    )
    result = _ingest(open_page, closed, feed)
    assert [d.path for d in result.documents] == [open_page]
    host = server.base.removeprefix("http://")
    reason = f"robots.txt of {host} disallows this address for storyline; not fetched"
    assert _reasons(result) == {closed: reason, linked: reason}
    paths = [path for _, path, _ in server.requests]
    # robots.txt read once for the host, the disallowed pages never asked for
    assert paths.count("/robots.txt") == 1
    assert "/private/ferry" not in paths and "/private/school" not in paths


def test_robots_txt_the_server_fails_to_give_refuses_the_host(server: Server) -> None:
    server.routes["/robots.txt"] = (503, "text/plain", b"busy")
    page = server.add("/news/bridge", PAGE_A)
    result = _ingest(page)
    assert result.documents == ()
    assert _reasons(result)[page].startswith("robots.txt of ")
    assert "(HTTP 503)" in _reasons(result)[page]


def test_a_missing_robots_txt_allows_every_address(server: Server) -> None:
    page = server.add("/news/bridge", PAGE_A)
    result = _ingest(page)
    assert [d.path for d in result.documents] == [page]
    assert [path for _, path, _ in server.requests] == ["/robots.txt", "/news/bridge"]


def test_requests_to_one_host_wait_the_delay_and_robots_crawl_delay(server: Server) -> None:
    pages = [server.add(f"/news/{i}", PAGE_B) for i in range(3)]
    fetcher = Fetcher(timeout=5.0, delay=0.3)
    result = ingest(pages, max_bytes=LIMIT, fetcher=fetcher)
    assert len(result.documents) == 3
    times = [t for _, _, t in server.requests]  # robots.txt, then the three pages
    assert len(times) == 4
    assert all(b - a >= 0.29 for a, b in itertools.pairwise(times)), times
    # a Crawl-delay in robots.txt (whole seconds, as urllib.robotparser reads it) longer than
    # the delay wins
    server.requests.clear()
    server.add("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", "text/plain")
    slower = Fetcher(timeout=5.0, delay=0.1)
    ingest(pages[:2], max_bytes=LIMIT, fetcher=slower)
    times = [t for _, _, t in server.requests]
    assert times[2] - times[1] >= 0.99, times


def test_several_hosts_are_fetched_at_the_same_time(server: Server) -> None:
    # 127.0.0.1 and localhost are two hosts of one server: their pages under /together/ are
    # answered only when both requests are in flight at once (a barrier in the server)
    port = server.base.rsplit(":", 1)[1]
    first = server.add("/together/a", PAGE_A)
    second = f"http://localhost:{port}/together/a"
    fetcher = Fetcher(timeout=10.0, delay=0.0, workers=2)
    result = ingest([first, second], max_bytes=LIMIT, fetcher=fetcher)
    assert _reasons(result) == {}
    assert [d.path for d in result.documents] == [first, second]


def test_one_worker_fetches_one_host_after_another(server: Server) -> None:
    port = server.base.rsplit(":", 1)[1]
    first = server.add("/together/b", PAGE_A)
    second = f"http://localhost:{port}/together/b"
    fetcher = Fetcher(timeout=10.0, delay=0.0, workers=1)
    server.together = threading.Barrier(2, timeout=0.5)
    result = ingest([first, second], max_bytes=LIMIT, fetcher=fetcher)
    # alone at the barrier, each request is refused: the pool bound holds
    assert set(_reasons(result)) == {first, second}
