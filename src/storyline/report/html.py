"""The HTML report: one self-contained page that shows what a build found.

The page shows an overview of the story (how many articles, from which outlets, over which
publication dates, how many entities), an account of every input (processed, duplicate
or skipped, and why), one card per article in publication order (title, outlet, link, language
with its notes, the publication date with whether it was given or inferred and the evidence
for it, the lines that cleaning dropped with their reasons, and the cleaned text), and the
entities grouped by type with their aliases, roles, mention counts and the articles that
mention them, the time expressions, the quotes grouped by speaker, and the timeline: a chart
of the dated events on a date axis (each a bar as long as its date's granularity, coloured by
status) and a table of every event with its status, participants, best sentence, sources and
what each source said when. Record kinds that later stages fill (summary, comparisons) are
listed as "not yet extracted"; nothing is shown that the dossier does not hold.

The page needs no network: the CSS and the little script (sortable tables, an entity filter,
opening collapsed parts before printing) are inline, and the only URLs are plain links to the
articles themselves, given only for http(s) URLs. Every article-derived string goes through
Jinja's autoescaping. The output depends only on the dossier, so two renders are identical.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from storyline import timevalues
from storyline.model import (
    Article,
    ArticleTimex,
    Dossier,
    Entity,
    Event,
    InputReport,
    Published,
    Quote,
    TimelineEntry,
)

_TEMPLATES = Path(__file__).parent / "templates"
_HEADING_WORDS = 12
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
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

# Record kinds that later stages fill, in the order the report will show them.
_LATER_KINDS: tuple[tuple[str, str], ...] = (
    ("summary", "Summary"),
    ("comparisons", "Where sources agree and differ"),
)


@dataclass(frozen=True, slots=True)
class _ArticleRef:
    number: int
    anchor: str
    heading: str


@dataclass(frozen=True, slots=True)
class _ArticleCard:
    ref: _ArticleRef
    article: Article
    titled: bool
    href: str | None
    paragraphs: tuple[str, ...]
    entities: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class _EntityRow:
    entity: Entity
    mentions: int
    articles: tuple[_ArticleRef, ...]
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
    article: _ArticleRef | None


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


@dataclass(frozen=True, slots=True)
class _TimexRow:
    timex: ArticleTimex
    article: _ArticleRef | None


@dataclass(frozen=True, slots=True)
class _QuoteRow:
    quote: Quote
    article: _ArticleRef | None
    also_in: tuple[_ArticleRef, ...]


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
    sources: tuple[_ArticleRef, ...]
    history: tuple[tuple[str, str, str | None, _ArticleRef | None], ...]  # published, status


@dataclass(frozen=True, slots=True)
class _Bar:
    x: float
    width: float
    y: float
    status: str
    label: str
    anchor: str


@dataclass(frozen=True, slots=True)
class _Chart:
    width: int
    height: int
    bars: tuple[_Bar, ...]
    ticks: tuple[tuple[float, str], ...]


_CHART_WIDTH = 900
_CHART_LEFT = 10
_CHART_ROW = 16
_LABEL_WORDS = 8


@dataclass(frozen=True, slots=True)
class _LaterKind:
    label: str
    count: int


def render_report(dossier: Dossier) -> str:
    """Render `dossier` as a complete, self-contained HTML5 page."""
    cards = _article_cards(dossier)
    refs = {card.article.id: card.ref for card in cards}
    inputs = tuple(_InputRow(report, refs.get(report.article or "")) for report in dossier.inputs)
    later = tuple(_LaterKind(label, len(getattr(dossier, name))) for name, label in _LATER_KINDS)
    template = _environment().get_template("report.html.j2")
    return template.render(
        overview=_overview(dossier),
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
        timeline=_timeline_rows(dossier, refs),
        chart=_chart(dossier),
        later=later,
    )


def _timeline_rows(dossier: Dossier, refs: dict[str, _ArticleRef]) -> tuple[_TimelineRow, ...]:
    by_id = {event.id: event for event in dossier.events}
    rows = []
    for number, entry in enumerate(dossier.timeline, start=1):
        event = by_id.get(entry.event)
        if event is None:
            continue
        articles = sorted({s.article for s in entry.sources if s.article in refs})
        rows.append(
            _TimelineRow(
                entry=entry,
                event=event,
                anchor=f"event-{number}",
                actors=", ".join(p.name for p in event.actors),
                targets=", ".join(p.name for p in event.targets),
                sources=tuple(sorted((refs[a] for a in articles), key=lambda r: r.number)),
                history=tuple(
                    (h.published or "undated", h.status, h.date, refs.get(h.article))
                    for h in event.history
                ),
            )
        )
    return tuple(rows)


def _chart(dossier: Dossier) -> _Chart | None:
    """Bars for the events with a calendar date, on a shared axis of days."""
    dated = []
    for number, entry in enumerate(dossier.timeline, start=1):
        found = timevalues.period(entry.date) if entry.date else None
        if found is not None:
            dated.append((found, entry, f"event-{number}"))
    if not dated:
        return None
    first = min(found[0] for found, _, _ in dated).toordinal()
    last = max(found[1] for found, _, _ in dated).toordinal() + 1
    span = max(last - first, 1)
    usable = _CHART_WIDTH - 2 * _CHART_LEFT

    def x(day: int) -> float:
        return round(_CHART_LEFT + usable * (day - first) / span, 1)

    bars = []
    for row, (found, entry, anchor) in enumerate(dated):
        start, end = x(found[0].toordinal()), x(found[1].toordinal() + 1)
        words = entry.summary.split()
        label = " ".join(words[:_LABEL_WORDS]) + (" …" if len(words) > _LABEL_WORDS else "")
        bars.append(
            _Bar(
                start,
                max(round(end - start, 1), 3.0),
                20 + row * _CHART_ROW,
                entry.status,
                f"{entry.date}: {label}",
                anchor,
            )
        )
    low, high = date.fromordinal(first), date.fromordinal(last - 1)
    if span > 3 * 366:  # years, else months
        marks = [(date(y, 1, 1), str(y)) for y in range(low.year, high.year + 2)]
    else:
        months = (high.year - low.year) * 12 + high.month - low.month + 2
        marks = [
            (date(low.year + (low.month - 1 + i) // 12, (low.month - 1 + i) % 12 + 1, 1), "")
            for i in range(months)
        ]
        marks = [(day, day.strftime("%Y-%m")) for day, _ in marks]
    ticks = tuple(
        (x(day.toordinal()), text) for day, text in marks if first <= day.toordinal() <= last
    )
    return _Chart(_CHART_WIDTH, 30 + len(bars) * _CHART_ROW, tuple(bars), ticks)


def _speaker_groups(
    quotes: Sequence[Quote], refs: dict[str, _ArticleRef]
) -> tuple[_SpeakerGroup, ...]:
    """Quotes grouped by who said them: most-quoted speaker first, unattributed last."""
    groups: dict[str, list[_QuoteRow]] = {}
    for quote in quotes:
        speaker = quote.speaker
        name = (speaker.name or speaker.mention.text) if speaker else ""
        row = _QuoteRow(
            quote,
            refs.get(quote.article),
            tuple(refs[s.article] for s in quote.also_in if s.article in refs),
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
                ref=_ArticleRef(number, f"article-{number}", _heading(article)),
                article=article,
                titled=bool(article.title and article.title.strip()),
                href=safe_url(article.url),
                paragraphs=tuple(
                    p.strip() for p in _PARAGRAPH_BREAK.split(article.text) if p.strip()
                ),
                entities=tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
            )
        )
    return tuple(cards)


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


def _overview(dossier: Dossier) -> _Overview:
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
    entities: tuple[Entity, ...], refs: dict[str, _ArticleRef]
) -> tuple[_EntityGroup, ...]:
    by_type: dict[str, list[_EntityRow]] = {}
    for entity in entities:
        mentioned = sorted({mention.article for mention in entity.mentions})
        known = sorted((refs[a] for a in mentioned if a in refs), key=lambda ref: ref.number)
        by_type.setdefault(entity.type, []).append(
            _EntityRow(
                entity=entity,
                mentions=len(entity.mentions),
                articles=tuple(known),
                other_articles=len(mentioned) - len(known),
            )
        )
    groups = []
    for number, type_ in enumerate(sorted(by_type, key=_type_order), start=1):
        rows = sorted(
            by_type[type_],
            key=lambda row: (-row.mentions, row.entity.name.casefold(), row.entity.id),
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
