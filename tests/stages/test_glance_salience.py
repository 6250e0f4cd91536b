"""Event salience: witnesses, centrality, the story's own period, a status that came true, and
the key events (stages/glance/salience.py), on invented dossier records."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from storyline.stages.glance import SalienceSettings, score_events, story_start
from storyline.stages.glance.salience import rank_key


def _article(ident: str, outlet: str | None, published: str | None) -> dict[str, Any]:
    return {
        "id": ident,
        "outlet": outlet,
        "text": "",
        "published": {"value": published} if published else None,
    }


def _event(
    ident: str,
    articles: list[str],
    day: str | None = None,
    actors: tuple[str, ...] = (),
    history: tuple[tuple[str, str | None], ...] = (),
) -> dict[str, Any]:
    return {
        "id": ident,
        "sources": [{"article": a, "start": 0, "end": 1, "text": "x"} for a in articles],
        "date": {"value": day, "granularity": "day"} if day else None,
        "actors": [{"entity": e} for e in actors],
        "targets": [],
        "history": [{"status": s, "published": p} for s, p in history],
    }


def _dossier(events: list[dict[str, Any]], outlets: tuple[str | None, ...]) -> dict[str, Any]:
    articles = [
        _article(f"a{i}", outlet, f"2025-03-{10 + i:02d}") for i, outlet in enumerate(outlets)
    ]
    entities = [
        {"id": "mayor", "mentions": [{"article": a["id"]} for a in articles]},
        {"id": "clerk", "mentions": [{"article": "a0"}]},
    ]
    return {"articles": articles, "entities": entities, "events": events}


def test_a_second_article_of_one_outlet_is_no_second_witness() -> None:
    dossier = _dossier(
        [_event("same", ["a0", "a1"]), _event("two", ["a0", "a2"])], ("Daily", "Daily", "Post")
    )
    scored = score_events(dossier)
    assert scored["same"].witnesses == 1 and scored["two"].witnesses == 2
    assert rank_key(scored["two"]) < rank_key(scored["same"])


def test_an_article_with_no_outlet_is_its_own_witness_and_one_outlet_counts_articles() -> None:
    mixed = score_events(_dossier([_event("e", ["a0", "a1", "a2"])], ("Daily", None, None)))
    assert mixed["e"].witnesses == 3
    single = score_events(_dossier([_event("e", ["a0", "a1"])], ("Daily", "Daily", "Daily")))
    assert single["e"].witnesses == 2


def test_background_is_before_the_story_and_never_key() -> None:
    dossier = _dossier(
        [
            _event("old", ["a0", "a1", "a2"], day="2019-05-01"),  # widely told, long before
            _event("late_feb", ["a0"], day="2025-02-20"),  # within 30 days of the first article
            _event("news", ["a0"], day="2025-03-11"),
        ],
        ("A", "B", "C"),
    )
    assert story_start(dossier, 30) is not None
    scored = score_events(dossier)
    assert scored["old"].background and not scored["old"].key
    assert not scored["late_feb"].background and scored["late_feb"].key
    assert scored["news"].key


def test_key_events_are_the_best_scored_and_ties_go_to_central_participants() -> None:
    events = [
        _event("central", ["a0", "a1"], day="2025-03-12", actors=("mayor",)),
        _event("minor", ["a0", "a1"], day="2025-03-12", actors=("clerk",)),
        _event("lone", ["a2"], day="2025-03-12", actors=("mayor",)),
    ]
    settings = replace(SalienceSettings.default(), key_events=1)
    scored = score_events(_dossier(events, ("A", "B", "C")), settings)
    assert scored["central"].score == scored["minor"].score > scored["lone"].score
    assert scored["central"].centrality == 1.0 and scored["minor"].centrality < 1.0
    assert [e for e, s in scored.items() if s.key] == ["central"]


def test_a_planned_event_that_happened_came_true() -> None:
    came = _event(
        "came",
        ["a0", "a1"],
        history=(("planned", "2025-03-10"), ("happened", "2025-03-11")),
    )
    undone = _event(
        "undone",
        ["a0", "a1"],
        history=(("happened", "2025-03-10"), ("expected", "2025-03-11")),
    )
    plain = _event("plain", ["a0"], history=(("happened", "2025-03-10"),))
    scored = score_events(_dossier([came, undone, plain], ("A", "B", "C")))
    assert scored["came"].changed
    assert not scored["undone"].changed  # said to be coming only after it was told as done
    assert not scored["plain"].changed


def test_scores_are_in_range_and_repeatable() -> None:
    events = [_event(f"e{i}", ["a0", "a1", "a2"][: i + 1], day="2025-03-12") for i in range(3)]
    dossier = _dossier(events, ("A", "B", "C"))
    first, second = score_events(dossier), score_events(dossier)
    assert first == second
    assert all(0.0 <= s.score <= 1.0 for s in first.values())
    assert first["e2"].score == 1.0  # every outlet, in the story's period
