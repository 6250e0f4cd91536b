"""Every page and API endpoint of `storyline serve` over the demo store, through TestClient.

The store is built by the real pipeline from examples/harbour-strike; the events views use the
same store with events, event sources and a timeline added in the new table shape.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pagecheck import parse, span_of
from serve_support import API_PATHS, EVIL_EVENT, STORE, client_for, store_rows

pytestmark = pytest.mark.model

PAGES = ["/", "/articles", "/entities", "/quotes", "/timexes", "/events", "/timeline", "/search"]


def first_id(folder: Path, table: str) -> str:
    return str(store_rows(folder, f"SELECT min(id) FROM {table}")[0][0])


def texts(folder: Path) -> dict[str, str]:
    return dict(store_rows(folder, "SELECT id, text FROM articles"))  # type: ignore[arg-type]


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*PAGES, "/search?q=strike"])
def test_every_page_renders(demo: TestClient, path: str) -> None:
    response = demo.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page = parse(response.text)
    assert page.all("title")[0].text.endswith("· storyline")


def test_detail_pages_render(demo: TestClient, demo_dir: Path) -> None:
    for path in (
        f"/articles/{first_id(demo_dir, 'articles')}",
        f"/entities/{first_id(demo_dir, 'entities')}",
    ):
        response = demo.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")


def test_overview_counts_match_the_store(demo: TestClient, demo_dir: Path) -> None:
    overview = demo.get("/api/overview").json()
    for table in ("articles", "entities", "mentions", "quotes", "timexes", "events", "timeline"):
        assert overview[table] == store_rows(demo_dir, f"SELECT count(*) FROM {table}")[0][0]
    assert overview["articles"] == 6
    assert {o["outlet"] for o in overview["outlets"]} >= {"Kessmark Courier", "Valdoria Today"}
    assert overview["first_published"] == "2025-03-03"


def test_overview_page_lists_every_article(demo: TestClient, demo_dir: Path) -> None:
    page = parse(demo.get("/").text)
    linked = {a.attrs["href"] for a in page.all("a")}
    for (article,) in store_rows(demo_dir, "SELECT id FROM articles"):
        assert f"/articles/{article}" in linked


# --- evidence ---------------------------------------------------------------------------------


def test_evidence_highlights_exactly_the_span(demo: TestClient, demo_dir: Path) -> None:
    article, start, end, text = store_rows(
        demo_dir, 'SELECT article, "start", "end", text FROM quotes ORDER BY id LIMIT 1'
    )[0]
    response = demo.get(f"/articles/{article}", params={"start": start, "end": end})
    assert response.status_code == 200
    marks = parse(response.text).all("mark")
    assert [m.attrs.get("id") for m in marks] == ["evidence"]
    assert marks[0].text == texts(demo_dir)[article][start:end] == text
    api = demo.get(f"/api/articles/{article}", params={"start": start, "end": end}).json()
    assert api["highlight"] == {"article": article, "start": start, "end": end, "text": text}


def test_article_text_is_shown_whole(demo: TestClient, demo_dir: Path) -> None:
    for article, text in texts(demo_dir).items():
        for params in ({}, {"start": 5, "end": 9}, {"start": len(text), "end": len(text)}):
            page = parse(demo.get(f"/articles/{article}", params=params).text)
            shown = page.by_id("text")
            assert shown is not None and shown.text == text
        assert demo.get(f"/api/articles/{article}").json()["text"] == text


def test_removed_lines_are_struck_through(demo: TestClient, demo_dir: Path) -> None:
    dossier = json.loads((demo_dir / "dossier.json").read_text(encoding="utf-8"))
    dropped = [(a["id"], d["text"]) for a in dossier["articles"] for d in a["dropped"]]
    assert dropped
    for article, line in dropped:
        page = demo.get(f"/articles/{article}").text
        assert f"<s>{html.escape(line, quote=True)}</s>" in page


@pytest.mark.parametrize(
    "path", ["/quotes?limit=200", "/timexes?limit=200", "/entities/{entity}", "/articles/{article}"]
)
def test_every_evidence_link_shows_its_own_text(
    demo: TestClient, demo_dir: Path, path: str
) -> None:
    """Each fact links to its evidence, and the highlighted span is the fact's own text."""
    top_entity = store_rows(
        demo_dir, "SELECT entity FROM mentions GROUP BY entity ORDER BY count(*) DESC LIMIT 1"
    )[0][0]
    url = path.format(entity=top_entity, article=first_id(demo_dir, "articles"))
    links = parse(demo.get(url).text).all("a", "evidence")
    assert links, f"no evidence links on {url}"
    article_texts = texts(demo_dir)
    for link in links[:60]:
        href = link.attrs["href"] or ""
        article, start, end = span_of(href)
        assert link.text == article_texts[article][start:end], href
        marks = parse(demo.get(href).text).all("mark")
        assert marks[0].text == link.text


def test_entity_detail_spans(demo: TestClient, demo_dir: Path) -> None:
    entity = store_rows(demo_dir, "SELECT id FROM entities WHERE name = 'Edvin Sarrow'")[0][0]
    data = demo.get(f"/api/entities/{entity}").json()
    article_texts = texts(demo_dir)
    assert data["name"] == "Edvin Sarrow"
    assert len(data["mention_spans"]) == data["mentions"] > 1
    for span in data["mention_spans"] + data["role_spans"]:
        text = span.get("evidence", span["text"])
        assert article_texts[span["article"]][span["start"] : span["end"]] == text
    assert "chief conciliator" in data["roles"]


# --- lists and filters ------------------------------------------------------------------------


def test_articles_filter_by_outlet(demo: TestClient) -> None:
    page = demo.get("/api/articles", params={"outlet": "Kessmark News Service"}).json()
    assert page["total"] == 2
    assert {a["outlet"] for a in page["items"]} == {"Kessmark News Service"}


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        ("2025-03-10", "2025-03", ["2025-03-10", "2025-03-11", "2025-03-25"]),
        ("2025-04", "", ["2025-04-10"]),
        ("", "2025-03-03", ["2025-03-03"]),
        ("2026", "", []),
    ],
)
def test_articles_filter_by_date(
    demo: TestClient, date_from: str, date_to: str, expected: list[str]
) -> None:
    params = {"date_from": date_from, "date_to": date_to}
    items = demo.get("/api/articles", params=params).json()["items"]
    assert sorted(a["published"] for a in items) == expected


def test_articles_filter_by_entity_and_words(demo: TestClient, demo_dir: Path) -> None:
    entity = store_rows(demo_dir, "SELECT id FROM entities WHERE name = 'Edvin Sarrow'")[0][0]
    mentioning = {
        row[0]
        for row in store_rows(demo_dir, "SELECT article FROM mentions WHERE entity = ?", [entity])
    }
    items = demo.get("/api/articles", params={"entity": entity}).json()["items"]
    assert {a["id"] for a in items} == mentioning
    items = demo.get("/api/articles", params={"q": "CONCILIATOR"}).json()["items"]
    article_texts = texts(demo_dir)
    assert items
    assert all("conciliator" in (article_texts[a["id"]] + a["title"]).lower() for a in items)


def test_quotes_filter_by_speaker_outlet_and_kind(demo: TestClient, demo_dir: Path) -> None:
    speaker = store_rows(
        demo_dir,
        "SELECT speaker_entity FROM quotes WHERE speaker_entity IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    )[0][0]
    items = demo.get("/api/quotes", params={"entity": speaker, "limit": 200}).json()["items"]
    assert items and {q["speaker_entity"] for q in items} == {speaker}
    items = demo.get("/api/quotes", params={"outlet": "Valdoria Today"}).json()["items"]
    assert items and {q["outlet"] for q in items} == {"Valdoria Today"}
    items = demo.get("/api/quotes", params={"kind": "direct", "limit": 200}).json()["items"]
    assert items and {q["kind"] for q in items} == {"direct"}


def test_quotes_carry_their_copies(demo: TestClient, demo_dir: Path) -> None:
    (quote,) = store_rows(demo_dir, "SELECT quote FROM quote_copies ORDER BY quote LIMIT 1")[0]
    data = demo.get(f"/api/quotes/{quote}").json()
    article_texts = texts(demo_dir)
    assert data["also_in"]
    for copy in data["also_in"]:
        assert article_texts[copy["article"]][copy["start"] : copy["end"]] == copy["text"]


def test_entities_filter_by_type_and_name(demo: TestClient) -> None:
    people = demo.get("/api/entities", params={"type": "PERSON", "limit": 200}).json()
    assert people["items"] and {e["type"] for e in people["items"]} == {"PERSON"}
    found = demo.get("/api/entities", params={"q": "sarrow"}).json()["items"]
    assert [e["name"] for e in found] == ["Edvin Sarrow"]


def test_timexes_filter_by_value_range(demo: TestClient) -> None:
    items = demo.get(
        "/api/timexes", params={"date_from": "2025-03-20", "date_to": "2025-03-24", "limit": 200}
    ).json()["items"]
    assert items
    assert all("2025-03-20" <= t["value"][:10] <= "2025-03-24" for t in items)


def test_pages_cover_the_list_exactly_once(demo: TestClient) -> None:
    everything = demo.get("/api/quotes", params={"limit": 200}).json()
    seen: list[str] = []
    for offset in range(0, everything["total"], 7):
        page = demo.get("/api/quotes", params={"limit": 7, "offset": offset}).json()
        assert page["total"] == everything["total"]
        seen += [q["id"] for q in page["items"]]
    assert seen == [q["id"] for q in everything["items"]]


def test_html_pager_links_to_the_next_page(demo: TestClient) -> None:
    page = parse(demo.get("/quotes?limit=5&kind=").text)
    following = [a.attrs["href"] for a in page.all("a") if a.attrs.get("rel") == "next"]
    assert following and "offset=5" in (following[0] or "") and "limit=5" in (following[0] or "")


# --- search -----------------------------------------------------------------------------------


def test_search_finds_articles_and_quotes(demo: TestClient, demo_dir: Path) -> None:
    page = demo.get("/api/search", params={"q": "mediator", "limit": 200}).json()
    kinds = [hit["kind"] for hit in page["items"]]
    assert "article" in kinds and "quote" in kinds
    assert kinds == sorted(kinds, key=["article", "quote", "event"].index)
    assert page["total"] == len(page["items"])
    article_texts = texts(demo_dir)
    for hit in page["items"]:
        assert hit["match"].lower() == "mediator"
        if hit["kind"] == "article":
            assert article_texts[hit["article"]][hit["start"] : hit["end"]] == hit["match"]


def test_search_pages_split_across_kinds(demo: TestClient) -> None:
    everything = demo.get("/api/search", params={"q": "strike", "limit": 200}).json()
    pieces = []
    for offset in range(0, everything["total"], 4):
        pieces += demo.get(
            "/api/search", params={"q": "strike", "limit": 4, "offset": offset}
        ).json()["items"]
    assert [(h["kind"], h["id"]) for h in pieces] == [
        (h["kind"], h["id"]) for h in everything["items"]
    ]


@pytest.mark.parametrize("words", ["%", "\\", "%_%", "' OR 1=1 --", "st%ke", "str_ke"])
def test_search_wildcards_are_literal(demo: TestClient, words: str) -> None:
    """None of these occur in the demo store, though as LIKE patterns they match a lot."""
    assert demo.get("/api/search", params={"q": words}).json()["total"] == 0


def test_search_underscore_matches_only_underscores(demo: TestClient) -> None:
    page = demo.get("/api/search", params={"q": "_", "limit": 200}).json()
    assert all(hit["match"] == "_" for hit in page["items"])
    assert all("_" in hit["before"] + hit["match"] + hit["after"] for hit in page["items"])


def test_search_page_highlights_the_match(demo: TestClient) -> None:
    page = parse(demo.get("/search", params={"q": "Sarrow"}).text)
    marks = page.all("mark")
    assert marks and all(m.text == "Sarrow" for m in marks)


# --- events, event sources, timeline ----------------------------------------------------------


def test_demo_events_point_at_their_evidence(demo: TestClient, demo_dir: Path) -> None:
    """Whatever the events stage wrote, each source span is the article's own text."""
    article_texts = texts(demo_dir)
    events = demo.get("/api/events", params={"limit": 200}).json()
    assert events["total"] == store_rows(demo_dir, "SELECT count(*) FROM events")[0][0]
    for event in events["items"]:
        for source in event["sources"]:
            text = article_texts[source["article"]]
            assert text[source["start"] : source["end"]] == source["text"]
    for path in ("/events", "/timeline"):
        assert demo.get(path).status_code == 200


def test_empty_events_tables_give_empty_lists(empty_dir: Path) -> None:
    with client_for(empty_dir) as client:
        for path in ("/api/events", "/api/timeline"):
            assert client.get(path).json() == {"total": 0, "limit": 50, "offset": 0, "items": []}
        assert "no events yet" in client.get("/events").text
        assert "no timeline yet" in client.get("/timeline").text
        assert client.get("/api/events/anything").status_code == 404


def test_store_without_events_tables(bare_dir: Path) -> None:
    with client_for(bare_dir) as client:
        for path in ("/api/events", "/api/timeline", "/api/search?q=strike"):
            assert client.get(path).status_code == 200, path
        assert client.get("/api/events").json()["items"] == []
        assert client.get("/api/events?status=happened&entity=x&outlet=y").json()["total"] == 0
        assert client.get("/api/timeline?entity=x&outlet=y").json()["total"] == 0
        assert client.get("/events").status_code == client.get("/timeline").status_code == 200
        assert client.get("/api/overview").json()["events"] == 0


def test_store_with_the_first_events_tables(old_dir: Path) -> None:
    """Columns the store lacks read as empty; nothing fails."""
    with client_for(old_dir) as client:
        event = client.get("/api/events").json()["items"]
        assert event == [
            {
                "id": "old-1",
                "type": "MEET",
                "mode": None,
                "predicate": "meet",
                "actors": [],
                "targets": [],
                "location": "Calvenna",
                "date_value": "2025-03",
                "date_granularity": "month",
                "status": "planned",
                "summary": None,
                "participants": [],
                "sources": [],
            }
        ]
        timeline = client.get("/api/timeline", params={"status": "planned"}).json()["items"]
        assert [(t["position"], t["event"], t["summary"]) for t in timeline] == [
            (None, "old-1", "Talks planned")
        ]
        for params in ({"entity": "x"}, {"outlet": "y"}, {"q": "talks"}, {"date_to": "2025"}):
            assert client.get("/api/events", params=params).status_code == 200
            assert client.get("/api/timeline", params=params).status_code == 200
        assert client.get("/api/search", params={"q": "meet"}).json()["items"][-1]["id"] == "old-1"
        for path in ("/events", "/events/old-1", "/timeline"):
            assert client.get(path).status_code == 200


def test_events_with_sources(with_events: TestClient, events_dir: Path) -> None:
    page = with_events.get("/api/events").json()
    assert [e["id"] for e in page["items"]] == ["ev-strike", "ev-visit", "ev-ballot"]
    visit = with_events.get("/api/events/ev-visit").json()
    assert visit["status"] == "happened" and visit["date_value"] == "2025-03-24"
    article_texts = texts(events_dir)
    assert len(visit["sources"]) == 2
    for source in visit["sources"]:
        assert article_texts[source["article"]][source["start"] : source["end"]] == source["text"]
        assert source["outlet"] and source["published"]
    assert {s["status"] for s in visit["sources"]} == {"happened", "expected"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "expected"}, ["ev-ballot"]),
        ({"outlet": "The Calvenna Ledger"}, ["ev-visit"]),
        ({"q": "walk"}, ["ev-strike"]),
        ({"q": "walked off"}, ["ev-strike"]),
        ({"date_from": "2025-03-10"}, ["ev-visit"]),
        ({"type": "VOTE"}, ["ev-ballot"]),
    ],
)
def test_event_filters(
    with_events: TestClient, params: dict[str, Any], expected: list[str]
) -> None:
    items = with_events.get("/api/events", params=params).json()["items"]
    assert [e["id"] for e in items] == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Edvin Sarrow", ["ev-visit"]),  # through event_participants.entity
        ("Kessmark Port Authority", ["ev-strike"]),  # through the target's name
    ],
)
def test_event_filter_by_entity(
    with_events: TestClient, events_dir: Path, name: str, expected: list[str]
) -> None:
    entity = store_rows(events_dir, "SELECT id FROM entities WHERE name = ?", [name])[0][0]
    items = with_events.get("/api/events", params={"entity": entity}).json()["items"]
    assert [e["id"] for e in items] == expected


def test_timeline(with_events: TestClient) -> None:
    page = with_events.get("/api/timeline").json()
    assert [(e["position"], e["event"]) for e in page["items"]] == [
        (1, "ev-strike"),
        (2, "ev-visit"),
    ]
    assert len(page["items"][1]["sources"]) == 2
    assert with_events.get("/api/timeline", params={"date_to": "2025-03-10"}).json()["total"] == 1
    assert with_events.get("/api/timeline", params={"outlet": "Kessmark Courier"}).json()["items"][
        0
    ]["event"] == ("ev-strike")


@pytest.mark.parametrize("path", ["/events", "/events/ev-visit", "/timeline", "/search?q=mediator"])
def test_event_pages_link_to_evidence(with_events: TestClient, events_dir: Path, path: str) -> None:
    response = with_events.get(path)
    assert response.status_code == 200
    page = parse(response.text)
    assert EVIL_EVENT in page.text or path.startswith("/search")
    links = page.all("a", "evidence") + page.all("a", "hit-link")
    assert links
    article_texts = texts(events_dir)
    for link in links:
        article, start, end = span_of(link.attrs["href"] or "")
        assert 0 <= start <= end <= len(article_texts[article])


def test_event_search(with_events: TestClient) -> None:
    hits = with_events.get("/api/search", params={"q": "mediator arrives"}).json()["items"]
    assert [(h["kind"], h["id"]) for h in hits if h["kind"] != "article"] == [("event", "ev-visit")]
    assert hits[0]["article"] and hits[0]["start"] is not None


# --- API description, assets, read-only -------------------------------------------------------


def test_openapi_describes_every_api_route(demo: TestClient) -> None:
    schema = demo.get("/openapi.json").json()
    assert set(schema["paths"]) == set(API_PATHS)
    assert {method for ops in schema["paths"].values() for method in ops} == {"get"}
    limit = next(
        p for p in schema["paths"]["/api/quotes"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert limit["schema"]["maximum"] == 200
    assert demo.get("/docs").status_code == 404


@pytest.mark.parametrize(
    ("name", "media"),
    [("app.js", "text/javascript"), ("app.css", "text/css"), ("favicon.svg", "image/svg+xml")],
)
def test_static_assets(demo: TestClient, name: str, media: str) -> None:
    response = demo.get(f"/static/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_nothing_accepts_a_write(demo: TestClient, demo_dir: Path, method: str) -> None:
    article = first_id(demo_dir, "articles")
    paths = [
        *PAGES,
        f"/articles/{article}",
        *(p.replace("{article_id}", article) for p in API_PATHS),
    ]
    for path in paths:
        assert demo.request(method, path).status_code == 405, path


def test_serving_leaves_the_store_unchanged(demo_dir: Path) -> None:
    before = hashlib.sha256((demo_dir / STORE).read_bytes()).hexdigest()
    with client_for(demo_dir) as client:
        for path in [*PAGES, "/api/overview", "/api/articles", "/api/search?q=a"]:
            client.get(path)
    assert hashlib.sha256((demo_dir / STORE).read_bytes()).hexdigest() == before
