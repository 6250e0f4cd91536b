"""JSON articles: JSONL (one record a line) and `.json` files (news-please, newspaper, ...).

A record's body is its first non-empty text key (`text`, `maintext`, `body`, ...; see
`lexicon/en/ingest.toml`), else its HTML (`html`, `raw_html`), read through the HTML reader.
Its other keys are metadata under any of their usual names (`title`, `date_publish`,
`authors`, `source_domain`, ...). JSONL lines are split on "\\n" only: U+2028, U+2029 and
U+0085 are characters of a JSON string, not line ends. A lone surrogate escape (`"\\ud800"`,
which Python's JSON reader accepts but no UTF-8 file can hold) is replaced by U+FFFD with a
note.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from typing import Any, cast

from storyline.lexicon import table
from storyline.model import Document, Skip
from storyline.stages.ingest.document import document, repair_surrogates
from storyline.stages.ingest.html import read_html

_NO_TEXT = "no 'text' or 'html' field with content"


def read_jsonl(name: str, text: str, notes: tuple[str, ...] = ()) -> Iterator[Document | Skip]:
    """One Document or Skip per non-blank line, named `FILE:LINE`."""
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        found = True
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except (RecursionError, ValueError) as exc:
            yield Skip(where, f"invalid JSON ({_reason(exc)})")
            continue
        if not isinstance(record, dict):
            yield Skip(where, "a JSONL line must be an object with 'text' or 'html'")
            continue
        yield read_record(where, record, "jsonl", notes)
    if not found:
        yield Skip(name, "empty file (no JSONL records)")


def read_json(name: str, text: str, notes: tuple[str, ...] = ()) -> Iterator[Document | Skip]:
    """A `.json` file: one article object, or a list of them (named `FILE#N`)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skip(name, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return
    except (RecursionError, ValueError) as exc:
        yield Skip(name, f"invalid JSON ({_reason(exc)})")
        return
    if isinstance(value, dict) and not _has_body(value):
        listed = next((v for v in value.values() if _is_article_list(v)), None)
        value = listed if listed is not None else value
    if isinstance(value, dict):
        if not _has_body(value):
            yield Skip(name, f"JSON with no article text ({_keys_hint()}); not an article")
            return
        yield read_record(name, value, "json", notes)
        return
    if _is_article_list(value):
        for number, item in enumerate(value, start=1):
            where = f"{name}#{number}"
            if isinstance(item, dict):
                yield read_record(where, item, "json", notes)
            else:
                yield Skip(where, "a JSON list item must be an article object")
        return
    yield Skip(name, f"JSON that is not an article object or a list of them ({_keys_hint()})")


def read_record(
    where: str, record: dict[str, Any], fmt: str, notes: tuple[str, ...] = ()
) -> Document | Skip:
    """The article of one JSON object, or a Skip when it has no text."""
    repaired, count = repair_surrogates(record)
    repaired = cast(dict[str, Any], repaired)
    found = list(notes)
    if count:
        found.append(
            f"{count} lone surrogate escape(s) (like \\ud800, not a character) replaced by U+FFFD"
        )
    keys = _json_keys()
    lowered = {k.lower(): v for k, v in repaired.items() if isinstance(k, str)}
    body = _first(lowered, keys["text"])
    html = _first(lowered, keys["html"])
    if body is None and html is not None:
        item = read_html(where, html, {k: v for k, v in repaired.items() if v})
        if isinstance(item, Document) and found:
            item = replace(item, notes=(*item.notes, *found))
        return item
    if body is None:
        return Skip(where, _NO_TEXT)
    return document(where, body.replace("\r\n", "\n"), fmt, repaired, found)


def _first(record: dict[str, Any], names: list[str]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _has_body(record: dict[str, Any]) -> bool:
    keys = _json_keys()
    lowered = {k.lower(): v for k, v in record.items() if isinstance(k, str)}
    return _first(lowered, keys["text"] + keys["html"]) is not None


def _is_article_list(value: object) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and any(isinstance(v, dict) and _has_body(v) for v in value)
    )


def _keys_hint() -> str:
    names = [*_json_keys()["text"][:3], _json_keys()["html"][0]]
    return "expected a key such as " + ", ".join(repr(n) for n in names)


def _reason(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0][:120] or type(exc).__name__


@cache
def _json_keys() -> dict[str, list[str]]:
    return {k: list(v) for k, v in table("ingest", "json").items()}
