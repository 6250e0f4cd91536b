"""Quotes: direct, indirect and mixed, with speaker, cue and channel (hand-written cases)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from storyline.model import Quote, Span
from storyline.stages.quotes import (
    confidence,
    extract_quotes_from_text,
    find_quote_regions,
    merge_quotes,
)

CASES = [
    # (text, kind, quoted words, speaker name, cue)
    (
        '"The bridge will reopen in May," Dana Whitfield said.',
        "direct",
        "The bridge will reopen in May",
        "Dana Whitfield",
        "said",
    ),
    (
        "Dana Whitfield said: “The bridge will reopen in May.”",
        "direct",
        "The bridge will reopen in May.",
        "Dana Whitfield",
        "said",
    ),
    (
        "“The bridge,” Dana Whitfield said, “will reopen in May.”",
        "direct",
        "will reopen in May.",
        "Dana Whitfield",
        "said",
    ),
    (
        "“Nobody expected the flood to rise so fast,” said Omar Castellano.",
        "direct",
        "Nobody expected the flood to rise so fast",
        "Omar Castellano",
        "said",
    ),
    (
        "Omar Castellano runs the harbour office.\n\n“Nobody expected the flood,” he said.",
        "direct",
        "Nobody expected the flood",
        "Omar Castellano",
        "said",
    ),
    (
        "Council member Priya Natarajan spoke first. “We will vote on the budget next week,” "
        "she told reporters.",
        "direct",
        "We will vote on the budget next week",
        "Priya Natarajan",
        "told",
    ),
    (
        "The Harbour Authority said that the pier would stay closed until the inspection ends.",
        "indirect",
        "the pier would stay closed until the inspection ends",
        "The Harbour Authority",
        "said",
    ),
    (
        "Omar Castellano said the pier would stay closed until the inspection ends.",
        "indirect",
        "the pier would stay closed until the inspection ends",
        "Omar Castellano",
        "said",
    ),
    (
        "The pier will stay closed until the inspection ends, Omar Castellano said.",
        "indirect",
        "The pier will stay closed until the inspection ends",
        "Omar Castellano",
        "said",
    ),
    (
        "According to Omar Castellano, the pier will stay closed until the inspection ends.",
        "indirect",
        "the pier will stay closed until the inspection ends",
        "Omar Castellano",
        "According to",
    ),
    (
        "Omar Castellano said the repairs were “far more expensive than anyone planned.”",
        "mixed",
        "far more expensive than anyone planned.",
        "Omar Castellano",
        "said",
    ),
]


def _only(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if q.span.text == words]
    assert found, [q.span.text for q in quotes]
    return found[0]


def _by_rules(text: str, *, nlp: Any) -> tuple[Any, list[Quote]]:
    """What the rules find, the attribution check switched off: these tests are about the
    rules (`test_quotes_confidence.py` covers the check, which may doubt such a one-sentence
    attribution)."""
    with (
        mock.patch.object(confidence, "ATTRIBUTION_THRESHOLD", 0.0),
        mock.patch.object(confidence, "ATTRIBUTION_THRESHOLD_DIRECT", 0.0),
    ):
        return extract_quotes_from_text(text, nlp=nlp)


def _assert_spans(text: str, quotes: list[Quote]) -> None:
    for quote in quotes:
        spans: list[Span] = [quote.span, quote.full, *quote.also_in]
        if quote.cue:
            spans.append(quote.cue)
        if quote.speaker:
            spans.append(quote.speaker.mention)
            if quote.speaker.name_span:
                spans.append(quote.speaker.name_span)
        if quote.channel:
            spans.append(quote.channel.span)
        for span in spans:
            assert text[span.start : span.end] == span.text


@pytest.mark.model
@pytest.mark.parametrize(("text", "kind", "words", "speaker", "cue"), CASES)
def test_quote_cases(nlp: Any, text: str, kind: str, words: str, speaker: str, cue: str) -> None:
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, words)
    assert quote.kind == kind
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert quote.cue is not None and quote.cue.text == cue
    _assert_spans(article.text, quotes)


@pytest.mark.model
def test_role_noun_resolves_to_earlier_speaker(nlp: Any) -> None:
    text = (
        "A spokesperson for the Harbour Authority said the pier would stay shut.\n\n"
        "“Safety comes before speed,” the spokesperson added."
    )
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, "Safety comes before speed")
    assert quote.speaker is not None
    assert quote.speaker.mention.text == "the spokesperson"
    # the spokesperson speaks for the organisation the first mention names
    assert quote.speaker.name == "the Harbour Authority"
    _assert_spans(article.text, quotes)


@pytest.mark.model
def test_channel_with_date(nlp: Any) -> None:
    text = "“The harbour needs a new sea wall,” Lena Okafor wrote in an email on April 10."
    _, quotes = extract_quotes_from_text(text, nlp=nlp, published="2025-05-02")
    quote = _only(quotes, "The harbour needs a new sea wall")
    assert quote.channel is not None
    assert quote.channel.span.text == "in an email on April 10"
    assert quote.channel.date == "2025-04-10"


@pytest.mark.model
def test_told_outlet_is_channel(nlp: Any) -> None:
    text = "“We are ready,” Lena Okafor told the Coastal Herald during a video call on Monday."
    _, quotes = extract_quotes_from_text(text, nlp=nlp, published="2025-05-07")
    quote = _only(quotes, "We are ready")
    assert quote.channel is not None
    assert quote.channel.span.text.startswith("told the Coastal Herald")
    assert "video call" in quote.channel.span.text


@pytest.mark.model
def test_implicit_second_quote_inherits_attribution(nlp: Any) -> None:
    text = "“The tide was early,” Omar Castellano said. “Nobody was on the quay when it came.”"
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    second = _only(quotes, "Nobody was on the quay when it came.")
    assert second.implicit
    assert second.speaker is not None and second.speaker.name == "Omar Castellano"


@pytest.mark.model
def test_quote_opening_next_paragraph_runs_on(nlp: Any) -> None:
    text = (
        "The harbour closed on Monday.\n\n"
        "“The tide was early this year,” Omar Castellano said.\n\n"
        "“Nobody was on the quay when the water reached the fish market.”\n\n"
        "The council meets again next week."
    )
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    second = _only(quotes, "Nobody was on the quay when the water reached the fish market.")
    assert second.implicit
    assert second.speaker is not None and second.speaker.name == "Omar Castellano"
    _assert_spans(article.text, quotes)


@pytest.mark.model
def test_quote_after_a_multi_paragraph_quote_inherits_its_speaker(nlp: Any) -> None:
    # the attributed quote opens a paragraph earlier; the next quote follows where it ends
    text = (
        "Omar Castellano described the night.\n\n"
        "“The water came over the wall at midnight and kept rising.\n\n"
        "“By dawn the whole market square was under a metre of water,” he said. "
        "“Nobody was on the quay when the water reached the fish market.”"
    )
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    last = _only(quotes, "Nobody was on the quay when the water reached the fish market.")
    assert last.implicit
    assert last.speaker is not None and last.speaker.name == "Omar Castellano"
    _assert_spans(article.text, quotes)


@pytest.mark.model
def test_quote_after_an_unattributed_paragraph_does_not_run_on(nlp: Any) -> None:
    # a paragraph between the attributed quote and the next one ends the run
    text = (
        "“The tide was early this year,” Omar Castellano said.\n\n"
        "The harbour closed on Monday and the boats stayed in.\n\n"
        "“Nobody was on the quay when the water reached the fish market.”"
    )
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    third = _only(quotes, "Nobody was on the quay when the water reached the fish market.")
    assert not third.implicit and third.speaker is None


@pytest.mark.model
def test_multi_paragraph_quote(nlp: Any) -> None:
    text = (
        "Omar Castellano described the night.\n\n"
        "“The water came over the wall at midnight and kept rising.\n\n"
        "“By dawn the whole market square was under a metre of water,” he said."
    )
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    long = [q for q in quotes if "midnight" in q.span.text and "dawn" in q.span.text]
    assert long, [q.span.text for q in quotes]
    assert long[0].speaker is not None and long[0].speaker.name == "Omar Castellano"
    _assert_spans(article.text, quotes)


@pytest.mark.model
def test_nested_single_quotes_stay_inside(nlp: Any) -> None:
    text = "“They call it the ‘quiet season’ for a reason,” Lena Okafor said."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    _only(quotes, "They call it the ‘quiet season’ for a reason")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "“The vote is tomorrow, Lena Okafor said.\n\nThe council met at noon.",
        'He said "yes and then "no" and then " again.',
        "”Backwards marks“ confuse some writers, Lena Okafor said.",
        "“",
        "",
    ],
)
def test_unbalanced_marks_never_crash(nlp: Any, text: str) -> None:
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    _assert_spans(article.text, quotes)


def test_regions_close_at_paragraph_end_when_unbalanced() -> None:
    text = "“Open and never closed\nNext paragraph."
    assert find_quote_regions(text) == [(0, None)]


def test_regions_continue_into_a_reopened_paragraph() -> None:
    text = "“First part\n“Second part.” Done."
    assert find_quote_regions(text) == [(0, 25)]


def _quote(article: str, start: int, words: str) -> Quote:
    span = Span(article, start, start + len(words), words)
    return Quote(f"{article}{start}", article, "direct", span, span, None, None)


def test_merge_same_words_across_articles() -> None:
    first = _quote("a", 10, "The harbour needs a new sea wall before winter")
    second = _quote("b", 40, "the harbour needs a new sea-wall before winter.")
    other = _quote("b", 90, "Nobody was on the quay")
    merged = merge_quotes([second, other, first])
    assert len(merged) == 2
    kept = next(q for q in merged if q.article == "a")
    assert kept.also_in == (second.span,)


def test_merge_keeps_same_article_repeats_apart() -> None:
    one = _quote("a", 0, "Nobody was on the quay when it came")
    two = _quote("a", 80, "Nobody was on the quay when it came")
    assert len(merge_quotes([one, two])) == 2


def test_merge_contained_quote() -> None:
    long = _quote(
        "a", 0, "The harbour needs a new sea wall before winter comes, and it needs it now"
    )
    short = _quote("b", 5, "The harbour needs a new sea wall before winter comes")
    merged = merge_quotes([long, short])
    assert len(merged) == 1 and merged[0].also_in == (short.span,)


@pytest.mark.model
def test_every_span_matches_the_text_on_the_seeds(nlp: Any, shared: Path) -> None:
    """Property: on real articles (read from ../shared, never copied), every span we emit
    is exactly the article text at its offsets, and ids are unique."""
    quotes_seen: list[Quote] = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        article, quotes = extract_quotes_from_text(
            path.read_text(encoding="utf-8"), nlp=nlp, path=path.name
        )
        _assert_spans(article.text, quotes)
        quotes_seen.extend(quotes)
    assert quotes_seen
    assert len({q.id for q in quotes_seen}) == len(quotes_seen)
    merged = merge_quotes(quotes_seen)
    assert sum(1 + len(q.also_in) for q in merged) == len(quotes_seen)


@pytest.mark.model
def test_clause_after_its_cue_is_content_not_a_frame(nlp: Any) -> None:
    """In "X has said she will refuse ...", the complement clause is X's content; the words
    before it are never reported as a quote of the complement's subject."""
    text = "However, the union's lawyer has said she will refuse to hand over any records."
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, "she will refuse to hand over any records")
    assert quote.speaker is not None and quote.speaker.name == "the union's lawyer"
    assert not [q for q in quotes if "has said" in q.span.text]
    _assert_spans(article.text, quotes)


@pytest.mark.model
def test_stance_inside_reported_words_is_no_quote(nlp: Any) -> None:
    """ "The mayor said the fishermen want ...": the mayor's words, not the fishermen's."""
    text = "The mayor said the fishermen want a new harbour wall before the storms."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, "the fishermen want a new harbour wall before the storms")
    assert quote.speaker is not None and quote.speaker.name == "The mayor"
    assert [q.speaker.name for q in quotes if q.speaker] == ["The mayor"]


@pytest.mark.model
def test_speech_inside_reported_words_stays_a_quote(nlp: Any) -> None:
    text = "The mayor said the engineer told her that the old wall would fail within a year."
    _, quotes = _by_rules(text, nlp=nlp)
    inner = _only(quotes, "the old wall would fail within a year")
    assert inner.speaker is not None and inner.speaker.name == "the engineer"


@pytest.mark.model
def test_a_date_after_a_cue_is_not_its_content(nlp: Any) -> None:
    text = "The Harbour Authority spoke to reporters on Tuesday about the storm damage."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert [q.span.text for q in quotes] == ["the storm damage"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "“Does anybody on this council know what the harbour plan is?” Graham asked.",
            "Does anybody on this council know what the harbour plan is?",
            "Graham",
        ),
        (
            "The skipper was furious. “Get off my deck right now!” Tomas Reyes shouted.",
            "Get off my deck right now!",
            "Tomas Reyes",
        ),
    ],
)
def test_question_or_exclamation_with_the_cue_after(
    nlp: Any, text: str, words: str, speaker: str
) -> None:
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, words)
    assert quote.speaker is not None and quote.speaker.name == speaker


@pytest.mark.model
def test_cue_after_a_question_with_its_own_content_is_not_the_quotes(nlp: Any) -> None:
    text = "“Why not?” The mayor said the plan had failed."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert [q.speaker for q in quotes if q.span.text == "Why not?"] in ([], [None])


@pytest.mark.model
def test_quote_signed_with_a_dash_and_a_name(nlp: Any) -> None:
    text = (
        "Readers wrote in about the harbour plan.\n\n"
        "“The council never listened to the fishermen, and now the quay pays for it.” "
        "― Maria Delgado, 52, Portsmouth\n"
    )
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(
        quotes, "The council never listened to the fishermen, and now the quay pays for it."
    )
    assert quote.speaker is not None and quote.speaker.mention.text == "Maria Delgado"
    assert quote.cue is not None and quote.cue.text == "―"
    _assert_spans(article.text, quotes)


@pytest.mark.model
def test_speaker_labels_open_paragraphs(nlp: Any) -> None:
    text = (
        "HOST: Welcome back to the harbour hour. What went wrong on the quay?\n\n"
        '"OKAFOR: Well, the wall was never built for storms of that size."\n\n'
        "Update: This story has been changed.\n"
    )
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    host = _only(quotes, "Welcome back to the harbour hour. What went wrong on the quay?")
    assert host.speaker is not None and host.speaker.mention.text == "HOST"
    guest = _only(quotes, "Well, the wall was never built for storms of that size.")
    assert guest.speaker is not None and guest.speaker.mention.text == "OKAFOR"
    assert guest.cue is not None and guest.cue.text == ":"
    assert not [q for q in quotes if "changed" in q.span.text]
    _assert_spans(article.text, quotes)


@pytest.mark.model
def test_headline_label_the_story_comes_back_to_is_the_speaker(nlp: Any) -> None:
    text = (
        "Survey: Most Residents Want A Higher Harbour Wall.\n\n"
        "The survey of nine hundred households was run by the council in March. Lena "
        "Okafor, who wrote it, said the answers surprised her.\n"
    )
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    headline = _only(quotes, "Most Residents Want A Higher Harbour Wall.")
    assert headline.speaker is not None and headline.speaker.mention.text == "Survey"
    assert headline.cue is not None and headline.cue.text == ":"
    _assert_spans(article.text, quotes)


@pytest.mark.model
def test_headline_rubric_or_stray_label_is_no_speaker(nlp: Any) -> None:
    for label in ("The Latest", "Storm Front", "Big Win For Okafor"):
        text = (
            f"{label}: Harbour wall cracks again after the gale.\n\n"
            "Council engineers and Lena Okafor inspected the quay on Monday evening.\n"
        )
        _, quotes = extract_quotes_from_text(text, nlp=nlp)
        assert not [q for q in quotes if q.speaker and q.speaker.mention.text == label]


@pytest.mark.model
def test_cue_ending_in_a_colon_frames_the_next_paragraph(nlp: Any) -> None:
    text = (
        "Lena Okafor added:\n\n"
        "The council has known about the cracks since the spring and did nothing.\n\n"
        "She then told the paper:\n\n"
        "“We warned them twice.”\n"
    )
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    framed = _only(
        quotes, "The council has known about the cracks since the spring and did nothing."
    )
    assert framed.speaker is not None and framed.speaker.name == "Lena Okafor"
    assert framed.cue is not None and framed.cue.text == "added"
    assert not [q for q in quotes if q.span.text == "the cracks"]
    marked = _only(quotes, "We warned them twice.")
    assert marked.speaker is not None and marked.speaker.name == "Lena Okafor"
    _assert_spans(article.text, quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "mention", "cue"),
    [
        (
            "The harbour master began the meeting by saying the quay would close for a month.",
            "the quay would close for a month",
            "The harbour master",
            "saying",
        ),
        (
            "As several engineers have pointed out, the wall is far too low for winter storms.",
            "the wall is far too low for winter storms",
            "several engineers",
            "have pointed out",
        ),
        (
            "Citing a leaked report, the mayor attacked the council over the repairs.",
            "a leaked report",
            "the mayor",
            "Citing",
        ),
        (
            "The council has asked the engineers to inspect the wall before winter.",
            "the engineers to inspect the wall before winter",
            "The council",
            "has asked",
        ),
        (
            "Several fishing cooperatives that oppose the plan argue that the wall will ruin "
            "the beach.",
            "the plan",
            "Several fishing cooperatives that",
            "oppose",
        ),
        (
            "The mayor stopped short of calling the contractor dishonest.",
            "the contractor dishonest",
            "The mayor",
            "calling",
        ),
        (
            "In a video, the mayor is seen saying that the wall will be finished by May.",
            "the wall will be finished by May",
            "the mayor",
            "saying",
        ),
        (
            "The mayor kept up the pressure, continuing to criticize the council's record.",
            "the council's record",
            "The mayor",
            "criticize",
        ),
        (
            "The harbour master declined to say whether the crane had failed.",
            "the crane had failed",
            "The harbour master",
            "say",
        ),
        (
            "Two ferry pilots accused the council of ignoring their warnings.",
            "the council",
            "Two ferry pilots",
            "accused",
        ),
    ],
)
def test_more_cue_frames(nlp: Any, text: str, words: str, mention: str, cue: str) -> None:
    """Participles after a preposition, "As X pointed out, ...", a fronted participle with
    an object, "asked X to ...", a relative "that" (the source is the noun with the "that"
    standing for it, as annotators mark either), and verbs of accusing."""
    article, quotes = _by_rules(text, nlp=nlp)
    quote = _only(quotes, words)
    assert quote.speaker is not None and quote.speaker.mention.text == mention
    assert quote.cue is not None and quote.cue.text == cue
    _assert_spans(article.text, quotes)


@pytest.mark.model
def test_signed_quote_opened_with_a_closing_mark(nlp: Any) -> None:
    """A paragraph opened with a closing mark by mistake still opens a quote, and a
    signature the tagger does not see as a name is read from its capitalised words."""
    text = (
        "Readers wrote in.\n\n"
        "”The council never listened. He said the wall was fine and it was not.” "
        "― Maria Delgado Reyes, Portsmouth\n\n"
        "“I would vote for the new wall tomorrow.” -- Tomas Reyes\n"
    )
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    first = _only(quotes, "The council never listened. He said the wall was fine and it was not.")
    assert first.speaker is not None and first.speaker.mention.text == "Maria Delgado Reyes"
    second = _only(quotes, "I would vote for the new wall tomorrow.")
    assert second.speaker is not None and second.speaker.mention.text == "Tomas Reyes"
    assert second.cue is not None and second.cue.text == "--"
    assert not [q for q in quotes if q.span.text == "the wall was fine and it was not"]
    _assert_spans(article.text, quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "mention", "cue"),
    [
        (
            "Many fishermen are afraid that the wall will ruin the beach.",
            "the wall will ruin the beach",
            "Many fishermen",
            "are afraid",
        ),
        (
            "The engineers are critical of the new design.",
            "the new design",
            "The engineers",
            "are critical of",
        ),
        (
            "The harbour master is determined to finish the wall before winter.",
            "to finish the wall before winter",
            "The harbour master",
            "is determined",
        ),
    ],
)
def test_stance_adjectives(nlp: Any, text: str, words: str, mention: str, cue: str) -> None:
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, words)
    assert quote.speaker is not None and quote.speaker.mention.text == mention
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "mention", "cue"),
    [
        (
            "The harbour master went on local radio to defend the new crane.",
            "the new crane",
            "The harbour master",
            "defend",
        ),
        (
            "The ferry captain had to explain why the boat left early.",
            "why the boat left early",
            "The ferry captain",
            "explain",
        ),
        (
            "The mayor spent the morning trying to tell voters that the wall was safe.",
            "the wall was safe",
            "The mayor",
            "tell",
        ),
    ],
)
def test_an_infinitive_of_purpose_or_need_reports_its_subject(
    nlp: Any, text: str, words: str, mention: str, cue: str
) -> None:
    """ "went on the radio to defend ...", "had to explain ...", "spent the morning trying
    to tell ...": the infinitive's words are those of the clause's subject."""
    _, quotes = _by_rules(text, nlp=nlp)
    quote = _only(quotes, words)
    assert quote.speaker is not None and quote.speaker.mention.text == mention
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "mention", "cue"),
    [
        (
            "Several harbour pilots are wary of the new crane.",
            "the new crane",
            "Several harbour pilots",
            "are wary of",
        ),
        (
            "The fishermen were less confident in the council after the vote.",
            "the council",
            "The fishermen",
            "were less confident in",
        ),
        (
            "The ferry company was willing to cut its fares in winter.",
            "to cut its fares in winter",
            "The ferry company",
            "was willing",
        ),
        (
            "The mayor is sympathetic to the striking dockers.",
            "the striking dockers",
            "The mayor",
            "is sympathetic to",
        ),
    ],
)
def test_stance_adjectives_with_in_with_or_to(
    nlp: Any, text: str, words: str, mention: str, cue: str
) -> None:
    """ "wary of", "confident in", "willing to", "sympathetic to": the subject's stance."""
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, words)
    assert quote.speaker is not None and quote.speaker.mention.text == mention
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "mention", "cue"),
    [
        (
            "The council rejected claims by the ferry pilots that the crane was unsafe.",
            "the crane was unsafe",
            "the ferry pilots",
            "claims",
        ),
        (
            "Repeated warnings by the harbour master about the old crane went unheard.",
            "the old crane",
            "the harbour master",
            "warnings",
        ),
    ],
)
def test_a_cue_noun_with_a_by_phrase(
    nlp: Any, text: str, words: str, mention: str, cue: str
) -> None:
    """ "claims by X that ...", "warnings by X about ...": the object of "by" is the source."""
    _, quotes = _by_rules(text, nlp=nlp)
    quote = _only(quotes, words)
    assert quote.speaker is not None and quote.speaker.mention.text == mention
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "cue"),
    [
        (
            "The ferry captain told a long joke about the harbour.",
            "a long joke about the harbour",
            "told",
        ),
        ("The union wrote a letter to the council.", "a letter to the council", "wrote"),
    ],
)
def test_a_said_thing_is_what_a_clause_cue_reports(
    nlp: Any, text: str, words: str, cue: str
) -> None:
    """ "told a joke", "wrote a letter": a common noun object is the words themselves."""
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, words)
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The harbour master told reporters on Friday.",
        "The mayor told the crowd on Friday.",
        "The mayor said nothing.",
    ],
)
def test_a_listener_or_nothing_is_no_said_thing(nlp: Any, text: str) -> None:
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert quotes == []


@pytest.mark.model
def test_infinitive_after_an_agentless_passive_is_no_cue(nlp: Any) -> None:
    text = "The new crane is expected to show that the harbour can take larger ships."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert quotes == []


@pytest.mark.model
def test_raising_adjective_is_no_stance(nlp: Any) -> None:
    _, quotes = extract_quotes_from_text("The old harbour is certain to flood.", nlp=nlp)
    assert quotes == []


@pytest.mark.model
def test_passive_cue_with_an_agent(nlp: Any) -> None:
    text = "The new harbour plan was endorsed by the fishermen's union on Monday."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, "The new harbour plan")
    assert quote.speaker is not None and quote.speaker.mention.text == "the fishermen's union"
    assert quote.cue is not None and quote.cue.text == "was endorsed by"


@pytest.mark.model
def test_hoping_is_a_cue(nlp: Any) -> None:
    """The small English model lemmatises "hoping" to "hop"."""
    text = "The mayor is hoping the wall will be finished in May."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, "the wall will be finished in May")
    assert quote.cue is not None and quote.cue.text == "is hoping"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "cue"),
    [
        ("The union denounced the harbour plan.", "the harbour plan", "denounced"),
        ("The council dismissed the engineers' warnings.", "the engineers' warnings", "dismissed"),
        ("The ferry company is seeking a new berth.", "a new berth", "is seeking"),
        ("The mayor thanked the volunteers for their work.", "the volunteers", "thanked"),
        ("The fishermen backed the new sea wall.", "the new sea wall", "backed"),
        ("The ferry pilots decried the new timetable.", "the new timetable", "decried"),
        ("The harbour board hailed the new crane.", "the new crane", "hailed"),
    ],
)
def test_stance_verbs_chosen_on_polnear_train(nlp: Any, text: str, words: str, cue: str) -> None:
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, words)
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.model
def test_signature_after_a_no_break_space_ending_in_a_full_stop(nlp: Any) -> None:
    text = (
        "Readers wrote in.\n\n"
        "“Perhaps the council offices need a sea wall of their own.” ―\u00a0Steve Quinlan.\n"
    )
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, "Perhaps the council offices need a sea wall of their own.")
    assert quote.speaker is not None and quote.speaker.mention.text == "Steve Quinlan"


@pytest.mark.model
def test_a_participle_naming_a_thing_is_no_cue(nlp: Any) -> None:
    text = "The mayor set up a fund called Harbour Futures to pay for the wall."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert quotes == []


@pytest.mark.model
def test_a_date_object_is_not_the_content(nlp: Any) -> None:
    text = "The mayor called Friday for a new inquiry into the wall."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert [q.span.text for q in quotes] == ["a new inquiry into the wall"]


@pytest.mark.model
def test_subjectless_participle_frames_nothing_before_it(nlp: Any) -> None:
    text = "The mayor kept up the pressure, continuing to poke at the council's record."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert "The mayor kept up the pressure" not in [q.span.text for q in quotes]


@pytest.mark.model
def test_learned_cue_outside_the_word_lists(nlp: Any) -> None:
    # "lay out" is in no word list: the detector trained on PolNeAR train takes it for a cue
    text = "Councillor Ben Avery laid out his plan for the new tram line on Monday."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert [(q.kind, q.span.text, q.cue and q.cue.text) for q in quotes] == [
        ("indirect", "his plan for the new tram line", "laid out")
    ]
    assert quotes[0].speaker and quotes[0].speaker.name == "Councillor Ben Avery"


@pytest.mark.model
def test_learned_cue_frames_no_direct_quote(nlp: Any) -> None:
    # "laid out" is a detected cue, but only a listed one frames quoted words: these go on
    # from Lena Park's quote before them
    text = (
        "“Chile is a natural partner for Peru,” Lena Park said. "
        "Santiago laid out “old trade ties and a long coastline.”"
    )
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    last = [q for q in quotes if q.span.text.startswith("old trade ties")]
    assert last and last[0].speaker and last[0].speaker.name == "Lena Park"


@pytest.mark.model
def test_bare_cue_reports_its_verb_phrase(nlp: Any) -> None:
    text = "The mayor's office did not respond to questions about the contract."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert [(q.span.text, q.cue and q.cue.text) for q in quotes] == [
        ("to questions about the contract", "did not respond")
    ]
    assert quotes[0].speaker and quotes[0].speaker.mention.text == "The mayor's office"


@pytest.mark.model
def test_bare_cue_with_only_a_channel_and_a_date_is_no_quote(nlp: Any) -> None:
    _, quotes = extract_quotes_from_text("Ms. Ortega said in an interview on Tuesday.", nlp=nlp)
    assert quotes == []


@pytest.mark.model
def test_possessor_of_a_cue_noun_is_the_source(nlp: Any) -> None:
    text = "Critics mocked the minister's claim that the budget was balanced."
    _, quotes = _by_rules(text, nlp=nlp)
    claim = [q for q in quotes if q.cue and q.cue.text == "claim"]
    assert [q.span.text for q in claim] == ["the budget was balanced"]
    assert claim[0].speaker and claim[0].speaker.mention.text == "the minister's"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "cue"),
    [
        # no word of these sentences is in a word list: the detector's lemmas make them
        # candidates for the parse
        (
            "Councillor Ben Avery outlined a cheaper route for the tram line.",
            "a cheaper route for the tram line",
            "outlined",
        ),
        (
            "The harbour board published its review of the flood defences.",
            "its review of the flood defences",
            "published",
        ),
    ],
)
def test_learned_cues_make_their_sentence_a_candidate(
    nlp: Any, text: str, words: str, cue: str
) -> None:
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert [(q.span.text, q.cue and q.cue.text) for q in quotes] == [(words, cue)]


@pytest.mark.model
def test_no_cue_in_a_sentence_about_weather(nlp: Any) -> None:
    text = "The rain washed away a section of the coast road."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert quotes == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "mention"),
    [
        (
            "“The whole budget is a mess. A total mess,” said Tomas Lind, a councillor for "
            "the east ward.",
            "The whole budget is a mess. A total mess",
            "Tomas Lind, a councillor for the east ward",
        ),
        (
            "“My answer, that was clear,” the former port director said on the radio.",
            "My answer, that was clear",
            "the former port director",
        ),
    ],
)
def test_a_subject_inside_the_quote_is_not_its_speaker(
    nlp: Any, text: str, words: str, mention: str
) -> None:
    """The parser takes the quoted words for a second subject of "said"; the one outside
    the marks speaks."""
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, words)
    assert quote.speaker is not None and quote.speaker.mention.text == mention


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "mention", "cue"),
    [
        (
            "The audit forced the treasurer to admit that the accounts were wrong.",
            "the treasurer",
            "admit",
        ),
        (
            "The storm led several fishermen to fear that the season was over.",
            "several fishermen",
            "fear",
        ),
    ],
)
def test_the_object_of_a_control_verb_holds_the_infinitives_words(
    nlp: Any, text: str, mention: str, cue: str
) -> None:
    _, quotes = _by_rules(text, nlp=nlp)
    quote = [q for q in quotes if q.cue and q.cue.text == cue]
    assert quote and quote[0].speaker is not None
    assert quote[0].speaker.mention.text == mention


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The mayor seemed tired of the dispute over the harbour wall.",
        "It appears that the council will delay the vote until spring.",
    ],
)
def test_an_impression_has_no_speaker(nlp: Any, text: str) -> None:
    """ "X seemed tired", "it appears that ...": the writer's impression, not X's words."""
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert quotes and all(q.speaker is None for q in quotes)


@pytest.mark.model
def test_seeming_to_blame_is_blaming(nlp: Any) -> None:
    text = "The harbour master appeared to blame the crane operators for the delay."
    _, quotes = _by_rules(text, nlp=nlp)
    assert [(q.span.text, q.cue and q.cue.text) for q in quotes] == [
        ("the crane operators", "blame")
    ]
    assert quotes[0].speaker and quotes[0].speaker.mention.text == "The harbour master"


@pytest.mark.model
def test_a_relative_that_keeps_the_name_of_its_noun(nlp: Any) -> None:
    text = "Several towns that oppose the new road have written to the minister."
    _, quotes = _by_rules(text, nlp=nlp)
    quote = _only(quotes, "the new road")
    assert quote.speaker is not None
    assert quote.speaker.mention.text == "Several towns that"
    assert quote.speaker.name == "Several towns"


@pytest.mark.model
def test_a_poll_is_the_source_of_what_its_in_phrase_hangs_on(nlp: Any) -> None:
    text = "In the latest harbour board survey, the ferry company leads its rivals by six points."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, "the ferry company leads its rivals by six points")
    assert quote.speaker is not None
    assert quote.speaker.mention.text == "the latest harbour board survey"
    assert quote.cue is not None and quote.cue.text == "In"


@pytest.mark.model
def test_standing_in_the_polls_is_no_attribution(nlp: Any) -> None:
    _, quotes = extract_quotes_from_text("The ferry company leads in the polls.", nlp=nlp)
    assert quotes == []


@pytest.mark.model
def test_continuing_is_a_cue_only_for_words(nlp: Any) -> None:
    """ "X continued, “...”" frames a quote; "X continues to trail" reports nothing, and in
    "X continued to insist that ..." the cue is "insist"."""
    _, trailing = extract_quotes_from_text(
        "The mayor continues to trail the harbour master in the race.", nlp=nlp
    )
    assert trailing == []
    _, insisting = extract_quotes_from_text(
        "The mayor continued to insist that the wall was safe.", nlp=nlp
    )
    assert [(q.span.text, q.cue and q.cue.text) for q in insisting] == [
        ("the wall was safe", "insist")
    ]
    _, framing = extract_quotes_from_text("“We will build it,” he continued.", nlp=nlp)
    assert [(q.span.text, q.cue and q.cue.text) for q in framing] == [
        ("We will build it", "continued")
    ]


@pytest.mark.model
def test_of_two_subjects_the_one_next_to_the_cue_speaks(nlp: Any) -> None:
    """The parser makes the fronted phrase a second subject of "agree"."""
    text = (
        "His pledges to cut the ferry fares notwithstanding, independent auditors agree "
        "the budget is short."
    )
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _only(quotes, "the budget is short")
    assert quote.speaker is not None
    assert quote.speaker.mention.text == "independent auditors"


@pytest.mark.model
def test_a_clause_before_a_parenthetical_cue_is_reported_too(nlp: Any) -> None:
    text = "Though the handover went smoothly, she said, replacing the whole board would be harder."
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert len(quotes) == 1 and quotes[0].speaker is not None
    assert quotes[0].speaker.mention.text == "she"
    assert quotes[0].span.text.startswith("Though the handover went smoothly")
    assert quotes[0].span.text.endswith("would be harder")


@pytest.mark.model
def test_a_fragment_before_a_speech_cue_is_its_content(nlp: Any) -> None:
    _, quotes = extract_quotes_from_text("Towns like Dover, he said.", nlp=nlp)
    assert [(q.span.text, q.cue and q.cue.text) for q in quotes] == [("Towns like Dover", "said")]
    _, dated = extract_quotes_from_text(
        "Last month, the harbour master warned the council about the cracks.", nlp=nlp
    )
    assert [q.span.text for q in dated] == ["the council"]


@pytest.mark.model
def test_answering_questions_reports_no_words(nlp: Any) -> None:
    """The object of "answer" is the question, not what was said; its clause is."""
    _, refused = extract_quotes_from_text(
        "The minister would not answer questions about the contract.", nlp=nlp
    )
    assert refused == []
    _, answered = extract_quotes_from_text(
        "The minister answered that the contract was legal.", nlp=nlp
    )
    assert [q.span.text for q in answered] == ["the contract was legal"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "Harbour Mayor Backs Ferry Plan\n\n"
            "The mayor of Harbour, Lena Osk, said on Monday she backs the ferry plan.",
            "Harbour Mayor",
            "Backs",
        ),
        (
            "Senator Quill Praises New Rail Link\n\n"
            "Senator Ada Quill spoke in Glenmoor on Tuesday about the rail link.",
            "Senator Quill",
            "Praises",
        ),
    ],
)
def test_a_title_case_headline_verb_is_a_cue(nlp: Any, text: str, speaker: str, cue: str) -> None:
    # the tagger reads "Backs" as a name; the headline is tagged again with the words the
    # body writes in lower case lowered, offsets unchanged
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    headline = [q for q in quotes if q.full.end <= article.text.index("\n")]
    assert [(q.speaker and q.speaker.mention.text, q.cue and q.cue.text) for q in headline] == [
        (speaker, cue)
    ]


@pytest.mark.model
def test_a_headline_in_sentence_case_is_read_as_it_is(nlp: Any) -> None:
    from storyline.stages.quotes.extract import _title_case_headline

    article, _ = extract_quotes_from_text(
        "Harbour mayor backs ferry plan\n\nThe mayor said she backs the plan.", nlp=nlp
    )
    from storyline.stages.annotate import annotate_articles

    annotation = annotate_articles([article], nlp=nlp)[0]
    assert _title_case_headline(article, annotation, nlp) == (annotation, {})


@pytest.mark.model
def test_learned_cue_holding_quoted_words_is_a_mixed_quote(nlp: Any) -> None:
    # "figures" is a detected cue; its clause holds a quoted phrase among its own words, so
    # the phrase is a mixed quote of that cue (it was left without a speaker, and the clause
    # dropped as touching quote marks)
    text = (
        "The harbour board met on Monday.\n\n"
        "Lena Okafor figures that a second “emergency levy” would pay for the new wall.\n"
    )
    article, quotes = _by_rules(text, nlp=nlp)
    assert [(q.kind, q.cue and q.cue.text, q.full.text) for q in quotes] == [
        ("mixed", "figures", "a second “emergency levy” would pay for the new wall")
    ]
    assert quotes[0].speaker and quotes[0].speaker.mention.text == "Lena Okafor"
    _assert_spans(article.text, quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    ("headline", "speaker"),
    [
        ("Mayor Okafor to Harbour Workers: The Wall Will Hold.", "Mayor Okafor"),
        ("Harbour Chief On Strike: We Were Never Consulted.", "Harbour Chief"),
    ],
)
def test_headline_label_before_a_linking_word_is_the_speaker(
    nlp: Any, headline: str, speaker: str
) -> None:
    # the words before "to" / "On" name who speaks, as the story's body comes back to them
    text = (
        f"{headline}\n\n"
        "Mayor Lena Okafor and the harbour chief, Omar Castellano, met the dock workers on "
        "Monday. Okafor said repairs begin in June.\n"
    )
    article, quotes = _by_rules(text, nlp=nlp)
    label = [q for q in quotes if q.full.end <= article.text.index("\n")]
    assert [(q.speaker and q.speaker.mention.text, q.cue and q.cue.text) for q in label] == [
        (speaker, ":")
    ]
    _assert_spans(article.text, quotes)
