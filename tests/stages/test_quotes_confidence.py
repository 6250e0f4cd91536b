"""The attribution check: features of a quote's attribution and what a doubted quote keeps."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.stages.quotes import confidence, extract_quotes_from_text
from storyline.stages.quotes.extract import _extract

TEXT = (
    "Talks on the harbour stalled on Monday.\n\n"
    "“We will not sign this,” Marta Olsen said.\n\n"
    "Marta Olsen said the union wanted a shorter week."
)


def _found(nlp: Any) -> tuple[list[Any], Any]:
    from storyline.model import Document
    from storyline.stages.annotate import annotate_articles
    from storyline.stages.clean import clean_document

    article = clean_document(Document("t", TEXT, "text"))
    annotation = annotate_articles([article], nlp=nlp)[0]
    found = _extract(article, annotation, nlp=nlp)
    assert found is not None
    return found


@pytest.mark.model
def test_features_read_the_cue_and_the_speaker(nlp: Any) -> None:
    quotes, ctx = _found(nlp)
    direct = next(q for q in quotes if q.kind == "direct")
    features = confidence._features(ctx, direct, quotes)
    assert "kind=direct" in features
    assert "cue_lemma=say" in features and "cue_listed" in features and "cue_speech" in features
    assert "spk_ent=PERSON" in features and "spk_before" in features
    assert any(f.startswith("cue_p=") for f in features)
    assert "spk_in_quote" not in features


@pytest.mark.model
def test_the_check_keeps_well_attributed_quotes(nlp: Any) -> None:
    _, quotes = extract_quotes_from_text(TEXT, nlp=nlp)
    assert {q.kind for q in quotes if q.speaker and q.speaker.name == "Marta Olsen"} == {
        "direct",
        "indirect",
    }


@pytest.mark.model
def test_a_doubted_direct_quote_keeps_its_words_and_an_indirect_one_goes(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(confidence, "ATTRIBUTION_THRESHOLD", 1.01)  # doubt everything
    monkeypatch.setattr(confidence, "ATTRIBUTION_THRESHOLD_DIRECT", 1.01)
    _, quotes = extract_quotes_from_text(TEXT, nlp=nlp)
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].speaker is None and quotes[0].span.text == "We will not sign this"


@pytest.mark.model
def test_a_direct_quote_has_its_own_bar(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bar for a direct quote's speaker is set apart from an indirect quote's: doubting
    it costs only the speaker, never the words."""
    monkeypatch.setattr(confidence, "ATTRIBUTION_THRESHOLD", 0.0)
    monkeypatch.setattr(confidence, "ATTRIBUTION_THRESHOLD_DIRECT", 1.01)
    _, quotes = extract_quotes_from_text(TEXT, nlp=nlp)
    by_kind = {q.kind: q for q in quotes}
    assert by_kind["direct"].speaker is None
    assert by_kind["indirect"].speaker is not None
    from storyline.models.cues import ATTRIBUTION_THRESHOLD, ATTRIBUTION_THRESHOLD_DIRECT

    assert ATTRIBUTION_THRESHOLD_DIRECT > ATTRIBUTION_THRESHOLD
