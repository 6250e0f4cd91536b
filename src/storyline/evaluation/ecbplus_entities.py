"""Cross-document entity coreference on ECB+ (`storyline eval ecbplus-entities`).

The corpus is read as the event scorer reads it (`storyline.evaluation.ecbplus`: the same
texts, one sentence a line, the same annotated sentences, the same topics and split: dev
topics 2, 5, 12, 18, 21, 23, 34, 35, train the others present). Each topic (both its
sub-topics) is resolved as one story by `resolve_entities`, from the annotation of the texts
as they are (no cleaning, so offsets are the texts' own).

Gold. Entity mentions are the participant and place markables (`HUMAN_PART_*`,
`NON_HUMAN_PART*`, `LOC_*`; time markables `TIME_*` are left out, the entities stage does not
resolve dates) in the annotated sentences. A mention's entity is the `instance_id` its
`CROSS_DOC_COREF` relation points to; a mention in an `INTRA_DOC_COREF` chain only is one
entity with the rest of that chain; any other mention is an entity of its own.

ECB+ does not say which mentions are names. A gold mention is *named* when its head word (as
`coref.align_mentions` finds it: the last word before a preposition, else the last word)
begins with a capital and the tagger calls that token a proper noun ("Tara Reid", "the
Associated Press", "Lindsay Lohan's"; not "the actress", "he", "her rep").

Scores, pooled over the topics of a split (clusters never span topics), with
`coref.align_mentions` (a system mention matches a gold mention it overlaps and whose head
word it holds):

- `named`: the key is the named gold mentions with their gold entities; the response puts
  each matched one in its system entity, and an unmatched one stays alone (twinless), so
  missed names cost recall as they would in a product.
- `aligned`: key and response restricted to the named mentions the system matched: the
  merging alone, whatever the detection.
- `baselines` over the aligned mentions: every mention alone (`singletons`) and one entity per
  normalised name (`same_name`, "Tara Reid" = "tara reid", "Reid" apart), what the stage
  must beat to be worth its rules.
"""

from __future__ import annotations

import hashlib
import pickle
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from storyline.evaluation.coref import (
    GoldMention,
    MentionId,
    _head,
    _key_clusters,
    _response_clusters,
    align_mentions,
    conll,
)
from storyline.evaluation.corpora import text_article
from storyline.evaluation.ecbplus import (
    TopicDoc,
    annotated_sentences,
    chains,
    read_topic,
    split_topics,
)
from storyline.model import Annotation, Article, Entity
from storyline.stages.annotate import ParseCache

__all__ = [
    "ENTITY_TAGS",
    "DirectoryCache",
    "EntityDoc",
    "read_entity_topic",
    "score_ecbplus_entities",
    "score_topic",
]

# Markable tags of participants and places (prefixes); TIME_* is left out.
ENTITY_TAGS: tuple[str, ...] = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")


@dataclass(frozen=True, slots=True)
class EntityDoc:
    """One ECB+ text with its gold entity mentions (in annotated sentences)."""

    doc: TopicDoc
    mentions: tuple[GoldMention, ...]


class DirectoryCache:
    """Annotations kept as one pickle file per article and config fingerprint in a folder
    (an `AnnotationCache` for the scorers, so a corpus is annotated once across runs). Pickle
    runs what it loads: point it only at a folder the scorers themselves wrote."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, article: str, fingerprint: str) -> Path:
        digest = hashlib.sha256(f"{fingerprint}\x1f{article}".encode()).hexdigest()[:32]
        return self.folder / f"{digest}.pickle"

    def _load(self, article: str, fingerprint: str) -> object:
        """What the file of this article and fingerprint holds; None when there is none or
        it is damaged or stale (what it held is then made again)."""
        path = self._path(article, fingerprint)
        if not path.is_file():
            return None
        try:
            return pickle.loads(path.read_bytes())
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            return None

    def load_annotations(self, ids: Iterable[str], fingerprint: str) -> dict[str, Annotation]:
        out: dict[str, Annotation] = {}
        for article in ids:
            annotation = self._load(article, fingerprint)
            if isinstance(annotation, Annotation) and annotation.article == article:
                out[article] = annotation
        return out

    def save_annotations(self, annotations: Iterable[Annotation], fingerprint: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for annotation in annotations:
            self._path(annotation.article, fingerprint).write_bytes(pickle.dumps(annotation))

    def load_parses(self, ids: Iterable[str], fingerprint: str) -> ParseCache:
        out: ParseCache = {}
        for article in ids:
            parses = self._load(article, "parses\x1f" + fingerprint)
            if isinstance(parses, dict) and all(k[0] == article for k in parses):
                out.update(parses)
        return out

    def save_parses(self, parses: ParseCache, fingerprint: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        by_article: dict[str, ParseCache] = {}
        for key, arcs in parses.items():
            by_article.setdefault(key[0], {})[key] = arcs
        for article, kept in sorted(by_article.items()):
            self._path(article, "parses\x1f" + fingerprint).write_bytes(pickle.dumps(kept))


def _offsets(root: ET.Element, doc: TopicDoc) -> tuple[dict[int, tuple[int, int]], dict[int, int]]:
    """Token id -> character span in `doc.text`, and token id -> sentence number, found as
    `ecbplus._read_doc` finds them (the text is its lines, one kept sentence each)."""
    numbered: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for order, tok in enumerate(root.iter("token")):
        t_id = tok.get("t_id", "")
        numbered[int(tok.get("sentence", "0"))].append(
            (int(t_id) if t_id.isdigit() else order, tok.text or "")
        )
    numbers = sorted(numbered)
    if doc.subtopic == "ecbplus" and numbers:
        first = "".join(t.strip() for _, t in sorted(numbered[numbers[0]]))
        if "://" in first or first.lower().startswith("www."):
            numbers = numbers[1:]
    kept = [n for n in numbers if any(t.strip() for _, t in numbered[n])]
    offsets: dict[int, tuple[int, int]] = {}
    sentence_of: dict[int, int] = {}
    position = 0
    for number, line in zip(kept, doc.text.split("\n"), strict=False):
        cursor = 0
        for anchor, token in sorted(numbered[number]):
            word = token.strip()
            found = line.find(word, cursor) if word else -1
            if found >= 0 and found - cursor <= 2:
                offsets[anchor] = (position + found, position + found + len(word))
                sentence_of[anchor] = number
                cursor = found + len(word)
        position += len(line) + 1
    return offsets, sentence_of


def _entity_mentions(root: ET.Element, doc: TopicDoc, selected: set[int]) -> list[GoldMention]:
    markables = root.find("Markables")
    if markables is None:
        return []
    offsets, sentence_of = _offsets(root, doc)
    entity_of = chains(markables, root.find("Relations"), doc.doc_id)
    out = []
    for element in markables:
        if not element.tag.startswith(ENTITY_TAGS):
            continue
        anchors = [int(a.get("t_id", "0")) for a in element.iter("token_anchor")]
        spans = [offsets[t] for t in anchors if t in offsets]
        if not spans or sentence_of.get(anchors[0]) not in selected:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        m_id = element.get("m_id", "")
        entity = entity_of.get(m_id) or f"single:{doc.doc_id}:{m_id}"
        out.append(GoldMention(doc.doc_id, start, end, doc.text[start:end], entity, element.tag))
    return out


def read_entity_topic(
    data: Path, topic: int, selected: dict[str, set[int]], *, limit: int | None = None
) -> list[EntityDoc]:
    """The texts of one topic (as `ecbplus.read_topic` reads them) with their gold entity
    mentions in the annotated sentences."""
    out = []
    for doc in read_topic(data, topic, selected, limit=limit):
        root = ET.fromstring((data / f"{doc.doc_id}.xml").read_bytes())
        mentions = _entity_mentions(root, doc, selected.get(doc.doc_id, set()))
        out.append(EntityDoc(doc, tuple(mentions)))
    return out


def _article(doc: TopicDoc) -> Article:
    return text_article(doc.doc_id, doc.text)


def _named(mention: GoldMention, annotation: Annotation) -> bool:
    """Whether the head word of a gold mention is a capitalised proper noun."""
    head_start, head_end = _head(mention.text)
    head_start += mention.start
    head_end += mention.start
    if not mention.text[head_start - mention.start : head_end - mention.start][:1].isupper():
        return False
    for token in annotation.tokens:
        if token.start <= head_start < token.end or head_start <= token.start < head_end:
            return token.pos == "PROPN"
    return False


def score_topic(
    docs: Sequence[EntityDoc],
    annotations: dict[str, Annotation],
    entities: Sequence[Entity],
) -> tuple[list[GoldMention], dict[MentionId, tuple[str, MentionId]]]:
    """The named gold mentions of one topic and their alignment to the system entities."""
    inside = {d.doc.doc_id: d.doc.annotated for d in docs}
    named = [
        m
        for d in docs
        for m in d.mentions
        if d.doc.doc_id in annotations and _named(m, annotations[d.doc.doc_id])
    ]
    unique: dict[MentionId, GoldMention] = {}
    for m in named:
        unique.setdefault((m.article, m.start, m.end), m)
    gold = list(unique.values())
    # only system mentions in annotated sentences may match
    kept = [
        replace(
            e,
            mentions=tuple(
                m for m in e.mentions if any(a <= m.start < b for a, b in inside.get(m.article, ()))
            ),
        )
        for e in entities
    ]
    return gold, align_mentions(gold, kept)


def _same_name(gold: Sequence[GoldMention], aligned: dict[MentionId, Any]) -> list[list[MentionId]]:
    from storyline.stages.entities import normalize_name

    by_name: dict[str, list[MentionId]] = defaultdict(list)
    for g in gold:
        gid = (g.article, g.start, g.end)
        if gid in aligned:
            by_name[f"{g.article.split('/')[0]}|{normalize_name(g.text)}"].append(gid)
    return [by_name[k] for k in sorted(by_name)]


def score_ecbplus_entities(
    data: Path,
    *,
    nlp: Any = None,
    split: str = "dev",
    topics: Sequence[int] | None = None,
    limit: int | None = None,
    cache: Any = None,
    **options: Any,
) -> dict[str, Any]:
    """Cross-document coreference of named entity mentions on ECB+ (`data` is the corpus
    folder): `topics` overrides `split`, `limit` caps the texts read per topic, `cache` keeps
    annotations between runs (an `AnnotationCache`), `options` go to `resolve_entities`."""
    from storyline.config import Config
    from storyline.pipeline import run
    from storyline.stages.entities import resolve_entities

    chosen = list(topics) if topics is not None else split_topics(data, split)
    selected = annotated_sentences(data)
    key: list[list[MentionId]] = []
    named_response: list[list[MentionId]] = []
    aligned_key: list[list[MentionId]] = []
    aligned_response: list[list[MentionId]] = []
    same_name: list[list[MentionId]] = []
    documents = gold_total = named_total = aligned_total = 0
    resolve_s = 0.0
    started = time.perf_counter()
    for topic in chosen:
        docs = read_entity_topic(data, topic, selected, limit=limit)
        documents += len(docs)
        gold_total += sum(len(d.mentions) for d in docs)
        articles = [_article(d.doc) for d in docs]
        state, _ = run(articles, config=Config(), until="annotate", nlp=nlp, cache=cache)
        annotations = {a.id: state["annotations"][a.id] for a in articles}
        began = time.perf_counter()
        entities = resolve_entities(articles, list(annotations.values()), **options)
        resolve_s += time.perf_counter() - began
        gold, aligned = score_topic(docs, annotations, entities)
        named_total += len(gold)
        aligned_total += len(aligned)
        key += _key_clusters(gold)
        response = _response_clusters(gold, aligned)
        named_response += response
        matched = [g for g in gold if (g.article, g.start, g.end) in aligned]
        aligned_key += _key_clusters(matched)
        aligned_response += response
        same_name += _same_name(gold, aligned)
    return {
        "split": "topics" if topics is not None else split,
        "topics": chosen,
        "documents": documents,
        "gold_mentions": gold_total,
        "named_mentions": named_total,
        "aligned_mentions": aligned_total,
        "key_entities": len(key),
        "named": conll(key, named_response),
        "aligned": {
            "system": conll(aligned_key, aligned_response),
            "baselines": {
                "singletons": conll(aligned_key, [[m] for c in aligned_key for m in c]),
                "same_name": conll(aligned_key, same_name),
            },
        },
        "seconds": {
            "total": round(time.perf_counter() - started, 1),
            "resolve": round(resolve_s, 3),
        },
    }
