"""Evidence links and the article text they point into (no spaCy needed)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from storyline.model import Article, Dossier, Mention, Span
from storyline.report.evidence import ArticleRef, EvidenceLinks, text_pieces
from storyline.report.html import render_report


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("", ()),
        ("One line.", (("One line.", True),)),
        ("One.\n\nTwo.", (("One.", True), ("\n\n", False), ("Two.", True))),
        (
            "  One.\nstill one.\n \n\n Two. \n",
            (
                ("  ", False),
                ("One.\nstill one.", True),
                ("\n \n\n ", False),
                ("Two.", True),
                (" \n", False),
            ),
        ),
        ("\n\n", (("\n\n", False),)),
        ("a\0b", (("a\ufffdb", True),)),
    ],
)
def test_text_pieces_join_back_to_the_text(text: str, pieces: tuple[tuple[str, bool], ...]) -> None:
    assert text_pieces(text) == pieces
    assert "".join(piece for piece, _ in pieces) == text.replace("\0", "\ufffd")


def test_evidence_links_name_the_card_and_the_offsets() -> None:
    links = EvidenceLinks({"a1": ArticleRef(3, "article-3", "A heading")})
    assert links(Span("a1", 10, 24, "fourteen chars")) == "#article-3:10-24"
    assert links(Mention("a1", 0, 0, "")) == "#article-3:0-0"
    assert links(Span("elsewhere", 1, 2, "x")) is None  # an article the page does not show
    assert links(Span("a1", 5, 2, "")) is None
    assert links(None) is None


class _TextOf(HTMLParser):
    """The text content of every `div.article-text`, as a browser's DOM would hold it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth:
            self._depth += tag != "br"
        elif tag == "div" and "article-text" in (dict(attrs).get("class") or "").split():
            self._depth = 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.texts[-1] += data


def test_the_text_of_a_card_is_the_article_text_exactly() -> None:
    """Offsets into the cleaned text must land in the page: the card holds it unchanged."""
    texts = [
        'First paragraph.\n\nSecond one, with <b>markup</b> & "quotes".',
        "  Leading space.\n   \n\n\nA gap of blank lines.\nA line break. \U0001f6a2 boat\n",
        "</script><script>alert(1)</script>\n\n<img src=x onerror=alert(2)>",
    ]
    articles = tuple(
        Article(f"a{i}", f"in/{i}.txt", "text", f"T{i}", None, None, "en", t, t, (), ())
        for i, t in enumerate(texts)
    )
    page = render_report(Dossier(articles=articles, entities=(), inputs=()))
    parser = _TextOf()
    parser.feed(page)
    assert sorted(parser.texts) == sorted(texts)
    assert "<script>alert" not in page
