"""`merge_events`: mentions folded into real-world events, over all articles.

Within an article a mention joins the nearest compatible earlier mention of the same predicate
class ("the visit"); across articles it joins an event it shares a participant with and does
not contradict (`_clash_of`: different people or countries, dates that cannot both hold: two
visits that both happened in different years stay apart; a visit expected in May and one that
happened in June, reported later, are one). `_fit` scores a mention against a cluster,
`_merge_class` says which clusters it may join at all, and `_event` builds the merged `Event`
(its date, status, history and summary).

Then the learned pair model (`pairs.py`, trained on ECB+ train topics) joins these clusters
further, without a shared named participant: the candidate pairs (`candidate_pairs`: one
merge class, one trigger stem, one family of words for a kind of happening, or two stems often
one event in training) are scored on kind,
time, participants and context (the sentences' and the articles' words, the articles' names),
and clusters join by average link while it reaches the model's threshold (in a story of at
least `pairs.STORY_ARTICLES` articles, over the scores mixed with how alike the two mentions'
neighbourhoods of scores are, `pairs.mixed`). Two PLOVER-typed
mentions that clash (`_clash_of`, dates that cannot both hold among the reasons) never join,
nor do two of which one is negated and the other not, nor a forecast and an outcome the rules
read (`_forecast_and_outcome`); for other words a clash, of dates too, is one feature among the
others.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from storyline import timevalues
from storyline.lexicon import table, words
from storyline.model import (
    Event,
    EventDate,
    EventMention,
    EventStatus,
    HistoryEntry,
    Participant,
    Span,
)
from storyline.stages.events.merge_summary import NOT_YET as _NOT_YET
from storyline.stages.events.merge_summary import ClusterSummary
from storyline.stages.events.merge_summary import one_side as _one_side
from storyline.stages.events.pairs import (
    FEATURES,
    STORY_ARTICLES,
    PairModel,
    Scored,
    cluster,
    codes,
    mixed,
    pair_model,
    pair_rows,
    story,
)

# Predicates that name the same kind of happening, for merging ("the trip" is "the visit").
_CLASSES = cast(dict[str, str], table("events", "predicate_classes"))
# Predicates whose actors and targets are interchangeable ("A met B" is "B met A").
_SYMMETRIC = words("events", "symmetric_predicates")
_RANK: dict[EventStatus, int] = {
    "happened": 6,
    "scheduled": 5,
    "planned": 4,
    "expected": 3,
    "speculated": 2,
    "hypothetical": 1,
    "negated": 0,
}
# Predicates two sources use for one happening when what undergoes it is no place, for
# merging only: the suspects one source says the navy "captured", another says it "arrested".
_SAME_HAPPENING = cast(dict[str, str], table("events", "same_happening"))


@dataclass(slots=True)
class _Cluster:
    members: list[EventMention]
    indices: list[int] = field(default_factory=list)  # of the members, in merging's order
    # whether other mentions may join it by the rules: not a bare mention ("the deal") that
    # joined nothing, which stays an event of its own that the rules do not build on
    open: bool = True
    # an open rule cluster's members as `_fit` reads them, kept as they join
    summary: ClusterSummary | None = None


def merge_events(
    mentions: Iterable[EventMention],
    places: dict[str, str] | None = None,
    members: dict[str, frozenset[str]] | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[Event]:
    """One event per real-world happening over all articles, in order of first mention.

    `places` maps place entities to the country they stand for ("Hanoi" -> Vietnam), so a
    visit to Hanoi and one to Vietnam can be the same visit; `members` maps people to the
    organisations their roles name (see `memberships`), so "an invitation from the party" and
    "an invitation from the party's leader" can be one. Mentions are taken in order of
    publication; each joins the compatible cluster it shares most participants with
    (within its own article, a mention with no participants of its own joins the nearest
    earlier one of its class); a mention that fits no cluster starts one. A mention with no
    participant, no date and no cluster to join ("the deal" alone) is an event of its own
    that the rules join nothing to, and that a dossier does not list (`chronology.reported`).
    """
    return merge_with(mentions, places, members, texts, model=pair_model())


def merge_with(
    mentions: Iterable[EventMention],
    places: dict[str, str] | None = None,
    members: dict[str, frozenset[str]] | None = None,
    texts: Mapping[str, str] | None = None,
    *,
    model: PairModel | None,
) -> list[Event]:
    """`merge_events` with the pair model `model` (None: by rules alone), for training."""
    where = places or {}
    belongs = members or {}
    ordered = sorted(mentions, key=order_key)
    clusters = _rule_clusters(ordered, where, belongs)
    if model is not None:
        # the rules' clusters (and the mentions they left alone) are joined further by the
        # pair model: mentions that share no named participant but tell one event
        start = [list(c.indices) for c in clusters if c.open]
        taken = {i for group in start for i in group}
        start.extend([i] for i in range(len(ordered)) if i not in taken)
        scores, apart = _scored(ordered, where, belongs, texts or {}, model)
        if len({m.article for m in ordered}) >= STORY_ARTICLES:
            # each score mixed with how alike the two mentions' neighbourhoods are (`mixed`)
            scores = mixed(len(ordered), scores)
        groups = cluster(len(ordered), scores, model.threshold, apart, start)
        # a mention nothing joined stays an event of its own, bare or not: it is a mention of
        # something that happened ("the quake"), which scorers and merging count; whether a
        # dossier lists it is `chronology.reported`'s call (a bare one it does not)
        clusters = [_Cluster([ordered[i] for i in g]) for g in groups]
    merged = [_event(c.members) for c in clusters]
    seen: dict[str, int] = {}
    for number, event in enumerate(merged):
        if event.id in seen:  # never two events with one id, whatever the input
            seen[event.id] += 1
            merged[number] = replace(event, id=f"{event.id}-{seen[event.id]}")
        else:
            seen[event.id] = 0
    return merged


def order_key(m: EventMention) -> tuple[bool, str, str, int]:
    """The order in which merging takes mentions: by publication, article, position."""
    return (m.published is None, m.published or "", m.article, m.trigger.start)


def standalone(mention: EventMention) -> bool:
    """Whether a mention tells an event by itself: it has an actor, a target, a date or a
    place. "The deal" alone does not: it stays an event of its own in merging (a mention the
    scorers count), but the rules join no other mention to it and a dossier does not list it
    unless another mention joins it (`chronology.reported`)."""
    return bool(mention.actors or mention.targets or mention.date or mention.location)


def _rule_clusters(
    ordered: list[EventMention], where: dict[str, str], belongs: dict[str, frozenset[str]]
) -> list[_Cluster]:
    """Merging by rules alone (no model file): each mention joins the compatible cluster it
    shares most participants with (`_fit`), else starts one; a bare mention (not `standalone`)
    that joins none is a cluster of its own that no other mention joins (`_Cluster.open`)."""
    clusters: list[_Cluster] = []
    # A mention fits only an open cluster of its own merge class (`_fit`), the class of the
    # mention that started it, and only one that shares a named participant with it, whose
    # dated members are all dated to its day, or that holds a mention of its own article: the
    # open clusters of its class are indexed by those three keys, and the ones found are
    # scored in order of creation (so the same one wins a tie as when every cluster of the
    # class was scored). A story's mentions are not compared with every cluster of their
    # class, which grows with the story (issue 22).
    index_of: dict[tuple[str, str, str], list[int]] = {}
    facts = [_facts(m, where) for m in ordered]

    def enter(number: int, index: int) -> None:
        kind, day = facts[index].kind, facts[index].day
        keys = [("named", key) for key in sorted(facts[index].named)]
        keys.append(("article", ordered[index].article))
        if day is not None:
            keys.append(("day", day))
        for what, key in keys:
            found = index_of.setdefault((kind, what, key), [])
            if not found or found[-1] != number:
                found.append(number)

    for index, mention in enumerate(ordered):
        mine = facts[index]
        best: tuple[int, int] | None = None
        for number in _fitting(mine, mention, index_of):
            summary = clusters[number].summary
            assert summary is not None  # only open clusters are indexed
            score = _fit(index, summary, ordered, facts, belongs)
            if score is not None and (best is None or score > best[0]):
                best = (score, number)
        if best is not None:
            number = best[1]
        elif standalone(mention):
            number = len(clusters)
            clusters.append(_Cluster([], summary=ClusterSummary(mine.kind)))
        else:
            clusters.append(_Cluster([mention], [index], open=False))
            continue
        joined = clusters[number]
        assert joined.summary is not None
        joined.members.append(mention)
        joined.indices.append(index)
        joined.summary.add(mention, mine)
        enter(number, index)
    return clusters


def _fitting(
    mine: _Facts, mention: EventMention, index_of: dict[tuple[str, str, str], list[int]]
) -> list[int]:
    """The open clusters of the mention's class that `_fit` may score: sharing a named
    participant, holding a mention of its article, or holding one of its day
    (`ClusterSummary.same_day` needs one dated member of that day), in order of creation."""
    found: set[int] = set()
    kind = mine.kind
    for key in mine.named:
        found.update(index_of.get((kind, "named", key), ()))
    found.update(index_of.get((kind, "article", mention.article), ()))
    if mine.day is not None:
        found.update(index_of.get((kind, "day", mine.day), ()))
    return sorted(found)


@dataclass(frozen=True, slots=True)
class Candidates:
    """The pairs of mentions (indices into the list given, i < j) that merging compares:
    those of one merge class, one trigger stem, one family of words (`pairs.families`) or a
    linked pair of stems, with their features (`pairs.pair_features`); `apart` are those
    that never join: a clash of two PLOVER-typed mentions (their dates that cannot both hold
    among them), one negated and one not, or a forecast and an outcome of the rules."""

    pairs: list[tuple[int, int]]
    features: list[list[float]]
    kinds: list[str | None]  # the key of the pair's prior (`PairModel.prior`)
    apart: set[tuple[int, int]]


def candidate_pairs(
    ordered: Sequence[EventMention],
    where: dict[str, str],
    belongs: dict[str, frozenset[str]],
    texts: Mapping[str, str] | None = None,
    links: frozenset[str] = frozenset(),
) -> Candidates:
    """The candidate pairs of `ordered` with their features (`pairs.pair_features`), as
    training reads them; `texts` are the articles' texts (article id -> text) the context
    features read; `links` are pairs of trigger stems ("earthquake|quak") whose mentions are
    candidates too. Merging scores the pairs a mention at a time instead (`_rows`) and keeps
    no features."""
    apart: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int]] = []
    features: list[list[float]] = []
    kinds: list[str | None] = []
    for i, js, rows, keys, named in _rows(ordered, where, belongs, texts or {}, links, apart):
        for j, found, key in zip(js.tolist(), rows.tolist(), keys.tolist(), strict=True):
            pairs.append((i, j))
            features.append(found)
            kinds.append(named[key])
    return Candidates(pairs, features, kinds, apart)


_BATCH = 16384  # pairs scored together, so that no more feature rows are held at once
# A block of at most `WHOLE` mentions gives all its pairs; in a larger one (a long story's
# "flu", "said") a mention is paired with the `WINDOW` mentions that follow it (in merging's
# order: by publication), so the pairs grow with the story, not with the square of its
# largest block. ECB+'s largest block holds 272 mentions: its pairs are all pairs, and a
# window over its blocks of 50 or 25 lowers dev's end-to-end CoNLL F1 (issue 22, benchmarks).
WHOLE = 300
WINDOW = 50


def _scored(
    ordered: Sequence[EventMention],
    where: dict[str, str],
    belongs: dict[str, frozenset[str]],
    texts: Mapping[str, str],
    model: PairModel,
) -> tuple[Scored, set[tuple[int, int]]]:
    """The candidate pairs in order with the model's probability, and those kept `apart`:
    each mention's pairs come as one block of feature rows (`_rows`), scored in batches of
    about `_BATCH` pairs, and pairs and probabilities are held in arrays (16 bytes a pair),
    so a story of hundreds of articles holds no more than a batch of feature rows."""
    apart: set[tuple[int, int]] = set()
    firsts: list[npt.NDArray[np.int32]] = []
    seconds: list[npt.NDArray[np.int32]] = []
    scores: list[npt.NDArray[np.float64]] = []
    priors: list[float] = []  # the prior of each key `_rows` names, by its number
    batch: list[tuple[npt.NDArray[np.float64], npt.NDArray[np.intp]]] = []
    held = 0

    def score(named: list[str | None]) -> None:
        if not batch:
            return
        keys = np.concatenate([k for _, k in batch])
        features = np.concatenate([f for f, _ in batch])
        if model.trees:
            # the trees compare 32-bit values (`PairModel.probabilities`)
            table = np.empty((len(keys), len(FEATURES)), dtype=np.float32)
            table[:, :-1] = features
            table[:, -1] = np.asarray(priors, dtype=np.float64)[keys]
            found = model.tree_probabilities(table)
        else:
            # a logistic model reads the features as they are, 64-bit
            found = model.probabilities(features.tolist(), [named[k] for k in keys.tolist()])
        scores.append(np.asarray(found, dtype=np.float64))
        batch.clear()

    named: list[str | None] = []  # the keys `_rows` has named (one list, grown as it goes)
    for i, js, rows, keys, named in _rows(
        ordered, where, belongs, texts, model.links, apart, score_apart=False
    ):
        priors.extend(model.prior(key) for key in named[len(priors) :])
        firsts.append(np.full(len(js), i, dtype=np.int32))
        seconds.append(js.astype(np.int32))
        batch.append((rows, keys))
        held += len(js)
        if held >= _BATCH:
            score(named)
            held = 0
    score(named)

    def joined(parts: list[npt.NDArray[Any]], kind: type) -> npt.NDArray[Any]:
        return np.concatenate(parts) if parts else np.zeros(0, dtype=kind)

    found = Scored(joined(firsts, np.int32), joined(seconds, np.int32), joined(scores, np.float64))
    return found, apart


def _rows(
    ordered: Sequence[EventMention],
    where: dict[str, str],
    belongs: dict[str, frozenset[str]],
    texts: Mapping[str, str],
    links: frozenset[str],
    apart: set[tuple[int, int]],
    *,
    score_apart: bool = True,
) -> Iterator[
    tuple[
        int, npt.NDArray[np.intp], npt.NDArray[np.float64], npt.NDArray[np.intp], list[str | None]
    ]
]:
    """The candidate pairs of `ordered` in order, mention by mention: for each mention i with
    later partners, `(i, js, rows, keys, named)`: its partners j in order, the features of
    each pair (i, j) (`pairs.pair_rows`, one row a pair: the values of
    `pairs.pair_features`), and the key of each pair's prior as a number into `named` (a
    list that grows as keys are met; "class:X", "pair:x|y", None). The pairs that never join
    are added to `apart` as they come, and, unless `score_apart` (training reads them as
    examples), not given: their score could never count, as two clusters holding them never
    join (`pairs.cluster`). What the checks read of each mention is computed once (`_Facts`,
    `pairs.Codes`), and the pairs of each mention are gathered from its blocks as it comes,
    so no set of all pairs is held."""
    facts = [_facts(m, where) for m in ordered]
    kinds = [f.kind for f in facts]
    context = story(ordered, lambda m: _keys((*m.actors, *m.targets, m.location), where), texts)
    coded = codes(
        ordered,
        context,
        kinds,
        [f.named for f in facts],
        [f.day for f in facts],
        [f.period for f in facts],
    )
    # the key of each pair's prior by number: None, then the class of each merge class
    # ("class:X", numbered as `coded.kind`), then linked stem pairs as met
    named: list[str | None] = [None]
    number_of: dict[str | None, int] = {None: 0}
    for kind in dict.fromkeys(kinds):
        number_of[f"class:{kind}"] = len(named)
        named.append(f"class:{kind}")
    class_key = np.asarray([number_of[f"class:{kind}"] for kind in kinds], dtype=np.intp)
    blocks: dict[str, list[int]] = {}
    for i, (kind, stemmed) in enumerate(zip(kinds, context.stems, strict=True)):
        blocks.setdefault(f"class:{kind}", []).append(i)
        blocks.setdefault(f"stem:{stemmed}", []).append(i)
        for family in sorted(context.families[i]):
            blocks.setdefault(f"family:{family}", []).append(i)
    partners: dict[str, list[str]] = {}
    for link in sorted(links):
        one, other = link.split("|")
        partners.setdefault(one, []).append(other)
    by_stem: dict[str, list[int]] = {}
    for i, stemmed in enumerate(context.stems):
        by_stem.setdefault(stemmed, []).append(i)
    for one in sorted(s for s in by_stem if s in partners):
        for other in partners[one]:
            if other in by_stem:
                blocks[f"link:{one}|{other}"] = sorted(by_stem[one] + by_stem[other])
    within: list[list[list[int]]] = [[] for _ in ordered]  # the blocks each mention is in
    for members in blocks.values():
        for i in sorted(set(members)):
            within[i].append(members)
    articles: dict[tuple[int, int], tuple[float, float]] = {}
    stems_of: dict[int, str] = {
        int(c): s for c, s in zip(coded.stem.tolist(), context.stems, strict=True)
    }

    def link_key(low_code: int, high_code: int) -> int:
        low, high = sorted((stems_of[low_code], stems_of[high_code]))
        if low == high or f"{low}|{high}" not in links:
            return 0
        key = f"pair:{low}|{high}"
        if key not in number_of:
            number_of[key] = len(named)
            named.append(key)
        return number_of[key]

    for i, a in enumerate(ordered):
        fa = facts[i]
        later: set[int] = set()
        for members in within[i]:
            first = bisect_right(members, i)
            later.update(
                members[first : first + WINDOW] if len(members) > WHOLE else members[first:]
            )
        if not later:
            continue
        paired = sorted(later)
        cosines = context.cosines(i, paired)
        kept: list[int] = []
        clashing: list[bool] = []
        for position, j in enumerate(paired):
            b, fb = ordered[j], facts[j]
            why = _clash_of(a, fa, b, fb, belongs)
            # two PLOVER events whose sides, places or dates clash are two events (a visit by
            # Putin is not one by Widodo); for other words, whose participants and dates are
            # read less surely, a clash (dates that cannot both hold too) is a feature: kept
            # hard, the dates cost 0.003 CoNLL F1 in cross-validation on ECB+ train topics
            typed = a.type is not None and b.type is not None
            never = (
                (why is not None and typed)
                # "did not visit" is no report of the visit that happened
                or (a.status == "negated") != (b.status == "negated")
                or _forecast_and_outcome(a, b)
            )
            if never:
                apart.add((i, j))
                if not score_apart:
                    continue
            kept.append(position)
            clashing.append(why is not None)
        if not kept:
            continue
        js = np.asarray(paired, dtype=np.intp)
        if len(kept) < len(paired):
            chosen = np.asarray(kept, dtype=np.intp)
            js, cosines = js[chosen], cosines[chosen]
        conflict = np.asarray(clashing, dtype=np.bool_)
        rows = pair_rows(
            i, js, context, coded, conflict=conflict, cosines=cosines, articles=articles
        )
        # the key of a pair's prior: its merge class where both share it, else a linked pair
        # of stems ("pair:earthquake|quak") or none
        keys = np.where(coded.kind[js] == coded.kind[i], class_key[i], 0)
        crossing = np.flatnonzero(coded.kind[js] != coded.kind[i])
        if len(crossing) and links:
            mine = int(coded.stem[i])
            known: dict[int, int] = {}
            keys[crossing] = [
                known[c] if c in known else known.setdefault(c, link_key(mine, c))
                for c in coded.stem[js[crossing]].tolist()
            ]
        yield i, js, rows, keys, named


def _forecast_and_outcome(a: EventMention, b: EventMention) -> bool:
    """Two PLOVER readings of the rules, one of an event still to come and one of an event
    that happened, which the rules kept in two clusters: they stay two events (the meeting
    planned for March 20 is not the talks held on March 7), the model joins neither into the
    other. Two readings of one standing (both happened, as most reports are) are left to
    the model: that keeps apart the two only where the rules had a reason to."""
    if not (a.origin == b.origin == "rules" and a.type is not None and b.type is not None):
        return False
    return (a.status in _NOT_YET) != (b.status in _NOT_YET)


def _apart_of(pa: tuple[date, date] | None, pb: tuple[date, date] | None) -> bool:
    """Whether two mentions dated to periods `pa` and `pb` (`_Facts.period`) are dated to
    periods that do not overlap."""
    if pa is None or pb is None:
        return False
    return not (pa[0] <= pb[1] and pb[0] <= pa[1])


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the pair checks (`_clash_of`) read of one mention, computed once per merge."""

    kind: str  # `_merge_class`
    named: frozenset[str]  # the keys of its actors, targets and place
    sides: frozenset[str]  # of its actors and targets
    actors: frozenset[str]
    where: frozenset[str]  # `_undergoers`
    whom: frozenset[str]
    period: tuple[date, date] | None  # of its date
    day: str | None  # the day of a date to the day or finer (`ClusterSummary.same_day`)
    published: date | None  # `_day` of its publication


def _facts(mention: EventMention, places: dict[str, str]) -> _Facts:
    where, whom = _undergoers(mention, places)
    return _Facts(
        kind=_merge_class(mention, places),
        named=frozenset(_keys((*mention.actors, *mention.targets, mention.location), places)),
        sides=frozenset(_keys((*mention.actors, *mention.targets), places)),
        actors=frozenset(_keys(mention.actors, places)),
        where=frozenset(where),
        whom=frozenset(whom),
        period=timevalues.period(mention.date.value) if mention.date else None,
        day=mention.date.value[:10]
        if mention.date is not None and mention.date.granularity in ("day", "time")
        else None,
        published=_day(mention.published),
    )


def predicate_class(predicate: str) -> str:
    """The class a predicate merges with ("host" -> "visit")."""
    return _CLASSES.get(predicate, predicate)


def _fit(
    index: int,
    summary: ClusterSummary,
    ordered: Sequence[EventMention],
    facts: Sequence[_Facts],
    members: dict[str, frozenset[str]],
) -> int | None:
    """How well mention `index` of `ordered` fits a cluster (shared participants), or None if
    it cannot; `facts` are the mentions' `_Facts`, `summary` the cluster's members as the
    checks read them (`merge_summary`: what a check of every member finds, kept as the
    cluster grows)."""
    mention, mine = ordered[index], facts[index]
    if summary.kind != mine.kind:
        return None
    symmetric = predicate_class(mention.predicate) in _SYMMETRIC
    if summary.clashes(mention, mine, symmetric=symmetric, members=members):
        return None
    shared = summary.shared(mine.named)
    # a role with no name ("the protesters") names no one: the mention is still bare
    named = mine.named
    bare = not (named or mention.date) or (not named and _definite(mention))
    if shared == 0 and summary.same_day(mine.day):
        return 1  # no named participant, but the same kind of event on the same day
    if shared == 0:
        last = summary.last.get(mention.article)
        if not bare or last is None:
            return None
        # "the visit": the nearest earlier mention of its class in the same article
        return -(mention.trigger.start - last) // 1000 - 1000
    return shared


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


def _keys(participants: Iterable[Participant | None], places: dict[str, str]) -> set[str]:
    keys = set()
    for p in participants:
        if p is not None and p.entity is not None:
            keys.add(places.get(p.entity, p.entity))
    return keys


def _clash_of(
    a: EventMention,
    fa: _Facts,
    b: EventMention,
    fb: _Facts,
    members: dict[str, frozenset[str]],
) -> str | None:
    """Why two mentions (with their `_Facts`) cannot tell one event, if they cannot:
    different actors ("actors"; "sides" for a symmetric predicate), different places
    ("where") or other targets ("whom"), one plural and one not ("plural"), a forecast after
    the outcome ("forecast"), or dates that cannot both hold ("dates"). A person and an
    organisation their role names are one side ("the party" and its chief), and so are an
    organisation and the country its name holds ("India" and "the Indian Navy")."""
    sides: list[tuple[str, frozenset[str], frozenset[str]]]
    if predicate_class(a.predicate) in _SYMMETRIC:
        # "Hanoi and Washington upgraded ties" is "Vietnam upgraded ties with the U.S.";
        # Putin meeting Kim is not Putin meeting Ha
        mine, theirs = fa.sides, fb.sides
        if mine and theirs and not (mine <= theirs or theirs <= mine):
            return "sides"
        sides = []
    else:
        sides = [
            ("actors", fa.actors, fb.actors),
            ("where", fa.where, fb.where),
            ("whom", fa.whom, fb.whom),
        ]
    for side, mine, theirs in sides:
        if mine and theirs and not mine & theirs and not _one_side(mine, theirs, members):
            return side
    if a.plural != b.plural:
        return "plural"  # "recent visits" are not "the visit"
    for (forecast, ff), (outcome, fo) in (((a, fa), (b, fb)), ((b, fb), (a, fa))):
        if forecast.status in _NOT_YET and outcome.status == "happened" and outcome.cue:
            # (a bare noun is "happened" by default: "such a visit would help" tells nothing)
            if forecast.article == outcome.article and forecast.cue is not None:
                return "forecast"  # one article does not tell one event as to come and done
            # said to be still to come after another source reported it done: another event
            written, done = ff.published, fo.published
            if written and done and written > done:
                return "forecast"
            period = fo.period
            if written and period and period[1] < written:
                return "forecast"
    return "dates" if _dates_clash_of(a, fa, b, fb) else None


def _dates_clash_of(a: EventMention, fa: _Facts, b: EventMention, fb: _Facts) -> bool:
    """Dates that cannot both hold: two periods apart, unless one is a forecast (forecasts
    may disagree on the date; a forecast and an outcome written after it are one)."""
    if not _apart_of(fa.period, fb.period):
        return False
    if a.status == "happened" and b.status == "happened":
        return True
    return not (a.status in _NOT_YET or b.status in _NOT_YET)


def _undergoers(mention: EventMention, places: dict[str, str]) -> tuple[set[str], set[str]]:
    """The keys of where a mention happens (its place, and targets that are places: "a visit
    to Hanoi" is "a visit in Vietnam") and of whom it happens to (other targets). A victim
    and a town do not contradict each other: "the killing of Smith" can be "a killing in
    Leeds"."""
    where = _keys((mention.location, *(p for p in mention.targets if p.entity in places)), places)
    return where, _keys((p for p in mention.targets if p.entity not in places), places)


def _day(value: str | None) -> date | None:
    return None if value is None else timevalues.first_day(value)


def _event(members: list[EventMention]) -> Event:
    first = members[0]
    # the rules' typed reading names the event before the detector's ("signed an agreement",
    # not the detector's bare "agreement" told earlier)
    typed = [m for m in members if m.type is not None]
    verbs = [m for m in typed if m.origin == "rules"] or typed or members
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
        # over "the upcoming visit"; the rules' reading first, as for the event's name (the
        # detector's mentions that joined it are words about it: "this visit would signal")
        told = max(
            found,
            key=lambda m: (
                m.origin == "rules",
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
