"""The learned timex filter experiment (`evaluation.train_timex`) and the rule names it reads
(`anchoring.anchor_rules`). Invented texts only."""

from __future__ import annotations

from storyline.evaluation import train_timex
from storyline.evaluation.corpora import TimeMLTimex
from storyline.stages.timex import anchor, detect
from storyline.stages.timex.anchoring import anchor_rules

DCT = "2024-06-19"


def test_anchor_rules_name_the_rule_behind_each_value() -> None:
    found = detect("Talks resumed on Monday and may end now, the mediator said in 2023.")
    pairs = anchor_rules(found, DCT)
    assert [(t.text, t.value, rule) for t, rule in pairs] == [
        ("Monday", "2024-06-17", "weekday"),
        ("now", "PRESENT_REF", "fuzzy"),
        ("2023", "2023", "year"),
    ]
    assert [t for t, _ in pairs] == anchor(found, DCT)


def test_features_read_the_rule_the_words_beside_and_the_tags() -> None:
    text = "The plant is now closed."
    [(timex, rule)] = anchor_rules(detect(text), DCT)
    tags = [(0, 3, "DT"), (4, 9, "NN"), (10, 12, "VBZ"), (13, 16, "RB"), (17, 23, "VBN")]
    tags.append((23, 24, "."))
    features = train_timex.timex_features(text, timex, rule=rule, tense="present", tags=tags)
    for key in (
        "rule=fuzzy",
        "shape=PRESENT_REF",
        "text=now",
        "prev=is",
        "next=closed",
        "prev2=plant is",
        "text_prev=now|is",
        "tag_prev=VBZ",
        "tag_next=VBN",
        "tags=RB",
        "tense=present",
    ):
        assert key in features
    assert not any(
        f.startswith("tag_")
        for f in train_timex.timex_features(text, timex, rule=rule, tense="present")
    )
    digits = train_timex.timex_features(
        "It opened on June 3, 2021.",
        anchor(detect("It opened on June 3, 2021."))[0],
        rule="month_day",
        tense="past",
    )
    assert "shape=9999-99-99" in digits


def _document(number: int) -> train_timex.Document:
    """An invented text whose weekday the annotator tags and whose "now" after "is" never."""
    text = f"Talks with union {number} resumed on Monday. The firm is now bigger."
    found = {t.text: t for t in anchor(detect(text), DCT)}
    monday = found["Monday"]
    gold = [TimeMLTimex(monday.start, monday.end, "Monday", "DATE", monday.value, "t1")]
    return train_timex.document("invented", text, DCT, gold, None)


def test_cross_validation_ships_a_filter_only_where_it_beats_the_rules() -> None:
    documents = [_document(n) for n in range(10)]
    assert [d.labels for d in documents[:1]] == [(1, 0)]
    l2, threshold, table = train_timex.cross_validate(documents)
    assert round(table["none"]["invented"], 4) == 0.6667  # 10 right of 20 found and 10 gold
    # dropping the "now" no annotator tagged is learned on the other folds
    assert l2 is not None and threshold > 0
    assert table[f"l2={l2} threshold={threshold}"] == {"invented": 1.0}
    # where the gold tags every expression the rules find, nothing is worth dropping
    tagged = [
        train_timex.document(
            "invented",
            f"Talks with union {n} resumed on Monday. The firm is now bigger.",
            DCT,
            [
                TimeMLTimex(t.start, t.end, t.text, t.type, t.value, f"t{i}")
                for i, t in enumerate(d.timexes)
            ],
            None,
        )
        for n, d in enumerate(documents)
    ]
    l2, threshold, table = train_timex.cross_validate(tagged)
    assert (l2, threshold) == (None, 0.0)
    assert table["none"] == {"invented": 1.0}
