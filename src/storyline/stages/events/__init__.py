"""What happened, when: events with a PLOVER type, participants, a date and a status.

`extract_events` reads one annotated article (`extract_all`: a story's articles). A trigger
is a verb or an event noun of `VERBS` / `NOUNS` (visit, trip, talks, invite, sign, invasion,
...), or a verb that is an event by its object or particle (`_object_trigger`: "gave a
grant", "lifted the embargo", "called off the strike", "opened fire"); only sentences holding
one are parsed. From the parse come the actors (subject, agent, possessor, "by X"), the
targets (object, "to X", "with X", "of X") and the location ("in X"); a light verb's subject
is the actor of its event noun ("Hanoi extended an invitation"). The date is the time
expression attached to the trigger or to its light verb, never one under "since", "until",
"before" or "after" (those date another event). The status comes from what governs the
trigger: negation, "if", modals ("will", "could"), planning and scheduling words ("plans to",
"is scheduled to", "is expected to", "upcoming"), then tense, then the date against the
publication date; `cue` keeps the words that decided it.

Beside the rules, the learned event-mention detector (`storyline.models.events`) marks the
words heading an event in every sentence, for any kind of news; each one the rules did not
take becomes a mention too (`origin` "detector", its trigger the marked words), typed by the
general-news scheme (`news_predicate`: DISASTER, ACCIDENT, HEALTH, CRIME, JUSTICE, ECONOMY,
POLITICS, DEATH, AWARD, SPORT, else the generic OCCURRENCE) and given participants, a date and
a status as the rules' mentions are. `reported` says which merged events a dossier lists: the
rules' events, and the detector's when typed and dated, but never one bare mention alone (no
participant, date or place: "the deal"); the rest stay mentions (docs/events.md).

`merge_events` folds mentions into real-world events: within an article a mention joins the
nearest compatible earlier mention of the same predicate class ("the visit"), across articles
it joins an event it shares a participant with and does not contradict (different people or
countries, dates that cannot both hold: two visits that both happened in different years stay
apart; a visit expected in May and one that happened in June, reported later, are one); a
learned pair model then joins mentions of one event that share no named participant (same
kind of event, close context, compatible time). A mention nothing joins is an event of its
own, bare or not: every mention found is in some event (the ECB+ scorer counts them all).
`timeline` orders the dated events by date, granularity kept, vaguely dated ones last; an
event with no date at all stays in `events` only.

Where things are:

- `extract.py`: `extract_events`, `extract_all`; one mention per participant (`_distribute`)
- `triggers.py`: `Predicate`, `PREDICATES`, `VERBS`, `NOUNS` and the trigger rules
- `participants.py`: actors, targets, location
- `dating.py`: the time expression that dates a trigger
- `status.py`: the status and its cue (`word_status` for gold triggers)
- `merge.py`: `merge_events`, `predicate_class`, and building the merged `Event`
- `pairs.py`: the learned pair model of merging (`storyline/models/merge_model.json`, trained
  by `python -m storyline.evaluation.train_merge`) and average-link clustering
- `given.py`: `mentions_at`, mentions for triggers found elsewhere (a gold standard's)
- `chronology.py`: `timeline`, `reported`
- `_context.py`: the per-article `_Context` and the small parse helpers all of them share
- `storyline.models.events`: the learned detector (weights `event_model.json`)
- words and rule tables (predicates, trigger lemmas, status words, merge classes, the
  general-news types `news_types`):
  `storyline/lexicon/en/events.toml`

Why our own: PETRARCH-style coders need CAMEO verb dictionaries, code one sentence at a time
and do not date or merge events; NGEC/POLECAT date events with a past-leaning dateparser
setting that puts planned visits in the past. Scores are in docs/benchmarks.md.
"""

from __future__ import annotations

from storyline.stages.events.chronology import reported, timeline
from storyline.stages.events.extract import extract_all, extract_events, sentences_to_parse
from storyline.stages.events.merge import merge_events, predicate_class
from storyline.stages.events.status import word_status
from storyline.stages.events.triggers import (
    GENERIC,
    NEWS_TYPES,
    NOUNS,
    PREDICATES,
    VERBS,
    Predicate,
    news_predicate,
)

REQUIRES = ("articles", "annotations", "timexes", "entities")
ASSIGNS = ("event_mentions", "events", "timeline")

__all__ = [
    "ASSIGNS",
    "GENERIC",
    "NEWS_TYPES",
    "NOUNS",
    "PREDICATES",
    "REQUIRES",
    "VERBS",
    "Predicate",
    "extract_all",
    "extract_events",
    "merge_events",
    "news_predicate",
    "predicate_class",
    "reported",
    "sentences_to_parse",
    "timeline",
    "word_status",
]
