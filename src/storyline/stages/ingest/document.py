"""The `Document` a reader makes from its body text and metadata fields.

Every reader hands `document` the metadata it found under whatever names the input used
(`TITLE`, `headline`, `date_publish`, `byline`, ...); `lexicon/en/ingest.toml` maps those names
to the fields (title, outlet, url, published, authors), other scalar keys are kept in `meta`.
Dates are read in the common written forms (`read_date`); one that cannot be read is left to
the published stage, which infers the date from the text, and a note says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any

from storyline.lexicon import entry, table
from storyline.model import Document

# The names the built-in readers use (html.py maps its metadata through this); `document`
# reads every other alias from the lexicon.
HEADER_KEYS = {
    "title": "title",
    "outlet": "outlet",
    "source": "outlet",
    "url": "url",
    "date": "published",
    "published": "published",
}
FIELDS = ("title", "outlet", "url", "published", "authors")
_MAX_META_VALUE = 500
_MAX_AUTHORS = 20
_MAX_AUTHOR_CHARS = 120
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_ISO_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:$|[T ,])")
_RFC_2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_BYLINE_PREFIX = re.compile(r"^\s*by\s+", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||\band\b|&)\s*", re.I)
_EPOCH_S = (1_000_000_000, 4_000_000_000)
_EPOCH_MS = (_EPOCH_S[0] * 1000, _EPOCH_S[1] * 1000)
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def document(
    name: str, body: str, fmt: str, fields: Mapping[str, Any], notes: Iterable[str] = ()
) -> Document:
    """The Document of `body`, with the metadata `fields` give under any of their names."""
    values, meta = split_fields(fields)
    found = list(notes)
    body, replaced = _SURROGATE.subn("\ufffd", body)
    if replaced:
        found.append(f"{replaced} lone surrogate code point(s) (not characters) replaced by U+FFFD")
    published: str | None = None
    given = values.get("published")
    if given is not None and given != "":
        published, note = read_date(given)
        if note:
            found.append(note)
    return Document(
        path=name,
        raw=body,
        format=fmt,
        title=_text(values.get("title")),
        outlet=_text(values.get("outlet")),
        url=_text(values.get("url")),
        published=published,
        authors=read_authors(values.get("authors")),
        meta=meta,
        notes=tuple(found),
    )


def split_fields(fields: Mapping[str, Any]) -> tuple[dict[str, Any], tuple[tuple[str, str], ...]]:
    """The known fields (first non-empty value in the lexicon's order of names) and the rest.

    `split_fields({"STORY": "Strike", "Section": "Ports"})` is
    `({"title": "Strike"}, (("section", "Ports"),))`.
    """
    aliases = _aliases()
    skipped = _not_meta()
    values: dict[str, Any] = {}
    ranks: dict[str, int] = {}
    meta: dict[str, str] = {}
    for key, value in fields.items():
        norm = _key(key)
        if value is None or value == "" or value == []:
            continue
        if norm in aliases:
            field, rank = aliases[norm]
            if field not in ranks or rank < ranks[field]:
                values[field], ranks[field] = value, rank
        elif norm not in skipped and isinstance(value, (str, int, float)):
            text = _SURROGATE.sub("\ufffd", " ".join(str(value).split()))[:_MAX_META_VALUE]
            if text and norm not in meta:
                meta[norm] = text
    return values, tuple(sorted(meta.items()))


def canonical_key(key: str) -> str:
    """The field a metadata key names ("STORY" -> "title"), else the key in lower case."""
    norm = _key(key)
    found = _aliases().get(norm)
    return found[0] if found else norm


def merge_fields(*sources: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of several sources by canonical key; a later source wins over an earlier
    one, and within one source the first name of a field wins (TITLE before HEADLINE)."""
    merged: dict[str, Any] = {}
    for source in sources:
        own: dict[str, Any] = {}
        for key, value in split_fields(source)[0].items():
            own[key] = value
        for key, value in source.items():
            canon = canonical_key(key)
            if canon not in FIELDS and value not in (None, "", []):
                own.setdefault(canon, value)
        merged.update(own)
    return merged


@cache
def _aliases() -> dict[str, tuple[str, int]]:
    names = table("ingest", "fields")
    return {alias: (field, rank) for field in FIELDS for rank, alias in enumerate(names[field])}


@cache
def _not_meta() -> frozenset[str]:
    keys = table("ingest", "json")
    return frozenset([*keys["text"], *keys["html"], *keys["ignored"]])


def _key(key: str) -> str:
    return re.sub(r"[\s-]+", "_", key.strip().lower())


def _text(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("href")
    if isinstance(value, list) and value:
        value = value[0]
    if not isinstance(value, str):
        return None
    text = _SURROGATE.sub("\ufffd", " ".join(value.split()))
    return text or None


def read_authors(value: object) -> tuple[str, ...]:
    """The names a byline value gives, in order, without duplicates.

    A string is split at `;`, `|`, `&` and "and" ("By Ana Ruiz and Tom Hale" gives both
    names); a list gives its strings or its objects' `name`.
    """
    items: list[object] = list(value) if isinstance(value, (list, tuple)) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if not isinstance(item, str):
            continue
        for piece in _AUTHOR_SPLIT.split(_BYLINE_PREFIX.sub("", item)):
            name = _SURROGATE.sub("\ufffd", " ".join(piece.split())).strip(" ,")
            if name and len(name) <= _MAX_AUTHOR_CHARS and name not in names:
                names.append(name)
    return tuple(names[:_MAX_AUTHORS])


def normalize_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a metadata value, or None if it is not a date."""
    return read_date(value)[0]


def read_date(value: object) -> tuple[str | None, str | None]:
    """The ISO date a metadata value gives and a note when it was unreadable or ambiguous.

    Read: ISO dates and date-times ("2025-03-04", "2025-03-04T10:00:00+01:00": the date as
    written, not moved to UTC), Unix times in seconds or milliseconds (JSON exports; UTC),
    "2025/03/04", RFC 2822 ("Tue, 04 Mar 2025 10:00:00 +0000",
    feeds), written dates ("March 4, 2025", "Tuesday 4th March 2025", "4 Mar. 2025"), and
    numeric day/month orders ("03/04/2025"): day first when the first number is over 12,
    month first when the second is; when both could be the month, slashes and dashes are read
    month first (the order they usually mean in English-language news), dots day first (the
    order "04.03.2025" means where it is written), and the note says so.
    """
    if isinstance(value, datetime):
        return value.date().isoformat(), None
    if isinstance(value, date):
        return value.isoformat(), None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _epoch(value)
    shown = repr(value) if not isinstance(value, str) else repr(" ".join(value.split())[:60])
    unreadable = (
        f"the date {shown} in the metadata is not a date storyline can read; "
        "the publication date is inferred from the text"
    )
    if not isinstance(value, str) or not value.strip():
        return None, unreadable
    text = " ".join(value.split())
    found = _iso(text) or _rfc_2822(text) or _written(text)
    if found:
        return found, None
    match = _NUMERIC.match(text)
    if match:
        numbers = int(match.group(1)), int(match.group(3)), int(match.group(4))
        return _numeric(text, *numbers, day_first=match.group(2) == ".")
    return None, unreadable


def _epoch(value: float) -> tuple[str | None, str | None]:
    """A Unix time in seconds (1e9 to 4e9: 2001 to 2096) or milliseconds, as a UTC date."""
    seconds = value / 1000 if _EPOCH_MS[0] <= value < _EPOCH_MS[1] else value
    if not _EPOCH_S[0] <= seconds < _EPOCH_S[1]:
        return None, (
            f"the date {value!r} in the metadata is not a date storyline can read; "
            "the publication date is inferred from the text"
        )
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat(), None


def _iso(text: str) -> str | None:
    match = _ISO_DATE.match(text) or _ISO_SLASHED.match(text)
    if not match:
        return None
    return _ymd(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def _rfc_2822(text: str) -> str | None:
    if not _RFC_2822.match(text):
        return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _written(text: str) -> str | None:
    month_first, day_first = _written_patterns()
    match = month_first.match(text)
    if match:
        month, day, year = match.group(1), match.group(2), match.group(3)
    else:
        match = day_first.match(text)
        if not match:
            return None
        day, month, year = match.group(1), match.group(2), match.group(3)
    return _ymd(int(year), _months()[month.lower()], int(day))


def _numeric(
    text: str, first: int, second: int, year: int, *, day_first: bool
) -> tuple[str | None, str | None]:
    unreadable = (
        f"the date {text!r} in the metadata is not a valid date; it is inferred from the text"
    )
    if first > 12:
        found = _ymd(year, second, first)
        return found, None if found else unreadable
    if second > 12 or first == second:
        found = _ymd(year, first, second)
        return found, None if found else unreadable
    month, day = (second, first) if day_first else (first, second)
    found = _ymd(year, month, day)
    if found is None:
        return None, unreadable
    other = _ymd(year, day, month)
    order, instead = ("day", "month") if day_first else ("month", "day")
    return found, (
        f"the date {text!r} in the metadata is ambiguous: read {order} first as {found} "
        f"(it is {other} if the {instead} comes first)"
    )


def _ymd(year: int, month: int, day: int) -> str | None:
    if not 1800 <= year <= 2200:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@cache
def _months() -> dict[str, int]:
    months: dict[str, int] = {}
    for number, names in enumerate(entry("timex", "months"), start=1):
        for name in names:
            months[name] = number
    months["sept"] = 9
    return months


@cache
def _written_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    month = "|".join(sorted(_months(), key=lambda m: (-len(m), m)))
    weekday = r"(?:[A-Za-z]+day,?\s+)?"
    return (
        re.compile(rf"^{weekday}({month})\.?\s+{_ORDINAL},?\s+(\d{{4}})\b", re.I),
        re.compile(rf"^{weekday}{_ORDINAL}\s+(?:of\s+)?({month})\.?,?\s+(\d{{4}})\b", re.I),
    )


def repair_surrogates(value: object) -> tuple[object, int]:
    """`value` (a parsed JSON value) with every lone surrogate replaced by U+FFFD, and how
    many were replaced: `json.loads('"\\ud800"')` gives a str that cannot be written as UTF-8."""
    if isinstance(value, str):
        repaired, count = _SURROGATE.subn("\ufffd", value)
        return repaired, count
    if isinstance(value, list):
        total = 0
        items = []
        for item in value:
            fixed, count = repair_surrogates(item)
            items.append(fixed)
            total += count
        return items, total
    if isinstance(value, dict):
        total = 0
        pairs = {}
        for key, item in value.items():
            fixed_key, count_key = repair_surrogates(key)
            fixed, count = repair_surrogates(item)
            pairs[str(fixed_key)] = fixed
            total += count + count_key
        return pairs, total
    return value, 0
