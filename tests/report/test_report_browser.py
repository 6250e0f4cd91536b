"""report.html in headless Chromium (Debian's chromium and chromium-driver, through Selenium).

The pipeline builds the demo corpus, the seeds and a corpus of script payloads once per
session; the browser opens each report.html from its file and the tests check that nothing is
logged to the console, that the sections are exactly those the dossier has data for, that the
evidence link of every timeline entry (its best sentence and each source) highlights exactly
that span of the article's cleaned text, that every other evidence link does too, and that
the payloads stay text. Screenshots go to tests/report/artifacts/.

Without /usr/bin/chromium and chromedriver the tests are skipped, unless
STORYLINE_REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import browser_support
from browser_support import assert_no_dialog, console, open_browser, visit
from browser_support import wait as _wait
from storyline import timevalues
from storyline.cli import app as cli_app
from storyline.stages import glance

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "harbour-strike"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Elements and attributes that only an injected payload could have put in the DOM.
INJECTED = "img, iframe, b, svg:not(.chart), [onerror], [onload], [onmouseover]"
EVIDENCE = re.compile(r"^#article-(\d+):(\d+)-(\d+)$")

# Script payloads in our own words. The boat emoji lies outside the BMP: the highlight must
# count code points, as the dossier does, not JavaScript's UTF-16 units.
EVIL_TITLE = 'Ferry talks </script><script>alert("title")</script><img src=x onerror=alert(1)>'
EVIL_TEXT = f"""TITLE: {EVIL_TITLE}
OUTLET: Harbour Gazette <b onmouseover=alert("outlet")>x</b>
DATE: 2025-05-12
---
\U0001f6a2 Ferry crews in Dunmore walked off the job on Monday, the crew union said. \
<script>alert("body")</script>

"We will keep the boats tied up </script><script>alert("quote")</script> until the company \
listens," said Tomas Berg, the union's harbour organiser. He said talks with the ferry \
company were planned for Friday.

The company said in a statement that <img src=x onerror="alert('img')"> it would meet the \
union on Friday in Dunmore.
"""
EVIL_WIRE = {
    "title": "Mayor <svg onload=alert('svg')> backs </script> ferry crews",
    "outlet": "Wire </script><script>alert('wire')</script>",
    "url": 'https://example.org/ferry?x="><script>alert(1)</script>',
    "published": "2025-05-13",
    "text": (
        "The mayor of Dunmore, Elin Strand, said on Tuesday that the town backed the ferry "
        "crews. \"<iframe src=javascript:alert('frame')></iframe> They have our support,\" "
        "Strand told reporters. The walkout began on May 12 and has stopped every crossing "
        "to the islands, officials said."
    ),
}


# --- building and opening reports -------------------------------------------------------------


def _build(inputs: list[Path], out: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli_app, ["build", *map(str, inputs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    return {"url": (out / "report.html").as_uri(), "dossier": dossier}


@pytest.fixture(scope="session")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _build([DEMO], tmp_path_factory.mktemp("report-demo"))


@pytest.fixture(scope="session")
def seeds_report(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _build([shared / "seeds"], tmp_path_factory.mktemp("report-seeds"))


@pytest.fixture(scope="session")
def evil_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    inputs = tmp_path_factory.mktemp("report-evil-inputs")
    (inputs / "ferry.txt").write_text(EVIL_TEXT, encoding="utf-8")
    (inputs / "wire.jsonl").write_text(json.dumps(EVIL_WIRE) + "\n", encoding="utf-8")
    return _build([inputs], tmp_path_factory.mktemp("report-evil"))


@pytest.fixture(params=["demo", "seeds"])
def report(request: pytest.FixtureRequest) -> dict[str, Any]:
    built: dict[str, Any] = request.getfixturevalue(f"{request.param}_report")
    return {**built, "name": request.param}


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from open_browser(tmp_path_factory.mktemp("chromium-profile"), ARTIFACTS)


def screenshot(browser: Any, name: str, height: int | None = None) -> None:
    """Save the page (its full height up to 8000 px, or `height`) as ARTIFACTS/NAME.png."""
    browser_support.screenshot(browser, ARTIFACTS / f"{name}.png", height)


# --- what the page shows ----------------------------------------------------------------------

# Clicks a link the way a reader does (the page's own click handler runs) and returns what
# ended up highlighted: the marks' text joined, how many marks, the card's whole text and
# whether the first mark is on screen.
SHOW = """
const show = (link) => {
link.click();
const marks = Array.from(document.querySelectorAll("mark.evidence"));
const box = marks.length ? marks[0].closest(".article-text") : null;
const r = marks.length ? marks[0].getBoundingClientRect() : null;
return {
  href: link.getAttribute("href"),
  label: link.textContent,
  classes: link.className,
  shown: marks.map(m => m.textContent).join(""),
  marks: marks.length,
  inOneBox: marks.every(m => m.closest(".article-text") === box),
  box: box ? box.textContent : null,
  card: box ? box.closest("article.card").id : null,
  onScreen: r ? r.bottom > 0 && r.top < window.innerHeight : false,
};
};
return Array.isArray(arguments[0]) ? arguments[0].map(show) : show(arguments[0]);
"""


def _cards(browser: Any, dossier: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Card anchor -> the dossier's article, matched by the card's cleaned text."""
    boxes = browser.execute_script(
        "return Array.from(document.querySelectorAll('article.card')).map("
        "c => [c.id, c.querySelector('.article-text') ? "
        "c.querySelector('.article-text').textContent : '']);"
    )
    by_text = {article["text"]: article for article in dossier["articles"]}
    cards = {anchor: by_text[text] for anchor, text in boxes}
    assert len(cards) == len(dossier["articles"])
    return cards


def _listed(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of the report's timeline table: the timeline's entries, then the events it
    leaves out for having no date, when they name someone."""
    placed = {entry["event"] for entry in dossier["timeline"]}
    undated = [
        {"event": e["id"], "summary": e["summary"]["text"].strip(), "sources": e["sources"]}
        for e in dossier["events"]
        if e["id"] not in placed and e["date"] is None and (e["actors"] or e["targets"])
    ]
    return [*dossier["timeline"], *undated]


def _salience(dossier: dict[str, Any], event: str) -> dict[str, Any]:
    return next(e.get("salience") or {} for e in dossier["events"] if e["id"] == event)


def _story_rows(
    dossier: dict[str, Any],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The timeline table's rows of the story's own period, and the background's."""
    listed = _listed(dossier)
    back = [r for r in listed if _salience(dossier, r["event"]).get("background")]
    return [r for r in listed if r not in back], back


def _expected_sections(dossier: dict[str, Any]) -> set[str]:
    listed = _listed(dossier)
    story, background = _story_rows(dossier)
    begin = glance.story_start(dossier, glance.SalienceSettings.default().background_days)
    kinds = {
        "timeline": story,
        "background": background,
        "key-events": [r for r in listed if _salience(dossier, r["event"]).get("key")],
        "digest": glance.timeline_summary(dossier, 10, 2, start=begin),
        "coverage": [s for entry in story for s in entry["sources"]],
        "articles": dossier["articles"],
        "entities": dossier["entities"],
        "when": dossier["timexes"],
        "quotes": dossier["quotes"],
        "inputs": dossier["inputs"],
        "summary": dossier.get("summary", []),
        "compare": dossier.get("comparisons", []),
    }
    return {"overview"} | {section for section, records in kinds.items() if records}


def _check_highlight(
    got: dict[str, Any], cards: dict[str, dict[str, Any]], span: dict[str, Any] | None = None
) -> None:
    """The highlighted words are the link's span of its article's text (and `span`, if given)."""
    found = EVIDENCE.match(got["href"])
    assert found, got["href"]
    anchor, start, end = f"article-{found[1]}", int(found[2]), int(found[3])
    article = cards[anchor]
    assert got["card"] == anchor and got["inOneBox"], got
    assert got["box"] == article["text"]
    assert got["shown"] == article["text"][start:end], got
    assert got["marks"] >= 1 and got["onScreen"], got
    if span is not None:
        assert article["id"] == span["article"], got
        assert (start, end) == (span["start"], span["end"]), got
        assert got["shown"] == span["text"], got


# --- the demo corpus and the seeds ------------------------------------------------------------


def test_report_renders_every_section_it_has_data_for(browser: Any, report: dict[str, Any]) -> None:
    dossier = report["dossier"]
    console(browser)  # drop anything logged before
    visit(browser, report["url"])
    assert console(browser) == []
    assert_no_dialog(browser)
    sections = set(
        browser.execute_script(
            "return Array.from(document.querySelectorAll('main > section')).map(s => s.id)"
        )
    )
    assert sections == _expected_sections(dossier)
    # every section is in the table of contents, and the contents name no other
    toc = browser.execute_script(
        "return Array.from(document.querySelectorAll('nav.toc a')).map(a => a.hash.slice(1))"
    )
    assert set(toc) == sections
    # none of them is an empty shell: each has a table, a list, a card or a chart
    for section in sections - {"overview"}:
        filled = browser.execute_script(
            "return document.querySelectorAll("
            "'#' + arguments[0] + ' :is(tbody tr, li, dd, article.card, svg)').length",
            section,
        )
        assert filled > 0, section
    story, background = _story_rows(dossier)
    rows = browser.find_elements("css selector", "#timeline tbody tr")
    assert len(rows) == len(story)
    folded = browser.find_elements("css selector", "#background tbody tr")
    assert len(folded) == len(background)
    # the background stays folded until opened; the chart shows the story's own period
    assert not browser.execute_script(
        "var d = document.querySelector('#background details'); return d ? d.open : false"
    )
    bars = browser.find_elements("css selector", "#timeline svg.chart rect")
    shown = {r["event"] for r in story}
    dated = [
        e
        for e in dossier["timeline"]
        if e["date"] and timevalues.period(e["date"]) and e["event"] in shown
    ]
    assert len(bars) == len(dated)
    matrix = browser.find_elements("css selector", "#coverage tbody tr")
    assert len(matrix) == len(story)
    filled_cells = browser.find_elements("css selector", "#coverage tbody td:not(.none)")
    assert len(filled_cells) >= len(story)
    # the key events are the salient events the dossier marks, each linking to its row
    keys = browser.find_elements("css selector", "#key-events li")
    marked = [r for r in _listed(dossier) if _salience(dossier, r["event"]).get("key")]
    assert len(keys) == len(marked)
    screenshot(browser, f"report-{report['name']}")
    assert console(browser) == []


def test_every_timeline_entry_highlights_its_span(browser: Any, report: dict[str, Any]) -> None:
    dossier = report["dossier"]
    events = {event["id"]: event for event in dossier["events"]}
    visit(browser, report["url"])
    cards = _cards(browser, dossier)
    rows = browser.find_elements("css selector", "#timeline tbody tr")
    story, background = _story_rows(dossier)
    assert len(rows) == len(story) > 0
    # open the folded background, so that its rows' links can be clicked too
    browser.execute_script(
        "var d = document.querySelector('#background details'); if (d) { d.open = true; }"
    )
    rows += browser.find_elements("css selector", "#background tbody tr")
    for row, entry in zip(rows, [*story, *background], strict=True):
        summary = events[entry["event"]]["summary"]
        assert summary["text"].strip() == entry["summary"]
        link = row.find_element("css selector", "a.evidence.summary")
        link.click()  # a real click: the link must be visible and clickable
        _wait(browser, lambda: browser.find_elements("css selector", "mark.evidence"))
        got = browser.execute_script(SHOW, link)
        _check_highlight(got, cards, summary)
        sources = row.find_elements("css selector", "a.evidence.source")
        assert len(sources) == len(entry["sources"])
        expected = sorted(entry["sources"], key=lambda s: (s["article"], s["start"]))
        shown = sorted(
            (browser.execute_script(SHOW, source) for source in sources),
            key=lambda got: (cards[got["card"]]["id"], int(EVIDENCE.match(got["href"])[2])),
        )
        for got, span in zip(shown, expected, strict=True):
            _check_highlight(got, cards, span)
    screenshot(browser, f"evidence-{report['name']}", height=900)
    assert console(browser) == []
    assert_no_dialog(browser)


def test_every_evidence_link_highlights_its_words(browser: Any, report: dict[str, Any]) -> None:
    """Quotes, mentions, roles, time expressions, coverage cells, history, date evidence."""
    dossier = report["dossier"]
    visit(browser, report["url"])
    cards = _cards(browser, dossier)
    links = browser.find_elements("css selector", "a.evidence")
    kinds = set()
    for got in browser.execute_script(SHOW, links):
        _check_highlight(got, cards)
        classes = set(got["classes"].split())
        kinds |= classes
        if classes & {"mention", "timex"} and "first" not in classes:
            assert got["shown"] == got["label"], got
        if "quote" in classes and "quiet" in classes:
            assert got["label"].strip("“”") == got["shown"], got
    expected = {"summary", "source", "coverage", "quote", "mention", "timex"}
    assert expected <= kinds
    # a link opened from elsewhere (a bookmark, another page) highlights on load
    quote = dossier["quotes"][0]
    anchor = next(a for a, article in cards.items() if article["id"] == quote["article"])
    visit(browser, f"{report['url']}#{anchor}:{quote['start']}-{quote['end']}")
    marks = browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.evidence')).map(m => m.textContent)"
    )
    assert "".join(marks) == quote["text"]
    assert console(browser) == []
    assert_no_dialog(browser)


# --- script payloads ---------------------------------------------------------------------------


def test_script_payloads_stay_text(browser: Any, evil_report: dict[str, Any]) -> None:
    dossier = evil_report["dossier"]
    console(browser)
    visit(browser, evil_report["url"])
    assert_no_dialog(browser)
    assert console(browser) == []
    assert browser.title.startswith("Storyline dossier")
    assert EVIL_TITLE in browser.find_element("css selector", "#articles").text
    injected = browser.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.outerHTML)",
        INJECTED,
    )
    assert injected == []
    assert len(browser.find_elements("css selector", "script")) == 1
    screenshot(browser, "report-evil")
    # every evidence link, payloads in the highlighted words included, stays text
    cards = _cards(browser, dossier)
    links = browser.find_elements("css selector", "a.evidence")
    assert links
    highlighted = ""
    for got in browser.execute_script(SHOW, links):
        _check_highlight(got, cards)
        highlighted += got["shown"]
    assert_no_dialog(browser)
    assert "</script>" in highlighted  # a payload was highlighted, as text
    assert console(browser) == []
    assert (
        browser.execute_script("return document.querySelectorAll(arguments[0]).length", INJECTED)
        == 0
    )
