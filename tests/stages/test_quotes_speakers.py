"""Quotes: speakers named by role and organisation (hand-written cases; our own invented
text)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.model import Quote, Speaker
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


def _speaker(nlp: Any, text: str, words: str) -> Speaker:
    """The speaker of the quote of `text` holding `words`; every span of every quote of the
    text checked against the text."""
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    quote = _with_words(quotes, words)
    _spans_exact(article.text, quotes)
    assert quote.speaker is not None
    return quote.speaker


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
    speaker = _speaker(nlp, text, words)
    assert speaker.mention.text == mention
    assert speaker.name == name


@pytest.mark.model
def test_a_role_with_no_organisation_keeps_its_phrase(nlp: Any) -> None:
    text = "A senior official at the port told reporters that the cranes were idle."
    speaker = _speaker(nlp, text, "the cranes were idle")
    assert speaker.name == "A senior official at the port"


def _misparsed(nlp: Any, text: str, name: str, head_word: str, dep: str) -> tuple[Any, int]:
    """The context of `text` with the arc of the token `name` moved to `head_word` under
    `dep`, as the parser sometimes hangs a speaker's name ("convention Sen. X (D-Vt.) said",
    "..., said X, half joking"); and the index of the cue "said"."""
    from storyline.stages.annotate import annotate_articles
    from storyline.stages.quotes.extract import _extract

    article, _ = extract_quotes_from_text(text, nlp=nlp)
    annotation = annotate_articles([article], nlp=nlp)[0]
    found = _extract(article, annotation, nlp=nlp)
    assert found is not None
    ctx = found[1]
    tokens = ctx.annotation.tokens
    words = [article.text[t.start : t.end] for t in tokens]
    token, head, said = words.index(name), words.index(head_word), words.index("said")
    graph = ctx.graph
    graph.children[graph.head[token]].remove(token)
    graph.head[token], graph.dep[token] = head, dep
    graph.children[head].append(token)
    return ctx, said


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "head_word", "dep"),
    [
        # the name hung on the noun before it as an apposition
        (
            "At the county fair on Saturday, former mayor Lou Danner said his daughter "
            "would make a fine governor.",
            "Danner",
            "fair",
            "appos",
        ),
        # the inverted name taken for the subject of the clause after it
        (
            "“The engines are easy, the paperwork is not,” said Tom Brennick, half joking.",
            "Brennick",
            "joking",
            "nsubj",
        ),
    ],
)
def test_a_cue_left_without_a_subject_takes_the_name_beside_it(
    nlp: Any, text: str, name: str, head_word: str, dep: str
) -> None:
    from storyline.stages.quotes.cues import _reporting_verb
    from storyline.stages.quotes.speaker import _subject

    ctx, said = _misparsed(nlp, text, name, head_word, dep)
    tokens = ctx.annotation.tokens
    assert _subject(ctx.graph, tokens, said, ctx.regions) is None
    attribution = _reporting_verb(ctx, said)
    assert attribution is not None and attribution.subject is not None
    subject = tokens[attribution.subject]
    assert ctx.article.text[subject.start : subject.end] == name


@pytest.mark.model
def test_a_subjectless_cue_takes_no_object_or_date_beside_it(nlp: Any) -> None:
    """With "voters" taken for an object, neither it nor the date beside "said" speaks."""
    from storyline.stages.quotes.cues import _neighbour_subject

    ctx, said = _misparsed(
        nlp,
        "The voters polled on Tuesday said the bridge toll was too high.",
        "voters",
        "polled",
        "dobj",
    )
    assert _neighbour_subject(ctx, said) is None


@pytest.mark.model
@pytest.mark.parametrize("verb", ["recapitulated", "intimated"])
def test_a_rare_verb_framing_a_clause_is_a_cue(nlp: Any, verb: str) -> None:
    """A verb too rare to hold a weight in the cue detector is judged by its frame: a named
    subject and a "that" clause make it a cue."""
    text = (
        "The harbour board met on Monday.\n"
        f"Councillor Maria Okafor {verb} that the ferry would keep its winter timetable."
    )
    _, quotes = extract_quotes_from_text(text, nlp=nlp)
    assert [
        (q.kind, q.speaker and q.speaker.mention.text, q.cue and q.cue.text) for q in quotes
    ] == [("indirect", "Councillor Maria Okafor", verb)]


@pytest.mark.model
def test_a_pronoun_is_the_person_the_last_sentence_opened_with(nlp: Any) -> None:
    text = (
        "Mayor Ivo Brandt said in a statement that the water had receded.\n\n"
        "Environment Minister Petra Halloway flew to the valley on Sunday. She told "
        "reporters that the mine would stay closed until the end of the year."
    )
    speaker = _speaker(nlp, text, "the mine would stay closed")
    assert speaker.mention.text == "She"
    assert speaker.name == "Petra Halloway"


@pytest.mark.model
def test_a_company_is_no_one_she_can_stand_for(nlp: Any) -> None:
    text = (
        "Marta Delgrove, a teacher in the town, said the warnings had been ignored.\n\n"
        "The company said it would pay for the repairs. She said that was not enough."
    )
    speaker = _speaker(nlp, text, "that was not enough")
    assert speaker.name == "Marta Delgrove"


@pytest.mark.model
@pytest.mark.parametrize(
    "second",
    [
        # a name after a verb is inside what the speaker said
        "Halloway said Tobin Marsh had never visited the site. He added that the dam was old.",
        # a name in a clause, not the subject the sentence opens with
        "If Tobin Marsh resigns, the board will meet. He said he expected a vote in May.",
    ],
)
def test_a_name_inside_a_clause_does_not_take_the_pronoun(nlp: Any, second: str) -> None:
    text = "Senator Ivo Halloway said the mine was unsafe.\n\n" + second
    article, quotes = extract_quotes_from_text(text, nlp=nlp)
    found = [q for q in quotes if q.speaker is not None and q.speaker.mention.text == "He"]
    assert found, [(q.span.text, q.speaker and q.speaker.mention.text) for q in quotes]
    assert {q.speaker.name for q in found if q.speaker} == {"Ivo Halloway"}
    _spans_exact(article.text, quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        (
            "Its chief executive, Tobias Renwald, said the dam had been inspected in April.",
            "the dam had been inspected",
            "Tobias Renwald",
        ),
        (
            "The country's environment minister, Irina Sokolova, said an inquiry would begin.",
            "an inquiry would begin",
            "Irina Sokolova",
        ),
    ],
)
def test_a_role_speaks_with_the_name_beside_it(nlp: Any, text: str, words: str, name: str) -> None:
    speaker = _speaker(nlp, text, words)
    assert speaker.name == name


@pytest.mark.model
def test_several_people_beside_a_plural_role_stay_the_phrase(nlp: Any) -> None:
    text = "Two objectors, Lena Fairweather and Omar Quist, said the ballot was unlawful."
    speaker = _speaker(nlp, text, "the ballot was unlawful")
    assert speaker.name == "Two objectors"


@pytest.mark.model
def test_when_it_was_said_is_no_part_of_the_speaker(nlp: Any) -> None:
    text = (
        "Prosecutors in Kessmark on Friday, 20 June, charged two engineers, saying the dam "
        "had been neglected."
    )
    speaker = _speaker(nlp, text, "the dam had been neglected")
    assert speaker.mention.text == "Prosecutors in Kessmark"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # the sentence before opens with a woman ("Mrs."): "he" is the man before her
        (
            "Senator Tomas Brill won the primary in the north on Tuesday. His rival, Mrs. "
            "Greta Lund, won in the south.\n\n"
            "He told the crowd that the result was a gift from his home town.",
            "the result was a gift",
            "Tomas Brill",
        ),
        # the last speaker is a woman ("her" right after her name): "he" is the man who
        # opened a sentence before her
        (
            "Greta Lund visited her old school on Monday. Harbour master Tomas Brill "
            "inspected the cranes at noon. Greta Lund told reporters that the fees would "
            "stay the same. He said the cranes were safe.",
            "the cranes were safe",
            "Tomas Brill",
        ),
        # the sentence before opens with a man ("Mr."): "she" is the last speaker
        (
            "Greta Lund said the ferry would run on Sunday.\n\n"
            "Mr. Tomas Brill, the harbour master, closed the pier at noon. She said the "
            "timetable would not change.",
            "the timetable would not change",
            "Greta Lund",
        ),
    ],
)
def test_a_pronoun_passes_over_a_person_of_the_other_gender(
    nlp: Any, text: str, words: str, name: str
) -> None:
    speaker = _speaker(nlp, text, words)
    assert speaker.name == name


@pytest.mark.model
def test_a_person_of_unknown_gender_still_takes_the_pronoun(nlp: Any) -> None:
    text = (
        "Greta Lund said the ferry would run on Sunday.\n\n"
        "Harbour master Robin Vale closed the pier at noon. He said the timetable would "
        "not change."
    )
    speaker = _speaker(nlp, text, "the timetable would not change")
    assert speaker.name == "Robin Vale"
