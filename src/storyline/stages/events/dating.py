"""Dates: which time expression dates a trigger, and dates taken from other events.

The date is the time expression attached to the trigger or to its light verb (`_attached`),
never one under "since", "until", "before" or "after" (those date another event), nor a
relative one finer than what is known of the publication date (`_unanchored`); an undated
verb shares its partner's date (`_shared_date`). An event placed in an earlier one ("in the
call", "on that occasion") takes that event's date (`_frame_date`), and accepting the
invitation just told takes the invitation's (`_answered`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from storyline import timevalues
from storyline.lexicon import entry, words
from storyline.model import ArticleTimex, EventDate, EventMention
from storyline.stages._index import once
from storyline.stages.events._context import (
    _Context,
    _governing_chain,
    _named,
    _published_period,
)
from storyline.stages.events.merge import predicate_class
from storyline.stages.events.triggers import NOUNS

_OTHER_TIME = words("events", "other_time")
_FRAME_PREPS = words("events", "frame_preps")
_GATHERINGS = words("events", "gatherings")
# How far back "on that occasion" looks for the event it means (characters).
_OCCASION_REACH = 300
_MONTH_OR_DIGIT = re.compile(
    r"\d|\b(?:" + "|".join(entry("events", "month_abbreviations")) + r")[a-z]*\b", re.IGNORECASE
)


def _answered(ctx: _Context, verb: int, earlier: list[EventMention]) -> EventDate | None:
    """ "During a call on May 3 the premier invited her to Oslo. She gladly accepted the
    invitation": accepting *the* invitation told just before, in the same paragraph and with
    no date of its own, is the answer given on that occasion and takes the invitation's date
    (an answer given later is dated by the text: "on Friday she accepted the invitation")."""
    if not any(
        ctx.lemma(d) == "the"
        for k in ctx.graph.kids(verb, "dobj")
        for d in ctx.graph.kids(k, "det")
    ):
        return None
    position = ctx.annotation.tokens[verb].start
    for before in reversed(earlier):
        if before.predicate != "invite" or before.trigger.start >= position:
            continue
        if "\n" in ctx.article.text[before.trigger.end : position]:
            return None  # another paragraph: maybe another occasion
        return before.date
    return None


def _frame_date(
    ctx: _Context, index: int, light: int | None, earlier: list[EventMention]
) -> EventDate | None:
    """ "In the call, Trong congratulated Putin": an event placed in a definite earlier event
    ("in/during the call", "at the meeting", "on that occasion") takes that event's date,
    over a date of its own that cannot hold with it (one that dates a noun it governs)."""
    graph = ctx.graph
    for verb in [index, *_governing_chain(ctx, light if light is not None else index)]:
        for prep in graph.kids(verb, "prep"):
            if ctx.lemma(prep) not in _FRAME_PREPS:
                continue
            for noun in graph.kids(prep, "pobj"):
                if not any(
                    ctx.lemma(d) in ("the", "that", "this") for d in graph.kids(noun, "det")
                ):
                    continue
                word = ctx.lemma(noun)
                if word != "occasion" and word not in NOUNS:
                    continue
                wanted = None if word == "occasion" else predicate_class(NOUNS[word].name)
                position = ctx.annotation.tokens[noun].start
                for before in reversed(earlier):
                    if before.trigger.start >= position:
                        continue
                    if wanted is None and position - before.trigger.end > _OCCASION_REACH:
                        break
                    if wanted is None and before.date is None:
                        continue
                    if wanted is None or predicate_class(before.predicate) == wanted:
                        return before.date  # the event meant; undated, it dates nothing
    return None


def _past_date(ctx: _Context, happened: bool, when: EventDate) -> EventDate:
    """A month without a year given to an event that has happened is the last such month
    before the writing ("after earlier trips by Scholz and Modi, in October and November,
    respectively", written in February): the timex stage read it by the governing verb."""
    written = _published_period(ctx.article)
    period = timevalues.period(when.value)
    if not happened or written is None or period is None:
        return when
    if period[0] <= written[1] or re.search(r"\d{4}|'\d\d", when.span.text):
        return when
    earlier = re.sub(r"\b(\d{4})(?=-)", lambda m: str(int(m.group(1)) - 1), when.value)
    return replace(when, value=earlier)


def _date(
    ctx: _Context, index: int, light: int | None, *, governors: bool = False
) -> EventDate | None:
    """The time expression attached to the trigger (or its light verb), finest first; with
    `governors`, also one attached to a verb whose complement the trigger is ("In October,
    media reported that Putin had accepted ...")."""
    found = _attached(ctx, index, light, governors=governors)
    tokens = ctx.annotation.tokens
    if not found:
        return None
    best = min(
        found,
        key=lambda pair: (
            int(pair[1].value.endswith("_REF")),
            abs(tokens[pair[0]].start - tokens[index].start),
        ),
    )
    return _event_date(ctx, best[1])


def _shared_date(ctx: _Context, verb: int) -> EventDate | None:
    """The date of the clause an undated verb joins: a coordinated verb shares its partner's
    ("is expected in Oslo on May 3 and will meet both sides"), a purpose clause its main
    verb's ("arrived on Monday to begin mediating")."""
    graph = ctx.graph
    for _ in range(3):
        dep, head = graph.dep.get(verb), graph.head.get(verb)
        if head is None or head == verb or ctx.annotation.tokens[verb].pos not in ("VERB", "AUX"):
            return None
        purpose = dep == "advcl" and any(ctx.lemma(k) == "to" for k in graph.kids(verb, "aux"))
        if dep not in ("conj", "xcomp") and not purpose:
            return None
        found = _date(ctx, head, None)
        if found is not None:
            return found
        verb = head
    return None


def _event_date(ctx: _Context, timex: ArticleTimex) -> EventDate:
    return EventDate(
        timex.value,
        timevalues.granularity(timex.value),
        ctx.article.span(timex.start, timex.end),
    )


def _attached(
    ctx: _Context, index: int, light: int | None, *, governors: bool = False
) -> list[tuple[int, ArticleTimex]]:
    """The time expressions (with their head tokens) that date the trigger, in text order."""
    anchors = _anchors(ctx, index, light, governors=governors)
    found = [
        (head, timex)
        for head, timex in _dating_timexes(ctx).get(ctx.graph.sentence[index], ())
        if _attaches_to(ctx, head, anchors)
    ]
    return sorted(found, key=lambda pair: pair[1].start)


def _anchors(ctx: _Context, index: int, light: int | None, *, governors: bool) -> set[int]:
    """The tokens a time expression may hang from to date the trigger at `index`: the
    trigger, its light verb, the event framing it ("during a call"), with `governors` the
    verbs above it, the gatherings of those, and the events they frame."""
    graph = ctx.graph
    anchors = {index} | ({light} if light is not None else set())
    up = graph.head.get(index)
    if graph.dep.get(index) == "pobj" and up is not None and ctx.lemma(up) == "during":
        # "received an invitation during a call yesterday": the call frames that event
        frame = graph.head.get(up)
        if frame is not None and frame != up:
            anchors.add(frame)
    if governors:
        anchors.update(_governing_chain(ctx, index))
    anchors |= _gatherings(ctx, anchors)
    for anchor in list(anchors):  # "invited Macron during a phone call on May 3"
        for prep in graph.kids(anchor, "prep"):
            if ctx.lemma(prep) == "during":
                anchors.update(k for k in graph.kids(prep, "pobj") if ctx.lemma(k) in NOUNS)
    return anchors


def _dating_timexes(ctx: _Context) -> dict[int, list[tuple[int, ArticleTimex]]]:
    """The article's time expressions that can date a trigger, with their head tokens, by the
    parsed sentence of the head, in the article's order: whether one can depends on the
    expression alone, so it is decided once per article rather than once per trigger (every
    trigger used to ask it of every expression of the article)."""
    if ctx.dating_timexes is not None:
        return ctx.dating_timexes
    graph = ctx.graph
    by_sentence: dict[int, list[tuple[int, ArticleTimex]]] = {}
    for timex in ctx.timexes:
        if timex.type not in ("DATE", "TIME"):
            continue
        if not (timevalues.period(timex.value) or timex.value.endswith("_REF")):
            continue
        head = _timex_head(ctx, timex)
        number = graph.sentence.get(head) if head is not None else None
        if head is None or number is None:
            continue
        if _governed_by_other_time(ctx, timex, head) or _unanchored(ctx, timex):
            continue
        by_sentence.setdefault(number, []).append((head, timex))
    ctx.dating_timexes = by_sentence
    return by_sentence


def _unanchored(ctx: _Context, timex: ArticleTimex) -> bool:
    """A relative expression ("on Wednesday", "next week") finer than what is known of the
    publication date: its value is a guess, not a date."""
    if _MONTH_OR_DIGIT.search(timex.text) or timex.value.endswith("_REF"):
        return False
    written = _published_period(ctx.article)
    period = timevalues.period(timex.value)
    if written is None or period is None:
        return True
    # (the timex stage already widens a weekday in a story known to the month into the
    # range of days it can be, a week shorter than the month; that range is no guess)
    return (written[1] - written[0]).days > (period[1] - period[0]).days + 6


def _timex_head(ctx: _Context, timex: ArticleTimex) -> int | None:
    """The first parsed token of a time expression whose head is outside it (kept in
    `ctx.timex_heads`: every trigger of the article asks for every time expression)."""
    key = (timex.start, timex.end)
    if key in ctx.timex_heads:
        return ctx.timex_heads[key]
    tokens = ctx.annotation.tokens
    found = None
    inside = [i for i in ctx.graph.head if timex.start <= tokens[i].start < timex.end]
    for i in inside:
        head = ctx.graph.head[i]
        if head == i or not timex.start <= tokens[head].start < timex.end:
            found = i
            break
    ctx.timex_heads[key] = found
    return found


def _governed_by_other_time(ctx: _Context, timex: ArticleTimex, head: int) -> bool:
    words = ctx.article.text[timex.start : timex.end].lower().split()
    if (words and words[0] in _OTHER_TIME) or (words and words[-1] in _OTHER_TIME):
        return True
    up = ctx.graph.head.get(head)
    if up is not None and ctx.graph.dep.get(head) == "pobj":
        return ctx.lemma(up) in _OTHER_TIME
    return any(ctx.lemma(k) in _OTHER_TIME for k in ctx.graph.kids(head, "advmod", "prep"))


def _attaches_to(ctx: _Context, head: int, anchors: set[int]) -> bool:
    """Whether the path up from `head` meets an anchor before any other verb or event."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    current = head
    owner = graph.head.get(head)
    if (
        graph.dep.get(head) in ("amod", "compound")
        and owner is not None
        and owner not in anchors
        and tokens[owner].pos == "NOUN"
        and tokens[owner].lemma.lower() not in NOUNS
        and tokens[owner].lemma.lower() not in _GATHERINGS
    ):
        return False  # "Soviet-era equipment": the date of a thing, not of the event
    for _ in range(12):
        up = graph.head.get(current)
        if up is None or up == current:
            return False
        if up in anchors:
            return True
        if tokens[up].pos in ("VERB", "AUX"):
            return False
        if tokens[up].lemma.lower() in NOUNS and not _named(ctx, up):
            return False  # another event's date, unless the noun names something
        current = up
    return False


def _gatherings(ctx: _Context, anchors: set[int]) -> set[int]:
    """Named gatherings an event is at, with the verbs that describe them: "attended the
    Pacific Forum hosted by Fiji in 2019" is dated by the summit's own date."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    sentences = {graph.sentence[a] for a in anchors}

    def by_sentence() -> dict[int, list[int]]:
        tokens_of: dict[int, list[int]] = {}
        for index, number in graph.sentence.items():
            tokens_of.setdefault(number, []).append(index)
        return tokens_of

    # the tokens of each parsed sentence, listed once per article (the graph is made whole
    # by `dependency_graph` and never changed): a look at every token for each trigger was
    # quadratic in a long article
    tokens_of = once("tokens by sentence", graph.sentence, by_sentence)
    found: set[int] = set()
    for index in (i for number in sorted(sentences) for i in tokens_of.get(number, [])):
        if index in anchors:
            continue
        # (the cheap test first: `_named` looks through the article's named entities)
        if tokens[index].lemma.lower() not in _GATHERINGS or not _named(ctx, index):
            continue
        if _attaches_to(ctx, index, anchors):
            found.add(index)
            found.update(graph.kids(index, "acl"))
    return found
