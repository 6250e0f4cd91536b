"""The HTML pages of the web app: each function gathers one view's records from the reader and
renders its template.

Templates are rendered with autoescaping on, so every article-derived string is escaped in
text and attributes; data handed to scripts goes through Jinja's `tojson`, which escapes `<`,
`>`, `&` and `'`, so a `</script>` in a title cannot end the data block. No template marks an
article-derived string safe. Pages load only the app's own stylesheet and script (`/static/`),
as the Content-Security-Policy set by the app demands.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2

from storyline.report.html import safe_url
from storyline.serve.params import (
    ArticleQuery,
    EntityQuery,
    EventQuery,
    Paged,
    QuoteQuery,
    SearchPageQuery,
    SpanQuery,
    TimelineQuery,
    TimexQuery,
)
from storyline.store.reader import MAX_LIMIT, MAX_QUERY, Filters, StoreReader
from storyline.store.records import Page

_TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page of results sits in the whole list, with links to its neighbours."""

    first: int
    last: int
    total: int
    previous: str | None
    next: str | None


def overview_page(reader: StoreReader, *, store_name: str) -> str:
    overview = reader.overview()
    articles = reader.articles(Filters(), limit=MAX_LIMIT, offset=0)
    coverage = [
        {
            "href": article_href(a.id),
            "title": a.title or "(untitled)",
            "outlet": a.outlet or "(outlet unknown)",
            "published": a.published,
        }
        for a in articles.items
        if a.published
    ]
    return _render(
        "overview.html.j2",
        "Overview",
        overview=overview,
        articles=articles,
        coverage=coverage,
        store_name=store_name,
    )


def articles_page(reader: StoreReader, query: ArticleQuery) -> str:
    return _listing(reader, "articles", "Articles", query, _fetch(reader.articles, query))


def article_page(reader: StoreReader, article_id: str, span: SpanQuery) -> str:
    article = reader.article(article_id, start=span.start, end=span.end)
    facts = reader.article_facts(article_id)
    highlight = article.highlight
    before = article.text[: highlight.start] if highlight else article.text
    after = article.text[highlight.end :] if highlight else ""
    return _render(
        "article.html.j2",
        article.title or "Article",
        article=article,
        facts=facts,
        before=before,
        after=after,
        page_data={
            "article": article.id,
            "length": article.length,
            "highlight": [highlight.start, highlight.end] if highlight else None,
        },
    )


def entities_page(reader: StoreReader, query: EntityQuery) -> str:
    return _listing(reader, "entities", "Entities", query, _fetch(reader.entities, query))


def entity_page(reader: StoreReader, entity_id: str) -> str:
    entity = reader.entity(entity_id)
    articles = reader.titles(
        [m.article for m in entity.mention_spans] + [r.article for r in entity.role_spans]
    )
    by_article: dict[str, list[Any]] = {}
    for mention in entity.mention_spans:
        by_article.setdefault(mention.article, []).append(mention)
    return _render(
        "entity.html.j2",
        entity.name,
        entity=entity,
        articles=articles,
        by_article=by_article,
        quotes=reader.quotes(Filters(entity=entity_id), limit=MAX_LIMIT, offset=0),
    )


def quotes_page(reader: StoreReader, query: QuoteQuery) -> str:
    page = _fetch(reader.quotes, query)
    articles = reader.titles(
        [q.article for q in page.items if q.article]
        + [c.article for q in page.items for c in q.also_in]
    )
    return _listing(reader, "quotes", "Quotes", query, page, articles=articles)


def timexes_page(reader: StoreReader, query: TimexQuery) -> str:
    return _listing(reader, "timexes", "Time expressions", query, _fetch(reader.timexes, query))


def events_page(reader: StoreReader, query: EventQuery) -> str:
    return _listing(reader, "events", "Events", query, _fetch(reader.events, query))


def event_page(reader: StoreReader, event_id: str) -> str:
    event = reader.event(event_id)
    return _render("event.html.j2", event.summary or event.predicate or "Event", event=event)


def timeline_page(reader: StoreReader, query: TimelineQuery) -> str:
    return _listing(reader, "timeline", "Timeline", query, _fetch(reader.timeline, query))


def search_page(reader: StoreReader, query: SearchPageQuery) -> str:
    page = (
        reader.search(query.q, limit=query.limit, offset=query.offset)
        if query.q and query.q.strip()
        else None
    )
    return _render(
        "search.html.j2",
        f"Search: {query.q}" if page else "Search",
        page=page,
        query=query,
        pager=_pager("/search", query, page) if page else None,
    )


def error_page(status: int, title: str, problems: list[str]) -> str:
    return _render("error.html.j2", title, status=status, problems=problems)


# --- links --------------------------------------------------------------------------------


def article_href(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def evidence_href(article_id: str | None, start: int | None, end: int | None) -> str | None:
    """The link that shows `article_id` with [start, end) highlighted; None without an article."""
    if not article_id:
        return None
    if start is None or end is None:
        return article_href(article_id)
    return f"{article_href(article_id)}?{urlencode({'start': start, 'end': end})}#evidence"


def entity_href(entity_id: str) -> str:
    return "/entities/" + quote(entity_id, safe="")


def event_href(event_id: str) -> str:
    return "/events/" + quote(event_id, safe="")


def list_href(path: str, **params: str | int | None) -> str:
    """`path` with the given non-empty query parameters."""
    kept = {k: v for k, v in params.items() if v is not None and v != ""}
    return f"{path}?{urlencode(kept)}" if kept else path


def _fetch(read: Callable[..., Page[Any]], query: Paged) -> Page[Any]:
    """One page of a list view: the reader's records under the query's filters and window."""
    return read(query.filters(), limit=query.limit, offset=query.offset)


def _listing(
    reader: StoreReader, kind: str, title: str, query: Paged, page: Page[Any], **extra: Any
) -> str:
    """A list page: template `KIND.html.j2`, its pager on `/KIND`, the overview beside it."""
    return _render(
        f"{kind}.html.j2",
        title,
        page=page,
        query=query,
        pager=_pager(f"/{kind}", query, page),
        overview=reader.overview(),
        **extra,
    )


def _pager(path: str, query: Paged, page: Page[Any]) -> Pager:
    params = query.model_dump(exclude={"offset"}, exclude_none=True, exclude_defaults=True)
    previous = None
    if page.offset > 0:
        previous = list_href(path, **params, offset=max(page.offset - page.limit, 0) or None)
    following = None
    if page.offset + page.limit < page.total:
        following = list_href(path, **params, offset=page.offset + page.limit)
    return Pager(
        first=page.offset + 1 if page.items else 0,
        last=page.offset + len(page.items),
        total=page.total,
        previous=previous,
        next=following,
    )


def _render(template: str, title: str, **context: Any) -> str:
    return _environment().get_template(template).render(title=title, **context)


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        article_href=article_href,
        evidence_href=evidence_href,
        entity_href=entity_href,
        event_href=event_href,
        list_href=list_href,
        safe_url=safe_url,
        max_query=MAX_QUERY,
    )
    return env
