"""Security of `storyline serve`: article text is untrusted input.

The store here is built by the real pipeline from two articles whose title, outlet, URL and
text carry script tags, event-handler attributes and `</script>`. Every page must show them
as text: the parsed page holds no element or attribute the app did not write itself.
Also: the Content-Security-Policy, bounded parameters with clear 4xx answers, no path
traversal, and host checking.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pagecheck import Parsed, parse
from serve_support import (
    EVIL_BODY,
    EVIL_IMG,
    EVIL_OUTLET,
    EVIL_QUOTE,
    EVIL_TITLE,
    EVIL_WIRE,
    client_for,
    store_rows,
)

from storyline.serve import create_app

pytestmark = pytest.mark.model

# The only elements and attributes the app's templates use; anything else came from an article.
TAGS = {
    "html", "head", "meta", "title", "link", "script", "body", "header", "nav", "a", "form",
    "input", "button", "main", "h1", "h2", "h3", "p", "ul", "ol", "li", "dl", "dt", "dd", "span",
    "table", "thead", "tbody", "tr", "th", "td", "div", "mark", "article", "details", "summary",
    "label", "select", "option", "footer", "figure", "figcaption", "br",
}  # fmt: skip
SCRIPTS = [{"src": "/static/app.js", "defer": None}]


def evil_pages(folder: Path) -> list[str]:
    articles = [row[0] for row in store_rows(folder, "SELECT id FROM articles ORDER BY id")]
    entities = [row[0] for row in store_rows(folder, "SELECT id FROM entities ORDER BY id")]
    text = dict(store_rows(folder, "SELECT id, text FROM articles"))
    pages = ["/", "/articles", "/entities", "/quotes", "/timexes", "/events", "/timeline"]
    pages += ["/search?q=script", "/search?q=alert", "/search?q=%3C%2Fscript%3E"]
    pages += [f"/entities/{e}" for e in entities]
    for article in articles:
        pages.append(f"/articles/{article}")
        start = text[article].find("<")
        pages.append(f"/articles/{article}?start={start}&end={text[article].find('>') + 1}")
    pages.append("/quotes?q=%3Cscript%3E&outlet=" + EVIL_OUTLET.replace(" ", "+"))
    return pages


def assert_inert(page: Parsed, where: str) -> None:
    for element in page.tags:
        assert element.tag in TAGS, f"{where}: a <{element.tag}> element came from an article"
        for name in element.attrs:
            assert not name.startswith("on"), f"{where}: an {name} attribute on <{element.tag}>"
        href = element.attrs.get("href") or ""
        assert not href.lower().startswith(("javascript:", "data:")), f"{where}: {href}"
    scripts = [e for e in page.tags if e.tag == "script"]
    for script in scripts:
        assert script.attrs in (
            SCRIPTS[0],
            {"type": "application/json", "id": "coverage-data"},
            {
                "type": "application/json",
                "id": "article-data",
            },
        ), f"{where}: unexpected script {script.attrs}"


def test_the_payloads_reached_the_store(evil_dir: Path) -> None:
    """Otherwise the tests below would prove nothing."""
    titles = {row[0] for row in store_rows(evil_dir, "SELECT title FROM articles")}
    assert EVIL_TITLE in titles and EVIL_WIRE["title"] in titles
    text = "".join(row[0] for row in store_rows(evil_dir, "SELECT text FROM articles"))
    assert EVIL_BODY in text and EVIL_QUOTE in text and EVIL_IMG in text
    quotes = "".join(row[0] for row in store_rows(evil_dir, "SELECT text FROM quotes"))
    assert "</script>" in quotes


def test_every_page_shows_payloads_as_text(evil: TestClient, evil_dir: Path) -> None:
    for path in evil_pages(evil_dir):
        response = evil.get(path)
        assert response.status_code == 200, path
        page = parse(response.text)
        assert_inert(page, path)
        assert "<script>alert" not in response.text, path


def test_payloads_are_visible_text(evil: TestClient, evil_dir: Path) -> None:
    article = store_rows(evil_dir, "SELECT id FROM articles WHERE title = ?", [EVIL_TITLE])[0][0]
    page = parse(evil.get(f"/articles/{article}").text)
    assert page.all("h1")[0].text == EVIL_TITLE
    assert EVIL_OUTLET in page.text
    text = page.by_id("text")
    assert text is not None and EVIL_BODY in text.text and EVIL_IMG in text.text
    overview = parse(evil.get("/").text)
    assert EVIL_TITLE in overview.text and EVIL_WIRE["title"] in overview.text


def test_highlighted_payload_is_text(evil: TestClient, evil_dir: Path) -> None:
    article, text = store_rows(
        evil_dir, "SELECT id, text FROM articles WHERE title = ?", [EVIL_TITLE]
    )[0]
    start = text.index(EVIL_QUOTE)
    response = evil.get(f"/articles/{article}?start={start}&end={start + len(EVIL_QUOTE)}")
    page = parse(response.text)
    assert [m.text for m in page.all("mark")] == [EVIL_QUOTE]
    assert_inert(page, "highlight")


@pytest.mark.parametrize("block", ["coverage-data", "article-data"])
def test_inline_json_cannot_close_its_script(evil: TestClient, evil_dir: Path, block: str) -> None:
    article = store_rows(evil_dir, "SELECT id FROM articles WHERE title = ?", [EVIL_TITLE])[0][0]
    html = evil.get("/" if block == "coverage-data" else f"/articles/{article}?start=0&end=5").text
    data = parse(html).by_id(block)
    assert data is not None
    assert "<" not in data.text and ">" not in data.text and "&" not in data.text
    decoded = json.loads(data.text)
    if block == "coverage-data":
        assert EVIL_TITLE in {item["title"] for item in decoded}
        assert EVIL_OUTLET in {item["outlet"] for item in decoded}
    else:
        assert decoded == {"article": article, "length": decoded["length"], "highlight": [0, 5]}


def test_urls_are_links_only_when_http(evil: TestClient, evil_dir: Path) -> None:
    links = []
    for (article,) in store_rows(evil_dir, "SELECT id FROM articles"):
        page = parse(evil.get(f"/articles/{article}").text)
        links += [a.attrs.get("href") or "" for a in page.all("a")]
    assert EVIL_WIRE["url"] in links  # the quote inside stays inside the attribute
    assert not [href for href in links if "javascript" in href.lower()]


def test_api_returns_payloads_as_json(evil: TestClient) -> None:
    response = evil.get("/api/articles")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert EVIL_TITLE in {a["title"] for a in response.json()["items"]}


# --- headers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/articles", "/api/overview", "/openapi.json", "/static/app.js", "/nowhere"]
)
def test_content_security_policy_on_every_response(demo: TestClient, path: str) -> None:
    headers = demo.get(path).headers
    policy = {
        part.split()[0]: part.split()[1:] for part in headers["content-security-policy"].split("; ")
    }
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_pages_use_no_inline_script_or_style(demo: TestClient, demo_dir: Path) -> None:
    article = store_rows(demo_dir, "SELECT min(id) FROM articles")[0][0]
    for path in ("/", "/articles", "/quotes", "/search?q=strike", f"/articles/{article}"):
        page = parse(demo.get(path).text)
        for element in page.tags:
            assert "style" not in element.attrs, path
            assert element.tag != "style", path
        for script in page.all("script"):
            assert script.attrs.get("src") or script.attrs.get("type") == "application/json"


def test_unknown_host_is_refused(demo_dir: Path) -> None:
    with TestClient(create_app(demo_dir), base_url="http://attacker.example") as client:
        assert client.get("/api/overview").status_code == 400
    with TestClient(create_app(demo_dir), base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/overview").status_code == 200


# --- bounds and bad parameters ----------------------------------------------------------------

LONG = "x" * 201


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/articles?limit=0", "limit"),
        ("/articles?limit=201", "limit"),
        ("/articles?limit=ten", "limit"),
        ("/quotes?offset=-1", "offset"),
        ("/quotes?offset=1000001", "offset"),
        (f"/articles?q={LONG}", "q"),
        (f"/search?q={LONG}", "q"),
        (f"/entities?outlet={LONG}", "outlet"),
        ("/events?date_from=March", "date_from"),
        ("/timexes?date_to=2025-3-1", "date_to"),
        ("/quotes?entity=../../etc/passwd", "entity"),
        ("/articles/abc?start=-1&end=2", "start"),
        ("/articles/abc?start=0&end=100000001", "end"),
    ],
)
@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
def test_bad_parameters_are_422(demo: TestClient, path: str, parameter: str, api: bool) -> None:
    response = demo.get(("/api" if api else "") + path)
    assert response.status_code == 422
    if api:
        assert response.json()["detail"][0]["loc"][-1] == parameter
    else:
        problems = parse(response.text).all("li")
        assert any(p.text.startswith(f"{parameter}:") for p in problems), response.text


def test_search_api_needs_words(demo: TestClient) -> None:
    assert demo.get("/api/search").status_code == 422
    assert demo.get("/api/search?q=").status_code == 422
    assert demo.get("/search").status_code == 200  # the empty search form


@pytest.mark.parametrize(
    ("span", "message"),
    [
        ("start=5", "give both start and end"),
        ("end=5", "give both start and end"),
        ("start=9&end=5", "is not inside the article"),
        ("start=0&end=99999", "is not inside the article"),
    ],
)
def test_bad_spans_are_400(demo: TestClient, demo_dir: Path, span: str, message: str) -> None:
    article = store_rows(demo_dir, "SELECT min(id) FROM articles")[0][0]
    response = demo.get(f"/api/articles/{article}?{span}")
    assert response.status_code == 400
    assert message in response.json()["detail"]
    page = demo.get(f"/articles/{article}?{span}")
    assert page.status_code == 400 and message in page.text


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/0000000000000000",
        "/api/entities/nobody",
        "/api/quotes/nothing",
        "/api/events/never",
        "/api/articles/0000000000000000/facts",
        "/articles/0000000000000000",
        "/entities/nobody",
        "/events/never",
        "/static/app.py",
        "/static/missing.js",
        "/no/such/page",
    ],
)
def test_unknown_records_are_404(demo: TestClient, path: str) -> None:
    response = demo.get(path)
    assert response.status_code == 404
    if path.startswith("/api/"):
        assert response.json()["detail"]
    else:
        assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "path",
    [
        "/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/articles/%2e%2e%2fstoryline.duckdb",
        "/api/articles/..%2Fstoryline.duckdb",
        "/api/entities/%2E%2E",
        "/entities/.%2e",
        "/static/..%2Fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fstore%2fschema.sql",
        "/static/..%5c..%5cschema.sql",
        "/articles/%00",
        "/static/%2Fetc%2Fpasswd",
    ],
)
def test_no_path_traversal(demo: TestClient, path: str) -> None:
    response = demo.get(path)
    assert 400 <= response.status_code < 500
    for leak in ("root:", "CREATE TABLE", "import ", "DUCK"):
        assert leak not in response.text


def test_error_pages_escape_what_they_echo(demo: TestClient) -> None:
    response = demo.get("/articles?limit=%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == 422
    assert "<script>alert" not in response.text
    response = demo.get("/entities/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert response.status_code == 422
    assert_inert(parse(response.text), "error page")


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    from storyline.errors import StoreError

    with pytest.raises(StoreError, match="run 'storyline build"):
        client_for(tmp_path)
