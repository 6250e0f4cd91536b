"""Channels: where and when a cue's words were said ("told VOA", "in an email on April 10",
"during a Zoom call on April 13"), and the channel's date, normalised with the article's
publication date as anchor (`timex.tag`). The channel nouns and prepositions are in
lexicon/en/quotes.toml.
"""

from __future__ import annotations

from storyline import lexicon
from storyline.model import Channel, Span
from storyline.stages import timex
from storyline.stages.quotes._context import (
    _Context,
    _entities_at,
    _sentence_at,
    _token_span,
    _trim_span,
)
from storyline.stages.quotes.regions import _inside

_CHANNEL_NOUNS = lexicon.words("quotes", "channel_nouns")
_CHANNEL_PREPOSITIONS = lexicon.words("quotes", "channel_prepositions")


def _channel(ctx: _Context, verb: int) -> Channel | None:
    """ "told VOA", "in an email on April 10", "during a Zoom call on April 13"."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    parts: list[tuple[int, int]] = []
    if tokens[verb].lemma.lower() == "tell":
        for k in graph.kids(verb, "dobj", "dative"):
            if tokens[k].pos == "PROPN":
                parts.append((tokens[verb].start, _token_span(ctx, graph.subtree(k))[1]))
    for k in graph.kids(verb, "prep"):
        word = text[tokens[k].start : tokens[k].end].lower()
        objects = graph.kids(k, "pobj")
        if word not in _CHANNEL_PREPOSITIONS or not objects:
            continue
        noun = tokens[objects[0]]
        if noun.lemma.lower() in _CHANNEL_NOUNS or _is_outlet(ctx, objects[0], word):
            parts.append(_token_span(ctx, graph.subtree(k)))
    if not parts:
        return None
    start = min(p[0] for p in parts)
    end = max(p[1] for p in parts)
    if end - start > 120 or _inside(ctx.regions, start):
        return None
    end = _date_after(ctx, verb, end)
    span = ctx.article.span(*_trim_span(text, start, end))
    return Channel(span, _channel_date(ctx, span))


def _is_outlet(ctx: _Context, noun: int, preposition: str) -> bool:
    """ "on CNN", "on Twitter": a named organisation after "on"."""
    if preposition != "on":
        return False
    token = ctx.annotation.tokens[noun]
    return any(e.label == "ORG" for e in _entities_at(ctx.annotation, token.start))


def _date_after(ctx: _Context, verb: int, end: int) -> int:
    """Widen the channel over an "on April 13" hung on the verb right after it."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    text = ctx.article.text
    for k in graph.kids(verb, "prep", "npadvmod"):
        span = _token_span(ctx, graph.subtree(k))
        if span[0] < end or span[0] - end > 2:
            continue
        if any(
            e.start < span[1] and span[0] < e.end and e.label in ("DATE", "TIME")
            for e in ctx.annotation.entities
        ):
            return span[1]
    del tokens, text
    return end


def _channel_date(ctx: _Context, span: Span) -> str | None:
    published = ctx.article.published.value if ctx.article.published else None
    dct = published if published and len(published) == 10 else None
    sentence = _sentence_at(ctx.annotation, span.start)
    low, high = sentence if sentence else (span.start, span.end)
    low, high = min(low, span.start), max(high, span.end)
    for found in timex.tag(ctx.article.text[low:high], dct):
        if found.type == "DATE" and span.start <= low + found.start and low + found.end <= span.end:
            return found.value
    return None


def _channel_noun(ctx: _Context, noun: int) -> bool:
    return ctx.annotation.tokens[noun].lemma.lower() in _CHANNEL_NOUNS
