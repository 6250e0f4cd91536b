"""Quotes: the gender an article gives a name (`stages.quotes.gender`; invented text)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.model import Document
from storyline.stages.annotate import annotate_articles, split_at_paragraphs
from storyline.stages.clean import clean_document
from storyline.stages.quotes.gender import Genders, article_genders
from storyline.stages.quotes.regions import _regions


def _genders(nlp: Any, text: str) -> Genders:
    article = clean_document(Document("-", text, "text"))
    annotation = split_at_paragraphs(annotate_articles([article], nlp=nlp)[0], article.text)
    return article_genders(annotation, article.text, _regions(article.text))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "gender"),
    [
        ("Mrs. Greta Lund opened the new ferry terminal.", "Greta Lund", "female"),
        ("Sir Tomas Brill opened the new ferry terminal.", "Tomas Brill", "male"),
        ("The ferry was late, said actress Greta Lund.", "Greta Lund", "female"),
        ("Tomas Brill, the mayor, visited his old school on Monday.", "Tomas Brill", "male"),
        ("Greta Lund said she would vote against the plan.", "Greta Lund", "female"),
        # the surname alone shares the full name's gender
        ("Tomas Brill arrived at noon. Mr. Brill left at once.", "Tomas Brill", "male"),
        ("Greta Lund arrived at noon. She left at once.", "Lund", "female"),
        # what says nothing: an object pronoun, a possessive inside what was said, a name
        # after a verb, a title that both genders hold
        ("Greta Lund thanked him for the flowers.", "Greta Lund", None),
        ("Tomas Brill said the vote had ended her career.", "Tomas Brill", None),
        ("The council backed Greta Lund because he trusted the plan.", "Greta Lund", None),
        ("Chairman Robin Vale opened the meeting.", "Robin Vale", None),
    ],
)
def test_the_gender_the_article_gives_a_name(
    nlp: Any, text: str, name: str, gender: str | None
) -> None:
    assert _genders(nlp, text).of(name) == gender


@pytest.mark.model
def test_a_surname_two_people_share_keeps_its_evidence_to_itself(nlp: Any) -> None:
    text = "Tomas Brill and Greta Brill own the shipyard. Mrs. Brill said the yard would stay open."
    genders = _genders(nlp, text)
    assert genders.of("Brill") == "female"
    assert genders.of("Tomas Brill") is None


def test_a_title_the_tagger_kept_in_the_name_still_counts() -> None:
    from storyline.model import Annotation, NamedEntity, Sentence, Token

    text = "Mrs. Greta Lund left."
    words = [(0, 4), (5, 10), (11, 15), (16, 20), (20, 21)]
    annotation = Annotation(
        article="-",
        model="-",
        sentences=(Sentence(0, len(text)),),
        tokens=tuple(Token(s, e, text[s:e], "PROPN", "NNP") for s, e in words),
        entities=(NamedEntity(0, 15, "PERSON", "Mrs. Greta Lund"),),
    )
    genders = article_genders(annotation, text, [])
    assert genders.of("Greta Lund") == "female"
    assert genders.of("Lund") == "female"


def test_a_name_called_both_genders_about_as_often_has_none() -> None:
    genders = Genders({})
    genders.note("Robin Vale", "male", 10)
    genders.note("Robin Vale", "female", 20)
    assert genders.of("Robin Vale") is None
    genders.note("Robin Vale", "male", 30)
    genders.note("Robin Vale", "male", 40)
    assert genders.of("Robin Vale") == "male"
    assert genders.clashes("Vale", "she", 50) is False  # "Vale" alone: no full name known
    assert genders.clashes("Robin Vale", "she", 50) is True
    assert genders.clashes("Robin Vale", "he", 50) is False


def test_a_pronoun_is_no_evidence_against_itself() -> None:
    genders = Genders({})
    genders.note("Greta Lund", "male", 100)  # "Greta Lund flew in. He said ...": that "He"
    assert genders.clashes("Greta Lund", "she", 200) is True
    assert genders.clashes("Greta Lund", "she", 100) is False
