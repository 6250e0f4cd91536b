"""Quotes: speakers named by role and organisation (hand-written cases; our own invented
text)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.model import Quote
from storyline.stages.quotes import extract_quotes_from_text


def _with_words(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.span.text]
    assert found, [q.span.text for q in quotes]
    return found[0]


def _spans_exact(text: str, quotes: list[Quote]) -> None:
    for quote in quotes:
        for span in (quote.span, quote.full, quote.cue, quote.speaker and quote.speaker.mention):
            if span is not None:
                assert text[span.start : span.end] == span.text
        if quote.speaker is not None and quote.speaker.name_span is not None:
            span = quote.speaker.name_span
            assert text[span.start : span.end] == span.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "mention", "name"),
    [
        (
            "“The ferry will run again on Friday,” a spokesperson for the Baltic Shipping "
            "Company said on Monday.",
            "The ferry will run again",
            "a spokesperson for the Baltic Shipping Company",
            "the Baltic Shipping Company",
        ),
        (
            "Microsoft's press service said the outage had been fixed overnight.",
            "the outage had been fixed",
            "Microsoft's press service",
            "Microsoft",
        ),
    ],
)
def test_a_spokesperson_speaks_for_the_organisation_named(
    nlp: Any, text: str, words: str, mention: str, name: str
) -> None:
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _with_words(quotes, words)
    assert quote.speaker is not None
    assert quote.speaker.mention.text == mention
    assert quote.speaker.name == name
    _spans_exact(article.text, quotes)


@pytest.mark.model
def test_a_role_with_no_organisation_keeps_its_phrase(nlp: Any) -> None:
    text = "A senior official at the port told reporters that the cranes were idle."
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _with_words(quotes, "the cranes were idle")
    assert quote.speaker is not None
    assert quote.speaker.name == "A senior official at the port"
    _spans_exact(article.text, quotes)
