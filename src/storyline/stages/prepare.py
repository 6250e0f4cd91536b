"""Prepare: every article's spaCy work done ahead, by worker processes that share the model.

In one process, `annotate` runs spaCy over whole articles (the parser off) and the quotes and
events stages then parse the sentences they need, article after article. With `workers` > 1,
`prepare_articles` does all of that in forked worker processes that live for the whole pass
and share the loaded pipeline with the build's process (copy on write, no second load): each
takes a slice of the articles, annotates it, parses the sentences `extract_quotes` and
`extract_events` will ask for (`quotes.sentences_to_parse`, `events.sentences_to_parse`) and
sends back the annotations, the parses and their tok2vec rows, so the stages find every parse
in the cache. (Time expressions stay in the build's process: their detections hold regular
expression matches, which do not pickle.) spaCy gives a text the same annotation and a
sentence the same parse and rows in any batch and any process (`tests/stages/test_prepare.py`),
so the dossier is the same with any number of workers.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.model import Annotation, Article
from storyline.stages import events, quotes
from storyline.stages.annotate import (
    ParseCache,
    SentenceRows,
    annotate_articles,
    parse_sentences,
)
from storyline.stages.events.extract import DetectorCache

# Articles per task a worker takes: small enough that two workers finish close together.
SLICE = 8
# What a worker inherited from the build's process when it was forked: the loaded spaCy
# pipeline and the batch size (set by `_adopt`, in the worker only).
_INHERITED: dict[str, Any] = {}


@dataclass(slots=True)
class Prepared:
    """The annotations of the articles, in order, and the parses (and tok2vec rows) of the
    sentences quotes and events will ask for."""

    annotations: list[Annotation] = field(default_factory=list)
    parses: ParseCache = field(default_factory=dict)
    rows: SentenceRows = field(default_factory=dict)
    # the event detector's words of each article, read to choose the sentences (by id)
    event_words: DetectorCache = field(default_factory=dict)


def prepare_articles(
    articles: Sequence[Article],
    *,
    nlp: Any,
    batch_size: int = 16,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
) -> Prepared:
    """Annotate `articles` and parse the sentences quotes and events read, in `workers`
    forked processes (slices of `SLICE` articles, results in article order)."""
    slices = [list(articles[i : i + SLICE]) for i in range(0, len(articles), SLICE)]
    out = Prepared()
    context = multiprocessing.get_context("fork")
    # the objects alive now are left alone by the workers' garbage collector, so the pages
    # they share with this process stay shared instead of being copied as it walks them
    gc.freeze()
    try:
        with context.Pool(workers, initializer=_adopt, initargs=(nlp, batch_size)) as pool:
            for done in pool.imap(_prepare_slice, slices):
                out.annotations.extend(done.annotations)
                out.parses.update(done.parses)
                out.rows.update(done.rows)
                out.event_words.update(done.event_words)
                if progress:
                    progress(len(out.annotations), len(articles))
    finally:
        gc.unfreeze()
    return out


def prepare_slice(articles: Sequence[Article], *, nlp: Any, batch_size: int = 16) -> Prepared:
    """What one worker does with its slice, in this process."""
    out = Prepared(annotate_articles(articles, nlp=nlp, batch_size=batch_size))
    for article, annotation in zip(articles, out.annotations, strict=True):
        # in the order the stages run: quotes first, then events parses what is left
        for split, wanted in (
            quotes.sentences_to_parse(article, annotation),
            events.sentences_to_parse(article, annotation, detected=out.event_words),
        ):
            if wanted:
                parse_sentences(article, split, wanted, nlp=nlp, cache=out.parses, rows=out.rows)
    return out


def _adopt(nlp: Any, batch_size: int) -> None:
    _INHERITED.update(nlp=nlp, batch_size=batch_size)


def _prepare_slice(articles: list[Article]) -> Prepared:
    return prepare_slice(articles, nlp=_INHERITED["nlp"], batch_size=_INHERITED["batch_size"])
