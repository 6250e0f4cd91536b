"""What changed since the last build of a story: new articles, new events, events whose status
moved (expected -> happened), new quotes and new contradictions.

A developing story is built again and again into the same folder; a reader wants to see what
the new articles brought. The last build's `dossier.json` is read back (as JSON: the record
ids and the few fields compared) and set against the new dossier:
- an **article** is new when its id (a hash of its cleaned text) was not there;
- an **event** is the same as an earlier one when it has the same id, else the same kind of
  happening (predicate and mode) by the same actors (entity ids; an event with no named actor
  is matched by its predicate and its summary sentence); it is new when nothing matches, and
  its status moved when the match had another status;
- a **quote** is new when it stands in a new article;
- a **contradiction** is new when no earlier contradiction had its topic.
A missing or unreadable earlier dossier gives no changes (the first build of a story). A
story's earlier dossier is the one of the earlier story that held most of its articles
(`stories.json`), so a story whose id changed (an earlier article joined it) is still found.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.model import Article, Comparison, Dossier, Event, Quote


@dataclass(frozen=True, slots=True)
class StatusChange:
    event: Event
    before: str


@dataclass(frozen=True, slots=True)
class Changes:
    """What the new build holds that the last one did not."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    statuses: tuple[StatusChange, ...]
    quotes: tuple[Quote, ...]
    contradictions: tuple[Comparison, ...]

    def __bool__(self) -> bool:
        return bool(
            self.articles or self.events or self.statuses or self.quotes or self.contradictions
        )

    def as_dict(self) -> dict[str, Any]:
        """The changes as `changes.json` writes them: ids, and for events what moved."""
        return {
            "articles": [a.id for a in self.articles],
            "events": [e.id for e in self.events],
            "statuses": [
                {"event": s.event.id, "before": s.before, "after": s.event.status}
                for s in self.statuses
            ],
            "quotes": [q.id for q in self.quotes],
            "contradictions": [c.id for c in self.contradictions],
        }


def read_previous(path: Path) -> dict[str, Any] | None:
    """The dossier an earlier build wrote at `path`, or None (none, or not a dossier)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("articles"), list) else None


def previous_of(out_dir: Path) -> Callable[[Sequence[str]], dict[str, Any] | None]:
    """A finder of the dossier the last build into `out_dir` wrote for a story, given the
    story's article paths: the earlier story (from `stories.json`) that held most of them,
    else, for a folder built before stories existed, `out_dir/dossier.json`."""
    try:
        listing = json.loads((out_dir / "stories.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        listing = None
    if not isinstance(listing, list):
        return lambda paths: read_previous(out_dir / "dossier.json")
    story_of: dict[str, str] = {}
    for entry in listing:
        if isinstance(entry, dict) and isinstance(entry.get("articles"), list):
            for path in entry["articles"]:
                story_of.setdefault(str(path), str(entry.get("id")))

    def find(paths: Sequence[str]) -> dict[str, Any] | None:
        counts = Counter(story_of[p] for p in paths if p in story_of)
        if not counts:
            return None
        best = max(sorted(counts), key=lambda story: counts[story])
        if not best.replace("-", "").isalnum():
            return None  # not a story id this build writes: never a path out of the folder
        return read_previous(out_dir / "stories" / best / "dossier.json")

    return find


def _actor_key(event: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(sorted(str(p.get("entity") or p.get("text", "")) for p in event.get("actors", [])))


def _key(
    predicate: str, mode: str | None, actors: tuple[str, ...], summary: str
) -> tuple[Any, ...]:
    # with no named actor, the sentence that tells it stands in for who did it
    return (predicate, mode or "", actors) if actors else (predicate, mode or "", summary)


def changes_since(previous: Mapping[str, Any] | None, dossier: Dossier) -> Changes | None:
    """What `dossier` holds that the earlier dossier `previous` (as read from its JSON) did
    not; None when there is no earlier dossier."""
    if previous is None:
        return None
    old_articles = {str(a.get("id")) for a in previous.get("articles", []) if isinstance(a, dict)}
    old_events = [e for e in previous.get("events", []) if isinstance(e, dict)]
    by_id = {str(e.get("id")): e for e in old_events}
    by_key: dict[tuple[Any, ...], Mapping[str, Any]] = {}
    for e in old_events:
        summary = e.get("summary") or {}
        key = _key(
            str(e.get("predicate")),
            e.get("mode"),
            _actor_key(e),
            str(summary.get("text", "")) if isinstance(summary, dict) else "",
        )
        by_key.setdefault(key, e)
    new_events: list[Event] = []
    statuses: list[StatusChange] = []
    for event in dossier.events:
        actors = tuple(sorted(p.entity or p.name for p in event.actors))
        match = by_id.get(event.id) or by_key.get(
            _key(event.predicate, event.mode, actors, event.summary.text)
        )
        if match is None:
            new_events.append(event)
        elif match.get("status") != event.status:
            statuses.append(StatusChange(event, str(match.get("status"))))
    new_articles = tuple(a for a in dossier.articles if a.id not in old_articles)
    fresh = {a.id for a in new_articles}
    old_topics = {
        str(c.get("topic"))
        for c in previous.get("comparisons", [])
        if isinstance(c, dict) and c.get("verdict") == "contradict"
    }
    return Changes(
        articles=new_articles,
        events=tuple(new_events),
        statuses=tuple(statuses),
        quotes=tuple(q for q in dossier.quotes if q.article in fresh),
        contradictions=tuple(
            c
            for c in dossier.comparisons
            if c.verdict == "contradict" and c.topic not in old_topics
        ),
    )
