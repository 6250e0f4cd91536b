"""The learned event-mention detector: its weights, its features, its training, and the
mentions it adds to the events stage (general-news types, trigger spans, what the dossier
lists)."""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from storyline import timevalues
from storyline.evaluation.train_events import (
    THRESHOLD,
    Sample,
    cross_validate,
    cv_fold,
    held_out,
    score,
    train,
)
from storyline.lexicon import table
from storyline.model import (
    Annotation,
    Document,
    Event,
    EventDate,
    NamedEntity,
    Participant,
    Sentence,
    Span,
    Token,
)
from storyline.models.events import (
    _NEVER,
    MODEL_PATH,
    EventModel,
    detect,
    sentence_features,
    token_features,
)
from storyline.stages import entities, events, timex
from storyline.stages.annotate import annotate_articles
from storyline.stages.clean import clean_document
from storyline.stages.published import given
from storyline.store.duckdb import Store
from storyline.store.export import dossier_to_dict


def _annotation(text: str, rows: list[tuple[str, str, str]]) -> Annotation:
    """An annotation of `text` (words split on spaces) with each word's lemma, pos and tag."""
    tokens = []
    cursor = 0
    for word, (lemma, pos, tag) in zip(text.split(), rows, strict=True):
        start = text.index(word, cursor)
        tokens.append(Token(start, start + len(word), lemma, pos, tag))
        cursor = start + len(word)
    return Annotation("a", "test", (Sentence(0, len(text)),), tuple(tokens), ())


def test_shipped_model_is_small_sorted_and_holds_feature_keys_only() -> None:
    assert MODEL_PATH.stat().st_size < 2_000_000
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert isinstance(data["bias"], float) and 0 < data["threshold"] < 1
    assert list(data["weights"]) == sorted(data["weights"])
    for key, value in data["weights"].items():
        assert isinstance(value, float)
        # "l=quake", "tt-1=DT|NN", "ll-1=the|crash": a key, '=', at most three short parts
        assert re.fullmatch(r"[a-z0-9+-]+(=[^ ]{0,80})?", key), key


def test_shipped_model_takes_event_words_and_leaves_the_rest() -> None:
    text = "The quake destroyed houses and officials said the town was evacuated ."
    rows = [
        ("the", "DET", "DT"),
        ("quake", "NOUN", "NN"),
        ("destroy", "VERB", "VBD"),
        ("house", "NOUN", "NNS"),
        ("and", "CCONJ", "CC"),
        ("official", "NOUN", "NNS"),
        ("say", "VERB", "VBD"),
        ("the", "DET", "DT"),
        ("town", "NOUN", "NN"),
        ("be", "AUX", "VBD"),
        ("evacuate", "VERB", "VBN"),
        (".", "PUNCT", "."),
    ]
    annotation = _annotation(text, rows)
    found = {
        text[annotation.tokens[first].start : annotation.tokens[last - 1].end]
        for first, last, _ in detect(annotation, text)
    }
    assert {"destroyed", "said", "evacuated"} <= found
    assert not found & {"The", "houses", "officials", "town", "."}


def test_features_read_neighbours_suffixes_and_entity_labels() -> None:
    text = "after the election in Peru"
    rows = [
        ("after", "ADP", "IN"),
        ("the", "DET", "DT"),
        ("election", "NOUN", "NN"),
        ("in", "ADP", "IN"),
        ("Peru", "PROPN", "NNP"),
    ]
    annotation = _annotation(text, rows)
    words = text.split()
    labels = ["", "", "", "", "GPE"]
    features = token_features(annotation.tokens, words, labels, 2)
    assert {"l=election", "l-1=the", "l+1=in", "t-2=IN", "suf=tion|NOUN"} <= set(features)
    assert "ne=GPE" in token_features(annotation.tokens, words, labels, 4)
    assert "l-1=<s>" in token_features(annotation.tokens, words, labels, 0)
    annotation = replace(annotation, entities=(NamedEntity(22, 26, "GPE", "Peru"),))
    ((_, by_sentence),) = sentence_features(annotation, text)
    assert "ne=GPE" in by_sentence[4] and "ne=-" in by_sentence[2]


def test_skipped_tokens_get_no_features_and_the_others_the_same_ones() -> None:
    text = "The quake destroyed 40 houses , and they were evacuated ."
    rows = [
        ("the", "DET", "DT"),
        ("Quake", "NOUN", "NN"),
        ("destroy", "VERB", "VBD"),
        ("40", "NUM", "CD"),
        ("house", "NOUN", "NNS"),
        (",", "PUNCT", ","),
        ("and", "CCONJ", "CC"),
        ("they", "PRON", "PRP"),
        ("be", "AUX", "VBD"),
        ("evacuate", "VERB", "VBN"),
        (".", "PUNCT", "."),
    ]
    annotation = _annotation(text, rows)
    ((ids, every),) = sentence_features(annotation, text)
    ((same, kept),) = sentence_features(annotation, text, skip=_NEVER)
    assert same == ids
    words = text.split()
    labels = [""] * len(words)
    lemmas = [lemma.lower() for lemma, _, _ in rows]
    for j, (all_features, some) in enumerate(zip(every, kept, strict=True)):
        assert some == ([] if rows[j][1] in _NEVER else all_features)
        # the lemmas given lower-cased read as the tokens' own
        assert token_features(annotation.tokens, words, labels, j, lemmas) == all_features
    assert any(kept) and not all(kept)


def test_probability_adds_the_weights_in_order_as_before() -> None:
    weights = {"a": 0.1, "b": 0.7, "c": -0.3000000001, "d": 1e-17}
    model = EventModel(weights, -0.2, 0.5)
    for features in (["a", "b", "c", "d", "x"], ["d", "c", "b"], [], ["x", "x", "a"]):
        score = -0.2 + sum(weights.get(f, 0.0) for f in features)
        assert model.probability(features) == 1.0 / (1.0 + math.exp(-score))


def test_adjacent_words_form_one_mention_and_punctuation_never_heads_one() -> None:
    text = "Troops opened fire ."
    rows = [
        ("troop", "NOUN", "NNS"),
        ("open", "VERB", "VBD"),
        ("fire", "NOUN", "NN"),
        (".", "PUNCT", "."),
    ]
    annotation = _annotation(text, rows)
    model = EventModel({"l=open": 5.0, "l=fire": 5.0, "l=.": 50.0}, -3.0, 0.5)
    assert [(a, b) for a, b, _ in detect(annotation, text, model=model)] == [(1, 3)]


def _sample(text: str, rows: list[tuple[str, str, str]], gold: list[str], part: str) -> Sample:
    annotation = _annotation(text, rows)
    spans = []
    for word in gold:
        start = text.index(word)
        spans.append(((start, start + len(word)),))
    return Sample(
        "tempeval3",
        "d",
        part,
        text,
        annotation,
        tuple(s for m in spans for s in m),
        tuple(spans),
        ((0, len(text)),),
    )


def test_training_learns_and_is_deterministic_and_scoring_counts_one_to_one() -> None:
    rows = [("storm", "NOUN", "NN"), ("hit", "VERB", "VBD"), ("coast", "NOUN", "NN")]
    samples = [_sample("storm hit coast", rows, ["storm", "hit"], "train")] * 8
    first = train(samples)
    assert json.dumps(first) == json.dumps(train(samples))
    model = EventModel(first["weights"], first["bias"], first["threshold"])
    held = [_sample("storm hit coast", rows, ["storm", "hit"], "held-out")]
    scores = score(held, model)["tempeval3/held-out"]
    # a verb after a noun starts its own mention: "storm" and "hit" are two
    assert (scores["matched"], scores["system"], scores["gold"]) == (2, 2, 2)


def test_cross_validation_scores_each_training_text_once_and_never_a_held_out_one() -> None:
    rows = [("storm", "NOUN", "NN"), ("hit", "VERB", "VBD"), ("coast", "NOUN", "NN")]
    ecb = [replace(_sample("storm hit coast", rows, ["storm", "hit"], "train"), corpus="ecbplus")]
    # ECB+ texts go by topic (all of topic 5 in one fold), the others by position
    assert cv_fold(replace(ecb[0], doc_id="5/5_1ecb"), 0) == cv_fold(
        replace(ecb[0], doc_id="5/5_9ecbplus"), 3
    )
    assert [cv_fold(_sample("storm hit coast", rows, [], "train"), n) for n in range(5)] == [
        0,
        1,
        2,
        3,
        0,
    ]
    samples = [_sample("storm hit coast", rows, ["storm", "hit"], "train")] * 8
    samples += [_sample("storm hit coast", rows, ["storm", "hit"], "held-out")] * 3
    scores = cross_validate(samples, thresholds=(0.5, 0.2))
    assert sorted(scores) == ["tempeval3@0.2", "tempeval3@0.5"]
    # the 8 training texts, 2 gold mentions each, each scored once; held-out ones never
    assert scores["tempeval3@0.5"]["gold"] == 16
    assert scores["tempeval3@0.5"]["recall"] == 1.0
    # the shipped threshold is the one cross-validation chose
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert shipped["threshold"] == THRESHOLD


def test_held_out_parts_are_fixed() -> None:
    assert [held_out("tempeval3", "TimeBank/x", n) for n in range(8)] == [
        False,
        False,
        False,
        True,
    ] * 2
    assert held_out("meantime", "corpus_stock/1_x", 0)
    assert not held_out("meantime", "corpus_apple/1_x", 0)
    assert not held_out("ecbplus", "1/1_1ecb", 3)


def test_news_type_table_gives_each_lemma_one_type() -> None:
    rows = table("events", "news_types")
    counts = Counter(lemma for lemmas in rows.values() for lemma in lemmas)
    assert [lemma for lemma, n in counts.items() if n > 1] == []
    assert set(rows) == {
        "DISASTER",
        "ACCIDENT",
        "HEALTH",
        "CRIME",
        "JUSTICE",
        "ECONOMY",
        "POLITICS",
        "DEATH",
        "AWARD",
        "SPORT",
    }


def test_news_predicate_types_by_lemma_and_leaves_plover_words_generic() -> None:
    assert events.news_predicate("Earthquake").type == "DISASTER"
    assert events.news_predicate("convict").type == "JUSTICE"
    assert events.news_predicate("convict").name == "convict"
    assert events.news_predicate("tell").type == events.GENERIC
    assert "visit" in events.VERBS and events.news_predicate("visit").type == events.GENERIC
    # never the rules' predicate name, so it never merges with the rules' visits
    assert events.news_predicate("visit").name == "occurrence:visit"


def _mention(origin: str, kind: str | None) -> Any:
    from storyline.model import EventMention

    span = Span("a", 0, 4, "word")
    return EventMention(
        "a", span, span, "x", kind, None, (), (), None, None, "happened", None, origin=origin
    )


def _event(
    *mentions: Any,
    day: str | None = "2024-03-04",
    actors: tuple[Participant, ...] = (),
    predicate: str = "x",
    status: str = "happened",
) -> Event:
    span = Span("a", 0, 4, "word")
    when = EventDate(day, timevalues.granularity(day), span) if day else None
    return Event(
        "e",
        mentions[0].type,
        predicate,
        None,
        actors,
        (),
        None,
        when,
        status,  # type: ignore[arg-type]
        span,
        (span,),
        (),
        mentions,
    )


def test_reported_lists_rule_events_and_typed_dated_detected_ones_only() -> None:
    someone = (Participant(Span("a", 0, 4, "word"), "Word", "word"),)
    assert events.reported(_event(_mention("rules", "CONSULT"), day=None, actors=someone))
    # one bare mention of the rules' (no one, no date, no place: "the talks" alone) is kept
    # by merging as an event of its own, but not listed; two such mentions joined are
    assert not events.reported(_event(_mention("rules", "CONSULT"), day=None))
    two = (_mention("rules", "CONSULT"), _mention("rules", "CONSULT"))
    assert events.reported(_event(*two, day=None))
    assert events.reported(_event(_mention("rules", None)))
    assert events.reported(_event(_mention("detector", "DISASTER")))
    assert not events.reported(_event(_mention("detector", "DISASTER"), day=None))
    assert not events.reported(_event(_mention("detector", "DISASTER"), day="PAST_REF"))
    assert not events.reported(_event(_mention("detector", events.GENERIC)))
    # a detected mention merged into an event the rules found: the rules' event is listed
    assert events.reported(_event(_mention("detector", "DISASTER"), _mention("rules", None)))


def test_an_untyped_event_that_happened_to_someone_on_a_day_is_listed() -> None:
    """An untyped event of the detector's ("rescued two hikers on Monday") is listed when it
    happened, on a day the text gives, to or by someone; not a word of saying or a light
    verb, not a month, not an expected one, not one with no one in it."""
    someone = (Participant(Span("a", 0, 4, "word"), "Word", "word"),)
    generic = _mention("detector", events.GENERIC)

    def listed(**kwargs: Any) -> bool:
        return events.reported(
            _event(generic, **{"actors": someone, "predicate": "rescue", **kwargs})
        )

    assert listed()
    assert listed(day="2024-03-04T10:30")
    assert not listed(actors=())
    assert not listed(day="2024-03")
    assert not listed(day=None)
    assert not listed(status="expected")
    for word in ("say", "tell", "statement", "hold", "begin"):
        assert not listed(predicate=word), word
    assert not listed(predicate="occurrence:visit")  # a word the PLOVER rules turned down


def test_lexicon_file_parses() -> None:
    from storyline import lexicon

    path = Path(lexicon.__path__[0]) / "en" / "events.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["news_scheme"]["generic"] == events.GENERIC


def _build(nlp: Any, text: str, day: str) -> tuple[Any, list[Any], list[Event]]:
    article = replace(clean_document(Document("a.txt", text, "text")), published=given(day))
    annotations = annotate_articles([article], nlp=nlp)
    found = entities.resolve_entities([article], annotations)
    times = timex.extract_timexes([article], annotations)
    mentions = events.extract_events(
        article, annotations[0], nlp=nlp, entities=found, timexes=times
    )
    merged = events.merge_events(mentions, entities.places(found), entities.memberships(found))
    return article, mentions, merged


@pytest.mark.model
def test_detected_mentions_carry_exact_trigger_spans_types_and_dates(nlp: Any) -> None:
    text = (
        "A powerful earthquake hit the island of Corvana on Monday, March 4, 2024.\n\n"
        "Prosecutors charged the mayor of Corvana with fraud on Friday, March 8, 2024."
    )
    article, mentions, merged = _build(nlp, text, "2024-03-10")
    detected = [m for m in mentions if m.origin == "detector"]
    assert detected, [(m.origin, m.trigger.text) for m in mentions]
    for m in mentions:
        assert article.text[m.trigger.start : m.trigger.end] == m.trigger.text
    by_word = {m.trigger.text: m for m in mentions}
    assert by_word["earthquake"].type == "DISASTER"
    assert by_word["charged"].type == "JUSTICE"
    assert by_word["charged"].date is not None and by_word["charged"].date.value == "2024-03-08"
    assert by_word["charged"].status == "happened"
    assert [m.trigger.start for m in mentions] == sorted(m.trigger.start for m in mentions)
    assert any(e.type == "JUSTICE" and events.reported(e) for e in merged)
    rows = events.timeline(merged)
    assert all(events.reported(e) for e in merged if e.id in {r.event for r in rows})


@pytest.mark.model
def test_without_the_detector_only_the_rules_speak(nlp: Any) -> None:
    text = "Prosecutors charged the mayor of Corvana with fraud on Friday, March 8, 2024."
    article = replace(
        clean_document(Document("a.txt", text, "text")), published=given("2024-03-10")
    )
    annotations = annotate_articles([article], nlp=nlp)
    plain = events.extract_events(article, annotations[0], nlp=nlp, detector=False)
    assert all(m.origin == "rules" for m in plain)
    full = events.extract_events(article, annotations[0], nlp=nlp)
    assert any(m.origin == "detector" for m in full)


@pytest.mark.model
def test_dossier_mentions_write_their_trigger_words(nlp: Any) -> None:
    from storyline.model import Dossier

    text = "Prosecutors charged the mayor of Corvana with fraud on Friday, March 8, 2024."
    article, _, merged = _build(nlp, text, "2024-03-10")
    listed = tuple(e for e in merged if events.reported(e))
    data = dossier_to_dict(Dossier(articles=(article,), entities=(), inputs=(), events=listed))
    written = [m for e in data["events"] for m in e["mentions"]]
    assert written
    for m in written:
        assert article.text[m["start"] : m["end"]] == m["text"]
        assert m["origin"] in ("rules", "detector")
    assert any(m["text"] == "charged" and m["type"] == "JUSTICE" for m in written)
    store = Store(":memory:")
    store.write_dossier(Dossier(articles=(article,), entities=(), inputs=(), events=listed))
    rows = store.connection.execute(
        'SELECT article, "start", "end", text, origin FROM event_mentions ORDER BY "start"'
    ).fetchall()
    assert len(rows) == len(written)
    for _, start, end, text_, origin in rows:
        assert article.text[start:end] == text_ and origin in ("rules", "detector")
