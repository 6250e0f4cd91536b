"""Reading served HTML the way a browser's parser does, for the web app tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

# Elements whose text the tests look at; everything else only contributes to `text`.
_CAPTURED = {"a", "mark", "script", "title", "h1", "td", "li", "dd", "div", "p"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


@dataclass
class Parsed:
    tags: list[Element] = field(default_factory=list)
    captured: list[Element] = field(default_factory=list)
    text: str = ""

    def all(self, tag: str, cls: str | None = None) -> list[Element]:
        return [
            e
            for e in self.captured
            if e.tag == tag and (cls is None or cls in (e.attrs.get("class") or "").split())
        ]

    def by_id(self, element_id: str) -> Element | None:
        return next((e for e in self.captured if e.attrs.get("id") == element_id), None)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Parsed()
        self.open: list[Element] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.result.tags.append(element)
        if tag in _CAPTURED:
            self.open.append(element)
            self.result.captured.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index]
                break

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)
        for element in self.open:
            element.text += data


def parse(html: str) -> Parsed:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    parser.result.text = "".join(parser.chunks)
    return parser.result


def span_of(href: str) -> tuple[str, int, int]:
    """The article id, start and end of an evidence link."""
    parts = urlsplit(href)
    assert parts.path.startswith("/articles/"), href
    query = parse_qs(parts.query)
    return parts.path.removeprefix("/articles/"), int(query["start"][0]), int(query["end"][0])
