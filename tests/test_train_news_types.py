"""The measurement of a learned news type for detector mentions whose word no type list names
(`storyline.evaluation.train_news_types`): its features, its distant labels, its folds of
held-out list words and what it reads of a text. The build does not use the model."""

from __future__ import annotations

from typing import Any

from storyline.evaluation.corpora import text_article
from storyline.evaluation.train_news_types import (
    NONE,
    Example,
    cross_validate,
    label,
    mention_features,
    text_examples,
    train,
    type_context,
    weights,
    word_folds,
)
from storyline.stages.annotate import annotate_articles


def test_features_read_the_context_and_never_the_word_itself() -> None:
    features = mention_features(
        "ground",
        "VERB",
        [("airline", "PROPN"), ("jet", "NOUN"), ("its", "PRON")],
        "say",
        [("engine", "NOUN"), ("the", "DET"), ("after", "ADP")],
    )
    assert features == ["d=airline", "d=jet", "g=say", "p=VERB", "s3=und", "w=engine"]
    # a short word has no suffix feature (it would be the word), a root no governor
    assert mention_features("fire", "NOUN", [("the", "DET")], None) == ["p=NOUN"]


def test_type_context_names_near_types_and_the_texts_most_frequent() -> None:
    listed = [(10, "ECONOMY"), (400, "ACCIDENT"), (600, "ACCIDENT")]
    assert type_context(listed, 100) == ["doc=ACCIDENT", "n=ECONOMY"]
    assert type_context([(10, "CRIME"), (900, "DEATH")], 500) == ["doc=CRIME"]
    assert type_context([], 0) == []


def test_distant_labels_come_from_the_lists() -> None:
    assert label("crash") == "ACCIDENT"
    assert label("say") == NONE and label("hold") == NONE  # a speech verb, a light verb
    assert label("charge") == "JUSTICE"  # a speech verb that a type list names keeps its type
    assert label("ground") is None


def _examples() -> list[Example]:
    rows = []
    for kind, lemmas, feature in (
        ("ACCIDENT", ["crash", "derail", "sink", "capsize", "wreck", "collide"], "d=plane"),
        (NONE, ["say", "tell", "state", "report", "note", "hold"], "d=reporter"),
    ):
        for n, lemma in enumerate(lemmas):
            for k in range(4):
                sign = 1.0 if kind == NONE else -1.0
                vector = (sign * (0.5 + 0.1 * k), 0.1 * n)
                doc = f"{kind}{k}"
                rows.append(Example("c", doc, lemma, kind, vector, (feature, "p=VERB"), 10 * n))
    rows.append(Example("c", "d", "ground", None, (0.0, 0.0), ("d=plane",), 0))
    return rows


def test_folds_hold_out_a_third_of_each_list() -> None:
    folds = word_folds(_examples())
    assert "ground" not in folds  # an unlabelled word is in no fold
    for kind in ("crash derail sink capsize wreck collide", "say tell state report note hold"):
        assert sorted(folds[w] for w in kind.split()) == [0, 0, 1, 1, 2, 2]


def test_held_out_words_are_typed_by_their_context() -> None:
    scores = cross_validate(_examples(), thresholds=(0.5,))["0.5"]
    assert scores["ACCIDENT"]["precision"] == 1.0 and scores["ACCIDENT"]["recall"] == 1.0
    assert scores["typed"]["gold"] == 24 and scores[NONE]["gold"] == 24
    assert scores["typed"]["words"] == scores["typed"]["words_right"] == 6


def test_weights_are_rounded_and_sorted() -> None:
    content = weights(train(_examples()), 0.6)
    assert content["classes"] == ["ACCIDENT", NONE]
    assert list(content["sparse"]) == sorted(content["sparse"])
    assert all(len(row) == 2 for row in content["dense"])
    assert all(round(w, 4) == w for row in content["dense"] for w in row)


def test_a_text_gives_its_detector_mentions_with_their_context(nlp: Any) -> None:
    text = (
        "A cargo plane crashed near the harbour on Monday, the airline said. "
        "The airline grounded its jets on Tuesday after the engines failed."
    )
    article = text_article("t", text)
    (annotation,) = annotate_articles([article], nlp=nlp)
    found = {e.lemma: e for e in text_examples(article, annotation, nlp=nlp)}
    assert found["crash"].label == "ACCIDENT"
    assert found["say"].label == NONE
    grounded = found["ground"]
    assert grounded.label is None and len(grounded.vector) == 96
    assert {"d=airline", "d=jet", "p=VERB"} <= set(grounded.features)
    assert not any(f.endswith("=ground") for f in grounded.features)
