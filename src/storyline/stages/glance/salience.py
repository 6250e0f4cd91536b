"""Event salience: how much each event matters to the story, and which are its key events.

An event's score is a weighted mean of four things the build knows of it (`glance.toml`
[salience], each part in 0..1):

- `witnesses`: how many independent sources report it, as a share of the most there could
  be (log scale): distinct outlets, an article with no outlet its own; in a story from one
  outlet only, each article (repeated reporting over days is the only witness count there is).
  A syndicated copy (`stages/copies.py`) is no second witness: it counts as its original.
- `centrality`: how central its participants are: the largest share of the story's articles
  that mention one of its actors or targets.
- `period`: whether it belongs to the story's own period: 1 from `background_days` before the
  first article's publication day on, 0 before (background), `undated` for an event with no
  calendar date (reported, so most often current).
- `changed`: whether its status changed between sources from coming (scheduled, planned,
  expected) to happened (a planned visit that happened).

The key events are the `key_events` highest-scoring events that are not background. Pure
functions over the dict records of a dossier (`records` in `cite.py`, or dossier.json).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from storyline import timevalues
from storyline.lexicon import table
from storyline.model import Salience
from storyline.stages.copies import independent_sources


@dataclass(frozen=True, slots=True)
class SalienceSettings:
    """The weights and limits of the salience score; the defaults are `glance.toml`'s."""

    witnesses: float
    centrality: float
    period: float
    changed: float
    undated: float
    background_days: int
    key_events: int

    @staticmethod
    def default() -> SalienceSettings:
        rules = table("glance", "salience")
        return SalienceSettings(
            witnesses=float(rules["witnesses"]),
            centrality=float(rules["centrality"]),
            period=float(rules["period"]),
            changed=float(rules["changed"]),
            undated=float(rules["undated"]),
            background_days=int(rules["background_days"]),
            key_events=int(rules["key_events"]),
        )


def story_start(dossier: Mapping[str, Any], days: int) -> date | None:
    """The first day of the story's own period: `days` before its first publication day
    (None when no article has a publication day)."""
    first: date | None = None
    for article in dossier.get("articles", ()):
        day = timevalues.first_day(str((article.get("published") or {}).get("value", "")))
        if day is not None and (first is None or day < first):
            first = day
    return None if first is None else first - timedelta(days=days)


def witnesses(dossier: Mapping[str, Any]) -> dict[str, str]:
    """Each article's witness (`copies.independent_sources`) over the dossier's records."""
    return independent_sources(
        {str(a["id"]): a.get("outlet") for a in dossier.get("articles", ())},
        ((str(c["article"]), str(c["original"])) for c in dossier.get("copies", ())),
    )


def _entity_reach(dossier: Mapping[str, Any]) -> dict[str, float]:
    """Each entity's share of the story's articles that mention it."""
    total = max(len(dossier.get("articles", ())), 1)
    articles: dict[str, set[str]] = defaultdict(set)
    for entity in dossier.get("entities", ()):
        for mention in entity.get("mentions", ()):
            articles[str(entity["id"])].add(str(mention["article"]))
    return {entity: len(found) / total for entity, found in sorted(articles.items())}


def _participants(event: Mapping[str, Any]) -> list[str]:
    return sorted(
        {
            str(p["entity"])
            for p in (*event.get("actors", ()), *event.get("targets", ()))
            if p and p.get("entity")
        }
    )


def rank_key(salience: Salience) -> tuple[float, float]:
    """The order of events by salience, most salient first: by score; of equal scores, one
    with the more central participants first."""
    return (-salience.score, -salience.centrality)


_COMING = frozenset({"scheduled", "planned", "expected"})


def _came_true(history: Sequence[Mapping[str, Any]]) -> bool:
    """Whether one source reported the event as coming (scheduled, planned, expected) and
    another, not known to be published earlier, reported it as happened."""
    coming = [str(h.get("published") or "") for h in history if h.get("status") in _COMING]
    happened = [str(h.get("published") or "") for h in history if h.get("status") == "happened"]
    return any(not (c and h and h < c) for c in coming for h in happened)


def score_events(
    dossier: Mapping[str, Any], settings: SalienceSettings | None = None
) -> dict[str, Salience]:
    """Every event's salience, by event id, key events marked."""
    settings = settings or SalienceSettings.default()
    witness = witnesses(dossier)
    most = max(len(set(witness.values())), 1)
    reach = _entity_reach(dossier)
    begin = story_start(dossier, settings.background_days)
    total = settings.witnesses + settings.centrality + settings.period + settings.changed
    scored: dict[str, Salience] = {}
    for event in dossier.get("events", ()):
        articles = {str(s["article"]) for s in event.get("sources", ())}
        told_by = len({witness.get(a, a) for a in articles})
        share = math.log1p(told_by) / math.log1p(most) if most > 1 else 1.0
        found = [reach.get(p, 0.0) for p in _participants(event)]
        central = sum(found) / len(found) if found else 0.0
        day = timevalues.first_day(str((event.get("date") or {}).get("value", "")))
        background = begin is not None and day is not None and day < begin
        period = settings.undated if day is None else (0.0 if background else 1.0)
        changed = _came_true(event.get("history", ()))
        score = (
            settings.witnesses * min(share, 1.0)
            + settings.centrality * central
            + settings.period * period
            + settings.changed * (1.0 if changed else 0.0)
        ) / (total or 1.0)
        scored[str(event["id"])] = Salience(
            score=round(score, 4),
            witnesses=told_by,
            centrality=round(central, 4),
            background=background,
            changed=changed,
            key=False,
        )
    ranked = sorted(
        (ident for ident, s in scored.items() if not s.background),
        key=lambda ident: (*rank_key(scored[ident]), ident),
    )
    for ident in ranked[: settings.key_events]:
        s = scored[ident]
        scored[ident] = Salience(
            s.score, s.witnesses, s.centrality, s.background, s.changed, key=True
        )
    return scored
