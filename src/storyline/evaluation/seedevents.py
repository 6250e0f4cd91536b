"""Score events and the timeline of a build of the seeds against `gold/seeds.json`.

Matching, per article: a gold event is found when a mention of a system event has its trigger
word inside the gold evidence (or one of its `other_evidence` strings) of that article, or,
for a sentence that lists several events under one trigger ("partnerships with Chile (May
2021) and Peru (June 2022)"), the time expression that dated the mention; when several
do, one of the same predicate class wins, then one found by its trigger. Each gold event and
each system event of an article is matched at most once. From that:

- events: precision and recall over (article, event) pairs, the system's pairs being the
  articles in each event's history;
- status: of the matched pairs, the share whose system status for that article is the gold
  one (`happened` is the gold's `occurred`; `scheduled` is its `planned`, an announced plan);
- timeline: a system entry stands for the gold event most of its matched mentions found; it is
  right when that gold entry is not yet taken and the dates agree: both undated, a vague gold
  date (`PAST_REF`) against a vague or missing one, or calendar periods that overlap with the
  system's no longer than twice the gold's (at least a week), so "2024" does not count for
  "2024-06-19";
- `visit`: whether the gold's most reported event is one system event holding every article
  that reports it, and the statuses its history shows in order of publication.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from storyline import timevalues
from storyline.model import Dossier, Event

_STATUS = {"happened": "occurred", "scheduled": "planned"}
_GOLD_CLASS = {
    "congratulate": "congratulate",
    "promise": "pledge",
    "decline": "reject",
    "begin_term": "inaugurate",
    "express_interest": "agree",
    "statement": "announce",
}


def build_seeds(shared: Path) -> Dossier:
    """The dossier of a build of the five seed articles (no store)."""
    from storyline.config import Config
    from storyline.pipeline import build

    return build(sorted((shared / "seeds").glob("*.txt")), config=Config()).dossier


def score_seed_events(shared: Path, dossier: Dossier | None = None) -> dict[str, Any]:
    """Event, status and timeline scores of `dossier` (a fresh build when None)."""
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    dossier = dossier or build_seeds(shared)
    by_key = {Path(a.path).stem: a for a in dossier.articles}
    matched: dict[tuple[str, str], tuple[str, Event]] = {}  # (doc, gold id) -> (article, event)
    gold_pairs = 0
    for doc, annotation in sorted(gold["documents"].items()):
        article = by_key.get(doc)
        gold_events = annotation.get("events", [])
        gold_pairs += len(gold_events)
        if article is None:
            continue
        taken: set[str] = set()
        for item in gold_events:
            spans = _find(article.text, [item["evidence"], *item.get("other_evidence", [])])
            best: tuple[int, str, Event] | None = None
            for event in dossier.events:
                if event.id in taken:
                    continue
                for mention in event.mentions:
                    if mention.article != article.id:
                        continue
                    by_trigger = any(a <= mention.trigger.start < b for a, b in spans)
                    dated = mention.date is not None and any(
                        a <= mention.date.span.start and mention.date.span.end <= b
                        for a, b in spans
                    )
                    if not (by_trigger or dated):
                        continue
                    same = _class(item["predicate"]) == _class(mention.predicate)
                    rank = (0 if same else 2) + (0 if by_trigger else 1)
                    rank = rank * 100_000 + mention.trigger.start
                    if best is None or rank < best[0]:
                        best = (rank, event.id, event)
            if best is not None:
                taken.add(best[1])
                matched[(doc, item["id"])] = (article.id, best[2])
    system_pairs = sum(len(e.history) for e in dossier.events)
    statuses = {
        doc: {e["id"]: e["status"] for e in a.get("events", [])}
        for doc, a in gold["documents"].items()
    }
    right_status = 0
    for (doc, gold_id), (article_id, event) in matched.items():
        said = next((h.status for h in event.history if h.article == article_id), None)
        if said is not None and _STATUS.get(said, said) == statuses[doc][gold_id]:
            right_status += 1
    events = _prf(len(matched), system_pairs, gold_pairs)
    timeline = _score_timeline(gold["timeline"], dossier, matched)
    return {
        "events": events,
        "status": {
            "right": right_status,
            "matched": len(matched),
            "share": right_status / len(matched) if matched else 0.0,
        },
        "timeline": timeline,
        "visit": _most_reported(gold, dossier, matched),
    }


def _score_timeline(
    gold_timeline: list[dict[str, Any]],
    dossier: Dossier,
    matched: dict[tuple[str, str], tuple[str, Event]],
) -> dict[str, Any]:
    votes: dict[str, Counter[str]] = {}
    for (_, gold_id), (_, event) in matched.items():
        votes.setdefault(event.id, Counter())[gold_id] += 1
    standing = {event_id: c.most_common(1)[0][0] for event_id, c in votes.items()}
    gold_dates = {g["event_id"]: g["date"] for g in gold_timeline}
    taken: set[str] = set()
    right = 0
    wrong_date: list[str] = []
    for entry in dossier.timeline:
        found = standing.get(entry.event)
        if found is None or found in taken or found not in gold_dates:
            continue
        gold_id = found
        if dates_agree(entry.date or None, gold_dates[gold_id]):
            taken.add(gold_id)
            right += 1
        else:
            wrong_date.append(f"{gold_id}: {entry.date or None} for {gold_dates[gold_id]}")
    scores = _prf(right, len(dossier.timeline), len(gold_timeline))
    scores["wrong_date"] = sorted(wrong_date)
    scores["missed"] = sorted(set(gold_dates) - taken)
    return scores


def dates_agree(system: str | None, gold: str | None) -> bool:
    """Whether a system date stands for a gold date (see the module docstring)."""
    if gold is None:
        return system is None
    if gold.endswith("_REF"):
        return system is None or system.endswith("_REF")
    if system is None:
        return False
    s, g = timevalues.period(system), timevalues.period(gold)
    if s is None or g is None:
        return system == gold
    if not (s[0] <= g[1] and g[0] <= s[1]):
        return False
    return (s[1] - s[0]).days + 1 <= max(2 * ((g[1] - g[0]).days + 1), 7)


def _most_reported(
    gold: dict[str, Any], dossier: Dossier, matched: dict[tuple[str, str], tuple[str, Event]]
) -> dict[str, Any]:
    entry = max(gold["timeline"], key=lambda g: (len(g["documents"]), g["event_id"]))
    gold_id = entry["event_id"]
    found = Counter(event.id for (_, g), (_, event) in matched.items() if g == gold_id)
    if not found:
        return {"event": gold_id, "one_event": False, "articles": 0, "history": []}
    event_id = found.most_common(1)[0][0]
    event = next(e for e in dossier.events if e.id == event_id)
    by_path = {a.id: Path(a.path).stem for a in dossier.articles}
    reported = {by_path[h.article] for h in event.history}
    return {
        "event": gold_id,
        "one_event": len(found) == 1 and set(entry["documents"]) <= reported,
        "articles": len(reported & set(entry["documents"])),
        "of": len(entry["documents"]),
        "history": [h.status for h in event.history],
    }


def _class(predicate: str) -> str:
    from storyline.stages.events import predicate_class

    return predicate_class(_GOLD_CLASS.get(predicate, predicate))


def _find(text: str, needles: list[str]) -> list[tuple[int, int]]:
    spans = []
    for needle in needles:
        start = text.find(needle)
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = text.find(needle, start + 1)
    return spans


def _prf(right: int, system: int, gold: int) -> dict[str, Any]:
    precision = right / system if system else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "right": right,
        "system": system,
        "gold": gold,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }
