"""Score event status against MEANTIME's factuality attributes (`storyline eval factuality`).

MEANTIME (120 Wikinews articles, CAT XML) gives every EVENT_MENTION three factuality
attributes, as the NewsReader document-level guidelines define them:

- `time`: FUTURE (after the time the source speaks), NON_FUTURE (past or present),
  UNDERSPECIFIED (generic, or no way to tell);
- `certainty`: how sure the source is: CERTAIN, PROBABLE ("likely", "expected to"),
  POSSIBLE ("may", "could"), UNDERSPECIFIED;
- `polarity`: POS, NEG (asserted not to happen or have happened), UNDERSPECIFIED.

Our events stage gives one `status` per mention instead. `STATUS_FACTUALITY` maps it onto the
three attributes:

=============  ===========  ===========  ========
status         time         certainty    polarity
=============  ===========  ===========  ========
happened       NON_FUTURE   CERTAIN      POS
scheduled      FUTURE       CERTAIN      POS
planned        FUTURE       CERTAIN      POS
expected       FUTURE       CERTAIN      POS
speculated     FUTURE       POSSIBLE     POS
hypothetical   FUTURE       POSSIBLE     POS
negated        NON_FUTURE   CERTAIN      NEG
=============  ===========  ===========  ========

Why: the guidelines separate the time of an event from the source's commitment to it; an event
a source states will take place ("will meet", "is due to", "plans to") is FUTURE and CERTAIN,
the annotators' usual reading of the future tense and of stated intentions, and MEANTIME's most
frequent future value (FUTURE/CERTAIN/POS is 230 of its 408 future mentions; PROBABLE, kept for
"likely" and "probably", is 26). So `expected`, which holds "will" as well as "is expected to",
is CERTAIN. `speculated` ("could", "may", "is considering") is POSSIBLE, and its time FUTURE, as
69 of MEANTIME's 84 POSSIBLE mentions are. A conditional (`hypothetical`) is a possibility
whose time is the main clause's, most often a future one. `negated` is a certain negative; its
time is NON_FUTURE because most denied events in news are past or present ones ("did not
attend"; 34 of MEANTIME's 48 NEG mentions).

Scoring: every gold mention and our mentions are aligned one to one by trigger token overlap
(a gold mention can span several tokens, ours is one word; of ours on the same trigger, the
first). Each attribute is scored over the aligned mentions whose gold value is specified: an
UNDERSPECIFIED or empty gold value is left out of that attribute (its count is reported), and
"all three right" is over the mentions with all three specified. Per attribute: accuracy,
macro-F1 over the gold's specified values, and a confusion matrix (gold value -> predicted ->
count). Two baselines run on the same aligned mentions: `majority` (everything happened) and
`tense` (FUTURE/CERTAIN/POS when "will", "shall", "'ll" or "going to" stands within the three
words before the trigger, happened otherwise), so that the numbers say what the rules add.

The text of a document is laid out as the MEANTIME timex scorer lays it out (title, dateline,
then one body sentence a line, up to the last annotated sentence), and the pipeline stages
run on it with the document's creation time as the given publication date.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.evaluation.corpora import text_article
from storyline.model import Article, EventMention, EventStatus, Span

ATTRIBUTES = ("time", "certainty", "polarity")
SPECIFIED: dict[str, tuple[str, ...]] = {
    "time": ("NON_FUTURE", "FUTURE"),
    "certainty": ("CERTAIN", "PROBABLE", "POSSIBLE"),
    "polarity": ("POS", "NEG"),
}
Factuality = tuple[str, str, str]

STATUS_FACTUALITY: dict[EventStatus, Factuality] = {
    "happened": ("NON_FUTURE", "CERTAIN", "POS"),
    "scheduled": ("FUTURE", "CERTAIN", "POS"),
    "planned": ("FUTURE", "CERTAIN", "POS"),
    "expected": ("FUTURE", "CERTAIN", "POS"),
    "speculated": ("FUTURE", "POSSIBLE", "POS"),
    "hypothetical": ("FUTURE", "POSSIBLE", "POS"),
    "negated": ("NON_FUTURE", "CERTAIN", "NEG"),
}
_FUTURE_WORDS = frozenset({"will", "shall", "'ll", "wo"})  # "wo" of "won't"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """A MEANTIME event mention: its characters in the laid-out text and its factuality."""

    start: int
    end: int
    text: str
    time: str
    certainty: str
    polarity: str

    def value(self, attribute: str) -> str:
        return str(getattr(self, attribute))


@dataclass(frozen=True, slots=True)
class FactualityDoc:
    doc_id: str
    text: str
    dct: str | None
    events: tuple[GoldEvent, ...]


def read_meantime_events(folder: Path, *, limit: int | None = None) -> list[FactualityDoc]:
    """MEANTIME documents under `folder` (the corpus root or a folder of CAT files) with
    their gold event mentions; `limit` keeps the first documents of each story (top folder)."""
    from storyline.evaluation import timeml

    folder, paths = timeml.meantime_cat_files(folder)
    if not paths:
        raise FileNotFoundError(f"no CAT .xml files under {folder}")
    if limit is not None:
        per_story: Counter[str] = Counter()
        kept = []
        for path in paths:
            story = path.relative_to(folder).parts[0]
            per_story[story] += 1
            if per_story[story] <= limit:
                kept.append(path)
        paths = kept
    docs = []
    for path in paths:
        root = ET.fromstring(path.read_bytes())
        text, offsets = timeml.cat_layout(root)
        events = []
        for element in root.iter("EVENT_MENTION"):
            spans = [
                offsets[a.get("t_id", "")]
                for a in element.iter("token_anchor")
                if a.get("t_id", "") in offsets
            ]
            if not spans:
                continue
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            events.append(
                GoldEvent(
                    start,
                    end,
                    text[start:end],
                    element.get("time") or "",
                    element.get("certainty") or "",
                    element.get("polarity") or "",
                )
            )
        doc_id = path.relative_to(folder).with_suffix("").as_posix()
        events.sort(key=lambda e: (e.start, e.end))
        docs.append(FactualityDoc(doc_id, text, timeml.read_cat(path).dct, tuple(events)))
    return docs


def align(
    gold: Sequence[GoldEvent], found: Iterable[EventMention]
) -> list[tuple[GoldEvent, EventMention]]:
    """Gold and found mentions paired one to one where the trigger overlaps the gold
    mention's tokens, in text order; of several found on one trigger, the first."""
    pairs: list[tuple[GoldEvent, EventMention]] = []
    used: set[int] = set()
    taken: set[tuple[int, int]] = set()
    for mention in sorted(found, key=lambda m: (m.trigger.start, m.trigger.end)):
        key = (mention.trigger.start, mention.trigger.end)
        if key in taken:
            continue
        for number, event in enumerate(gold):
            if number in used:
                continue
            if event.start < mention.trigger.end and mention.trigger.start < event.end:
                used.add(number)
                taken.add(key)
                pairs.append((event, mention))
                break
    return pairs


def tense_baseline(text: str, trigger_start: int) -> Factuality:
    """FUTURE/CERTAIN/POS when a future auxiliary stands in the three words before the
    trigger ("will meet", "is going to sign"), NON_FUTURE/CERTAIN/POS otherwise."""
    words = text[:trigger_start].replace("\n", " ").lower().replace("'ll", " 'll").split()[-3:]
    future = any(w.strip(",").removesuffix("n't") in _FUTURE_WORDS for w in words)
    if future or " ".join(words[-2:]) == "going to":
        return ("FUTURE", "CERTAIN", "POS")
    return STATUS_FACTUALITY["happened"]


def score_predictions(pairs: Sequence[tuple[GoldEvent, Factuality]]) -> dict[str, Any]:
    """Per attribute accuracy, macro-F1 and confusion over the specified gold values, and
    the share with all three right."""
    result: dict[str, Any] = {}
    for number, attribute in enumerate(ATTRIBUTES):
        kept = [
            (g.value(attribute), p[number])
            for g, p in pairs
            if g.value(attribute) in SPECIFIED[attribute]
        ]
        confusion: dict[str, dict[str, int]] = {}
        for gold_value, predicted in kept:
            row = confusion.setdefault(gold_value, {})
            row[predicted] = row.get(predicted, 0) + 1
        right = sum(g == p for g, p in kept)
        result[attribute] = {
            "scored": len(kept),
            "left_out": len(pairs) - len(kept),
            "accuracy": round(right / len(kept), 4) if kept else 0.0,
            "macro_f1": _macro_f1(kept, SPECIFIED[attribute]),
            "confusion": confusion,
        }
    full = [(g, p) for g, p in pairs if all(g.value(a) in SPECIFIED[a] for a in ATTRIBUTES)]
    right = sum((g.time, g.certainty, g.polarity) == p for g, p in full)
    result["all_three"] = {
        "scored": len(full),
        "accuracy": round(right / len(full), 4) if full else 0.0,
    }
    return result


def _macro_f1(kept: Sequence[tuple[str, str]], values: Sequence[str]) -> float:
    """Mean F1 over the gold values that occur (a value never in the gold is not averaged)."""
    scores = []
    for value in values:
        gold = sum(g == value for g, _ in kept)
        if not gold:
            continue
        predicted = sum(p == value for _, p in kept)
        right = sum(g == p == value for g, p in kept)
        precision = right / predicted if predicted else 0.0
        recall = right / gold
        scores.append(2 * precision * recall / (precision + recall) if right else 0.0)
    return round(sum(scores) / len(scores), 4) if scores else 0.0


def _article(doc: FactualityDoc) -> Article:
    from storyline.stages import published, timex

    day = timex.parse_dct(doc.dct) if doc.dct else None
    return text_article(
        doc.doc_id, doc.text, published=published.given(day.isoformat()) if day else None
    )


def find_mentions(docs: Sequence[FactualityDoc], *, nlp: Any) -> list[list[EventMention]]:
    """Our event mentions of each document, unmerged (each mention keeps its own status).

    The stages of a build but one: publication dates are the documents' DCTs and the published
    stage does not run (through `pipeline.run`, which runs it, all-three on our aligned
    mentions moves from 0.919 to 0.899)."""
    from storyline.stages import annotate, entities, events, timex

    articles = [_article(d) for d in docs]
    annotations = annotate.annotate_articles(articles, nlp=nlp)
    found = entities.resolve_entities(articles, annotations)
    times = timex.extract_timexes(articles, annotations)
    return events.extract_all(articles, annotations, nlp=nlp, entities=found, timexes=times)


def gold_trigger_statuses(
    docs: Sequence[FactualityDoc], *, nlp: Any
) -> list[list[tuple[GoldEvent, EventStatus, Span | None]]]:
    """The status our rules give every gold event mention, its trigger given: the rules run
    on the mention's head word (the word whose parent lies outside the mention), as the events
    stage runs them on a trigger of its own (light verb, date and all), with the cue."""
    from storyline.stages import annotate, events, timex

    articles = [_article(d) for d in docs]
    annotations = annotate.annotate_articles(articles, nlp=nlp)
    times = timex.extract_timexes(articles, annotations)
    parses: annotate.ParseCache = {}
    result = []
    for doc, article, annotation in zip(docs, articles, annotations, strict=True):
        annotation = annotate.split_at_paragraphs(annotation, article.text)
        tokens = annotation.tokens
        heads: list[tuple[GoldEvent, list[int]]] = []
        for gold in doc.events:
            inside = [i for i, t in enumerate(tokens) if t.start < gold.end and gold.start < t.end]
            heads.append((gold, inside))
        wanted = {
            number
            for _, inside in heads
            for number, sentence in enumerate(annotation.sentences)
            for i in inside[:1]
            if sentence.start <= tokens[i].start < sentence.end
        }
        parsed = annotate.parse_sentences(
            article, annotation, sorted(wanted), nlp=nlp, cache=parses
        )
        graph = annotate.dependency_graph(annotation, parsed)
        timexes = [t for t in times if t.article == article.id]
        statuses = []
        for gold, inside in heads:
            parsed_words = [i for i in inside if i in graph.head]
            if not parsed_words:
                continue
            index = next(
                (i for i in parsed_words if graph.head[i] not in parsed_words), parsed_words[0]
            )
            status, cue = events.word_status(article, annotation, graph, timexes, index)
            statuses.append((gold, status, cue))
        result.append(statuses)
    return result


def score_factuality(
    folder: Path, *, nlp: Any, limit: int | None = None, errors: bool = False
) -> dict[str, Any]:
    """Our statuses, mapped by `STATUS_FACTUALITY`, against MEANTIME's factuality; with the
    majority and tense baselines on the same aligned mentions. `limit`: documents per story.
    `errors` lists the aligned mentions where some attribute is wrong."""
    docs = read_meantime_events(folder, limit=limit)
    found = find_mentions(docs, nlp=nlp)
    ours: list[tuple[GoldEvent, Factuality]] = []
    majority: list[tuple[GoldEvent, Factuality]] = []
    tense: list[tuple[GoldEvent, Factuality]] = []
    by_status: dict[str, Counter[str]] = {}
    wrong: list[dict[str, Any]] = []
    for doc, mentions in zip(docs, found, strict=True):
        for gold, mention in align(doc.events, mentions):
            predicted = STATUS_FACTUALITY[mention.status]
            ours.append((gold, predicted))
            majority.append((gold, STATUS_FACTUALITY["happened"]))
            tense.append((gold, tense_baseline(doc.text, mention.trigger.start)))
            triple = (gold.time, gold.certainty, gold.polarity)
            by_status.setdefault(mention.status, Counter())["/".join(triple)] += 1
            if errors and any(
                g in SPECIFIED[a] and g != p
                for a, g, p in zip(ATTRIBUTES, triple, predicted, strict=True)
            ):
                start = doc.text.rfind("\n", 0, gold.start) + 1
                stop = doc.text.find("\n", gold.end)
                wrong.append(
                    {
                        "doc": doc.doc_id,
                        "trigger": gold.text,
                        "gold": "/".join(triple),
                        "status": mention.status,
                        "cue": mention.cue.text if mention.cue else None,
                        "sentence": doc.text[start : stop if stop >= 0 else None],
                    }
                )
    result: dict[str, Any] = {
        "documents": len(docs),
        "gold_mentions": sum(len(d.events) for d in docs),
        "system_mentions": sum(len({(m.trigger.start, m.trigger.end) for m in f}) for f in found),
        "aligned": len(ours),
        "mapping": {status: "/".join(values) for status, values in STATUS_FACTUALITY.items()},
        "ours": score_predictions(ours),
        "baseline_majority": score_predictions(majority),
        "baseline_tense": score_predictions(tense),
        "by_status": {
            status: dict(sorted(counts.items())) for status, counts in sorted(by_status.items())
        },
    }
    every: list[tuple[GoldEvent, Factuality]] = []
    every_majority: list[tuple[GoldEvent, Factuality]] = []
    every_tense: list[tuple[GoldEvent, Factuality]] = []
    every_by_status: dict[str, Counter[str]] = {}
    for doc, statuses in zip(docs, gold_trigger_statuses(docs, nlp=nlp), strict=True):
        for gold, status, _ in statuses:
            every.append((gold, STATUS_FACTUALITY[status]))
            every_majority.append((gold, STATUS_FACTUALITY["happened"]))
            every_tense.append((gold, tense_baseline(doc.text, gold.start)))
            combined = "/".join((gold.time, gold.certainty, gold.polarity))
            every_by_status.setdefault(status, Counter())[combined] += 1
    result["gold_triggers"] = {
        "scored_mentions": len(every),
        "ours": score_predictions(every),
        "baseline_majority": score_predictions(every_majority),
        "baseline_tense": score_predictions(every_tense),
        "by_status": {
            status: dict(sorted(counts.items()))
            for status, counts in sorted(every_by_status.items())
        },
    }
    if errors:
        result["errors"] = wrong
    return result
