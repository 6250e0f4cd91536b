"""Entity resolution on hand-built articles: one test per kind of merge and per guard.

The annotations are built by `_doc` with a toy tagger (capitalised word -> PROPN, listed
verbs -> VERB, ...) so that each rule is tested without the spaCy model; one test at the end
runs the real pipeline.
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from storyline.model import Annotation, Article, Entity, NamedEntity, Segment, Sentence, Token
from storyline.stages.entities import compact, fold, load_gazetteer, resolve_entities

VERBS = {
    "said", "says", "met", "signed", "upgraded", "visited", "arrived", "told", "wrote",
    "spoke", "is", "was", "has", "will", "praised", "called", "stressed", "killed", "began",
    "consider", "landed", "stalled", "ended", "quoted", "bite", "plays", "invited", "were",
    "matters", "say",
}  # fmt: skip
DETERMINERS = {"the", "a", "an", "The", "A", "An"}
ADPOSITIONS = {"in", "to", "at", "of", "for", "with", "from", "by", "on", "like", "near"}
ADJECTIVES = {"former", "emeritus", "deputy", "senior", "top", "historical", "ruling"}
ADVERBS = {"now", "soon", "still", "also", "later", "again", "too"}
PLURALS = {"kingdoms": "kingdom", "republics": "republic"}


def _tag(word: str) -> tuple[str, str]:
    if word in VERBS:
        return "VERB", "VBD"
    if word in DETERMINERS:
        return "DET", "DT"
    if word in ADPOSITIONS:
        return "ADP", "IN"
    if word in ("and", "or"):
        return "CCONJ", "CC"
    if word in ("’s", "'s"):
        return "PART", "POS"
    if not word[0].isalnum():
        return "PUNCT", "."
    if word.casefold() in ADVERBS:
        return "ADV", "RB"
    if word.casefold() in ADJECTIVES:
        return "ADJ", "JJ"
    if word[0].isupper():
        return "PROPN", "NNP"
    return "NOUN", "NN"


def _doc(
    text: str, entities: list[tuple[str, str]], *, name: str = "a"
) -> tuple[Article, Annotation]:
    """An article and a toy annotation; `entities` are (surface, label), every occurrence."""
    article = Article(
        id=name,
        path=f"{name}.txt",
        format="text",
        title=None,
        outlet=None,
        url=None,
        language="en",
        text=text,
        raw=text,
        dropped=(),
        segments=(Segment(0, 0, len(text)),),
    )
    tokens = []
    for match in re.finditer(r"[’']s\b|\w+(?:[.\-]\w+)*\.?|[^\w\s]", text):
        word = match.group()
        if word.endswith(".") and len(word) > 2 and word.count(".") == 1:
            word = word[:-1]  # a full stop, not an abbreviation
        pos, tag = _tag(word)
        lemma = PLURALS.get(word, word.lower())
        tag = "NNS" if word in PLURALS else tag
        tokens.append(Token(match.start(), match.start() + len(word), lemma, pos, tag))
    sentences = []
    start = 0
    for match in re.finditer(r"(?<=[.!?])\s+", text):
        sentences.append(Sentence(start, match.start()))
        start = match.end()
    sentences.append(Sentence(start, len(text)))
    found = []
    for surface, label in entities:
        for match in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            found.append(NamedEntity(match.start(), match.end(), label, surface))
    found.sort(key=lambda e: (e.start, -e.end))
    flat: list[NamedEntity] = []
    for ne in found:
        if not flat or ne.start >= flat[-1].end:
            flat.append(ne)
    annotation = Annotation(name, "toy", tuple(sentences), tuple(tokens), tuple(flat))
    return article, annotation


def _resolve(*docs: tuple[Article, Annotation]) -> list[Entity]:
    return resolve_entities([d[0] for d in docs], [d[1] for d in docs])


def _entity_of(entities: list[Entity], article: str, text: str, nth: int = 0) -> Entity:
    hits = [
        (m.start, e)
        for e in entities
        for m in e.mentions
        if m.article == article and m.text == text
    ]
    hits.sort(key=lambda h: h[0])
    return hits[nth][1]


def _roles(entity: Entity) -> list[str]:
    return [r.text for r in entity.roles]


# ------------------------------------------------------------------- merges


def test_surname_joins_full_name_in_the_article() -> None:
    doc = _doc(
        "Marta Kowalczyk opened the meeting. Later Kowalczyk said the plan works.",
        [("Marta Kowalczyk", "PERSON"), ("Kowalczyk", "PERSON")],
    )
    (person,) = [e for e in _resolve(doc) if e.type == "PERSON"]
    assert person.name == "Marta Kowalczyk"
    assert [m.text for m in person.mentions] == ["Marta Kowalczyk", "Kowalczyk"]


def test_title_and_surname_is_the_person_with_a_role() -> None:
    doc = _doc(
        "Chancellor Otto Brandt arrived. Chancellor Brandt said little.",
        [("Chancellor Otto Brandt", "PERSON"), ("Chancellor Brandt", "PERSON")],
    )
    (person,) = [e for e in _resolve(doc) if e.type == "PERSON"]
    assert person.name == "Otto Brandt"
    assert {m.text for m in person.mentions} == {"Otto Brandt", "Brandt"}
    assert _roles(person) == ["Chancellor"]


def test_mislabelled_surname_still_joins_the_person() -> None:
    doc = _doc(
        "Tomas Ruiz met us. Ruiz said the port is busy.",
        [("Tomas Ruiz", "PERSON"), ("Ruiz", "ORG")],
    )
    entity = _entity_of(_resolve(doc), "a", "Ruiz")
    assert entity.name == "Tomas Ruiz" and entity.type == "PERSON"


def test_acronym_joins_its_expansion() -> None:
    doc = _doc(
        "The International Criminal Court met. The ICC said it would rule.",
        [("International Criminal Court", "ORG"), ("ICC", "ORG")],
    )
    (org,) = [e for e in _resolve(doc) if e.type == "ORG"]
    assert org.aliases == ("ICC",)


def test_bracketed_acronym_joins_the_name_before_it() -> None:
    doc = _doc(
        "Leaders of the Workers Party of Ruritania (WPR) met. The WPR said so.",
        [("Workers Party", "ORG"), ("WPR", "ORG"), ("Ruritania", "GPE")],
    )
    entity = _entity_of(_resolve(doc), "a", "WPR")
    assert entity.name == "Workers Party"
    assert [m.text for m in entity.mentions] == ["Workers Party", "WPR", "WPR"]


def test_same_name_across_articles_is_one_entity() -> None:
    a = _doc("Greta Lind spoke in Oslo.", [("Greta Lind", "PERSON")], name="a")
    b = _doc("Greta Lind spoke again.", [("Greta Lind", "PERSON")], name="b")
    (person,) = [e for e in _resolve(a, b) if e.type == "PERSON"]
    assert person.articles == ("a", "b")


def test_diacritics_are_folded_across_articles() -> None:
    a = _doc("Hà Nội hosted the fair. Prices in Hà Nội rose.", [("Hà Nội", "GPE")], name="a")
    b = _doc("Tourists flew to Hanoi for the fair.", [("Hanoi", "GPE")], name="b")
    cities = [e for e in _resolve(a, b) if e.type == "GPE" and e.country is None]
    assert len(cities) == 1
    assert {m.text for m in cities[0].mentions} == {"Hà Nội", "Hanoi"}
    assert fold("Hà Nội") == "ha noi" and compact("Viet Nam") == compact("Vietnam")


def test_typo_joins_where_the_article_agrees() -> None:
    a = _doc(
        "Nguyen Van Throng called. Later Trong said the talks went well.",
        [("Nguyen Van Throng", "PERSON"), ("Trong", "PERSON")],
        name="a",
    )
    b = _doc("Nguyen Van Trong received the envoy.", [("Nguyen Van Trong", "PERSON")], name="b")
    people = [e for e in _resolve(a, b) if e.type == "PERSON"]
    assert len(people) == 1
    assert people[0].name == "Nguyen Van Trong"
    assert set(people[0].aliases) == {"Nguyen Van Throng", "Trong"}


def test_typo_joins_where_co_mentions_agree() -> None:
    shared = [("Ruritania", "GPE"), ("Baltic Shipping Board", "ORG")]
    a = _doc(
        "Anna Kowalsky of Ruritania met the Baltic Shipping Board.",
        [("Anna Kowalsky", "PERSON"), *shared],
        name="a",
    )
    b = _doc(
        "Anna Kowalski of Ruritania left the Baltic Shipping Board.",
        [("Anna Kowalski", "PERSON"), *shared],
        name="b",
    )
    assert len([e for e in _resolve(a, b) if e.type == "PERSON"]) == 1


def test_surname_alone_joins_the_one_full_name_in_the_corpus() -> None:
    a = _doc("Ilse Moreau spoke first.", [("Ilse Moreau", "PERSON")], name="a")
    b = _doc("Moreau said the vote was close.", [("Moreau", "PERSON")], name="b")
    (person,) = [e for e in _resolve(a, b) if e.type == "PERSON"]
    assert person.articles == ("a", "b")


def test_organisation_named_three_ways() -> None:
    a = _doc(
        "She works at the Daniel K. Inouye Asia-Pacific Center for Security Studies now.",
        [("Daniel K. Inouye Asia-Pacific Center for Security Studies", "ORG")],
        name="a",
    )
    b = _doc(
        "He joined the Asia-Pacific Center for Security Studies.",
        [("Asia-Pacific Center for Security Studies", "ORG")],
        name="b",
    )
    c = _doc(
        "A fellow of the Inouye Asia-Pacific Center for Security Studies spoke.",
        [("Inouye Asia-Pacific Center for Security Studies", "ORG")],
        name="c",
    )
    (org,) = [e for e in _resolve(a, b, c) if e.type == "ORG"]
    assert org.name == "Daniel K. Inouye Asia-Pacific Center for Security Studies"
    assert org.articles == ("a", "b", "c")


def test_company_legal_form_and_short_name() -> None:
    a = _doc(
        "Nordwerk Motor Company cut jobs. Nordwerk said demand fell.",
        [("Nordwerk Motor Company", "ORG"), ("Nordwerk", "ORG")],
        name="a",
    )
    b = _doc("Nordwerk Motor Co. hired again.", [("Nordwerk Motor Co.", "ORG")], name="b")
    (org,) = [e for e in _resolve(a, b) if e.type == "ORG"]
    assert org.articles == ("a", "b")


def test_demonym_links_to_its_country() -> None:
    doc = _doc(
        "Vietnam hosted the talks. Vietnamese officials said Russians were welcome.",
        [("Vietnam", "GPE"), ("Vietnamese", "NORP"), ("Russians", "NORP")],
    )
    entities = _resolve(doc)
    country = _entity_of(entities, "a", "Vietnam")
    assert country.name == "Vietnam" and country.type == "GPE"
    assert "Vietnamese" in country.aliases
    people = _entity_of(entities, "a", "Russians")
    assert people.type == "NORP" and people.country == "Russia"


def test_government_of_a_demonym_is_the_country() -> None:
    doc = _doc(
        "The Vietnamese government said yes. Vietnam agreed.",
        [("Vietnamese", "NORP"), ("Vietnam", "GPE")],
    )
    entity = _entity_of(_resolve(doc), "a", "Vietnamese government")
    assert entity.name == "Vietnam"


def test_country_spellings_are_one_country() -> None:
    a = _doc("Trade with Viet Nam grew.", [("Viet Nam", "GPE")], name="a")
    b = _doc(
        "Trade with the U.S. grew and Vietnam gained.",
        [("U.S.", "GPE"), ("Vietnam", "GPE")],
        name="b",
    )
    c = _doc("The United States said so.", [("United States", "GPE")], name="c")
    entities = _resolve(a, b, c)
    assert _entity_of(entities, "a", "Viet Nam") is _entity_of(entities, "b", "Vietnam")
    assert _entity_of(entities, "b", "U.S.") is _entity_of(entities, "c", "United States")


@pytest.mark.parametrize(
    ("text", "capital", "metonym"),
    [
        ("Moscow said the talks were useful.", "Moscow", True),
        ("Ties between Hanoi and Washington upgraded fast.", "Washington", True),
        ("Hanoi and Washington upgraded their ties.", "Hanoi", True),
        ("The talks matter for Hanoi now.", "Hanoi", True),
        ("Hanoi’s efforts paid off.", "Hanoi", True),
        ("Loyalty to Moscow is what the old guard wants.", "Moscow", True),
        ("He lives in Hanoi now.", "Hanoi", False),
        ("The visit to Hanoi is short.", "Hanoi", False),
        ("He plans to visit Beijing soon.", "Beijing", False),
        ("A think tank in Hanoi, said the report.", "Hanoi", False),
        ("Hanoi: The leader landed at noon.", "Hanoi", False),
        ("The Hanoi airport was closed.", "Hanoi", False),
    ],
)
def test_capital_as_government_is_the_country(text: str, capital: str, metonym: bool) -> None:
    others = [c for c in ("Hanoi", "Moscow", "Washington", "Beijing") if c != capital]
    doc = _doc(text, [(capital, "GPE"), *((o, "GPE") for o in others)])
    entity = _entity_of(_resolve(doc), "a", capital)
    country = load_gazetteer().capitals[compact(capital)]
    if metonym:
        assert entity.name == country
        assert capital in [m.text for m in entity.metonyms]
    else:
        assert entity.name == capital and entity.metonyms == ()


def test_adjective_joins_the_place_it_derives_from() -> None:
    doc = _doc(
        "Soviet tanks rolled. The Soviet Union fell.",
        [("Soviet", "NORP"), ("Soviet Union", "GPE")],
    )
    entity = _entity_of(_resolve(doc), "a", "Soviet")
    assert entity.name == "Soviet Union" and entity.type == "GPE"


def test_name_the_tagger_missed_is_found_again() -> None:
    doc = _doc(
        "Kofi Mensah arrived. Mensah said the harbour is full.",
        [("Kofi Mensah", "PERSON")],  # the tagger did not mark the second one
    )
    (person,) = [e for e in _resolve(doc) if e.type == "PERSON"]
    assert [m.text for m in person.mentions] == ["Kofi Mensah", "Mensah"]


def test_nominal_leader_joins_the_titled_person() -> None:
    doc = _doc(
        "Ruritanian President Karl Ost arrived. The visit lets the Ruritanian leader rest.",
        [("Ruritanian", "NORP"), ("Karl Ost", "PERSON")],
    )
    gazetteer = load_gazetteer()
    if "ruritanian" not in gazetteer.demonyms:
        doc = _doc(
            "Russian President Karl Ost arrived. The visit lets the Russian leader rest.",
            [("Russian", "NORP"), ("Karl Ost", "PERSON")],
        )
    person = _entity_of(_resolve(doc), "a", "Karl Ost")
    assert any(m.text.endswith("leader") for m in person.mentions)


# -------------------------------------------------------------------- roles


def test_roles_from_title_apposition_and_affiliation() -> None:
    text = (
        "Chief negotiator Lena Park met Omar Haddad, a lecturer at Baltic Law University and "
        "maritime dispute expert, on Monday. Ines Varga of the Nordic Policy Forum said more."
    )
    doc = _doc(
        text,
        [
            ("Lena Park", "PERSON"),
            ("Omar Haddad", "PERSON"),
            ("Baltic Law University", "ORG"),
            ("Ines Varga", "PERSON"),
            ("Nordic Policy Forum", "ORG"),
        ],
    )
    entities = _resolve(doc)
    assert _roles(_entity_of(entities, "a", "Lena Park")) == ["Chief negotiator"]
    assert _roles(_entity_of(entities, "a", "Omar Haddad")) == [
        "lecturer at Baltic Law University",
        "maritime dispute expert",
    ]
    assert _roles(_entity_of(entities, "a", "Ines Varga")) == ["of the Nordic Policy Forum"]
    for entity in entities:
        for role in entity.roles:
            for span in role.evidence:
                assert text[span.start : span.end] == span.text == role.text


def test_roles_merge_per_entity_across_articles() -> None:
    a = _doc("Senior fellow Ada Quist wrote.", [("Ada Quist", "PERSON")], name="a")
    b = _doc("Senior fellow Ada Quist spoke.", [("Ada Quist", "PERSON")], name="b")
    (person,) = [e for e in _resolve(a, b) if e.type == "PERSON"]
    (role,) = person.roles
    assert [s.article for s in role.evidence] == ["a", "b"]


def test_a_list_of_names_is_not_an_apposition() -> None:
    doc = _doc(
        "Ruritania, Vietnam and a few other countries signed.",
        [("Ruritania", "GPE"), ("Vietnam", "GPE")],
    )
    assert all(e.roles == () for e in _resolve(doc))


# ------------------------------------------------------------------- guards


def test_different_first_names_are_different_people() -> None:
    a = _doc("Joe Biden spoke.", [("Joe Biden", "PERSON")], name="a")
    b = _doc("Jill Biden spoke.", [("Jill Biden", "PERSON")], name="b")
    assert len([e for e in _resolve(a, b) if e.type == "PERSON"]) == 2


def test_different_initials_are_different_people() -> None:
    shared = [("Ruritania", "GPE"), ("Baltic Shipping Board", "ORG")]
    a = _doc(
        "John A. Smith of Ruritania met the Baltic Shipping Board.",
        [("John A. Smith", "PERSON"), *shared],
        name="a",
    )
    b = _doc(
        "John B. Smith of Ruritania met the Baltic Shipping Board.",
        [("John B. Smith", "PERSON"), *shared],
        name="b",
    )
    assert len([e for e in _resolve(a, b) if e.type == "PERSON"]) == 2


def test_person_and_place_of_the_same_name_stay_apart() -> None:
    a = _doc("Jordan Peters met Georgia Lane.", [("Georgia Lane", "PERSON")], name="a")
    b = _doc("Georgia signed a deal.", [("Georgia", "GPE")], name="b")
    c = _doc("Georgia Lane said no.", [("Georgia Lane", "PERSON")], name="c")
    entities = _resolve(a, b, c)
    assert _entity_of(entities, "b", "Georgia").type == "GPE"
    assert _entity_of(entities, "a", "Georgia Lane") is _entity_of(entities, "c", "Georgia Lane")
    assert _entity_of(entities, "b", "Georgia") is not _entity_of(entities, "a", "Georgia Lane")


def test_typo_without_agreeing_context_is_not_merged() -> None:
    a = _doc("Nguyen Van Throng called.", [("Nguyen Van Throng", "PERSON")], name="a")
    b = _doc("Nguyen Van Trong left.", [("Nguyen Van Trong", "PERSON")], name="b")
    assert len([e for e in _resolve(a, b) if e.type == "PERSON"]) == 2


def test_ambiguous_surname_is_left_alone() -> None:
    a = _doc("Joe Biden spoke.", [("Joe Biden", "PERSON")], name="a")
    b = _doc("Jill Biden spoke.", [("Jill Biden", "PERSON")], name="b")
    c = _doc("Biden spoke too.", [("Biden", "PERSON")], name="c")
    entity = _entity_of(_resolve(a, b, c), "c", "Biden")
    assert entity.articles == ("c",)


def test_same_acronym_for_different_organisations_is_not_merged() -> None:
    a = _doc(
        "The International Criminal Court sat. The ICC ruled.",
        [("International Criminal Court", "ORG"), ("ICC", "ORG")],
        name="a",
    )
    b = _doc(
        "The International Cricket Council met. The ICC ruled.",
        [("International Cricket Council", "ORG"), ("ICC", "ORG")],
        name="b",
    )
    assert len([e for e in _resolve(a, b) if e.type == "ORG"]) == 2


def test_one_short_name_for_two_companies_is_not_merged() -> None:
    doc = _doc(
        "Apple Corps sued Apple Records. Apple said nothing.",
        [("Apple Corps", "ORG"), ("Apple Records", "ORG"), ("Apple", "ORG")],
    )
    entity = _entity_of(_resolve(doc), "a", "Apple")
    assert entity.mentions[0].text == "Apple" and len(entity.mentions) == 1


def test_literal_city_is_not_the_country() -> None:
    a = _doc("Hanoi said yes.", [("Hanoi", "GPE")], name="a")
    b = _doc("He landed in Hanoi.", [("Hanoi", "GPE")], name="b")
    entities = _resolve(a, b)
    assert _entity_of(entities, "a", "Hanoi") is not _entity_of(entities, "b", "Hanoi")


# ----------------------------------------------------------------- properties

CORPUS = [
    (
        "Marta Kowalczyk, a professor at the Baltic Law University, met Otto Brandt. "
        "Kowalczyk said Moscow was wrong. Vietnamese officials agreed.",
        [
            ("Marta Kowalczyk", "PERSON"),
            ("Kowalczyk", "PERSON"),
            ("Baltic Law University", "ORG"),
            ("Otto Brandt", "PERSON"),
            ("Moscow", "GPE"),
            ("Vietnamese", "NORP"),
        ],
    ),
    (
        "Otto Brandt visited Hà Nội. Brandt told the ICC and the International Criminal Court.",
        [
            ("Otto Brandt", "PERSON"),
            ("Brandt", "PERSON"),
            ("Hà Nội", "GPE"),
            ("ICC", "ORG"),
            ("International Criminal Court", "ORG"),
        ],
    ),
]


def _corpus() -> list[tuple[Article, Annotation]]:
    return [_doc(text, ents, name=f"doc{i}") for i, (text, ents) in enumerate(CORPUS)]


def test_every_span_matches_its_text() -> None:
    docs = _corpus()
    texts = {a.id: a.text for a, _ in docs}
    for entity in _resolve(*docs):
        for m in (*entity.mentions, *entity.metonyms):
            assert texts[m.article][m.start : m.end] == m.text
        for role in entity.roles:
            for s in role.evidence:
                assert texts[s.article][s.start : s.end] == s.text


def test_output_does_not_depend_on_input_order() -> None:
    docs = _corpus()
    first = _resolve(*docs)
    shuffled = list(docs)
    random.Random(7).shuffle(shuffled)
    assert _resolve(*reversed(shuffled)) == first
    assert len({e.id for e in first}) == len(first)


def test_articles_not_in_english_are_skipped() -> None:
    article, annotation = _doc("Otto Brandt a parlé.", [("Otto Brandt", "PERSON")])
    french = Article(**{**_fields(article), "language": "fr"})
    assert resolve_entities([french], [annotation]) == []


def _fields(article: Article) -> dict[str, Any]:
    return {name: getattr(article, name) for name in article.__slots__}


@pytest.mark.model
def test_with_the_real_tagger(nlp: Any) -> None:
    from storyline.stages.annotate import annotate_articles

    text = (
        "Ruritanian envoys arrived in Hanoi on Monday. Prime Minister Pham Minh Chinh met "
        "German Chancellor Olaf Scholz, and Scholz said Berlin wants closer ties. "
        "Pham Minh Chinh said Hanoi would study the offer."
    )
    article, _ = _doc(text, [])
    (annotation,) = annotate_articles([article], nlp=nlp)
    entities = resolve_entities([article], [annotation])
    scholz = _entity_of(entities, article.id, "Scholz")
    assert scholz.name == "Olaf Scholz"
    assert "German Chancellor" in _roles(scholz)
    germany = _entity_of(entities, article.id, "Berlin")
    assert germany.name == "Germany"
    for entity in entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text


# --------------------------------------------------- names with a noun, descriptions


def _mentions_of(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions]


def test_a_name_and_a_noun_is_a_facility_or_an_event() -> None:
    doc = _doc(
        "Pilots landed at the Oslo airport on Friday. Envoys met at the G-20 summit later, "
        "long after the COVID-19 pandemic.",
        [("Oslo", "GPE"), ("COVID-19", "ORG")],
    )
    entities = _resolve(doc)
    airport = _entity_of(entities, "a", "Oslo airport")
    assert airport.type == "LOC"
    assert _entity_of(entities, "a", "Oslo").type == "GPE"  # the city keeps its mention
    assert _entity_of(entities, "a", "G-20 summit").type == "EVENT"
    # A name inside keeps its own mention ("the DNC meeting" still names the DNC).
    assert _entity_of(entities, "a", "COVID-19").type == "ORG"


def test_a_conflict_and_its_place_are_one_event_across_articles() -> None:
    a = _doc(
        "The invasion of Moldova began in spring. Since the war began, grain prices rose.",
        [("Moldova", "GPE")],
        name="a",
    )
    b = _doc("Talks on the Moldova war stalled again.", [("Moldova", "GPE")], name="b")
    event = _entity_of(_resolve(a, b), "a", "invasion of Moldova")
    assert event.type == "EVENT"
    assert sorted(_mentions_of(event)) == ["Moldova war", "invasion of Moldova", "war"]


def test_a_bare_war_joins_nothing_when_the_article_names_two() -> None:
    doc = _doc(
        "The war in Moldova and the invasion of Chad were discussed. Then the war ended.",
        [("Moldova", "GPE"), ("Chad", "GPE")],
    )
    entities = _resolve(doc)
    events = [e for e in entities if e.type == "EVENT"]
    assert len(events) == 2
    assert all("war" not in _mentions_of(e) for e in events)


def test_an_incident_is_named_by_its_noun_where_victims_are_counted() -> None:
    killed = _doc("Nine guards were killed in the attack at dawn.", [])
    (event,) = [e for e in _resolve(killed) if e.type == "EVENT"]
    assert _mentions_of(event) == ["attack"]
    planned = _doc("The attack was planned for weeks.", [])
    assert not [e for e in _resolve(planned) if e.type == "EVENT"]


def test_a_country_described_by_its_region() -> None:
    doc = _doc(
        "Ministers from Chile flew to Thailand. The deal gave the Southeast Asian country a new "
        "partner, and the Southeast Asian farming powerhouse said so.",
        [("Chile", "GPE"), ("Thailand", "GPE"), ("Southeast Asian", "NORP")],
    )
    entities = _resolve(doc)
    thailand = _entity_of(entities, "a", "Thailand")
    assert "Southeast Asian country" in _mentions_of(thailand)
    assert "Southeast Asian farming powerhouse" in _mentions_of(thailand)
    # Only the richer description is also a role; the adjective inside is not a mention.
    assert _roles(thailand) == ["Southeast Asian farming powerhouse"]
    assert not any(e.name == "Southeast Asian" for e in entities)
    assert "Southeast Asian country" not in _mentions_of(_entity_of(entities, "a", "Chile"))


def test_a_place_or_group_name_before_an_organisation_noun_is_an_organisation() -> None:
    doc = _doc(
        "Mira Holt, a lecturer at the Lima Law School, said the raid was claimed by the "
        "Islamic State.",
        [("Mira Holt", "PERSON"), ("Lima", "GPE"), ("Islamic", "NORP")],
    )
    entities = _resolve(doc)
    assert _entity_of(entities, "a", "Lima Law School").type == "ORG"
    assert _entity_of(entities, "a", "Islamic State").type == "ORG"
    assert _roles(_entity_of(entities, "a", "Mira Holt")) == ["lecturer at the Lima Law School"]


def test_a_headline_adjective_is_not_an_organisation() -> None:
    doc = _doc(
        "Trade Pact Tests Old Friends And Western Partners\nWestern sanctions bite. Critics say "
        "Western banks will suffer.",
        [("Western Partners", "ORG"), ("Western sanctions", "NORP")],
    )
    # The toy tagger marks "Western" once in the body (as the tagger did on the seeds).
    article, annotation = doc
    body = article.text.index("Western sanctions")
    flat = tuple(
        NamedEntity(e.start, e.start + 7, "NORP", "Western") if e.start == body else e
        for e in annotation.entities
    )
    doc = (article, Annotation("a", "toy", annotation.sentences, annotation.tokens, flat))
    entities = _resolve(doc)
    assert not any(e.type == "ORG" for e in entities)
    western = _entity_of(entities, "a", "Western")
    assert len(western.mentions) == 3  # headline, tagged body, and the one the tagger missed


def test_a_country_and_an_office_in_a_headline_is_its_holder() -> None:
    doc = _doc(
        "Envoy Visit Follows Invitation From Chile Party Chief\nSocialist Party of Chile leader "
        "Ana Roa invited him.",
        [("Chile", "GPE"), ("Ana Roa", "PERSON"), ("Socialist Party of Chile", "ORG")],
    )
    person = _entity_of(_resolve(doc), "a", "Ana Roa")
    assert "Chile Party Chief" in _mentions_of(person)


# ------------------------------------------------------------- more kinds of roles


def test_roles_from_copula_and_from_a_comparison() -> None:
    doc = _doc(
        "Chile, like Peru, is a steady buyer of copper. Critics consider Bolivia a reliable "
        "partner.",
        [("Chile", "GPE"), ("Peru", "GPE"), ("Bolivia", "GPE")],
    )
    entities = _resolve(doc)
    assert _roles(_entity_of(entities, "a", "Chile")) == ["steady buyer of copper"]
    assert _roles(_entity_of(entities, "a", "Peru")) == ["steady buyer of copper"]
    assert _roles(_entity_of(entities, "a", "Bolivia")) == ["reliable partner"]


def test_a_plural_apposition_gives_each_name_the_singular() -> None:
    doc = _doc(
        "Envoys praised Latvia and Estonia, two former Soviet republics that joined early.",
        [("Latvia", "GPE"), ("Estonia", "GPE")],
    )
    entities = _resolve(doc)
    for name in ("Latvia", "Estonia"):
        assert _roles(_entity_of(entities, "a", name)) == ["former Soviet republic"]


def test_a_role_as_and_the_role_a_name_plays() -> None:
    doc = _doc(
        "Norway’s historical role as Chile’s main salmon supplier matters.",
        [("Norway", "GPE"), ("Chile", "GPE")],
    )
    assert _roles(_entity_of(_resolve(doc), "a", "Norway")) == ["Chile’s main salmon supplier"]


def test_organisation_roles_from_the_words_around_the_name() -> None:
    text = (
        "Mira Holt, a fellow at Peru’s Andean Policy Institute, spoke. Chilean state mining "
        "firm Codelta signed. Critics of the ruling Workers Party of Chile spoke at the "
        "Pacific Trade Center in Lima. Chile joined the PACT group of mining nations."
    )
    doc = _doc(
        text,
        [
            ("Mira Holt", "PERSON"),
            ("Peru", "GPE"),
            ("Andean Policy Institute", "ORG"),
            ("Chilean", "NORP"),
            ("Codelta", "NORP"),
            ("Workers Party of Chile", "ORG"),
            ("Pacific Trade Center", "ORG"),
            ("Lima", "GPE"),
            ("PACT", "GPE"),
        ],
    )
    entities = _resolve(doc)
    assert _roles(_entity_of(entities, "a", "Andean Policy Institute")) == ["Peru-based institute"]
    company = _entity_of(entities, "a", "Codelta")
    assert (company.type, _roles(company)) == ("ORG", ["Chilean state mining firm"])
    assert _roles(_entity_of(entities, "a", "Workers Party of Chile")) == ["ruling party of Chile"]
    assert _roles(_entity_of(entities, "a", "Pacific Trade Center")) == ["Lima-based center"]
    bloc = _entity_of(entities, "a", "PACT")
    assert (bloc.type, _roles(bloc)) == ("ORG", ["group of mining nations"])


def test_news_organisations_are_who_people_tell_and_who_quotes() -> None:
    doc = _doc(
        "Ana Roa told Reuters the deal was done. Bloomberg quoted her aide. Ana Roa also "
        "told Congress about it.",
        [("Ana Roa", "PERSON"), ("Reuters", "ORG"), ("Bloomberg", "ORG"), ("Congress", "ORG")],
    )
    entities = _resolve(doc)
    assert _roles(_entity_of(entities, "a", "Reuters")) == ["news organisation"]
    assert _roles(_entity_of(entities, "a", "Bloomberg")) == ["news organisation"]
    assert _roles(_entity_of(entities, "a", "Congress")) == []


def test_an_affiliation_after_a_name_word_the_tagger_left_out() -> None:
    doc = _doc(
        "Ines Varga of the Hale Nordic Policy Forum said more.",
        [("Ines Varga", "PERSON"), ("Nordic Policy Forum", "ORG")],
    )
    person = _entity_of(_resolve(doc), "a", "Ines Varga")
    assert _roles(person) == ["of the Hale Nordic Policy Forum"]


def test_what_is_said_of_a_person_is_no_role_and_a_bare_plural_is_no_apposition() -> None:
    doc = _doc(
        "Critics say Ana Roa is a dreadful negotiator. Panels wrote to Congress, sources who "
        "saw the letters said.",
        [("Ana Roa", "PERSON"), ("Congress", "ORG")],
    )
    entities = _resolve(doc)
    assert _roles(_entity_of(entities, "a", "Ana Roa")) == []
    assert _roles(_entity_of(entities, "a", "Congress")) == []


def test_a_headline_organisation_noun_keeps_the_name() -> None:
    doc = _doc(
        "Mayor Opens Nordic Heritage Museum Downtown\nNordic visitors came.",
        [("Nordic Heritage Museum", "ORG"), ("Nordic", "NORP")],
    )
    assert _entity_of(_resolve(doc), "a", "Nordic Heritage Museum").type == "ORG"
