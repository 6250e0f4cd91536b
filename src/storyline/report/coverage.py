"""The source-by-event coverage matrix: which outlet reported which event, when, and how.

Rows are the timeline's events in timeline order, columns the sources: one per outlet, and
one per article whose outlet is unknown (it cannot be told apart from other articles, so it
stands alone). A cell lists the articles of that source that report the event, each with its
publication date, the status that article gave the event (from the event's history) and the
span it reported it in, so every cell links to its evidence.

The table has at most `COLUMNS` columns: with more sources (a long story whose articles name
no outlet has one per article), the `COLUMNS - 1` sources that report the most events keep
their own and the others share the last, whose cells name each report's article. So the
table grows with the events and their reports, not with events times articles (issue 22).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.model import Article, Event, Span, TimelineEntry
from storyline.report.evidence import ArticleRef

_NOTE_WORDS = 5
# the most columns the table has; beyond, the sources that report fewest events share one
COLUMNS = 24
OTHERS = "others"


@dataclass(frozen=True, slots=True)
class Source:
    """A column: an outlet, or a single article without one."""

    key: str
    label: str
    title: str
    events: int
    note: str = ""  # for a lone article: the first words of its heading


@dataclass(frozen=True, slots=True)
class Report:
    """One article's report of an event: when it was published, what it said, where."""

    article: ArticleRef
    published: str | None
    status: str
    date: str | None
    span: Span
    copy_of: ArticleRef | None = None  # the original, when this article is a syndicated copy


@dataclass(frozen=True, slots=True)
class Row:
    anchor: str
    date: str | None
    predicate: str
    actors: str
    summary: str
    cells: tuple[tuple[Report, ...], ...]


@dataclass(frozen=True, slots=True)
class Matrix:
    sources: tuple[Source, ...]
    rows: tuple[Row, ...]


def coverage_matrix(
    timeline: Sequence[tuple[str, TimelineEntry, Event]],
    articles: Sequence[Article],
    refs: dict[str, ArticleRef],
    copies: Mapping[str, ArticleRef] | None = None,
) -> Matrix | None:
    """The matrix for `timeline` (anchor, entry, event), or None when no event has a source;
    `copies` maps a syndicated copy's article id to its original's reference."""
    copies = copies or {}
    by_id = {article.id: article for article in articles}
    reports: list[tuple[str, TimelineEntry, Event, dict[str, list[Report]]]] = []
    for anchor, entry, event in timeline:
        said = {h.article: h for h in event.history}
        cells: dict[str, list[Report]] = {}
        seen: set[str] = set()
        for span in sorted(entry.sources, key=lambda s: (s.article, s.start, s.end)):
            article = by_id.get(span.article)
            if article is None or span.article not in refs or span.article in seen:
                continue
            seen.add(span.article)
            history = said.get(span.article)
            published = article.published.value if article.published else None
            cells.setdefault(_source_key(article, refs), []).append(
                Report(
                    refs[span.article],
                    history.published if history and history.published else published,
                    history.status if history else entry.status,
                    history.date if history else None,
                    span,
                    copies.get(span.article),
                )
            )
        reports.append((anchor, entry, event, cells))
    counts: dict[str, int] = {}
    for *_, cells in reports:
        for key in cells:
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    sources, folded = _bounded(_sources(articles, refs, counts), reports)
    rows = tuple(
        Row(
            anchor,
            entry.date or None,
            event.predicate.replace("_", " "),
            ", ".join(p.name for p in event.actors),
            entry.summary,
            _cells(cells, sources, folded),
        )
        for anchor, entry, event, cells in reports
    )
    return Matrix(sources, rows)


def _cells(
    cells: dict[str, list[Report]], sources: Sequence[Source], folded: Mapping[str, str]
) -> tuple[tuple[Report, ...], ...]:
    """A row's cells, one per column: the reports of its source (of the folded sources, for
    the shared column), by article number. Reads only the sources that reported the event."""
    by_column: dict[str, list[Report]] = {}
    for key, found in cells.items():
        by_column.setdefault(folded.get(key, key), []).extend(found)
    return tuple(
        tuple(sorted(by_column.get(source.key, ()), key=lambda r: r.article.number))
        for source in sources
    )


def _bounded(
    sources: tuple[Source, ...],
    reports: Sequence[tuple[str, TimelineEntry, Event, dict[str, list[Report]]]],
) -> tuple[tuple[Source, ...], dict[str, str]]:
    """At most `COLUMNS` columns: the `COLUMNS - 1` sources reporting the most events (in
    their order) and one shared by the others; which source keys were folded into it."""
    if len(sources) <= COLUMNS:
        return sources, {}
    ranked = sorted(range(len(sources)), key=lambda n: (-sources[n].events, n))
    kept = sorted(ranked[: COLUMNS - 1])
    folded = {sources[n].key: OTHERS for n in ranked[COLUMNS - 1 :]}
    events = sum(1 for *_, cells in reports if any(key in folded for key in cells))
    others = Source(
        OTHERS,
        "Others",
        f"{len(folded)} sources that report fewer events, together",
        events,
        f"{len(folded)} sources",
    )
    return (*(sources[n] for n in kept), others), folded


def _source_key(article: Article, refs: dict[str, ArticleRef]) -> str:
    outlet = (article.outlet or "").strip()
    return f"outlet:{outlet}" if outlet else f"article:{refs[article.id].number}"


def _sources(
    articles: Sequence[Article], refs: dict[str, ArticleRef], counts: dict[str, int]
) -> tuple[Source, ...]:
    """The columns that report at least one event: outlets A to Z, then lone articles."""
    columns: dict[str, Source] = {}
    for article in articles:
        if article.id not in refs:
            continue
        key = _source_key(article, refs)
        if key not in counts or key in columns:
            continue
        ref = refs[article.id]
        if key.startswith("outlet:"):
            outlet = key.removeprefix("outlet:")
            columns[key] = Source(key, outlet, outlet, counts[key])
        else:
            words = ref.heading.split()
            note = " ".join(words[:_NOTE_WORDS]) + (" …" if len(words) > _NOTE_WORDS else "")
            columns[key] = Source(key, f"No. {ref.number}", ref.heading, counts[key], note)
    return tuple(
        sorted(
            columns.values(),
            key=lambda s: (
                s.key.startswith("article:"),
                s.label.casefold() if s.key.startswith("outlet:") else "",
                int(s.key.removeprefix("article:")) if s.key.startswith("article:") else 0,
                s.label,
            ),
        )
    )
