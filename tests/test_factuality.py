"""The MEANTIME factuality scorer: the status mapping, the alignment, the measures, the reader."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from storyline.evaluation.factuality import (
    SPECIFIED,
    STATUS_FACTUALITY,
    GoldEvent,
    align,
    read_meantime_events,
    score_predictions,
    tense_baseline,
)
from storyline.model import EventMention, EventStatus, Span

TEXT = "The mayor opened the bridge and will close the old ferry if nobody objects."


def _gold(word: str, time: str, certainty: str, polarity: str, nth: int = 0) -> GoldEvent:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return GoldEvent(start, start + len(word), word, time, certainty, polarity)


def _mention(word: str, status: EventStatus) -> EventMention:
    start = TEXT.index(word)
    return EventMention(
        article="a",
        trigger=Span("a", start, start + len(word), word),
        sentence=Span("a", 0, len(TEXT), TEXT),
        predicate="x",
        type=None,
        mode=None,
        actors=(),
        targets=(),
        location=None,
        date=None,
        status=status,
        cue=None,
    )


def test_every_status_maps_onto_specified_values() -> None:
    assert set(STATUS_FACTUALITY) == set(get_args(EventStatus))
    for values in STATUS_FACTUALITY.values():
        for attribute, value in zip(("time", "certainty", "polarity"), values, strict=True):
            assert value in SPECIFIED[attribute]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("happened", ("NON_FUTURE", "CERTAIN", "POS")),
        ("expected", ("FUTURE", "CERTAIN", "POS")),
        ("scheduled", ("FUTURE", "CERTAIN", "POS")),
        ("speculated", ("FUTURE", "POSSIBLE", "POS")),
        ("negated", ("NON_FUTURE", "CERTAIN", "NEG")),
    ],
)
def test_status_mapping(status: EventStatus, expected: tuple[str, str, str]) -> None:
    assert STATUS_FACTUALITY[status] == expected


def test_alignment_pairs_overlapping_triggers_once() -> None:
    gold = [
        _gold("opened", "NON_FUTURE", "CERTAIN", "POS"),
        _gold("will close", "FUTURE", "CERTAIN", "POS"),  # a gold mention of two tokens
        _gold("objects", "FUTURE", "POSSIBLE", "POS"),
    ]
    found = [
        _mention("close", "expected"),
        _mention("opened", "happened"),
        _mention("opened", "speculated"),  # a second mention on one trigger is not counted
        _mention("bridge", "happened"),  # no gold event there
    ]
    pairs = align(gold, found)
    assert [(g.text, m.trigger.text, m.status) for g, m in pairs] == [
        ("opened", "opened", "happened"),
        ("will close", "close", "expected"),
    ]


def test_measures_leave_out_underspecified_gold() -> None:
    pairs = [
        (_gold("opened", "NON_FUTURE", "CERTAIN", "POS"), STATUS_FACTUALITY["happened"]),
        (_gold("close", "FUTURE", "CERTAIN", "POS"), STATUS_FACTUALITY["happened"]),
        (_gold("objects", "UNDERSPECIFIED", "POSSIBLE", "NEG"), STATUS_FACTUALITY["speculated"]),
    ]
    scores = score_predictions(pairs)
    assert scores["time"]["scored"] == 2 and scores["time"]["left_out"] == 1
    assert scores["time"]["accuracy"] == 0.5
    # NON_FUTURE: P 1/2, R 1 -> F1 2/3; FUTURE: never predicted -> 0; mean 1/3
    assert scores["time"]["macro_f1"] == 0.3333
    assert scores["time"]["confusion"] == {
        "NON_FUTURE": {"NON_FUTURE": 1},
        "FUTURE": {"NON_FUTURE": 1},
    }
    assert scores["certainty"]["accuracy"] == 1.0
    assert scores["polarity"]["accuracy"] == round(2 / 3, 4)
    assert scores["all_three"] == {"scored": 2, "accuracy": 0.5}


def test_tense_baseline_reads_a_future_auxiliary() -> None:
    assert tense_baseline(TEXT, TEXT.index("close"))[0] == "FUTURE"
    assert tense_baseline(TEXT, TEXT.index("opened"))[0] == "NON_FUTURE"
    said = "They said it is going to rain and it won't stop."
    assert tense_baseline(said, said.index("rain"))[0] == "FUTURE"
    assert tense_baseline(said, said.index("stop"))[0] == "FUTURE"


CAT = """<?xml version="1.0" encoding="UTF-8"?>
<Document doc_name="tiny.txt" doc_id="1">
<token t_id="1" sentence="0" number="0">Ferry</token>
<token t_id="2" sentence="0" number="1">to</token>
<token t_id="3" sentence="0" number="2">stop</token>
<token t_id="4" sentence="1" number="3">May</token>
<token t_id="5" sentence="1" number="4">2</token>
<token t_id="6" sentence="1" number="5">,</token>
<token t_id="7" sentence="1" number="6">2011</token>
<token t_id="8" sentence="2" number="7">The</token>
<token t_id="9" sentence="2" number="8">town</token>
<token t_id="10" sentence="2" number="9">did</token>
<token t_id="11" sentence="2" number="10">n't</token>
<token t_id="12" sentence="2" number="11">renew</token>
<token t_id="13" sentence="2" number="12">the</token>
<token t_id="14" sentence="2" number="13">licence</token>
<token t_id="15" sentence="2" number="14">.</token>
<token t_id="16" sentence="3" number="15">Nobody</token>
<token t_id="17" sentence="3" number="16">minds</token>
<token t_id="18" sentence="3" number="17">.</token>
<Markables>
<EVENT_MENTION m_id="1" time="FUTURE" certainty="CERTAIN" polarity="POS">
<token_anchor t_id="3"/></EVENT_MENTION>
<EVENT_MENTION m_id="2" time="NON_FUTURE" certainty="CERTAIN" polarity="NEG">
<token_anchor t_id="12"/></EVENT_MENTION>
<TIMEX3 m_id="3" type="DATE" value="2011-05-02" functionInDocument="CREATION_TIME">
<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
<token_anchor t_id="7"/></TIMEX3>
</Markables>
<Relations></Relations>
</Document>
"""


def test_reader_lays_out_text_and_places_gold_mentions(tmp_path: Path) -> None:
    story = tmp_path / "corpus_ferry"
    story.mkdir()
    (story / "tiny.xml").write_text(CAT, encoding="utf-8")
    (doc,) = read_meantime_events(tmp_path)
    assert doc.doc_id == "corpus_ferry/tiny"
    assert doc.dct == "2011-05-02"
    # sentences after the last annotated one are left out, as the timex scorer does
    assert doc.text == "Ferry to stop\n\nMay 2, 2011\n\nThe town didn't renew the licence."
    assert [(e.text, e.time, e.polarity) for e in doc.events] == [
        ("stop", "FUTURE", "POS"),
        ("renew", "NON_FUTURE", "NEG"),
    ]
    assert read_meantime_events(tmp_path, limit=0) == []


def test_reader_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_meantime_events(tmp_path / "nowhere")
