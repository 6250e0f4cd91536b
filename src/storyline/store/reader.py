"""Read-only queries over a storyline DuckDB store, for the web app.

The store is opened with `read_only=True`, so nothing here can change it. Every value from a
request reaches SQL as a bound parameter; search words become an ILIKE pattern with `%`, `_`
and `\\` escaped, so they match literally. DuckDB's full-text extension is not used because it
is downloaded on first use and the app must work offline.

The events, event_participants, event_sources and timeline tables come from the events stage,
whose columns may still change, so they are read defensively: the reader asks the store which
columns exist and selects those it knows; a missing column reads as empty and a missing table
as no rows.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from storyline.errors import StoreError, StorylineError
from storyline.store.records import (
    ArticleDetail,
    ArticleFacts,
    ArticleMention,
    ArticleSummary,
    Dropped,
    EntityDetail,
    EntitySummary,
    Event,
    EventSource,
    Mention,
    OutletCount,
    Overview,
    Page,
    Participant,
    Quote,
    QuoteCopy,
    Role,
    SearchHit,
    Span,
    TimelineEntry,
    Timex,
)

STORE_FILE = "storyline.duckdb"
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000
MAX_QUERY = 200
SNIPPET_RADIUS = 80

# The event columns the app knows how to show; whatever else a store holds is ignored.
_EVENT_TEXT = ("type", "mode", "predicate", "location", "date_value", "date_granularity", "status")
_EVENT_SEARCHED = ("summary", "predicate", "type", "location")
_SOURCE_TEXT = ("text", "status", "date_value", "published")
_TIMELINE_TEXT = ("date", "granularity", "event", "status", "summary")
_YEAR_FIRST = r"^[0-9]{4}"


class UnknownRecordError(StorylineError):
    """A request names an id the store does not hold."""


class BadSpanError(StorylineError):
    """A requested evidence span does not lie inside the article's text."""


@dataclass(frozen=True, slots=True)
class Filters:
    """What a list view is narrowed to; None (or an empty string) means no filter.

    `kind` is the view's own category: entity type, quote kind, timex type or event type.
    Dates are ISO prefixes (YYYY, YYYY-MM or YYYY-MM-DD) compared with the view's date:
    publication date for articles and quotes, the TIMEX3 value for time expressions, the
    event date for events and the timeline.
    """

    q: str | None = None
    outlet: str | None = None
    entity: str | None = None
    status: str | None = None
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self) -> None:
        for name in ("q", "outlet", "entity", "status", "kind", "date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not value.strip():
                object.__setattr__(self, name, None)


@dataclass(slots=True)
class _Where:
    """A conjunction of SQL conditions with their bound parameters, built up in order."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(f"({c})" for c in self.clauses) if self.clauses else ""


class StoreReader:
    """The queries behind every view of the web app, over one store opened read-only."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise StoreError(f"no store at {path}; run 'storyline build ... --out DIR' first")
        self._path = path
        self._lock = threading.Lock()
        self._db: duckdb.DuckDBPyConnection | None = None
        self.open()
        self._columns: dict[str, dict[str, str]] = {}
        for table, column, data_type in self._fetch(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position",
            [],
        ):
            self._columns.setdefault(str(table), {})[str(column)] = str(data_type)
        if "text" not in self._columns.get("articles", {}):
            self.close()
            raise StoreError(f"{path} is not a storyline store: it has no articles table")

    def open(self) -> None:
        """Open the store read-only, unless it is open already (the app opens it at start-up
        and closes it at shut-down, and an app may be started more than once)."""
        with self._lock:
            if self._db is not None:
                return
            try:
                self._db = duckdb.connect(str(self._path), read_only=True)
            except duckdb.Error as exc:
                raise StoreError(
                    f"cannot open the store {self._path} read-only (is a build writing it?): {exc}"
                ) from None

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # --- overview ---------------------------------------------------------------------------

    def overview(self) -> Overview:
        outlets = self._rows(
            "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL "
            "GROUP BY outlet ORDER BY n DESC, outlet"
        )
        dates = self._rows(
            "SELECT min(published) AS first, max(published) AS last, "
            "count(*) FILTER (WHERE published IS NULL) AS undated FROM articles"
        )[0]
        return Overview(
            articles=self._count("articles"),
            outlets=[OutletCount(outlet=r["outlet"], articles=r["n"]) for r in outlets],
            first_published=dates["first"],
            last_published=dates["last"],
            undated=dates["undated"] or 0,
            entities=self._count("entities"),
            mentions=self._count("mentions"),
            quotes=self._count("quotes"),
            timexes=self._count("timexes"),
            events=self._count("events") if self._has("events", "id") else 0,
            timeline=self._count("timeline"),
            statuses=self._distinct("events", "status"),
            entity_types=self._distinct("entities", "type"),
            quote_kinds=self._distinct("quotes", "kind"),
            timex_types=self._distinct("timexes", "type"),
        )

    # --- articles ---------------------------------------------------------------------------

    def articles(self, filters: Filters, *, limit: int, offset: int) -> Page[ArticleSummary]:
        where = _Where()
        if filters.outlet:
            where.add("a.outlet = ?", filters.outlet)
        if filters.entity:
            if self._has("mentions", "entity"):
                where.add("a.id IN (SELECT article FROM mentions WHERE entity = ?)", filters.entity)
            else:
                where.add("false")
        if filters.q:
            pattern = _pattern(filters.q)
            where.add("a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\'", pattern, pattern)
        _date_range(where, "a.published", filters)
        rows = self._page(
            f"SELECT {_ARTICLE_SUMMARY} FROM articles a",
            where,
            "a.published NULLS LAST, a.title, a.id",
            limit,
            offset,
        )
        return Page[ArticleSummary](
            total=self._total("articles a", where),
            limit=limit,
            offset=offset,
            items=[ArticleSummary(**row) for row in rows],
        )

    def article(self, article_id: str, *, start: int | None, end: int | None) -> ArticleDetail:
        """The article with its dropped lines; with `start` and `end`, that span too."""
        authors = "a.authors" if self._has("articles", "authors") else "[]::VARCHAR[]"
        rows = self._rows(
            f"SELECT {_ARTICLE_SUMMARY}, a.path, a.format, a.text, {authors} AS authors, "
            "CAST(a.published_earliest AS VARCHAR) AS published_earliest, "
            "CAST(a.published_latest AS VARCHAR) AS published_latest, a.published_method "
            "FROM articles a WHERE a.id = ?",
            [article_id],
        )
        if not rows:
            raise UnknownRecordError(f"no article {article_id!r} in this store")
        row = rows[0]
        text: str = row["text"]
        highlight = None
        if start is not None or end is not None:
            if start is None or end is None:
                raise BadSpanError("give both start and end to highlight a span, or neither")
            if not 0 <= start <= end <= len(text):
                raise BadSpanError(
                    f"span {start}-{end} is not inside the article, whose text has "
                    f"{len(text)} characters (need 0 <= start <= end <= {len(text)})"
                )
            highlight = Span(article=article_id, start=start, end=end, text=text[start:end])
        dropped = (
            self._rows(
                "SELECT text, reason FROM dropped WHERE article = ? ORDER BY raw_start, raw_end",
                [article_id],
            )
            if self._has("dropped", "raw_start")
            else []
        )
        meta = (
            self._rows(
                'SELECT "key", "value" FROM article_meta WHERE article = ? ORDER BY "key"',
                [article_id],
            )
            if self._has("article_meta", "key")
            else []
        )
        return ArticleDetail(
            **row,
            meta={m["key"]: m["value"] for m in meta},
            length=len(text),
            dropped=[Dropped(**d) for d in dropped],
            highlight=highlight,
        )

    def article_facts(self, article_id: str) -> ArticleFacts:
        """The quotes, entity mentions and time expressions found in one article."""
        if not self._rows("SELECT id FROM articles WHERE id = ?", [article_id]):
            raise UnknownRecordError(f"no article {article_id!r} in this store")
        mentions = (
            self._rows(
                'SELECT m.article, m."start", m."end", m.text, m.metonym, m.entity, e.name '
                "FROM mentions m JOIN entities e ON e.id = m.entity "
                'WHERE m.article = ? ORDER BY m."start", m."end", m.entity',
                [article_id],
            )
            if self._has("mentions", "metonym") and self._has("entities", "name")
            else []
        )
        timexes = (
            self._timexes(_Where(["t.article = ?"], [article_id]), None, 0)
            if self._has("timexes", "id")
            else []
        )
        return ArticleFacts(
            quotes=self.quotes_where("q.article = ?", [article_id]),
            mentions=[ArticleMention(**m) for m in mentions],
            timexes=timexes,
        )

    # --- entities ---------------------------------------------------------------------------

    def entities(self, filters: Filters, *, limit: int, offset: int) -> Page[EntitySummary]:
        if not self._has("entities", "id"):
            return Page[EntitySummary](total=0, limit=limit, offset=offset, items=[])
        where = _Where()
        if filters.kind:
            where.add("e.type = ?", filters.kind)
        if filters.entity:
            where.add("e.id = ?", filters.entity)
        if filters.q:
            pattern = _pattern(filters.q)
            where.add(
                "e.name ILIKE ? ESCAPE '\\' OR array_to_string(e.aliases, ' | ') "
                "ILIKE ? ESCAPE '\\'",
                pattern,
                pattern,
            )
        mentioned = _Where()
        if filters.outlet:
            mentioned.add("a.outlet = ?", filters.outlet)
        _date_range(mentioned, "a.published", filters)
        if mentioned.clauses:
            where.add(
                "e.id IN (SELECT m.entity FROM mentions m JOIN articles a ON a.id = m.article"
                f"{mentioned.sql()})",
                *mentioned.params,
            )
        rows = self._page(
            f"SELECT {_ENTITY_SUMMARY} FROM entities e",
            where,
            "mentions DESC, lower(e.name), e.id",
            limit,
            offset,
        )
        return Page[EntitySummary](
            total=self._total("entities e", where),
            limit=limit,
            offset=offset,
            items=[EntitySummary(**row) for row in rows],
        )

    def entity(self, entity_id: str) -> EntityDetail:
        rows = self._rows(f"SELECT {_ENTITY_SUMMARY} FROM entities e WHERE e.id = ?", [entity_id])
        if not rows:
            raise UnknownRecordError(f"no entity {entity_id!r} in this store")
        mentions = self._rows(
            'SELECT m.article, m."start", m."end", m.text, m.metonym FROM mentions m '
            "LEFT JOIN articles a ON a.id = m.article WHERE m.entity = ? "
            'ORDER BY a.published NULLS LAST, m.article, m."start"',
            [entity_id],
        )
        roles = self._rows(
            'SELECT r.text, r.article, r."start", r."end", r.evidence FROM roles r '
            "LEFT JOIN articles a ON a.id = r.article WHERE r.entity = ? "
            'ORDER BY r.text, a.published NULLS LAST, r.article, r."start"',
            [entity_id],
        )
        return EntityDetail(
            **rows[0],
            mention_spans=[Mention(**m) for m in mentions],
            role_spans=[Role(**r) for r in roles],
        )

    # --- quotes -----------------------------------------------------------------------------

    def quotes(self, filters: Filters, *, limit: int, offset: int) -> Page[Quote]:
        if not self._has("quotes", "id"):
            return Page[Quote](total=0, limit=limit, offset=offset, items=[])
        where = _Where()
        if filters.outlet:
            where.add("a.outlet = ?", filters.outlet)
        if filters.entity:
            where.add("q.speaker_entity = ?", filters.entity)
        if filters.kind:
            where.add("q.kind = ?", filters.kind)
        if filters.q:
            pattern = _pattern(filters.q)
            where.add(
                "q.text ILIKE ? ESCAPE '\\' OR q.speaker_text ILIKE ? ESCAPE '\\'",
                pattern,
                pattern,
            )
        _date_range(where, "a.published", filters)
        items = self._quotes(where, limit, offset)
        return Page[Quote](
            total=self._total(_QUOTES_FROM, where), limit=limit, offset=offset, items=items
        )

    def quote(self, quote_id: str) -> Quote:
        found = self.quotes_where("q.id = ?", [quote_id])
        if not found:
            raise UnknownRecordError(f"no quote {quote_id!r} in this store")
        return found[0]

    def quotes_where(self, clause: str, params: Sequence[Any]) -> list[Quote]:
        if not self._has("quotes", "id"):
            return []
        return self._quotes(_Where([clause], list(params)), None, 0)

    def _quotes(self, where: _Where, limit: int | None, offset: int) -> list[Quote]:
        rows = self._page(
            'SELECT q.id, q.article, q."start", q."end", q.text, q.kind, q.speaker_entity, '
            "q.speaker_text, q.cue, q.channel, q.channel_date, q.implicit, a.outlet, a.published "
            f"FROM {_QUOTES_FROM}",
            where,
            'a.published NULLS LAST, q.article, q."start", q.id',
            limit,
            offset,
        )
        copies: dict[str, list[QuoteCopy]] = {}
        if rows and self._has("quote_copies", "quote"):
            for copy in self._rows(
                'SELECT c.quote, c.article, c."start", c."end", c.text FROM quote_copies c '
                "LEFT JOIN articles a ON a.id = c.article WHERE list_contains(?, c.quote) "
                'ORDER BY a.published NULLS LAST, c.article, c."start"',
                [[row["id"] for row in rows]],
            ):
                quote = copy.pop("quote")
                copies.setdefault(quote, []).append(QuoteCopy(**copy))
        return [Quote(**row, also_in=copies.get(row["id"], [])) for row in rows]

    # --- time expressions -------------------------------------------------------------------

    def timexes(self, filters: Filters, *, limit: int, offset: int) -> Page[Timex]:
        if not self._has("timexes", "id"):
            return Page[Timex](total=0, limit=limit, offset=offset, items=[])
        where = _Where()
        if filters.outlet:
            where.add("a.outlet = ?", filters.outlet)
        if filters.kind:
            where.add("t.type = ?", filters.kind)
        if filters.q:
            pattern = _pattern(filters.q)
            where.add("t.text ILIKE ? ESCAPE '\\' OR t.value ILIKE ? ESCAPE '\\'", pattern, pattern)
        if filters.date_from or filters.date_to:
            where.add(f"regexp_matches(t.value, '{_YEAR_FIRST}')")
            _date_range(where, "t.value", filters)
        return Page[Timex](
            total=self._total(_TIMEXES_FROM, where),
            limit=limit,
            offset=offset,
            items=self._timexes(where, limit, offset),
        )

    def _timexes(self, where: _Where, limit: int | None, offset: int) -> list[Timex]:
        rows = self._page(
            'SELECT t.id, t.article, t."start", t."end", t.text, t.type, t.value, t."mod", '
            f"a.outlet, a.published FROM {_TIMEXES_FROM}",
            where,
            't.article IS NULL, a.published NULLS LAST, t.article, t."start", t.id',
            limit,
            offset,
        )
        return [Timex(**row) for row in rows]

    # --- events and the timeline ------------------------------------------------------------

    def events(self, filters: Filters, *, limit: int, offset: int) -> Page[Event]:
        if not self._has("events", "id"):
            return Page[Event](total=0, limit=limit, offset=offset, items=[])
        where = self._event_filters(filters)
        items = self._events(where, limit, offset)
        return Page[Event](
            total=self._total("events e", where), limit=limit, offset=offset, items=items
        )

    def event(self, event_id: str) -> Event:
        found = (
            self._events(_Where(["CAST(e.id AS VARCHAR) = ?"], [event_id]), None, 0)
            if self._has("events", "id")
            else []
        )
        if not found:
            raise UnknownRecordError(f"no event {event_id!r} in this store")
        return found[0]

    def timeline(self, filters: Filters, *, limit: int, offset: int) -> Page[TimelineEntry]:
        columns = self._columns.get("timeline", {})
        if not columns:
            return Page[TimelineEntry](total=0, limit=limit, offset=offset, items=[])
        where = _Where()
        if filters.status:
            where.add(f"{self._text('timeline', 't', 'status')} = ?", filters.status)
        if filters.q:
            searched = [self._text("timeline", "t", c) for c in ("summary", "event")]
            pattern = _pattern(filters.q)
            where.add(
                " OR ".join(f"{expr} ILIKE ? ESCAPE '\\'" for expr in searched),
                *[pattern] * len(searched),
            )
        _date_range(where, self._text("timeline", "t", "date"), filters)
        if filters.kind or filters.entity or filters.outlet:
            # These narrow the events, and the timeline follows its events.
            if self._has("events", "id"):
                events = self._event_filters(
                    Filters(kind=filters.kind, entity=filters.entity, outlet=filters.outlet)
                )
                where.add(
                    f"{self._text('timeline', 't', 'event')} IN "
                    f"(SELECT CAST(e.id AS VARCHAR) FROM events e{events.sql()})",
                    *events.params,
                )
            else:
                where.add("false")
        selected = ", ".join(
            [f"{self._int('timeline', 't', 'position')} AS position"]
            + [f"{self._text('timeline', 't', c)} AS {c}" for c in _TIMELINE_TEXT]
        )
        order = ", ".join(
            f"{expr} NULLS LAST"
            for expr in (
                self._int("timeline", "t", "position"),
                self._text("timeline", "t", "date"),
                self._text("timeline", "t", "event"),
            )
        )
        rows = self._page(f"SELECT {selected} FROM timeline t", where, order, limit, offset)
        sources = self._event_sources([r["event"] for r in rows if r["event"] is not None])
        return Page[TimelineEntry](
            total=self._total("timeline t", where),
            limit=limit,
            offset=offset,
            items=[TimelineEntry(**row, sources=sources.get(row["event"], [])) for row in rows],
        )

    def _event_filters(self, filters: Filters) -> _Where:
        where = _Where()
        if filters.status:
            where.add(f"{self._text('events', 'e', 'status')} = ?", filters.status)
        if filters.kind:
            where.add(f"{self._text('events', 'e', 'type')} = ?", filters.kind)
        if filters.q:
            pattern = _pattern(filters.q)
            searched = [self._text("events", "e", c) for c in _EVENT_SEARCHED]
            clause = " OR ".join(f"{expr} ILIKE ? ESCAPE '\\'" for expr in searched)
            params = [pattern] * len(searched)
            if self._has("event_sources", "event") and self._has("event_sources", "text"):
                clause += (
                    " OR CAST(e.id AS VARCHAR) IN (SELECT CAST(s.event AS VARCHAR) FROM "
                    "event_sources s WHERE CAST(s.text AS VARCHAR) ILIKE ? ESCAPE '\\')"
                )
                params.append(pattern)
            where.add(clause, *params)
        if filters.entity:
            clause, params = self._involves(filters.entity)
            where.add(clause, *params)
        if filters.outlet:
            if self._has("event_sources", "event") and self._has("event_sources", "article"):
                where.add(
                    "CAST(e.id AS VARCHAR) IN (SELECT CAST(s.event AS VARCHAR) FROM "
                    "event_sources s JOIN articles a ON a.id = CAST(s.article AS VARCHAR) "
                    "WHERE a.outlet = ?)",
                    filters.outlet,
                )
            else:
                where.add("false")
        _date_range(where, self._text("events", "e", "date_value"), filters)
        return where

    def _involves(self, entity: str) -> tuple[str, list[Any]]:
        """A condition (and its parameters) true of events whose actors or targets name
        `entity`, given by id or by name; the stage may store either."""
        names = [entity]
        if self._has("entities", "name"):
            names += [
                r["name"] for r in self._rows("SELECT name FROM entities WHERE id = ?", [entity])
            ]
        clauses: list[str] = []
        params: list[Any] = []
        for column in ("actors", "targets"):
            data_type = self._columns["events"].get(column)
            if data_type is None:
                continue
            if data_type.endswith("[]"):
                clauses.append(f'list_has_any(CAST(e."{column}" AS VARCHAR[]), ?)')
            else:
                clauses.append(f'list_contains(?, CAST(e."{column}" AS VARCHAR))')
            params.append(names)
        if self._has("event_participants", "event") and self._has("event_participants", "entity"):
            clauses.append(
                "CAST(e.id AS VARCHAR) IN (SELECT CAST(p.event AS VARCHAR) FROM "
                "event_participants p WHERE CAST(p.entity AS VARCHAR) = ?)"
            )
            params.append(entity)
        if not clauses:
            return "false", []
        return " OR ".join(clauses), params

    def _events(self, where: _Where, limit: int | None, offset: int) -> list[Event]:
        columns = self._columns["events"]
        selected = ["CAST(e.id AS VARCHAR) AS id"]
        selected += [f"{self._text('events', 'e', c)} AS {c}" for c in _EVENT_TEXT]
        selected.append(f"{self._text('events', 'e', 'summary')} AS summary")
        selected += [
            f'e."{c}" AS {c}' if c in columns else f"NULL AS {c}" for c in ("actors", "targets")
        ]
        order = f"{self._text('events', 'e', 'date_value')} NULLS LAST, id"
        rows = self._page(
            f"SELECT {', '.join(selected)} FROM events e", where, order, limit, offset
        )
        ids = [row["id"] for row in rows]
        sources = self._event_sources(ids)
        participants = self._participants(ids)
        return [
            Event(
                **{k: v for k, v in row.items() if k not in ("actors", "targets")},
                actors=_names(row["actors"]),
                targets=_names(row["targets"]),
                participants=participants.get(row["id"], []),
                sources=sources.get(row["id"], []),
            )
            for row in rows
        ]

    def _participants(self, events: list[str]) -> dict[str, list[Participant]]:
        table = "event_participants"
        if not events or not self._has(table, "event"):
            return {}
        selected = ", ".join(
            f"{self._text(table, 'p', c)} AS {c}" for c in ("role", "entity", "text")
        )
        found: dict[str, list[Participant]] = {}
        for row in self._rows(
            f"SELECT CAST(p.event AS VARCHAR) AS event, {selected} FROM {table} p "
            "WHERE list_contains(?, CAST(p.event AS VARCHAR)) ORDER BY role, text",
            [events],
        ):
            found.setdefault(row.pop("event"), []).append(Participant(**row))
        return found

    def _event_sources(self, events: list[str]) -> dict[str, list[EventSource]]:
        if not events or not self._has("event_sources", "event"):
            return {}
        table = "event_sources"
        article = self._text(table, "s", "article")
        selected = [
            "CAST(s.event AS VARCHAR) AS event",
            f"{article} AS article",
            f"{self._int(table, 's', 'start')} AS start",
            f'{self._int(table, "s", "end")} AS "end"',
            *(
                f"{self._text(table, 's', c)} AS {c}"
                for c in ("text", "status", "date_value", "cue")
            ),
            f"coalesce({self._text(table, 's', 'published')}, a.published) AS published",
            "a.outlet AS outlet",
        ]
        rows = self._rows(
            f"SELECT {', '.join(selected)} FROM event_sources s "
            f"LEFT JOIN articles a ON a.id = {article} "
            "WHERE list_contains(?, CAST(s.event AS VARCHAR)) "
            "ORDER BY published NULLS LAST, article, start NULLS LAST",
            [events],
        )
        found: dict[str, list[EventSource]] = {}
        for row in rows:
            event = row.pop("event")
            found.setdefault(event, []).append(EventSource(**row))
        return found

    # --- search -----------------------------------------------------------------------------

    def search(self, words: str, *, limit: int, offset: int) -> Page[SearchHit]:
        """Articles, then quotes, then events whose text holds `words` (case-insensitive)."""
        pattern = _pattern(words)
        parts: list[tuple[str, _Where, Any]] = [
            (
                "articles a",
                _Where(
                    ["a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\'"],
                    [pattern, pattern],
                ),
                self._article_hits,
            )
        ]
        if self._has("quotes", "id"):
            parts.append(
                (
                    _QUOTES_FROM,
                    _Where(
                        ["q.text ILIKE ? ESCAPE '\\' OR q.speaker_text ILIKE ? ESCAPE '\\'"],
                        [pattern, pattern],
                    ),
                    self._quote_hits,
                )
            )
        if self._has("events", "id"):
            parts.append(("events e", self._event_filters(Filters(q=words)), self._event_hits))
        total = 0
        items: list[SearchHit] = []
        for source, where, hits in parts:
            count = self._total(source, where)
            # This kind's share of the requested page, given the kinds before it.
            first = max(offset - total, 0)
            wanted = min(count - first, offset + limit - total - first)
            if wanted > 0 and first < count:
                items += hits(where, words, wanted, first)
            total += count
        return Page[SearchHit](total=total, limit=limit, offset=offset, items=items)

    def _article_hits(self, where: _Where, words: str, limit: int, offset: int) -> list[SearchHit]:
        rows = self._page(
            "SELECT a.id, a.title, a.text FROM articles a",
            where,
            "a.published NULLS LAST, a.title, a.id",
            limit,
            offset,
        )
        hits = []
        for row in rows:
            found = _find(row["text"], words)
            if found is None:
                hit = _snippet(row["title"] or "", _find(row["title"] or "", words))
                hits.append(
                    SearchHit(
                        kind="article",
                        id=row["id"],
                        title=row["title"],
                        article=row["id"],
                        start=None,
                        end=None,
                        **hit,
                    )
                )
                continue
            hits.append(
                SearchHit(
                    kind="article",
                    id=row["id"],
                    title=row["title"],
                    article=row["id"],
                    start=found[0],
                    end=found[1],
                    **_snippet(row["text"], found),
                )
            )
        return hits

    def _quote_hits(self, where: _Where, words: str, limit: int, offset: int) -> list[SearchHit]:
        hits = []
        for quote in self._quotes(where, limit, offset):
            text = quote.text or ""
            found = _find(text, words)
            if found is None:
                text = quote.speaker_text or ""
                found = _find(text, words)
            hits.append(
                SearchHit(
                    kind="quote",
                    id=quote.id,
                    title=quote.speaker_text,
                    article=quote.article,
                    start=quote.start,
                    end=quote.end,
                    **_snippet(text, found),
                )
            )
        return hits

    def _event_hits(self, where: _Where, words: str, limit: int, offset: int) -> list[SearchHit]:
        hits = []
        for event in self._events(where, limit, offset):
            texts = [event.summary, event.predicate, event.type, event.location]
            texts += [s.text for s in event.sources]
            text, found = next(
                ((t, f) for t in texts if t and (f := _find(t, words)) is not None),
                (event.summary or event.predicate or "", None),
            )
            located = next((s for s in event.sources if s.article and s.start is not None), None)
            hits.append(
                SearchHit(
                    kind="event",
                    id=event.id,
                    title=event.summary or event.predicate,
                    article=located.article if located else None,
                    start=located.start if located else None,
                    end=located.end if located else None,
                    **_snippet(text, found),
                )
            )
        return hits

    def titles(self, article_ids: Sequence[str]) -> dict[str, ArticleSummary]:
        """The summaries of the given articles, by id (unknown ids are left out)."""
        if not article_ids:
            return {}
        rows = self._rows(
            f"SELECT {_ARTICLE_SUMMARY} FROM articles a WHERE list_contains(?, a.id)",
            [sorted(set(article_ids))],
        )
        return {row["id"]: ArticleSummary(**row) for row in rows}

    # --- helpers ----------------------------------------------------------------------------

    def _has(self, table: str, column: str) -> bool:
        return column in self._columns.get(table, {})

    def _text(self, table: str, alias: str, column: str) -> str:
        """`alias.column` as VARCHAR, or NULL when the store's table lacks the column."""
        if self._has(table, column):
            return f'CAST({alias}."{column}" AS VARCHAR)'
        return "CAST(NULL AS VARCHAR)"

    def _int(self, table: str, alias: str, column: str) -> str:
        if self._has(table, column):
            return f'TRY_CAST({alias}."{column}" AS BIGINT)'
        return "CAST(NULL AS BIGINT)"

    def _count(self, table: str) -> int:
        if table not in self._columns:
            return 0
        return int(self._fetch(f"SELECT count(*) FROM {table}", [])[0][0])

    def _distinct(self, table: str, column: str) -> list[str]:
        if not self._has(table, column):
            return []
        expr = self._text(table, "x", column)
        return [
            str(r[0])
            for r in self._fetch(
                f"SELECT DISTINCT {expr} AS v FROM {table} x WHERE {expr} IS NOT NULL ORDER BY v",
                [],
            )
        ]

    def _total(self, source: str, where: _Where) -> int:
        return int(self._fetch(f"SELECT count(*) FROM {source}{where.sql()}", where.params)[0][0])

    def _page(
        self, select: str, where: _Where, order: str, limit: int | None, offset: int
    ) -> list[dict[str, Any]]:
        sql = f"{select}{where.sql()} ORDER BY {order}"
        params = list(where.params)
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return self._rows(sql, params)

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for one query: a DuckDB connection is not shared by threads."""
        with self._lock:
            if self._db is None:
                raise StoreError(f"the store {self._path} is closed")
            return self._db.cursor()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._cursor()
        try:
            cursor.execute(sql, list(params))
            names = [d[0] for d in cursor.description or []]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        cursor = self._cursor()
        try:
            return cursor.execute(sql, list(params)).fetchall()
        finally:
            cursor.close()


_ARTICLE_SUMMARY = "a.id, a.title, a.outlet, a.url, a.language, a.published, a.published_source"
_ENTITY_SUMMARY = (
    "e.id, e.name, e.type, e.country, e.aliases, e.roles, "
    "(SELECT count(*) FROM mentions m WHERE m.entity = e.id) AS mentions, "
    "(SELECT count(DISTINCT m.article) FROM mentions m WHERE m.entity = e.id) AS articles"
)
_QUOTES_FROM = "quotes q LEFT JOIN articles a ON a.id = q.article"
_TIMEXES_FROM = "timexes t LEFT JOIN articles a ON a.id = t.article"


def _pattern(words: str) -> str:
    r"""An ILIKE pattern (with ESCAPE '\') matching `words` anywhere, taken literally."""
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _date_range(where: _Where, expr: str, filters: Filters) -> None:
    """Keep rows whose ISO date `expr` is within the filter's range, compared by prefix, so
    that `date_to=2025-03` keeps every day of March."""
    if filters.date_from:
        where.add(f"{expr} IS NOT NULL AND {expr} >= ?", filters.date_from)
    if filters.date_to:
        where.add(
            f"{expr} IS NOT NULL AND left({expr}, ?) <= ?",
            len(filters.date_to),
            filters.date_to,
        )


def _names(value: object) -> list[str]:
    """Actors or targets as a list of strings, whatever shape the store gave them."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _find(text: str, words: str) -> tuple[int, int] | None:
    """Where `words` first occur in `text`, ignoring case; None when they do not."""
    match = re.search(re.escape(words), text, flags=re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def _snippet(text: str, found: tuple[int, int] | None) -> dict[str, str]:
    """`text` around `found`, cut at word boundaries, as before/match/after."""
    if found is None:
        cut = text[: 2 * SNIPPET_RADIUS]
        return {"before": "", "match": "", "after": cut + ("…" if len(text) > len(cut) else "")}
    start, end = found
    left = max(start - SNIPPET_RADIUS, 0)
    right = min(end + SNIPPET_RADIUS, len(text))
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    before = ("…" if left > 0 else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return {"before": before, "match": text[start:end], "after": after}
