"""`stages/prepare`: worker processes annotate and parse ahead, and change nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storyline.config import Config
from storyline.evaluation.corpora import text_article
from storyline.model import Article
from storyline.pipeline import build
from storyline.stages import events, quotes
from storyline.stages.annotate import annotate_articles, parse_sentences
from storyline.stages.events.vectors import with_vectors
from storyline.stages.prepare import SLICE, prepare_articles, prepare_slice
from storyline.store.export import dossier_to_dict

# Invented news: a port strike told by several outlets, with quotes and events.
_TEXTS = [
    "Dock workers at Pellmouth walked out on Monday, the union said. "
    '"We will stay out until the cranes are safe," said Ilse Varrow, the union leader.',
    "Port manager Odo Brell said talks would resume on Friday. "
    "He told reporters that the cranes had been inspected in March.",
    "The Pellmouth strike entered its third day. Ferries were cancelled and two ships "
    "were diverted to Carrow, according to the harbour office.",
    "Varrow accused the port of ignoring safety reports. "
    '"Nobody listened," she said.\n\nBrell denied the claim on Tuesday.',
]


def _article(n: int, text: str) -> Article:
    return text_article(f"made-up-{n:02d}.txt", text, article_id=f"a{n:02d}")


def _articles(count: int) -> list[Article]:
    return [_article(n, _TEXTS[n % len(_TEXTS)] + f" Day {n}.") for n in range(count)]


def _same_rows(a: dict[Any, Any], b: dict[Any, Any]) -> bool:
    return a.keys() == b.keys() and all(
        a[k][0] == b[k][0] and a[k][1] == b[k][1] and np.array_equal(a[k][2], b[k][2]) for k in a
    )


@pytest.mark.model
def test_a_slice_is_what_annotate_and_the_stages_parses_give(nlp: Any) -> None:
    articles = _articles(3)
    done = prepare_slice(articles, nlp=nlp)
    assert done.annotations == annotate_articles(articles, nlp=nlp)
    parses: dict[Any, Any] = {}
    for article, annotation in zip(articles, done.annotations, strict=True):
        for to_parse in (quotes.sentences_to_parse, events.sentences_to_parse):
            split, wanted = to_parse(article, annotation)
            parse_sentences(article, split, wanted, nlp=nlp, cache=parses)
    assert done.parses == parses and parses
    assert done.rows.keys() == parses.keys()


@pytest.mark.model
def test_workers_give_what_one_process_gives(nlp: Any) -> None:
    articles = _articles(SLICE + 3)  # two slices
    alone = prepare_slice(articles, nlp=nlp)
    forked = prepare_articles(articles, nlp=nlp, workers=2)
    assert forked.annotations == alone.annotations
    assert forked.parses == alone.parses
    assert _same_rows(forked.rows, alone.rows)


@pytest.mark.model
def test_trigger_vectors_from_the_parse_rows_are_those_tok2vec_gives(nlp: Any) -> None:
    (article,) = _articles(1)
    (annotation,) = annotate_articles([article], nlp=nlp)
    found = events.extract_events(article, annotation, nlp=nlp)
    assert found
    rows: dict[Any, Any] = {}
    again = events.extract_events(article, annotation, nlp=nlp, rows=rows)
    assert rows and again == found == with_vectors(article, found, nlp=nlp)


@pytest.mark.model
def test_a_build_with_two_workers_writes_the_same_dossier(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for article in _articles(SLICE + 2):
        (folder / article.path).write_text(article.text, encoding="utf-8")
    one = build([folder], config=Config())
    two = build([folder], config=Config(workers=2))
    assert json.dumps(dossier_to_dict(one.dossier)) == json.dumps(dossier_to_dict(two.dossier))
