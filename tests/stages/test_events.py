"""Events: triggers, participants, dates and status per article; merging across articles."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from storyline import timevalues
from storyline.model import Document, Event, EventDate, EventMention, Participant, Span
from storyline.stages import entities, events, timex
from storyline.stages.annotate import annotate_articles
from storyline.stages.clean import clean_document
from storyline.stages.events.merge import standalone
from storyline.stages.published import given


def _run(
    nlp: Any, *texts: tuple[str, str | None], bare: bool = False
) -> tuple[list[EventMention], list[Event]]:
    """Mentions and merged events of articles given as (text, publication day or None); an
    event of one bare mention (no participant, date or place: "the deal" alone), which
    merging keeps but a dossier does not list, only with `bare`."""
    articles = []
    for number, (text, day) in enumerate(texts):
        article = clean_document(Document(f"a{number}.txt", text, "text"))
        articles.append(replace(article, published=given(day)) if day else article)
    annotations = annotate_articles(articles, nlp=nlp)
    found = entities.resolve_entities(articles, annotations)
    times = timex.extract_timexes(articles, annotations)
    mentions = [
        m
        for article, annotation in zip(articles, annotations, strict=True)
        for m in events.extract_events(
            article,
            annotation,
            nlp=nlp,
            entities=found,
            timexes=[t for t in times if t.article == article.id],
        )
    ]
    merged = events.merge_events(mentions, entities.places(found), entities.memberships(found))
    if bare:
        return mentions, merged
    return mentions, [e for e in merged if len(e.mentions) > 1 or standalone(e.mentions[0])]


def _only(mentions: list[EventMention], predicate: str) -> EventMention:
    chosen = [m for m in mentions if m.predicate == predicate]
    assert len(chosen) == 1, [(m.predicate, m.trigger.text) for m in mentions]
    return chosen[0]


@pytest.mark.model
def test_a_visit_with_its_actor_place_date_and_type(nlp: Any) -> None:
    mentions, _ = _run(
        nlp, ("Chancellor Olaf Scholz visited Hanoi on March 4, 2024, for two days.", "2024-03-10")
    )
    visit = _only(mentions, "visit")
    assert visit.type == "CONSULT" and visit.mode == "visit"
    assert visit.trigger.text == "visited"
    assert [a.name for a in visit.actors] == ["Olaf Scholz"]
    assert visit.location is not None and visit.location.name == "Hanoi"
    assert visit.date is not None and visit.date.value == "2024-03-04"
    assert visit.date.granularity == "day"
    assert visit.status == "happened"


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "status", "cue"),
    [
        ("Olaf Scholz will visit Hanoi in July.", "expected", "will"),
        ("Olaf Scholz could visit Hanoi in July.", "speculated", "could"),
        ("Olaf Scholz plans to visit Hanoi in July.", "planned", "plans"),
        ("Olaf Scholz is scheduled to visit Hanoi in July.", "scheduled", "scheduled"),
        ("Olaf Scholz is expected to visit Hanoi in July.", "expected", "expected"),
        ("Olaf Scholz did not visit Hanoi in February.", "negated", "not"),
        ("If Olaf Scholz visits Hanoi, the talks will be long.", "hypothetical", "If"),
        ("Olaf Scholz's upcoming visit to Hanoi worries Beijing.", "expected", "upcoming"),
        ("Olaf Scholz visited Hanoi in February.", "happened", "visited"),
        ("Olaf Scholz visits Hanoi on June 20.", "scheduled", "visits"),
    ],
)
def test_status_from_modality_governors_and_tense(
    nlp: Any, sentence: str, status: str, cue: str
) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-03-10"))
    visit = _only(mentions, "visit")
    assert visit.status == status
    assert visit.cue is not None and visit.cue.text == cue


@pytest.mark.model
def test_a_since_date_belongs_to_another_event(nlp: Any) -> None:
    mentions, _ = _run(nlp, ("It is Olaf Scholz's first visit to Hanoi since 2017.", "2024-03-10"))
    assert _only(mentions, "visit").date is None


@pytest.mark.model
def test_a_governing_clause_dates_a_reported_past_event(nlp: Any) -> None:
    text = "In October, state media reported that Olaf Scholz had accepted the invitation."
    mentions, _ = _run(nlp, (text, "2024-03-10"))
    accepted = _only(mentions, "accept_invitation")
    assert accepted.date is not None and accepted.date.value == "2023-10"


@pytest.mark.model
def test_a_weekday_is_a_range_when_only_the_month_of_writing_is_known(nlp: Any) -> None:
    text = "Olaf Scholz arrived in Hanoi on Wednesday."
    mentions, _ = _run(nlp, (text, "2024-03-13"))
    assert _only(mentions, "arrive").date is not None
    article = clean_document(Document("m.txt", text, "text"))
    month = replace(
        article,
        published=replace(
            given("2024-03-13"), value="2024-03", earliest="2024-03-01", latest="2024-03-31"
        ),
    )
    annotation = annotate_articles([month], nlp=nlp)[0]
    found = entities.resolve_entities([month], [annotation])
    times = timex.extract_timexes([month], [annotation])
    mention = next(
        m
        for m in events.extract_events(month, annotation, nlp=nlp, entities=found, timexes=times)
        if m.predicate == "arrive"
    )
    # the Wednesday before some day of March: any Wednesday from Feb 28 to Mar 27, not a guess
    assert mention.date is not None and mention.date.value == "2024-02-28/2024-03-27"


@pytest.mark.model
def test_a_forecast_and_the_later_report_are_one_event_with_a_history(nlp: Any) -> None:
    _, merged = _run(
        nlp,
        ("Olaf Scholz will visit Vietnam next month, officials said.", "2024-05-02"),
        ("Olaf Scholz visited Vietnam on June 12, meeting its president.", "2024-06-14"),
    )
    visits = [e for e in merged if e.predicate == "visit"]
    assert len(visits) == 1
    assert [h.status for h in visits[0].history] == ["expected", "happened"]
    assert visits[0].status == "happened"
    assert visits[0].date is not None and visits[0].date.value == "2024-06-12"
    assert len({s.article for s in visits[0].sources}) == 2


@pytest.mark.model
def test_two_visits_that_happened_in_different_years_stay_apart(nlp: Any) -> None:
    _, merged = _run(
        nlp,
        ("Olaf Scholz visited Vietnam in 2017.", "2024-06-14"),
        ("Olaf Scholz visited Vietnam on June 12, 2024.", "2024-06-14"),
    )
    assert len([e for e in merged if e.predicate == "visit"]) == 2


@pytest.mark.model
def test_visits_to_different_countries_stay_apart(nlp: Any) -> None:
    _, merged = _run(
        nlp,
        ("Olaf Scholz visited Vietnam on Tuesday.", "2024-06-14"),
        ("Olaf Scholz visited Laos on Tuesday.", "2024-06-14"),
    )
    assert len([e for e in merged if e.predicate == "visit"]) == 2


@pytest.mark.model
def test_a_forecast_written_after_the_event_was_reported_is_another_event(nlp: Any) -> None:
    _, merged = _run(
        nlp,
        ("Olaf Scholz visited Vietnam last week.", "2024-06-14"),
        ("Olaf Scholz will visit Vietnam again, officials said.", "2024-07-20"),
    )
    assert len([e for e in merged if e.predicate == "visit"]) == 2


@pytest.mark.model
def test_the_visit_joins_the_nearest_earlier_mention_and_plurals_stay_apart(nlp: Any) -> None:
    text = (
        "Olaf Scholz visited Vietnam on June 12, 2024.\n\n"
        "The visit lasted two days.\n\n"
        "Visits by other leaders drew less notice."
    )
    mentions, merged = _run(nlp, (text, "2024-06-14"), bare=True)
    assert len([m for m in mentions if m.predicate == "visit"]) == 3
    visits = [e for e in merged if e.predicate == "visit"]
    # the bare "The visit" joined the dated one; the plural with nothing to tell stays an
    # event of its own, which the dossier does not list
    assert [len(e.mentions) for e in visits] == [2, 1]
    assert [events.reported(e) for e in visits] == [True, False]
    assert visits[1].mentions[0].plural


@pytest.mark.model
def test_coordinated_visitors_are_separate_visits(nlp: Any) -> None:
    mentions, merged = _run(nlp, ("Joe Biden and Xi Jinping visited Hanoi in 2023.", "2024-03-10"))
    visits = [m for m in mentions if m.predicate == "visit"]
    assert sorted(v.actors[0].name for v in visits) == ["Joe Biden", "Xi Jinping"]
    # one trigger, two events: each keeps its own id (the store's primary key)
    assert len([e for e in merged if e.predicate == "visit"]) == 2
    assert len({e.id for e in merged}) == len(merged)


@pytest.mark.model
def test_a_host_receives_a_visitor_but_not_a_summit(nlp: Any) -> None:
    mentions, _ = _run(
        nlp,
        ("Vietnam hosted Olaf Scholz in March 2024.", "2024-06-14"),
        ("Vietnam hosted the regional summit in 2020.", "2024-06-14"),
    )
    visits = [m for m in mentions if m.predicate == "visit"]
    assert len(visits) == 1
    assert [a.name for a in visits[0].actors] == ["Olaf Scholz"]
    assert [t.name for t in visits[0].targets] == ["Vietnam"]


@pytest.mark.model
def test_words_inside_quote_marks_are_not_events(nlp: Any) -> None:
    mentions, _ = _run(
        nlp, ('"We will sign the agreement soon," the minister said on Monday.', "2024-06-14")
    )
    assert [m for m in mentions if m.predicate == "sign_agreement"] == []


_SPAN = Span("a", 0, 4, "text")
_SOMEONE = (Participant(_SPAN, "Joe Biden", "e1"),)


def _event(name: str, value: str | None, who: tuple[Participant, ...] = _SOMEONE) -> Event:
    """A hand-made merged visit with a date value (or none) and its actors."""
    return Event(
        id=name,
        type="CONSULT",
        predicate="visit",
        mode="visit",
        actors=who,
        targets=(),
        location=None,
        date=EventDate(value, timevalues.granularity(value), _SPAN) if value else None,
        status="happened",
        summary=_SPAN,
        sources=(_SPAN,),
        history=(),
    )


def test_timeline_orders_by_start_longer_first_with_vague_last() -> None:
    event = _event

    ordered = events.timeline(
        [
            event("undated", None),
            event("june", "2024-06"),
            event("day", "2024-06-01"),
            event("year", "2024"),
            event("vague", "PAST_REF"),
        ]
    )
    assert [t.event for t in ordered] == ["year", "june", "day", "vague"]
    assert [t.granularity for t in ordered] == ["year", "month", "day", "fuzzy"]


@pytest.mark.parametrize(
    ("value", "first", "last", "granularity"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("2024-06", date(2024, 6, 1), date(2024, 6, 30), "month"),
        ("2024-W25", date(2024, 6, 17), date(2024, 6, 23), "week"),
        ("2024-W25-WE", date(2024, 6, 22), date(2024, 6, 23), "week"),
        ("2024-Q2", date(2024, 4, 1), date(2024, 6, 30), "quarter"),
        ("2024-H2", date(2024, 7, 1), date(2024, 12, 31), "half"),
        ("2024-SU", date(2024, 6, 1), date(2024, 8, 31), "season"),
        ("2023-WI", date(2023, 12, 1), date(2024, 2, 29), "season"),
        ("2024-06-19", date(2024, 6, 19), date(2024, 6, 19), "day"),
        ("2024-06-19TNI", date(2024, 6, 19), date(2024, 6, 19), "time"),
        ("2024-06-19/2024-06-20", date(2024, 6, 19), date(2024, 6, 20), "range"),
        ("201", date(2010, 1, 1), date(2019, 12, 31), "decade"),
    ],
)
def test_time_values_as_periods(value: str, first: date, last: date, granularity: str) -> None:
    assert timevalues.period(value) == (first, last)
    assert timevalues.granularity(value) == granularity


@pytest.mark.parametrize("value", ["PAST_REF", "P2Y", "XXXX-06", "2024-13", "soon"])
def test_values_off_the_calendar_have_no_period(value: str) -> None:
    assert timevalues.period(value) is None


def _summary(mentions: list[EventMention], predicate: str) -> list[tuple[str, str, str | None]]:
    """(actors, targets, date) of each mention of a predicate, in text order."""
    return [
        (
            "+".join(a.name for a in m.actors),
            "+".join(t.name for t in m.targets),
            m.date.value if m.date else None,
        )
        for m in mentions
        if m.predicate == predicate
    ]


@pytest.mark.model
def test_a_relative_clause_with_a_light_verb_dates_and_voices_the_event(nlp: Any) -> None:
    mentions, _ = _run(
        nlp,
        (
            "Trade fell after the invasion of Kuwait that Iraq launched in August 1990.",
            "2024-01-08",
        ),
    )
    invasion = _only(mentions, "invade")
    assert invasion.date is not None and invasion.date.value == "1990-08"
    assert [a.name for a in invasion.actors] == ["Iraq"]
    assert [t.name for t in invasion.targets] == ["Kuwait"]
    assert invasion.status == "happened"


@pytest.mark.model
def test_a_country_named_before_an_assault_noun_is_its_target(nlp: Any) -> None:
    mentions, _ = _run(nlp, ("Oil prices rose sharply after the Kuwait invasion.", "2024-01-08"))
    invasion = _only(mentions, "invade")
    assert invasion.actors == ()
    assert [t.name for t in invasion.targets] == ["Kuwait"]


@pytest.mark.model
def test_a_named_gathering_dates_the_event_held_at_it(nlp: Any) -> None:
    mentions, _ = _run(
        nlp, ("Angela Merkel attended the G20 Summit hosted by Japan in 2019.", "2024-01-08")
    )
    attended = _only(mentions, "attend")
    assert attended.date is not None and attended.date.value == "2019"


@pytest.mark.model
def test_an_event_inside_an_earlier_call_takes_its_date(nlp: Any) -> None:
    text = (
        "Lula invited Emmanuel Macron to Brasilia during a phone call on May 3, 2023. "
        "In the call, Lula also congratulated Macron on his victory and offered his "
        "condolences over the floods of last month."
    )
    mentions, _ = _run(nlp, (text, "2023-05-10"))
    assert _summary(mentions, "phone_call") == [("", "", "2023-05-03")]
    # the call frames the invitation made during it
    assert _summary(mentions, "invite")[0][2] == "2023-05-03"
    praise = _only(mentions, "congratulate")
    assert praise.date is not None and praise.date.value == "2023-05-03"
    condolences = _only(mentions, "express_condolences")
    # "of last month" dates the floods; the call frames the condolences
    assert condolences.date is not None and condolences.date.value == "2023-05-03"
    assert [a.name for a in condolences.actors] == ["Lula"]
    assert condolences.status == "happened"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "day", "predicate", "expected"),
    [
        (  # partners each with a bracketed date
            "Kenya has since established strategic partnerships with Brazil (in May 2021), "
            "Japan (June 2022) and Canada (April 2023).",
            "2024-01-08",
            "upgrade_relations",
            [
                ("Kenya", "Brazil", "2021-05"),
                ("Kenya", "Japan", "2022-06"),
                ("Kenya", "Canada", "2023-04"),
            ],
        ),
        (  # visitors each with "in" a month
            "Two leaders have paid visits to the country, President Emmanuel Macron in "
            "March 2023 and President Joe Biden in October of last year.",
            "2024-01-08",
            "visit",
            [("Emmanuel Macron", "", "2023-03"), ("Joe Biden", "", "2023-10")],
        ),
        (  # "respectively", months in the past though the main verb is conditional
            "Ramaphosa would follow earlier visits by Joe Biden and Xi Jinping, "
            "in October and November, respectively.",
            "2024-02-10",
            "visit",
            [("Joe Biden", "", "2023-10"), ("Xi Jinping", "", "2023-11")],
        ),
    ],
)
def test_one_sentence_listing_dated_items_gives_one_event_each(
    nlp: Any, text: str, day: str, predicate: str, expected: list[tuple[str, str, str]]
) -> None:
    mentions, merged = _run(nlp, (text, day))
    assert _summary(mentions, predicate) == expected
    assert not any(m.plural for m in mentions if m.predicate == predicate)
    assert len([e for e in merged if e.predicate == predicate]) == len(expected)


@pytest.mark.model
def test_visitors_in_apposition_and_visits_from_people(nlp: Any) -> None:
    mentions, _ = _run(
        nlp,
        (
            "France's President Emmanuel Macron and China's President Xi Jinping visited "
            "Nairobi in June. Kenya welcomed a visit from Joe Biden in July.",
            "2023-05-10",
        ),
    )
    # past tense: the last June and July before the writing, not the coming ones
    assert _summary(mentions, "visit") == [
        ("Emmanuel Macron", "Nairobi", "2022-06"),
        ("Xi Jinping", "Nairobi", "2022-06"),
        ("Joe Biden", "Kenya", "2022-07"),
    ]
    assert {m.status for m in mentions} == {"happened"}


@pytest.mark.model
def test_the_one_who_receives_an_invitation_is_its_target(nlp: Any) -> None:
    mentions, _ = _run(
        nlp, ("Joe Biden received an invitation from Narendra Modi on Monday.", "2024-09-02")
    )
    assert _summary(mentions, "invite") == [("Narendra Modi", "Joe Biden", "2024-09-02")]


@pytest.mark.model
def test_months_ago_dates_the_event(nlp: Any) -> None:
    mentions, _ = _run(nlp, ("Nine months ago, Kenya welcomed Emmanuel Macron.", "2024-06-15"))
    assert _summary(mentions, "visit") == [("Emmanuel Macron", "Kenya", "2023-09")]


@pytest.mark.model
def test_an_inverted_should_is_a_condition(nlp: Any) -> None:
    mentions, _ = _run(nlp, ("Should a visit be arranged, Modi would meet Biden.", "2024-03-27"))
    visit = _only(mentions, "visit")
    assert (visit.status, visit.cue and visit.cue.text) == ("hypothetical", "Should")


@pytest.mark.model
def test_ties_with_a_country_name_the_target_and_a_later_verb_ends_a_list(nlp: Any) -> None:
    text = (
        "Kenya upgraded its ties with Washington in May 2023, and later Xi Jinping "
        "visited Nairobi in December."
    )
    mentions, _ = _run(nlp, (text, "2024-05-10"))
    assert _summary(mentions, "upgrade_relations") == [("Kenya", "United States", "2023-05")]
    assert [(t, d) for _, t, d in _summary(mentions, "visit")] == [("Nairobi", "2023-12")]


@pytest.mark.model
def test_a_visit_to_a_capital_city_is_a_visit_to_its_country(nlp: Any) -> None:
    _, merged = _run(
        nlp,
        ("Joe Biden could soon visit Kenya, officials said.", "2024-03-01"),
        ("Residents lined the streets as Joe Biden arrived on a visit to Nairobi.", "2024-04-02"),
    )
    visits = [e for e in merged if e.predicate == "visit"]
    assert len(visits) == 1
    assert [h.status for h in visits[0].history] == ["speculated", "happened"]


@pytest.mark.model
def test_one_article_does_not_tell_an_event_both_to_come_and_done(nlp: Any) -> None:
    text = (
        "Joe Biden could visit Kenya next year. Five leaders have visited the country since 2020."
    )
    _, merged = _run(nlp, (text, "2024-03-01"))
    visits = [e for e in merged if e.predicate == "visit"]
    assert [len(e.mentions) for e in visits] == [1]
    assert visits[0].status == "speculated"


@pytest.mark.model
def test_the_history_keeps_what_each_article_said_most_definitely(nlp: Any) -> None:
    text = (
        "Joe Biden's upcoming visit to Kenya worries Beijing. Biden is scheduled to visit "
        "Kenya on June 20."
    )
    _, merged = _run(nlp, (text, "2024-06-10"))
    visits = [e for e in merged if e.predicate == "visit"]
    assert len(visits) == 1
    assert [(h.status, h.date) for h in visits[0].history] == [("scheduled", "2024-06-20")]


@pytest.mark.model
def test_a_threat_one_is_seen_as_is_no_event(nlp: Any) -> None:
    mentions, _ = _run(
        nlp,
        ("Kenya is seen as a threat by Uganda. Nairobi is a threat to Kampala.", "2024-03-01"),
    )
    assert [m for m in mentions if m.predicate == "threaten"] == []


@pytest.mark.model
def test_the_date_of_a_thing_does_not_date_the_event(nlp: Any) -> None:
    text = "Kenya could seek an arms deal with Russia because its Soviet-era tanks are old."
    mentions, _ = _run(nlp, (text, "2024-03-01"))
    assert all(m.date is None for m in mentions)


@pytest.mark.model
def test_symmetric_events_merge_whichever_side_is_named_first(nlp: Any) -> None:
    _, merged = _run(
        nlp,
        ("Kenya and Japan upgraded ties to a strategic partnership in May 2023.", "2024-01-02"),
        ("Japan upgraded its ties with Kenya in May 2023.", "2024-02-02"),
    )
    upgrades = [e for e in merged if e.predicate == "upgrade_relations"]
    assert len(upgrades) == 1 and len(upgrades[0].history) == 2


@pytest.mark.model
def test_meetings_with_different_partners_stay_apart(nlp: Any) -> None:
    _, merged = _run(
        nlp,
        ("Joe Biden met Narendra Modi in Delhi to discuss trade and security.", "2024-01-02"),
        ("Joe Biden met Xi Jinping in Beijing to discuss trade and security.", "2024-01-03"),
    )
    assert len([e for e in merged if e.predicate == "meet"]) == 2


def test_only_events_placed_in_time_are_on_the_timeline() -> None:
    event, someone = _event, _SOMEONE
    entries = events.timeline(
        [
            event("vague-nobody", "PAST_REF", ()),
            event("undated-nobody", None, ()),
            event("dated-nobody", "2024-03-26", ()),
            event("undated-someone", None, someone),
            event("vague-someone", "FUTURE_REF", someone),
        ]
    )
    assert [e.event for e in entries] == ["dated-nobody", "vague-someone"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "predicate", "actor", "target"),
    [
        # the one told to act, in a "that" clause
        (
            "Germany demanded on Friday that Poland release the detained lorry drivers.",
            "demand",
            "Germany",
            "Poland",
        ),
        # the other side of the verb's object
        (
            "Norway threatened tough new measures against Iceland over the fishing quotas.",
            "threaten",
            "Norway",
            "Iceland",
        ),
        (
            "Chile rejected the latest proposal by Bolivia for a corridor to the sea.",
            "reject",
            "Chile",
            "Bolivia",
        ),
        # the other side inside the complement clause
        (
            "Egypt refused to meet Ethiopia for a fourth round on the dam.",
            "reject",
            "Egypt",
            "Ethiopia",
        ),
        (
            "Kenya offered to negotiate with Somalia over the maritime border.",
            "pledge",
            "Kenya",
            "Somalia",
        ),
        # "it" and "they" as the subject of what a named country or body says
        (
            "Turkey says it will withdraw its troops from Syria by the end of the year.",
            "withdraw",
            "Turkey",
            "Syria",
        ),
        # a group named by what its members belong to
        (
            "Leaders of the Zambian opposition coalition criticized Kenya for the arrests.",
            "criticize",
            "Zambian",
            "Kenya",
        ),
        # the place of a curfew, a protest or an arrival is its target when nothing else is
        (
            "Serbia lifted the night curfew in Montenegro on Sunday.",
            "concede",
            "Serbia",
            "Montenegro",
        ),
        (
            "Emmanuel Macron arrived in Nairobi on Tuesday evening.",
            "arrive",
            "Emmanuel Macron",
            "Nairobi",
        ),
    ],
)
def test_targets_and_actors_found_beyond_the_trigger(
    nlp: Any, sentence: str, predicate: str, actor: str, target: str
) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-05-10"))
    mention = next(m for m in mentions if m.predicate == predicate)
    assert any(actor in a.span.text for a in mention.actors), mention.actors
    assert any(target in t.span.text for t in mention.targets), mention.targets


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "trigger", "plover"),
    [
        ("Angry riots against the new tax law spread across Chile on Monday.", "riots", "PROTEST"),
        (
            "Estonia said Russian agents hacked the servers of its election office.",
            "hacked",
            "COERCE",
        ),
        (
            "The report found that the torture of prisoners in the camp went on for years.",
            "torture",
            "ASSAULT",
        ),
    ],
)
def test_more_event_words(nlp: Any, sentence: str, trigger: str, plover: str) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-05-10"))
    assert [m.type for m in mentions if m.trigger.text == trigger] == [plover]


@pytest.mark.model
def test_saying_that_another_must_act_is_a_demand(nlp: Any) -> None:
    mentions, _ = _run(
        nlp,
        (
            "Norway said on Monday that Chile must pay the fine before the end of June.",
            "2024-05-10",
        ),
        ("Kenya said that it must cut spending on roads this year.", "2024-05-10"),
        ("Emmanuel Macron told reporters: “Lima said Bolivia must pay the fine.”", "2024-05-10"),
    )
    demands = [m for m in mentions if m.predicate == "demand"]
    # the speaker's own duty is no demand, nor a report inside someone's quoted words
    assert len(demands) == 1
    (demand,) = demands
    assert demand.type == "REQUEST" and demand.trigger.text == "said"
    assert [a.name for a in demand.actors] == ["Norway"]
    assert [t.name for t in demand.targets] == ["Chile"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "mode"),
    [
        ("Government troops killed four fighters near the border on Sunday.", "military"),
        ("Russian aircraft bombed a village in the north on Sunday.", "military"),
        ("A gunman killed four people in a shop near the border on Sunday.", None),
        ("Security forces tortured the prisoners for days, the report said.", None),
    ],
)
def test_violence_by_armed_forces_is_combat(nlp: Any, sentence: str, mode: str | None) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-05-10"))
    (violent,) = [m for m in mentions if m.type == "ASSAULT"]
    assert violent.mode == mode


@pytest.mark.model
def test_scare_quotes_do_not_hide_an_event_but_quoted_speech_does(nlp: Any) -> None:
    mentions, _ = _run(
        nlp,
        (
            "Joe Biden congratulated Narendra Modi on his “reelection” as prime minister. "
            "“We will visit Nairobi together next spring,” Narendra Modi told reporters.",
            "2024-06-10",
        ),
    )
    assert [m.trigger.text for m in mentions if m.predicate == "elect"] == ["reelection"]
    assert [m.trigger.text for m in mentions if m.predicate == "visit"] == []


@pytest.mark.model
def test_making_a_coming_event_public_is_an_event_with_its_own_date(nlp: Any) -> None:
    mentions, events_ = _run(
        nlp,
        (
            "Narendra Modi confirmed on April 25 that he would visit Nairobi sometime in June. "
            "Joe Biden said that he liked the city.",
            "2024-05-02",
        ),
    )
    (announced,) = [m for m in mentions if m.predicate == "announce"]
    assert announced.trigger.text == "confirmed" and announced.type is None
    assert [a.name for a in announced.actors] == ["Narendra Modi"]
    assert announced.targets == ()  # "he" is Modi himself, not the other side
    assert announced.date is not None and announced.date.value == "2024-04-25"
    visit = _only(mentions, "visit")
    assert visit.date is not None and visit.date.value == "2024-06"
    # two events on the timeline: the announcement and what it announced (the detector's
    # "said" and "liked" are generic mentions, no event a dossier lists)
    assert len({e.id for e in events_ if events.reported(e)}) == 2


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "threat"),
    [
        ("Kenya warned that it would close the border with Somalia.", True),
        ("Kenya warned Somalia over the closed border crossings.", True),
        ("The ministry warned that the repairs to the harbour would take several weeks.", False),
    ],
)
def test_a_warning_about_what_things_will_do_is_no_threat(
    nlp: Any, sentence: str, threat: bool
) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-05-10"))
    # the rules decide the threat; the detector still takes "warned" for a generic event
    assert any(m.trigger.text == "warned" and m.origin == "rules" for m in mentions) == threat


@pytest.mark.model
def test_welcoming_a_deal_praises_it_and_makes_no_party_of_the_one_who_welcomes(
    nlp: Any,
) -> None:
    mentions, _ = _run(
        nlp, ("Joe Biden welcomed the deal between Kenya and Somalia on Friday.", "2024-05-10")
    )
    assert [m.predicate for m in mentions if m.trigger.text == "welcomed"] == ["praise"]
    assert [m for m in mentions if m.predicate == "sign_agreement"] == []


@pytest.mark.model
def test_a_coordinated_or_purpose_verb_shares_its_partners_date(nlp: Any) -> None:
    mentions, _ = _run(
        nlp,
        (
            "Emmanuel Macron is expected in Nairobi on May 20 and will meet William Ruto. "
            "Narendra Modi arrived in Oslo on Monday to begin talks with Norway.",
            "2024-05-15",
        ),
    )
    meet = next(m for m in mentions if m.trigger.text == "meet")
    assert meet.date is not None and meet.date.value == "2024-05-20"
    talks = next(m for m in mentions if m.trigger.text == "talks")
    assert talks.date is not None and talks.date.value == "2024-05-13"


def test_memberships_come_from_roles_that_name_an_organisation() -> None:
    from storyline.model import Entity, Role

    def entity(id_: str, name: str, kind: str, aliases: tuple[str, ...], roles: tuple[str, ...]):
        return Entity(id_, name, kind, aliases, tuple(Role(r, ()) for r in roles), ())

    found = [
        entity("p1", "Jacob Zuma", "PERSON", (), ("former leader of the ANC",)),
        entity("p2", "Cyril Ramaphosa", "PERSON", (), ("President",)),
        entity("o1", "African National Congress", "ORG", ("ANC",), ()),
        entity("o2", "UN", "ORG", (), ()),  # too short a name to look for
    ]
    assert entities.memberships(found) == {"p1": frozenset({"o1"})}


@pytest.mark.model
def test_an_organisation_and_its_leader_are_one_side(nlp: Any) -> None:
    _, merged = _run(
        nlp,
        (
            "Emmanuel Macron received an invitation from the African National Congress on "
            "May 3, 2024, to visit Pretoria.",
            "2024-05-10",
        ),
        (
            "Cyril Ramaphosa, the leader of the African National Congress, invited Emmanuel "
            "Macron to Pretoria on May 3, 2024.",
            "2024-05-12",
        ),
    )
    invitations = [e for e in merged if e.predicate == "invite"]
    assert len(invitations) == 1


@pytest.mark.model
def test_the_firmest_and_latest_report_dates_the_event(nlp: Any) -> None:
    # a rumoured day in May, then a schedule for June: the schedule dates the visit
    _, merged = _run(
        nlp,
        ("Joe Biden could visit Nairobi on May 3, officials said.", "2024-04-02"),
        ("Joe Biden is scheduled to visit Nairobi in June, officials said.", "2024-05-20"),
    )
    (visit,) = [e for e in merged if e.predicate == "visit"]
    assert visit.date is not None and visit.date.value == "2024-06"


@pytest.mark.model
def test_the_visit_with_only_a_date_points_back_to_the_visit_told_before(nlp: Any) -> None:
    _, merged = _run(
        nlp,
        (
            "Joe Biden plans to visit Nairobi this year, officials said. "
            "An aide said the visit could take place in June.",
            "2024-04-02",
        ),
    )
    (visit,) = [e for e in merged if e.predicate == "visit"]
    assert visit.date is not None and visit.date.value == "2024-06"
    assert [a.name for a in visit.actors] == ["Joe Biden"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "trigger", "plover", "mode"),
    [
        # what is given or sent decides whether giving is aid
        ("Norway gave Chad a grant of two million euros on Monday.", "gave", "AID", None),
        ("Japan handed over 300 tons of rice aid to Peru last week.", "handed", "AID", None),
        # missions withdrawn, received or sent in
        ("Kenya withdrew its observers from Chad on Monday.", "withdrew", "SANCTION", "expel"),
        (
            "Chad received a team of observers from the AU on Monday.",
            "received",
            "RETREAT",
            "access",
        ),
        ("The AU dispatched inspectors to Chad on Monday.", "dispatched", "ACCUSE", "investigate"),
        # easing economic pressure is a retreat, easing a curfew or a ban a concession
        ("Peru lifted its embargo on Chilean fruit on Monday.", "lifted", "RETREAT", "ease"),
        ("Peru has relaxed its restrictions on foreign media.", "relaxed", "CONCEDE", None),
        ("The union called off the strike on Monday.", "called", "CONCEDE", None),
        ("Chad accepted the demands of the rebels on Monday.", "accepted", "CONCEDE", None),
        (
            "The court allowed the opposition leader to run for office.",
            "allowed",
            "CONCEDE",
            "allow",
        ),
        ("Police prevented a rally near the palace on Monday.", "prevented", "COERCE", "repress"),
        ("The rebels dismissed the appeal from Chad on Monday.", "dismissed", "REJECT", None),
        ("Peru lodged a formal protest with Chile on Monday.", "lodged", "ACCUSE", "disapprove"),
        ("Peru suspended food aid deliveries to Chad on Monday.", "suspended", "SANCTION", None),
        (
            "Lima ordered the suspension of all flight links to Chile.",
            "suspension",
            "SANCTION",
            None,
        ),
        ("Peru would deny entry to the rebel leaders, Lima said.", "deny", "SANCTION", "expel"),
        ("Peru banned all exports to Chile on Monday.", "banned", "SANCTION", None),
        ("Chad ended its mediation between the two parties on Monday.", "ended", "SANCTION", None),
        # violence named by its object or particle
        ("Soldiers opened fire on the crowd in Lima on Monday.", "opened", "ASSAULT", "military"),
        ("Government tanks fired shells at the town on Monday.", "fired", "ASSAULT", "military"),
        ("Rebels blew up a bridge near Lima on Monday.", "blew", "ASSAULT", "seize"),
        ("Settlers set fire to a school near Lima on Monday.", "set", "ASSAULT", "seize"),
        ("Guards beat up the prisoners in Lima on Monday.", "beat", "ASSAULT", "beat"),
        ("Peru has strengthened its forces on the border.", "strengthened", "MOBILIZE", "troops"),
        ("Peru shared intelligence with Chile about the gang.", "shared", "COOPERATE", None),
        ("Thousands of refugees sought asylum in Peru last month.", "sought", "REQUEST", None),
        ("Peru and Chile held joint naval exercises on Monday.", "exercises", "COOPERATE", None),
        ("Peru and Chile reached a consensus on fishing rights.", "consensus", "AGREE", None),
        ("Chad launched a mediation effort between Peru and Chile.", "mediation", "CONSULT", None),
    ],
)
def test_objects_and_particles_decide_the_event(
    nlp: Any, sentence: str, trigger: str, plover: str, mode: str | None
) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-05-10"))
    found = [(m.type, m.mode) for m in mentions if m.trigger.text == trigger]
    assert found[:1] == [(plover, mode)] if mode else [t for t, _ in found[:1]] == [plover], found


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "The manager was fired after the match on Monday.",  # a job, not a weapon
        "The speech was lifted almost word for word from a paper by his rival.",
        "A new rule allows farmers to sell their land.",  # a rule decides nothing
        "Peru gave credit to the volunteers for the rescue.",
        "She offered an exercise in patience to the students.",
        "The club announced the suspension of its captain.",
        "The army backed down after the talks failed.",
    ],
)
def test_common_words_that_are_not_these_events(nlp: Any, sentence: str) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-05-10"))
    assert [
        m.type
        for m in mentions
        if m.type in ("ASSAULT", "CONCEDE", "AID", "COOPERATE", "SANCTION", "SUPPORT")
    ] == []


@pytest.mark.model
def test_a_group_is_placed_by_where_it_is(nlp: Any) -> None:
    mentions, _ = _run(
        nlp, ("Rebels in Chad dismissed the appeal from Peru on Monday.", "2024-05-10")
    )
    (rejected,) = [m for m in mentions if m.type == "REJECT"]
    assert [a.name for a in rejected.actors] == ["Chad"]
    assert [t.name for t in rejected.targets] == ["Peru"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Lima said Chad is now willing to withdraw its soldiers.", "planned"),
        ("Peru said it is ready to release the prisoners.", "planned"),
    ],
)
def test_readiness_is_a_plan(nlp: Any, sentence: str, status: str) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-05-10"))
    assert [m.status for m in mentions if m.type == "RETREAT"] == [status]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "trigger", "value"),
    [
        (
            "Ms Ortiz has toured the provinces since her second term began in March.",
            "term",
            "2024-03",
        ),
        ("The governor took office in January after a close race.", "took", "2024-01"),
        ("Mr Lind was sworn in as mayor on Monday.", "sworn", "2024-05-06"),
    ],
)
def test_taking_office_is_an_event_with_its_date(
    nlp: Any, sentence: str, trigger: str, value: str
) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-05-10"))
    taken = _only(mentions, "inaugurate")
    assert taken.trigger.text == trigger
    assert taken.date is not None and taken.date.value == value
    assert taken.status == "happened"


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "In terms of trade, the long-term outlook is good, the minister said.",
        "The term of the contract is five years.",
    ],
)
def test_the_word_term_alone_is_no_taking_office(nlp: Any, sentence: str) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-05-10"))
    assert [m.predicate for m in mentions if m.predicate == "inaugurate"] == []


@pytest.mark.model
def test_promised_help_and_voiced_interest_are_intents_to_cooperate(nlp: Any) -> None:
    mentions, _ = _run(
        nlp,
        (
            "Officials say Oslo's promised aid for the flooded towns will arrive soon. "
            "Peru has expressed interest in having a Danish firm build its new port.",
            "2024-05-10",
        ),
    )
    promised = _only(mentions, "pledge")
    assert promised.trigger.text == "aid" and promised.type == "AGREE"
    assert [a.name for a in promised.actors] == ["Oslo"]
    interest = _only(mentions, "express_intent")
    assert interest.type == "AGREE" and [a.name for a in interest.actors] == ["Peru"]


@pytest.mark.model
def test_a_named_party_s_past_act_inside_quote_marks_is_an_event(nlp: Any) -> None:
    mentions, _ = _run(
        nlp,
        (
            "According to the state agency, “Chancellor Olaf Scholz gladly accepted the "
            "invitation and asked both sides to fix a date.” In the same interview he said: "
            "“We will sign many deals and we visited every plant.”",
            "2024-05-10",
        ),
    )
    accepted = _only(mentions, "accept_invitation")
    assert [a.name for a in accepted.actors] == ["Olaf Scholz"]
    rules = [m for m in mentions if m.origin == "rules"]
    assert [m.trigger.text for m in rules if m.trigger.text in ("sign", "visited")] == []


@pytest.mark.model
def test_accepting_the_invitation_just_told_takes_its_date(nlp: Any) -> None:
    text = (
        "During a phone call on May 3, Prime Minister Jonas Gahr invited Olaf Scholz to visit "
        "Oslo. Scholz gladly accepted the invitation.\n\n"
        "In April, Scholz had accepted an invitation from the Danish king."
    )
    mentions, events_ = _run(nlp, (text, "2024-05-10"))
    accepted = [m for m in mentions if m.predicate == "accept_invitation"]
    assert [(m.date.value if m.date else None) for m in accepted] == ["2024-05-03", "2024-04"]
    assert len([e for e in events_ if e.predicate == "accept_invitation"]) == 2


@pytest.mark.model
def test_a_tour_of_several_countries_is_one_visit_to_each(nlp: Any) -> None:
    mentions, _ = _run(
        nlp, ("The visit follows trips by Olaf Scholz to Chile and Peru.", "2024-05-10")
    )
    assert sorted(t.name for m in mentions if m.trigger.text == "trips" for t in m.targets) == [
        "Chile",
        "Peru",
    ]
    assert len([m for m in mentions if m.trigger.text == "trips"]) == 2


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "strikes"),
    [
        ("Some 900 bus drivers walked off the job in Lima on Monday.", ["walked"]),
        ("Nurses walked out of two clinics in Lima on Friday.", ["walked"]),
        ("The stoppage has halted the buses in Lima since Monday.", ["stoppage"]),
        ("The actor walked off the stage in Lima on Friday.", []),
        ("She walked out into the sunshine in Lima on Friday.", []),
    ],
)
def test_walking_out_is_a_strike_for_a_group(nlp: Any, sentence: str, strikes: list[str]) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-05-10"))
    assert [m.trigger.text for m in mentions if m.predicate == "strike"] == strikes


@pytest.mark.model
def test_ending_a_strike_neither_plans_nor_dates_the_strike(nlp: Any) -> None:
    mentions, _ = _run(
        nlp,
        (
            "Bus drivers and the city agreed a deal on Friday to end the ten-day strike.",
            "2024-05-10",
        ),
    )
    strike = _only(mentions, "strike")
    assert strike.status == "happened" and strike.date is None
    assert _only(mentions, "call_off").trigger.text == "end"  # the ending is its own event


@pytest.mark.model
def test_a_vote_or_ballot_is_an_event_with_no_plover_type(nlp: Any) -> None:
    mentions, _ = _run(
        nlp,
        (
            "Its members voted last week by a large majority to strike. She won most of the vote.",
            "2025-04-10",
        ),
    )
    vote = _only(mentions, "vote")
    assert vote.trigger.text == "voted" and vote.type is None
    assert vote.date is not None and vote.date.value == "2025-W14"


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "trigger", "status", "cue"),
    [
        # an untensed verb shares the tense of what carries it
        ("Protesters continued to march through Lima on Sunday.", "march", "happened", "continued"),
        (
            "A car bomb went off in the market on Friday, killing four traders.",
            "killing",
            "happened",
            "went",
        ),
        (
            "The minister resigned hours after meeting the strikers.",
            "meeting",
            "happened",
            "resigned",
        ),
        ("The rebels will return the rifles seized by the army.", "seized", "happened", "seized"),
        # headline grammar
        ("Two reporters arrested in Minsk", "arrested", "happened", "arrested"),
        ("Ukraine to sign grain deal with Turkey", "sign", "expected", "to"),
        # "be going to" is a future
        ("Putin is going to visit Hanoi.", "visit", "expected", "going"),
        # an event noun takes its status from the verb or noun it completes
        ("The visit was delayed by a week.", "visit", "negated", "delayed"),
        ("The cancelled visit angered Hanoi.", "visit", "negated", "cancelled"),
        ("Markets fell on fears of an attack on the port.", "attack", "speculated", "fears"),
        (
            "The opposition called for an investigation into the shooting.",
            "investigation",
            "speculated",
            "called",
        ),
        ("The two navies will perform joint naval exercises.", "exercises", "expected", "will"),
        # announcing an event schedules it; announcing a measure imposes it
        ("The ministry announced a summit with Laos.", "summit", "scheduled", "announced"),
        ("Italy announced a curfew in Rome.", "curfew", "happened", "announced"),
        # negation stops at a saying verb and at "but"
        (
            "The mayor did not say where the protest would take place.",
            "protest",
            "expected",
            "would",
        ),
        (
            "Olaf Scholz did not stop in Seoul but visited Hanoi in February.",
            "visited",
            "happened",
            "visited",
        ),
    ],
)
def test_status_of_untensed_verbs_nouns_and_negation_scope(
    nlp: Any, sentence: str, trigger: str, status: str, cue: str
) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-03-10"))
    (mention,) = [m for m in mentions if m.trigger.text == trigger]
    assert (mention.status, mention.cue and mention.cue.text) == (status, cue)


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The union said it would put the deal to its members in a ballot next week.", "expected"),
        ("The premier could speak at the summit in Oslo.", "speculated"),
        ("Three guards were hurt in the attack on Monday.", "happened"),
    ],
)
def test_an_event_noun_in_a_verb_s_phrase_takes_its_modal(
    nlp: Any, sentence: str, status: str
) -> None:
    mentions, _ = _run(nlp, (sentence, "2025-04-10"))
    nouns = [m for m in mentions if m.trigger.text in ("ballot", "summit", "attack")]
    assert [m.status for m in nouns] == [status]


@pytest.mark.model
def test_agreeing_a_deal_reaches_it_and_is_one_event(nlp: Any) -> None:
    mentions, _ = _run(nlp, ("Bus drivers and the city agree deal to end strike", "2025-04-10"))
    assert [m.predicate for m in mentions if m.predicate in ("agree", "sign_agreement")] == [
        "sign_agreement"
    ]
    assert _only(mentions, "sign_agreement").status == "happened"
    planned, _ = _run(nlp, ("Peru agreed to visit Chile in May.", "2025-04-10"))
    assert _only(planned, "visit").status == "planned"


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "trigger", "actors", "targets"),
    [
        # a role fills the slot when no name does
        (
            "The police dispersed the protesters outside the mill.",
            "dispersed",
            ["police"],
            ["protesters"],
        ),
        # the indirect object of a giving verb
        ("Norway gave Malawi a grant of ten million dollars.", "gave", ["Norway"], ["Malawi"]),
        # both sides of a mediation, after the effort it names
        (
            "Qatar launched a mediation effort between Ethiopia and Eritrea.",
            "mediation",
            ["Qatar"],
            ["Ethiopia", "Eritrea"],
        ),
        # a place named through a common noun
        ("Soldiers imposed a curfew in the town of Gulu.", "curfew", ["Soldiers"], ["Gulu"]),
        # an event noun object stands for its party
        ("Chile demanded the withdrawal of Bolivian troops.", "demanded", ["Chile"], ["Bolivian"]),
        # a protest aimed through its purpose, or "in defiance of"
        (
            "Farmers began a hunger strike to protest Peru's decision to close the mine.",
            "strike",
            ["Farmers"],
            ["Peru"],
        ),
        (
            "Teachers held a rally outside the school in defiance of the health authorities.",
            "rally",
            ["Teachers"],
            ["health authorities"],
        ),
        # a possessive pronoun on the object is the verb's subject
        ("The miners continued their strike on Tuesday.", "strike", ["miners"], []),
        # a possessive pronoun is not traded for another pronoun ("it")
        (
            "Angela Merkel will find it hard to repeat her attacks on the judges.",
            "attacks",
            ["Angela Merkel"],
            ["judges"],
        ),
        # the subject of "is ready to", "they" for a group named by its role, the subject of
        # a verb that continues an event noun
        ("Norway is ready to send food aid to Chad.", "send", ["Norway"], ["Chad"]),
        ("The strikers said they would hold a rally on Friday.", "rally", ["strikers"], []),
        ("Refugees are continuing a hunger strike in the camp.", "strike", ["Refugees"], []),
        # one's own troops are no other party
        ("Chile withdrew its troops from Bolivia.", "withdrew", ["Chile"], ["Bolivia"]),
        # taken from someone; force used to some end
        (
            "Customs officers confiscated rifles from the smugglers.",
            "confiscated",
            ["Customs officers"],
            ["smugglers"],
        ),
        ("Troops opened fire to disperse the marchers.", "opened", ["Troops"], ["marchers"]),
        # who is told to act two clauses down, and whom a siege is laid on
        ("Kenya refused to allow Somali aircraft to land.", "refused", ["Kenya"], ["Somali"]),
        (
            "The soldiers refused to lift the siege on the rebels.",
            "refused",
            ["soldiers"],
            ["rebels"],
        ),
        # a deed stands for its doer, a link for its other side
        (
            "Prosecutors launched an investigation into crimes committed by local gangs.",
            "investigation",
            ["Prosecutors"],
            ["local gangs"],
        ),
        (
            "France announced a suspension of rail links with Italy.",
            "suspension",
            ["France"],
            ["Italy"],
        ),
        # a complaint is aimed at what it is about before whom it is made to
        (
            "Peru complained to the United Nations over Chilean border raids.",
            "complained",
            ["Peru"],
            ["Chilean", "United Nations"],
        ),
        # a threat's condition names whom it is put to
        (
            "Ghana threatened to recall its envoy unless Togo apologised.",
            "threatened",
            ["Ghana"],
            ["Togo"],
        ),
        # a harm done in an attack is the attack's
        (
            "Gunmen wounded the policemen in a bomb attack near the border.",
            "attack",
            ["Gunmen"],
            ["policemen"],
        ),
        # hyphenated modifiers stay with the role
        (
            "Pro-government militias attacked the rebels.",
            "attacked",
            ["Pro-government militias"],
            ["rebels"],
        ),
    ],
)
def test_participants_an_event_coder_reads(
    nlp: Any, sentence: str, trigger: str, actors: list[str], targets: list[str]
) -> None:
    mentions, _ = _run(nlp, (sentence, "2024-03-10"))
    (mention,) = [m for m in mentions if m.trigger.text == trigger]
    assert [p.span.text for p in mention.actors] == actors
    assert [p.span.text for p in mention.targets] == targets


@pytest.mark.model
def test_a_bare_singular_role_or_talks_between_two_sides_add_no_participant(nlp: Any) -> None:
    # "the mediator" points back to someone already named; talks "between" two sides have
    # no third party for them to be the targets of
    mentions, _ = _run(
        nlp,
        (
            "The mediator's visit was delayed. Talks between the dockers and the port owners"
            " broke down in May.",
            "2024-03-10",
        ),
    )
    visit = _only(mentions, "visit")
    talks = [m for m in mentions if m.trigger.text == "Talks"]
    assert visit.actors == () and [t.targets for t in talks] == [()]


@pytest.mark.model
def test_a_participant_named_by_its_role_has_no_entity(nlp: Any) -> None:
    mentions, _ = _run(nlp, ("Striking miners blocked the highway on Friday.", "2024-03-10"))
    (mention,) = [m for m in mentions if m.trigger.text == "blocked"]
    (actor,) = mention.actors
    assert (actor.name, actor.entity) == ("Striking miners", None)


@pytest.mark.model
def test_criticism_is_an_accusation_by_whom_it_came_from(nlp: Any) -> None:
    # invented: a decision that drew criticism, the critic named by "from" and by "which"
    mentions, merged = _run(
        nlp,
        (
            "Lisbon's decision to host the summit has drawn criticism from Brazil, which "
            "condemned the plan as a provocation.",
            "2025-05-02",
        ),
        (
            "The talks made headlines after Brazil expressed displeasure with the Portuguese "
            "government's decision.",
            "2025-05-03",
        ),
    )
    accusations = [m for m in mentions if m.type == "ACCUSE"]
    assert sorted(m.trigger.text for m in accusations) == [
        "condemned",
        "criticism",
        "displeasure",
    ]
    for mention in accusations:
        assert [p.name for p in mention.actors] == ["Brazil"], mention.trigger.text
    # one accusation, told by both articles
    told = [e for e in merged if e.type == "ACCUSE"]
    assert len(told) == 1 and {s.article for s in told[0].sources} == {
        m.article for m in accusations
    }


@pytest.mark.model
def test_a_relative_pronoun_is_not_the_actor(nlp: Any) -> None:
    # invented: "which" stands for the noun the clause hangs from
    mentions, _ = _run(
        nlp, ("The delegation met Chile, which rejected the proposal on Monday.", "2025-02-12")
    )
    rejected = _only(mentions, "reject")
    assert [p.name for p in rejected.actors] == ["Chile"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("A trial on the merits was set for Jan. 12, the court said.", "trial", "2026-01-12"),
        ("The first hearing is set for 03.07.2025 at the district court.", "hearing", "2025-07-03"),
    ],
)
def test_an_occasion_set_for_a_day_is_scheduled_then(
    nlp: Any, text: str, words: str, value: str
) -> None:
    mentions, _ = _run(nlp, (text, "2025-11-03" if "Jan." in text else "2025-06-21"))
    chosen = [m for m in mentions if m.trigger.text == words]
    assert chosen, [(m.predicate, m.trigger.text) for m in mentions]
    assert chosen[0].date is not None and chosen[0].date.value == value
    assert chosen[0].status == "scheduled"


@pytest.mark.model
def test_a_fire_set_on_purpose_is_no_scheduled_fire(nlp: Any) -> None:
    mentions, _ = _run(nlp, ("The fire was set on purpose on Monday, police said.", "2025-06-21"))
    assert all(m.status != "scheduled" for m in mentions), [
        (m.trigger.text, m.status) for m in mentions
    ]


def _scanned(ctx: Any, index: int, *, governors: bool) -> list[Any]:
    """`dating._attached` as it was before session 19: every time expression of the article
    checked for every trigger (kept here to hold the indexed one to it); the anchors are
    `dating._anchors`, which both share."""
    from storyline.stages.events import dating

    graph = ctx.graph
    sentence = graph.sentence[index]
    anchors = dating._anchors(ctx, index, None, governors=governors)
    found = []
    for t in ctx.timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        if not (timevalues.period(t.value) or t.value.endswith("_REF")):
            continue
        head = dating._timex_head(ctx, t)
        if head is None or graph.sentence.get(head) != sentence:
            continue
        if dating._governed_by_other_time(ctx, t, head) or dating._unanchored(ctx, t):
            continue
        if dating._attaches_to(ctx, head, anchors):
            found.append((head, t))
    return sorted(found, key=lambda pair: pair[1].start)


@pytest.mark.model
def test_dating_finds_the_expressions_a_scan_of_the_whole_article_finds(nlp: Any) -> None:
    from storyline.stages.annotate import parse_sentences
    from storyline.stages.events import dating
    from storyline.stages.events.extract import article_context

    text = (
        "The mayor of Westport visited the harbour on Monday and met dock workers.\n\n"
        "She said talks would resume next week, during a meeting planned for March 20.\n\n"
        "Since 2019 the port has lost trade, and the strike that began on Friday morning "
        "continues. Officials expect a vote in April. The ferry resumed service yesterday."
    )
    article = replace(
        clean_document(Document("a.txt", text, "text")), published=given("2024-03-06")
    )
    (annotation,) = annotate_articles([article], nlp=nlp)
    times = timex.extract_timexes([article], [annotation])
    parsed = parse_sentences(article, annotation, range(len(annotation.sentences)), nlp=nlp)
    ctx = article_context(article, annotation, parsed, [], times)
    dated = 0
    for index in sorted(ctx.graph.head):
        for governors in (False, True):
            found = dating._attached(ctx, index, None, governors=governors)
            assert found == _scanned(ctx, index, governors=governors)
            dated += bool(found)
    assert dated >= 4  # the text's dates do attach: the comparison is not of empty lists


def test_the_entity_at_a_position_is_the_narrowest_as_a_scan_finds_it() -> None:
    from storyline.model import Entity
    from storyline.stages.events._context import _Context, _entity_at

    def scan(ctx: Any, position: int) -> tuple[Any, int, int]:
        best = None
        for start, entity in ctx.owner.items():
            end = ctx.mention_end[start]
            if start <= position < end and (best is None or end - start < best[1] - best[0]):
                best = (start, end, entity)
        return (None, position, position) if best is None else (best[2], best[0], best[1])

    # nested, overlapping, and two of one width holding 44-48 (the first in order wins)
    spans = [(30, 50), (4, 40), (10, 20), (0, 12), (55, 56), (41, 49), (45, 60), (44, 52)]
    owner = {s: Entity(f"e{s}", f"Name {s}", "ORG", (), (), ()) for s, _ in spans}
    ctx = _Context(None, None, None, owner, dict(spans), {}, [], [])  # type: ignore[arg-type]
    for position in range(-2, 64):
        assert _entity_at(ctx, position) == scan(ctx, position)
