"""HTML: the article's body text, title, date and site name through trafilatura."""

from __future__ import annotations

from typing import Any

from storyline.model import Document, Skip
from storyline.stages.ingest.document import HEADER_KEYS as _HEADER_KEYS
from storyline.stages.ingest.document import document as _document


def read_html(name: str, html: str, meta: dict[str, Any]) -> Document | Skip:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
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
    title = fields.get("title")
    if isinstance(title, str) and title and not body.lstrip().startswith(title):
        body = f"{title}\n\n{body}"
    return _document(name, body, "html", fields)
