"""`mentions_at`: event mentions for triggers someone else found (a gold standard's), with the
participants, date and status the stage gives a trigger it finds itself, so that merging can
be scored apart from finding (`storyline eval ecbplus`, `gold_mentions`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.model import Annotation, Article, ArticleTimex, Entity, EventMention
from storyline.stages.annotate import (
    ParseCache,
    parse_sentences,
    split_at_paragraphs,
)
from storyline.stages.events.extract import _mention, _mentions_by_article, article_context
from storyline.stages.events.triggers import Predicate, _trigger
from storyline.stages.events.vectors import with_vectors

_HEAD_TAGS = (("VERB",), ("NOUN", "PROPN"))


def mentions_at(
    article: Article,
    annotation: Annotation,
    spans: Sequence[Sequence[tuple[int, int]]],
    *,
    nlp: Any,
    entities: Sequence[Entity] = (),
    timexes: Sequence[ArticleTimex] = (),
    parses: ParseCache | None = None,
) -> list[EventMention | None]:
    """One mention per trigger in `spans` (each a trigger's token spans, in the article's
    cleaned text), or None where no token of the annotation lies in it. The trigger word is
    the last verb of the span, else its last noun, else its last token; its predicate is the
    one the stage gives that word when it finds it (`_trigger`), else the word's lemma with no
    PLOVER type."""
    annotation = split_at_paragraphs(annotation, article.text)
    tokens = annotation.tokens
    heads: list[int | None] = [_head(annotation, span) for span in spans]
    sentence_of: dict[int, int] = {}
    sentences = annotation.sentences
    cursor = 0
    for index, token in enumerate(tokens):
        while cursor < len(sentences) - 1 and sentences[cursor].end <= token.start:
            cursor += 1
        sentence_of[index] = cursor
    wanted = sorted({sentence_of[h] for h in heads if h is not None})
    parsed = parse_sentences(article, annotation, wanted, nlp=nlp, cache=parses)
    entity_mentions = _mentions_by_article(entities).get(article.id, [])
    ctx = article_context(article, annotation, parsed, entity_mentions, timexes)
    out: list[EventMention | None] = []
    for head in heads:
        if head is None or head not in ctx.graph.sentence:
            out.append(None)
            continue
        own = Predicate(tokens[head].lemma.lower(), None)
        predicate = _trigger(ctx, head) or own
        light = None  # a light verb would move the trigger; the given word is the trigger
        said = _mention(ctx, head, predicate, light)
        if said is None:
            said = _mention(ctx, head, own, light)
        out.append(said)
    kept = iter(with_vectors(article, [m for m in out if m is not None], nlp=nlp))
    return [None if m is None else next(kept) for m in out]


def _head(annotation: Annotation, span: Sequence[tuple[int, int]]) -> int | None:
    inside = [
        i
        for i, token in enumerate(annotation.tokens)
        if any(start <= token.start < end for start, end in span)
    ]
    if not inside:
        return None
    for tags in _HEAD_TAGS:
        chosen = [i for i in inside if annotation.tokens[i].pos in tags]
        if chosen:
            return chosen[-1]
    return inside[-1]
