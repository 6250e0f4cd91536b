"""Score event types and participants on the PLOVER gold standard records.

`../shared/data/plover/PLOVER_GSR_CAMEO.txt` holds 322 one-sentence examples (from the CAMEO
manual) coded with a PLOVER event type, source and target actors and the event words
(`textInfo.markup`, `(EVT: held)`). Each sentence is cleaned, annotated and run through the
events stage on its own; the mention compared (of those the PLOVER rules found, not the
learned detector) is the one whose trigger is among the gold event words, else the sentence's
first, mentions with a PLOVER type before those without (an
announcement is compared by the event it announces). A record with no mention counts as
wrong.

The records use the 2016 draft's type names; ours follow the 2021 CAMEO-to-PLOVER table, so
they are compared through `gsr_type`: REQUEST is the draft's DEMAND, ACCUSE is DISAPPROVE
(INVESTIGATE in its `investigate` mode), ASSAULT in the `military` mode is FIGHT and in
the `abduct` and `seize` (destroying property) modes COERCE, a
mention whose status is a stated intent ("will provide aid", "threatened to impose a
blockade" is the blockade, expected) is AGREE or THREATEN, as PLOVER codes intents, and a
cooperative act denied ("will not accept", "failed to reach agreement") is REJECT.

- `type`: share of records whose compared mention has the gold type;
- `actor` / `target`: of the records with gold source (target) actors, the share where a
  participant of the compared mention overlaps a gold actor's words in the sentence (a
  record with no mention counts as wrong here too, so finding one more event never lowers
  the share).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.model import Document, EventMention, Participant

_EVT = re.compile(r"\(EVT: ([^)]*)\)")


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    event_words: tuple[str, ...]


def read_records(path: Path) -> list[Record]:
    """The coded records of a PLOVER GSR file (the DOCUMENT entry left out)."""
    records = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        if item.get("event") == "DOCUMENT" or not item.get("text"):
            continue
        info = item.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        records.append(
            Record(
                id=item["id"],
                text=item["text"],
                type=item["event"],
                sources=_actors(item.get("source")),
                targets=_actors(item.get("target")),
                event_words=tuple(w.strip().lower() for w in _EVT.findall(markup)),
            )
        )
    return records


def _actors(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(a["actorText"] for a in value if isinstance(a, dict) and a.get("actorText"))


_COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
_HOSTILE = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"})
_INTENT = frozenset({"expected", "planned", "scheduled"})


def gsr_type(event_type: str | None, mode: str | None, status: str = "happened") -> str | None:
    """Our (2021) PLOVER type in the GSR's (2016 draft) names. PLOVER codes a stated intent
    as its own event (to cooperate is AGREE, to coerce or attack is THREATEN) and a refusal to
    cooperate as REJECT."""
    if status == "negated" and event_type in _COOPERATIVE | {"AGREE"}:
        return "REJECT"  # "will not accept", "failed to reach agreement": a refusal
    if status in _INTENT and event_type in _COOPERATIVE:
        return "AGREE"
    if status in _INTENT and event_type in _HOSTILE:
        return "THREATEN"
    if event_type == "REQUEST":
        return "DEMAND"
    if event_type == "ACCUSE":
        return "INVESTIGATE" if mode == "investigate" else "DISAPPROVE"
    if event_type == "ASSAULT" and mode == "military":
        return "FIGHT"
    if event_type == "ASSAULT" and mode in ("abduct", "seize"):
        return "COERCE"  # the draft coerces by abducting and by destroying property
    return event_type


def score_plover(path: Path, *, nlp: Any, limit: int | None = None) -> dict[str, Any]:
    """Type, actor and target accuracy of the events stage on the GSR records at `path`."""
    from storyline.config import Config
    from storyline.pipeline import run
    from storyline.stages import clean

    records = read_records(path)[:limit]
    articles = [clean.clean_document(Document(r.id, r.text, "text")) for r in records]
    state, _ = run(articles, config=Config(), until="events", nlp=nlp)
    typed = actors = actor_total = targets = target_total = silent = 0
    confusion: Counter[tuple[str, str]] = Counter()
    found_by_record = state["event_mentions"]
    for record, mentions in zip(records, found_by_record, strict=True):
        mention = _compared(mentions, record)
        actor_total += bool(record.sources)
        target_total += bool(record.targets)
        if mention is None:
            silent += 1
            confusion[(record.type, "none")] += 1
            continue
        predicted = gsr_type(mention.type, mention.mode, mention.status) or "none"
        typed += predicted == record.type
        confusion[(record.type, predicted)] += 1
        if record.sources:
            actors += _overlaps(mention.actors, record.sources, record.text)
        if record.targets:
            targets += _overlaps(mention.targets, record.targets, record.text)
    total = len(records)
    return {
        "records": total,
        "type": {"right": typed, "share": typed / total if total else 0.0},
        "actor": {"right": actors, "of": actor_total, "share": _share(actors, actor_total)},
        "target": {"right": targets, "of": target_total, "share": _share(targets, target_total)},
        "no_event": silent,
        "confusion": {
            f"{gold}->{system}": n
            for (gold, system), n in sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0]))
            if gold != system
        },
    }


def _compared(mentions: list[EventMention], record: Record) -> EventMention | None:
    # PLOVER codes only typed events: an announcement ("announced that it will withdraw")
    # has no type of its own, so the event it announces is the one compared. Only the rules
    # code PLOVER; the learned detector's mentions carry general-news types (docs/events.md)
    mentions = [m for m in mentions if m.origin == "rules"]
    ordered = [m for m in mentions if m.type] + [m for m in mentions if not m.type]
    for mention in ordered:
        word = mention.trigger.text.lower()
        if any(word in words.split() or word == words for words in record.event_words):
            return mention
    return ordered[0] if ordered else None


def _overlaps(participants: tuple[Participant, ...], gold: tuple[str, ...], text: str) -> bool:
    for actor in gold:
        start = text.find(actor)
        if start < 0:
            continue
        end = start + len(actor)
        if any(p.span.start < end and start < p.span.end for p in participants):
            return True
    return False


def _share(right: int, total: int) -> float:
    return right / total if total else 0.0
