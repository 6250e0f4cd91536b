"""`merge_events`: mentions folded into real-world events, over all articles.

Within an article a mention joins the nearest compatible earlier mention of the same predicate
class ("the visit"); across articles it joins an event it shares a participant with and does
not contradict (`_conflict`: different people or countries, dates that cannot both hold: two
visits that both happened in different years stay apart; a visit expected in May and one that
happened in June, reported later, are one). `_fit` scores a mention against a cluster,
`_merge_class` says which clusters it may join at all, and `_event` builds the merged `Event`
(its date, status, history and summary).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import cast

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
_NOT_YET: frozenset[EventStatus] = frozenset({"scheduled", "planned", "expected", "speculated"})
# Predicates two sources use for one happening when what undergoes it is no place, for
# merging only: the suspects one source says the navy "captured", another says it "arrested".
_SAME_HAPPENING = cast(dict[str, str], table("events", "same_happening"))


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
    # A mention fits only a cluster of its own merge class (`_fit`), the class of the mention
    # that started it: the clusters of each class, in order of creation, are the only ones it
    # is scored against (in the same order, so the same one wins a tie).
    by_class: dict[str, list[int]] = {}
    for mention in ordered:
        kind = _merge_class(mention, where)
        best: tuple[int, int] | None = None
        for number in by_class.get(kind, []):
            score = _fit(mention, clusters[number], where, belongs)
            if score is not None and (best is None or score > best[0]):
                best = (score, number)
        if best is not None:
            clusters[best[1]].members.append(mention)
        elif mention.actors or mention.targets or mention.date or mention.location:
            by_class.setdefault(kind, []).append(len(clusters))
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
