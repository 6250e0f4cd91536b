"""The cited summary (dossier.json `summary[]`): a few sentences of the articles that tell the
story's key days, each with the spans it rests on.

Extractive, so no sentence says what no article says: the days are the timeline summary's most
salient days of the story's own period (not those more than `background_days` before its first
article), each told by up to `per_day` of its best `pool` sentences, the ones reported by the
most articles first; the sentences are in date order. A sentence's sources are its own span
and the spans of the sentences of other articles that share most of its content words (a
syndicated or rewritten copy). An article nothing cites yet adds its lead sentence; while the
summary has fewer than `fill` sentences, the other articles' leads are added too. Only
sentences that report are kept: a headline (no sentence end) or a sentence that opens with a
quotation is left out. Settings are `lexicon/en/glance.toml` [summary].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline import timevalues
from storyline.lexicon import table
from storyline.model import (
    Article,
    ArticleTimex,
    Copy,
    Entity,
    Event,
    EventDate,
    EventMention,
    Participant,
    Salience,
    Span,
    SummarySentence,
)
from storyline.stages.glance.salience import story_start
from storyline.stages.glance.select import Candidate, Settings, candidates, timeline_summary

REQUIRES = ("articles", "timexes", "entities", "events", "copies")
ASSIGNS = ("salience", "summary")


@dataclass(frozen=True, slots=True)
class SummarySettings:
    """The cited summary's settings; the defaults are `glance.toml`'s [summary]."""

    events: int
    dates: int
    per_day: int
    pool: int
    max_sentences: int
    background_days: int
    lead: int
    lead_within: int
    fill: int
    copy_overlap: float
    ends: str
    closers: str
    quote_openers: str

    @staticmethod
    def default() -> SummarySettings:
        rules = table("glance", "summary")
        return SummarySettings(
            events=int(rules["events"]),
            dates=int(rules["dates"]),
            per_day=int(rules["per_day"]),
            pool=int(rules["pool"]),
            max_sentences=int(rules["max_sentences"]),
            # one background for the summary and salience: [salience]'s
            background_days=int(table("glance", "salience")["background_days"]),
            lead=int(rules["lead"]),
            lead_within=int(rules["lead_within"]),
            fill=int(rules["fill"]),
            copy_overlap=float(rules["copy_overlap"]),
            ends="".join(str(c) for c in rules["ends"]),
            closers="".join(str(c) for c in rules["closers"]),
            quote_openers="".join(str(c) for c in rules["quote_openers"]),
        )


_EMPTY = Candidate(Span("", 0, 0, ""), 0, None, None, (), ())


def _span(span: Span) -> dict[str, Any]:
    return {"article": span.article, "start": span.start, "end": span.end, "text": span.text}


def _date(when: EventDate | None) -> dict[str, Any] | None:
    return None if when is None else {"value": when.value, "granularity": when.granularity}


def _mention(mention: EventMention) -> dict[str, Any]:
    return {
        "article": mention.article,
        "start": mention.trigger.start,
        "date": _date(mention.date),
    }


def _who(participant: Participant | None) -> dict[str, Any] | None:
    return None if participant is None else {"entity": participant.entity}


def _salience(salience: Salience | None) -> dict[str, Any] | None:
    if salience is None:
        return None
    return {"score": salience.score, "background": salience.background, "key": salience.key}


def records(
    articles: Sequence[Article],
    timexes: Sequence[ArticleTimex],
    events: Sequence[Event],
    entities: Sequence[Entity] = (),
    copies: Sequence[Copy] = (),
) -> dict[str, Any]:
    """The part of dossier.json the glance functions read, made from a run's records."""
    return {
        "copies": [{"article": c.article, "original": c.original} for c in copies],
        "articles": [
            {
                "id": a.id,
                "text": a.text,
                "outlet": a.outlet,
                "analysed": a.analysed,
                "published": None if a.published is None else {"value": a.published.value},
            }
            for a in articles
        ],
        "entities": [
            {"id": e.id, "mentions": [{"article": m.article} for m in e.mentions]} for e in entities
        ],
        "timexes": [
            {"article": t.article, "start": t.start, "end": t.end, "value": t.value}
            for t in timexes
        ],
        "events": [
            {
                "id": e.id,
                "summary": _span(e.summary),
                "date": _date(e.date),
                "sources": [_span(s) for s in e.sources],
                "mentions": [_mention(m) for m in e.mentions],
                "actors": [_who(p) for p in e.actors],
                "targets": [_who(p) for p in e.targets],
                "history": [{"status": h.status, "published": h.published} for h in e.history],
                "salience": _salience(e.salience),
            }
            for e in events
        ],
    }


def _overlap(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def _copies(cand: Candidate, found: Sequence[Candidate], threshold: float) -> list[Span]:
    """The sentences of other articles that tell what `cand` tells (one per article, the
    closest)."""
    best: dict[str, tuple[float, Span]] = {}
    for other in found:
        if other.span.article == cand.span.article:
            continue
        share = _overlap(cand.words, other.words)
        if share < threshold:
            continue
        kept = best.get(other.span.article)
        if kept is None or share > kept[0]:
            best[other.span.article] = (share, other.span)
    return [span for _, span in sorted(best.values(), key=lambda p: (p[1].article, p[1].start))]


def _reports(text: str, settings: SummarySettings) -> bool:
    """Whether a sentence reports: it ends as a sentence does (a headline does not) and does
    not open with a quotation (a voice, not a report)."""
    text = text.strip()
    if not text or text[0] in settings.quote_openers:
        return False
    return text.rstrip(settings.closers)[-1:] in settings.ends


def _key_events(
    dossier: Mapping[str, Any], begin: date | None, count: int
) -> list[tuple[date | None, Span, list[Span]]]:
    """The `count` most salient events reported by at least two articles (by salience where
    the events carry it, else by how many articles report them), not background: each with
    its day, its best sentence and its other sources."""
    ranked: list[tuple[tuple[float, ...], str, date | None, Span, list[Span]]] = []
    for event in dossier.get("events", ()):
        articles = sorted({str(s["article"]) for s in event.get("sources", ())})
        if len(articles) < 2 or not event.get("summary"):
            continue
        day = timevalues.first_day(str((event.get("date") or {}).get("value", "")))
        if begin is not None and day is not None and day < begin:
            continue
        best = event["summary"]
        span = Span(str(best["article"]), int(best["start"]), int(best["end"]), str(best["text"]))
        # one source in each other article: the first of its spans
        first: dict[str, Span] = {}
        for o in sorted(event.get("sources", ()), key=lambda o: (o["article"], o["start"])):
            if str(o["article"]) != span.article:
                first.setdefault(
                    str(o["article"]),
                    Span(str(o["article"]), int(o["start"]), int(o["end"]), str(o["text"])),
                )
        others = [first[a] for a in sorted(first)]
        salience = event.get("salience") or {}
        if salience.get("background"):
            continue
        order = (-float(salience.get("score", 0.0)), -len(articles))
        ranked.append((order, str(event.get("id", "")), day, span, others))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [(day, span, others) for _, _, day, span, others in ranked[:count]]


def cited_summary(
    dossier: Mapping[str, Any],
    settings: SummarySettings | None = None,
    glance: Settings | None = None,
    found: Sequence[Candidate] | None = None,
) -> tuple[SummarySentence, ...]:
    """The story's cited summary from a dossier's records (`articles`, `timexes`, `events`)."""
    settings = settings or SummarySettings.default()
    glance = glance or Settings.default()
    found = candidates(dossier, glance.event_dates) if found is None else found
    by_span = {(c.span.article, c.span.start): c for c in found}
    begin = story_start(dossier, settings.background_days)
    # units: (priority, day, span, its other sources); the lower the priority, the likelier kept
    units: list[tuple[int, date | None, Span, list[Span] | None]] = []
    told_by: set[str] = set()  # `events` distinct sentences: two events may share one
    for day, span, others in _key_events(dossier, begin, len(dossier.get("events", ()))):
        if len(told_by) >= settings.events:
            break
        if _reports(span.text, settings) and span.text not in told_by:
            told_by.add(span.text)
            units.append((len(units), day, span, others))
    days = timeline_summary(
        dossier, settings.dates, settings.pool, start=begin, settings=glance, found=found
    )
    for summary_day in sorted(days, key=lambda d: (-d.score, d.date)):
        told: list[tuple[int, int, Candidate, list[Span]]] = []
        for rank, span in enumerate(summary_day.sentences):
            if not _reports(span.text, settings):
                continue
            cand = by_span[(span.article, span.start)]
            copies = _copies(cand, found, settings.copy_overlap)
            told.append((-len(copies), rank, cand, copies))
        told.sort(key=lambda t: (t[0], t[1]))
        for _, _, cand, copies in sorted(told[: settings.per_day], key=lambda t: t[1]):
            units.append((len(units), date.fromisoformat(summary_day.date), cand.span, copies))
    # each article says what it reports in its lead sentences (dated by its publication day)
    leads: dict[str, int] = {}
    # (their other sources are looked for only once chosen: a story of many articles has many)
    lead_units: list[tuple[date | None, Span, list[Span] | None]] = []
    for cand in found:
        if leads.get(cand.span.article, 0) >= settings.lead or cand.index >= settings.lead_within:
            continue
        if glance.min_words <= len(cand.span.text.split()) and _reports(cand.span.text, settings):
            leads[cand.span.article] = leads.get(cand.span.article, 0) + 1
            lead_units.append((cand.published, cand.span, None))
    # first the leads of the articles nothing cites yet, then, below `fill`, the others
    cited_so_far = {span.article for _, _, span, _ in units}
    for day, span, pending in lead_units:
        if span.article not in cited_so_far:
            units.append((len(units), day, span, pending))
    fill_from = len(units)
    for day, span, pending in lead_units:
        if span.article in cited_so_far:
            units.append((len(units), day, span, pending))
    chosen: list[tuple[int, date | None, Span, list[Span]]] = []
    for unit in units:
        if len(chosen) >= settings.max_sentences:
            break
        priority, day, span, sources = unit
        if priority >= fill_from and len(chosen) >= settings.fill:
            break
        words = (
            by_span[(span.article, span.start)].words
            if (span.article, span.start) in by_span
            else ()
        )
        if any(
            c[2].text == span.text
            or _overlap(words, by_span.get((c[2].article, c[2].start), _EMPTY).words)
            >= settings.copy_overlap
            for c in chosen
        ):
            continue
        if sources is None:
            sources = _copies(by_span[(span.article, span.start)], found, settings.copy_overlap)
        chosen.append((priority, day, span, sources))
    chosen.sort(key=lambda u: (u[1] is None, u[1] or date.min, u[0]))
    return tuple(
        SummarySentence(span.text, (span, *_unique(others, span))) for _, _, span, others in chosen
    )


def _unique(spans: Sequence[Span], own: Span) -> list[Span]:
    seen = {(own.article, own.start, own.end)}
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.article, s.start, s.end)):
        if (span.article, span.start, span.end) not in seen:
            seen.add((span.article, span.start, span.end))
            kept.append(span)
    return kept
