"""`extract_events`: the event mentions of one annotated article; `extract_all` over a story.

Only sentences holding a candidate trigger are parsed; each trigger (`triggers.py`) becomes a
mention with its participants (`participants.py`), date (`dating.py`) and status
(`status.py`); a sentence that reports several events in one ("visits by Scholz in March and
Modi in October") gives one mention per participant (`_distribute`). Beside the rules, the
learned detector (`storyline.models.events`) marks the event words of every sentence; each
one the rules did not take becomes a mention too (`origin` "detector"), typed by the general
news scheme (`triggers.news_predicate`), with the same participants, date and status logic.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyline import timevalues
from storyline.lexicon import words
from storyline.model import (
    Annotation,
    Article,
    ArticleTimex,
    Entity,
    EventMention,
    Mention,
    Parse,
    Participant,
    Token,
)
from storyline.models.events import detect
from storyline.stages.annotate import (
    ParseCache,
    SentenceRows,
    dependency_graph,
    parse_sentences,
    split_at_paragraphs,
)
from storyline.stages.events._context import _Context, _entity_type_of
from storyline.stages.events.dating import (
    _answered,
    _attaches_to,
    _event_date,
    _frame_date,
    _past_date,
)
from storyline.stages.events.participants import _is_place, _participants, _visitor
from storyline.stages.events.status import _date_and_status
from storyline.stages.events.triggers import (
    PREDICATES,
    Predicate,
    _announcement,
    _by_armed_forces,
    _candidate_sentences,
    _hosted,
    _light_verb,
    _obligation,
    _trigger,
    news_predicate,
)
from storyline.stages.events.vectors import with_vectors
from storyline.stages.quotes import find_quote_regions

_SCARE_QUOTE_WORDS = 3
# The learned detector's event words `(first token, last token + 1, probability)` of each
# article read so far, by article id (the words depend on the article's annotation alone).
DetectorCache = dict[str, list[tuple[int, int, float]]]
_COMBAT = words("events", "combat")
_PLURALIA = words("events", "pluralia")


def extract_events(
    article: Article,
    annotation: Annotation,
    *,
    nlp: Any,
    entities: Sequence[Entity] = (),
    timexes: Sequence[ArticleTimex] = (),
    parses: ParseCache | None = None,
    entity_mentions: Sequence[tuple[Entity, Mention]] | None = None,
    detector: bool = True,
    rows: SentenceRows | None = None,
    detected: DetectorCache | None = None,
) -> list[EventMention]:
    """The event mentions of one annotated article, in text order.

    `nlp` parses the sentences that hold a trigger (with `parses`, a cache shared with the
    quotes stage); `entities` link participants; `timexes` are this article's time
    expressions, resolved against its publication date. `entity_mentions` are this article's
    mentions of `entities` with their entity, in the order of `entities` (`extract_all` indexes
    a story's once, `_mentions_by_article`); by default they are looked up in `entities`.
    With `detector` the learned detector's event words become mentions too. `rows` holds the
    tok2vec rows of sentences parsed before (`annotate.parse_sentences`); the sentences parsed
    here add theirs, and the trigger vectors read them instead of running tok2vec again.
    `detected` holds the detector's event words of articles already read (by article id).
    """
    if not article.analysed or not article.text.strip():
        return []
    annotation, candidates, found_words = _to_parse(
        article, annotation, detector=detector, known=detected
    )
    if not candidates:
        return []
    parsed = parse_sentences(article, annotation, candidates, nlp=nlp, cache=parses, rows=rows)
    if entity_mentions is None:
        entity_mentions = _mentions_by_article(entities).get(article.id, [])
    ctx = article_context(article, annotation, parsed, entity_mentions, timexes)
    found: list[EventMention] = []
    for index in sorted(ctx.graph.head):
        predicate = _trigger(ctx, index) or _obligation(ctx, index) or _announcement(ctx, index)
        if predicate is None:
            continue
        light = _light_verb(ctx, index) if ctx.annotation.tokens[index].pos != "VERB" else None
        said = _mention(ctx, index, predicate, light)
        if said is not None:
            framed = _frame_date(ctx, index, light, found)
            if framed is not None and not (
                said.date and timevalues.overlaps(said.date.value, framed.value)
            ):
                said = replace(said, date=framed)
            if said.date is None and said.predicate == "accept_invitation":
                said = replace(said, date=_answered(ctx, index, found))
            found.extend(_distribute(ctx, index, light, said))
    taken = sorted({m.trigger.start for m in found})
    for first, last, _ in found_words:
        start, end = annotation.tokens[first].start, annotation.tokens[last - 1].end
        if any(start <= t < end for t in taken):
            continue  # the rules read this event already
        said = _detected_mention(ctx, first, last)
        if said is not None:
            found.append(said)
    found.sort(key=lambda m: m.trigger.start)
    return with_vectors(article, found, nlp=nlp, parsed=rows)


def sentences_to_parse(
    article: Article, annotation: Annotation, *, detected: DetectorCache | None = None
) -> tuple[Annotation, list[int]]:
    """The annotation cut at line breaks (as `extract_events` reads it) and the indices of its
    sentences that `extract_events` parses (with the detector on), so they can be parsed ahead
    (`stages.prepare`); the detector's event words go into `detected`, for `extract_events`."""
    if not article.analysed or not article.text.strip():
        return annotation, []
    annotation, candidates, _ = _to_parse(article, annotation, detector=True, known=detected)
    return annotation, candidates


def _to_parse(
    article: Article, annotation: Annotation, *, detector: bool, known: DetectorCache | None
) -> tuple[Annotation, list[int], list[tuple[int, int, float]]]:
    """The split annotation, the sentences to parse (those with a candidate trigger or a word
    of the detector's) and the detector's event words `(first, last, probability)` (from
    `known` when it holds the article's; else detected, and kept there)."""
    if not detector:
        detected = []
    elif known is not None and article.id in known:
        detected = known[article.id]
    else:
        # the detector reads the annotation as the annotate stage gives it (as in training)
        detected = detect(annotation, article.text)
        if known is not None:
            known[article.id] = detected
    annotation = split_at_paragraphs(annotation, article.text)
    candidates = sorted(
        set(_candidate_sentences(annotation))
        | _sentences_of(annotation, [annotation.tokens[first].start for first, _, _ in detected])
    )
    return annotation, candidates, detected


def _sentences_of(annotation: Annotation, positions: Sequence[int]) -> set[int]:
    """The sentences (indices) that hold the characters at `positions`."""
    starts = [s.start for s in annotation.sentences]
    out = set()
    for position in positions:
        number = bisect.bisect_right(starts, position) - 1
        if number >= 0 and position < annotation.sentences[number].end:
            out.add(number)
    return out


def _head(tokens: Sequence[Token], first: int, last: int) -> int:
    """The word a detected mention is about: its last verb, else its last noun, else its last
    word ("took *place*" is a verb's: "took")."""
    for kinds in (("VERB",), ("NOUN", "PROPN")):
        chosen = [i for i in range(first, last) if tokens[i].pos in kinds]
        if chosen:
            return chosen[-1]
    return last - 1


def _detected_mention(ctx: _Context, first: int, last: int) -> EventMention | None:
    """A mention of the event words `first`..`last` (token indices) the detector found: its
    predicate and general-news type from its head word's lemma; its trigger spans them all."""
    tokens = ctx.annotation.tokens
    index = _head(tokens, first, last)
    if index not in ctx.graph.head:
        return None  # the sentence parse split this word differently
    light = _light_verb(ctx, index) if tokens[index].pos != "VERB" else None
    said = _mention(ctx, index, news_predicate(tokens[index].lemma), light)
    if said is None:
        return None
    trigger = ctx.article.span(tokens[first].start, tokens[last - 1].end)
    return replace(said, trigger=trigger, origin="detector")


def extract_all(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    *,
    nlp: Any,
    entities: Sequence[Entity] = (),
    timexes: Sequence[ArticleTimex] = (),
    parses: ParseCache | None = None,
    detector: bool = True,
    rows: SentenceRows | None = None,
    detected: DetectorCache | None = None,
) -> list[list[EventMention]]:
    """`extract_events` over articles and their annotations (in the same order), each given
    its own time expressions and entity mentions, with one parse cache (and `rows`) for all."""
    by_article: dict[str, list[ArticleTimex]] = {}
    for t in timexes:
        by_article.setdefault(t.article, []).append(t)
    mentioned = _mentions_by_article(entities)
    cache: ParseCache = {} if parses is None else parses
    return [
        extract_events(
            article,
            annotation,
            nlp=nlp,
            entities=entities,
            timexes=by_article.get(article.id, ()),
            parses=cache,
            entity_mentions=mentioned.get(article.id, []),
            detector=detector,
            rows=rows,
            detected=detected,
        )
        for article, annotation in zip(articles, annotations, strict=True)
    ]


def article_context(
    article: Article,
    annotation: Annotation,
    parsed: Sequence[Parse],
    entity_mentions: Sequence[tuple[Entity, Mention]],
    timexes: Sequence[ArticleTimex],
) -> _Context:
    """What the trigger rules read of one article: its parse, the innermost entity mention
    at each position, the article's time expressions and its quoted speech."""
    owner: dict[int, Entity] = {}
    mention_end: dict[int, int] = {}
    for entity, mention in entity_mentions:
        # Names nest ("Hanoi" in "the Hanoi airport"): the innermost one is the participant.
        if mention.start in owner and mention_end[mention.start] <= mention.end:
            continue
        owner[mention.start] = entity
        mention_end[mention.start] = mention.end
    # quoted speech; scare quotes around a word or two (his “reelection”, the “special
    # operation”) are the reporter's distance, not speech, and are left out
    regions: list[tuple[int, int]] = []
    for start, end in find_quote_regions(article.text):
        stop = len(article.text) if end is None else end
        if len(article.text[start:stop].split()) > _SCARE_QUOTE_WORDS:
            if regions and start < regions[-1][1]:  # inside a quote left open: one stretch
                regions[-1] = (regions[-1][0], max(regions[-1][1], stop))
            else:
                regions.append((start, stop))
    return _Context(
        article,
        annotation,
        dependency_graph(annotation, parsed),
        owner,
        mention_end,
        {entity.id: entity.type for entity in owner.values()},
        [t for t in timexes if t.article == article.id],
        regions,
    )


def _mentions_by_article(entities: Sequence[Entity]) -> dict[str, list[tuple[Entity, Mention]]]:
    """Each article's entity mentions (metonyms included) with their entity, in the order of
    `entities` and of each entity's mentions: one pass over the story, so that an article
    looks only at its own mentions."""
    found: dict[str, list[tuple[Entity, Mention]]] = {}
    for entity in entities:
        for mention in (*entity.mentions, *entity.metonyms):
            found.setdefault(mention.article, []).append((entity, mention))
    return found


def _mention(
    ctx: _Context, index: int, predicate: Predicate, light: int | None
) -> EventMention | None:
    article = ctx.article
    tokens = ctx.annotation.tokens
    token = tokens[index]
    sentence = ctx.annotation.sentences[ctx.graph.sentence[index]]
    verbal = token.pos == "VERB"
    actors, targets, location = _participants(ctx, index, verbal, light, predicate)
    if predicate.inverse:
        # a host receives a visitor, not a summit ("the summit hosted by Vietnam")
        if not any(_visitor(ctx, p) for p in targets):
            if any(_hosted(ctx, k) for k in ctx.graph.kids(index, "dobj")):
                return None  # "welcomed a visit from Biden": the noun is the event
            if ctx.lemma(index) != "welcome":
                return None
            return _mention(ctx, index, PREDICATES["praise"], light)  # "welcomed the move"
        actors, targets = targets, actors
        if location is None:
            location = next((p for p in targets if _is_place(ctx, p)), None)
        predicate = replace(predicate, inverse=False)
    if ctx.lemma(index) in _COMBAT and _by_armed_forces(ctx, index):
        predicate = replace(predicate, mode="military")  # "the army killed ...": combat
    if predicate.name == "accept" and any(
        ctx.lemma(k) == "invitation" for k in ctx.graph.kids(index, "dobj")
    ):
        predicate = PREDICATES["accept_invitation"]
    when, status, cue = _date_and_status(ctx, index, light)
    return EventMention(
        article=article.id,
        trigger=article.span(token.start, token.end),
        sentence=article.span(sentence.start, sentence.end),
        predicate=predicate.name,
        type=predicate.type,
        mode=predicate.mode,
        actors=actors,
        targets=targets,
        location=location,
        date=when,
        status=status,
        cue=cue,
        published=article.published.value if article.published else None,
        plural=token.tag == "NNS" and token.lemma.lower() not in _PLURALIA,
    )


def _distribute(
    ctx: _Context, index: int, light: int | None, mention: EventMention
) -> list[EventMention]:
    """One mention per participant where the sentence reports several events in one:

    - a list of participants each with its own date ("partnerships with Chile (in
      May 2021), Peru (June 2022) and Ghana (April 2023)", "visits, Scholz in
      March and Modi in October");
    - coordinated visitors ("Biden and Xi visited Hanoi" reports two visits), dated one by
      one where the sentence says "respectively";
    - a visit to several countries ("a tour of Chile, Peru and Brazil"), one per country.
    """
    items = _enumeration(ctx, index, light, mention)
    if len(items) >= 2:
        out = []
        for participant, timex in items:
            person = _entity_type_of(ctx, participant.entity or "") == "PERSON"
            if mention.predicate == "visit" and person:
                one = replace(mention, actors=(participant,), plural=False)
            else:
                one = replace(mention, targets=(participant,), plural=False)
            out.append(_dated(ctx, one, timex))
        return out
    countries = [p for p in mention.targets if _entity_type_of(ctx, p.entity or "") == "GPE"]
    if mention.predicate == "visit" and len(countries) >= 2 == len(mention.targets):
        # "trips to Chile and Peru": a tour is one visit to each country it names
        return [replace(mention, targets=(country,), plural=False) for country in countries]
    people = [p for p in mention.actors if _entity_type_of(ctx, p.entity or "") == "PERSON"]
    if mention.predicate != "visit" or len(people) < 2:
        return [mention]
    split = [replace(mention, actors=(person,), plural=False) for person in people]
    sentence = ctx.annotation.sentences[ctx.graph.sentence[index]]
    if re.search(r"\brespectively\b", ctx.article.text[sentence.start : sentence.end]):
        dates = [
            t
            for t in ctx.timexes
            if mention.trigger.end <= t.start < sentence.end and timevalues.period(t.value)
        ]
        if len(dates) == len(split):
            split = [_dated(ctx, m, t) for m, t in zip(split, dates, strict=True)]
    return split


def _dated(ctx: _Context, mention: EventMention, timex: ArticleTimex) -> EventMention:
    """One item of a split mention, dated by its own time expression."""
    when = _past_date(ctx, mention.status == "happened", _event_date(ctx, timex))
    return replace(mention, date=when)


_ITEM_OPEN = re.compile(r"\s*(?:\(\s*(?:in\s+)?|,?\s+in\s+)")


_ITEM_CLOSE = re.compile(r"\s*(?:\)|,|;|\.|\band\b|$)")


def _enumeration(
    ctx: _Context, index: int, light: int | None, mention: EventMention
) -> list[tuple[Participant, ArticleTimex]]:
    """Named participants after the trigger, each followed by its own date: "Peru (June
    2022)", "Olaf Scholz in March 2023". The first must hang from the trigger (or its
    light verb), so a list that belongs to a later verb is not taken."""
    text = ctx.article.text
    anchors = {index} | ({light} if light is not None else set())
    sentence_end = mention.sentence.end
    dates = sorted(
        (t for t in ctx.timexes if mention.trigger.end <= t.start < sentence_end),
        key=lambda t: t.start,
    )
    items: list[tuple[Participant, ArticleTimex]] = []
    used: set[str] = set()
    for start in sorted(ctx.owner):
        end = ctx.mention_end[start]
        if not mention.trigger.end <= start < sentence_end:
            continue
        for timex in dates:
            if timex.id in used or timex.start < end or not timevalues.period(timex.value):
                continue
            opened = _ITEM_OPEN.fullmatch(text, end, timex.start)
            closed = _ITEM_CLOSE.match(text, timex.end, sentence_end)
            if opened and closed and ("(" in opened.group()) == (closed.group().strip() == ")"):
                if not items and not _hangs_from(ctx, start, anchors):
                    return []
                if items and _verb_between(ctx, items[-1][1].end, start):
                    return items  # "... in May and Modi visited Kyiv in July"
                entity = ctx.owner[start]
                items.append(
                    (Participant(ctx.article.span(start, end), entity.name, entity.id), timex)
                )
                used.add(timex.id)
            break
    return items


def _verb_between(ctx: _Context, start: int, end: int) -> bool:
    return any(start <= t.start < end and t.pos in ("VERB", "AUX") for t in ctx.annotation.tokens)


def _hangs_from(ctx: _Context, position: int, anchors: set[int]) -> bool:
    tokens = ctx.annotation.tokens
    heads = [i for i in ctx.graph.head if tokens[i].start == position]
    return any(_attaches_to(ctx, h, anchors) for h in heads)
