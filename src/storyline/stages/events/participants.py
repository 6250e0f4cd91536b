"""Participants: who does an event, to whom, and where.

From the parse come the actors (subject, agent, possessor, "by X"), the targets (object,
"to X", "with X", "of X") and the location ("in X"); a light verb's subject is the actor of
its event noun ("Hanoi extended an invitation"). A participant is a named entity mention
(the narrowest where names nest), a pronoun resolved to the nearest person or to the group
that says it, or a role noun an event coder would code ("the protesters", "riot police").
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.lexicon import words
from storyline.model import Entity, Participant
from storyline.stages.events._context import (
    _SUBJECTS,
    _Context,
    _entity_at,
    _entity_type,
    _entity_type_of,
    _subjects,
)
from storyline.stages.events.triggers import (
    _ARRIVE,
    _GROUP_PRONOUNS,
    _INVITE,
    _RELATIONS,
    _VISIT,
    NOUNS,
    Predicate,
    _effort,
)

_TARGET_PREPS = words("events", "target_preps")
_COMPLEMENT_PREPS = words("events", "complement_preps")
_PLACE_TARGETS = words("events", "place_targets")
_PLACE_PREPS = words("events", "place_preps")
_RECEIVING = words("events", "receiving")
_FROM_ACTOR_TYPES = words("events", "from_actor_types")
_GATHERINGS = words("events", "gatherings")
_ASPECTUAL = words("events", "aspectual")
_VIOLENT = words("events", "violent")
_PURPOSES = frozenset({"advcl", "xcomp", "acl", "relcl"})  # dependency labels
_GRIEVANCE_PREPS = words("events", "grievance_preps")
_PROTESTING = words("events", "protesting")
_NOT_MEMBERS = frozenset(NOUNS) | _GATHERINGS | _RELATIONS
_AGENT_NOUNS = words("events", "agent_nouns")
_LINKS = _RELATIONS | words("events", "links")
_MEMBER_PREPS = words("events", "member_preps")
_QUANTIFIERS = words("events", "quantifiers")
_PERSONAL_PRONOUNS = words("events", "personal_pronouns")


def _participants(
    ctx: _Context, index: int, verbal: bool, light: int | None, predicate: Predicate
) -> tuple[tuple[Participant, ...], tuple[Participant, ...], Participant | None]:
    graph = ctx.graph
    actor_tokens: list[int] = []
    target_tokens: list[int] = []
    place_tokens: list[int] = []
    if not verbal and predicate.type == "ASSAULT":
        # "the Ukraine invasion": a country named before an assault noun is its target
        # (an adjective names the attacker: "the Russian invasion")
        for kid in graph.kids(index, "compound"):
            if _entity_type(ctx, kid) == "GPE":
                target_tokens.append(kid)
    if verbal:
        actor_tokens = _subjects(ctx, index)
        passive = graph.kids(index, "nsubjpass")
        target_tokens = list(passive) + graph.kids(index, "dobj")
        for given in graph.kids(index, "dative"):  # "gave Kyiv a loan", "sent aid to Kyiv"
            target_tokens += graph.kids(given, "pobj") if ctx.lemma(given) == "to" else [given]
        for agent in graph.kids(index, "agent"):
            actor_tokens += graph.kids(agent, "pobj")
        for tie in graph.kids(index, "dobj", "nsubjpass"):
            if ctx.lemma(tie) in _RELATIONS:  # "upgraded ties with Washington"
                for prep in graph.kids(tie, "prep"):
                    if ctx.lemma(prep) in ("with", "to"):
                        target_tokens += graph.kids(prep, "pobj")
    else:
        actor_tokens = graph.kids(index, "poss") + [
            k
            for k in graph.kids(index, "compound", "amod", "nmod")
            if ctx.annotation.tokens[k].start in ctx.owner and k not in target_tokens
        ]
        for prep in graph.kids(index, "prep"):
            if ctx.lemma(prep) == "by":
                actor_tokens += graph.kids(prep, "pobj")
            elif ctx.lemma(prep) == "from" and predicate.type in _FROM_ACTOR_TYPES:
                actor_tokens += graph.kids(prep, "pobj")  # "criticism from Washington"
            elif ctx.lemma(prep) == "from" and predicate in (_VISIT, _INVITE):
                # "a visit from Biden", not "a visit from Moscow" (where the trip began)
                actor_tokens += [
                    k
                    for k in graph.kids(prep, "pobj")
                    if _entity_type(ctx, k) not in ("GPE", "LOC", "FAC")
                ]
        effort = _effort(ctx, index) or index
        if light is not None and (
            graph.dep.get(effort) == "dobj" or graph.head.get(light) == effort
        ):
            subjects = _subjects(ctx, light)
            for agent in graph.kids(light, "agent"):  # "the warrant issued by the ICC"
                subjects += graph.kids(agent, "pobj")
            subjects = [s for s in subjects if s != index]
            if ctx.lemma(light) in _RECEIVING:
                target_tokens += subjects  # "Putin received an invitation from Trong"
                if not actor_tokens:  # "the decision drew criticism from Washington"
                    actor_tokens = [
                        o
                        for p in graph.kids(light, "prep")
                        if ctx.lemma(p) == "from"
                        for o in graph.kids(p, "pobj")
                    ]
            elif all(ctx.annotation.tokens[a].pos == "PRON" for a in actor_tokens):
                # "Trong offered his condolences": the subject, not a guess at "his"
                actor_tokens = subjects or actor_tokens
        elif predicate.type in _VIOLENT and (verb := _during(ctx, effort)) is not None:
            # "rebels wounded two soldiers in a bomb attack", "three were killed in a raid":
            # the harm's doer and sufferer are the attack's
            if not actor_tokens:
                actor_tokens = _subjects(ctx, verb)
                for agent in graph.kids(verb, "agent"):
                    actor_tokens += graph.kids(agent, "pobj")
            target_tokens += graph.kids(verb, "dobj", "nsubjpass")
        elif all(ctx.annotation.tokens[a].pos == "PRON" for a in actor_tokens) and (
            actor_tokens or ctx.lemma(graph.head.get(effort, effort)) in _ASPECTUAL
        ):
            # "the miners continued their strike", "the army pressed on with its offensive":
            # a possessive pronoun on the object of a verb is the verb's subject
            verb = graph.head.get(effort)
            if graph.dep.get(effort) == "pobj" and verb is not None:
                verb = graph.head.get(verb)
            if verb is not None and graph.dep.get(effort) in ("dobj", "pobj"):
                named = [
                    s
                    for s in _subjects(ctx, verb)
                    if s != index and ctx.annotation.tokens[s].pos != "PRON"
                ]  # not one pronoun for another ("he paused during his tour")
                actor_tokens = named or actor_tokens
    bid = _effort(ctx, index) if not verbal else None
    for prep in (
        graph.kids(index, "prep")
        + (graph.kids(light, "prep") if light is not None else [])
        + (graph.kids(bid, "prep") if bid is not None else [])  # "a mediation bid among"
    ):
        word = ctx.lemma(prep)
        objects = graph.kids(prep, "pobj")
        if word in ("between", "among") and not actor_tokens:
            continue  # "talks between X and Y": the sides themselves, no one's targets
        if word in _TARGET_PREPS and not (word == "on" and predicate.type == "CONSULT"):
            target_tokens += objects  # "talks on trade", "a visit on the agenda": a topic
        elif word in _PLACE_PREPS:
            place_tokens += [o for o in objects if _place(ctx, o)]
        elif word == "from" and predicate.type in ("RETREAT", "AID", "COERCE"):
            target_tokens += objects  # "withdrew its troops from X", "seized arms from X"
    if light is not None and ctx.lemma(light) == "extend":
        for prep in graph.kids(light, "prep", "dative"):
            target_tokens += graph.kids(prep, "pobj") if ctx.lemma(prep) == "to" else []
    if predicate.type == "ACCUSE":
        # "complained to the UN over Israeli raids": the one complained of, not the audience
        grounds = [
            o
            for p in graph.kids(index, "prep")
            if ctx.lemma(p) in ("over", "about")
            for o in graph.kids(p, "pobj")
        ]
        target_tokens = grounds + target_tokens
    actors = _expand(ctx, actor_tokens)
    targets = _expand(ctx, target_tokens)
    if not targets and (predicate.type == "PROTEST" or predicate.type in _VIOLENT):
        # whom a protest is aimed at; whom force is used on ("opened fire to disperse X")
        anchors = [index] + ([light] if light is not None else [])
        if graph.dep.get(index) == "dobj":  # "continued their strike to demand ..."
            anchors.append(graph.head[index])
        targets = _expand(ctx, _grievance_targets(ctx, anchors))
    if verbal and not targets and not predicate.inverse:
        # (a host's object is the visitor: a target borrowed from below would swap into the
        # actor's place)
        targets = _expand(ctx, _complement_targets(ctx, index))
    location = next(iter(_expand(ctx, place_tokens)), None)
    if location is None:
        location = next((t for t in targets if _is_place(ctx, t)), None)
    elif not targets and (predicate is _ARRIVE or predicate.type in _PLACE_TARGETS):
        targets = (location,)  # "arrived in Amman", "a curfew in Abidjan", "rallied in Oslo"
    return actors, targets, location


def _complement_targets(ctx: _Context, verb: int) -> list[int]:
    """Whom a verb with no target of its own is aimed at, found in what it governs: the
    one told to act ("demanded that Seoul lift ..."), the other side of its object ("threatened
    action against Oslo", "rejected calls by Lima") and of its complement clause ("threatened
    to cut off power to X", "refused to meet X", "offered to negotiate with X")."""
    graph = ctx.graph
    found: list[int] = []
    for clause in graph.kids(verb, "ccomp"):  # not "he" in "Putin confirmed he would ...'
        found += [
            k
            for k in graph.kids(clause, "nsubj", "nsubjpass")
            if ctx.annotation.tokens[k].pos != "PRON"
        ]
    clauses = [verb]
    for _ in range(2):  # "refused to allow X to land": two clauses down at most
        clauses += [c for v in clauses for c in graph.kids(v, "xcomp") if c not in clauses]
    for clause in clauses:
        objects = graph.kids(clause, "dobj")
        if clause != verb:
            found += objects
            for told in graph.kids(clause, "ccomp"):  # "refused to allow X to land"
                found += [
                    k
                    for k in graph.kids(told, "nsubj", "nsubjpass")
                    if ctx.annotation.tokens[k].pos != "PRON"
                ]
        for condition in graph.kids(clause, "advcl"):
            # "threatened to strike unless Oslo backs down": the one the condition is put to
            if any(ctx.lemma(m) in ("unless", "if") for m in graph.kids(condition, "mark")):
                found += [
                    k
                    for k in graph.kids(condition, "nsubj", "nsubjpass")
                    if ctx.annotation.tokens[k].pos != "PRON"
                ]
        preps = [p for o in objects for p in graph.kids(o, "prep")]
        if clause != verb:
            preps += graph.kids(clause, "prep", "dative")
        for prep in preps:
            if ctx.lemma(prep) in _COMPLEMENT_PREPS:
                found += graph.kids(prep, "pobj")
    return found


def _during(ctx: _Context, noun: int) -> int | None:
    """The verb an event noun is the occasion of ("were killed in an air strike"); not for
    "in the attack", which points back to an event told before, with its participants."""
    prep = ctx.graph.head.get(noun)
    if ctx.graph.dep.get(noun) != "pobj" or prep is None or ctx.lemma(prep) != "in":
        return None
    if any(ctx.lemma(d) in ("the", "this", "that") for d in ctx.graph.kids(noun, "det")):
        return None
    verb = ctx.graph.head.get(prep)
    if verb is None or verb == prep or ctx.annotation.tokens[verb].pos != "VERB":
        return None
    return verb


def _grievance_targets(ctx: _Context, anchors: list[int]) -> list[int]:
    """Whom a protest is aimed at when nothing is named next to it: the object of its
    purpose ("staged a strike to demand the resignation of X", "rallied to protest X's
    decision") or of "in protest of / in defiance of X" (a coder's target)."""
    graph = ctx.graph
    aims: list[int] = []
    for anchor in anchors:
        for clause in graph.kids(anchor, *_PURPOSES):
            if any(ctx.lemma(a) == "to" for a in graph.kids(clause, "aux")):
                aims += graph.kids(clause, "dobj")
                aims += [o for p in graph.kids(clause, "prep") for o in graph.kids(p, "pobj")]
        for prep in graph.kids(anchor, "prep"):
            for noun in graph.kids(prep, "pobj"):
                if ctx.lemma(prep) == "in" and ctx.lemma(noun) in _PROTESTING:
                    aims += [
                        o
                        for p in graph.kids(noun, "prep")
                        if ctx.lemma(p) in _GRIEVANCE_PREPS
                        for o in graph.kids(p, "pobj")
                    ]
    found: list[int] = []
    for aim in aims:
        if _participant(ctx, aim) is not None:
            found.append(aim)
            continue
        # "their disapproval of X's policies", "demands for reform from X"
        found += [
            o
            for p in graph.kids(aim, "prep")
            if ctx.lemma(p) in _GRIEVANCE_PREPS
            for o in graph.kids(p, "pobj")
            if _participant(ctx, o) is not None
        ]
    return found


def _visitor(ctx: _Context, participant: Participant) -> bool:
    """Whether a participant can be received on a visit: a named person, organisation or
    country, not a gathering ("the summit", "the Games")."""
    if _entity_type_of(ctx, participant.entity or "") not in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    last = participant.name.split()[-1].lower() if participant.name.split() else ""
    return last not in _GATHERINGS and last not in NOUNS


def _place(ctx: _Context, index: int) -> bool:
    """Whether a word names a place: a named one, or a common noun that a named place fills
    ("the town of Cizre", "the capital Kabul", "a jail in northern Israel")."""
    if _entity_type(ctx, index) in ("GPE", "LOC", "FAC"):
        return True
    found = _participant(ctx, index) if ctx.annotation.tokens[index].pos == "NOUN" else None
    return found is not None and _is_place(ctx, found)


def _is_place(ctx: _Context, participant: Participant) -> bool:
    return bool(participant.entity) and _entity_type_of(ctx, participant.entity or "") in (
        "GPE",
        "LOC",
        "FAC",
    )


def _expand(ctx: _Context, heads: Iterable[int]) -> tuple[Participant, ...]:
    """Participants for head tokens, conjuncts included ("Putin and Kim")."""
    out: list[Participant] = []
    seen: set[int] = set()
    stack = list(heads)
    while stack:
        head = stack.pop(0)
        if head in seen:
            continue
        seen.add(head)
        stack += ctx.graph.kids(head, "conj")
        for named in ctx.graph.kids(head, "appos"):  # "the prime minister, Albanese, and ..."
            stack += ctx.graph.kids(named, "conj")
        participant = _participant(ctx, head)
        if participant is not None and participant not in out:
            out.append(participant)
    return tuple(out)


def _participant(ctx: _Context, head: int) -> Participant | None:
    tokens = ctx.annotation.tokens
    token = tokens[head]
    if token.pos in ("PRON", "DET", "NUM"):
        return _pronoun(ctx, head)
    article = ctx.article
    # the named mention inside the phrase: the head itself, or a modifier of it
    # ("Russian President Vladimir Putin", "Vietnamese officials")
    phrase = [head, *ctx.graph.kids(head, "compound", "amod", "poss", "nmod")]
    named = ctx.graph.kids(head, "appos")  # "Australia's Prime Minister Anthony Albanese"
    for index in [head, *named, *sorted(i for i in phrase if i != head)]:
        entity, start, end = _entity_at(ctx, tokens[index].start)
        if entity is not None:
            return Participant(article.span(start, end), entity.name, entity.id)
    if token.pos == "NOUN" and token.lemma.lower() in NOUNS and token.lemma.lower() not in _LINKS:
        # an event named for a party: "the withdrawal of Serbian forces", "a meeting of the
        # Security Council", "rallies by the opposition" (not "a rally in Lagos": a place)
        for prep in ctx.graph.kids(head, "prep"):
            if ctx.lemma(prep) in ("of", "by"):
                for member in ctx.graph.kids(prep, "pobj"):
                    found = _participant(ctx, member)
                    if found is not None:
                        return found
    elif token.pos in ("NOUN", "PROPN") and token.lemma.lower() not in _NOT_MEMBERS - _LINKS:
        # "leaders of the opposition coalition", "doctors from two Swiss charities": a group
        # of people named by what they belong to (not "a visit from X": an event noun);
        # "rebels in Chad", "students across Peru": by where they are, as coders code them;
        # "violations by the army", "a decision by Oslo": a deed stands for its doer
        # "air links with Serbia", "ties to Moscow": the other side
        joins = ("with", "to") if token.lemma.lower() in _LINKS else _MEMBER_PREPS
        # "crimes committed by X", "property seized by X"
        preps = ctx.graph.kids(head, "prep") + [
            a for clause in ctx.graph.kids(head, "acl") for a in ctx.graph.kids(clause, "agent")
        ]
        for prep in preps:
            if ctx.lemma(prep) in joins:
                for member in ctx.graph.kids(prep, "pobj"):
                    found = _participant(ctx, member)
                    if found is not None:
                        return found
    if token.pos == "NOUN" and token.lemma.lower() in _AGENT_NOUNS and _specific(ctx, head):
        return _common(ctx, head)
    return None


def _specific(ctx: _Context, head: int) -> bool:
    """Whether a role noun names a party a coder can code: "the protesters", "prisoners",
    "28 government officials", not a count or a kind with nothing to tell it by ("five
    leaders have visited", "visits by other leaders"), nor one's own ("its troops"), nor a
    bare singular ("the mediator's visit"), which points back to a party already named."""
    if any(ctx.annotation.tokens[k].pos == "PRON" for k in ctx.graph.kids(head, "poss")):
        return False  # "withdrew its troops": the actor's own, not another party
    kids = ctx.graph.kids(head, "det", "amod", "nummod", "compound")
    counted = any(ctx.graph.dep.get(k) == "nummod" or ctx.lemma(k) in _QUANTIFIERS for k in kids)
    classified = any(
        ctx.graph.dep.get(k) in ("amod", "compound") and ctx.lemma(k) not in _QUANTIFIERS
        for k in kids
    )
    if not classified and ctx.annotation.tokens[head].tag != "NNS":
        return False  # "the mediator", "the union": one already named, whom coreference tells
    return classified or not counted


def _common(ctx: _Context, head: int) -> Participant:
    """A participant named by a common noun with no entity behind it ("the protesters",
    "riot police", "Croatian authorities"): the noun with the modifiers before it, as an
    event coder codes an agent by its role when no name fills the slot."""
    tokens = ctx.annotation.tokens
    start = head
    for kid in sorted(ctx.graph.kids(head, "compound", "amod", "nmod"), reverse=True):
        if kid == start - 1 and tokens[kid].pos in ("NOUN", "PROPN", "ADJ", "VERB"):
            start = kid
    while start > 0 and tokens[start - 1].end == tokens[start].start:
        start -= 1  # "Vietnamese-led forces", "pro-government militias"
    span = ctx.article.span(tokens[start].start, tokens[head].end)
    return Participant(span, span.text)


def _pronoun(ctx: _Context, index: int) -> Participant | None:
    """ "he"/"she" -> the nearest earlier PERSON mention of the article."""
    word = ctx.word(index).lower()
    if word in _GROUP_PRONOUNS:
        return _reporter(ctx, index)
    if word not in _PERSONAL_PRONOUNS:
        return None
    position = ctx.annotation.tokens[index].start
    best: tuple[int, Entity] | None = None
    for start, entity in ctx.owner.items():
        if entity.type == "PERSON" and start < position and (best is None or start > best[0]):
            best = (start, entity)
    if best is None:
        return None
    start, entity = best
    return Participant(ctx.article.span(start, ctx.mention_end[start]), entity.name, entity.id)


def _reporter(ctx: _Context, index: int) -> Participant | None:
    """ "Oslo says it will ...", "the rebels said they would ...": "it" and "they" as the
    subject of what a named country, organisation or group says, means, or decides."""
    graph = ctx.graph
    clause = graph.head.get(index)
    if graph.dep.get(index) not in _SUBJECTS or clause is None:
        return None
    for _ in range(3):
        dep, head = graph.dep.get(clause), graph.head.get(clause)
        if head is None or head == clause or dep not in ("ccomp", "xcomp", "conj"):
            return None
        clause = head
        for subject in graph.kids(clause, *_SUBJECTS):
            if ctx.annotation.tokens[subject].pos == "PRON":
                continue
            found = _participant(ctx, subject)
            if found is None:
                return None
            kind = _entity_type_of(ctx, found.entity or "")
            # a body named by its role ("the rebels said they would ...") is a group too
            return found if kind in ("ORG", "GPE", "NORP") or found.entity is None else None
    return None
