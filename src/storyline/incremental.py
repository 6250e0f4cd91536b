"""What a rebuild may take from the last one: the keys of the results the store keeps.

A build into an existing store reuses four kinds of result besides annotations and parses:
- a document's **cleaned article** (so language identification, whose model takes seconds to
  load, runs only on new documents), keyed by the whole document;
- an article's **event mentions** (the events stage's per-article work, trigger vectors
  included), keyed by everything `events.extract_events` reads: the article record (text,
  publication date, ...), its time expressions, and its entity mentions with the id, name and
  type of each mention's entity (the only fields of an entity the stage is given: the pipeline
  hands it entities stripped of their other mentions, `slim_entity`, so a new article that
  mentions the same people leaves the key alone);
- an article's **detected time expressions** (`timex.freeze`: each expression's rule and
  where its match starts), keyed by the code alone: detection reads the text and its tags,
  which the article id and the config fingerprint already fix;
- a story's whole **dossier**, keyed by the story's articles (their records, in order) and its
  account of inputs: the stages after `published` read nothing else of the pile.
Every key also holds `code_version()` (a hash of the package's code, word lists and weights)
and the caller stores them under the config fingerprint, so a changed rule, word list or
option recomputes instead of reusing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from functools import cache
from pathlib import Path
from typing import Protocol, runtime_checkable

from storyline.model import (
    Article,
    ArticleTimex,
    Document,
    Dossier,
    Entity,
    EventMention,
    InputReport,
    Mention,
)

# the files whose change may change a result: code, word lists, weights, templates
_CODE_SUFFIXES = (".py", ".toml", ".json", ".npz", ".j2", ".sql", ".css", ".js")


@runtime_checkable
class ResultCache(Protocol):
    """Where per-article event mentions and whole story dossiers outlive a build (the DuckDB
    store implements it beside `pipeline.AnnotationCache`)."""

    def load_cleaned(self, keys: Iterable[str], fingerprint: str) -> dict[str, Article]:
        """The cleaned articles kept under these document keys (`document_key`)."""
        ...

    def save_cleaned(self, cleaned: dict[str, Article], fingerprint: str) -> None:
        """Keep each document key's cleaned article for later builds."""
        ...

    def load_mentions(
        self, keys: dict[str, str], fingerprint: str
    ) -> dict[str, list[EventMention]]:
        """The cached event mentions of the articles in `keys` (article id -> key) whose
        cached key is the one given."""
        ...

    def save_mentions(
        self, found: dict[str, tuple[str, list[EventMention]]], fingerprint: str
    ) -> None:
        """Keep each article's (key, event mentions) for later builds."""
        ...

    def load_detections(self, keys: dict[str, str], fingerprint: str) -> dict[str, list[list[int]]]:
        """The time expressions detected in the articles of `keys` (article id -> key), as
        `timex.freeze` gave them, whose key is the one given."""
        ...

    def save_detections(
        self, found: dict[str, tuple[str, list[tuple[int, int]]]], fingerprint: str
    ) -> None:
        """Keep each article's detected time expressions (`timex.freeze`) under its key."""
        ...

    def load_story(self, story: str, key: str, fingerprint: str) -> Dossier | None:
        """The dossier kept for `story` under `key`, or None."""
        ...

    def save_story(self, story: str, key: str, dossier: Dossier, fingerprint: str) -> None:
        """Keep the dossier of `story` under `key`."""
        ...

    def keep_stories(self, stories: Iterable[str], fingerprint: str) -> None:
        """Forget the dossiers of every other story (stories whose id changed)."""
        ...


@cache
def code_version() -> str:
    """A hash of the package's files (code, word lists, weights; the evaluation code, which a
    build never imports, left out): a result computed by other code is never reused."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix not in _CODE_SUFFIXES or not path.is_file():
            continue
        # a build never imports the evaluation code (tests/test_architecture.py)
        if {"__pycache__", "evaluation"} & set(path.relative_to(root).parts):
            continue
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def slim_entity(entity: Entity) -> Entity:
    """`entity` with only what the events stage reads of it (id, name, type): its mentions,
    aliases, roles and country, which other articles change, are left out."""
    return replace(entity, aliases=(), roles=(), mentions=(), metonyms=(), country=None)


def entity_mentions(entities: Sequence[Entity]) -> dict[str, list[tuple[Entity, Mention]]]:
    """Each article's entity mentions (metonyms included) with their entity made slim, in the
    order of `entities` and of each entity's mentions (as `events.extract_all` orders them)."""
    found: dict[str, list[tuple[Entity, Mention]]] = {}
    for entity in entities:
        slim = slim_entity(entity)
        for mention in (*entity.mentions, *entity.metonyms):
            found.setdefault(mention.article, []).append((slim, mention))
    return found


def mention_key(
    article: Article,
    timexes: Sequence[ArticleTimex],
    entity_mentions: Sequence[tuple[Entity, Mention]],
) -> str:
    """The key of an article's event mentions: everything `events.extract_events` reads."""
    return _digest(
        [
            code_version(),
            asdict(article),
            [asdict(t) for t in timexes],
            [[e.id, e.name, e.type, asdict(m)] for e, m in entity_mentions],
        ]
    )


def document_key(document: Document) -> str:
    """The key of a document's cleaned article: the whole document (what `clean` reads)."""
    return _digest([code_version(), asdict(document)])


def story_key(articles: Sequence[Article], inputs: Sequence[InputReport]) -> str:
    """The key of a story's dossier: its articles' records and its account of inputs."""
    return _digest([code_version(), [asdict(a) for a in articles], [asdict(r) for r in inputs]])


def _digest(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
