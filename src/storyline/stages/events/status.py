"""Status: whether an event happened, is scheduled, planned, expected, speculated, negated
or hypothetical, and the words that say so (`cue`).

The status comes from what governs the trigger: negation, "if", modals ("will", "could"),
planning and scheduling words ("plans to", "is scheduled to", "is expected to", "upcoming"),
then tense, then the date against the publication date (`_status`). The status words are in
`lexicon/en/events.toml` (`modals`, `governors`, `noun_governors`, `adverbs`, `modifiers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from storyline import timevalues
from storyline.lexicon import table, words
from storyline.model import Annotation, Article, ArticleTimex, EventDate, EventStatus, Span
from storyline.stages.annotate import Graph
from storyline.stages.events._context import _Context, _governing_chain, _published_period
from storyline.stages.events.dating import _date, _past_date, _shared_date
from storyline.stages.events.triggers import (
    _EXPRESSING,
    _LIGHT_VERBS,
    _MAKING_PUBLIC,
    NOUNS,
    _light_verb,
)


def _by_status(key: str) -> dict[str, EventStatus]:
    """Word -> status, from a table of statuses -> words."""
    return {
        word: cast(EventStatus, status)
        for status, lemmas in table("events", key).items()
        for word in lemmas
    }


# Status words: what governs a trigger ("plans to visit", "the upcoming visit").
_MODALS: dict[str, EventStatus] = {
    word: cast(EventStatus, status) for word, status in table("events", "modals").items()
}
_GOVERNORS = _by_status("governors")
# Verbs that leave their object event unrealised ("demanded a recount", "the launch was
# delayed"), nouns whose "of" complement is a prospect ("fears of a recession"), verbs whose
# "for" complement is asked for ("called for a rerun").
_NOUN_GOVERNORS = _by_status("noun_governors")
_PROSPECTS = words("events", "prospects")
# Verbs that carry out the event their object or passive subject names ("will take
# delivery", "aid will be provided"), so a modal on them is the event's.
_PERFORMING = _LIGHT_VERBS | words("events", "performing")
# Nouns whose complement is not yet done ("a timetable for withdrawing").
_AIMS = _PROSPECTS | words("events", "aims")
_ASKING_FOR = words("events", "asking_for")
_DECLARED = words("events", "declared")
_ANNOUNCING = words("events", "announcing")
_ADVERBS = _by_status("adverbs")
_MODIFIERS = _by_status("modifiers")
_AGREEMENTS = words("events", "agreements")
_CARRYING = words("events", "carrying")


def _date_and_status(
    ctx: _Context, index: int, light: int | None
) -> tuple[EventDate | None, EventStatus, Span | None]:
    """A trigger's date, then its status (which the date can decide) and the status's cue."""
    when = _date(ctx, index, light) or _shared_date(ctx, index if light is None else light)
    if when is not None:
        tense, _ = _tense(ctx, index if light is None else light)
        # "a trial was set for Jan. 12": the setting is past, the trial is still to come
        setting = light is not None and _GOVERNORS.get(ctx.lemma(light)) == "scheduled"
        when = _past_date(ctx, tense == "past" and not setting, when)  # "visited in June"
    status, cue = _status(ctx, index, light, when)
    if when is None and status == "happened":
        when = _date(ctx, index, light, governors=True)
    return when, status, cue


def word_status(
    article: Article,
    annotation: Annotation,
    graph: Graph,
    timexes: Sequence[ArticleTimex],
    index: int,
) -> tuple[EventStatus, Span | None]:
    """The status (and its cue) this stage gives the word at `index` taken as a trigger, its
    light verb and date included: for scorers whose triggers come from a gold standard
    (`storyline eval factuality`). `graph` must hold the word's parsed sentence."""
    ctx = _Context(article, annotation, graph, {}, {}, {}, list(timexes), [])
    light = None if annotation.tokens[index].pos == "VERB" else _light_verb(ctx, index)
    _, status, cue = _date_and_status(ctx, index, light)
    return status, cue


def _status(
    ctx: _Context, index: int, light: int | None, when: EventDate | None, depth: int = 0
) -> tuple[EventStatus, Span | None]:
    """The trigger's status and the words that decided it. `depth` is 1 when the trigger is
    the verb that carries an untensed one (`_carrier`), which is not carried further."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    article = ctx.article

    def cue(i: int) -> Span:
        return article.span(tokens[i].start, tokens[i].end)

    chain = _governing_chain(ctx, index if light is None else light)
    if light is not None:
        chain = [index, *chain]
    # "if" / "unless" anywhere up the chain: a hypothetical
    for verb in chain:
        for mark in graph.kids(verb, "mark"):
            if ctx.lemma(mark) in ("if", "unless", "whether"):
                return "hypothetical", cue(mark)
    for verb in chain:
        for aux in graph.kids(verb, "aux", "auxpass"):
            subjects = graph.kids(verb, "nsubj", "nsubjpass")
            if ctx.lemma(aux) in ("should", "were", "had") and subjects and aux < min(subjects):
                return "hypothetical", cue(aux)  # "Should a visit be organized, ..."
    for number, verb in enumerate(chain):
        if verb not in (chain[0], light) and ctx.lemma(verb) in _ANNOUNCING:
            break  # "did not say where the talks would be held": the saying is denied
        if (
            number
            and graph.dep.get(chain[number - 1]) == "conj"
            and any(ctx.lemma(c) in ("but", "yet") for c in graph.kids(verb, "cc"))
        ):
            break  # "did not go to Seoul but visited Hanoi"
        for neg in graph.kids(verb, "neg"):
            return "negated", cue(neg)
    for verb in chain:
        for aux in graph.kids(verb, "aux", "auxpass"):
            status = _MODALS.get(ctx.word(aux).lower())
            if status is not None:
                return status, cue(aux)
        if verb != chain[0] and _going_to(ctx, verb):
            return "expected", cue(verb)  # "is going to sign"
        for adverb in graph.kids(verb, "advmod"):
            status = _ADVERBS.get(ctx.lemma(adverb))
            if status is not None:
                return status, cue(adverb)
        if verb != chain[0] and not (verb == light and _voices(ctx, verb, index)):
            status = _GOVERNORS.get(ctx.lemma(verb))
            if status is not None:
                return status, cue(verb)
            if (
                verb == light
                and ctx.lemma(verb) in _MAKING_PUBLIC
                and ctx.lemma(index) not in _DECLARED
                and not _done(ctx, index)
            ):
                return "scheduled", cue(verb)  # "announced job cuts", "the deal was unveiled"
            if ctx.lemma(verb) in _ANNOUNCING:
                break
    if tokens[index].pos != "VERB":
        for modifier in graph.kids(index, "amod", "compound", "acl"):
            status = _MODIFIERS.get(ctx.lemma(modifier)) or _MODIFIERS.get(
                ctx.word(modifier).lower()
            )
            if status is not None:
                return status, cue(modifier)
    if tokens[index].pos != "VERB" and light is None:
        framed = _noun_frame(ctx, index)
        if framed is not None:
            return framed[0], cue(framed[1])
    tensed = chain[1] if light is not None and len(chain) > 1 else chain[0]
    tense, decided = _tense(ctx, tensed)
    published = _published_period(article)
    period = timevalues.period(when.value) if when else None
    future = bool(published and period and period[0] > published[1])
    past = bool(published and period and period[1] < published[0])
    if tense is not None:  # past or present
        return ("scheduled" if future else "happened"), decided
    if future:
        return "expected", None
    headline = _headline(ctx, index if light is None else light)
    if headline is not None:
        return headline[0], cue(headline[1])
    if past or tokens[index].pos != "VERB":
        return "happened", None
    if light is None and not depth:
        carrier = _carrier(ctx, index, chain)
        if carrier is not None:
            # "continued to fall", "crashed in June, killing everyone", "after violating"
            status, carried = _status(ctx, carrier, None, when, depth=1)
            return status, carried or cue(carrier)
        reduced = graph.dep.get(index) == "acl" and not graph.kids(index, "aux", "auxpass")
        if tokens[index].tag == "VBN" and reduced:
            return "happened", cue(index)  # "the rifles seized by the army"
    return "speculated", None


def _voices(ctx: _Context, light: int, noun: int) -> bool:
    """Whether a light verb only voices its event noun, with no plan of its own: "offered
    condolences", "agreed a deal" (which reaches it; "agreed to visit" plans a visit)."""
    lemma = ctx.lemma(light)
    return lemma in _EXPRESSING or (lemma == "agree" and ctx.lemma(noun) in _AGREEMENTS)


def _done(ctx: _Context, noun: int) -> bool:
    """Whether an event noun's own modifiers tell it as past ("the last summit", "the recent
    talks"), so that announcing it does not schedule it."""
    return any(_MODIFIERS.get(ctx.lemma(k)) == "happened" for k in ctx.graph.kids(noun, "amod"))


def _going_to(ctx: _Context, verb: int) -> bool:
    """Whether `verb` is the "going" of the future "be going to" ("was going to resign")."""
    graph = ctx.graph
    return (
        ctx.lemma(verb) == "go"
        and ctx.annotation.tokens[verb].tag == "VBG"
        and any(ctx.lemma(a) == "be" for a in graph.kids(verb, "aux"))
        and any(
            graph.dep.get(k) == "xcomp" and any(ctx.lemma(t) == "to" for t in graph.kids(k, "aux"))
            for k in graph.kids(verb)
        )
    )


def _headline(ctx: _Context, verb: int) -> tuple[EventStatus, int] | None:
    """Headline grammar, where a clause has no tense: "X to do Y" is expected ("Carmaker to
    close plant"), a bare past participle happened ("Test flight delayed by fog", "Two
    reporters detained in Minsk"); with the word that says so."""
    graph = ctx.graph
    head = graph.head.get(verb)
    if head is None or ctx.annotation.tokens[verb].pos not in ("VERB", "AUX"):
        return None
    auxes = graph.kids(verb, "aux", "auxpass")
    if head == verb and graph.kids(verb, "nsubj", "nsubjpass"):
        to = [k for k in auxes if ctx.lemma(k) == "to"]
        if to:
            return "expected", to[0]
        if ctx.annotation.tokens[verb].tag == "VBN" and not auxes:
            return "happened", verb
    elif (
        graph.dep.get(verb) == "acl"
        and graph.head.get(head) == head
        and ctx.annotation.tokens[head].pos in ("NOUN", "PROPN")
        and ctx.annotation.tokens[verb].tag == "VBN"
        and not auxes
    ):
        return "happened", verb  # a verbless sentence: the participle is its predicate
    return None


def _noun_frame(ctx: _Context, noun: int) -> tuple[EventStatus, int] | None:
    """The status an event noun takes from the verb or noun it completes, with the word that
    decides it: the object of a verb with a modal ("will take delivery", "the cuts will be
    made"), of a request or a cancellation ("demanded a recount", "called for a rerun", "the
    launch was delayed"), or the "of" complement of a prospect ("fears of a recession").
    A modal counts only on a verb that carries the event out (`_PERFORMING`), or on the verb
    whose "in", "at" or "during" phrase the noun is ("will put the deal to members in a
    ballot", "would speak at the summit")."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    dep, head = graph.dep.get(noun), graph.head.get(noun)
    if head is None or head == noun:
        return None
    verb = head
    if dep == "pobj":
        above = graph.head.get(head)
        if above is None or above == head:
            return None
        if ctx.lemma(head) == "of" and ctx.lemma(above) in _PROSPECTS:
            return "speculated", above
        if (
            ctx.lemma(head) in ("in", "at", "during")
            and ctx.lemma(noun) in NOUNS
            and tokens[above].pos in ("VERB", "AUX")
        ):
            for aux in graph.kids(above, "aux"):  # "will put it to a ballot next week"
                status = _MODALS.get(ctx.word(aux).lower())
                if status is not None:
                    return status, aux
            return None
        if ctx.lemma(head) != "for" or ctx.lemma(above) not in _ASKING_FOR:
            return None
        verb = above
    elif dep not in ("dobj", "nsubjpass"):
        return None
    if tokens[verb].pos not in ("VERB", "AUX"):
        return None
    if ctx.lemma(verb) in _PERFORMING:  # "will take delivery", not "will cut jobs"
        for aux in graph.kids(verb, "aux"):
            status = _MODALS.get(ctx.word(aux).lower())
            if status is not None:
                return status, aux
    status = _NOUN_GOVERNORS.get(ctx.lemma(verb))
    if status is None and dep == "pobj":
        status = "speculated"
    return (status, verb) if status is not None else None


def _carrier(ctx: _Context, verb: int, chain: list[int]) -> int | None:
    """The verb whose tense an untensed verb shares: an aspectual or implicative verb it
    completes ("continued to fall", "managed to land"), or, for a participle or gerund, the
    verb of the clause it hangs from ("crashed, killing all aboard", "left after voting",
    "reports saying ..." in a clause that has a tense)."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    for governor in chain[1:]:
        if ctx.lemma(governor) not in _CARRYING:
            break
        if tokens[governor].pos in ("VERB", "AUX") and _tense(ctx, governor)[0] is not None:
            return governor
    if tokens[verb].tag not in ("VBG", "VBN") or any(
        ctx.lemma(k) == "to" for k in graph.kids(verb, "aux")
    ):
        return None
    if tokens[verb].tag == "VBN" and graph.dep.get(verb) == "acl":
        return None  # "the weapons seized": a reduced relative tells its own, done, act
    current = verb
    for _ in range(4):
        head = graph.head.get(current)
        dep = graph.dep.get(current)
        if head is None or head == current or dep in ("xcomp", "ccomp"):
            return None
        current = head
        if tokens[current].pos in ("VERB", "AUX"):
            return current
        aim = ctx.lemma(current) in _GOVERNORS or ctx.lemma(current) in _AIMS
        if aim and dep == "prep":
            return None  # "a timetable for withdrawing", "the prospect of meeting"
    return None


def _tense(ctx: _Context, verb: int) -> tuple[str | None, Span | None]:
    """`past`, `present` or None (an infinitive, a participle, a noun), with the verb."""
    tokens = ctx.annotation.tokens
    tag = tokens[verb].tag
    auxes = ctx.graph.kids(verb, "aux", "auxpass")
    aux_tags = {tokens[a].tag for a in auxes}
    span = ctx.article.span(tokens[verb].start, tokens[verb].end)
    if tag == "VBD" or "VBD" in aux_tags:
        return "past", span
    if tag == "VBN" and any(ctx.lemma(a) == "have" for a in auxes):
        return "past", span
    if tag in ("VBZ", "VBP") or aux_tags & {"VBZ", "VBP"}:
        return "present", span
    return None, None
