"""Story clustering on invented articles: two unrelated stories, one story told over weeks,
two events of one kind in two places, copies, determinism, the index's bound, the higher bar
for undated articles, stray pages joining the story around their days and a second event of
the same kind in the same weeks, with names of its own, not joining it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storyline.evaluation.corpora import text_article
from storyline.model import Article
from storyline.stages.stories import (
    ClusterSettings,
    count_terms,
    group_stories,
    similarity,
)


def _article(path: str, text: str, day: str | None, title: str | None = None) -> Article:
    article = text_article(path, text, article_id=f"id-{path}", given_date=day)
    return replace(article, title=title)


# An invented ferry strike in Kessvik told over five weeks, and an invented orchard blight in
# Trellmoor over the same weeks.
STRIKE = [
    (
        "strike-1.txt",
        "2031-03-02",
        "Ferry crews in Kessvik voted to strike after talks with Nordhavn Lines collapsed. "
        "The Kessvik crews union said Nordhavn Lines refused a wage offer. Ferries to Orrby "
        "may stop on Monday, union leader Asta Vireling said.",
    ),
    (
        "strike-2.txt",
        "2031-03-09",
        "The ferry strike in Kessvik entered its first week. Nordhavn Lines cancelled every "
        "crossing to Orrby. Asta Vireling told the crews union the strike would go on until "
        "Nordhavn Lines improved its wage offer.",
    ),
    (
        "strike-3.txt",
        "2031-03-23",
        "Islanders in Orrby ran short of fuel as the Kessvik ferry strike dragged on. Nordhavn "
        "Lines asked the mediator Pell Ostrand to call the crews union back to talks. Asta "
        "Vireling agreed to meet the mediator.",
    ),
    (
        "strike-4.txt",
        "2031-04-06",
        "The Kessvik ferry strike ended after the crews union accepted a new wage offer from "
        "Nordhavn Lines brokered by mediator Pell Ostrand. Ferries to Orrby sailed again, and "
        "Asta Vireling thanked the crews.",
    ),
]
BLIGHT = [
    (
        "blight-1.txt",
        "2031-03-04",
        "A blight spread through the apple orchards of Trellmoor, growers said. The Trellmoor "
        "growers cooperative asked the agriculture office in Dunmere to test leaves from the "
        "orchards, cooperative chair Ilse Marrow said.",
    ),
    (
        "blight-2.txt",
        "2031-03-16",
        "Tests in Dunmere confirmed a fungal blight in the Trellmoor orchards. Ilse Marrow said "
        "the growers cooperative would burn infected apple trees to stop the blight.",
    ),
    (
        "blight-3.txt",
        "2031-04-01",
        "Trellmoor growers burned thousands of apple trees as the blight reached the eastern "
        "orchards. The agriculture office in Dunmere promised the cooperative compensation, "
        "Ilse Marrow said.",
    ),
]


def _pile(*groups: list[tuple[str, str, str]]) -> list[Article]:
    return [_article(path, text, day) for group in groups for path, day, text in group]


def _grouped(articles: list[Article]) -> list[list[str]]:
    paths = {a.id: a.path for a in articles}
    return sorted(sorted(paths[i] for i in s.articles) for s in group_stories(articles))


def test_two_unrelated_stories_stay_apart_and_a_story_over_weeks_stays_one() -> None:
    articles = _pile(STRIKE, BLIGHT)
    assert _grouped(articles) == [
        [p for p, _, _ in BLIGHT],
        [p for p, _, _ in STRIKE],
    ]


def test_stories_carry_title_and_first_last_days() -> None:
    stories = group_stories(_pile(STRIKE, BLIGHT))
    strike = next(s for s in stories if "id-strike-1.txt" in s.articles)
    assert (strike.first, strike.last) == ("2031-03-02", "2031-04-06")
    assert strike.title.startswith("Ferry crews in Kessvik voted to strike")
    assert strike.id.startswith("story-")
    # the articles are listed in publication order
    assert strike.articles == tuple(f"id-{p}" for p, _, _ in STRIKE)


def test_the_same_pile_in_another_order_gives_the_same_stories() -> None:
    articles = _pile(STRIKE, BLIGHT)
    assert group_stories(articles) == group_stories(list(reversed(articles)))


# An invented second ferry strike, in Valmora, in the same weeks as the Kessvik one, with its
# own places, company and people.
OTHER_STRIKE = [
    (
        "other-1.txt",
        "2031-03-03",
        "Ferry crews in Valmora voted to strike after Brisk Tide Ferries cut their pay. "
        "Union steward Joren Haltby said the Valmora crews would stop the boats to Sennick.",
    ),
    (
        "other-2.txt",
        "2031-03-10",
        "Brisk Tide Ferries stopped every boat to Sennick as the Valmora strike began. "
        "Joren Haltby said the pay cut must be reversed.",
    ),
]


def test_two_events_of_one_kind_in_two_places_are_two_stories() -> None:
    other = OTHER_STRIKE
    groups = _grouped(_pile(STRIKE, other))
    assert [p for p, _, _ in other] in groups
    assert [p for p, _, _ in STRIKE] in groups


def test_a_copy_joins_its_originals_story() -> None:
    articles = _pile(STRIKE, BLIGHT)
    copy = _article("copy.txt", "A short note on orchards.", "2031-03-05")
    stories = group_stories([*articles, copy], copies={copy.id: "id-strike-1.txt"})
    strike = next(s for s in stories if "id-strike-1.txt" in s.articles)
    assert copy.id in strike.articles


def test_a_story_idle_for_months_does_not_take_a_like_article() -> None:
    late = [(p, "2032-01-10", t) for p, _, t in STRIKE[:1]]
    late = [("late.txt", late[0][1], late[0][2])]
    settings = replace(ClusterSettings.default(), idle_factor=0.0)
    articles = _pile(STRIKE, late)
    stories = group_stories(articles, settings=replace(settings, merge_threshold=1.1))
    late_story = next(s for s in stories if "id-late.txt" in s.articles)
    assert late_story.articles == ("id-late.txt",)


def test_names_are_capitalised_words_inside_a_sentence() -> None:
    counts = count_terms("Kessvik crews struck. The crews of Kessvik met Asta Vireling.")
    assert counts["n:kessvik"] == 1  # the first one opens the text
    assert counts["n:vireling"] == 1
    assert "n:the" not in counts
    assert counts["crews"] == 2


@pytest.mark.parametrize("other, alike", [("strike-2.txt", True), ("blight-2.txt", False)])
def test_similarity_is_higher_within_a_story(other: str, alike: bool) -> None:
    articles = {a.path: a for a in _pile(STRIKE, BLIGHT)}
    score = similarity(
        articles["strike-1.txt"], articles[other], background=list(articles.values())
    )
    assert (score > 0.2) is alike, score


def test_the_demo_stays_one_story() -> None:
    from pathlib import Path

    from storyline.config import Config
    from storyline.pipeline import run

    demo = Path(__file__).resolve().parents[2] / "examples" / "harbour-strike"
    state, _ = run({"paths": [str(demo)]}, config=Config(), until="clean")
    (story,) = group_stories(state["articles"])
    assert len(story.articles) == len(state["articles"]) == 6


@pytest.mark.parametrize("small_story", [1, 0])
def test_small_stories_merge_at_their_own_threshold(small_story: int) -> None:
    # every article opens its own story, and stories merge only when they are small
    settings = replace(
        ClusterSettings.default(),
        threshold=1.5,
        merge_threshold=1.5,
        small_story=small_story,
        small_threshold=0.05,
    )
    grouped = _grouped_with(_pile(STRIKE, BLIGHT), settings)
    if small_story:
        assert [p for p, _, _ in STRIKE] in grouped
        assert [p for p, _, _ in BLIGHT] in grouped
    else:
        assert len(grouped) == len(STRIKE) + len(BLIGHT)


def _grouped_with(articles: list[Article], settings: ClusterSettings) -> list[list[str]]:
    paths = {a.id: a.path for a in articles}
    stories = group_stories(articles, settings=settings)
    return sorted(sorted(paths[i] for i in s.articles) for s in stories)


@pytest.mark.parametrize("dated", [True, False])
def test_an_undated_article_needs_the_undated_threshold(dated: bool) -> None:
    # two articles of one story: dated, they join at `threshold`; with no day (no time
    # evidence) their similarity must reach `undated_threshold`, set just above it here
    first, second = (_article(p, t, d if dated else None) for p, d, t in (STRIKE[0], STRIKE[1]))
    score = similarity(first, second)
    settings = replace(
        ClusterSettings.default(),
        threshold=score - 0.01,
        undated_threshold=score + 0.01,
        merge_threshold=1.1,
        undated_merge=1.1,
        small_threshold=1.1,
    )
    grouped = _grouped_with([first, second], settings)
    assert len(grouped) == (1 if dated else 2)


# Two invented stray pages: a harbour cafe's notices, which name Kessvik once.
STRAY = [
    (
        "stray-1.txt",
        "A cafe by the Kessvik harbour put out more tables for the summer. Its owner baked "
        "rye bread, fish pies and cinnamon buns for her guests.",
    ),
    (
        "stray-2.txt",
        "The harbour cafe hired two cooks for the summer. Its owner now bakes rye bread and "
        "cinnamon buns every morning and plans a garden with lanterns and tables.",
    ),
]


def _absorb_only() -> ClusterSettings:
    """The clustering with the merge pass off (no names cosine reaches 1.1) and the absorb
    pass on for stories of up to two articles at any resemblance."""
    return replace(
        ClusterSettings.default(),
        merge_threshold=1.1,
        small_threshold=1.1,
        undated_merge=1.1,
        absorb_size=2,
        absorb_threshold=0.01,
    )


@pytest.mark.parametrize("year, joins", [("2031", True), ("2032", False)])
def test_stray_pages_join_the_story_around_their_days(year: str, joins: bool) -> None:
    strays = [_article(path, text, f"{year}-03-2{i}") for i, (path, text) in enumerate(STRAY)]
    articles = [*_pile(STRIKE), *strays]
    settings = _absorb_only()
    strike = [p for p, _, _ in STRIKE]
    apart = sorted([strike, [p for p, _ in STRAY]])
    grouped = _grouped_with(articles, settings)
    assert grouped == ([sorted([*strike, *(p for p, _ in STRAY)])] if joins else apart)
    # with absorption off the stray pages stay a story of their own
    assert _grouped_with(articles, replace(settings, absorb_size=0)) == apart


@pytest.mark.parametrize("absorb_names", [0.0, None])
def test_a_same_kind_event_in_the_same_weeks_is_not_absorbed(absorb_names: float | None) -> None:
    # the Valmora strike (2 articles, within the Kessvik strike's days) resembles the Kessvik
    # strike's words but shares none of its names: the absorb pass leaves it a story of its
    # own unless the names test is turned off
    settings = _absorb_only()
    if absorb_names is not None:
        settings = replace(settings, absorb_names=absorb_names)
    strike = [p for p, _, _ in STRIKE]
    other = [p for p, _, _ in OTHER_STRIKE]
    grouped = _grouped_with(_pile(STRIKE, OTHER_STRIKE), settings)
    if absorb_names is None:  # the shipped setting
        assert ClusterSettings.default().absorb_names > 0
        assert grouped == sorted([strike, other])
    else:
        assert grouped == [sorted([*strike, *other])]
