"""What the quotes stage's modules share: the quote-mark region, the attribution a cue becomes,
the per-article context, span helpers and the `Quote` constructor.

Nothing here decides anything about quotes; it is the vocabulary the deciding modules
(`cues`, `content`, `speaker`, `linking`, `channels`) are written in.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from storyline.model import (
    Annotation,
    Article,
    Channel,
    Entity,
    NamedEntity,
    Quote,
    QuoteKind,
    Span,
    Speaker,
)
from storyline.stages._index import Starts, once
from storyline.stages.annotate import Graph

_OPENERS = "“„«"
_CLOSERS = "”»"
_MARKS = '"“”„«»'
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_EDGE_PUNCT = " \t\r\n,;:—–-"
# Tags that, before a name in its sentence, make it no subject the sentence opens with ("Roe
# said Doe had ...", "If Doe wins", "Roe and her husband, Doe,"): `speaker`, `gender`.
_NO_SUBJECT_BEFORE = frozenset({"VERB", "AUX", "SCONJ", "CCONJ"})


@dataclass(frozen=True, slots=True)
class _Region:
    """A stretch between quote marks: `open` is the opening mark, `close` the closing one
    (None when the paragraph ended first)."""

    open: int
    close: int | None
    end: int  # one past the closing mark, or the paragraph end
    width: int = 1  # of the opening mark: 2 for the '' some newswires use

    @property
    def inner_end(self) -> int:
        return self.close if self.close is not None else self.end


@dataclass(frozen=True, slots=True)
class _Attribution:
    """A cue found in the parse, before it becomes one or more quotes."""

    verb: int
    cue: tuple[int, int]
    subject: int | None
    content: tuple[int, int] | None  # char span of the reported content, "that" included
    content_start: int | None  # where the content starts once "that" is left out
    learned: bool = False  # found by the cue detector, not the word lists: frames no quote


@dataclass(frozen=True, slots=True)
class _Mentions:
    """The entity mentions of one article, sorted by start, for `linking._link`: `starts` for
    bisect, `rows` as `(start, end, entity's position in the story's entity list)`, and the
    longest mention, which bounds how far left of a span an overlapping mention can start."""

    starts: list[int]
    rows: list[tuple[int, int, int]]
    longest: int


@dataclass(slots=True)
class _Context:
    article: Article
    annotation: Annotation
    graph: Graph
    regions: list[_Region]
    entities: Sequence[Entity]
    paragraphs: list[tuple[int, int]]
    speakers: list[tuple[int, Speaker, str]] = field(default_factory=list)
    # the story's entity mentions by article (`linking.index_mentions`), built on demand
    mentions: Mapping[str, _Mentions] | None = None


def _token_span(
    ctx: _Context, indices: Iterable[int], exclude: set[int] | None = None
) -> tuple[int, int]:
    tokens = ctx.annotation.tokens
    chosen = [i for i in indices if not exclude or i not in exclude]
    return tokens[min(chosen)].start, tokens[max(chosen)].end


def _trim_span(text: str, start: int, end: int, *, keep_close: bool = False) -> tuple[int, int]:
    while start < end and (text[start] in _EDGE_PUNCT or text[start] in _CLOSERS):
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCT or text[end - 1] in _OPENERS):
        end -= 1
    if not keep_close:
        # a quote mark left dangling at one end only belongs to the frame
        inner = text[start:end]
        if inner.count('"') % 2 and inner.endswith('"'):
            end -= 1
    return start, end


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _token_starts(annotation: Annotation) -> list[int]:
    """Where each token starts, for bisection; made once per article."""
    tokens = annotation.tokens
    return once("token starts", tokens, lambda: [t.start for t in tokens])


def _sentence_starts(annotation: Annotation) -> list[int]:
    """Where each sentence starts, for bisection; made once per article."""
    sentences = annotation.sentences
    return once("sentence starts", sentences, lambda: [s.start for s in sentences])


def _sentence_at(annotation: Annotation, position: int) -> tuple[int, int] | None:
    sentences = annotation.sentences
    index = once("sentences", sentences, lambda: Starts([(s.start, s.end) for s in sentences]))
    for found in index.holding(position):
        return sentences[found].start, sentences[found].end
    return None


def _paragraph_at(paragraphs: Sequence[tuple[int, int]], position: int) -> tuple[int, int] | None:
    # the list is built once per article (`regions._paragraphs`) and never changed
    index = once("paragraphs", paragraphs, lambda: Starts(paragraphs))
    for found in index.holding(position, closed=True):
        return paragraphs[found]
    return None


def _entities_at(annotation: Annotation, position: int) -> list[NamedEntity]:
    """The named entities holding `position`, in their order: what a scan of every entity
    finds, from an index of the article's entities built once and searched by bisection."""
    entities = annotation.entities
    index = once("entities", entities, lambda: Starts([(e.start, e.end) for e in entities]))
    return [entities[i] for i in index.holding(position)]


def _overlaps_region(regions: Sequence[_Region], start: int, end: int) -> bool:
    """Does `[start, end)` overlap a quote region (from its opening mark to its end)? The
    answer of a look at every region, from an index built once per article."""
    # the list is built once per article (`regions._regions`) and never changed
    index = once("regions", regions, lambda: Starts([(r.open, r.end) for r in regions]))
    return bool(index.overlapping(start, end))


def _is_date(ctx: _Context, index: int) -> bool:
    """The token is inside a date or time entity ("spoke on Tuesday" says when, not what)."""
    token = ctx.annotation.tokens[index]
    return any(e.label in ("DATE", "TIME") for e in _entities_at(ctx.annotation, token.start))


def quote_id(article: str, kind: QuoteKind, span: Span, full: Span) -> str:
    """The id of a quote of `kind` in `article` at `span` (its wording) within `full`."""
    key = f"{article}:{kind}:{span.start}:{span.end}:{full.start}:{full.end}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _quote(
    article: Article,
    kind: QuoteKind,
    span: Span,
    full: Span,
    speaker: Speaker | None,
    cue: Span | None,
    channel: Channel | None,
    *,
    implicit: bool = False,
) -> Quote:
    return Quote(
        id=quote_id(article.id, kind, span, full),
        article=article.id,
        kind=kind,
        span=span,
        full=full,
        speaker=speaker,
        cue=cue,
        channel=channel,
        implicit=implicit,
    )
