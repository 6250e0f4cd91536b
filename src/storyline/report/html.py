"""The HTML report: one self-contained page that shows what a build found.

The page shows the cited summary, the key events (the most salient ones of the story's own
period, `stages/glance/salience.py`), the timeline summary day by day (what `storyline
timeline` prints with its default L and K, over the story's own period), an overview of the
story (how many articles, from which outlets, over which publication dates, how many entities);
the timeline: a chart of the dated events on a date axis (each a bar as long as its date's
granularity, coloured by status) and a table of every event of the timeline, then of the events
with no date that name someone, with its status, participants, best sentence, sources and what
each source said when (the background, events dated before the story's own period, folded into
a section of its own); the coverage matrix (which outlet reported which event, when and in
which status; see `coverage.py`); one card per article in publication order (title, outlet,
link, language with its notes, the publication date with whether it was given or inferred and
its evidence, the lines that cleaning dropped with their reasons, and the cleaned text); the
entities grouped by type with their aliases, roles, mentions and articles; the time
expressions; the quotes grouped by speaker; and an account of every input.

A section appears only when the dossier holds records for it: no empty shells. The page opens
with the story's cited summary (each sentence links to its own span, each source to its span).
Where the sources differ comes after the key events: the contradictions, then the complements
(claims that add to each other), each with its explanation and its claims, each claim one click
from its words in its article; the points where they agree are folded below. Every fact links
to its evidence: the best sentence and sources of a timeline
entry, the coverage cells, quotes, entity mentions and roles, time expressions and date
evidence open their article's cleaned text with exactly that span highlighted (see
`evidence.py` for how the offsets land in the page).

The page needs no network: the CSS and the little script (sortable tables, an entity filter,
highlighting evidence, opening collapsed parts before printing) are inline, and the only URLs
are plain links to the articles themselves, given only for http(s) URLs. Every
article-derived string goes through Jinja's autoescaping, and the script touches article text
only as DOM text nodes. The output depends only on the dossier, so two renders are identical.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from storyline.model import (
    Article,
    ArticleTimex,
    Claim,
    Comparison,
    Dossier,
    Entity,
    Event,
    InputReport,
    Mention,
    Published,
    Quote,
    Span,
    TimelineEntry,
)
from storyline.report.changes import Changes
from storyline.report.chart import timeline_chart
from storyline.report.coverage import COLUMNS, Matrix, coverage_matrix
from storyline.report.evidence import ArticleRef, EvidenceLinks, text_pieces
from storyline.stages import glance
from storyline.stages.compare import VERDICT_ORDER

_TEMPLATES = Path(__file__).parent / "templates"
_HEADING_WORDS = 12
_DIGEST_DATES = 10  # the timeline summary's L and K: `storyline timeline`'s defaults
_DIGEST_SENTENCES = 2
_WHITESPACE = re.compile(r"\s+")

# Entity types in display order, with their section labels; the tagger's OntoNotes labels
# and both spellings of "organisation" land in the same groups.
_TYPE_GROUPS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("person", "per"), "People"),
    (("organization", "organisation", "org"), "Organisations"),
    (("place", "gpe", "loc", "location", "fac"), "Places"),
    (("group", "norp"), "Groups"),
    (("event",), "Events"),
)


@dataclass(frozen=True, slots=True)
class _ArticleCard:
    ref: ArticleRef
    article: Article
    titled: bool
    href: str | None
    pieces: tuple[tuple[str, bool], ...]  # the cleaned text: paragraphs and what is between
    paragraphs: int
    entities: tuple[tuple[str, int], ...]
    copy_of: tuple[ArticleRef, float, Span | None] | None = None  # original, share, a passage


@dataclass(frozen=True, slots=True)
class _EntityRow:
    entity: Entity
    mentions: tuple[tuple[Mention, ArticleRef], ...]  # those in articles of this dossier
    count: int
    articles: tuple[tuple[ArticleRef, Mention], ...]  # each article with its first mention
    other_articles: int


@dataclass(frozen=True, slots=True)
class _EntityGroup:
    type: str
    label: str
    anchor: str
    rows: tuple[_EntityRow, ...]


@dataclass(frozen=True, slots=True)
class _InputRow:
    report: InputReport
    article: ArticleRef | None


@dataclass(frozen=True, slots=True)
class _Overview:
    articles: int
    outlets: tuple[str, ...]
    first_date: str | None
    last_date: str | None
    undated: int
    languages: tuple[tuple[str, int], ...]
    entities: int
    mentions: int
    inputs: int
    statuses: tuple[tuple[str, int], ...]
    independent: int = 0  # sources: outlets and lone articles, a syndicated copy not counted
    copies: int = 0


@dataclass(frozen=True, slots=True)
class _TimexRow:
    timex: ArticleTimex
    article: ArticleRef | None


@dataclass(frozen=True, slots=True)
class _QuoteRow:
    quote: Quote
    article: ArticleRef | None
    also_in: tuple[tuple[ArticleRef, Span], ...]


@dataclass(frozen=True, slots=True)
class _SpeakerGroup:
    name: str
    quotes: tuple[_QuoteRow, ...]


@dataclass(frozen=True, slots=True)
class _TimelineRow:
    entry: TimelineEntry
    event: Event
    anchor: str
    actors: str
    targets: str
    sources: tuple[tuple[str, Span], ...]  # link label ("2", or "2a", "2b"), span
    history: tuple[tuple[str, str, str | None, ArticleRef | None, Span], ...]
    per_article: tuple[tuple[str, Span], ...] = ()  # the first source in each article
    background: bool = False  # dated before the story's own period (folded away)
    key: bool = False  # one of the story's key events (`stages/glance/salience.py`)


@dataclass(frozen=True, slots=True)
class _DigestDay:
    date: str
    sentences: tuple[tuple[str, Span], ...]  # text, its span


@dataclass(frozen=True, slots=True)
class _ComparisonRow:
    comparison: Comparison
    claims: tuple[tuple[Claim, ArticleRef | None], ...]


def render_report(dossier: Dossier, changes: Changes | None = None) -> str:
    """Render `dossier` as a complete, self-contained HTML5 page; with `changes`, it opens
    with what changed since the last build of the story."""
    cards = _article_cards(dossier)
    refs = {card.article.id: card.ref for card in cards}
    inputs = tuple(_InputRow(report, refs.get(report.article or "")) for report in dossier.inputs)
    compared = tuple(
        _ComparisonRow(c, tuple((claim, refs.get(claim.span.article)) for claim in c.claims))
        for c in sorted(dossier.comparisons, key=lambda c: VERDICT_ORDER[c.verdict])
    )
    rows = _timeline_rows(dossier, refs)
    timeline = tuple(row for row in rows if not row.background)
    background = tuple(row for row in rows if row.background)
    shown = {row.entry.event for row in timeline}
    story = replace(dossier, timeline=tuple(e for e in dossier.timeline if e.event in shown))
    # what the glance functions read, and the first day of the story's own period
    view = glance.records(
        dossier.articles, dossier.timexes, dossier.events, dossier.entities, dossier.copies
    )
    begin = glance.story_start(view, glance.SalienceSettings.default().background_days)
    template = _environment().get_template("report.html.j2")
    return template.render(
        overview=_overview(dossier, view),
        inputs=inputs,
        cards=cards,
        entity_groups=_entity_groups(dossier.entities, refs),
        timexes=tuple(
            _TimexRow(t, refs.get(t.article))
            for t in sorted(
                dossier.timexes,
                key=lambda t: (refs[t.article].number if t.article in refs else 0, t.start),
            )
        ),
        speakers=_speaker_groups(dossier.quotes, refs),
        timeline=timeline,
        background=background,
        background_from=None if begin is None else begin.isoformat(),
        key_events=tuple(row for row in rows if row.key),
        digest=_digest(view, begin),
        chart=timeline_chart(story if timeline else dossier),
        coverage=_coverage(timeline, dossier, refs),
        coverage_columns=COLUMNS,
        differ=tuple(row for row in compared if row.comparison.verdict != "agree"),
        agree=tuple(row for row in compared if row.comparison.verdict == "agree"),
        summary=tuple(
            (s.text.strip(), _source_links(s.sources, refs), s.sources[0] if s.sources else None)
            for s in dossier.summary
        ),
        evidence=EvidenceLinks(refs),
        changes=changes,
        new_articles=tuple(refs[a.id] for a in changes.articles if a.id in refs) if changes else (),
        event_anchor={row.event.id: row.anchor for row in rows},
    )


def _coverage(
    timeline: Sequence[_TimelineRow], dossier: Dossier, refs: dict[str, ArticleRef]
) -> Matrix | None:
    copies = {c.article: refs[c.original] for c in dossier.copies if c.original in refs}
    return coverage_matrix(
        [(row.anchor, row.entry, row.event) for row in timeline], dossier.articles, refs, copies
    )


def _timeline_rows(dossier: Dossier, refs: dict[str, ArticleRef]) -> tuple[_TimelineRow, ...]:
    """The timeline's entries in its order, then the events it leaves out for having no
    date, when they name someone (the reader should still see "X met Y", date unknown)."""
    by_id = {event.id: event for event in dossier.events}
    placed = {entry.event for entry in dossier.timeline}
    undated = [
        TimelineEntry(
            date="",
            granularity="none",
            event=event.id,
            status=event.status,
            summary=event.summary.text.strip(),
            sources=event.sources,
        )
        for event in dossier.events
        if event.id not in placed and event.date is None and (event.actors or event.targets)
    ]
    rows = []
    for number, entry in enumerate((*dossier.timeline, *undated), start=1):
        event = by_id.get(entry.event)
        if event is None:
            continue
        rows.append(
            _TimelineRow(
                entry=entry,
                event=event,
                anchor=f"event-{number}",
                actors=", ".join(p.name for p in event.actors),
                targets=", ".join(p.name for p in event.targets),
                sources=_source_links(entry.sources, refs),
                history=tuple(
                    (h.published or "undated", h.status, h.date, refs.get(h.article), h.span)
                    for h in event.history
                ),
                per_article=_source_links(_first_per_article(entry.sources), refs),
                background=bool(event.salience and event.salience.background),
                key=bool(event.salience and event.salience.key),
            )
        )
    return tuple(rows)


def _first_per_article(sources: Sequence[Span]) -> list[Span]:
    first: dict[str, Span] = {}
    for span in sorted(sources, key=lambda s: (s.article, s.start, s.end)):
        first.setdefault(span.article, span)
    return list(first.values())


def _digest(view: Mapping[str, Any], begin: date | None) -> tuple[_DigestDay, ...]:
    """The timeline summary `storyline timeline` prints with its default L and K, from `begin`
    (the story's own period): the most salient days and the sentences that best tell each."""
    days = glance.timeline_summary(view, _DIGEST_DATES, _DIGEST_SENTENCES, start=begin)
    return tuple(
        _DigestDay(day.date, tuple((s.text.strip(), s) for s in day.sentences)) for day in days
    )


def _source_links(
    sources: Sequence[Span], refs: dict[str, ArticleRef]
) -> tuple[tuple[str, Span], ...]:
    """Each source span with its link label: the article's number, lettered when it repeats."""
    known = sorted(
        (s for s in sources if s.article in refs),
        key=lambda s: (refs[s.article].number, s.start, s.end),
    )
    per_article = Counter(s.article for s in known)
    links = []
    seen: Counter[str] = Counter()
    for span in known:
        label = str(refs[span.article].number)
        if per_article[span.article] > 1:
            label += _letter(seen[span.article])
        seen[span.article] += 1
        links.append((label, span))
    return tuple(links)


def _letter(index: int) -> str:
    """a, b, ..., z, then aa, ab, ... for the index-th repeat."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _speaker_groups(
    quotes: Sequence[Quote], refs: dict[str, ArticleRef]
) -> tuple[_SpeakerGroup, ...]:
    """Quotes grouped by who said them: most-quoted speaker first, unattributed last."""
    groups: dict[str, list[_QuoteRow]] = {}
    for quote in quotes:
        speaker = quote.speaker
        name = (speaker.name or speaker.mention.text) if speaker else ""
        row = _QuoteRow(
            quote,
            refs.get(quote.article),
            tuple(
                sorted(
                    ((refs[s.article], s) for s in quote.also_in if s.article in refs),
                    key=lambda pair: (pair[0].number, pair[1].start),
                )
            ),
        )
        groups.setdefault(name, []).append(row)
    ordered = sorted(groups.items(), key=lambda g: (g[0] == "", -len(g[1]), g[0].casefold()))
    return tuple(
        _SpeakerGroup(
            name or "Unattributed",
            tuple(
                sorted(
                    rows,
                    key=lambda r: (r.article.number if r.article else 0, r.quote.span.start),
                )
            ),
        )
        for name, rows in ordered
    )


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _article_cards(dossier: Dossier) -> tuple[_ArticleCard, ...]:
    mentions: dict[str, Counter[str]] = {}
    for entity in dossier.entities:
        for mention in entity.mentions:
            mentions.setdefault(mention.article, Counter())[entity.name] += 1
    cards = []
    for number, article in enumerate(sorted(dossier.articles, key=_article_order), start=1):
        counts = mentions.get(article.id, Counter())
        cards.append(
            _ArticleCard(
                ref=ArticleRef(number, f"article-{number}", _heading(article)),
                article=article,
                titled=bool(article.title and article.title.strip()),
                href=safe_url(article.url),
                pieces=(pieces := text_pieces(article.text)),
                paragraphs=sum(paragraph for _, paragraph in pieces),
                entities=tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
            )
        )
    refs = {card.article.id: card.ref for card in cards}
    copied = {c.article: c for c in dossier.copies if c.original in refs}
    return tuple(
        replace(
            card,
            copy_of=(
                refs[copied[card.article.id].original],
                copied[card.article.id].similarity,
                next(iter(copied[card.article.id].shared), None),
            ),
        )
        if card.article.id in copied
        else card
        for card in cards
    )


def _article_order(article: Article) -> tuple[bool, str, str, str, str, str]:
    """Earliest publication first, undated last; ties broken by heading, then id."""
    published = article.published
    if published is None:
        return (True, "", "", "", _heading(article), article.id)
    return (
        False,
        published.earliest,
        published.latest,
        published.value,
        _heading(article),
        article.id,
    )


def _heading(article: Article) -> str:
    """The title, or the first words of the text when there is none."""
    if article.title and article.title.strip():
        return _WHITESPACE.sub(" ", article.title.strip())
    words = article.text.split()
    if not words:
        return "(untitled, empty text)"
    heading = " ".join(words[:_HEADING_WORDS])
    return heading + " …" if len(words) > _HEADING_WORDS else heading


def safe_url(url: str | None) -> str | None:
    """`url` if it is an http(s) URL with a host, else None (it is then shown as text)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def _overview(dossier: Dossier, view: Mapping[str, Any]) -> _Overview:
    dated = [a.published for a in dossier.articles if a.published is not None]
    languages = Counter(article.language for article in dossier.articles)
    statuses = Counter(report.status for report in dossier.inputs)
    return _Overview(
        articles=len(dossier.articles),
        outlets=tuple(sorted({a.outlet for a in dossier.articles if a.outlet}, key=str.casefold)),
        first_date=min((_first_day(p) for p in dated), default=None),
        last_date=max((_last_day(p) for p in dated), default=None),
        undated=len(dossier.articles) - len(dated),
        languages=tuple(sorted(languages.items(), key=lambda item: (-item[1], item[0]))),
        entities=len(dossier.entities),
        mentions=sum(len(entity.mentions) for entity in dossier.entities),
        inputs=len(dossier.inputs),
        independent=len(set(glance.witnesses(view).values())),
        copies=len(dossier.copies),
        statuses=tuple(
            (status, statuses[status])
            for status in ("processed", "duplicate", "skipped")
            if statuses[status]
        ),
    )


def _first_day(published: Published) -> str:
    return published.earliest or published.value


def _last_day(published: Published) -> str:
    return published.latest or published.value


def _entity_groups(
    entities: tuple[Entity, ...], refs: dict[str, ArticleRef]
) -> tuple[_EntityGroup, ...]:
    by_type: dict[str, list[_EntityRow]] = {}
    for entity in entities:
        mentioned = {mention.article for mention in entity.mentions}
        shown = sorted(
            {(m.article, m.start, m.end): m for m in entity.mentions if m.article in refs}.values(),
            key=lambda m: (refs[m.article].number, m.start, m.end),
        )
        first: dict[str, Mention] = {}
        for mention in shown:
            first.setdefault(mention.article, mention)
        by_type.setdefault(entity.type, []).append(
            _EntityRow(
                entity=entity,
                mentions=tuple((m, refs[m.article]) for m in shown),
                count=len(entity.mentions),
                articles=tuple((refs[a], m) for a, m in first.items()),
                other_articles=len(mentioned) - len(first),
            )
        )
    groups = []
    for number, type_ in enumerate(sorted(by_type, key=_type_order), start=1):
        rows = sorted(
            by_type[type_],
            key=lambda row: (-row.count, row.entity.name.casefold(), row.entity.id),
        )
        groups.append(_EntityGroup(type_, _type_label(type_), f"entities-{number}", tuple(rows)))
    return tuple(groups)


def _type_order(type_: str) -> tuple[int, str]:
    for index, (names, _label) in enumerate(_TYPE_GROUPS):
        if type_.casefold() in names:
            return (index, type_)
    return (len(_TYPE_GROUPS), type_.casefold())


def _type_label(type_: str) -> str:
    for names, label in _TYPE_GROUPS:
        if type_.casefold() in names:
            return label
    return type_.capitalize() if type_ else "Other"
