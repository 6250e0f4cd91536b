"""What happened, when: events with a PLOVER type, participants, a date and a status.

`extract_events` reads one annotated article. A trigger is a verb or an event noun from
`PREDICATES` (visit, trip, talks, invite, sign, invasion, ...), or a verb that is an event by
its object or particle (`_object_trigger`: "gave a grant", "lifted the embargo", "called off
the strike", "opened fire"); only sentences holding one are parsed. From the parse come the
actors (subject, agent, possessor, "by X"), the targets (object, "to X", "with X", "of X")
and the location ("in X"); a light verb's subject is the
actor of its event noun ("Hanoi extended an invitation"). The date is the time expression
attached to the trigger or to its light verb, never one under "since", "until", "before" or
"after" (those date another event). The status comes from what governs the trigger:
negation, "if", modals ("will", "could"), planning and scheduling words ("plans to", "is
scheduled to", "is expected to", "upcoming"), then tense, then the date against the
publication date; `cue` keeps the words that decided it.

`merge_events` folds mentions into real-world events: within an article a mention joins the
nearest compatible earlier mention of the same predicate class ("the visit"), across articles
it joins an event it shares a participant with and does not contradict (different people or
countries, dates that cannot both hold: two visits that both happened in different years stay
apart; a visit expected in May and one that happened in June, reported later, are one).
`timeline` orders the dated events by date, granularity kept, vaguely dated ones last; an
event with no date at all stays in `events` only.

Why our own: PETRARCH-style coders need CAMEO verb dictionaries, code one sentence at a time
and do not date or merge events; NGEC/POLECAT date events with a past-leaning dateparser
setting that puts planned visits in the past. Scores are in docs/benchmarks.md.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from storyline import timevalues
from storyline.model import (
    Annotation,
    Article,
    ArticleTimex,
    Entity,
    Event,
    EventDate,
    EventMention,
    EventStatus,
    HistoryEntry,
    Participant,
    Span,
    TimelineEntry,
)
from storyline.stages.annotate import (
    Graph,
    ParseCache,
    dependency_graph,
    parse_sentences,
    sentence_tokens,
    split_at_paragraphs,
)
from storyline.stages.quotes import find_quote_regions

REQUIRES = ("articles", "annotations", "timexes", "entities")
ASSIGNS = ("events", "timeline")


@dataclass(frozen=True, slots=True)
class Predicate:
    """A predicate class: its name, PLOVER type (None: not a PLOVER interaction) and mode."""

    name: str
    type: str | None
    mode: str | None = None
    inverse: bool = False  # "Hanoi hosts Putin" is Putin's visit: subject and object swap


def _table(rows: dict[Predicate, str]) -> dict[str, Predicate]:
    return {word: predicate for predicate, words in rows.items() for word in words.split()}


_VISIT = Predicate("visit", "CONSULT", "visit")
_MEET = Predicate("meet", "CONSULT", "meet")
_CALL = Predicate("phone_call", "CONSULT", "phone")
_SIGN = Predicate("sign_agreement", "SUPPORT")
_INVITE = Predicate("invite", "AGREE", "meet")
_ARRIVE = Predicate("arrive", "CONSULT", "visit")
_PROTEST = Predicate("protest", "PROTEST", "demo")
_STRIKE = Predicate("strike", "PROTEST", "boycott")
_ATTACK = Predicate("attack", "ASSAULT")
_SEVER = Predicate("reduce_relations", "SANCTION")
_UPGRADE = Predicate("upgrade_relations", "SUPPORT")
_DEMAND = Predicate("demand", "REQUEST")
_ANNOUNCE = Predicate("announce", None)
_PLEDGE = Predicate("pledge", "AGREE")
_TAKE_OFFICE = Predicate("inaugurate", None)
_VOTE = Predicate("vote", None)  # a vote or ballot: no interaction between two parties

# Verb lemmas that report an event (PLOVER types as in the 2021 CAMEO-to-PLOVER table).
VERBS: dict[str, Predicate] = _table(
    {
        _VISIT: "visit tour travel",
        _ARRIVE: "arrive land",
        _MEET: "meet",
        Predicate("visit", "CONSULT", "visit", inverse=True): "host welcome",
        Predicate("attend", "CONSULT", "third-party"): "attend",
        Predicate("negotiate", "CONSULT"): "negotiate",
        Predicate("mediate", "CONSULT", "mediate"): "mediate",
        _CALL: "phone telephone",
        _INVITE: "invite",
        Predicate("accept", "AGREE"): "accept",
        Predicate("agree", "AGREE"): "agree consent",
        _PLEDGE: "pledge promise vow offer commit",
        _SIGN: "sign ratify",
        _UPGRADE: "upgrade elevate",
        Predicate("praise", "SUPPORT"): "praise endorse commend applaud hail",
        Predicate("support", "SUPPORT"): "support back",
        Predicate("congratulate", "SUPPORT"): "congratulate",
        Predicate("defend", "SUPPORT"): "defend",
        Predicate("apologize", "SUPPORT"): "apologize apologise forgive",
        Predicate("recognize", "SUPPORT"): "recognize recognise",
        Predicate("cooperate", "COOPERATE"): "cooperate collaborate extradite",
        Predicate("aid", "AID"): "donate evacuate",
        Predicate("grant", "AID"): "grant",
        Predicate("concede", "CONCEDE"): "concede ease lift",
        Predicate("release", "RETREAT"): "release free",
        Predicate("withdraw", "RETREAT"): "withdraw surrender demobilize demobilise",
        Predicate("resign", "RETREAT"): "resign",
        Predicate("investigate", "ACCUSE", "investigate"): "investigate probe inspect",
        Predicate("criticize", "ACCUSE", "disapprove"): (
            "criticize criticise condemn denounce rebuke decry deplore slam complain"
        ),
        Predicate("accuse", "ACCUSE", "disapprove"): "accuse blame",
        Predicate("sue", "ACCUSE", "allege"): "sue",
        _DEMAND: "demand urge insist pressure",
        Predicate("reject", "REJECT"): "reject refuse rebuff veto decline oppose renege",
        Predicate("threaten", "THREATEN"): "threaten warn",
        _PROTEST: "protest demonstrate rally riot march",
        _STRIKE: "boycott",
        Predicate("block", "PROTEST", "obstruct"): "block barricade",
        Predicate("mobilize", "MOBILIZE", "troops"): "mobilize mobilise deploy reinforce",
        Predicate("sanction", "SANCTION"): "sanction expel",
        _SEVER: "sever suspend halt freeze cancel cut",
        Predicate("arrest", "COERCE", "arrest"): "arrest detain indict jail imprison",
        Predicate("ban", "COERCE", "restrict"): "ban outlaw censor blockade",
        Predicate("hack", "COERCE", "cyber"): "hack",
        Predicate("seize", "COERCE", "seize"): "seize occupy confiscate demolish",
        Predicate("deport", "COERCE", "deport"): "deport",
        _ATTACK: "attack bomb raid ambush torture",
        Predicate("invade", "ASSAULT", "military"): "invade",
        Predicate("kill", "ASSAULT"): "kill assassinate massacre",
        Predicate("beat", "ASSAULT", "sexual"): "rape molest",
        Predicate("abduct", "ASSAULT", "abduct"): "abduct kidnap",
        Predicate("fight", "ASSAULT", "military"): "fight clash shell bombard storm recapture",
        Predicate("capture", "ASSAULT", "military"): "capture retake",
        Predicate("elect", None): "elect re-elect reelect",
        _TAKE_OFFICE: "inaugurate",
        _VOTE: "vote",
    }
)

# Event nouns (lemmas); "call" and "talk" need the checks in `_noun_trigger`.
NOUNS: dict[str, Predicate] = _table(
    {
        _VISIT: "visit trip tour",
        _ARRIVE: "arrival",
        _MEET: "meeting talk summit",
        _CALL: "call",
        _INVITE: "invitation",
        _SIGN: "agreement deal pact treaty accord",
        Predicate("express_condolences", "SUPPORT"): "condolence",
        Predicate("negotiate", "CONSULT"): "negotiation",
        Predicate("investigate", "ACCUSE", "investigate"): "investigation probe inquiry",
        Predicate("criticize", "ACCUSE", "disapprove"): "criticism condemnation rebuke",
        Predicate("issue_warrant", "COERCE", "arrest"): "warrant",
        Predicate("arrest", "COERCE", "arrest"): "arrest",
        Predicate("sanction", "SANCTION"): "sanction embargo",
        Predicate("ban", "COERCE", "restrict"): "curfew blockade restriction",
        Predicate("sanction", "SANCTION", "expel"): "expulsion",
        _SEVER: "suspension",
        Predicate("cooperate", "COOPERATE", "military"): "exercise drill game",
        Predicate("threaten", "THREATEN"): "ultimatum threat",
        Predicate("mediate", "CONSULT", "mediate"): "mediation",
        _PROTEST: "protest demonstration rally riot",
        _STRIKE: "strike walkout stoppage boycott",
        _ATTACK: "attack bombing airstrike assault torture",
        Predicate("invade", "ASSAULT", "military"): "invasion",
        Predicate("elect", None): "election reelection re-election",
        _VOTE: "ballot referendum",
        _PLEDGE: "pledge",
        Predicate("agree", "AGREE"): "consensus understanding",
        Predicate("withdraw", "RETREAT"): "withdrawal ceasefire",
    }
)

# A term of office that begins is someone taking office ("her second term began").
_TERMS = frozenset({"term", "tenure", "presidency", "premiership", "mandate"})
_BEGINNING = frozenset({"begin", "start", "commence"})
# Help that can be promised ("the promised aid") and the participles that promise it.
_PROMISED_THINGS = frozenset(
    {"support", "aid", "help", "assistance", "backing", "funding", "loan", "investment"}
)
_PROMISING = frozenset({"promise", "pledge", "vow", "offer", "commit"})
# What one expresses as an intent to cooperate (CAMEO 03: AGREE): "expressed interest in".
_INTENT = frozenset({"interest", "willingness", "readiness", "desire", "intention", "intent"})
_VOICING = frozenset({"express", "voice", "signal", "show", "indicate"})
# Verbs that make a relationship when their object is one ("established a partnership").
_FORGE = frozenset({"establish", "forge", "form", "launch", "normalize", "normalise", "restore"})
_RELATIONS = frozenset({"partnership", "relation", "relationship", "tie", "alliance"})
_MILITARY_STRIKE = frozenset({"air", "missile", "drone", "rocket", "military", "nuclear"})
_COMBAT = frozenset({"kill", "attack", "bomb", "raid", "ambush"})  # not "torture": no combat
_ARMED_FORCES = _MILITARY_STRIKE | frozenset(
    {"army", "force", "troop", "soldier", "aircraft", "warplane", "jet", "gunship", "tank"}
    | {"artillery", "navy", "helicopter", "airstrike", "shelling", "militia", "marine"}
)
# Verbs whose object is the event ("held talks", "imposed sanctions") and verbs whose subject
# is ("the visit could take place", "the talks began").
# Light verbs whose subject is the one the event is for ("received an invitation").
_RECEIVING = frozenset({"receive", "accept", "get", "welcome", "host"})
# Light verbs that only voice the event noun ("offered condolences"): no status of their own.
_EXPRESSING = frozenset({"offer", "express", "convey", "send"})
_HOSTING = frozenset({"welcome", "host"})
# What agreeing reaches rather than plans: "agreed a deal" (but "agreed a purchase" plans one).
_AGREEMENTS = frozenset(
    {"agreement", "deal", "pact", "treaty", "accord", "ceasefire", "truce", "consensus"}
)
# Who carries out a warning's threat when they are its subject ("police will not tolerate").
_ENFORCERS = frozenset({"police", "army", "force", "troop", "military", "government"})
_LIGHT_VERBS = frozenset(
    {"hold", "make", "pay", "conduct", "have", "extend", "issue", "sign", "launch", "stage"}
    | {"begin", "start", "complete", "wrap", "receive", "accept", "announce", "host"}
    | {"impose", "slap", "lift", "plan", "schedule", "confirm", "cancel", "postpone", "seal"}
    | {"reach", "strike", "clinch", "finalize", "finalise", "carry", "mount", "organize"}
    | {"organise", "arrange", "seek", "negotiate", "broker", "agree", "want", "discuss"}
    | {"tighten", "undertake", "intensify", "step", "reimpose", "renew", "resume"}
    | _EXPRESSING
    | {"welcome"}
)
_SUBJECT_VERBS = frozenset(
    {"take", "begin", "start", "end", "come", "happen", "occur", "continue", "conclude"}
    | {"proceed", "open", "close", "wrap", "go", "last", "run"}
)
# Event nouns that are a state as often as an event: only with a light verb ("imposed
# sanctions", "signed a deal") are they one.
_NEED_LIGHT_VERB = frozenset(
    {"sanction", "embargo", "agreement", "deal", "pact", "treaty", "accord", "consensus"}
    | {"understanding", "restriction"}
)
# Nouns that are an event only with these words: "a suspension of air links" (a tie),
# "joint naval exercises", "war games" (military ones).
_NEED_OBJECT = frozenset({"suspension"})
_MILITARY_DRILLS = frozenset({"exercise", "drill", "game"})
_DRILL_KINDS = frozenset({"military", "joint", "naval", "war", "air", "army", "live-fire"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_CONTROL = frozenset({"xcomp", "conj"})
_OTHER_TIME = frozenset({"since", "until", "till", "before", "after", "from"})
_TARGET_PREPS = frozenset({"to", "with", "against", "on", "of", "into", "between", "among"})
_GROUP_PRONOUNS = frozenset({"it", "they"})
# Prepositions whose object is the other side when they hang from a verb's object or from
# its complement clause ("action against X", "calls by X", "an offer from X").
_COMPLEMENT_PREPS = frozenset({"to", "with", "against", "from", "by", "on"})
# Event types whose place is also their target when nothing else is: a curfew, a protest, a
# raid or a withdrawal in a country is aimed at it (as PLOVER codes them); talks are not.
_PLACE_TARGETS = frozenset(
    {"PROTEST", "COERCE", "CONCEDE", "SANCTION", "ASSAULT", "MOBILIZE", "RETREAT", "AID"}
)
_PLACE_PREPS = frozenset({"in", "at"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

# Status words: what governs a trigger ("plans to visit", "the upcoming visit").
_MODALS: dict[str, EventStatus] = {
    "will": "expected",
    "'ll": "expected",
    "shall": "expected",
    "would": "expected",
    "could": "speculated",
    "might": "speculated",
    "may": "speculated",
    "can": "speculated",
    "should": "expected",
}
_GOVERNORS: dict[str, EventStatus] = {
    **dict.fromkeys(("plan", "intend", "aim", "prepare", "seek", "want", "wish"), "planned"),
    **dict.fromkeys(("hope", "try", "agree", "decide", "promise", "pledge"), "planned"),
    **dict.fromkeys(("willing", "ready", "prepared", "eager", "determined"), "planned"),
    **dict.fromkeys(("schedule", "set", "due", "slate", "poise"), "scheduled"),
    **dict.fromkeys(("expect", "anticipate", "likely", "await", "tip"), "expected"),
    **dict.fromkeys(("consider", "mull", "weigh", "possible", "rumor", "rumour"), "speculated"),
    **dict.fromkeys(("invite", "urge", "ask", "propose", "suggest", "call"), "speculated"),
    **dict.fromkeys(("invitation", "proposal", "offer"), "speculated"),
    **dict.fromkeys(("deny", "refuse", "decline", "cancel", "postpone", "fail"), "negated"),
}
# Verbs that leave their object event unrealised ("demanded a recount", "the launch was
# delayed"), nouns whose "of" complement is a prospect ("fears of a recession"), verbs whose
# "for" complement is asked for ("called for a rerun").
_NOUN_GOVERNORS: dict[str, EventStatus] = {
    **dict.fromkeys(("urge", "propose", "suggest", "demand", "request", "consider"), "speculated"),
    **dict.fromkeys(("seek", "want", "plan", "prepare"), "planned"),
    **dict.fromkeys(("expect", "anticipate", "await", "forecast", "predict"), "expected"),
    **dict.fromkeys(("schedule",), "scheduled"),
    **dict.fromkeys(("cancel", "postpone", "delay", "scrap", "abandon", "deny"), "negated"),
}
_PROSPECTS = frozenset(
    {"hope", "fear", "worry", "risk", "prospect", "possibility", "chance", "threat"}
    | {"danger", "likelihood", "expectation", "spectre", "specter"}
)
# Verbs that carry out the event their object or passive subject names ("will take
# delivery", "aid will be provided"), so a modal on them is the event's.
_PERFORMING = _LIGHT_VERBS | frozenset({"take", "give", "provide", "perform", "do", "use"})
# Nouns whose complement is not yet done ("a timetable for withdrawing").
_AIMS = _PROSPECTS | frozenset(
    {"timetable", "schedule", "bid", "attempt", "effort", "deadline", "goal", "aim", "target"}
)
_ASKING_FOR = frozenset({"call", "ask", "push", "press", "hope", "wait", "plead", "appeal"})
# Measures that take effect by being announced ("announced a curfew" imposed it), unlike
# events an announcement schedules ("announced job cuts", "announced a summit").
_DECLARED = frozenset(
    {"sanction", "embargo", "ban", "curfew", "suspension", "restriction", "expulsion"}
    | {"blockade", "tariff", "freeze", "moratorium", "boycott"}
)
_ANNOUNCING = frozenset({"announce", "confirm", "say", "report", "tell", "state"})
_MAKING_PUBLIC = frozenset({"announce", "confirm", "unveil"})
# Saying verbs that make "X must ..." in their clause a demand on X.
_OBLIGING = frozenset({"say", "reiterate", "declare", "state", "announce", "stress", "conclude"})
_ADVERBS: dict[str, EventStatus] = {
    **dict.fromkeys(("possibly", "perhaps", "maybe", "potentially", "probably"), "speculated"),
    **dict.fromkeys(("reportedly", "allegedly"), "speculated"),
}
_MODIFIERS: dict[str, EventStatus] = {
    **dict.fromkeys(("upcoming", "forthcoming", "coming", "expected", "anticipated"), "expected"),
    **dict.fromkeys(("planned", "intended", "future", "next"), "planned"),
    **dict.fromkeys(("scheduled", "announced"), "scheduled"),
    **dict.fromkeys(("possible", "potential", "rumored", "rumoured", "prospective"), "speculated"),
    **dict.fromkeys(("proposed", "mooted", "unannounced"), "speculated"),
    **dict.fromkeys(("cancelled", "canceled", "postponed", "aborted", "scrapped"), "negated"),
    **dict.fromkeys(("recent", "last", "previous", "former", "earlier", "past"), "happened"),
    **dict.fromkeys(("first", "latest", "historic"), "happened"),
}
_CHAIN = frozenset({"xcomp", "ccomp", "conj", "acl"})
# Verbs whose complement takes their tense: aspect ("continued to fall", "began talks") and
# implicatives that assert it ("managed to land").
_CARRYING = frozenset(
    {"begin", "start", "continue", "keep", "resume", "stop", "cease", "finish", "go"}
    | {"manage", "succeed", "help", "proceed", "happen", "tend"}
)
_GATHERINGS = frozenset(
    {"summit", "conference", "forum", "games", "olympics", "cup", "championship", "festival"}
    | {"congress", "convention", "expo", "fair", "ceremony", "session", "assembly", "event"}
)
# What a government can suspend, halt or cut as a sanction (objects of `_SEVER` verbs).
_TIES = frozenset(
    {"aid", "relation", "tie", "link", "talk", "negotiation", "cooperation", "assistance"}
    | {"export", "import", "trade", "mediation", "visit", "trip", "meeting", "contact"}
    | {"loan", "funding", "payment", "supply", "shipment", "flight", "deal", "agreement"}
)
# What a verb is about when its object decides the event: the object's own word, the words
# compounded with it ("aid deliveries") and what it measures ("tons of food aid", "part of
# an aid program"), through coordination ("photographs and other intelligence").
_MEASURES = frozenset({"part", "some", "all", "most", "much", "rest", "portion", "share"})
# What one gives or sends as aid (CAMEO 07: provide aid).
_AID_GOODS = frozenset(
    {"aid", "assistance", "grant", "loan", "medicine", "food", "relief", "arm", "weapon"}
    | {"intelligence", "vaccine", "supply", "fund", "funding"}
)
_GIVING = frozenset({"give", "provide", "send", "deliver", "hand", "ship", "supply", "contribute"})
# Missions a government receives, sends in or withdraws (PLOVER: RETREAT access, SANCTION
# expel, INVESTIGATE).
_MISSIONS = frozenset(
    {"inspector", "observer", "monitor", "peacekeeper", "peacekeeping", "investigator"}
    | {"diplomat", "ambassador", "envoy", "mission", "worker", "staff"}
)
_INSPECTORS = frozenset({"inspector", "investigator", "monitor", "observer", "expert"})
_ADMITTING = frozenset({"receive", "admit", "accept", "allow", "welcome"})
# Pressure whose easing is a retreat (the 2021 table: ease economic sanctions, a military
# blockade) and administrative restrictions whose easing is a concession (a curfew, a state
# of emergency, a ban on a party; both versions of PLOVER code these CONCEDE).
_EASED_PRESSURE = frozenset({"sanction", "embargo", "boycott", "blockade", "siege"})
_RESTRICTIONS = _EASED_PRESSURE | frozenset(
    {"restriction", "ban", "limit", "control", "curfew", "emergency", "tariff", "quota"}
    | {"suspension", "freeze", "moratorium", "veto", "cap"}
)
_EASING = frozenset({"lift", "ease", "relax", "loosen", "shorten", "cancel", "end", "suspend"})
_ASKS = frozenset(
    {"appeal", "call", "demand", "request", "proposal", "offer", "plea", "ultimatum"}
    | {"allegation", "accusation", "charge", "claim", "report"}
)
_PROTEST_NOUNS = frozenset(
    {"protest", "demonstration", "rally", "riot", "strike", "walkout", "boycott", "march"}
    | {"demonstrator", "protester", "protestor", "crowd", "sit-in"}
)
_CALLING_OFF = frozenset({"cancel", "end", "suspend", "halt", "abandon"})
_SUPPRESSING = frozenset({"disperse", "prevent", "suppress", "crush", "forbid", "quell"})
_WEAPONS = frozenset(
    {"shell", "rocket", "missile", "mortar", "shot", "bullet", "round", "grenade", "bomb"}
)
_ENTRY = frozenset({"entry", "access", "visa", "admission", "admittance"})
_REFUGE = frozenset({"refuge", "asylum", "shelter", "sanctuary"})
_EFFORTS = frozenset({"effort", "mission", "bid", "initiative", "attempt", "role"})
_DECIDERS = _ENFORCERS | frozenset(
    {"court", "parliament", "minister", "president", "authority", "official", "leader"}
    | {"cabinet", "ministry", "council", "commission", "judge", "regime", "administration"}
)
_TROOPS = frozenset({"force", "troop", "presence", "army", "garrison", "deployment"})
_SHARED = frozenset(
    {"intelligence", "information", "evidence", "expertise", "data", "technology", "know-how"}
)
_MEETINGS = frozenset({"talk", "negotiation", "visit", "trip", "meeting", "contact"})
_SAYING = frozenset(
    {"say", "comment", "confirm", "disclose", "elaborate", "discuss", "specify", "reveal"}
    | {"identify", "name", "answer", "respond", "speculate", "give", "provide"}
)
# How far back "on that occasion" looks for the event it means (characters).
_OCCASION_REACH = 300
_SCARE_QUOTE_WORDS = 3
_PLURALIA = frozenset({"talk", "sanction", "condolence", "negotiation"})
_MONTH_OR_DIGIT = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_NOT_YET: frozenset[EventStatus] = frozenset({"scheduled", "planned", "expected", "speculated"})


@dataclass(slots=True)
class _Context:
    article: Article
    annotation: Annotation
    graph: Graph
    owner: dict[int, Entity]  # char offset of a mention's first character -> entity
    mention_end: dict[int, int]
    types: dict[str, str]  # entity id -> type, for the entities mentioned here
    timexes: Sequence[ArticleTimex]
    quoted: list[tuple[int, int]]  # quoted speech, scare quotes left out

    def word(self, index: int) -> str:
        token = self.annotation.tokens[index]
        return self.article.text[token.start : token.end]

    def lemma(self, index: int) -> str:
        return self.annotation.tokens[index].lemma.lower()


def extract_events(
    article: Article,
    annotation: Annotation,
    *,
    nlp: Any,
    entities: Sequence[Entity] = (),
    timexes: Sequence[ArticleTimex] = (),
    parses: ParseCache | None = None,
) -> list[EventMention]:
    """The event mentions of one annotated article, in text order.

    `nlp` parses the sentences that hold a trigger (with `parses`, a cache shared with the
    quotes stage); `entities` link participants; `timexes` are this article's time
    expressions, resolved against its publication date.
    """
    if not article.analysed or not article.text.strip():
        return []
    annotation = split_at_paragraphs(annotation, article.text)
    candidates = _candidate_sentences(annotation)
    if not candidates:
        return []
    parsed = parse_sentences(article, annotation, candidates, nlp=nlp, cache=parses)
    owner: dict[int, Entity] = {}
    mention_end: dict[int, int] = {}
    for entity in entities:
        for mention in (*entity.mentions, *entity.metonyms):
            if mention.article != article.id:
                continue
            # Names nest ("Hanoi" in "the Hanoi airport"): the innermost one is the participant.
            if mention.start in owner and mention_end[mention.start] <= mention.end:
                continue
            owner[mention.start] = entity
            mention_end[mention.start] = mention.end
    # quoted speech; scare quotes around a word or two (his “reelection”, the “special
    # operation”) are the reporter's distance, not speech, and are left out
    regions = []
    for start, end in find_quote_regions(article.text):
        stop = len(article.text) if end is None else end
        if len(article.text[start:stop].split()) > _SCARE_QUOTE_WORDS:
            regions.append((start, stop))
    ctx = _Context(
        article,
        annotation,
        dependency_graph(annotation, parsed),
        owner,
        mention_end,
        {entity.id: entity.type for entity in owner.values()},
        [t for t in timexes if t.article == article.id],
        regions,
    )
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
    return found


def extract_all(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    *,
    nlp: Any,
    entities: Sequence[Entity] = (),
    timexes: Sequence[ArticleTimex] = (),
    parses: ParseCache | None = None,
) -> list[list[EventMention]]:
    """`extract_events` over articles and their annotations (in the same order), each given
    its own time expressions, with one parse cache for all."""
    by_article: dict[str, list[ArticleTimex]] = {}
    for t in timexes:
        by_article.setdefault(t.article, []).append(t)
    cache: ParseCache = {} if parses is None else parses
    return [
        extract_events(
            article,
            annotation,
            nlp=nlp,
            entities=entities,
            timexes=by_article.get(article.id, ()),
            parses=cache,
        )
        for article, annotation in zip(articles, annotations, strict=True)
    ]


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
            if ctx.lemma(prep) not in ("in", "during", "on", "at"):
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


_CANDIDATE_LEMMAS = (
    frozenset(VERBS)
    | frozenset(NOUNS)
    | _FORGE
    | _GIVING
    | _ADMITTING
    | _EASING
    | _SUPPRESSING
    | {"must", "dispatch", "recall", "pull", "call", "break", "dismiss", "spurn", "lodge"}
    | {"file", "register", "open", "fire", "set", "blow", "beat", "deny", "prohibit", "bar"}
    | {"seek", "reduce", "complain", "explode", "detonate", "permit", "strengthen", "boost"}
    | {"bolster", "increase", "build", "share", "abuse"}
    | _TERMS
    | _PROMISED_THINGS
    | _VOICING
    | {"office", "swear", "walk"}
)


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
        return Predicate("aid", "AID")
    if lemma in ("withdraw", "recall", "pull") and objects & _MISSIONS:
        return Predicate("withdraw_mission", "SANCTION", "expel")
    if lemma in _ADMITTING and objects & (_MISSIONS - {"worker", "staff"}):
        return Predicate("admit_mission", "RETREAT", "access")
    if lemma in ("send", "dispatch") and objects & _INSPECTORS:
        return Predicate("investigate", "ACCUSE", "investigate")
    if lemma in _EASING and objects & _RESTRICTIONS:
        if objects & _EASED_PRESSURE:
            return Predicate("ease", "RETREAT", "ease")  # a blockade, economic sanctions
        return Predicate("concede", "CONCEDE")
    if lemma == "accept" and objects & {"demand", "condition", "term", "ultimatum"}:
        return Predicate("concede", "CONCEDE")
    if (lemma in _CALLING_OFF or (lemma == "call" and particle == "off")) and objects & (
        _PROTEST_NOUNS - {"demonstrator", "protester", "protestor", "crowd"}
    ):
        return Predicate("call_off", "CONCEDE")
    if (lemma in _SUPPRESSING or (lemma == "break" and particle == "up")) and objects & (
        _PROTEST_NOUNS
    ):
        return Predicate("repress", "COERCE", "repress")
    if lemma in ("dismiss", "spurn") and objects & _ASKS:
        return Predicate("reject", "REJECT")
    if lemma in ("protest", "complain") and graph.kids(index, "ccomp"):
        return Predicate("criticize", "ACCUSE", "disapprove")  # "X was unfair, Y protested"
    if lemma in ("lodge", "file", "register", "deliver") and objects & {"protest", "complaint"}:
        return Predicate("criticize", "ACCUSE", "disapprove")  # a diplomatic protest
    if lemma == "open" and "fire" in objects:
        return Predicate("fight", "ASSAULT", "military")
    if lemma == "fire" and (objects & _WEAPONS or _by_armed_forces(ctx, index)):
        return Predicate("fight", "ASSAULT", "military")  # "tanks fired shells", not a manager
    if lemma == "set" and "fire" in objects:
        return Predicate("destroy", "ASSAULT", "seize")  # destroying property (2021: ASSAULT)
    if lemma == "blow" and particle == "up":
        return Predicate("destroy", "ASSAULT", "seize")
    if lemma in ("explode", "detonate") and objects & {"bomb", "device", "explosive", "mine"}:
        return _ATTACK  # "exploded a bomb in the market"
    if lemma == "beat" and particle == "up":
        return Predicate("beat", "ASSAULT", "beat")
    if lemma == "deny" and objects & _ENTRY:
        return Predicate("deny_entry", "SANCTION", "expel")
    if lemma in ("ban", "prohibit", "forbid", "bar") and objects & (_TIES - _MEETINGS):
        return Predicate("sanction", "SANCTION")  # "banned all exports", "prohibit aid"
    if lemma == "seek" and objects & _REFUGE:
        return Predicate("demand", "REQUEST", "asylum")
    if (lemma in ("end", "abandon") or (lemma == "break" and particle == "off")) and objects & (
        _TIES - _MEETINGS
    ):
        return _SEVER  # "ended its mediation", "broke off relations"
    if lemma in ("allow", "permit") and _tag(ctx, index) != "VBG" and _agentive(ctx, index):
        return Predicate("concede", "CONCEDE", "allow")  # "the court allowed him to run"
    if lemma in ("strengthen", "boost", "bolster", "increase", "build") and objects & _TROOPS:
        return Predicate("mobilize", "MOBILIZE", "troops")  # "strengthened its forces"
    if lemma == "share" and objects & _SHARED and _with_someone(ctx, index):
        return Predicate("cooperate", "COOPERATE", "intelligence")  # "shared evidence with X"
    if lemma == "abuse" and any(
        ctx.lemma(k) in ("sexually", "physically") for k in graph.kids(index, "advmod")
    ):
        return Predicate("beat", "ASSAULT", "sexual")
    if lemma == "reduce" and objects & (_TIES - _MEETINGS):
        return _SEVER  # "reduced food supplies to the camp"
    if lemma == "walk" and _walks_out(ctx, index, particle):
        return _STRIKE  # "dock workers walked off the job", "nurses walked out"
    if (lemma in ("take", "assume") and "office" in objects) or (
        lemma == "swear" and particle == "in"
    ):
        return _TAKE_OFFICE  # "took office in January", "was sworn in on Monday"
    if lemma in _VOICING and objects & _INTENT and graph.kids(index, *_SUBJECTS, "nsubjpass"):
        return Predicate("express_intent", "AGREE")  # "expressed interest in investing"
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
    if preps.keys() & {"into", "to", "onto", "towards", "toward"}:
        return False
    return any(
        _tag(ctx, s) == "NNS" or _entity_type(ctx, s) in ("ORG", "NORP")
        for s in ctx.graph.kids(verb, "nsubj")
    )


def _tag(ctx: _Context, index: int) -> str:
    return ctx.annotation.tokens[index].tag


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
    return any(a < position < b for a, b in ctx.quoted)


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
        return Predicate("attack", "ASSAULT", "military")
    return NOUNS[lemma]


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
            return _mention(
                ctx, index, Predicate("praise", "SUPPORT"), light
            )  # "welcomed the move"
        actors, targets = targets, actors
        if location is None:
            location = next((p for p in targets if _is_place(ctx, p)), None)
        predicate = replace(predicate, inverse=False)
    if ctx.lemma(index) in _COMBAT and _by_armed_forces(ctx, index):
        predicate = replace(predicate, mode="military")  # "the army killed ...": combat
    if predicate.name == "accept" and any(
        ctx.lemma(k) == "invitation" for k in ctx.graph.kids(index, "dobj")
    ):
        predicate = Predicate("accept_invitation", "AGREE", "meet")
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


def _date_and_status(
    ctx: _Context, index: int, light: int | None
) -> tuple[EventDate | None, EventStatus, Span | None]:
    """A trigger's date, then its status (which the date can decide) and the status's cue."""
    when = _date(ctx, index, light) or _shared_date(ctx, index if light is None else light)
    if when is not None:
        tense, _ = _tense(ctx, index if light is None else light)
        when = _past_date(ctx, tense == "past", when)  # "visited Nairobi in June"
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
    if dep == "nsubj" and lemma in _SUBJECT_VERBS:
        return head
    if dep == "pobj" and ctx.lemma(head) == "into":  # "enter into a deal"
        verb = ctx.graph.head.get(head)
        if verb is not None and ctx.lemma(verb) in ("enter", "go"):
            return verb
    return _relative_light_verb(ctx, noun)


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


_ASPECTUAL = frozenset({"continue", "begin", "start", "resume", "maintain", "intensify"})
_VIOLENT = frozenset({"ASSAULT", "FIGHT", "COERCE"})
_PURPOSES = frozenset({"advcl", "xcomp", "acl", "relcl"})
_GRIEVANCE_PREPS = frozenset({"against", "at", "of", "over", "for", "from", "on", "with"})
_PROTESTING = frozenset({"protest", "defiance", "opposition", "solidarity", "response"})


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


def _subjects(ctx: _Context, verb: int) -> list[int]:
    """The subject of a verb, borrowed from its governor for "plans to visit" and "arrived
    and met", and from the modified noun for "Putin, who visited ..."."""
    graph = ctx.graph
    seen = 0
    while seen < 4:
        found = graph.kids(verb, *_SUBJECTS)
        if found:
            return found
        dep = graph.dep.get(verb)
        head = graph.head.get(verb)
        if head is None or head == verb:
            return []
        if dep == "relcl":
            return [head]
        if dep == "xcomp" and graph.dep.get(head) == "acomp":
            head = graph.head.get(head, head)  # "X is willing to withdraw": X's
        elif dep not in _CONTROL and dep != "advcl":
            return []
        verb = head
        seen += 1
    return []


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


_NOT_MEMBERS = frozenset(NOUNS) | _GATHERINGS | _RELATIONS
# the people and bodies an event coder codes as actors by their role when no name is given
# (CAMEO's agent types: government, military, police, rebels, opposition, civilians,
# refugees, labour, education, media, judiciary, legislature, business, religion)
_AGENT_NOUNS = frozenset(
    {"government", "administration", "authority", "official", "minister", "ministry", "cabinet"}
    | {"regime", "junta", "premier", "leader", "leadership", "spokesman", "spokeswoman"}
    | {"diplomat", "ambassador", "envoy", "delegation", "negotiator", "mediator", "police"}
    | {"policeman", "officer", "army", "military", "troop", "soldier", "force", "militia"}
    | {"militiaman", "commander", "guard", "rebel", "insurgent", "guerrilla", "guerilla"}
    | {"militant", "separatist", "fighter", "gunman", "extremist", "terrorist", "bomber", "hacker"}
    | {"opposition", "dissident", "activist", "protester", "protestor", "demonstrator", "crowd"}
    | {"marcher", "striker", "civilian", "resident", "villager", "citizen", "people", "inhabitant"}
    | {"population", "refugee", "migrant", "prisoner", "detainee", "hostage", "worker", "union"}
    | {"employee", "farmer", "miner", "teacher", "student", "doctor", "journalist", "reporter"}
    | {"court", "judge", "prosecutor", "parliament", "lawmaker", "legislator", "legislature"}
    | {"party", "group", "movement", "faction", "agency", "council", "committee", "coalition"}
    | {"company", "businessman", "investor", "elder", "cleric", "bishop", "clergy", "tribe"}
    | {"youth", "mob", "gang", "smuggler", "pirate", "settler", "national"}
)


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


_LINKS = _RELATIONS | frozenset({"link", "contact", "connection"})
# "leaders of X", "doctors from X", "rebels in X", "violations by X", "a camp for X"
_MEMBER_PREPS = frozenset({"of", "from", "in", "throughout", "across", "by", "for"})
_QUANTIFIERS = frozenset(
    {"other", "some", "many", "several", "few", "various", "all", "more", "most", "such"}
    | {"both", "each", "every", "any", "no", "another", "numerous", "certain"}
)


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


def _entity_at(ctx: _Context, position: int) -> tuple[Entity | None, int, int]:
    """The entity whose mention covers `position`; the narrowest where names nest ("Kuwait"
    in "invasion of Kuwait")."""
    best: tuple[int, int, Entity] | None = None
    for start, entity in ctx.owner.items():
        end = ctx.mention_end[start]
        if start <= position < end and (best is None or end - start < best[1] - best[0]):
            best = (start, end, entity)
    if best is None:
        return None, position, position
    return best[2], best[0], best[1]


def _pronoun(ctx: _Context, index: int) -> Participant | None:
    """ "he"/"she" -> the nearest earlier PERSON mention of the article."""
    word = ctx.word(index).lower()
    if word in _GROUP_PRONOUNS:
        return _reporter(ctx, index)
    if word not in ("he", "she", "his", "her"):
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


def _entity_type(ctx: _Context, index: int) -> str | None:
    entity, _, _ = _entity_at(ctx, ctx.annotation.tokens[index].start)
    return entity.type if entity else None


def _entity_type_of(ctx: _Context, entity_id: str) -> str | None:
    return ctx.types.get(entity_id)


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
    graph = ctx.graph
    sentence = graph.sentence[index]
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
    found = []
    for timex in ctx.timexes:
        if timex.type not in ("DATE", "TIME"):
            continue
        if not (timevalues.period(timex.value) or timex.value.endswith("_REF")):
            continue
        head = _timex_head(ctx, timex)
        if head is None or graph.sentence.get(head) != sentence:
            continue
        if _governed_by_other_time(ctx, timex, head) or _unanchored(ctx, timex):
            continue
        if _attaches_to(ctx, head, anchors):
            found.append((head, timex))
    return sorted(found, key=lambda pair: pair[1].start)


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
    tokens = ctx.annotation.tokens
    inside = [i for i in ctx.graph.head if timex.start <= tokens[i].start < timex.end]
    for i in inside:
        head = ctx.graph.head[i]
        if head == i or not timex.start <= tokens[head].start < timex.end:
            return i
    return None


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


def _named(ctx: _Context, index: int) -> bool:
    """Whether a token is inside a named entity ("the East Asia Summit")."""
    start = ctx.annotation.tokens[index].start
    return any(e.start <= start < e.end for e in ctx.annotation.entities if e.label != "DATE")


def _gatherings(ctx: _Context, anchors: set[int]) -> set[int]:
    """Named gatherings an event is at, with the verbs that describe them: "attended the
    Pacific Forum hosted by Fiji in 2019" is dated by the summit's own date."""
    graph = ctx.graph
    tokens = ctx.annotation.tokens
    sentences = {graph.sentence[a] for a in anchors}
    found: set[int] = set()
    for index, number in graph.sentence.items():
        if number not in sentences or index in anchors or not _named(ctx, index):
            continue
        if tokens[index].lemma.lower() not in _GATHERINGS:
            continue
        if _attaches_to(ctx, index, anchors):
            found.add(index)
            found.update(graph.kids(index, "acl"))
    return found


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


def _governing_chain(ctx: _Context, index: int) -> list[int]:
    """The trigger and the verbs that govern it through control, complements and
    coordination ("is expected to [visit]", "plans to [visit]", "said he would [visit]")."""
    graph = ctx.graph
    chain = [index]
    current = index
    for _ in range(4):
        dep = graph.dep.get(current)
        head = graph.head.get(current)
        if head is None or head == current or dep not in _CHAIN:
            break
        current = head
        chain.append(current)
    return chain


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


def _published_period(article: Article) -> tuple[date, date] | None:
    if article.published is None:
        return None
    try:
        return date.fromisoformat(article.published.earliest), date.fromisoformat(
            article.published.latest
        )
    except ValueError:
        return None


# Predicates that name the same kind of happening, for merging ("the trip" is "the visit").
_CLASSES = {"negotiate": "meet"}
# Predicates whose actors and targets are interchangeable ("A met B" is "B met A").
_SYMMETRIC = frozenset(
    {"meet", "phone_call", "upgrade_relations", "cooperate", "sign_agreement", "fight"}
)
_RANK: dict[EventStatus, int] = {
    "happened": 6,
    "scheduled": 5,
    "planned": 4,
    "expected": 3,
    "speculated": 2,
    "hypothetical": 1,
    "negated": 0,
}


@dataclass(slots=True)
class _Cluster:
    members: list[EventMention]


def merge_events(
    mentions: Iterable[EventMention],
    places: dict[str, str] | None = None,
    members: dict[str, frozenset[str]] | None = None,
) -> list[Event]:
    """One event per real-world happening over all articles, in order of first mention.

    `places` maps place entities to the country they stand for ("Hanoi" -> Vietnam), so a
    visit to Hanoi and one to Vietnam can be the same visit; `members` maps people to the
    organisations their roles name (see `memberships`), so "an invitation from the party" and
    "an invitation from the party's leader" can be one. Mentions are taken in order of
    publication; each joins the compatible cluster it shares most participants with
    (within its own article, a mention with no participants of its own joins the nearest
    earlier one of its class); a mention that fits no cluster starts one. Mentions with no
    participant, no date and no cluster to join are dropped: "the deal" alone is not an event.
    """
    where = places or {}
    belongs = members or {}
    ordered = sorted(
        mentions, key=lambda m: (m.published is None, m.published or "", m.article, m.trigger.start)
    )
    clusters: list[_Cluster] = []
    for mention in ordered:
        best: tuple[int, int] | None = None
        for number, cluster in enumerate(clusters):
            score = _fit(mention, cluster, where, belongs)
            if score is not None and (best is None or score > best[0]):
                best = (score, number)
        if best is not None:
            clusters[best[1]].members.append(mention)
        elif mention.actors or mention.targets or mention.date or mention.location:
            clusters.append(_Cluster([mention]))
    merged = [_event(c.members) for c in clusters]
    seen: dict[str, int] = {}
    for number, event in enumerate(merged):
        if event.id in seen:  # never two events with one id, whatever the input
            seen[event.id] += 1
            merged[number] = replace(event, id=f"{event.id}-{seen[event.id]}")
        else:
            seen[event.id] = 0
    return merged


def predicate_class(predicate: str) -> str:
    """The class a predicate merges with ("host" -> "visit")."""
    return _CLASSES.get(predicate, predicate)


def _fit(
    mention: EventMention,
    cluster: _Cluster,
    places: dict[str, str],
    members: dict[str, frozenset[str]],
) -> int | None:
    """How well a mention fits a cluster (shared participants), or None if it cannot."""
    if _merge_class(cluster.members[0], places) != _merge_class(mention, places):
        return None
    shared = 0
    for other in cluster.members:
        if _conflict(mention, other, places, members):
            return None
        shared = max(shared, _shared(mention, other, places))
    # a role with no name ("the protesters") names no one: the mention is still bare
    named = _keys((*mention.actors, *mention.targets, mention.location), places)
    bare = not (named or mention.date) or (not named and _definite(mention))
    same_article = [m for m in cluster.members if m.article == mention.article]
    if shared == 0 and _same_day(mention, cluster):
        return 1  # no named participant, but the same kind of event on the same day
    if shared == 0:
        if not bare or not same_article:
            return None
        # "the visit": the nearest earlier mention of its class in the same article
        return -(mention.trigger.start - same_article[-1].trigger.start) // 1000 - 1000
    return shared


# Predicates two sources use for one happening when what undergoes it is no place, for
# merging only: the suspects one source says the navy "captured", another says it "arrested".
_SAME_HAPPENING = {"capture": "arrest"}


def _merge_class(mention: EventMention, places: dict[str, str]) -> str:
    """The class a mention merges with across sources: a capture of people is an arrest, the
    capture of a town is not."""
    kind = predicate_class(mention.predicate)
    if kind in _SAME_HAPPENING and not any(p.entity in places for p in mention.targets):
        return _SAME_HAPPENING[kind]
    return kind


def _definite(mention: EventMention) -> bool:
    """ "the visit", "this trip": a noun that points back to an event already told."""
    before = mention.sentence.text[: mention.trigger.start - mention.sentence.start].split()
    return bool(before) and before[-1].lower() in ("the", "this", "that")


def _same_day(mention: EventMention, cluster: _Cluster) -> bool:
    """Whether the mention and every dated member of the cluster are dated to the same day
    (members with no date of their own, "the stoppage", do not stand in the way)."""
    if mention.date is None or mention.date.granularity not in ("day", "time"):
        return False
    day = mention.date.value[:10]
    dated = [m.date for m in cluster.members if m.date is not None]
    return bool(dated) and all(
        d.granularity in ("day", "time") and d.value[:10] == day for d in dated
    )


def _keys(participants: Iterable[Participant | None], places: dict[str, str]) -> set[str]:
    keys = set()
    for p in participants:
        if p is not None and p.entity is not None:
            keys.add(places.get(p.entity, p.entity))
    return keys


def _shared(a: EventMention, b: EventMention, places: dict[str, str]) -> int:
    mine = _keys((*a.actors, *a.targets, a.location), places)
    theirs = _keys((*b.actors, *b.targets, b.location), places)
    return len(mine & theirs)


def _conflict(
    a: EventMention,
    b: EventMention,
    places: dict[str, str],
    members: dict[str, frozenset[str]],
) -> bool:
    """Different actors, different targets or places, or dates that cannot both hold. A
    person and an organisation their role names are one side ("the party" and its chief), and
    so are an organisation and the country its name holds ("India" and "the Indian Navy")."""
    if predicate_class(a.predicate) in _SYMMETRIC:
        # "Hanoi and Washington upgraded ties" is "Vietnam upgraded ties with the U.S.";
        # Putin meeting Kim is not Putin meeting Ha
        mine = _keys((*a.actors, *a.targets), places)
        theirs = _keys((*b.actors, *b.targets), places)
        if mine and theirs and not (mine <= theirs or theirs <= mine):
            return True
        sides = []
    else:
        (where_a, whom_a), (where_b, whom_b) = _undergoers(a, places), _undergoers(b, places)
        sides = [
            (_keys(a.actors, places), _keys(b.actors, places)),
            (where_a, where_b),
            (whom_a, whom_b),
        ]
    for mine, theirs in sides:
        if mine and theirs and not mine & theirs and not _one_side(mine, theirs, members):
            return True
    if a.plural != b.plural:
        return True  # "recent visits" are not "the visit"
    for forecast, outcome in ((a, b), (b, a)):
        if forecast.status in _NOT_YET and outcome.status == "happened" and outcome.cue:
            # (a bare noun is "happened" by default: "such a visit would help" tells nothing)
            if forecast.article == outcome.article and forecast.cue is not None:
                return True  # one article does not tell one event as both to come and done
            # said to be still to come after another source reported it done: another event
            written, done = _day(forecast.published), _day(outcome.published)
            if written and done and written > done:
                return True
            period = timevalues.period(outcome.date.value) if outcome.date else None
            if written and period and period[1] < written:
                return True
    if a.date is None or b.date is None:
        return False
    pa, pb = timevalues.period(a.date.value), timevalues.period(b.date.value)
    if pa is None or pb is None:
        return False
    if pa[0] <= pb[1] and pb[0] <= pa[1]:
        return False
    if a.status == "happened" and b.status == "happened":
        return True
    # forecasts may disagree on the date; a forecast and an outcome written after it are one
    return not (a.status in _NOT_YET or b.status in _NOT_YET)


def _undergoers(mention: EventMention, places: dict[str, str]) -> tuple[set[str], set[str]]:
    """The keys of where a mention happens (its place, and targets that are places: "a visit
    to Hanoi" is "a visit in Vietnam") and of whom it happens to (other targets). A victim
    and a town do not contradict each other: "the killing of Smith" can be "a killing in
    Leeds"."""
    where = _keys((mention.location, *(p for p in mention.targets if p.entity in places)), places)
    return where, _keys((p for p in mention.targets if p.entity not in places), places)


def _one_side(mine: set[str], theirs: set[str], members: dict[str, frozenset[str]]) -> bool:
    """Whether a person (organisation) on one side belongs to an organisation (country) on
    the other."""
    return any(members.get(k, frozenset()) & theirs for k in mine) or any(
        members.get(k, frozenset()) & mine for k in theirs
    )


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    found = timevalues.period(value.split("/")[0])
    return found[0] if found else None


def _event(members: list[EventMention]) -> Event:
    first = members[0]
    verbs = [m for m in members if m.type is not None] or members
    head = verbs[0]
    history = _history(members)
    happened = [m for m in members if m.status == "happened" and m.date is not None]
    dated = happened or [m for m in members if m.date is not None]
    latest = history[-1].status
    status: EventStatus = "happened" if any(h.status == "happened" for h in history) else latest
    when = _best_date(dated) if dated else None
    who = "|".join(sorted(p.entity or p.name for p in first.actors))
    key = f"{first.predicate}|{first.article}|{first.trigger.start}|{who}"
    summary = _summary(members, status)
    sources = sorted({m.sentence for m in members}, key=lambda s: (s.article, s.start, s.end))
    return Event(
        id="ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12],
        type=head.type,
        predicate=head.predicate,
        mode=head.mode,
        actors=_union(m.actors for m in members),
        targets=_union(m.targets for m in members),
        location=next((m.location for m in members if m.location is not None), None),
        date=when,
        status=status,
        summary=summary,
        sources=tuple(sources),
        history=history,
        mentions=tuple(sorted(members, key=lambda m: (m.article, m.trigger.start))),
    )


def _best_date(dated: list[EventMention]) -> EventDate:
    """The date of the most definite report (a schedule over a rumour, a rumour over an "if"),
    then of the latest, then the finest: a visit rumoured for May 3 and then scheduled for
    June is dated June. A finer date inside that one refines it ("this year", then "in
    June"). Calendar dates come before vague ones."""

    def width(m: EventMention) -> int:
        assert m.date is not None
        found = timevalues.period(m.date.value)
        return (found[1] - found[0]).days if found else 100_000

    def vague(m: EventMention) -> bool:
        return m.date is None or timevalues.period(m.date.value) is None

    best = min(
        dated,
        key=lambda m: (
            vague(m),
            -_RANK[m.status],
            _neg(m.published),
            width(m),
            m.trigger.start,
        ),
    )
    assert best.date is not None
    outer = timevalues.period(best.date.value)
    if outer is not None:
        inside = []
        for m in dated:
            found = timevalues.period(m.date.value) if m.date else None
            if found is not None and outer[0] <= found[0] and found[1] <= outer[1]:
                inside.append(m)
        best = min(inside, key=lambda m: (width(m), -_RANK[m.status], _neg(m.published)))
    chosen = best.date
    assert chosen is not None
    return chosen


def _neg(value: str | None) -> tuple[int, ...]:
    day = _day(value)
    return (-day.toordinal(),) if day else (0,)


def _history(members: list[EventMention]) -> tuple[HistoryEntry, ...]:
    """What each article said, in order of publication: its most telling mention."""
    entries = []
    by_article: dict[str, list[EventMention]] = {}
    for m in members:
        by_article.setdefault(m.article, []).append(m)
    for article, found in by_article.items():
        # the most definite thing the article says: "is scheduled to visit on Wednesday"
        # over "the upcoming visit"
        told = max(
            found,
            key=lambda m: (
                m.cue is not None,
                _RANK[m.status],
                m.date is not None,
                -m.trigger.start,
            ),
        )
        entries.append(
            HistoryEntry(
                article=article,
                published=told.published,
                status=told.status,
                date=told.date.value if told.date else None,
                span=told.sentence,
                cue=told.cue,
            )
        )
    entries.sort(key=lambda h: (_day(h.published) or date.max, h.article))
    return tuple(entries)


def _summary(members: list[EventMention], status: EventStatus) -> Span:
    def key(m: EventMention) -> tuple[int, int, int, int, str, int]:
        length = m.sentence.end - m.sentence.start
        return (
            m.status != status,
            m.date is None,
            -(len(m.actors) + len(m.targets)),
            length if length >= 40 else 1000 + length,
            m.article,
            m.trigger.start,
        )

    return min(members, key=key).sentence


def _union(groups: Iterable[tuple[Participant, ...]]) -> tuple[Participant, ...]:
    out: list[Participant] = []
    keys: set[str] = set()
    for group in groups:
        for p in group:
            key = p.entity or p.name.lower()
            if key not in keys:
                keys.add(key)
                out.append(p)
    return tuple(out)


def timeline(events: Sequence[Event]) -> list[TimelineEntry]:
    """Every dated event, in date order (by start; of two that start together, the longer
    first, so a month comes before a day in it), granularity kept; events dated only vaguely
    ("in recent months") come last, in order of report. The timeline is the dated sequence:
    an event with no date at all stays in `events` but not here, and so does one dated only
    vaguely with no participant ("five leaders have visited in recent years")."""
    dated: list[tuple[tuple[int, int, int], TimelineEntry]] = []
    for position, event in enumerate(events):
        if event.date is None:
            continue
        value = event.date.value
        found = timevalues.period(value)
        if found is None and not (event.actors or event.targets or event.location):
            continue
        key = (0, found[0].toordinal(), -found[1].toordinal()) if found else (1, position, 0)
        dated.append(
            (
                key,
                TimelineEntry(
                    date=value,
                    granularity=event.date.granularity,
                    event=event.id,
                    status=event.status,
                    summary=event.summary.text.strip(),
                    sources=event.sources,
                ),
            )
        )
    dated.sort(key=lambda pair: (pair[0], pair[1].event))
    return [entry for _, entry in dated]


def places(entities: Iterable[Entity]) -> dict[str, str]:
    """Place entities -> the entity of the country they are in or stand for, where the
    entities stage linked one ("Hanoi" and "Vietnamese" -> Vietnam)."""
    from storyline.stages.entities import compact, load_gazetteer

    capitals = load_gazetteer().capitals
    entities = list(entities)
    by_name = {e.name: e.id for e in entities if e.type == "GPE"}
    out = {}
    for entity in entities:
        if entity.type not in ("GPE", "LOC", "NORP"):
            continue
        # a capital as a city ("a visit to Hanoi") is still in its country
        country = entity.country or capitals.get(compact(entity.name))
        if country:
            found = by_name.get(country)
            out[entity.id] = found if found is not None else country
    return out


def memberships(entities: Iterable[Entity]) -> dict[str, frozenset[str]]:
    """People -> the organisations their roles name by name or alias ("chair of the Labour
    Party", "ANC leader" -> that party); organisations -> the country their name holds (by
    name or people: "the Indian Navy", "the Russian Foreign Ministry" -> that country, as
    `places` keys it), so a state's navy or ministry is on the state's side."""
    entities = list(entities)
    countries = places(entities)
    country_names = [
        (countries[entity.id], re.compile(rf"\b{re.escape(name)}\b"))
        for entity in entities
        if entity.id in countries
        for name in {entity.name, *entity.aliases}
        if len(name) > 2
    ]
    names = [
        (entity.id, re.compile(rf"\b{re.escape(name)}\b"))
        for entity in entities
        if entity.type == "ORG"
        for name in {entity.name, *entity.aliases}
        if len(name) > 2
    ]
    out = {}
    for entity in entities:
        if entity.type == "ORG":
            found = frozenset(
                country for country, pattern in country_names if pattern.search(entity.name)
            )
        elif entity.type == "PERSON":
            found = frozenset(
                org for org, pattern in names for role in entity.roles if pattern.search(role.text)
            )
        else:
            continue
        if found:
            out[entity.id] = found
    return out
