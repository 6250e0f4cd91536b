"""The web app in headless Chromium (Debian's chromium and chromium-driver, through Selenium).

uvicorn serves the app on a free loopback port in a background thread; the browser loads each
page and the test checks that it logged nothing to the console, that the app's own script ran,
that clicking a fact lands on its evidence with exactly that span highlighted, and that the
script payloads of the malicious articles stay text: no dialog opens, nothing is logged and
the DOM holds no element or handler they tried to inject. Screenshots of every page go to
tests/serve/artifacts/.

Without /usr/bin/chromium and chromedriver the tests are skipped, unless
STORYLINE_REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import uvicorn
from serve_support import EVIL_EVENT, EVIL_TITLE, store_rows

import browser_support
from browser_support import assert_no_dialog, console, open_browser, visit
from browser_support import wait as _wait
from storyline.serve import create_app

pytestmark = pytest.mark.model

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Elements and attributes that only an injected payload could have put in the DOM.
INJECTED = (
    "img, svg:not(.coverage-svg), iframe, b, "
    "script:not([src]):not([type='application/json']), "
    "[onerror], [onload], [onmouseover], [onclick]"
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from open_browser(tmp_path_factory.mktemp("chromium-profile"), ARTIFACTS)


def _serve(folder: Path) -> Iterator[str]:
    """Serve the store at `folder` on a free loopback port until the fixture ends."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(folder), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn stopped"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def site(events_dir: Path) -> Iterator[str]:
    yield from _serve(events_dir)


@pytest.fixture(scope="module")
def evil_site(evil_dir: Path) -> Iterator[str]:
    yield from _serve(evil_dir)


def api(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.load(response)


def screenshot(browser: Any, name: str) -> None:
    """Save the whole page (up to 6000 px tall) as ARTIFACTS/NAME.png."""
    browser_support.screenshot(browser, ARTIFACTS / f"{name}.png", tallest=6000)


def slug(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "overview"


def evidence_check(browser: Any, base: str) -> str:
    """The highlighted span on the current page is the article's text between start and end."""
    _wait(browser, lambda: "/articles/" in browser.current_url)
    _wait(browser, lambda: browser.execute_script("return document.readyState") == "complete")
    _wait(browser, lambda: browser.find_elements("css selector", "mark#evidence"))
    parts = urlsplit(browser.current_url)
    query = parse_qs(parts.query)
    start, end = int(query["start"][0]), int(query["end"][0])
    text = api(base, "/api" + parts.path)["text"]
    mark = browser.find_element("css selector", "mark#evidence")
    shown = browser.execute_script("return arguments[0].textContent", mark)
    assert shown == text[start:end]
    # The link's #evidence and app.js bring the span into view.
    visible = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.bottom > 0 && r.top < window.innerHeight;",
        mark,
    )
    assert visible, "the highlighted span is not scrolled into view"
    return str(shown)


# --- the demo store ---------------------------------------------------------------------------


def demo_pages(site: str, events_dir: Path) -> list[str]:
    article = store_rows(events_dir, "SELECT min(id) FROM articles")[0][0]
    entity = store_rows(events_dir, "SELECT id FROM entities WHERE name = 'Edvin Sarrow'")[0][0]
    return [
        "/",
        "/articles",
        f"/articles/{article}?start=0&end=40",
        "/entities",
        f"/entities/{entity}",
        "/quotes",
        "/timexes",
        "/events",
        "/events/ev-visit",
        "/timeline",
        "/search?q=mediator",
        "/quotes?outlet=Valdoria+Today&date_from=2025-03",
    ]


def test_pages_render_without_console_errors(browser: Any, site: str, events_dir: Path) -> None:
    console(browser)  # drop anything logged before
    for path in demo_pages(site, events_dir):
        visit(browser, site + path)
        assert browser.find_element("css selector", "main h1").text, path
        logged = console(browser)
        assert logged == [], f"{path}: {logged}"
        assert_no_dialog(browser)
        screenshot(browser, slug(path))


def test_overview_draws_the_coverage_chart(browser: Any, site: str) -> None:
    visit(browser, site + "/")
    dated = [a for a in api(site, "/api/articles?limit=200")["items"] if a["published"]]
    dots = browser.find_elements("css selector", "#coverage-chart svg circle")
    assert len(dots) == len(dated) > 0
    assert console(browser) == []


def test_click_a_quote_to_its_evidence(browser: Any, site: str) -> None:
    visit(browser, site + "/quotes")
    link = browser.find_element("css selector", "a.evidence.quote")
    words = link.text
    link.click()
    shown = evidence_check(browser, site)
    assert " ".join(shown.split()) == " ".join(words.split())
    screenshot(browser, "evidence-quote")
    assert console(browser) == []


def test_click_an_entity_mention_to_its_evidence(browser: Any, site: str) -> None:
    visit(browser, site + "/entities")
    browser.find_element("css selector", "table tbody a").click()
    _wait(browser, lambda: "/entities/" in browser.current_url)
    link = browser.find_element("css selector", "a.evidence.mention")
    words = link.text
    link.click()
    assert evidence_check(browser, site) == words
    screenshot(browser, "evidence-mention")
    assert console(browser) == []


def test_click_an_event_source_to_its_evidence(browser: Any, site: str) -> None:
    visit(browser, site + "/events/ev-visit")
    assert EVIL_EVENT in browser.find_element("css selector", "main h1").text
    browser.find_element("css selector", "ul.sources a.evidence").click()
    assert evidence_check(browser, site) == "Sarrow"
    assert_no_dialog(browser)
    assert console(browser) == []


def test_filter_form_narrows_the_list(browser: Any, site: str) -> None:
    from selenium.webdriver.support.select import Select

    visit(browser, site + "/articles")
    Select(browser.find_element("name", "outlet")).select_by_visible_text("Kessmark News Service")
    browser.find_element("css selector", "form.filters button[type=submit]").click()
    _wait(browser, lambda: "outlet=Kessmark+News+Service" in browser.current_url)
    rows = browser.find_elements("css selector", "table tbody tr")
    assert len(rows) == 2
    assert all("Kessmark News Service" in row.text for row in rows)
    assert console(browser) == []


# --- the malicious store ----------------------------------------------------------------------


def test_script_payloads_stay_text(browser: Any, evil_site: str, evil_dir: Path) -> None:
    texts = dict(store_rows(evil_dir, "SELECT id, text FROM articles"))
    paths = ["/", "/articles", "/quotes", "/entities", "/timexes", "/search?q=script"]
    for article, text in sorted(texts.items()):
        start = text.index("<")
        paths.append(f"/articles/{article}?start={start}&end={text.index('>', start) + 1}")
    console(browser)
    for path in paths:
        visit(browser, evil_site + path)
        assert_no_dialog(browser)
        logged = console(browser)
        assert logged == [], f"{path}: {logged}"
        injected = browser.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.outerHTML)",
            INJECTED,
        )
        assert injected == [], f"{path}: {injected}"
        screenshot(browser, "evil-" + slug(path))
    visit(browser, evil_site + "/articles")
    assert EVIL_TITLE in browser.find_element("css selector", "main table").text


def test_malicious_highlight_is_text(browser: Any, evil_site: str, evil_dir: Path) -> None:
    article, text = store_rows(
        evil_dir, "SELECT id, text FROM articles WHERE title = ?", [EVIL_TITLE]
    )[0]
    start = text.index("</script>")
    end = text.index("</script>", start + 1) + len("</script>")
    visit(browser, f"{evil_site}/articles/{article}?start={start}&end={end}")
    assert evidence_check(browser, evil_site) == text[start:end]
    assert browser.title.startswith(EVIL_TITLE)
    assert_no_dialog(browser)
    assert console(browser) == []
