"""The HTML report, rendered from hand-made records (no spaCy needed)."""

from __future__ import annotations

import re

import pytest

from storyline import timevalues
from storyline.model import (
    Article,
    ArticleTimex,
    Claim,
    Comparison,
    DateSource,
    Dossier,
    Dropped,
    Entity,
    Event,
    EventDate,
    EventStatus,
    HistoryEntry,
    InputReport,
    Mention,
    Participant,
    Published,
    Quote,
    Role,
    Span,
    Speaker,
    SummarySentence,
)
from storyline.report.html import render_report

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def _article(
    id_: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    language: str = "en",
    published: Published | None = None,
    dropped: tuple[Dropped, ...] = (),
    notes: tuple[str, ...] = (),
) -> Article:
    return Article(
        id=id_,
        path=f"in/{id_}.txt",
        format="text",
        title=title,
        outlet=outlet,
        url=url,
        language=language,
        text=text,
        raw=text,
        dropped=dropped,
        segments=(),
        published=published,
        notes=notes,
    )


def _published(
    value: str,
    source: DateSource,
    *,
    earliest: str | None = None,
    latest: str | None = None,
    method: str = "metadata",
    evidence: tuple[Span, ...] = (),
) -> Published:
    return Published(value, source, earliest or value, latest or value, method, evidence)


TEXT_A = "The minister arrived in the capital on Monday.\n\nShe met the president on Tuesday."
TEXT_B = "Talks ended without an agreement, officials said.\n\nA second round is planned."
TEXT_C = "Les discussions se poursuivent."

ARTICLE_A = _article(
    "aaaa",
    TEXT_A,
    title="Minister arrives for talks",
    outlet="Daily Planet",
    url="https://example.org/minister-arrives",
    published=_published("2024-05-10", "given", method="metadata"),
    dropped=(
        Dropped("Share this article", "share/navigation widget or comment form", 0, 18),
        Dropped("Photo: Jane Doe/Agency", "photo credit", 20, 42),
    ),
)
ARTICLE_B = _article(
    "bbbb",
    TEXT_B,
    title="Talks end without agreement",
    outlet="Evening Star",
    url="http://example.net/talks",
    published=_published(
        "2024-05",
        "inferred",
        earliest="2024-05-01",
        latest="2024-05-31",
        method="latest past time expression",
        evidence=(Span("bbbb", 0, 48, TEXT_B[:48]),),
    ),
)
ARTICLE_C = _article(
    "cccc",
    TEXT_C,
    outlet="Le Quotidien",
    language="fr",
    notes=("language is 'fr', not English: entities are not extracted",),
)
ENTITIES = (
    Entity(
        "e-minister",
        "Anna Minister",
        "person",
        aliases=("Minister", "the minister"),
        roles=(Role("foreign minister", (Span("aaaa", 0, 5, "Talks"),)),),
        mentions=(Mention("aaaa", 4, 12, "minister"), Mention("bbbb", 0, 5, "Talks")),
    ),
    Entity(
        "e-president",
        "Bob President",
        "person",
        aliases=("the president",),
        roles=(),
        mentions=(
            Mention("aaaa", 57, 66, "president"),
            Mention("aaaa", 57, 66, "president"),
            Mention("aaaa", 57, 66, "president"),
        ),
    ),
    Entity(
        "e-capital",
        "Capital City",
        "place",
        aliases=(),
        roles=(),
        mentions=(Mention("aaaa", 30, 37, "capital"),),
    ),
)
INPUTS = (
    InputReport("in/aaaa.txt", "processed", article="aaaa"),
    InputReport("in/bbbb.txt", "processed", article="bbbb"),
    InputReport("in/bbbb-copy.txt", "duplicate", article="bbbb", reason="same text as in/bbbb.txt"),
    InputReport("in/cccc.txt", "processed", article="cccc"),
    InputReport("in/empty.txt", "skipped", reason="no text after cleaning"),
)


@pytest.fixture
def page() -> str:
    # Articles are given out of date order on purpose.
    dossier = Dossier(articles=(ARTICLE_C, ARTICLE_B, ARTICLE_A), entities=ENTITIES, inputs=INPUTS)
    return render_report(dossier)


def _text(html: str) -> str:
    """The page's visible text, roughly: tags removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_page_is_a_complete_html5_document(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert '<meta charset="utf-8">' in page
    assert page.rstrip().endswith("</html>")


@pytest.mark.parametrize("article", [ARTICLE_A, ARTICLE_B, ARTICLE_C], ids=lambda a: a.id)
def test_each_article_shows_outlet_and_source(page: str, article: Article) -> None:
    assert article.outlet is not None
    assert article.outlet in page
    assert article.path in page


def test_titles_and_first_words_head_the_cards(page: str) -> None:
    assert "Minister arrives for talks" in page
    assert "Talks end without agreement" in page
    # No title: the card is headed by the first words of the text.
    assert "Les discussions se poursuivent." in _between(page, 'id="article-3"', "</h3>")


def test_articles_are_sorted_by_publication_date_undated_last(page: str) -> None:
    positions = [
        page.index("Talks end without agreement</h3>"),  # earliest 2024-05-01
        page.index("Minister arrives for talks</h3>"),  # 2024-05-10
        page.index('id="article-3"'),  # undated
    ]
    assert positions == sorted(positions)
    assert "Le Quotidien" in _between(page, 'id="article-3"', "</article>")


def test_published_value_with_given_or_inferred_marker(page: str) -> None:
    card_a = _between(page, "Minister arrives for talks</h3>", "</article>")
    card_b = _between(page, "Talks end without agreement</h3>", "</article>")
    card_c = _between(page, 'id="article-3"', "</article>")
    assert "2024-05-10" in card_a and ">given<" in card_a and ">inferred<" not in card_a
    assert "2024-05" in card_b and ">inferred<" in card_b and ">given<" not in card_b
    assert "between 2024-05-01 and 2024-05-31" in card_b
    assert "latest past time expression" in card_b
    assert "not determined" in card_c


def test_date_evidence_is_shown(page: str) -> None:
    card_b = _between(page, "Talks end without agreement</h3>", "</article>")
    assert "Date evidence" in card_b
    assert TEXT_B[:48] in card_b


def test_dropped_lines_with_reasons(page: str) -> None:
    card_a = _between(page, "Minister arrives for talks</h3>", "</article>")
    assert "Dropped lines (2)" in card_a
    for dropped in ARTICLE_A.dropped:
        # struck through, as the issue asks: visibly not part of the article
        assert f'<td class="break"><s>{dropped.text}</s></td><td>{dropped.reason}</td>' in card_a
    assert "Dropped lines (0)" in _between(page, "Talks end without agreement</h3>", "</article>")


def test_cleaned_text_is_split_into_paragraphs(page: str) -> None:
    card_a = _between(page, "Minister arrives for talks</h3>", "</article>")
    assert "<p>The minister arrived in the capital on Monday.</p>" in card_a
    assert "<p>She met the president on Tuesday.</p>" in card_a


def test_non_english_article_is_flagged_with_its_notes(page: str) -> None:
    card_c = _between(page, 'id="article-3"', "</article>")
    assert "not English" in card_c
    assert "language is &#39;fr&#39;, not English: entities are not extracted" in card_c
    assert "not English" not in _between(page, "Minister arrives for talks</h3>", "</article>")


def test_urls_are_plain_links(page: str) -> None:
    assert '<a href="https://example.org/minister-arrives"' in page
    assert '<a href="http://example.net/talks"' in page


def test_non_http_url_is_text_not_a_link() -> None:
    article = _article("dddd", "Text.", title="T", url="javascript:alert(1)")
    page = render_report(Dossier(articles=(article,), entities=(), inputs=()))
    assert 'href="javascript' not in page
    assert "javascript:alert(1)" in page


def test_overview_counts_outlets_dates_and_entities(page: str) -> None:
    overview = _text(_between(page, '<section id="overview">', "</section>"))
    assert "3 articles" in overview
    assert "3 outlets" in overview
    assert "2024-05-01" in overview and "2024-05-31" in overview
    assert "1 article undated" in overview
    assert "3 entities (6 mentions)" in overview
    assert "Daily Planet, Evening Star, Le Quotidien" in overview
    assert "3 processed, 1 duplicate, 1 skipped" in overview


def test_inputs_table_accounts_for_every_input(page: str) -> None:
    table = _between(page, '<section id="inputs">', "</section>")
    rows = re.findall(r"<tr>\s*<td", table)
    assert len(rows) == len(INPUTS)
    for report in INPUTS:
        assert report.path in table
        assert f">{report.status}</span>" in table
    assert "same text as in/bbbb.txt" in table
    assert "no text after cleaning" in table
    assert 'href="#article-1"' in table  # in/bbbb.txt points to the earliest card


def test_entities_with_type_mentions_and_articles(page: str) -> None:
    section = _between(page, '<section id="entities">', "</section>")
    text = _text(re.sub(r'<details class="mentions">.*?</details>', "", section, flags=re.S))
    assert "People ( person , 2)" in text or "People (person, 2)" in text
    assert "Places (place, 1)" in text
    # Bob President (3 mentions, 1 article) sorts before Anna Minister (2 mentions, 2 articles).
    assert "Bob President the president 3 1" in text
    assert "Anna Minister Minister; the minister foreign minister 2 2" in text
    assert text.index("Bob President") < text.index("Anna Minister")
    assert text.index("People") < text.index("Places")
    assert "Capital City 1 1" in text
    # every mention links to its words (the same span said three times is listed once), and
    # the article numbers to the first mention in that article
    mentions = re.findall(r'<a class="evidence mention" href="([^"]+)">([^<]+)</a>', section)
    assert mentions.count(("#article-2:57-66", "president")) == 1
    assert ("#article-1:0-5", "Talks") in mentions and ("#article-2:4-12", "minister") in mentions
    firsts = re.findall(r'<a class="evidence mention first" href="([^"]+)">(\d+)</a>', section)
    assert ("#article-2:4-12", "2") in firsts and ("#article-1:0-5", "1") in firsts
    assert '<a class="evidence role" href="#article-2:0-5">foreign minister</a>' in section


def test_entity_mentioned_in_a_missing_article_is_counted() -> None:
    entity = Entity("e", "Ghost", "group", (), (), (Mention("zzzz", 0, 5, "Ghost"),))
    page = render_report(Dossier(articles=(ARTICLE_A,), entities=(entity,), inputs=()))
    assert "+1 not in this dossier" in page
    assert "Groups" in page


MALICIOUS = [SCRIPT, IMG]


@pytest.mark.parametrize("payload", MALICIOUS, ids=["script", "img"])
def test_article_strings_are_escaped(payload: str) -> None:
    article = _article(
        "evil",
        f"{payload}\n\nBody {payload}",
        title=f"Title {payload}",
        outlet=f"Outlet {payload}",
        url=f"https://example.org/{payload}",
        language="xx",
        published=_published(
            "2024-01-01", "inferred", method=payload, evidence=(Span("evil", 0, 5, payload),)
        ),
        dropped=(Dropped(payload, f"reason {payload}", 0, 5),),
        notes=(payload,),
    )
    untitled = _article("evil2", f"{payload} and more words", outlet=payload, url=payload)
    entity = Entity(
        payload,
        payload,
        payload,
        (payload,),
        (Role(payload, ()),),
        (Mention("evil", 0, 5, payload),),
    )
    inputs = (InputReport(payload, "skipped", reason=payload),)
    page = render_report(Dossier(articles=(article, untitled), entities=(entity,), inputs=inputs))
    assert "<script>alert(1)</script>" not in page
    assert "<img" not in page
    assert "onerror=alert(1)>" not in page
    if payload == SCRIPT:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    else:
        assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    # Only the report's own script element is present.
    assert page.count("<script") == 1


def test_no_external_resources(page: str) -> None:
    lowered = page.lower()
    assert not re.search(r"\bsrc\s*=\s*[\"']?\s*(?:https?:)?//", lowered)
    assert not re.search(r"<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//", lowered)
    assert "<link" not in lowered
    assert "@import" not in lowered
    assert not re.search(r"url\(\s*[\"']?\s*(?:https?:)?//", lowered)
    # The only http(s) URLs are the articles' own links.
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls == {"https://example.org/minister-arrives", "http://example.net/talks"}


def test_rendering_is_deterministic() -> None:
    dossier = Dossier(articles=(ARTICLE_A, ARTICLE_B, ARTICLE_C), entities=ENTITIES, inputs=INPUTS)
    shuffled = Dossier(articles=(ARTICLE_B, ARTICLE_C, ARTICLE_A), entities=ENTITIES, inputs=INPUTS)
    first = render_report(dossier)
    assert render_report(dossier) == first
    # Cards are ordered by date, not by the order the articles came in.
    assert render_report(shuffled) == first


def test_empty_dossier_says_there_are_no_articles() -> None:
    page = render_report(Dossier(articles=(), entities=(), inputs=()))
    assert page.startswith("<!DOCTYPE html>")
    assert "No articles." in page
    assert 'id="no-articles"' in page
    # no empty shells: only the overview is there, and the contents name nothing else
    assert re.findall(r'<section id="([^"]+)"', page) == ["overview"]
    assert re.findall(r'<nav class="toc".*?</nav>', page, re.S)[0].count("<a ") == 1


def test_empty_dossier_with_skipped_inputs_lists_them() -> None:
    inputs = (InputReport("in/blank.txt", "skipped", reason="empty file"),)
    page = render_report(Dossier(articles=(), entities=(), inputs=inputs))
    assert "No articles." in page
    assert "in/blank.txt" in page and "empty file" in page


def test_sections_appear_only_for_what_the_dossier_holds(page: str) -> None:
    # articles, entities and inputs, but no events, quotes, time expressions or summary
    sections = re.findall(r'<section id="([^"]+)"', page)
    assert sections == ["overview", "articles", "entities", "inputs"]
    toc = re.findall(r'<nav class="toc".*?</nav>', page, re.S)[0]
    assert re.findall(r'href="#([^"]+)"', toc) == sections
    assert "not yet extracted" not in page.lower()


def _event(article: Article, words: str, value: str | None, status: EventStatus) -> Event:
    start = article.text.index(words)
    span = Span(article.id, start, start + len(words), words)
    when = EventDate(value, timevalues.granularity(value), span) if value else None
    return Event(
        id=f"ev-{start}",
        type="CONSULT",
        predicate="visit",
        mode="visit",
        actors=(Participant(span, SCRIPT),),
        targets=(),
        location=None,
        date=when,
        status=status,
        summary=span,
        sources=(span,),
        history=(HistoryEntry(article.id, "2024-06-20", status, value, span, None),),
    )


def test_timeline_section_charts_dated_events_and_lists_all() -> None:
    text = f"The envoy arrived {SCRIPT} in June. A second trip is planned. Talks were held."
    article = _article("a1", text, published=_published("2024-06-20", "given"))
    events = (
        _event(article, "The envoy arrived", "2024-06-19", "happened"),
        _event(article, "A second trip is planned", "2024-08", "planned"),
        _event(article, "Talks were held", None, "happened"),
    )
    from storyline.stages.events import timeline

    dossier = Dossier(
        articles=(article,),
        entities=(),
        inputs=(),
        events=events,
        timeline=tuple(timeline(events)),
    )
    page = render_report(dossier)
    section = _between(page, '<section id="timeline">', "</section>")
    # two dated events are bars on the chart, the undated one only a table row
    assert section.count("<rect ") == 2
    assert 'class="bar planned"' in section and 'class="bar happened"' in section
    # each bar has its first words written beside it
    assert section.count('class="label"') == 2
    assert ">The envoy arrived</text>" in section
    # the axis runs from the first day of the first date to the last day of the last
    assert '<span class="mono">2024-06-19</span> to <span class="mono">2024-08-31</span>' in section
    rows = re.findall(r'<tr id="event-\d+">', section)
    assert len(rows) == 3
    table = section[section.index("<tbody>") :]
    assert table.index("2024-06-19") < table.index("2024-08") < table.index("undated")
    assert SCRIPT not in page and "&lt;script&gt;" in section
    assert '<a href="#timeline">Timeline</a>' in page


def _quote(article: Article, words: str, speaker: str | None, kind: str = "indirect") -> Quote:
    start = article.text.index(words)
    span = Span(article.id, start, start + len(words), words)
    who = Speaker(span, speaker) if speaker else None
    return Quote(f"q{start}{article.id}", article.id, kind, span, span, who, None)  # type: ignore[arg-type]


def test_quotes_are_grouped_by_speaker_and_escaped() -> None:
    quotes = (
        _quote(ARTICLE_B, "Talks ended without an agreement", "<b>Officials</b>"),
        _quote(ARTICLE_B, "A second round is planned", None),
        _quote(ARTICLE_A, "She met the president", "<b>Officials</b>", kind="direct"),
    )
    dossier = Dossier(
        articles=(ARTICLE_A, ARTICLE_B), entities=(), inputs=INPUTS[:2], quotes=quotes
    )
    said = _between(render_report(dossier), '<section id="quotes">', "</section>")
    assert "&lt;b&gt;Officials&lt;/b&gt;" in said and "<b>Officials" not in said
    # the most-quoted speaker first, its two quotes in article order (B, published in early
    # May, is article 1); unattributed last
    assert said.index("Officials") < said.index("Unattributed")
    assert said.index("Talks ended") < said.index("She met the president")
    assert "“She met the president”" in said
    # each quote links to its words in the article
    start = TEXT_A.index("She met the president")
    assert f'href="#article-2:{start}-{start + 21}">“She met the president”</a>' in said
    assert '<section id="quotes">' not in render_report(Dossier((), (), ()))


def test_time_expressions_are_listed_escaped_with_their_article() -> None:
    timex = ArticleTimex("t1", "aaaa", 0, 9, "<Monday>", "DATE", "2024-06-17", None)
    dossier = Dossier(articles=(ARTICLE_A,), entities=(), inputs=INPUTS[:1], timexes=(timex,))
    when = _between(render_report(dossier), '<section id="when">', "</section>")
    assert "&lt;Monday&gt;" in when and "<Monday>" not in when
    assert "2024-06-17" in when
    assert 'href="#article-1:0-9">&lt;Monday&gt;</a>' in when
    assert '<section id="when">' not in render_report(Dossier((), (), ()))


def test_each_card_names_the_articles_authors_escaped() -> None:
    from dataclasses import replace

    written = replace(
        _article("aa", "The harbour reopened on Monday."), authors=("Ana Ruiz", SCRIPT)
    )
    single = replace(_article("bb", "The ferry sailed on Tuesday."), authors=("Tom Hale",))
    unsigned = _article("cc", "The bridge closed on Friday.")
    page = render_report(Dossier(articles=(written, single, unsigned), entities=(), inputs=()))
    assert SCRIPT not in page
    assert (
        '<dt>Authors</dt>\n<dd class="authors">Ana Ruiz, &lt;script&gt;alert(1)&lt;/script&gt;</dd>'
        in page
    )
    assert '<dt>Author</dt>\n<dd class="authors">Tom Hale</dd>' in page
    # the article with no byline has no author line at all
    cards = re.findall(r'<article class="card".*?</article>', page, re.S)
    assert len(cards) == 3
    assert sum("<dt>Author" in card for card in cards) == 2


def test_the_page_opens_with_the_cited_summary() -> None:
    said = "Talks ended without an agreement, officials said."
    own = Span("bbbb", 0, len(said), said)
    also = Span("aaaa", 0, 46, TEXT_A[:46])
    dossier = Dossier(
        articles=(ARTICLE_C, ARTICLE_B, ARTICLE_A),
        entities=ENTITIES,
        inputs=INPUTS,
        summary=(SummarySentence(said, (own, also)),),
    )
    page = render_report(dossier)
    assert re.findall(r'<section id="([^"]+)"', page)[:2] == ["summary", "overview"]
    section = _between(page, '<section id="summary">', "</section>")
    # the sentence opens its own span; each source label opens its article's span
    assert f'href="#article-1:0-{len(said)}">{said}</a>' in section
    labels = re.findall(r'class="evidence source" href="#article-(\d):[0-9-]+">(\d)</a>', section)
    assert labels == [("1", "1"), ("2", "2")]
    assert '<section id="compare">' not in page


def _claim(article: Article, words: str, value: str) -> Claim:
    start = article.text.index(words)
    return Claim(Span(article.id, start, start + len(words), words), "count", value)


def test_where_sources_differ_shows_contradictions_first_and_folds_agreements() -> None:
    one = _article("a1", "Some 900 drivers stopped work on Monday.", outlet="Post")
    two = _article("a2", "About 500 drivers are on strike. The depot has 12 buses.", outlet="Wire")
    three = _article("a3", "The depot has 12 buses, the council said.", outlet="Radio")
    clash = Comparison(
        "c1",
        "How many drivers",
        "contradict",
        "The figures differ: 900 (Post) against about 500 (Wire).",
        (_claim(one, "900 drivers", "900"), _claim(two, "500 drivers", "500")),
        2,
    )
    same = Comparison(
        "c2",
        "How many buses",
        "agree",
        "The sources give the same figure for buses: 12 (Wire); 12 (Radio).",
        (_claim(two, "12 buses", "12"), _claim(three, "12 buses", "12")),
        2,
    )
    page = render_report(
        Dossier(articles=(one, two, three), entities=(), inputs=(), comparisons=(same, clash))
    )
    section = _between(page, '<section id="compare">', "</section>")
    assert '<a href="#compare">Where sources differ</a>' in page
    # the contradiction is listed before the folded agreement, each claim linked to its words
    assert (
        section.index("How many drivers")
        < section.index("<details")
        < section.index("How many buses")
    )
    assert "1 point where the sources agree" in _text(section)
    assert re.findall(r'href="#article-\d:(\d+-\d+)">([^<]+)</a>', section) == [
        ("5-16", "900 drivers"),
        ("6-17", "500 drivers"),
        ("47-55", "12 buses"),
        ("14-22", "12 buses"),
    ]
    assert "The figures differ: 900 (Post) against about 500 (Wire)." in section
