"""The growth measurement's arithmetic and its repeated articles (no spaCy needed)."""

from __future__ import annotations

from storyline.evaluation import growth
from storyline.model import EventDate, EventMention, Participant, Span


def _results(*times: tuple[int, float]) -> list[dict[str, object]]:
    return [
        {
            "size": n,
            "articles": n,
            "made": {"events": n},
            "steps": [
                {"name": "merge", "cross": True, "seconds": seconds, "peak_mb": 1.0},
                {"name": "tiny", "cross": False, "seconds": 0.01, "peak_mb": None},
            ],
        }
        for n, seconds in times
    ]


def test_exponents_read_linear_and_quadratic_growth_and_skip_tiny_times() -> None:
    linear = growth.exponents(_results((100, 1.0), (400, 4.0), (1600, 16.0)))
    assert linear == {"merge": [1.0, 1.0], "tiny": [None, None]}
    square = growth.exponents(_results((100, 1.0), (400, 16.0)))
    assert square["merge"] == [2.0]


def test_the_table_has_a_row_per_step_and_an_exponent_column_per_gap() -> None:
    table = growth.markdown({"date": "2026-12-07", "sizes": _results((100, 1.0), (400, 4.0))})
    lines = table.splitlines()
    assert lines[0].count("|") == 5  # step, two sizes, one gap
    assert "| merge | 1.00 / 1 | 4.00 / 1 | 1.00 |" in table
    assert "| tiny (per article) | 0.01 | 0.01 |  |" in table


def test_a_repeated_articles_records_point_at_its_new_id() -> None:
    text = "Floods hit the valley."
    where = Span("a1", 0, 6, "Floods")
    mention = EventMention(
        article="a1",
        trigger=where,
        sentence=Span("a1", 0, len(text), text),
        predicate="flood",
        type=None,
        mode=None,
        actors=(Participant(Span("a1", 15, 21, "valley"), "valley", "e1"),),
        targets=(),
        location=None,
        date=None,
        status="happened",
        cue=None,
    )
    moved = growth._moved(mention, "a1~1")
    assert moved.article == moved.trigger.article == moved.sentence.article == "a1~1"
    assert moved.actors[0].span.article == "a1~1" and moved.actors[0].entity == "e1"
    assert moved.trigger.text == "Floods" and mention.article == "a1"


def test_a_repeated_articles_dates_move_by_whole_years() -> None:
    text = "Floods hit the valley on March 3."
    mention = EventMention(
        article="a1",
        trigger=Span("a1", 0, 6, "Floods"),
        sentence=Span("a1", 0, len(text), text),
        predicate="flood",
        type=None,
        mode=None,
        actors=(),
        targets=(),
        location=None,
        date=EventDate("2012-02-29", "day", Span("a1", 25, 32, "March 3")),
        status="happened",
        cue=None,
        published="2012-03/2012-04",
    )
    moved = growth._moved(mention, "a1~2", growth._years("a1~2"))
    assert growth._years("a1~2") == 2 * growth.SHIFT
    assert moved.date is not None and moved.date.value == f"{2012 + 2 * growth.SHIFT}-02-29"
    assert moved.published == f"{2012 + 8}-03/{2012 + 8}-04"
    assert moved.date.span.text == "March 3" and moved.sentence.text == text
    assert growth._later("2011-W12", 4) == "2015-W12" and growth._later("P3D", 4) == "P3D"
    assert growth._moved(mention, "a1") is mention  # copy 0 moves nothing


def test_exponents_are_read_against_the_articles_characters_when_given() -> None:
    results = _results((100, 1.0), (400, 16.0))
    results[0]["made"] = {"characters": 1000}
    results[1]["made"] = {"characters": 16000}  # longer articles: 16 times the text
    assert growth.exponents(results)["merge"] == [1.0]


def test_a_repetition_is_not_taken_as_a_copy_of_its_original() -> None:
    assert growth._repeats("a1~2", "a1") and growth._repeats("a1~2", "a1~3")
    assert not growth._repeats("a1~2", "b7~2") and not growth._repeats("a1", "b7")


def test_an_article_with_no_annotation_is_repeated_without_one() -> None:
    from storyline.evaluation.corpora import text_article

    article = text_article("a.txt", "Floods hit the valley.", article_id="a1", given_date="2012-03")
    annotations: dict[str, object] = {}
    copy = growth._replica(article, 2, annotations, {}, {})  # type: ignore[arg-type]
    assert copy.id == "a1~2" and "a1~2" not in annotations
    assert copy.given_date == f"{2012 + 2 * growth.SHIFT}-03"


def test_a_repeated_articles_quote_is_the_one_the_quotes_stage_gives_it() -> None:
    from dataclasses import replace

    from storyline.model import Article, Quote, Speaker
    from storyline.stages.quotes._context import _quote

    text = '"We will rebuild," the mayor said.'
    article = Article("a1", "a1.txt", "text", None, None, None, "en", text, text, (), ())

    def told(where: Article) -> Quote:
        def at(start: int, end: int) -> Span:
            return Span(where.id, start, end, text[start:end])

        speaker = Speaker(at(19, 28), "the mayor", at(19, 28))
        return _quote(where, "direct", at(1, 16), at(0, 18), speaker, at(29, 33), None)

    moved = growth._moved_quote(told(article), "a1~1")
    assert moved == told(replace(article, id="a1~1"))
    assert moved.id != told(article).id and moved.speaker is not None
    assert moved.speaker.mention.article == "a1~1"


def test_a_step_one_size_skipped_keeps_its_row_and_its_columns() -> None:
    results = _results((100, 1.0), (400, 4.0))
    results[1]["steps"] = results[1]["steps"][:1]  # the larger size skipped "tiny"
    assert growth.exponents(results) == {"merge": [1.0], "tiny": [None]}
    table = growth.markdown({"date": "2026-12-07", "sizes": results})
    assert "| tiny (per article) | 0.01 |  |  |" in table
