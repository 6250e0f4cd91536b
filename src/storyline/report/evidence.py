"""Links from a fact in the report to its evidence, and the article text they point into.

A fact's evidence is a span `(article, start, end)` into the article's cleaned text. In the
report it becomes a fragment link, `#article-3:120-180` (the article's card number, then the
span's offsets in code points, as in `dossier.json`). The report's inline script reads the
fragment, opens that card's cleaned text and wraps exactly those characters in `<mark>`
elements, working on the DOM's text nodes only (never on markup), so article text stays text.

For the offsets to land, the text container of a card holds the cleaned text unchanged: the
paragraphs are `<p>` elements and the blank lines between them stay as text nodes between the
paragraphs (a browser draws nothing for them), so the container's `textContent` is the
article's text. Only NUL, which an HTML parser drops, is shown as U+FFFD (same length).

Example: `text_pieces("One.\\n\\nTwo.")` gives `(("One.", True), ("\\n\\n", False),
("Two.", True))`; the pieces joined give back the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article as the report numbers it: card `number`, its `anchor` and `heading`."""

    number: int
    anchor: str
    heading: str


class Located(Protocol):
    """Anything with a place in an article's cleaned text (Span, Mention, ArticleTimex)."""

    @property
    def article(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True, slots=True)
class EvidenceLinks:
    """Turns a span into the report's fragment link to it; None for an article not shown."""

    refs: dict[str, ArticleRef]

    def __call__(self, span: Located | None) -> str | None:
        if span is None:
            return None
        ref = self.refs.get(span.article)
        if ref is None or not 0 <= span.start <= span.end:
            return None
        return f"#{ref.anchor}:{span.start}-{span.end}"


def text_pieces(text: str) -> tuple[tuple[str, bool], ...]:
    """`text` as pieces `(piece, is_paragraph)` that join back to the text (NUL shown as U+FFFD).

    Paragraphs are what blank lines separate, without their surrounding whitespace; everything
    between them (the blank lines, leading and trailing whitespace) is a separate piece.
    """
    text = text.replace("\0", "\ufffd")
    pieces: list[tuple[str, bool]] = []
    position = 0
    for chunk_end, next_start in [
        *((m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)),
        (len(text), len(text)),
    ]:
        chunk = text[position:chunk_end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            _add(pieces, chunk[:lead], False)
            pieces.append((stripped, True))
            _add(pieces, chunk[lead + len(stripped) :], False)
        else:
            _add(pieces, chunk, False)
        _add(pieces, text[chunk_end:next_start], False)
        position = next_start
    return tuple(pieces)


def _add(pieces: list[tuple[str, bool]], piece: str, paragraph: bool) -> None:
    """Append `piece`, joining it to a previous non-paragraph piece."""
    if not piece:
        return
    if not paragraph and pieces and not pieces[-1][1]:
        pieces[-1] = (pieces[-1][0] + piece, False)
    else:
        pieces.append((piece, paragraph))
