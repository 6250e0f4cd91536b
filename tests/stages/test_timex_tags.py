"""Tense cues read from part-of-speech tags, with hand-made tags (no model needed).

`tag(text, dct, tags=...)` reads the governing verb from the annotate stage's Penn tags;
these cases pin how a tag sequence turns into a direction, each with its reference date.
"""

from __future__ import annotations

import pytest

from storyline.stages.timex import tag

MON = "2024-06-17"  # a Monday


def _tagged(words: str) -> tuple[str, list[tuple[int, int, str]]]:
    """ "The/DT vote/NN" -> the text and its `(start, end, tag)` tokens."""
    text, tags = "", []
    for item in words.split():
        word, penn = item.rsplit("/", 1)
        if text and word not in (".", ","):
            text += " "
        tags.append((len(text), len(text) + len(word), penn))
        text += word
    return text, tags


CASES = [
    # "set aside" is no plan: the sentence is past
    (
        MON,
        "The/DT minister/NN set/VBD aside/RP plans/NNS on/IN Friday/NNP ./.",
        "Friday",
        "2024-06-14",
    ),
    # "set for" is one
    (
        MON,
        "The/DT vote/NN was/VBD set/VBN for/IN Friday/NNP ./.",
        "Friday",
        "2024-06-21",
    ),
    # a modal perfect looks back
    (
        MON,
        "Concern/NN may/MD have/VB caused/VBN a/DT drop/NN on/IN Wednesday/NNP ./.",
        "Wednesday",
        "2024-06-12",
    ),
    # a present perfect reports what has happened
    (
        MON,
        "Its/PRP$ stock/NN has/VBZ slumped/VBN ,/, closing/VBG unchanged/JJ Friday/NNP ./.",
        "Friday",
        "2024-06-14",
    ),
    # ... but does not push a month into the past: the nearest March stays
    (
        "1999-02-10",
        "NATO/NNP has/VBZ decided/VBN to/TO admit/VB them/PRP in/IN early/JJ March/NNP ./.",
        "early March",
        "1999-03",
    ),
    # a plain present still looks ahead
    (
        MON,
        "The/DT committee/NN meets/VBZ Thursday/NNP ./.",
        "Thursday",
        "2024-06-20",
    ),
]


@pytest.mark.parametrize(("dct", "words", "text", "value"), CASES)
def test_direction_from_tags(dct: str, words: str, text: str, value: str) -> None:
    sentence, tags = _tagged(words)
    found = [(t.text, t.value) for t in tag(sentence, dct, tags=tags)]
    assert found == [(text, value)]


def test_the_day_needs_something_to_refer_to() -> None:
    """ "the day" is the day being written about; without a DCT or a date it stays untagged,
    so that publication-date inference does not take it for the day of writing."""
    assert tag("The index ended the day lower.", None) == []
    found = tag("The index ended the day lower.", "2010-05-07")
    assert [(t.text, t.value) for t in found] == [("day", "2010-05-07")]
