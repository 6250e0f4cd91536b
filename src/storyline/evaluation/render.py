"""Whole web pages as a reader's copy of them: the page rendered to plain lines of text.

A journalist who selects a whole page in a browser and pastes it gets the article together
with the page's menus, "follow us" rows, captions, image credits, timestamps, related-article
lists and footers, one block per line. The line classifier of the clean stage
(`storyline.models.lines`) is trained and scored on such copies of the trafilatura evaluation
pages. So that it does not learn one renderer's habits, four renderers are used, each a walk
over the lxml tree that breaks lines at block elements and differs in what it keeps and how it
lays out lists, tables and images:

- `blocks`: every block element on its lines, table cells side by side, no image text;
- `links`: as `blocks`, but each link of a list, each table cell and each image's alt text on
  a line of its own, as a copy of a link-heavy page looks;
- `menus`: a list of short items (a menu) on one line joined by " | ", figure captions kept;
- `article`: the page without its `<header>`, `<nav>` and `<footer>` elements (a reader who
  started the selection at the headline), paragraphs separated by blank lines.
"""

from __future__ import annotations

from typing import Any

RENDERERS = ("blocks", "links", "menus", "article")

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "head", "object", "embed"}
)
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "tbody", "thead", "tfoot", "tr", "ul", "summary", "caption", "center", "menu",
        "option", "select", "textarea", "legend", "html",
    }
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
_PAGE_FURNITURE_TAGS = frozenset({"header", "nav", "footer"})


class _Writer:
    def __init__(self, blank_between: bool) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.blank_between = blank_between

    def text(self, value: str | None) -> None:
        if value:
            self.current.append(value)

    def br(self) -> None:
        line = " ".join("".join(self.current).split())
        self.current = []
        if line:
            self.lines.append(line)
            if self.blank_between:
                self.lines.append("")

    def result(self) -> str:
        self.br()
        out: list[str] = []
        for line in self.lines:
            if line or (out and out[-1]):
                out.append(line)
        return "\n".join(out).strip() + "\n"


def _short_items(element: Any) -> list[str] | None:
    """The items of a list whose items are all short (a menu), else None."""
    items = [child for child in element if isinstance(child.tag, str) and child.tag == "li"]
    if len(items) < 2:
        return None
    texts = [" ".join(item.text_content().split()) for item in items]
    if all(0 < len(t.split()) <= 4 for t in texts):
        return texts
    return None


def _walk(element: Any, style: str, out: _Writer) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag or tag in _SKIP or (style == "article" and tag in _PAGE_FURNITURE_TAGS):
        # a self-closed `<script/>` is empty to lxml, but a browser reads what follows it,
        # up to the next tag, as the script
        if not (tag == "script" and not (element.text or "").strip()):
            out.text(element.tail)
        return
    if tag == "br":
        out.br()
        out.text(element.tail)
        return
    if tag == "img":
        alt = (element.get("alt") or "").strip()
        if style == "links" and alt:
            out.br()
            out.text(alt)
            out.br()
        out.text(element.tail)
        return
    if style == "menus" and tag in ("ul", "ol"):
        items = _short_items(element)
        if items is not None:
            out.br()
            out.text(" | ".join(items))
            out.br()
            out.text(element.tail)
            return
    block = tag in _BLOCK or (style == "links" and (tag in _CELLS or tag in ("a", "button")))
    if block:
        out.br()
    elif tag in _CELLS:
        out.text(" ")
    out.text(element.text)
    for child in element:
        _walk(child, style, out)
    if block:
        out.br()
    elif tag in _CELLS:
        out.text(" ")
    out.text(element.tail)


def render(html: str, style: str = "blocks") -> str:
    """The page as a reader's plain-text copy of it, in one of the `RENDERERS` styles."""
    import lxml.html

    if style not in RENDERERS:
        raise ValueError(f"unknown renderer {style!r}")
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"))
    except Exception:
        return ""
    body = root.find("body")
    out = _Writer(blank_between=style == "article")
    _walk(body if body is not None else root, style, out)
    return out.result()
