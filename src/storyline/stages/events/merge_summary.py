"""What rule merging reads of a cluster's members, kept up to date as mentions join it.

`merge._fit` asks of a cluster whether any member clashes with a new mention (`_clash_of`),
how many named participants the mention shares at most with one member, whether every dated
member is dated to the mention's day, and where the last member of the mention's article
stands. Asking each member grows with the cluster, and a story's largest clusters grow with
the story (issue 22). `ClusterSummary` keeps the answers' ingredients instead: the distinct
sets of participants the members hold (the sides, actors, places and targets that
`_clash_of` compares, and the named participants), the plural readings, the earliest and
latest dates that the forecast and date checks compare with, the days of the dated members
and each article's last trigger. Each question is answered from it as a scan of every member
answers it (`tests/stages/test_events_merge.py` checks that on seeded random mentions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from storyline.model import EventMention, EventStatus

# statuses of an event still to come (a forecast)
NOT_YET: frozenset[EventStatus] = frozenset({"scheduled", "planned", "expected", "speculated"})


class Facts(Protocol):
    """What the summary reads of a mention's `merge._Facts`."""

    @property
    def named(self) -> frozenset[str]: ...
    @property
    def sides(self) -> frozenset[str]: ...
    @property
    def actors(self) -> frozenset[str]: ...
    @property
    def where(self) -> frozenset[str]: ...
    @property
    def whom(self) -> frozenset[str]: ...
    @property
    def period(self) -> tuple[date, date] | None: ...
    @property
    def day(self) -> str | None: ...
    @property
    def published(self) -> date | None: ...


def one_side(
    mine: frozenset[str], theirs: frozenset[str], members: dict[str, frozenset[str]]
) -> bool:
    """Whether a person (organisation) on one side belongs to an organisation (country) on
    the other."""
    return any(members.get(k, frozenset()) & theirs for k in mine) or any(
        members.get(k, frozenset()) & mine for k in theirs
    )


def _earliest(known: date | None, value: date | None) -> date | None:
    if value is None:
        return known
    return value if known is None or value < known else known


def _latest(known: date | None, value: date | None) -> date | None:
    if value is None:
        return known
    return value if known is None or value > known else known


@dataclass(slots=True)
class ClusterSummary:
    """The members of one rule cluster, as `merge._fit` reads them (see the module)."""

    kind: str  # the merge class of the mention that started the cluster
    # distinct non-empty sets of the members (dicts: kept in the order they came)
    named: dict[frozenset[str], None] = field(default_factory=dict)
    sides: dict[frozenset[str], None] = field(default_factory=dict)
    actors: dict[frozenset[str], None] = field(default_factory=dict)
    where: dict[frozenset[str], None] = field(default_factory=dict)
    whom: dict[frozenset[str], None] = field(default_factory=dict)
    plurals: set[bool] = field(default_factory=set)
    # members told as done with a cue: their articles, earliest publication, earliest end
    outcome_articles: set[str] = field(default_factory=set)
    outcome_published: date | None = None
    outcome_end: date | None = None
    # members told as still to come: articles of those with a cue, latest publication
    forecast_articles: set[str] = field(default_factory=set)
    forecast_published: date | None = None
    # members not still to come, dated to a period: its earliest end and latest start
    settled_end: date | None = None
    settled_start: date | None = None
    dated: bool = False  # a member has a date
    coarse: bool = False  # a member's date is coarser than a day
    days: set[str] = field(default_factory=set)  # the days of members dated to a day
    last: dict[str, int] = field(default_factory=dict)  # article -> its last trigger's start

    def add(self, mention: EventMention, facts: Facts) -> None:
        """Take in a member that joined (in merging's order)."""
        for found, value in (
            (self.named, facts.named),
            (self.sides, facts.sides),
            (self.actors, facts.actors),
            (self.where, facts.where),
            (self.whom, facts.whom),
        ):
            if value:
                found[value] = None
        self.plurals.add(mention.plural)
        if mention.status == "happened" and mention.cue:
            self.outcome_articles.add(mention.article)
            self.outcome_published = _earliest(self.outcome_published, facts.published)
            if facts.period is not None:
                self.outcome_end = _earliest(self.outcome_end, facts.period[1])
        if mention.status in NOT_YET:
            if mention.cue is not None:
                self.forecast_articles.add(mention.article)
            self.forecast_published = _latest(self.forecast_published, facts.published)
        elif facts.period is not None:
            self.settled_end = _earliest(self.settled_end, facts.period[1])
            self.settled_start = _latest(self.settled_start, facts.period[0])
        if mention.date is not None:
            self.dated = True
            if facts.day is not None:
                self.days.add(facts.day)
            else:
                self.coarse = True
        self.last[mention.article] = mention.trigger.start

    def clashes(
        self,
        mention: EventMention,
        facts: Facts,
        *,
        symmetric: bool,
        members: dict[str, frozenset[str]],
    ) -> bool:
        """Whether `merge._clash_of(mention, ..., member, ...)` names a reason for a member."""
        if symmetric:
            mine = facts.sides
            if mine and any(not (mine <= theirs or theirs <= mine) for theirs in self.sides):
                return True
        else:
            for mine, group in (
                (facts.actors, self.actors),
                (facts.where, self.where),
                (facts.whom, self.whom),
            ):
                if mine and any(
                    not mine & theirs and not one_side(mine, theirs, members) for theirs in group
                ):
                    return True
        if self.plurals - {mention.plural}:
            return True
        written = facts.published
        if mention.status in NOT_YET and self.outcome_articles:
            # the mention a forecast, a member its outcome
            if mention.cue is not None and mention.article in self.outcome_articles:
                return True
            if written is not None and (
                (self.outcome_published is not None and written > self.outcome_published)
                or (self.outcome_end is not None and self.outcome_end < written)
            ):
                return True
        if mention.status == "happened" and mention.cue:
            # the mention an outcome, a member its forecast
            if mention.article in self.forecast_articles:
                return True
            latest = self.forecast_published
            if latest is not None and (
                (written is not None and latest > written)
                or (facts.period is not None and facts.period[1] < latest)
            ):
                return True
        period = facts.period
        if mention.status not in NOT_YET and period is not None:
            # dates that cannot both hold: periods apart, neither one still to come
            if self.settled_end is not None and self.settled_end < period[0]:
                return True
            if self.settled_start is not None and self.settled_start > period[1]:
                return True
        return False

    def shared(self, named: frozenset[str]) -> int:
        """The most named participants the mention shares with one member."""
        if not named:
            return 0
        return max((len(named & theirs) for theirs in self.named), default=0)

    def same_day(self, day: str | None) -> bool:
        """Whether the mention (its `day`, from a date to the day or finer) and every dated
        member are dated to one day (members with no date, "the stoppage", do not stand in
        the way)."""
        return day is not None and self.dated and not self.coarse and self.days == {day}
