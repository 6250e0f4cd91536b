"""Where sources agree and differ (stages/compare), on invented articles."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from storyline.config import Config
from storyline.model import (
    Comparison,
    EventDate,
    EventMention,
    Participant,
    Span,
)
from storyline.pipeline import build
from storyline.stages.compare.align import AlignSettings, Similarity, group
from storyline.stages.compare.claims import Figure, Statement
from storyline.stages.compare.forecasts import forecast_comparisons
from storyline.stages.compare.happenings import event_comparisons
from storyline.stages.compare.verdicts import Found, compatible, statement_comparison

HEADER = "TITLE: {title}\nOUTLET: {outlet}\nURL: https://{host}/{day}/story\nDATE: {day}\n---\n"


def _write(folder: Path, name: str, outlet: str, day: str, body: str) -> None:
    head = HEADER.format(title=body.split(".")[0], outlet=outlet, host=name + ".example", day=day)
    (folder / f"{name}.txt").write_text(head + body + "\n", encoding="utf-8")


NURSES_A = (
    "Some 2,300 nurses walked out at Lindmoor General Hospital on Tuesday after talks on "
    "staffing levels collapsed. The walkout is the first at the hospital in thirty years. "
    "Ward sister Mairin Ostby said the union had warned the trust for months."
)
NURSES_B = (
    "About 1,400 nurses are on strike at Lindmoor General Hospital, according to the hospital "
    "trust. The trust said that planned operations had been moved to the clinic at Ardwell. "
    "Trust director Pell Varrow said he hoped talks would resume within days."
)
NURSES_C = (
    "The nurses' union says about 2,300 of its members are out at Lindmoor General Hospital; "
    "the hospital trust puts the number closer to 1,400. Ward sister Mairin Ostby told "
    "reporters that the walkout would last until the trust hired more staff."
)
VISITS_BEFORE = (
    "Foreign Minister Ragna Tell has made three visits to Orland since she took office. "
    "Officials in Orland said on Monday that a fourth trip was being prepared for the spring. "
    "The ministry did not give a date."
)
VISITS_AFTER = (
    "Foreign Minister Ragna Tell arrived in Orland on Thursday, her fourth visit to the country "
    "since she took office. She was met at the airport by Orland's prime minister, Idun Sael, "
    "and the two held talks on fishing rights."
)


@pytest.fixture(scope="module")
def nurses(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("nurses")
    _write(folder, "a", "Lindmoor Post", "2025-05-06", NURSES_A)
    _write(folder, "b", "Ardwell Times", "2025-05-07", NURSES_B)
    _write(folder, "c", "Coast Radio", "2025-05-08", NURSES_C)
    return build([folder], config=Config()).dossier


@pytest.mark.model
def test_two_counts_of_the_strikers_contradict_and_name_their_sources(nurses: Any) -> None:
    flagged = [
        c
        for c in nurses.comparisons
        if c.verdict == "contradict" and {"2300", "1400"} <= {claim.value for claim in c.claims}
    ]
    assert len(flagged) == 1, [(c.topic, c.verdict) for c in nurses.comparisons]
    (only,) = flagged
    assert "2,300" in only.explanation and "1,400" in only.explanation
    assert "hospital trust" in only.explanation  # who gives the lower figure
    assert only.independent == 3
    assert nurses.comparisons[0] is only, "contradictions come first"


@pytest.mark.model
def test_every_claim_is_a_span_of_its_article(nurses: Any) -> None:
    texts = {a.id: a.text for a in nurses.articles}
    assert nurses.comparisons
    for comparison in nurses.comparisons:
        assert len({c.span.article for c in comparison.claims}) >= 2
        assert comparison.explanation
        for claim in comparison.claims:
            span = claim.span
            assert texts[span.article][span.start : span.end] == span.text
            assert claim.value


@pytest.mark.model
def test_a_count_before_and_an_ordinal_after_agree(tmp_path: Path) -> None:
    _write(tmp_path, "before", "Orland Herald", "2025-02-03", VISITS_BEFORE)
    _write(tmp_path, "after", "Nordic Wire", "2025-04-11", VISITS_AFTER)
    dossier = build([tmp_path], config=Config()).dossier
    counts = [c for c in dossier.comparisons if any(cl.kind == "count" for cl in c.claims)]
    assert counts, [(c.topic, c.verdict) for c in dossier.comparisons]
    assert all(c.verdict != "contradict" for c in dossier.comparisons)
    visit = next(c for c in counts if {"3", "#4"} <= {cl.value for cl in c.claims})
    assert visit.verdict == "agree"
    assert "3" in visit.explanation and "fourth" in visit.explanation


@pytest.mark.model
def test_a_syndicated_copy_is_no_second_source(tmp_path: Path) -> None:
    _write(tmp_path, "a", "Lindmoor Post", "2025-05-06", NURSES_A)
    _write(tmp_path, "b", "Ardwell Times", "2025-05-07", NURSES_B)
    copy = "LINDMOOR – " + NURSES_B + " Readers can write to the newsroom with questions."
    _write(tmp_path, "copy", "Valley Courier", "2025-05-08", copy)
    dossier = build([tmp_path], config=Config()).dossier
    assert [c.article for c in dossier.copies]
    copied = {c.article for c in dossier.copies}
    for comparison in dossier.comparisons:
        assert not copied & {c.span.article for c in comparison.claims}
        assert comparison.independent == 2


def _figure(article: str, value: float, *, ordinal: bool = False, approx: bool = False) -> Found:
    span = Span(article, 0, 4, "four")
    statement = Statement(
        article=article,
        witness=article,
        span=span,
        features=(),
        dates=(),
        figures=(),
        source=None,
        published={"early": "2025-01-02", "late": "2025-03-04"}.get(article),
    )
    return Found(Figure(span, value, "visit", ordinal, approx), statement)


def test_figures_agree_within_rounding_and_across_the_time_of_writing() -> None:
    assert compatible(_figure("early", 4000, approx=True), _figure("late", 4100), 0.1)
    assert not compatible(_figure("early", 4000), _figure("late", 4100), 0.1)
    # four visits counted before, the fifth named after: one more is the same count
    assert compatible(_figure("early", 4), _figure("late", 5, ordinal=True), 0.1)
    # ... but not when the count was written after the ordinal
    assert not compatible(_figure("late", 4), _figure("early", 5, ordinal=True), 0.1)


def _statement(article: str, features: tuple[str, ...]) -> Statement:
    return Statement(
        article=article,
        witness=article,
        span=Span(article, 0, 1, "x"),
        features=features,
        dates=(),
        figures=(),
        source=None,
        published=None,
    )


def test_a_group_holds_one_sentence_per_source() -> None:
    shared = ("w:ferry", "w:terminal", "w:close", "w:pier")
    statements = [
        _statement("a", shared),
        _statement("a", (*shared, "w:board")),
        _statement("b", (*shared, "w:vote")),
        _statement("c", ("w:weather", "w:rain", "w:storm", "w:coast")),
        _statement("d", ("w:weather", "w:rain", "w:storm", "w:wind")),
    ]
    similarity = Similarity(statements, AlignSettings.default())
    groups = group(similarity)
    assert groups
    for members in groups:
        articles = [statements[i].article for i in members]
        assert len(articles) == len(set(articles))
    assert [3, 4] in groups, "the weather sentences of two sources are one group"
    assert not any({0, 1} <= set(m) for m in groups)


def _mention(
    article: str, value: str | None, status: str, actor: str, granularity: str = "day"
) -> EventMention:
    sentence = Span(article, 0, 30, "The council met on some day.")
    date = EventDate(value, granularity, Span(article, 20, 28, "some day")) if value else None
    return EventMention(
        article=article,
        trigger=Span(article, 12, 15, "met"),
        sentence=sentence,
        predicate="meet",
        type="CONSULT",
        mode=None,
        actors=(Participant(Span(article, 0, 11, "The council"), actor, actor),),
        targets=(),
        location=None,
        date=date,
        status=status,  # type: ignore[arg-type]
        cue=None,
    )


def _event(*mentions: EventMention) -> Any:
    from storyline.model import Event

    first = mentions[0]
    return Event(
        id="ev-1",
        type="CONSULT",
        predicate="meet",
        mode=None,
        actors=first.actors,
        targets=(),
        location=None,
        date=first.date,
        status=first.status,
        summary=first.sentence,
        sources=tuple(m.sentence for m in mentions),
        history=(),
        mentions=mentions,
    )


def _compare_event(*mentions: EventMention) -> Comparison:
    witnesses = {m.article: m.article for m in mentions}
    kinds = {"council": "ORG", "mayor": "PERSON"}
    (only,) = event_comparisons(
        [_event(*mentions)], witnesses, dict.fromkeys(witnesses), {}, str, kinds
    )
    return only


def test_an_event_dated_alike_agrees_and_two_days_both_happened_contradict() -> None:
    same = _compare_event(
        _mention("a", "2025-03-26", "happened", "council"),
        _mention("b", "2025-03", "happened", "council", "month"),
    )
    assert same.verdict == "agree"
    assert "2025-03-26" in same.explanation and "2025-03" in same.explanation
    clash = _compare_event(
        _mention("a", "2025-03-26", "happened", "council"),
        _mention("b", "2025-03-28", "happened", "council"),
    )
    assert clash.verdict == "contradict"
    moved = _compare_event(
        _mention("a", "2025-03", "expected", "council", "month"),
        _mention("b", "2025-04-02", "happened", "council"),
    )
    assert moved.verdict == "complement"
    other_actor = _compare_event(
        _mention("a", None, "happened", "council"),
        _mention("b", None, "happened", "mayor"),
    )
    assert other_actor.verdict == "complement"
    assert "council" in other_actor.explanation and "mayor" in other_actor.explanation


@pytest.mark.model
def test_counts_of_different_happenings_do_not_clash(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a",
        "Harbour Post",
        "2025-06-02",
        "Coast guards rescued 12 fishermen off Skerra on Monday after their trawler sank in a "
        "storm. The fishermen were taken to the hospital in Skerra.",
    )
    _write(
        tmp_path,
        "b",
        "Island Radio",
        "2025-06-03",
        "Police arrested 30 fishermen off Skerra in a raid on illegal nets on Tuesday. The "
        "fishermen were released on bail in Skerra.",
    )
    dossier = build([tmp_path], config=Config()).dossier
    assert not [c for c in dossier.comparisons if c.verdict == "contradict"], [
        (c.topic, c.explanation) for c in dossier.comparisons
    ]


def _quote(article: str, words: str) -> Any:
    from storyline.model import Quote, Speaker

    span = Span(article, 10, 10 + len(words), words)
    speaker = Speaker(Span(article, 0, 9, "Ilsa Berg"), "Ilsa Berg")
    return Quote("q-" + article, article, "direct", span, span, speaker, None)


def test_a_quote_carried_by_several_outlets_is_compared_word_by_word() -> None:
    from dataclasses import replace

    from storyline.stages.compare.wording import quote_comparisons

    first = _quote("a", "We will not sell the harbour to anyone, not this year and not next.")
    same = _quote("b", "We will not sell the harbour to anyone")  # trimmed
    changed = _quote("c", "We will never sell the harbour to anyone, not this year and not next.")
    witnesses = {"a": "post", "b": "wire", "c": "radio"}
    (trimmed,) = quote_comparisons([replace(first, also_in=(same.span,))], witnesses, str)
    assert trimmed.verdict == "agree"
    assert "b a shorter part" in trimmed.explanation
    (reworded,) = quote_comparisons(
        [replace(first, also_in=(same.span, changed.span))], witnesses, str
    )
    assert reworded.verdict == "complement"
    assert "c has \u201cnot\u201d \u2192 \u201cnever\u201d" in reworded.explanation
    assert [c.span.article for c in reworded.claims] == ["a", "b", "c"]
    assert reworded.topic == "The words of Ilsa Berg"
    # one outlet's two renderings are one source: nothing to compare
    assert (
        quote_comparisons([replace(first, also_in=(same.span,))], {"a": "x", "b": "x"}, str) == []
    )


def test_a_higher_figure_in_a_later_report_is_an_update() -> None:
    from storyline.stages.compare.verdicts import figure_comparison

    def always(a: Found, b: Found) -> bool:
        return True

    rising = figure_comparison(
        [_figure("early", 12), _figure("late", 20)], "visit", 0.1, str, always
    )
    assert rising is not None and rising.verdict == "complement"
    assert "12" in rising.explanation and "20" in rising.explanation
    falling = figure_comparison(
        [_figure("early", 20), _figure("late", 12)], "visit", 0.1, str, always
    )
    assert falling is not None and falling.verdict == "contradict"


def _sourced(article: str, source: str | None, role: tuple[str, ...]) -> Statement:
    return replace(
        _statement(article, ("w:agency", "w:ferry", "w:close")), source=source, role=role
    )


def test_two_origins_named_in_the_same_role_complement_each_other() -> None:
    two = [
        _sourced("a", "Northwind Press", ("wire", "agency")),
        _sourced("b", "Ostal News", ("agency",)),
    ]
    made = statement_comparison(two, "agency, ferry", str)
    assert made is not None and made.verdict == "complement"
    assert "Northwind Press" in made.explanation and "Ostal News" in made.explanation
    assert {c.value for c in made.claims} == {"Northwind Press", "Ostal News"}
    # the same origin twice, or origins in different roles, is no second origin
    same = [_sourced("a", "Northwind Press", ("agency",)), _sourced("b", "Northwind", ("agency",))]
    assert statement_comparison(same, "agency, ferry", str).verdict == "agree"  # type: ignore[union-attr]
    roles = [_sourced("a", "Northwind Press", ("agency",)), _sourced("b", "Ostal News", ("mayor",))]
    assert statement_comparison(roles, "agency, ferry", str).verdict == "agree"  # type: ignore[union-attr]


@pytest.mark.model
def test_two_agencies_named_for_the_same_news_complement_each_other(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a",
        "Lindmoor Post",
        "2025-05-06",
        "According to the wire agency Northwind Press, the Ardwell ferry terminal will close "
        "for repairs in June, and its sailings will move to Kelby pier.",
    )
    _write(
        tmp_path,
        "b",
        "Coast Radio",
        "2025-05-07",
        "The wire agency Ostal News said on Tuesday that repairs would shut the Ardwell ferry "
        "terminal in June, moving its sailings to Kelby pier.",
    )
    dossier = build([tmp_path], config=Config()).dossier
    (made,) = [c for c in dossier.comparisons if any(cl.kind == "actor" for cl in c.claims)]
    assert made.verdict == "complement"
    assert "Northwind Press" in made.explanation and "Ostal News" in made.explanation
    assert "\u201cagency\u201d" in made.explanation


def _said(article: str, text: str, witness: str | None = None) -> Statement:
    words = {w.strip(".,").lower() for w in text.split()} - {"the", "is", "be", "to", "on"}
    lemmas = {"ports": "port", "ministers": "minister"}
    return Statement(
        article=article,
        witness=witness or article,
        span=Span(article, 0, len(text), text),
        features=tuple(sorted(f"w:{lemmas.get(w, w)}" for w in words)),
        dates=(),
        figures=(),
        source=None,
        published=None,
    )


def test_a_thing_one_source_calls_unlikely_and_another_expects_contradict() -> None:
    found = [
        _said("a", "Closer naval cooperation between the ports is unlikely to develop this year."),
        _said(
            "b", "Naval cooperation between the ports could be on the agenda when ministers meet."
        ),
        # negated itself, from the doubting source, or sharing one word only: no clash
        _said("c", "There is no sign that naval cooperation between the ports could be discussed."),
        _said("d", "Naval cooperation between the ports could grow.", witness="a"),
        _said("e", "Cooperation on fishing could follow when ministers meet."),
    ]

    def subject(statement: Statement, at: int) -> str | None:
        # the thing every sentence here is about, "cooperation" (none in sentence e)
        return "cooperation" if "naval cooperation" in statement.span.text.lower() else None

    made = forecast_comparisons(found, Similarity(found, AlignSettings.default()), str, subject)
    assert len(made) == 1, [m.explanation for m in made]
    (only,) = made
    assert only.verdict == "contradict" and only.independent == 2
    assert [c.span.article for c in only.claims] == ["a", "b"]
    assert "unlikely" in only.explanation and "could" in only.explanation
    # nothing doubted, nothing flagged
    assert (
        forecast_comparisons(
            found[1:], Similarity(found[1:], AlignSettings.default()), str, subject
        )
        == []
    )
    # the same words said of different subjects ("the ports are unlikely to ...") never clash
    other = forecast_comparisons(
        found, Similarity(found, AlignSettings.default()), str, lambda s, at: s.article
    )
    assert other == []
