"""Turn a `Dossier` into the documented dossier.json shape, deterministically.

Key order follows docs/dossier.schema.json, lists are sorted, no timestamps: the same input
gives byte-identical output.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.model import (
    Article,
    Comparison,
    Dossier,
    Entity,
    Event,
    EventDate,
    EventMention,
    Mention,
    Participant,
    Published,
    Quote,
    Salience,
    Span,
    TimelineEntry,
)
from storyline.stages.stories import Story
from storyline.store.files import shown, write_text

SCHEMA_VERSION = "1"


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [_article(a) for a in dossier.articles],
        "entities": [_entity(e) for e in dossier.entities],
        "quotes": [_quote(q) for q in dossier.quotes],
        "timexes": [
            {
                "id": t.id,
                "article": t.article,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "type": t.type,
                "value": t.value,
                "mod": t.mod,
            }
            for t in dossier.timexes
        ],
        "events": [_event(e) for e in dossier.events],
        "timeline": [_timeline_entry(t) for t in dossier.timeline],
        "comparisons": [_comparison(c) for c in dossier.comparisons],
        "summary": [
            {"text": s.text, "sources": [_span(span) for span in s.sources]}
            for s in dossier.summary
        ],
        "copies": [
            {
                "article": c.article,
                "original": c.original,
                "similarity": c.similarity,
                "shared": [_span(span) for span in c.shared],
            }
            for c in dossier.copies
        ],
        "inputs": [
            {"path": shown(r.path), "status": r.status, "article": r.article, "reason": r.reason}
            for r in dossier.inputs
        ],
    }


def _published(published: Published | None) -> dict[str, Any] | None:
    if published is None:
        return None
    return {
        "value": published.value,
        "source": published.source,
        "earliest": published.earliest,
        "latest": published.latest,
        "method": published.method,
        "evidence": [_span(s) for s in published.evidence],
    }


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": shown(article.path),
        "format": article.format,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "authors": list(article.authors),
        "meta": dict(article.meta),
        "language": article.language,
        "analysed": article.analysed,
        "notes": list(article.notes),
        "text": article.text,
        "published": _published(article.published),
        "dropped": [
            {"text": d.text, "reason": d.reason, "raw_start": d.raw_start, "raw_end": d.raw_end}
            for d in article.dropped
        ],
        "segments": [[s.start, s.raw_start, s.length] for s in article.segments],
    }


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "aliases": list(entity.aliases),
        "roles": [
            {
                "text": role.text,
                "evidence": [_span(s) for s in role.evidence],
            }
            for role in entity.roles
        ],
        "articles": list(entity.articles),
        "mentions": [_span(m) for m in entity.mentions],
        "metonyms": [_span(m) for m in entity.metonyms],
    }


def _span(span: Span | Mention) -> dict[str, Any]:
    """A span of an article's cleaned text, as every record kind writes it."""
    return {"article": span.article, "start": span.start, "end": span.end, "text": span.text}


def _comparison(comparison: Comparison) -> dict[str, Any]:
    return {
        "id": comparison.id,
        "topic": comparison.topic,
        "verdict": comparison.verdict,
        "explanation": comparison.explanation,
        "independent": comparison.independent,
        "claims": [
            {
                **_span(c.span),
                "kind": c.kind,
                "value": c.value,
                "source": c.source,
                "published": c.published,
            }
            for c in comparison.claims
        ],
    }


def _quote(quote: Quote) -> dict[str, Any]:
    speaker = quote.speaker
    return {
        "id": quote.id,
        "article": quote.article,
        "start": quote.span.start,
        "end": quote.span.end,
        "text": quote.span.text,
        "kind": quote.kind,
        "speaker": None
        if speaker is None
        else {
            "entity": speaker.entity,
            "text": speaker.name or speaker.mention.text,
            "mention": _span(speaker.mention),
        },
        "cue": quote.cue.text if quote.cue else None,
        "cue_span": _span(quote.cue) if quote.cue else None,
        "channel": None
        if quote.channel is None
        else {**_span(quote.channel.span), "date": quote.channel.date},
        "also_in": [_span(s) for s in quote.also_in],
        "full": _span(quote.full),
        "implicit": quote.implicit,
    }


def _participant(participant: Participant | None) -> dict[str, Any] | None:
    if participant is None:
        return None
    return {"entity": participant.entity, "text": participant.name, **_span(participant.span)}


def _date(when: EventDate | None) -> dict[str, Any] | None:
    if when is None:
        return None
    return {"value": when.value, "granularity": when.granularity, "evidence": _span(when.span)}


def _who(record: Event | EventMention) -> dict[str, Any]:
    """Actors, targets and location, as events and their mentions write them."""
    return {
        "actors": [_participant(p) for p in record.actors],
        "targets": [_participant(p) for p in record.targets],
        "location": _participant(record.location),
    }


def _mention(mention: EventMention) -> dict[str, Any]:
    return {
        "article": mention.article,
        # the trigger words, flat: text == the article's cleaned text[start:end]
        "start": mention.trigger.start,
        "end": mention.trigger.end,
        "text": mention.trigger.text,
        "trigger": _span(mention.trigger),
        "type": mention.type,
        "origin": mention.origin,
        "predicate": mention.predicate,
        "status": mention.status,
        "cue": _span(mention.cue) if mention.cue else None,
        "date": _date(mention.date),
        **_who(mention),
    }


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "predicate": event.predicate,
        **_who(event),
        "date": _date(event.date),
        "status": event.status,
        "summary": _span(event.summary),
        "sources": [_span(s) for s in event.sources],
        "history": [
            {
                "article": h.article,
                "published": h.published,
                "status": h.status,
                "date": h.date,
                "evidence": _span(h.span),
                "cue": _span(h.cue) if h.cue else None,
            }
            for h in event.history
        ],
        "mentions": [_mention(m) for m in event.mentions],
        "salience": _salience(event.salience),
    }


def _salience(salience: Salience | None) -> dict[str, Any] | None:
    if salience is None:
        return None
    return {
        "score": salience.score,
        "witnesses": salience.witnesses,
        "centrality": salience.centrality,
        "background": salience.background,
        "changed": salience.changed,
        "key": salience.key,
    }


def _timeline_entry(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "date": entry.date or None,
        "granularity": entry.granularity,
        "event": entry.event,
        "status": entry.status,
        "summary": entry.summary,
        "sources": [_span(s) for s in entry.sources],
    }


def dossier_json(dossier: Dossier) -> str:
    return json.dumps(dossier_to_dict(dossier), ensure_ascii=False, indent=2) + "\n"


def write_json(dossier: Dossier, path: Path) -> None:
    """Write dossier.json whole or not at all (a killed build leaves the previous file)."""
    write_text(path, dossier_json(dossier))


def stories_to_list(stories: Sequence[tuple[Story, Dossier]]) -> list[dict[str, Any]]:
    """`stories.json`: each story's id, title, article paths (in publication order), first and
    last publication days."""
    out: list[dict[str, Any]] = []
    for story, dossier in stories:
        paths = {a.id: a.path for a in dossier.articles}
        out.append(
            {
                "id": story.id,
                "title": story.title,
                "articles": [paths[a] for a in story.articles if a in paths],
                "first": story.first,
                "last": story.last,
            }
        )
    return out


def write_stories(stories: Sequence[tuple[Story, Dossier]], path: Path) -> None:
    """Write stories.json whole or not at all."""
    text = json.dumps(stories_to_list(stories), ensure_ascii=False, indent=2) + "\n"
    write_text(path, text)
