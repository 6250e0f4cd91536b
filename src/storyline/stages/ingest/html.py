"""HTML: the article's body text, title, date and site name through trafilatura.

trafilatura's balanced setting (neither `favor_precision` nor `favor_recall`), without the
page's comments: on the trafilatura evaluation pages (`storyline eval html`) it finds more
must-have snippets than `favor_precision` for few more leaks. The title is a field of the
document, never glued onto the body: the body is the page's text as trafilatura found it.
"""

from __future__ import annotations

from typing import Any

from storyline.model import Document, Skip
from storyline.stages.ingest.document import HEADER_KEYS as _HEADER_KEYS
from storyline.stages.ingest.document import document as _document

INCLUDE_TABLES = True
FAVOR_PRECISION = False


def read_html(name: str, html: str, meta: dict[str, Any]) -> Document | Skip:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=INCLUDE_TABLES,
        favor_precision=FAVOR_PRECISION,
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        return Skip(name, "no article text found in the HTML")
    fields: dict[str, Any] = {
        "title": getattr(extracted, "title", None),
        "outlet": getattr(extracted, "sitename", None),
        "url": getattr(extracted, "url", None),
        "published": getattr(extracted, "date", None),
        "authors": getattr(extracted, "author", None),
    }
    fields.update({_HEADER_KEYS.get(k, k): v for k, v in meta.items() if v})
    return _document(name, body, "html", fields)
