"""The `Document` a reader makes from its body text and metadata fields."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from storyline.model import Document

HEADER_KEYS = {
    "title": "title",
    "outlet": "outlet",
    "source": "outlet",
    "url": "url",
    "date": "published",
    "published": "published",
}


def document(name: str, body: str, fmt: str, fields: dict[str, Any]) -> Document:
    def text_field(key: str) -> str | None:
        value = fields.get(key)
        return value.strip() or None if isinstance(value, str) else None

    return Document(
        path=name,
        raw=body,
        format=fmt,
        title=text_field("title"),
        outlet=text_field("outlet"),
        url=text_field("url"),
        published=normalize_date(fields.get("published")),
    )


def normalize_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a metadata value, or None if it is not a date."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None
