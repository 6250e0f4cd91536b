"""Cross-document event coreference on ECB+ (`storyline eval ecbplus`).

ECB+ (Cybulska & Vossen 2014) groups 982 news texts into topics; each topic holds two
sub-topics, the `*ecb.xml` and the `*ecbplus.xml` texts, that report two *different* real
events of one kind (two earthquakes, two arrests). Each topic is built as one story, with the
same stage functions as `storyline build` (clean, annotate, publication dates, time
expressions, entities, events and their merging; quotes are left out, events do not read
them) and no publication date: ECB+ has no document creation time (the dates in the
`ecbplus` texts' URLs are a guess and the `ecb` texts have none), so a sub-topic cannot be
told apart by how it is dated.

Gold. Event mentions are the action markables (tags `ACTION_*` and `NEG_ACTION_*`) in the
sentences of `ECBplus_coreference_sentences.csv`, the only ones annotated in full. A mention's
event is the `instance_id` its `CROSS_DOC_COREF` relation points to; a mention in an
`INTRA_DOC_COREF` chain only is one event with the rest of that chain; any other mention is
an event of its own (as Barhom et al. 2019 read the corpus).

Alignment. A system event mention (its trigger word) matches a gold mention when they share a
token; each gold and each system mention is matched at most once (largest character overlap
first, then text order). Only system mentions whose trigger lies in an annotated sentence are
counted.

Scores, pooled over the topics of a split (clusters never span topics):

- `mentions`: detection precision (matched / system mentions), recall (matched / gold) and F1.
- `aligned`: MUC, B-cubed, CEAF-e and CoNLL F1 over the matched mentions only: the key is the
  gold events restricted to them, the response the system events restricted to them, so both
  hold the same mentions and the score is the merging alone, whatever the detection recall.
  Singletons are kept (as in Barhom et al. 2019; MUC ignores them by construction).
  `baselines` scores, over the same mentions, every mention an event of its own
  (`singletons`) and one event per trigger lemma in a topic (`same_lemma`, the classic
  head-lemma baseline; the lemma of a mention is that of its last verb token, else its last
  noun, else its last token, from the same annotation).
- `end_to_end`: the reference CoNLL scorer's convention for predicted mentions (Pradhan et
  al. 2014): the key is every gold mention, the response every system mention; a mention
  found by only one side stays in that side as it is (an unmatched gold mention lowers
  recall, an unmatched system mention precision), nothing is removed.
- `gold_mentions`: merging alone over every gold mention (`system`): each gold trigger is
  read as the stage reads its own (`events.given.mentions_at`: participants, date and status
  from the same annotation, entities and time expressions), the topic's gold mentions are
  merged by the stage's `merge_events`, and a mention it drops is an event of its own; beside
  it the two baselines over the same mentions, the figures the literature reports on gold
  mentions (test topics: same-lemma 61.9, lemma-delta 74.4, Barhom et al. 2019 79.1), and
  `joined_subtopic_events`.
- `subtopics`: system events (holding a matched mention) that join the two sub-topics of a
  topic, which are always two different real events, and gold cross-document events the
  system splits.

The standard split (Cybulska & Vossen 2015, Barhom et al. 2019): dev topics 2, 5, 12, 18,
21, 23, 34, 35; train 1-33 otherwise (15 and 17 are not in the release); test 36-45 (not in
the release either). The rules were tuned on dev in past sessions; the pair model of merging
is fit on train topics only (threshold by cross-validation over them), so dev is its
held-out check.
"""

from __future__ import annotations

import csv
import pickle
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.evaluation.coref import conll
from storyline.evaluation.corpora import detok_sentences, natural_key
from storyline.model import Annotation, Article, Document, Event, EventMention
from storyline.model import Token as ModelToken
from storyline.stages.events import merge_events, reported

__all__ = [
    "DEV_TOPICS",
    "GoldEventMention",
    "PreparedTopic",
    "TopicDoc",
    "align",
    "annotated_sentences",
    "baselines",
    "gold_mention_events",
    "prepare_topic",
    "prepared_topics",
    "read_topic",
    "score_ecbplus",
    "split_topics",
]

DEV_TOPICS: tuple[int, ...] = (2, 5, 12, 18, 21, 23, 34, 35)
TEST_TOPICS: tuple[int, ...] = tuple(range(36, 46))

Token = tuple[int, int]  # character offsets in the document text
MentionKey = tuple[str, int]  # (document, position of the mention in its document)


@dataclass(frozen=True, slots=True)
class GoldEventMention:
    """A gold action mention: its tokens (character offsets) and its event."""

    doc: str
    tokens: tuple[Token, ...]
    text: str
    event: str
    sentence: int


@dataclass(frozen=True, slots=True)
class TopicDoc:
    """One ECB+ text: one sentence a line, its annotated sentences' spans, its gold events."""

    doc_id: str  # "2/2_4ecbplus"
    subtopic: str  # "ecb" or "ecbplus"
    text: str
    annotated: tuple[Token, ...]  # character spans of the fully annotated sentences
    mentions: tuple[GoldEventMention, ...]


def split_topics(data: Path, split: str) -> list[int]:
    """The topic numbers of `split` (dev, train or all) present under `data`."""
    present = sorted(int(p.name) for p in data.iterdir() if p.is_dir() and p.name.isdigit())
    if split == "dev":
        return [t for t in present if t in DEV_TOPICS]
    if split == "train":
        return [t for t in present if t not in DEV_TOPICS and t not in TEST_TOPICS]
    if split == "all":
        return present
    raise ValueError(f"unknown split {split!r}; choose dev, train or all")


def annotated_sentences(data: Path) -> dict[str, set[int]]:
    """`ECBplus_coreference_sentences.csv`: document ("2/2_4ecbplus") -> sentence numbers."""
    out: dict[str, set[int]] = defaultdict(set)
    path = data / "ECBplus_coreference_sentences.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            topic, name = row["Topic"].strip(), row["File"].strip()
            out[f"{topic}/{topic}_{name}"].add(int(row["Sentence Number"]))
    return out


def read_topic(
    data: Path, topic: int, selected: dict[str, set[int]], *, limit: int | None = None
) -> list[TopicDoc]:
    """The texts of one topic (at most `limit`, in natural order) with their gold mentions."""
    folder = data / str(topic)
    if not folder.is_dir():
        raise FileNotFoundError(f"ECB+ topic folder not found: {folder}")
    paths = sorted(folder.glob("*.xml"), key=lambda p: natural_key(p.name))[:limit]
    return [
        _read_doc(path, f"{topic}/{path.stem}", selected.get(f"{topic}/{path.stem}", set()))
        for path in paths
    ]


def _read_doc(path: Path, doc_id: str, selected: set[int]) -> TopicDoc:
    root = ET.fromstring(path.read_bytes())
    subtopic = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
    numbered: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for order, tok in enumerate(root.iter("token")):
        t_id = tok.get("t_id", "")
        numbered[int(tok.get("sentence", "0"))].append(
            (int(t_id) if t_id.isdigit() else order, tok.text or "")
        )
    numbers = sorted(numbered)
    if subtopic == "ecbplus" and numbers:
        first = "".join(t.strip() for _, t in sorted(numbered[numbers[0]]))
        if "://" in first or first.lower().startswith("www."):
            numbers = numbers[1:]  # sentence 0 is the source URL, as `iter_ecbplus` reads it
    kept = [n for n in numbers if any(t.strip() for _, t in numbered[n])]
    lines = detok_sentences([[t for _, t in sorted(numbered[n])] for n in kept], split_hyphens=True)
    offsets: dict[int, Token] = {}
    sentence_of: dict[int, int] = {}
    spans: dict[int, Token] = {}
    position = 0
    for number, line in zip(kept, lines, strict=True):
        cursor = 0
        for anchor, token in sorted(numbered[number]):
            word = token.strip()
            found = line.find(word, cursor) if word else -1
            if found >= 0 and found - cursor <= 2:
                offsets[anchor] = (position + found, position + found + len(word))
                sentence_of[anchor] = number
                cursor = found + len(word)
        spans[number] = (position, position + len(line))
        position += len(line) + 1
    text = "\n".join(lines)
    return TopicDoc(
        doc_id=doc_id,
        subtopic=subtopic,
        text=text,
        annotated=tuple(spans[n] for n in sorted(selected) if n in spans),
        mentions=tuple(_gold_mentions(root, doc_id, text, offsets, sentence_of, selected)),
    )


def chains(markables: ET.Element, relations: ET.Element | None, doc_id: str) -> dict[str, str]:
    """Each markable id of a document (`m_id`) that a coreference relation names, with the
    id of its chain: the `instance_id` its `CROSS_DOC_COREF` relation points to, else
    `intra:DOC:r_id` for a mention in an `INTRA_DOC_COREF` chain only."""
    instances = {m.get("m_id", ""): m.get("instance_id", "") for m in markables}
    chain_of: dict[str, str] = {}
    for relation in relations if relations is not None else ():
        target = relation.find("target")
        if target is None:
            continue
        if relation.tag == "CROSS_DOC_COREF":
            chain = instances.get(target.get("m_id", ""), "") or relation.get("note", "")
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"intra:{doc_id}:{relation.get('r_id', '')}"
        else:
            continue
        for source in relation.findall("source"):
            chain_of.setdefault(source.get("m_id", ""), chain)
    return chain_of


def _gold_mentions(
    root: ET.Element,
    doc_id: str,
    text: str,
    offsets: dict[int, Token],
    sentence_of: dict[int, int],
    selected: set[int],
) -> Iterable[GoldEventMention]:
    markables = root.find("Markables")
    if markables is None:
        return
    event_of = chains(markables, root.find("Relations"), doc_id)
    for element in markables:
        if not element.tag.startswith(("ACTION_", "NEG_ACTION_")):
            continue
        anchors = [int(a.get("t_id", "0")) for a in element.iter("token_anchor")]
        tokens = tuple(sorted(offsets[t] for t in anchors if t in offsets))
        if not tokens or sentence_of[anchors[0]] not in selected:
            continue
        m_id = element.get("m_id", "")
        yield GoldEventMention(
            doc=doc_id,
            tokens=tokens,
            text=" ".join(text[s:e] for s, e in tokens),
            event=event_of.get(m_id) or f"single:{doc_id}:{m_id}",
            sentence=sentence_of[anchors[0]],
        )


# --------------------------------------------------------------------------- system


@dataclass(frozen=True, slots=True)
class SystemMention:
    """A system event mention's trigger, in the document text's offsets."""

    doc: str
    start: int
    end: int
    text: str
    event: str


@dataclass(slots=True)
class PreparedTopic:
    """One topic run through the stages before merging: each document's article and
    annotation, the story's entities (with the places and memberships merging reads), the
    event mentions the stage found, and one mention for each gold trigger (None where its
    words are not in the cleaned text), in the order of the topic's gold mentions."""

    topic: int
    docs: list[TopicDoc]
    doc_of: dict[str, TopicDoc]  # article id -> document
    built: dict[str, tuple[Article, Annotation]]  # document id -> article, annotation
    found: list[EventMention]
    given: list[EventMention | None]
    places: dict[str, str]
    members: dict[str, frozenset[str]]

    def texts(self) -> dict[str, str]:
        """Article id -> cleaned text, as the events stage gives them to merging."""
        return {article.id: article.text for article, _ in self.built.values()}


def prepare_topic(topic: int, docs: Sequence[TopicDoc], *, nlp: Any) -> PreparedTopic:
    """Run the stages of a build up to the events' extraction over one topic as one story,
    and read the gold triggers as the stage reads its own (`events.given.mentions_at`)."""
    from storyline.config import Config
    from storyline.pipeline import run
    from storyline.stages import clean
    from storyline.stages import entities as entity_stage
    from storyline.stages.events.given import mentions_at

    articles: list[Article] = []
    doc_of: dict[str, TopicDoc] = {}
    for doc in docs:
        article = clean.clean_document(Document(doc.doc_id, doc.text, "text"))
        if article.id in doc_of or not article.analysed:
            continue  # the same text twice is one article, as in a build
        doc_of[article.id] = doc
        articles.append(article)
    state, ctx = run(articles, config=Config(), until="events", nlp=nlp)
    dated = state["articles"]
    annotations = [state["annotations"][a.id] for a in dated]
    found_entities = state["entities"]
    built = {doc_of[a.id].doc_id: (a, n) for a, n in zip(dated, annotations, strict=True)}
    given: dict[tuple[str, int], EventMention | None] = {}
    for doc in docs:
        if doc.doc_id not in built or not doc.mentions:
            continue
        article, annotation = built[doc.doc_id]
        spans = [
            tuple(
                (a, b)
                for a, b in (_clean_span(article, s, e) for s, e in m.tokens)
                if a is not None and b is not None
            )
            for m in doc.mentions
        ]
        said = mentions_at(
            article,
            annotation,
            spans,
            nlp=nlp,
            entities=found_entities,
            timexes=state["timexes"],
            parses=ctx.parses,
        )
        for number, mention in enumerate(said):
            given[(doc.doc_id, number)] = mention
    ordered: list[EventMention | None] = []
    for doc in docs:
        for number in range(len(doc.mentions)):
            ordered.append(given.get((doc.doc_id, number)))
    return PreparedTopic(
        topic=topic,
        docs=list(docs),
        doc_of=doc_of,
        built=built,
        found=[m for found_in in state["event_mentions"] for m in found_in],
        given=ordered,
        places=entity_stage.places(found_entities),
        members=entity_stage.memberships(found_entities),
    )


def _clean_span(article: Article, start: int, end: int) -> tuple[int | None, int | None]:
    """The cleaned-text span of an ingested-text span (both ends inside one segment)."""
    for segment in article.segments:
        if segment.raw_start <= start and end <= segment.raw_start + segment.length:
            return (
                segment.start + start - segment.raw_start,
                segment.start + end - segment.raw_start,
            )
    return None, None


def build_topic(
    docs: Sequence[TopicDoc], *, nlp: Any
) -> tuple[list[SystemMention], dict[str, tuple[Article, Annotation]]]:
    """Run the stages of a build over one topic as one story; every mention of every event,
    in document-text offsets, and each document's article and annotation."""
    prepared = prepare_topic(0, docs, nlp=nlp)
    merged = merge_events(prepared.found, prepared.places, prepared.members, prepared.texts())
    by_id = {a.id: a for a, _ in prepared.built.values()}
    return _system_mentions(merged, by_id, prepared.doc_of), prepared.built


def _system_mentions(
    merged: Sequence[Event], articles: dict[str, Article], doc_of: dict[str, TopicDoc]
) -> list[SystemMention]:
    out = []
    for event in merged:
        for m in event.mentions:
            article = articles[m.article]
            start = _raw_offset(article, m.trigger.start)
            end = _raw_offset(article, m.trigger.end - 1)
            if start is None or end is None:
                continue
            doc = doc_of[m.article]
            out.append(SystemMention(doc.doc_id, start, end + 1, m.trigger.text, event.id))
    return out


def _raw_offset(article: Article, offset: int) -> int | None:
    """The offset in the ingested text of a character of the cleaned text."""
    for segment in article.segments:
        if segment.start <= offset < segment.start + segment.length:
            return segment.raw_start + offset - segment.start
    return None


# ------------------------------------------------------------------------ alignment


def align(gold: Sequence[GoldEventMention], system: Sequence[SystemMention]) -> dict[int, int]:
    """Gold mention index -> system mention index, one to one, sharing at least one token:
    the pairs with the largest character overlap first, then in text order."""
    pairs = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            if s.doc != g.doc:
                continue
            overlap = sum(max(0, min(e, s.end) - max(b, s.start)) for b, e in g.tokens)
            if overlap > 0:
                pairs.append((-overlap, g.doc, g.tokens[0][0], s.start, i, j))
    pairs.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    for *_, i, j in pairs:
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def _inside(doc: TopicDoc, start: int) -> bool:
    return any(a <= start < b for a, b in doc.annotated)


def _token_starts(article: Article, annotation: Annotation) -> dict[int, ModelToken]:
    """The annotation's tokens by their start in the document text."""
    out = {}
    for token in annotation.tokens:
        start = _raw_offset(article, token.start)
        if start is not None:
            out[start] = token
    return out


def _lemma(tokens: Sequence[Token], starts: dict[int, ModelToken], text: str) -> str:
    """The lemma of a mention: of its last verb token, else last noun, else last token."""
    words = [starts[s] for s, _ in tokens if s in starts]
    if not words:
        return text[tokens[-1][0] : tokens[-1][1]].lower()
    for tags in (("VERB",), ("NOUN", "PROPN")):
        chosen = [t for t in words if t.pos in tags]
        if chosen:
            return chosen[-1].lemma.lower()
    return words[-1].lemma.lower()


def _clusters(labels: dict[MentionKey, str]) -> list[list[MentionKey]]:
    grouped: dict[str, list[MentionKey]] = defaultdict(list)
    for key in sorted(labels):
        grouped[labels[key]].append(key)
    return [grouped[k] for k in sorted(grouped)]


def baselines(
    labels: dict[MentionKey, str], lemmas: dict[MentionKey, str], topic_of: dict[MentionKey, int]
) -> dict[str, Any]:
    """Every mention an event of its own, and one event per trigger lemma in a topic, scored
    against the gold events `labels` (mention -> event)."""
    key = _clusters(labels)
    lemma_labels = {m: f"{topic_of[m]}|{lemmas[m]}" for m in labels}
    return {
        "singletons": conll(key, [[m] for m in sorted(labels)]),
        "same_lemma": conll(key, _clusters(lemma_labels)),
    }


def _prf(right: int, system: int, gold: int) -> dict[str, float | int]:
    precision = right / system if system else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "matched": right,
        "system": system,
        "gold": gold,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


Merge = Callable[
    [list[EventMention], dict[str, str], dict[str, frozenset[str]], dict[str, str]], list[Event]
]


def prepared_topics(
    data: Path,
    topics: Sequence[int],
    *,
    nlp: Any,
    limit: int | None = None,
    cache: Path | None = None,
) -> Iterator[PreparedTopic]:
    """`prepare_topic` over `topics`; with `cache`, a folder, each topic is read from a
    pickle there when present and written there otherwise (the parse is minutes of CPU)."""
    selected = annotated_sentences(data)
    for topic in topics:
        path = cache / f"topic{topic}-limit{limit}.pickle" if cache is not None else None
        if path is not None and path.exists():
            with path.open("rb") as handle:
                yield pickle.load(handle)
            continue
        prepared = prepare_topic(topic, read_topic(data, topic, selected, limit=limit), nlp=nlp)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                pickle.dump(prepared, handle)
        yield prepared


def gold_mention_events(prepared: PreparedTopic, merge: Merge = merge_events) -> list[str]:
    """The event each gold mention of a topic is put in by `merge` over the gold mentions
    alone (in the order of `PreparedTopic.given`); a mention merging drops, or whose words
    the cleaned text lost, is an event of its own."""
    mentions = [m for m in prepared.given if m is not None]
    merged = merge(mentions, prepared.places, prepared.members, prepared.texts())
    event_at: dict[tuple[str, int, int], str] = {}
    for event in merged:
        for m in event.mentions:
            event_at.setdefault((m.article, m.trigger.start, m.trigger.end), event.id)
    out = []
    for number, given in enumerate(prepared.given):
        key = (given.article, given.trigger.start, given.trigger.end) if given else None
        out.append(event_at.get(key, f"alone:{number}") if key is not None else f"alone:{number}")
    return out


def score_ecbplus(
    data: Path,
    *,
    nlp: Any,
    split: str = "dev",
    topics: Sequence[int] | None = None,
    limit: int | None = None,
    cache: Path | None = None,
    merge: Merge = merge_events,
) -> dict[str, Any]:
    """Event detection and cross-document event coreference of the events stage on ECB+
    (`data` is the corpus folder); `topics` overrides `split`, `limit` caps the texts read
    per topic; `cache` keeps each topic's parse (`prepared_topics`); `merge` is the merging
    scored (the stage's by default)."""
    chosen = list(topics) if topics is not None else split_topics(data, split)
    gold_all: dict[MentionKey, str] = {}  # every gold mention -> gold event
    lemma_all: dict[MentionKey, str] = {}
    topic_of: dict[MentionKey, int] = {}
    given_all: dict[MentionKey, str] = {}  # every gold mention -> its event, merging them
    key_aligned: dict[MentionKey, str] = {}
    response_aligned: dict[MentionKey, str] = {}
    response_full: dict[MentionKey, str] = {}
    system_total = matched_total = documents = 0
    listed_total = listed_matched = 0  # the mentions of the events a dossier lists
    mixed = split_events = given_mixed = 0
    started = time.perf_counter()
    for prepared in prepared_topics(data, chosen, nlp=nlp, limit=limit, cache=cache):
        topic = prepared.topic
        docs = prepared.docs
        documents += len(docs)
        merged = merge(prepared.found, prepared.places, prepared.members, prepared.texts())
        by_id = {a.id: a for a, _ in prepared.built.values()}
        system = _system_mentions(merged, by_id, prepared.doc_of)
        built = prepared.built
        by_doc = {d.doc_id: d for d in docs}
        system = [s for s in system if _inside(by_doc[s.doc], s.start)]
        gold = [m for d in docs for m in d.mentions]
        gold_keys: list[MentionKey] = []
        counter: dict[str, int] = defaultdict(int)
        for g in gold:
            gold_keys.append((g.doc, counter[g.doc]))
            counter[g.doc] += 1
        starts = {doc: _token_starts(*pair) for doc, pair in built.items()}
        for g, k in zip(gold, gold_keys, strict=True):
            gold_all[k] = f"{topic}|{g.event}"
            lemma_all[k] = _lemma(g.tokens, starts.get(g.doc, {}), by_doc[g.doc].text)
            topic_of[k] = topic
        given_subtopics: dict[str, set[str]] = defaultdict(set)
        for g, k, event in zip(gold, gold_keys, gold_mention_events(prepared, merge), strict=True):
            given_all[k] = f"{topic}|{event}"
            given_subtopics[event].add(by_doc[g.doc].subtopic)
        given_mixed += sum(1 for kinds in given_subtopics.values() if len(kinds) > 1)
        matched = align(gold, system)
        system_total += len(system)
        matched_total += len(matched)
        listed = [
            s
            for s in _system_mentions([e for e in merged if reported(e)], by_id, prepared.doc_of)
            if _inside(by_doc[s.doc], s.start)
        ]
        listed_total += len(listed)
        listed_matched += len(align(gold, listed))
        of_system = {j: i for i, j in matched.items()}
        for j, s in enumerate(system):
            i = of_system.get(j)
            key = gold_keys[i] if i is not None else (s.doc, -1 - j)
            response_full[key] = f"{topic}|{s.event}"
        subtopics: dict[str, set[str]] = defaultdict(set)
        system_of_gold: dict[str, set[str]] = defaultdict(set)
        for i, j in matched.items():
            k = gold_keys[i]
            key_aligned[k] = gold_all[k]
            response_aligned[k] = f"{topic}|{system[j].event}"
            subtopics[system[j].event].add(by_doc[gold[i].doc].subtopic)
            system_of_gold[gold[i].event].add(system[j].event)
        mixed += sum(1 for kinds in subtopics.values() if len(kinds) > 1)
        split_events += sum(
            1
            for event, found in system_of_gold.items()
            if len(found) > 1 and len({g.doc for g in gold if g.event == event}) > 1
        )
    lemmas_aligned = {k: lemma_all[k] for k in key_aligned}
    every = baselines(gold_all, lemma_all, topic_of)
    every["system"] = conll(_clusters(gold_all), _clusters(given_all))
    every["joined_subtopic_events"] = given_mixed
    return {
        "split": "topics" if topics is not None else split,
        "topics": chosen,
        "documents": documents,
        "mentions": _prf(matched_total, system_total, len(gold_all)),
        # what a dossier's `events` list shows of them (`events.reported`)
        "listed_mentions": _prf(listed_matched, listed_total, len(gold_all)),
        "aligned": {
            "mentions": len(key_aligned),
            "gold_events": len(set(key_aligned.values())),
            "system_events": len(set(response_aligned.values())),
            "system": conll(_clusters(key_aligned), _clusters(response_aligned)),
            "baselines": baselines(key_aligned, lemmas_aligned, topic_of),
        },
        "end_to_end": conll(_clusters(gold_all), _clusters(response_full)),
        "gold_mentions": every,
        "subtopics": {"joined_events": mixed, "split_gold_events": split_events},
        "seconds": round(time.perf_counter() - started, 1),
    }
