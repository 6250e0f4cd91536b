"""Trigger vectors (`events.vectors`): spaCy's tok2vec rows of a mention's trigger, which
merging compares (`pairs.FEATURES`, "trigger_vector")."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from storyline.model import Article, EventMention, Span
from storyline.stages.events import merge, pairs, vectors

_TEXT = (
    "Police in Varnley arrested a courier on Monday. "
    "Officers detained the courier near the Varnley depot. "
    "The festival in Varnley opened with a parade."
)


def _article(article_id: str = "a") -> Article:
    return Article(
        id=article_id,
        path="made-up.txt",
        format="text",
        title=None,
        outlet=None,
        url=None,
        language="en",
        text=_TEXT,
        raw=_TEXT,
        dropped=(),
        segments=(),
    )


def _at(article: str, word: str, nth: int = 0) -> EventMention:
    start = -1
    for _ in range(nth + 1):
        start = _TEXT.index(word, start + 1)
    sentence_start = _TEXT.rfind(". ", 0, start)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = _TEXT.index(".", start) + 1
    return EventMention(
        article=article,
        trigger=Span(article, start, start + len(word), word),
        sentence=Span(article, sentence_start, sentence_end, _TEXT[sentence_start:sentence_end]),
        predicate=word,
        type=None,
        mode=None,
        actors=(),
        targets=(),
        location=None,
        date=None,
        status="happened",
        cue=None,
        origin="detector",
    )


def test_a_mention_gets_a_unit_vector_of_its_trigger_and_the_same_text_the_same_one(
    nlp: Any,
) -> None:
    told = [_at("a", "arrested"), _at("a", "detained"), _at("a", "opened")]
    first = vectors.with_vectors(_article(), told, nlp=nlp)
    again = vectors.with_vectors(_article(), list(reversed(told)), nlp=nlp)
    assert [m.trigger.text for m in first] == ["arrested", "detained", "opened"]
    for mention in first:
        assert len(mention.vector) == 96
        assert math.isclose(math.fsum(v * v for v in mention.vector), 1.0, abs_tol=1e-3)
    assert [m.vector for m in reversed(again)] == [m.vector for m in first]
    # the vector is no part of a mention's identity nor of what it prints
    assert first[0] == told[0]
    assert "vector" not in repr(first[0])
    # a word is nearer to itself than to another word
    arrested, detained, opened = (m.vector for m in first)
    assert vectors.cosine(arrested, arrested) > vectors.cosine(arrested, opened)
    assert vectors.cosine(arrested, detained) != vectors.cosine(arrested, opened)


def test_a_trigger_no_token_covers_has_no_vector_and_the_cosine_is_then_zero(
    nlp: Any,
) -> None:
    told = _at("a", "arrested")
    nowhere = replace(told, trigger=Span("a", told.sentence.end, told.sentence.end, ""))
    (found,) = vectors.with_vectors(_article(), [nowhere], nlp=nlp)
    assert found.vector == ()
    assert vectors.cosine(found.vector, (1.0,) * 96) == 0.0


def test_merging_reads_the_cosine_of_two_triggers_as_a_feature(nlp: Any) -> None:
    one, two = vectors.with_vectors(
        _article(), [_at("a", "arrested"), _at("a", "detained")], nlp=nlp
    )
    two = replace(two, article="b", trigger=replace(two.trigger, article="b"))
    found = merge.candidate_pairs([one, two], {}, {}, {})
    assert found.pairs == [(0, 1)]  # one family of words: arrest
    position = pairs.FEATURES.index("trigger_vector")
    assert math.isclose(
        found.features[0][position], vectors.cosine(one.vector, two.vector), abs_tol=2e-6
    )
    assert found.features[0][position] != 0.0
    bare = merge.candidate_pairs([replace(one, vector=()), replace(two, vector=())], {}, {}, {})
    assert bare.features[0][position] == 0.0


def test_a_one_token_trigger_s_vector_is_the_one_fsum_gives() -> None:
    import numpy as np

    def by_fsum(tensor: Any, chosen: list[int]) -> tuple[float, ...]:
        picked = [tensor[n].tolist() for n in chosen]
        summed = [math.fsum(column) for column in zip(*picked, strict=True)]
        norm = math.sqrt(math.fsum(v * v for v in summed))
        return tuple(round(v / norm, vectors.DIGITS) for v in summed)

    rng = np.random.default_rng(7)
    tensor = rng.normal(size=(6, 96)).astype(np.float32)
    tensor[2, :10] = -0.0  # fsum gives 0.0 for -0.0: so must the one-row sum
    tensor[3, 5] = 1e-30
    for chosen in ([0], [2], [3], [1, 4], [0, 2, 5]):
        got = vectors._unit(tensor, chosen)
        assert got == by_fsum(tensor, chosen)
        assert repr(got) == repr(by_fsum(tensor, chosen))  # signed zeros too
