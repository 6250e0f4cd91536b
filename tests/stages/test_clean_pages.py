"""Pasted whole pages: the line classifier drops page furniture with its reason, keeps the
article, and a page with no article left is a Skip. All page text here is invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluation.render import render
from storyline.evaluation.train_lines import (
    WORD_PAGES,
    label_lines,
    train,
    word_weights,
    write_model,
)
from storyline.model import Article, Document, Skip
from storyline.models.lines import (
    FEATURES,
    LEXICAL,
    LineModel,
    lexical_features,
    line_features,
    line_model,
    line_tokens,
)
from storyline.stages.clean import clean_document, clean_or_skip, page_notice

MENU = [
    "Skip to content",
    "Menu",
    "Home",
    "World",
    "Business",
    "Sport",
    "Culture",
    "Opinion",
    "Sign in",
    "Subscribe",
    "Search",
]
FOOTER = [
    "Related stories",
    "Harbour pilots vote on new rota",
    "Ferry timetable changes for winter",
    "Most read",
    "Follow us on Facebook",
    "Privacy policy | Cookie settings | Terms of use",
    "© 2031 The Coastal Courier. All rights reserved.",
]
TITLE = "Harbour workers walk out over a pay freeze"
BODY = [
    "Dock workers at the northern harbour walked out on Tuesday morning after talks with "
    "the port authority broke down over a proposed pay freeze for the coming year.",
    "Union leaders said about four hundred members had joined the strike and that cargo "
    "handling would stop until the authority returned to the negotiating table.",
    "A spokesperson for the port authority said the offer was fair and that contingency "
    "plans were in place to keep the island ferries running through the weekend.",
    "The authority said it would publish a revised offer before the end of the month, "
    "and officials told reporters on Wednesday that mediation had not been ruled out.",
]


def _page(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part) + "\n"


def test_page_copy_furniture_is_dropped_with_the_classifier_reason() -> None:
    raw = _page(MENU, [TITLE, "Updated 10:42 AM, 4 March 2031"], BODY, FOOTER)
    article = clean_or_skip(Document("paste.txt", raw, "text"))
    assert isinstance(article, Article)
    for paragraph in BODY:
        assert paragraph in article.text
    for furniture in ("Subscribe", "Most read", "All rights reserved", "Follow us", "Sign in"):
        assert furniture not in article.text
    reasons = {d.text: d.reason for d in article.dropped}
    classified = [r for r in reasons.values() if r.startswith("line classifier p=")]
    assert classified and all(r.endswith(": page furniture") for r in classified)
    # every drop is an exact span of the raw text
    for dropped in article.dropped:
        assert raw[dropped.raw_start : dropped.raw_end] == dropped.text
    for segment in article.segments:
        start, length = segment.raw_start, segment.length
        assert article.text[segment.start : segment.start + length] == raw[start : start + length]


def test_a_short_page_copied_whole_is_a_page_copy() -> None:
    """Three menu lines, a byline, two paragraphs and a share widget: too few short lines for
    the page-copy gate's first test, five marks of a page for its second. Before, "Menu" was
    the title and the menu lines and the related link stayed in the text."""
    raw = _page(
        ["Menu", "Search", "Sign in", TITLE, "By Jana Okafor", "4 March 2031"],
        BODY[:2],
        ["Share", "Related: Ferry timetable changes for winter"],
    )
    article = clean_or_skip(Document("short.txt", raw, "text"))
    assert isinstance(article, Article)
    assert article.title != "Menu"
    for paragraph in BODY[:2]:
        assert paragraph in article.text
    for furniture in ("Menu", "Search", "Sign in", "Related:"):
        assert furniture not in article.text
    # one mark fewer (no share widget): a short text with a few menu-like lines stays text
    kept = clean_document(Document("story.txt", raw.replace("Share\n", ""), "text"))
    assert not any(d.reason.startswith("line classifier") for d in kept.dropped)


def test_menu_only_page_is_a_skip() -> None:
    raw = _page(MENU, ["Page not found", "Error 404"], FOOTER)
    result = clean_or_skip(Document("missing.txt", raw, "text"))
    assert isinstance(result, Skip)
    assert result.path == "missing.txt"
    assert "no article text" in result.reason


def test_plain_article_is_not_a_page_copy() -> None:
    """A few short lines (a headline, a crosshead) do not make a text a page copy: the
    classifier does not run and no paragraph is dropped."""
    raw = _page([TITLE], BODY[:2], ["What comes next"], BODY[2:])
    article = clean_document(Document("story.txt", raw, "text"))
    assert not any(d.reason.startswith("line classifier") for d in article.dropped)
    for paragraph in BODY:
        assert paragraph in article.text


def test_html_text_is_not_classified(tmp_path: Path) -> None:
    raw = _page(MENU, BODY)
    article = clean_document(Document("page.html", raw, "html"))
    assert not any(d.reason.startswith("line classifier") for d in article.dropped)


# page notices written as sentences, each of one kind (`clean.toml` `page_notices`)
NOTICES = [
    ("Comments are moderated and may take a day to appear, so please keep them civil.", "comments"),
    ("14 responses to the harbour strike story", "comments"),
    ("This report is the copyrighted property of The Coastal Courier.", "copyright"),
    ("Reproduction of this story may not be published without our written consent.", "copyright"),
    ("We may earn a commission when you buy through links on this page.", "disclosure"),
    ("As an affiliate partner we are paid for qualifying purchases.", "disclosure"),
    ("Sign up for our free morning newsletter to get every port story first.", "subscription"),
    ("To continue reading the whole article, log in as a Courier member today.", "subscription"),
    ("Please consider making a donation to keep the Courier on the quay.", "donation"),
    ("This website uses cookies to remember what you have read.", "cookies"),
]


@pytest.mark.parametrize(("text", "kind"), NOTICES)
def test_page_notice_kinds(text: str, kind: str) -> None:
    assert page_notice(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        BODY[0],
        "Readers left hundreds of comments on the union's post, many of them angry.",
        "The affiliate union, which represents ferry crews, said it would join the strike.",
        "Officials said the rights reserved for dock pilots under the old deal would lapse.",
    ],
)
def test_article_sentences_are_no_page_notices(text: str) -> None:
    assert page_notice(text) is None


def test_page_notices_are_dropped_on_page_copies_only() -> None:
    """In a page copy a notice between the article's paragraphs is dropped with its kind
    (the classifier alone keeps prose like it); in a news text the same line stays."""
    notices = [text for text, _ in NOTICES[:1] + NOTICES[4:5] + NOTICES[6:7]]
    raw = _page(MENU, [TITLE], BODY[:2], notices, BODY[2:], FOOTER)
    article = clean_or_skip(Document("paste.txt", raw, "text"))
    assert isinstance(article, Article)
    for paragraph in BODY:
        assert paragraph in article.text
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons[notices[0]] == "page notice (comments)"
    assert reasons[notices[1]] == "page notice (disclosure)"
    assert reasons[notices[2]] == "page notice (subscription)"
    plain = clean_document(Document("story.txt", _page([TITLE], BODY[:2], notices), "text"))
    assert not any(d.reason.startswith("page notice") for d in plain.dropped)
    for notice in notices:
        assert notice in plain.text


def test_short_real_article_is_kept() -> None:
    result = clean_or_skip(Document("brief.txt", BODY[0] + "\n", "text"))
    assert isinstance(result, Article)
    assert result.text == BODY[0]


def test_features_and_shipped_model() -> None:
    lines = [*MENU, TITLE, *BODY, *FOOTER]
    rows = line_features(lines)
    assert len(rows) == len(lines)
    assert all(len(row) == len(FEATURES) for row in rows)
    model = line_model()
    probabilities = model.probabilities(lines)
    assert all(0.0 <= p <= 1.0 for p in probabilities)
    body = [probabilities[lines.index(p)] for p in BODY]
    menu = [probabilities[lines.index(m)] for m in MENU]
    assert min(body) > max(menu)
    assert line_features([]) == []


def test_model_with_other_features_is_refused() -> None:
    with pytest.raises(ValueError, match="retrain"):
        LineModel({"features": ["chars"], "bias": 0, "rate": 0.1, "threshold": 0.5, "trees": []})


def _pages(count: int) -> list[tuple[int, list[str], list[tuple[int, float] | None]]]:
    """Invented renderings: menu and footer lines furniture, title and body text."""
    lines = [*MENU, TITLE, *BODY, *FOOTER]
    labels: list[tuple[int, float] | None] = [
        (1, 1.0) if line in BODY or line == TITLE else (0, 1.0) for line in lines
    ]
    return [(number, lines, labels) for number in range(count)]


def test_training_is_deterministic(tmp_path: Path) -> None:
    data = _pages(10)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_model(train(data), first)
    write_model(train(data), second)
    assert first.read_bytes() == second.read_bytes()
    model = LineModel(json.loads(first.read_text(encoding="utf-8")))
    lines, labels = data[0][1], data[0][2]
    probabilities = model.probabilities(lines)
    assert all(
        (p >= model.threshold) == bool(label and label[0])
        for p, label in zip(probabilities, labels, strict=True)
    )


def test_word_weights_are_learned_on_enough_pages() -> None:
    data = _pages(WORD_PAGES)
    weights = word_weights(data)
    assert weights["subscribe"] < 0 < weights["union"]
    assert word_weights(data[: WORD_PAGES - 1]) == {}
    assert line_tokens("Follow us: 3 NEW posts © 2031") == sorted(
        ["follow", "us", "0", "new", "posts", "©", "0000"]
    )


def test_lexical_features_follow_the_word_weights() -> None:
    lines = ["Subscribe to the newsletter", BODY[0], "unknown words only"]
    weights = {"subscribe": -2.0, "newsletter": -1.5, "workers": 1.0, "harbour": 0.5}
    rows = lexical_features(lines, weights)
    mean = LEXICAL.index("word_weight_mean")
    furniture = LEXICAL.index("furniture_weighted_words")
    assert rows[0][mean] < 0 < rows[1][mean]
    assert rows[0][furniture] == 2.0 and rows[1][furniture] == 0.0
    assert rows[2][: LEXICAL.index("prev_word_weight_mean")] == [0.0] * 5
    assert rows[1][LEXICAL.index("prev_word_weight_mean")] == rows[0][mean]
    full = line_features(lines, weights)
    assert [row[-len(LEXICAL) :] for row in full] == rows


def test_page_marks_in_another_language_make_a_page_copy() -> None:
    """A page copy whose menus hold no English furniture word is still one when it has
    copyright and web-address lines; a news text with a short list is not."""
    menu = ["Lokales", "Politik", "Wirtschaft", "Kultur", "Reisen", "Wetter", "Archiv"]
    footer = [
        "© 2031 Hafenbote",
        "www.hafenbote.example",
        "redaktion@hafenbote.example",
        "https://hafenbote.example/impressum",
    ]
    raw = _page(menu, [TITLE], BODY, footer)
    article = clean_document(Document("seite.txt", raw, "text"))
    assert any(d.reason.startswith("line classifier") for d in article.dropped)
    # three marks are not enough (the news corpora have up to three)
    article = clean_document(Document("seite.txt", _page(menu, [TITLE], BODY, footer[:3]), "text"))
    assert not any(d.reason.startswith("line classifier") for d in article.dropped)
    listing = ["Results", "North: 12", "South: 9", "East: 4", "West: 7", "Total: 32", "Turnout"]
    story = clean_document(Document("story.txt", _page([TITLE], BODY[:2], listing), "text"))
    assert not any(d.reason.startswith("line classifier") for d in story.dropped)


def test_menu_words_in_another_language_make_a_page_copy() -> None:
    """Four short lines with a page-furniture word of another language (lexicon clean.toml
    `page_words_other_languages`) make a page copy without any copyright or address line;
    the same short lines without them do not."""
    menu = ["Startseite", "Menü", "Politik", "Kultur", "Suche", "Impressum", "Wetter"]
    raw = _page(menu, [TITLE], BODY)
    article = clean_document(Document("seite.txt", raw, "text"))
    assert any(d.reason.startswith("line classifier") for d in article.dropped)
    plain = ["Lokales", "Sport", "Politik", "Kultur", "Reisen", "Auto", "Wetter"]
    article = clean_document(Document("seite.txt", _page(plain, [TITLE], BODY), "text"))
    assert not any(d.reason.startswith("line classifier") for d in article.dropped)


PAGE_HTML = """<html><head><title>Harbour strike</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></header>
<script type="text/javascript"/>
var hidden = function() { return 1; };
<article><h1>Harbour workers walk out</h1>
<figure><img src="a.jpg" alt="Dockers at the gate"><figcaption>Pickets at dawn.</figcaption>
</figure>
<p>Dock workers walked out on Tuesday<br>after talks broke down.</p>
<table><tr><td>Cargo</td><td>Stopped</td></tr></table>
</article><footer>All rights reserved</footer></body></html>"""


def test_renderers_lay_out_the_page_differently() -> None:
    blocks = render(PAGE_HTML, "blocks").splitlines()
    assert "Home" in blocks and "All rights reserved" in blocks
    assert "Dock workers walked out on Tuesday" in blocks  # <br> breaks the line
    assert "Cargo Stopped" in blocks
    assert not any("hidden" in line for line in blocks)  # a self-closed script eats its tail
    links = render(PAGE_HTML, "links").splitlines()
    assert "Dockers at the gate" in links and "Cargo" in links
    assert "Home | News" in render(PAGE_HTML, "menus").splitlines()
    article = render(PAGE_HTML, "article")
    assert "Home" not in article and "All rights reserved" not in article
    assert "\n\n" in article
    with pytest.raises(ValueError):
        render(PAGE_HTML, "chromium")


def test_labels_follow_snippets_then_the_extraction() -> None:
    from storyline.evaluation.pasted import Page
    from storyline.evaluation.train_lines import extractions

    html = (
        "<html><head><title>Strike</title></head><body><nav>Home</nav><article>"
        + "".join(f"<p>{p}</p>" for p in BODY)
        + "<p>Sign up for the harbour newsletter today.</p></article></body></html>"
    )
    page = Page("x.html", html, (BODY[0][:60],), ("Sign up for the harbour",), "tune")
    lines = ["Home", *BODY, "Sign up for the harbour newsletter today."]
    labels = label_lines(lines, page, extractions(page))
    assert labels[0] == (0, 1.0)
    assert labels[1] is not None and labels[1][0] == 1 and labels[1][1] > 1.0
    assert labels[-1] is not None and labels[-1][0] == 0 and labels[-1][1] > 1.0


def test_page_interval_draws_whole_pages() -> None:
    """`eval pasted`'s 95% interval resamples pages: pages alike give no width, a page that
    leaks much widens the leaked interval around the whole share, the draws are seeded."""
    from storyline.evaluation.pasted import page_interval

    alike = page_interval([(4, 3, 2, 1)] * 5)
    assert alike == {"must_have_kept": [0.75, 0.75], "must_not_leaked": [0.5, 0.5]}
    pages = [(4, 4, 3, 0)] * 9 + [(4, 2, 6, 6)]
    interval = page_interval(pages)
    low, high = interval["must_not_leaked"]
    assert low < 6 / 33 < high and high - low > 0.1
    low, high = interval["must_have_kept"]
    assert low < 38 / 40 < high == 1.0  # a draw without the lossy page keeps everything
    assert page_interval(pages) == interval
    assert page_interval([]) == {"must_have_kept": [1.0, 1.0], "must_not_leaked": [1.0, 1.0]}


def test_eval_pasted_and_html_from_the_cli(shared: Path) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app

    for name in ("pasted", "html"):
        args = ["eval", name, "--shared", str(shared), "--split", "tune", "--limit", "1"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        scores = json.loads(result.output)
        assert list(scores) == ["tune"]
        if name == "pasted":
            interval = scores["tune"]["page_bootstrap_95"]["must_have_kept"]
            assert interval[0] == interval[1] == scores["tune"]["all"]["must_have_kept"]
    missing = CliRunner().invoke(app, ["eval", "html", "--shared", "/nonexistent"])
    assert "no such folder" in str(missing.exception)
