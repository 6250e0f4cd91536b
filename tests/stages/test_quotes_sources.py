"""Session 11's source rules for issue 18 (invented text): a closing "..., said X" the parser
made a conjunct, a parenthetical cue with a phrase hung on it before its subject, and the
agent of "As reported by X"."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest

from storyline.model import Quote
from storyline.stages.quotes import confidence, extract_quotes_from_text


def _by_rules(text: str, *, nlp: Any) -> list[Quote]:
    """What the rules find, the attribution check switched off (it may doubt a lone
    sentence; `test_quotes_confidence.py` covers it)."""
    with (
        mock.patch.object(confidence, "ATTRIBUTION_THRESHOLD", 0.0),
        mock.patch.object(confidence, "ATTRIBUTION_THRESHOLD_DIRECT", 0.0),
    ):
        article, quotes = extract_quotes_from_text(text, nlp=nlp)
    for quote in quotes:
        assert article.text[quote.full.start : quote.full.end] == quote.full.text
        if quote.speaker:
            mention = quote.speaker.mention
            assert article.text[mention.start : mention.end] == mention.text
    return quotes


def _with_cue(quotes: list[Quote], cue: str) -> Quote:
    found = [q for q in quotes if q.cue is not None and q.cue.text == cue]
    assert found, [(q.full.text, q.cue and q.cue.text) for q in quotes]
    return found[0]


@pytest.mark.model
def test_closing_said_parsed_as_a_conjunct_reports_the_clause_before(nlp: Any) -> None:
    text = (
        "In nearby Dunmore, the old paper mill is holding on, but it is under heavy pressure"
        " from cheap imports, said the firm's chief executive, Ola Brandt."
    )
    quote = _with_cue(_by_rules(text, nlp=nlp), "said")
    assert quote.full.text.startswith("In nearby Dunmore")
    assert quote.full.text.endswith("from cheap imports")
    assert quote.speaker is not None
    assert quote.speaker.mention.text == "the firm's chief executive, Ola Brandt"


@pytest.mark.model
def test_a_phrase_hung_on_a_parenthetical_cue_is_part_of_what_it_reports(nlp: Any) -> None:
    text = (
        "At times last winter, people close to the mayor said, the mere mention of the ferry"
        " could make her angry."
    )
    quote = _with_cue(_by_rules(text, nlp=nlp), "said")
    assert quote.full.text.startswith("At times last winter")
    assert quote.full.text.endswith("make her angry")
    assert quote.speaker is not None
    assert quote.speaker.mention.text == "people close to the mayor"


@pytest.mark.model
def test_as_reported_by_a_name_is_spoken_by_that_name(nlp: Any) -> None:
    text = "As reported by The Harbour Gazette, the council voted to close the pier."
    quote = _with_cue(_by_rules(text, nlp=nlp), "reported")
    assert quote.speaker is not None
    assert quote.speaker.mention.text == "The Harbour Gazette"
    assert quote.full.text == "the council voted to close the pier"
