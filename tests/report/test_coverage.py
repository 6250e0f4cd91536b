"""The source-by-event coverage matrix (no spaCy needed)."""

from __future__ import annotations

import re

from storyline import timevalues
from storyline.model import (
    Article,
    Dossier,
    Event,
    EventDate,
    EventStatus,
    HistoryEntry,
    Participant,
    Published,
    Span,
)
from storyline.report.coverage import COLUMNS
from storyline.report.html import render_report
from storyline.stages.events import timeline


def _article(id_: str, text: str, outlet: str | None, published: str) -> Article:
    return Article(
        id_,
        f"in/{id_}.txt",
        "text",
        f"About {id_}",
        outlet,
        None,
        "en",
        text,
        text,
        (),
        (),
        published=Published(published, "given", published, published, "metadata"),
    )


TEXT_1 = "The ferry strike began on Monday. Talks are planned for Friday."
TEXT_2 = "Ferry crews walked out on Monday. Talks may happen on Friday."
TEXT_3 = "Crews stopped the ferries on Monday."
TEXT_4 = "The strike started on Monday, crews said."
ONE = _article("one", TEXT_1, "Harbour Gazette", "2025-05-12")
TWO = _article("two", TEXT_2, "Island Wire", "2025-05-13")
THREE = _article("three", TEXT_3, None, "2025-05-14")
FOUR = _article("four", TEXT_4, "Harbour Gazette", "2025-05-15")


def _span(article: Article, words: str) -> Span:
    start = article.text.index(words)
    return Span(article.id, start, start + len(words), words)


def _event(id_: str, value: str, said: list[tuple[Article, str, EventStatus]]) -> Event:
    spans = [_span(article, words) for article, words, _ in said]
    first = spans[0]
    return Event(
        id=id_,
        type="PROTEST",
        predicate="walk_out",
        mode=None,
        actors=(Participant(first, "ferry crews"),),
        targets=(),
        location=None,
        date=EventDate(value, timevalues.granularity(value), first),
        status=said[-1][2],
        summary=first,
        sources=tuple(spans),
        history=tuple(
            HistoryEntry(
                article.id,
                article.published.value if article.published else None,
                status,
                value,
                span,
                None,
            )
            for (article, _, status), span in zip(said, spans, strict=True)
        ),
    )


STRIKE = _event(
    "ev-strike",
    "2025-05-12",
    [
        (ONE, "The ferry strike began on Monday", "happened"),
        (TWO, "Ferry crews walked out on Monday", "happened"),
        (THREE, "Crews stopped the ferries on Monday", "happened"),
        (FOUR, "The strike started on Monday", "happened"),
    ],
)
TALKS = _event(
    "ev-talks",
    "2025-05-16",
    [
        (ONE, "Talks are planned for Friday", "planned"),
        (TWO, "Talks may happen on Friday", "speculated"),
    ],
)


def _page() -> str:
    events = (STRIKE, TALKS)
    dossier = Dossier(
        articles=(FOUR, THREE, TWO, ONE),
        entities=(),
        inputs=(),
        events=events,
        timeline=tuple(timeline(events)),
    )
    return render_report(dossier)


def _matrix(page: str) -> str:
    return page[
        page.index('<section id="coverage">') : page.index(
            "</section>", page.index('<section id="coverage">')
        )
    ]


def test_one_column_per_outlet_and_one_per_article_without_outlet() -> None:
    matrix = _matrix(_page())
    headers = re.findall(r'<th class="source" title="([^"]*)">([^<]*)<br>', matrix)
    # outlets A to Z, then the lone article by its card number (cards go by publication)
    assert headers == [
        ("Harbour Gazette", "Harbour Gazette"),
        ("Island Wire", "Island Wire"),
        ("About three", "No. 3"),
    ]
    assert "2 events" in matrix and "1 event<" in matrix


def test_cells_give_when_and_in_which_status_each_outlet_reported() -> None:
    matrix = _matrix(_page())
    rows = re.findall(r"<tr>\s*<th class=\"event\".*?</tr>", matrix, re.S)
    assert len(rows) == 2
    strike, talks = rows
    assert "walk out" in strike and "ferry crews" in strike
    # the strike: Harbour Gazette twice (articles 1 and 4), Island Wire, and article 3
    cells = re.findall(r"<td[^>]*>(.*?)</td>", strike, re.S)
    assert len(cells) == 3
    start = TEXT_1.index("The ferry strike")
    assert f'href="#article-1:{start}-{start + 32}"' in cells[0]
    assert ">2025-05-12</a>" in cells[0] and ">2025-05-15</a>" in cells[0]
    assert ">2025-05-13</a>" in cells[1] and ">2025-05-14</a>" in cells[2]
    # talks: planned by one outlet, only speculated by the other, not reported by article 3
    cells = re.findall(r"<td[^>]*>(.*?)</td>", talks, re.S)
    assert "status planned" in cells[0] and "status speculated" in cells[1]
    assert 'class="none"' in re.findall(r"<td[^>]*>", talks)[2]


def test_no_matrix_without_sourced_events() -> None:
    page = render_report(Dossier(articles=(ONE,), entities=(), inputs=()))
    assert '<section id="coverage">' not in page and 'href="#coverage"' not in page


def test_a_long_story_without_outlets_keeps_the_table_to_a_bounded_width() -> None:
    # 40 articles with no outlet, each reporting the strike; the first 30 the talks too: one
    # column each would be 40 columns; the table keeps the 23 sources with most events (the
    # first 23 articles report two) and folds the other 17 into one "Others" column
    lone = [_article(f"a{n:02d}", TEXT_1, None, f"2025-05-{1 + n % 28:02d}") for n in range(40)]
    strike = _event(
        "ev-strike",
        "2025-05-12",
        [(a, "The ferry strike began on Monday", "happened") for a in lone],
    )
    talks = _event(
        "ev-talks",
        "2025-05-16",
        [(a, "Talks are planned for Friday", "planned") for a in lone[:30]],
    )
    events = (strike, talks)
    page = render_report(
        Dossier(
            articles=tuple(lone),
            entities=(),
            inputs=(),
            events=events,
            timeline=tuple(timeline(events)),
        )
    )
    matrix = _matrix(page)
    headers = re.findall(r'<th class="source" title="([^"]*)">([^<]*)<br>', matrix)
    assert len(headers) == COLUMNS
    assert headers[-1] == ("17 sources that report fewer events, together", "Others")
    rows = re.findall(r"<tr>\s*<th class=\"event\".*?</tr>", matrix, re.S)
    strike_cells = re.findall(r"<td[^>]*>(.*?)</td>", rows[0], re.S)  # dated first
    assert len(strike_cells) == COLUMNS
    # the shared column holds the 17 other articles' reports, each naming its article
    assert strike_cells[-1].count('class="evidence coverage') == 17
    assert strike_cells[-1].count('<span class="small">No. ') == 17
    assert 'class="small">No. ' not in "".join(strike_cells[:-1])
