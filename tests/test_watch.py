"""`storyline watch` (issue 21): a feed served by a local HTTP server that the tests change
between polls. The watch fetches only what is new, keeps what the feed dropped, and the build
holds every article kept. The article texts are invented for these tests.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline.watch as watch_module
from storyline.cli import app
from storyline.stages.ingest import Fetcher
from storyline.watch import FETCHED, Poll, kept_urls, watch

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

ARTICLES = {
    "crane.html": (
        "Crane falls at Port Alder",
        "2026-11-02",
        "A loading crane fell across two berths at Port Alder on Monday morning, the harbour "
        "authority said. Nobody was hurt, but the north quay was closed while engineers from "
        "Velland Marine examined the steel frame. The authority's director, Ines Corvo, said "
        "ships due this week would be sent to the south quay.",
    ),
    "inquiry.html": (
        "Port Alder opens crane inquiry",
        "2026-11-04",
        "The harbour authority of Port Alder opened an inquiry on Wednesday into the crane that "
        "fell across two berths on Monday. Ines Corvo said the inquiry would report by December "
        "and that Velland Marine had handed over the crane's maintenance records. The north "
        "quay stays closed until the inquiry ends.",
    ),
    "reopen.html": (
        "North quay at Port Alder to reopen",
        "2026-11-09",
        "The north quay at Port Alder will reopen on Friday, the harbour authority said, after "
        "Velland Marine removed the fallen crane. Ines Corvo told reporters that two "
        "replacement cranes had been ordered and that the inquiry into the collapse would "
        "still report in December.",
    ),
}


def _page(title: str, day: str, text: str) -> str:
    """The article's page; its date is the feed's only (so it comes from the sidecar)."""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title></head>"
        f"<body><article><h1>{title}</h1><p>{text}</p>"
        "<p>The authority said more details would be given at a briefing later in the week, "
        "and that the port's other quays were working as usual.</p></article></body></html>"
    )


def _feed(base: str, names: list[str]) -> str:
    items = "".join(
        f"<item><title>{ARTICLES[n][0]}</title><link>{base}/{n}</link>"
        f"<pubDate>{ARTICLES[n][1]}T08:00:00Z</pubDate></item>"
        for n in names
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Alder Gazette</title><link>{base}/</link>{items}</channel></rss>"
    )


class Site:
    """A folder served over HTTP: the feed and pages the test writes, the paths requested."""

    def __init__(self, root: Path, base: str, requests: list[str]) -> None:
        self.root, self.base, self.requests = root, base, requests

    def serve(self, names: list[str], pages: list[str] | None = None) -> None:
        for name in names if pages is None else pages:
            (self.root / name).write_text(_page(*ARTICLES[name]), encoding="utf-8")
        (self.root / "feed.xml").write_text(_feed(self.base, names), encoding="utf-8")

    def pages_requested(self) -> list[str]:
        return [r.lstrip("/") for r in self.requests if r.endswith(".html")]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    root = tmp_path / "site"
    root.mkdir()
    requests: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            super().do_GET()

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield Site(root, f"http://127.0.0.1:{httpd.server_address[1]}", requests)
    httpd.shutdown()
    httpd.server_close()


def _articles(out: Path) -> dict[str, str]:
    """Every built article's path by its URL, across the stories of the build."""
    found: dict[str, str] = {}
    for dossier in sorted(out.glob("stories/*/dossier.json")):
        for article in json.loads(dossier.read_text(encoding="utf-8"))["articles"]:
            found[article["url"]] = article["path"]
    return found


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, ANSI.sub("", result.output)


def test_a_second_poll_fetches_only_the_new_item_and_builds_it(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    feed = f"{site.base}/feed.xml"
    site.serve(["crane.html"])
    code, said = _run("watch", feed, "--out", str(out), "--polls", "1")
    assert code == 0, said
    assert "poll 1: 1 new article(s), 1 kept; report: " in said
    assert site.pages_requested() == ["crane.html"]
    assert list(_articles(out)) == [f"{site.base}/crane.html"]

    # the feed drops the old item and lists a new one
    site.requests.clear()
    site.serve(["inquiry.html"])
    code, said = _run("watch", feed, "--out", str(out), "--polls", "1")
    assert code == 0, said
    (line,) = [x for x in said.splitlines() if x.startswith("poll 1:")]
    assert line.startswith("poll 1: 1 new article(s), 2 kept; "), said
    assert line.endswith(f"; report: {out / 'report.html'}"), said
    assert site.pages_requested() == ["inquiry.html"]  # (a) only the new item is fetched
    kept = sorted(p.name for p in (out / FETCHED).iterdir())
    assert kept == [
        "00001-crane.html",
        "00001-crane.html.meta.json",
        "00002-inquiry.html",
        "00002-inquiry.html.meta.json",
    ]
    built = _articles(out)  # (b) the dropped item's article is kept, (c) the new one is built
    assert sorted(built) == [f"{site.base}/crane.html", f"{site.base}/inquiry.html"]
    assert built[f"{site.base}/inquiry.html"] == str(out / FETCHED / "00002-inquiry.html")
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    titles = {a["title"] for a in dossier["articles"]}
    assert titles == {"Crane falls at Port Alder", "Port Alder opens crane inquiry"}
    # the feed's metadata, kept in the sidecars, is the articles' date and outlet
    published = {a["published"]["value"] for a in dossier["articles"]}
    assert published == {"2026-11-02", "2026-11-04"}
    assert {a["outlet"] for a in dossier["articles"]} == {"Alder Gazette"}
    # the report shows the new article as new (what changed since the last build)
    changes = out / "changes.json"
    (new,) = [a["id"] for a in dossier["articles"] if a["url"].endswith("/inquiry.html")]
    assert json.loads(changes.read_text(encoding="utf-8"))["articles"] == [new]
    assert "; since the last build: 1 new article(s), " in line
    report = (out / "report.html").read_text(encoding="utf-8")
    section = report[report.index('id="changes"') : report.index('id="summary"')]
    assert "1 new article" in section and "Port Alder opens crane inquiry" in section
    assert "Crane falls at Port Alder" not in section


def _fake_build(calls: list[list[str]]) -> watch_module.Rebuild:
    """A build that records the kept pages it was given and writes a one-story report."""

    def rebuild(folder: Path, out: Path) -> str:
        pages = sorted(p.name for p in folder.iterdir() if not p.name.endswith(".meta.json"))
        calls.append(pages)
        (out / "stories.json").write_text("[{}]", encoding="utf-8")
        (out / "report.html").write_text("<html></html>", encoding="utf-8")
        said = f"skipped: {folder / pages[-1]}: no article text found in the HTML\nnote: other\n"
        if len(calls) > 1:  # what a build that knows the last one prints
            said += "2 input(s): ...\nsince the last build: 1 new article(s), 0 new event(s)\n"
        return said

    return rebuild


def test_polls_keep_going_and_rebuild_only_when_something_is_new(
    site: Site, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    site.serve(["crane.html"])
    changes = [["crane.html", "inquiry.html"], ["inquiry.html"]]
    calls: list[list[str]] = []
    polls: list[Poll] = []

    def between(seconds: float) -> None:
        assert seconds <= 60
        site.serve(changes.pop(0))

    done = watch(
        [f"{site.base}/feed.xml", "http://127.0.0.1:9/feed.xml", str(tmp_path / "none.xml")],
        out,
        rebuild=_fake_build(calls),
        every=1,
        polls=3,
        on_poll=polls.append,
        sleep=between,
        fetcher=partial(Fetcher, delay=0, timeout=5),
    )
    assert done == 3
    assert [(p.new, p.kept, p.rebuilt) for p in polls] == [
        (1, 1, True),
        (1, 2, True),
        (0, 2, False),
    ]
    assert calls == [["00001-crane.html"], ["00001-crane.html", "00002-inquiry.html"]]
    assert polls[1].line() == (
        "poll 2: 1 new article(s), 2 kept; since the last build: 1 new article(s), 0 new "
        f"event(s); report: {out}/report.html"
    )
    assert (
        polls[2].line()
        == f"poll 3: 0 new article(s), 2 kept; report: {out}/report.html (unchanged)"
    )
    # an unreachable feed and a missing file are one line each, every poll, and the watch goes on
    for each in polls:
        assert (
            sum("cannot read the feed http://127.0.0.1:9/feed.xml" in x for x in each.problems) == 1
        )
        assert sum("none.xml" in x for x in each.problems) == 1
    # the build's lines about this poll's article are passed on, the others are not
    assert any("00002-inquiry.html: no article text" in x for x in polls[1].problems)
    assert not any("note: other" in x for p in polls for x in p.problems)
    assert site.pages_requested() == ["crane.html", "inquiry.html"]
    assert kept_urls(out / FETCHED) == {f"{site.base}/crane.html", f"{site.base}/inquiry.html"}


def test_an_article_that_cannot_be_fetched_is_tried_again(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    site.serve(["crane.html", "reopen.html"], pages=["crane.html"])  # reopen.html: HTTP 404
    calls: list[list[str]] = []
    polls: list[Poll] = []
    watch(
        [f"{site.base}/feed.xml"],
        out,
        rebuild=_fake_build(calls),
        every=1,
        polls=2,
        on_poll=polls.append,
        sleep=lambda s: site.serve(["crane.html", "reopen.html"]),
        fetcher=partial(Fetcher, delay=0, timeout=5),
    )
    assert polls[0].new == 1
    assert [x for x in polls[0].problems if "reopen" in x] == [
        f"skipped: {site.base}/reopen.html: the server answered HTTP 404 (File not found)"
    ]
    assert (polls[1].new, polls[1].kept) == (1, 2)
    assert site.pages_requested() == ["crane.html", "reopen.html", "reopen.html"]


def test_a_feed_that_cannot_be_fetched_is_one_line(tmp_path: Path) -> None:
    code, said = _run(
        "watch", "http://127.0.0.1:9/feed.xml", "--out", str(tmp_path / "out"), "--polls", "1"
    )
    assert code == 0
    assert "Traceback" not in said
    lines = said.strip().splitlines()
    assert len(lines) == 2, said
    assert lines[0].startswith("watch: cannot read the feed http://127.0.0.1:9/feed.xml: ")
    assert lines[1] == "poll 1: 0 new article(s), 0 kept; no report yet"


def test_ctrl_c_stops_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> Poll:
        raise KeyboardInterrupt

    monkeypatch.setattr(watch_module, "poll", interrupted)
    code, said = _run("watch", str(tmp_path / "feed.xml"), "--out", str(tmp_path / "out"))
    assert code == 0
    assert said.strip() == "watch stopped after 0 poll(s)"


def test_a_sitemap_index_is_followed_one_level(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    site.serve([])
    for name in ("crane.html", "inquiry.html"):
        (site.root / name).write_text(_page(*ARTICLES[name]), encoding="utf-8")
    (site.root / "news.xml").write_text(
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        + "".join(f"<url><loc>{site.base}/{n}</loc></url>" for n in ("crane.html", "inquiry.html"))
        + "</urlset>",
        encoding="utf-8",
    )
    index = tmp_path / "index.xml"  # a file on disk, read again at each poll
    index.write_text(
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{site.base}/news.xml</loc></sitemap></sitemapindex>",
        encoding="utf-8",
    )
    polls: list[Poll] = []
    watch(
        [str(index)],
        out,
        rebuild=_fake_build([]),
        every=1,
        polls=1,
        on_poll=polls.append,
        fetcher=partial(Fetcher, delay=0, timeout=5),
    )
    assert (polls[0].new, polls[0].kept) == (2, 2)
    assert kept_urls(out / FETCHED) == {f"{site.base}/crane.html", f"{site.base}/inquiry.html"}


def test_an_item_whose_page_is_gone_keeps_the_feeds_own_text(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    title, _, text = ARTICLES["reopen.html"]
    (site.root / "feed.xml").write_text(
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
        "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Gazette</title>"
        f"<item><title>{title}</title><link>{site.base}/reopen.html</link>"
        f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    polls: list[Poll] = []
    watch(
        [f"{site.base}/feed.xml"],
        out,
        rebuild=_fake_build([]),
        every=1,
        polls=1,
        on_poll=polls.append,
        fetcher=partial(Fetcher, delay=0, timeout=5),
    )
    assert polls[0].new == 1
    page = (out / FETCHED / "00001-reopen.html").read_text(encoding="utf-8")
    assert text in page
    sidecar = json.loads((out / FETCHED / "00001-reopen.html.meta.json").read_text("utf-8"))
    assert sidecar == {"outlet": "Gazette", "title": title, "url": f"{site.base}/reopen.html"}
