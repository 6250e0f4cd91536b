"""The embedded DuckDB store: one table per record type (schema.sql) plus the annotation cache.

Query it as GDELT users query their tables, e.g.
`SELECT name, count(*) FROM entities JOIN mentions ON id = entity GROUP BY ALL`.
Each build rewrites the record tables in one transaction; `annotation_cache` keeps the costly
per-article annotations, `article_cache` each document's cleaned article, `parse_cache` the
sentences the stages parsed, `mention_cache` each
article's event mentions, `timex_cache` each article's detected time expressions and
`story_cache` each story's dossier, so that a rebuild annotates,
parses and extracts only new articles and builds again only the stories they joined
(`storyline.incremental` says what each result is keyed by).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from storyline.errors import StoreError
from storyline.model import (
    Annotation,
    Arc,
    Article,
    Dossier,
    EventMention,
    NamedEntity,
    Participant,
    Sentence,
    Token,
)
from storyline.stages.annotate import ParseCache
from storyline.store import codec
from storyline.store.files import replacing, shown

RECORD_TABLES = (
    "articles",
    "article_meta",
    "dropped",
    "inputs",
    "entities",
    "mentions",
    "roles",
    "quotes",
    "quote_copies",
    "timexes",
    "events",
    "event_participants",
    "event_sources",
    "event_mentions",
    "timeline",
    "comparisons",
    "comparison_claims",
    "summary",
    "copies",
)

CACHE_TABLES = (
    "article_cache",
    "annotation_cache",
    "parse_cache",
    "mention_cache",
    "timex_cache",
    "story_cache",
)


class Store:
    """A DuckDB database file (or ":memory:") holding a dossier's records."""

    def __init__(self, path: Path | str) -> None:
        try:
            self.connection = duckdb.connect(str(path))
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {path}: {exc}") from None
        self.connection.execute(_schema())

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _payloads(self, table: str, ids: Iterable[str], fingerprint: str) -> list[Any]:
        """The (article, payload) rows a cache table holds for these ids and this config."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        return self.connection.execute(
            f"SELECT article, payload FROM {table} "
            "WHERE fingerprint = ? AND list_contains(?, article)",
            [fingerprint, wanted],
        ).fetchall()

    def load_annotations(self, ids: Iterable[str], fingerprint: str) -> dict[str, Annotation]:
        rows = self._payloads("annotation_cache", ids, fingerprint)
        return {article: _annotation_from_json(payload) for article, payload in rows}

    def save_annotations(self, annotations: Iterable[Annotation], fingerprint: str) -> None:
        rows = [(a.article, fingerprint, annotation_to_json(a)) for a in annotations]
        _replace(self.connection, "annotation_cache", rows)

    def load_parses(self, ids: Iterable[str], fingerprint: str) -> ParseCache:
        out: ParseCache = {}
        for article, payload in self._payloads("parse_cache", ids, fingerprint):
            out.update(parses_from_json(article, payload))
        return out

    def save_parses(self, parses: ParseCache, fingerprint: str) -> None:
        rows = [
            (article, fingerprint, payload) for article, payload in parses_to_json(parses).items()
        ]
        _replace(self.connection, "parse_cache", rows)

    def load_cleaned(self, keys: Iterable[str], fingerprint: str) -> dict[str, Article]:
        return {
            key: codec.loads(Article, payload)
            for key, payload in self._payloads("article_cache", keys, fingerprint)
        }

    def save_cleaned(self, cleaned: dict[str, Article], fingerprint: str) -> None:
        rows = [(key, fingerprint, codec.dumps(a)) for key, a in sorted(cleaned.items())]
        _replace(self.connection, "article_cache", rows)

    def load_mentions(
        self, keys: dict[str, str], fingerprint: str
    ) -> dict[str, list[EventMention]]:
        found = self._keyed_payloads("mention_cache", keys, fingerprint)
        return {article: codec.loads_list(EventMention, p) for article, p in found.items()}

    def save_mentions(
        self, found: dict[str, tuple[str, list[EventMention]]], fingerprint: str
    ) -> None:
        payloads = {article: (key, codec.dumps(m)) for article, (key, m) in found.items()}
        self._save_keyed("mention_cache", payloads, fingerprint)

    def load_detections(self, keys: dict[str, str], fingerprint: str) -> dict[str, list[list[int]]]:
        found = self._keyed_payloads("timex_cache", keys, fingerprint)
        return {article: json.loads(payload) for article, payload in found.items()}

    def save_detections(
        self, found: dict[str, tuple[str, list[tuple[int, int]]]], fingerprint: str
    ) -> None:
        payloads = {article: (key, json.dumps(f)) for article, (key, f) in found.items()}
        self._save_keyed("timex_cache", payloads, fingerprint)

    def _keyed_payloads(self, table: str, keys: dict[str, str], fingerprint: str) -> dict[str, str]:
        """The payloads of `table` (a cache with a `key` column) for the articles of `keys`
        whose row was kept under the key given for it (article id -> key)."""
        if not keys:
            return {}
        rows = self.connection.execute(
            f'SELECT article, "key", payload FROM {table} '
            "WHERE fingerprint = ? AND list_contains(?, article)",
            [fingerprint, sorted(keys)],
        ).fetchall()
        return {article: payload for article, key, payload in rows if keys.get(article) == key}

    def _save_keyed(
        self, table: str, payloads: dict[str, tuple[str, str]], fingerprint: str
    ) -> None:
        """Keep each article's payload in `table` under its key (article id -> (key, payload))."""
        rows = [
            (article, fingerprint, key, payload)
            for article, (key, payload) in sorted(payloads.items())
        ]
        _replace(self.connection, table, rows)

    def load_story(self, story: str, key: str, fingerprint: str) -> Dossier | None:
        row = self.connection.execute(
            'SELECT payload FROM story_cache WHERE story = ? AND fingerprint = ? AND "key" = ?',
            [story, fingerprint, key],
        ).fetchone()
        return codec.loads(Dossier, row[0]) if row else None

    def save_story(self, story: str, key: str, dossier: Dossier, fingerprint: str) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO story_cache VALUES (?, ?, ?, ?)",
            [story, fingerprint, key, codec.dumps(dossier)],
        )

    def keep_stories(self, stories: Iterable[str], fingerprint: str) -> None:
        self.connection.execute(
            "DELETE FROM story_cache WHERE fingerprint = ? AND NOT list_contains(?, story)",
            [fingerprint, sorted(set(stories))],
        )

    def write_dossier(self, dossier: Dossier, *, story: str | None = None) -> None:
        """Replace the record tables with this dossier's records, atomically; every row's
        `story` column holds `story` (the id in stories.json)."""
        db = self.connection
        db.execute("BEGIN TRANSACTION")
        # Record tables are rewritten whole, so a store written by an older release (whose
        # tables lack a newer column) is brought to the current schema by recreating them.
        for table in RECORD_TABLES:
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute(_schema())
        articles = []
        for a in dossier.articles:
            p = a.published
            articles.append(
                (
                    a.id,
                    a.path,
                    a.format,
                    a.title,
                    a.outlet,
                    a.url,
                    a.language,
                    p.value if p else None,
                    p.source if p else None,
                    p.earliest if p else None,
                    p.latest if p else None,
                    p.method if p else None,
                    a.text,
                    list(a.authors),
                )
            )
        _insert(db, "articles", articles, story=story)
        _insert(
            db,
            "dropped",
            [
                (a.id, d.text, d.reason, d.raw_start, d.raw_end)
                for a in dossier.articles
                for d in a.dropped
            ],
            story=story,
        )
        _insert(
            db,
            "article_meta",
            [(a.id, key, value) for a in dossier.articles for key, value in a.meta],
            story=story,
        )
        _insert(
            db,
            "inputs",
            [(r.path, r.status, r.article, r.reason) for r in dossier.inputs],
            story=story,
        )
        _insert(
            db,
            "entities",
            [
                (e.id, e.name, e.type, e.country, list(e.aliases), [r.text for r in e.roles])
                for e in dossier.entities
            ],
            story=story,
        )
        _insert(
            db,
            "roles",
            [
                (e.id, r.text, s.article, s.start, s.end, s.text)
                for e in dossier.entities
                for r in e.roles
                for s in r.evidence
            ],
            story=story,
        )
        _insert(
            db,
            "mentions",
            [
                (e.id, m.article, m.start, m.end, m.text, m in metonyms)
                for e in dossier.entities
                for metonyms in [set(e.metonyms)]
                for m in e.mentions
            ],
            story=story,
        )
        _insert(
            db,
            "quotes",
            [
                (
                    q.id,
                    q.article,
                    q.span.start,
                    q.span.end,
                    q.span.text,
                    q.kind,
                    q.speaker.entity if q.speaker else None,
                    (q.speaker.name or q.speaker.mention.text) if q.speaker else None,
                    q.cue.text if q.cue else None,
                    q.channel.span.text if q.channel else None,
                    q.channel.date if q.channel else None,
                    q.implicit,
                )
                for q in dossier.quotes
            ],
            story=story,
        )
        _insert(
            db,
            "quote_copies",
            [(q.id, s.article, s.start, s.end, s.text) for q in dossier.quotes for s in q.also_in],
            story=story,
        )
        _insert(
            db,
            "timexes",
            [
                (t.id, t.article, t.start, t.end, t.text, t.type, t.value, t.mod)
                for t in dossier.timexes
            ],
            story=story,
        )
        _write_events(db, dossier, story)
        db.execute("COMMIT")

    def count(self, table: str) -> int:
        if table not in RECORD_TABLES and table not in CACHE_TABLES:
            raise StoreError(f"no table {table!r} in the store")
        row = self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def export_parquet(self, folder: Path) -> list[Path]:
        """Write each record table to `folder/TABLE.parquet`."""
        return self._export(folder, "parquet", "FORMAT parquet")

    def export_json(self, folder: Path) -> list[Path]:
        """Write each record table to `folder/TABLE.json` (one JSON object per line)."""
        return self._export(folder, "json", "FORMAT json")

    def _export(self, folder: Path, suffix: str, options: str) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for table in RECORD_TABLES:
            target = folder / f"{table}.{suffix}"
            with replacing(target) as temporary:  # a killed export leaves no half file
                quoted = temporary.as_posix().replace("'", "''")
                self.connection.execute(f"COPY {table} TO '{quoted}' ({options})")
            written.append(target)
        return written


def _write_events(db: Any, dossier: Dossier, story: str | None) -> None:
    def names(participants: Iterable[Participant]) -> list[str]:
        return [p.name for p in participants]

    _insert(
        db,
        "events",
        [
            (
                e.id,
                e.type,
                e.mode,
                e.predicate,
                names(e.actors),
                names(e.targets),
                e.location.name if e.location else None,
                e.date.value if e.date else None,
                e.date.granularity if e.date else None,
                e.status,
                e.summary.text,
                e.salience.score if e.salience else None,
                e.salience.witnesses if e.salience else None,
                e.salience.background if e.salience else None,
                e.salience.key if e.salience else None,
            )
            for e in dossier.events
        ],
        story=story,
    )
    _insert(
        db,
        "event_participants",
        [
            (e.id, role, p.entity, p.name)
            for e in dossier.events
            for role, group in (
                ("actor", e.actors),
                ("target", e.targets),
                ("location", (e.location,) if e.location else ()),
            )
            for p in group
        ],
        story=story,
    )
    # one row per source article: its evidence sentence and what it said (the history)
    _insert(
        db,
        "event_sources",
        [
            (
                e.id,
                h.article,
                h.span.start,
                h.span.end,
                h.span.text,
                h.published,
                h.status,
                h.date,
                h.cue.text if h.cue else None,
            )
            for e in dossier.events
            for h in e.history
        ],
        story=story,
    )
    # one row per mention: its trigger words (text == the article's cleaned text[start:end])
    _insert(
        db,
        "event_mentions",
        [
            (
                e.id,
                m.article,
                m.trigger.start,
                m.trigger.end,
                m.trigger.text,
                m.predicate,
                m.type,
                m.status,
                m.origin,
            )
            for e in dossier.events
            for m in e.mentions
        ],
        story=story,
    )
    _insert(
        db,
        "timeline",
        [
            (i, t.date or None, t.granularity, t.event, t.status, t.summary)
            for i, t in enumerate(dossier.timeline)
        ],
        story=story,
    )
    _insert(
        db,
        "comparisons",
        [
            (c.id, i, c.topic, c.verdict, c.explanation, c.independent)
            for i, c in enumerate(dossier.comparisons)
        ],
        story=story,
    )
    _insert(
        db,
        "comparison_claims",
        [
            (
                c.id,
                claim.span.article,
                claim.span.start,
                claim.span.end,
                claim.span.text,
                claim.kind,
                claim.value,
                claim.source,
                claim.published,
            )
            for c in dossier.comparisons
            for claim in c.claims
        ],
        story=story,
    )
    _insert(db, "summary", [(i, s.text) for i, s in enumerate(dossier.summary)], story=story)
    _insert(
        db,
        "copies",
        [(c.article, c.original, c.similarity, len(c.shared)) for c in dossier.copies],
        story=story,
    )


def _schema() -> str:
    return resources.files("storyline.store").joinpath("schema.sql").read_text("utf-8")


_COLUMN_TYPES: dict[str, list[str]] = {}


def _insert(db: Any, table: str, rows: list[tuple[Any, ...]], *, story: str | None) -> None:
    """Insert `rows` into `table`, each with the story's id as its last column, in order.

    One statement for the whole table: each column goes in as one list, cast to the column's
    type and unnested (`executemany` binds and runs the statement once per row, which took
    a build's writing of 100 articles' records over ten seconds)."""
    if not rows:
        return
    columns = [list(c) for c in zip(*[_storable((*r, story)) for r in rows], strict=True)]
    kinds = _COLUMN_TYPES.get(table)
    if kinds is None:
        # schema.sql fixes them (write_dossier makes the record tables again from it), so
        # they are asked once per process: the query costs more than a small table's insert
        found = db.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        kinds = _COLUMN_TYPES[table] = [kind for (kind,) in found]
    if len(kinds) != len(columns):
        raise StoreError(f"{len(columns)} values for the {len(kinds)} columns of {table}")
    _unnested(db, f"INSERT INTO {table}", columns, kinds)


def _replace(db: Any, table: str, rows: Sequence[tuple[str, ...]]) -> None:
    """Keep `rows` (texts, the table's columns in order; its key first, then the config's
    fingerprint) in a cache table, each in place of the row under the same key, in one
    statement, as `_insert` does; of two rows with one key the later is kept, as when each
    replaced the one before."""
    unique = list({(row[0], row[1]): row for row in rows}.values())
    if not unique:
        return
    columns = [list(c) for c in zip(*unique, strict=True)]
    _unnested(db, f"INSERT OR REPLACE INTO {table}", columns, ["VARCHAR"] * len(columns))


def _unnested(db: Any, insert: str, columns: list[list[Any]], kinds: Sequence[str]) -> None:
    """Run `insert` (`INSERT ... INTO table`) with every row at once: each column bound as
    one list, cast to its type and unnested."""
    select = ", ".join(f"unnest(?::{kind}[])" for kind in kinds)
    db.execute(f"{insert} SELECT {select}", columns)


def _storable(row: Sequence[Any]) -> list[Any]:
    """The row with every text made valid UTF-8 (DuckDB refuses a lone surrogate, which a
    file name that is not UTF-8 carries): see `files.shown`."""
    return [
        shown(value)
        if isinstance(value, str)
        else [shown(v) if isinstance(v, str) else v for v in value]
        if isinstance(value, list)
        else value
        for value in row
    ]


def annotation_to_json(annotation: Annotation) -> str:
    """The annotation as the JSON object `dataclasses.asdict` gives, byte for byte (the
    cache's payloads stay as earlier releases wrote them), built field by field: `asdict`
    deep-copies every token through its recursive walk, the build's costliest store step."""
    a = annotation
    return json.dumps(
        {
            "article": a.article,
            "model": a.model,
            "sentences": [{"start": s.start, "end": s.end} for s in a.sentences],
            "tokens": [
                {"start": t.start, "end": t.end, "lemma": t.lemma, "pos": t.pos, "tag": t.tag}
                for t in a.tokens
            ],
            "entities": [
                {"start": e.start, "end": e.end, "label": e.label, "text": e.text}
                for e in a.entities
            ],
        }
    )


def _annotation_from_json(payload: str) -> Annotation:
    data = json.loads(payload)
    return Annotation(
        article=data["article"],
        model=data["model"],
        sentences=tuple(Sentence(**s) for s in data["sentences"]),
        tokens=tuple(Token(**t) for t in data["tokens"]),
        entities=tuple(NamedEntity(**e) for e in data["entities"]),
    )


def parses_to_json(parses: ParseCache) -> dict[str, str]:
    """Each article's parsed sentences as one JSON payload: `[[start, end, [[index, head,
    dep], ...]], ...]`, sentences and arcs in order (the same parses, the same bytes)."""
    by_article: dict[str, list[Any]] = {}
    for (article, start, end), arcs in sorted(parses.items()):
        by_article.setdefault(article, []).append(
            [start, end, [[a.index, a.head, a.dep] for a in arcs]]
        )
    return {article: json.dumps(rows) for article, rows in by_article.items()}


def parses_from_json(article: str, payload: str) -> ParseCache:
    return {
        (article, int(start), int(end)): tuple(Arc(int(i), int(h), str(d)) for i, h, d in arcs)
        for start, end, arcs in json.loads(payload)
    }
