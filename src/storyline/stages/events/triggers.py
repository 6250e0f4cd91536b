"""Triggers: which words report an event, and with which predicate.

A trigger is a verb of `VERBS` or an event noun of `NOUNS` (lemmas -> `Predicate`, from
`lexicon/en/events.toml`: `predicates`, `verbs`, `nouns`), with the checks that keep states and
modifiers out (`_noun_trigger`: "is a threat", "the visit schedule"); or a verb that is an
event by its object or particle (`_object_trigger`: "gave a grant", "lifted the embargo",
"called off the strike", "opened fire"); or saying that another must act (`_obligation`),
or making a coming event public (`_announcement`). `_light_verb` finds the verb an event noun
is the object or subject of ("held talks"). Only sentences holding a candidate lemma are parsed
(`_candidate_sentences`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from storyline.lexicon import entry, table, words
from storyline.model import Annotation
from storyline.stages.annotate import sentence_tokens
from storyline.stages.events._context import (
    _SUBJECTS,
    _Context,
    _entity_type,
    _named,
    _subjects,
    _tag,
)
from storyline.stages.events.merge import predicate_class


@dataclass(frozen=True, slots=True)
class Predicate:
    """A predicate class: its name, PLOVER type (None: not a PLOVER interaction) and mode."""

    name: str
    type: str | None
    mode: str | None = None
    inverse: bool = False  # "Hanoi hosts Putin" is Putin's visit: subject and object swap


def _predicate(key: str, row: dict[str, Any]) -> Predicate:
    return Predicate(
        row.get("name", key), row.get("type"), row.get("mode"), row.get("inverse", False)
    )


def _table(rows: dict[str, list[str]]) -> dict[str, Predicate]:
    """Lemma -> predicate, from a table of predicate keys -> lemmas."""
    return {word: PREDICATES[key] for key, lemmas in rows.items() for word in lemmas}


# Every predicate the stage gives, by its key in the lexicon (one object per key).
PREDICATES: dict[str, Predicate] = {
    key: _predicate(key, row) for key, row in table("events", "predicates").items()
}
_VISIT = PREDICATES["visit"]
_CALL = PREDICATES["phone_call"]
_INVITE = PREDICATES["invite"]
_ARRIVE = PREDICATES["arrive"]
_STRIKE = PREDICATES["strike"]
_ATTACK = PREDICATES["attack"]
_SEVER = PREDICATES["reduce_relations"]
_UPGRADE = PREDICATES["upgrade_relations"]
_DEMAND = PREDICATES["demand"]
_ANNOUNCE = PREDICATES["announce"]
_PLEDGE = PREDICATES["pledge"]
_TAKE_OFFICE = PREDICATES["inaugurate"]

# Verb lemmas that report an event (PLOVER types as in the 2021 CAMEO-to-PLOVER table).
VERBS: dict[str, Predicate] = _table(table("events", "verbs"))
# Event nouns (lemmas); "call" and "talk" need the checks in `_noun_trigger`.
NOUNS: dict[str, Predicate] = _table(table("events", "nouns"))

_TERMS = words("events", "terms")
_BEGINNING = words("events", "beginning")
_PROMISED_THINGS = words("events", "promised_things")
_PROMISING = words("events", "promising")
_INTENT = words("events", "intent")
_VOICING = words("events", "voicing")
_FORGE = words("events", "forge")
_RELATIONS = words("events", "relations")
_MILITARY_STRIKE = words("events", "military_strike")
_ARMED_FORCES = _MILITARY_STRIKE | words("events", "armed_forces")
_HOSTING = words("events", "hosting")
_ENFORCERS = words("events", "enforcers")
_EXPRESSING = words("events", "expressing")
_LIGHT_VERBS = words("events", "light_verbs") | _EXPRESSING
_SUBJECT_VERBS = words("events", "subject_verbs")
_LIGHT_WITH_FOR = words("events", "light_with_for")
_NEED_LIGHT_VERB = words("events", "need_light_verb")
_NEED_OBJECT = words("events", "need_object")
_MILITARY_DRILLS = words("events", "military_drills")
_DRILL_KINDS = words("events", "drill_kinds")
_GROUP_PRONOUNS = words("events", "group_pronouns")
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})  # entity labels
_MAKING_PUBLIC = words("events", "making_public")
_OBLIGING = words("events", "obliging")
_TIES = words("events", "ties")
_AID_GOODS = words("events", "aid_goods")
_GIVING = words("events", "giving")
_MISSIONS = words("events", "missions")
_INSPECTORS = words("events", "inspectors")
_ADMITTING = words("events", "admitting")
_EASED_PRESSURE = words("events", "eased_pressure")
_RESTRICTIONS = _EASED_PRESSURE | words("events", "restrictions")
_EASING = words("events", "easing")
_CONDITIONS = words("events", "conditions")
_ASKS = words("events", "asks")
_PROTEST_NOUNS = words("events", "protest_nouns")
_PROTESTERS = words("events", "protesters")
_CALLING_OFF = words("events", "calling_off")
_SUPPRESSING = words("events", "suppressing")
_LODGING = words("events", "lodging")
_WEAPONS = words("events", "weapons")
_EXPLOSIVES = words("events", "explosives")
_ENTRY = words("events", "entry")
_BANNING = words("events", "banning")
_REFUGE = words("events", "refuge")
_EFFORTS = words("events", "efforts")
_DECIDERS = _ENFORCERS | words("events", "deciders")
_STRENGTHENING = words("events", "strengthening")
_TROOPS = words("events", "troops")
_SHARED = words("events", "shared")
_MEETINGS = words("events", "meetings")
_SAYING = words("events", "saying")
_WALKING_TO = words("events", "walking_to")

_CANDIDATE_LEMMAS = (
    frozenset(VERBS)
    | frozenset(NOUNS)
    | _FORGE
    | _GIVING
    | _ADMITTING
    | _EASING
    | _SUPPRESSING
    | words("events", "candidate_lemmas")
    | _TERMS
    | _PROMISED_THINGS
    | _VOICING
)


# The general-news type scheme of the detector's mentions (`news_types`, docs/events.md):
# head lemma -> type; a lemma in no list gets `GENERIC`.
NEWS_TYPES: dict[str, str] = {
    lemma: kind for kind, lemmas in table("events", "news_types").items() for lemma in lemmas
}
GENERIC: str = str(entry("events", "news_scheme")["generic"])


def news_predicate(lemma: str) -> Predicate:
    """The predicate of a mention the learned detector found and the rules did not: named by
    its head lemma, typed by `NEWS_TYPES`. A lemma of the PLOVER tables is generic here, and
    named apart ("generic:visit") so that it never merges with the rules' events of that
    name: the rules turned that word down in its sentence ("declined to comment", "his first
    visit since 2017"), the detector only says it is an event."""
    lemma = lemma.lower()
    if lemma in VERBS or lemma in NOUNS or lemma in PREDICATES:
        return Predicate(f"{GENERIC.lower()}:{lemma}", GENERIC)
    return Predicate(lemma, NEWS_TYPES.get(lemma, GENERIC))


def _candidate_sentences(annotation: Annotation) -> list[int]:
    return [
        number
        for number, words in enumerate(sentence_tokens(annotation))
        if any(t.lemma.lower() in _CANDIDATE_LEMMAS for t in words)
    ]


def _trigger(ctx: _Context, index: int) -> Predicate | None:
    token = ctx.annotation.tokens[index]
    if _quoted(ctx, token.start) and not _narrated(ctx, index):
        return None  # words inside quote marks are the speaker's, not the reporter's
    lemma = token.lemma.lower()
    dep = ctx.graph.dep.get(index, "")
    if token.pos == "VERB" and dep not in ("amod", "compound"):
        by_object = _object_trigger(ctx, index, lemma)
        if by_object is not None:
            return by_object
    if token.pos == "VERB" and lemma in VERBS:
        if dep in ("amod", "compound") or (token.tag == "VBG" and dep == "acl"):
            return None
        if VERBS[lemma] is _SEVER and not _object_words(ctx, index) & _TIES:
            return None  # "halted cargo traffic" is no sanction; "halted aid" is
        if VERBS[lemma].name in ("pledge", "agree") and any(
            ctx.lemma(k) in NOUNS for k in ctx.graph.kids(index, "dobj")
        ):
            return None  # "offered talks", "agreed a deal": the noun is the event
        if VERBS[lemma].type == "REJECT" and any(
            ctx.lemma(k) in _SAYING for k in ctx.graph.kids(index, "xcomp")
        ):
            return None  # "declined to comment" rejects nothing
        if VERBS[lemma].name == "concede" and lemma != "concede":
            return None  # "lifted the ban" is read by its object; "lifted from a paper" is not
        if lemma == "back" and ctx.graph.kids(index, "prt"):
            return None  # "backed out", "backed down": no support
        if lemma == "warn" and _forecast(ctx, index):
            return None  # "warned that the repairs would take weeks" threatens no one
        return VERBS[lemma]
    if token.pos in ("NOUN", "PROPN") and lemma in NOUNS:
        return _noun_trigger(ctx, index, lemma)
    if token.pos == "NOUN" and lemma in _TERMS and _term_begins(ctx, index):
        return _TAKE_OFFICE  # "since his second term began in May"
    if token.pos == "NOUN" and lemma in _PROMISED_THINGS and _promised(ctx, index):
        return _PLEDGE  # "Berlin's promised support for Kyiv"
    if (
        token.pos == "VERB"
        and lemma in _FORGE
        and any(ctx.lemma(k) in _RELATIONS for k in ctx.graph.kids(index, "dobj", "nsubjpass"))
    ):
        return _UPGRADE  # "established a strategic partnership", "ties were forged"
    return None


def _object_words(ctx: _Context, verb: int, *deps: str) -> set[str]:
    """The lemmas that say what a verb acts on: its objects, the words compounded with them,
    what a measure or a part is of, and their conjuncts."""
    graph = ctx.graph
    if deps == ("prep",):  # a noun's: what it is of ("a suspension of air links")
        ofs = [p for p in graph.kids(verb, "prep") if ctx.lemma(p) == "of"]
        heads = [o for p in ofs for o in graph.kids(p, "pobj")]
    else:
        heads = graph.kids(verb, *(deps or ("dobj", "nsubjpass")))
    heads += [c for h in heads for c in graph.kids(h, "conj")]
    found: set[str] = set()
    for head in heads:
        found.add(ctx.lemma(head))
        found.update(ctx.lemma(k) for k in graph.kids(head, "compound", "amod"))
        for prep in graph.kids(head, "prep"):
            if ctx.lemma(prep) == "of":
                for of in graph.kids(prep, "pobj"):
                    found.add(ctx.lemma(of))
                    found.update(ctx.lemma(k) for k in graph.kids(of, "compound", "amod"))
    return found


def _particle(ctx: _Context, verb: int) -> str:
    return " ".join(ctx.lemma(k) for k in ctx.graph.kids(verb, "prt"))


def _object_trigger(ctx: _Context, index: int, lemma: str) -> Predicate | None:
    """Verbs whose object decides the event, as an event coder reads them: "gave a grant" and
    "sent arms" are aid, "withdrew its inspectors" an expulsion, "received observers" access,
    "lifted the embargo" a retreat, "called off the strike" a concession, "opened fire" combat,
    "set fire to the offices" and "blew up the lines" destruction, "denied entry" a sanction."""
    graph = ctx.graph
    objects = _object_words(ctx, index)
    particle = _particle(ctx, index)
    if lemma in _GIVING and objects & _AID_GOODS:
        return PREDICATES["aid"]
    if lemma in ("withdraw", "recall", "pull") and objects & _MISSIONS:
        return PREDICATES["withdraw_mission"]
    if lemma in _ADMITTING and objects & (_MISSIONS - {"worker", "staff"}):
        return PREDICATES["admit_mission"]
    if lemma in ("send", "dispatch") and objects & _INSPECTORS:
        return PREDICATES["investigate"]
    if lemma in _EASING and objects & _RESTRICTIONS:
        if objects & _EASED_PRESSURE:
            return PREDICATES["ease"]  # a blockade, economic sanctions
        return PREDICATES["concede"]
    if lemma == "accept" and objects & _CONDITIONS:
        return PREDICATES["concede"]
    if (lemma in _CALLING_OFF or (lemma == "call" and particle == "off")) and objects & (
        _PROTEST_NOUNS - _PROTESTERS
    ):
        return PREDICATES["call_off"]
    if (lemma in _SUPPRESSING or (lemma == "break" and particle == "up")) and objects & (
        _PROTEST_NOUNS
    ):
        return PREDICATES["repress"]
    if lemma in ("dismiss", "spurn") and objects & _ASKS:
        return PREDICATES["reject"]
    if lemma in ("protest", "complain") and graph.kids(index, "ccomp"):
        return PREDICATES["criticize"]  # "X was unfair, Y protested"
    if lemma in _LODGING and objects & {"protest", "complaint"}:
        return PREDICATES["criticize"]  # a diplomatic protest
    if lemma == "open" and "fire" in objects:
        return PREDICATES["fight"]
    if lemma == "fire" and (objects & _WEAPONS or _by_armed_forces(ctx, index)):
        return PREDICATES["fight"]  # "tanks fired shells", not a manager
    if lemma == "set" and "fire" in objects:
        return PREDICATES["destroy"]  # destroying property (2021: ASSAULT)
    if lemma == "blow" and particle == "up":
        return PREDICATES["destroy"]
    if lemma in ("explode", "detonate") and objects & _EXPLOSIVES:
        return _ATTACK  # "exploded a bomb in the market"
    if lemma == "beat" and particle == "up":
        return PREDICATES["beat"]
    if lemma == "deny" and objects & _ENTRY:
        return PREDICATES["deny_entry"]
    if lemma in _BANNING and objects & (_TIES - _MEETINGS):
        return PREDICATES["sanction"]  # "banned all exports", "prohibit aid"
    if lemma == "seek" and objects & _REFUGE:
        return PREDICATES["demand_asylum"]
    if (lemma in ("end", "abandon") or (lemma == "break" and particle == "off")) and objects & (
        _TIES - _MEETINGS
    ):
        return _SEVER  # "ended its mediation", "broke off relations"
    if lemma in ("allow", "permit") and _tag(ctx, index) != "VBG" and _agentive(ctx, index):
        return PREDICATES["concede_allow"]  # "the court allowed him to run"
    if lemma in _STRENGTHENING and objects & _TROOPS:
        return PREDICATES["mobilize"]  # "strengthened its forces"
    if lemma == "share" and objects & _SHARED and _with_someone(ctx, index):
        return PREDICATES["cooperate_intelligence"]  # "shared evidence with X"
    if lemma == "abuse" and any(
        ctx.lemma(k) in ("sexually", "physically") for k in graph.kids(index, "advmod")
    ):
        return PREDICATES["beat_sexual"]
    if lemma == "reduce" and objects & (_TIES - _MEETINGS):
        return _SEVER  # "reduced food supplies to the camp"
    if lemma == "walk" and _walks_out(ctx, index, particle):
        return _STRIKE  # "dock workers walked off the job", "nurses walked out"
    if (lemma in ("take", "assume") and "office" in objects) or (
        lemma == "swear" and particle == "in"
    ):
        return _TAKE_OFFICE  # "took office in January", "was sworn in on Monday"
    if lemma in _VOICING and objects & _INTENT and graph.kids(index, *_SUBJECTS, "nsubjpass"):
        return PREDICATES["express_intent"]  # "expressed interest in investing"
    return None


def _walks_out(ctx: _Context, verb: int, particle: str) -> bool:
    """ "walked off the job", "nurses walked out": workers stopping work. Walking out is a
    strike only for a group (a plural noun or a named body) going nowhere in particular
    ("she walked out into the sun", "walked off the stage" are not)."""
    preps = {ctx.lemma(p): p for p in ctx.graph.kids(verb, "prep")}
    if "off" in preps:
        return any(
            ctx.lemma(o) in ("job", "work", "shift") for o in ctx.graph.kids(preps["off"], "pobj")
        )
    if particle != "out" and "out" not in preps:
        return False
    if preps.keys() & _WALKING_TO:
        return False
    return any(
        _tag(ctx, s) == "NNS" or _entity_type(ctx, s) in ("ORG", "NORP")
        for s in ctx.graph.kids(verb, "nsubj")
    )


def _with_someone(ctx: _Context, verb: int) -> bool:
    """ "shared data with Oslo": "with" on the verb or on its object."""
    holders = [verb, *ctx.graph.kids(verb, "dobj")]
    return any(ctx.lemma(p) == "with" for h in holders for p in ctx.graph.kids(h, "prep"))


def _agentive(ctx: _Context, verb: int) -> bool:
    """Whether a verb's subject is someone who decides: a named actor, a pronoun, an
    institution or an office ("Iraq", "it", "the court"), not a rule ("the law allows")."""
    for subject in _subjects(ctx, verb):
        token = ctx.annotation.tokens[subject]
        if token.pos == "PRON" and ctx.lemma(subject) in _GROUP_PRONOUNS | {"we"}:
            return True  # "it will allow": a government; not "a rule that allows"
        if _entity_type(ctx, subject) in _NAMED or ctx.lemma(subject) in _DECIDERS:
            return True
    return False


def _announcement(ctx: _Context, index: int) -> Predicate | None:
    """ "Oslo announced that it would lift the ban", "Putin confirmed that he would visit
    Beijing in May": making a coming event public is an event of its own, with its own date
    (PLOVER does not code it)."""
    token = ctx.annotation.tokens[index]
    if (
        token.pos != "VERB"
        or token.lemma.lower() not in _MAKING_PUBLIC
        or _quoted(ctx, token.start)
    ):
        return None
    for clause in ctx.graph.kids(index, "ccomp"):
        words = [clause, *ctx.graph.kids(clause, "dobj", "xcomp")]
        if any(ctx.lemma(w) in VERBS or ctx.lemma(w) in NOUNS for w in words):
            return _ANNOUNCE
    return None


def _narrated(ctx: _Context, index: int) -> bool:
    """ "“The president gladly accepted the invitation,” the agency said": inside quote marks,
    a verb in the simple past whose subject is a named party tells what that party did, as a
    news agency's report does; opinions, plans and "we"/"I" are still the speaker's."""
    token = ctx.annotation.tokens[index]
    if token.pos != "VERB" or token.tag != "VBD" or ctx.graph.kids(index, "aux", "neg"):
        return False
    return any(_entity_type(ctx, s) in _NAMED for s in ctx.graph.kids(index, "nsubj"))


def _term_begins(ctx: _Context, noun: int) -> bool:
    """ "his term began", "began her second term", "the new presidency started": a term of
    office that begins (not "in terms of", "long-term", "the term 'x'")."""
    head = ctx.graph.head.get(noun)
    return (
        head is not None
        and head != noun
        and ctx.lemma(head) in _BEGINNING
        and ctx.graph.dep.get(noun) in ("nsubj", "dobj")
        and bool(ctx.graph.kids(noun, "poss", "amod"))
    )


def _promised(ctx: _Context, noun: int) -> bool:
    """ "Berlin's promised support", "the pledged aid": a participle of promising before a
    noun of help is a promise, its possessor the one who made it."""
    return any(
        ctx.lemma(k) in _PROMISING and _tag(ctx, k) in ("VBN", "VBD")
        for k in ctx.graph.kids(noun, "amod")
    )


def _quoted(ctx: _Context, position: int) -> bool:
    """Whether a word is inside someone's quoted words (scare quotes are not in `quoted`)."""
    # `quoted` is in text order and its stretches do not overlap (extract.py merges them):
    # only the last one starting before `position` can hold it
    index = bisect.bisect_left(ctx.quoted, position, key=lambda span: span[0]) - 1
    return index >= 0 and ctx.quoted[index][0] < position < ctx.quoted[index][1]


def _obligation(ctx: _Context, index: int) -> Predicate | None:
    """ "Oslo said that Minsk must free the journalists": saying that another must act is a
    demand on them (PLOVER and CAMEO code it so); the speaker's own duties ("we must") and
    words inside quote marks are not."""
    token = ctx.annotation.tokens[index]
    if token.pos != "VERB" or token.lemma.lower() not in _OBLIGING:
        return None
    if _quoted(ctx, token.start):
        return None
    for clause in ctx.graph.kids(index, "ccomp"):
        if not any(ctx.lemma(k) == "must" for k in ctx.graph.kids(clause, "aux")):
            continue
        subjects = ctx.graph.kids(clause, "nsubj", "nsubjpass")
        if subjects and all(ctx.annotation.tokens[k].pos != "PRON" for k in subjects):
            return _DEMAND
    return None


def _noun_trigger(ctx: _Context, index: int, lemma: str) -> Predicate | None:
    graph = ctx.graph
    if graph.dep.get(index) == "compound":
        if lemma == "mediation" and _effort(ctx, index):
            return NOUNS[lemma]  # "a mediation effort": the mediation is the event
        return None  # "visit schedule", "strike fund": a modifier, not the event
    if _named(ctx, index):
        return None  # "the East Asia Summit" names the event; it is not a report of one
    if lemma in _NEED_LIGHT_VERB and _light_verb(ctx, index) is None:
        return None
    if NOUNS[lemma].type == "THREATEN" and _predicative(ctx, index):
        return None  # "Beijing is a threat to Vietnam", "seen as a threat": a state
    kids = {ctx.lemma(k) for k in graph.kids(index, "compound", "amod", "nmod")}
    if lemma == "call":
        phoned = kids & {"phone", "telephone", "video"}
        with_someone = any(ctx.lemma(k) == "with" for k in graph.kids(index, "prep"))
        return NOUNS[lemma] if phoned or with_someone else None
    if lemma == "talk" and ctx.annotation.tokens[index].tag != "NNS":
        return None
    if lemma in _NEED_OBJECT and not _object_words(ctx, index, "prep") & _TIES:
        return None  # "the suspension of the player", not "of air links"
    if lemma in _MILITARY_DRILLS and not kids & _DRILL_KINDS:
        return None  # "an exercise in patience", not "joint naval exercises"
    if lemma in ("strike", "attack") and kids & _MILITARY_STRIKE:
        return PREDICATES["attack_military"]
    return NOUNS[lemma]


def _by_armed_forces(ctx: _Context, verb: int) -> bool:
    """Whether the doer of a violent act is an army or its weapons ("government troops
    killed", "shelled by tanks", "aircraft bombed"), which PLOVER codes as fighting."""
    graph = ctx.graph
    doers = _subjects(ctx, verb) + [
        o for agent in graph.kids(verb, "agent") for o in graph.kids(agent, "pobj")
    ]
    for doer in doers:
        words = [doer, *graph.kids(doer, "compound", "amod", "nmod")]
        if any(ctx.lemma(w) in _ARMED_FORCES for w in words):
            return True
    return False


def _forecast(ctx: _Context, verb: int) -> bool:
    """ "warned that the queue would take weeks": a warning about what others or things will
    do, to no one in particular, is a forecast; "warned that it would retaliate" and "warned
    Oslo" are threats."""
    graph = ctx.graph
    if graph.kids(verb, "dobj", "dative"):
        return False
    subjects = [s for c in graph.kids(verb, "ccomp") for s in graph.kids(c, *_SUBJECTS)]
    return bool(subjects) and not any(
        ctx.annotation.tokens[s].pos == "PRON"
        or _entity_type(ctx, s) is not None
        or ctx.lemma(s) in _ENFORCERS
        for s in subjects
    )


def _hosted(ctx: _Context, noun: int) -> bool:
    """Whether a noun is an event one can host or welcome: a visit, an arrival, talks."""
    found = NOUNS.get(ctx.lemma(noun))
    return found is not None and predicate_class(found.name) in ("visit", "meet", "arrive")


def _predicative(ctx: _Context, noun: int) -> bool:
    """ "is a threat", "is seen as a threat": the noun says what something is."""
    dep = ctx.graph.dep.get(noun)
    head = ctx.graph.head.get(noun)
    if dep == "attr":
        return True
    return dep == "pobj" and head is not None and ctx.lemma(head) == "as"


def _effort(ctx: _Context, noun: int) -> int | None:
    """The effort an event noun names when it is compounded with one ("a mediation mission")."""
    head = ctx.graph.head.get(noun)
    if ctx.graph.dep.get(noun) == "compound" and head is not None and ctx.lemma(head) in _EFFORTS:
        return head
    return None


def _light_verb(ctx: _Context, noun: int) -> int | None:
    """The verb an event noun is the object or subject of ("held talks", "the visit began")."""
    noun = _effort(ctx, noun) or noun
    head = ctx.graph.head.get(noun)
    if head is None or head == noun:
        return None
    dep = ctx.graph.dep.get(noun)
    lemma = ctx.lemma(head)
    if lemma in _HOSTING and not _hosted(ctx, noun):
        return None  # "welcomed the deal" praises a deal; it does not make one
    if dep in ("dobj", "nsubjpass") and lemma in _LIGHT_VERBS:
        return head
    if dep in ("dobj", "nsubjpass") and lemma in _LIGHT_WITH_FOR and _has_for(ctx, head):
        return head  # "a trial was set for Jan. 12"
    if dep == "nsubj" and lemma in _SUBJECT_VERBS:
        return head
    if dep == "pobj" and ctx.lemma(head) == "into":  # "enter into a deal"
        verb = ctx.graph.head.get(head)
        if verb is not None and ctx.lemma(verb) in ("enter", "go"):
            return verb
    return _relative_light_verb(ctx, noun)


def _has_for(ctx: _Context, verb: int) -> bool:
    return any(ctx.lemma(k) == "for" for k in ctx.graph.kids(verb, "prep"))


def _relative_light_verb(ctx: _Context, noun: int) -> int | None:
    """ "the invasion that Putin launched in 2022": a relative clause whose verb is light and
    whose object is the relative pronoun."""
    for verb in ctx.graph.kids(noun, "relcl", "acl"):
        if ctx.lemma(verb) not in _LIGHT_VERBS:
            continue
        if ctx.graph.dep[verb] == "acl" and ctx.annotation.tokens[verb].tag != "VBN":
            continue  # "the warrant issued last March", not "the visit starting today"
        objects = ctx.graph.kids(verb, "dobj", "nsubjpass")
        if not objects or all(ctx.lemma(o) in ("that", "which") for o in objects):
            return verb
    return None
