"""Pasted whole pages: the line classifier drops page furniture with its reason, keeps the
article, and a page with no article left is a Skip. All page text here is invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluation.render import render
from storyline.evaluation.train_lines import label_lines, train, write_model
from storyline.model import Article, Document, Skip
from storyline.models.lines import FEATURES, LineModel, line_features, line_model
from storyline.stages.clean import clean_document, clean_or_skip

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


def test_training_is_deterministic(tmp_path: Path) -> None:
    lines = [*MENU, TITLE, *BODY, *FOOTER] * 3
    rows = line_features(lines)
    labels = [1 if line in BODY or line == TITLE else 0 for line in lines]
    weights = [1.0] * len(lines)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_model(train(rows, labels, weights), first)
    write_model(train(rows, labels, weights), second)
    assert first.read_bytes() == second.read_bytes()
    model = LineModel(json.loads(first.read_text(encoding="utf-8")))
    probabilities = model.probabilities(lines)
    assert all((p >= 0.5) == bool(label) for p, label in zip(probabilities, labels, strict=True))


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


def test_eval_pasted_and_html_from_the_cli(shared: Path) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app

    for name in ("pasted", "html"):
        args = ["eval", name, "--shared", str(shared), "--split", "tune", "--limit", "1"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        scores = json.loads(result.output)
        assert list(scores) == ["tune"]
    missing = CliRunner().invoke(app, ["eval", "html", "--shared", "/nonexistent"])
    assert "no such folder" in str(missing.exception)
