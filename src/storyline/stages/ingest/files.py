"""Files and folders: walk paths, read bytes, decode, and read text, Markdown and JSONL.

HTML goes to `html.py`; every reader ends in `document.document` or a `Skip`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.model import Document, Skip
from storyline.stages.ingest.document import HEADER_KEYS as _HEADER_KEYS
from storyline.stages.ingest.document import document as _document
from storyline.stages.ingest.html import read_html as _read_html

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SIDECAR_SUFFIX = ".meta.json"
_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_HEADER_LINE = re.compile(r"^(TITLE|OUTLET|URL|DATE|PUBLISHED|SOURCE)\s*:\s*(.*)$", re.I)
_FRONT_MATTER_FENCE = "---"
_FRONT_MATTER_MAX_LINES = 60
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$")
# What else a flat front-matter block may hold: blank lines, comments, list items and
# indented continuation lines (their values are ignored).
_FRONT_MATTER_OTHER = re.compile(r"^(?:\s*|\s*#.*|\s*-(?:\s.*)?|\s+\S.*)$")
_QUOTED = re.compile(r"""^(["'])(.*)\1$""")
_LEGACY_CODE_PAGE = re.compile(r"^(?:cp(?:437|7\d\d|8\d\d|1125)|mac_\w+|hp_roman8)$")
_WORD_INNER = frozenset({"Ll", "Lu", "Lo", "Pd", "Pf"})
_DOC_FILE = re.compile(r"^(?:README|LICEN[CS]E|CHANGELOG|COPYING)(?:\.\w+)?$", re.I)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)


@dataclass(frozen=True, slots=True)
class Ingested:
    documents: tuple[Document, ...]
    skips: tuple[Skip, ...]


def ingest(paths: Iterable[str | Path], *, max_bytes: int) -> Ingested:
    """Read every path (files, folders, JSONL); nothing is dropped without a `Skip`."""
    documents: list[Document] = []
    skips: list[Skip] = []
    for path in _expand(paths, skips):
        for item in _read_file(path, max_bytes=max_bytes):
            if isinstance(item, Document):
                documents.append(item)
            else:
                skips.append(item)
    return Ingested(tuple(documents), tuple(skips))


def _expand(paths: Iterable[str | Path], skips: list[Skip]) -> Iterator[Path]:
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            skips.append(Skip(str(given), "path not found"))
            continue
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        else:
            files = [path]
        for file in files:
            key = file.resolve()
            if key in seen:
                continue
            seen.add(key)
            if _DOC_FILE.match(file.name):
                skips.append(Skip(str(file), "documentation file, not an article"))
                continue
            if file.name.endswith(SIDECAR_SUFFIX):
                if not _has_owner(file):
                    skips.append(Skip(str(file), "metadata sidecar with no article beside it"))
                continue
            yield file


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _has_owner(sidecar: Path) -> bool:
    stem = sidecar.name[: -len(SIDECAR_SUFFIX)]
    return any(
        p.stem == stem or p.name == stem
        for p in sidecar.parent.iterdir()
        if p != sidecar and not p.name.endswith(SIDECAR_SUFFIX)
    )


def _read_file(path: Path, *, max_bytes: int) -> Iterator[Document | Skip]:
    name = str(path)
    try:
        size = path.stat().st_size
        data = b"" if size > max_bytes else path.read_bytes()
    except OSError as exc:
        yield Skip(
            name,
            f"cannot read the file ({exc.strerror or exc}); check that it exists and is readable",
        )
        return
    if size > max_bytes:
        yield Skip(name, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max_bytes)")
        return
    if not data.strip():
        yield Skip(name, "empty file")
        return
    binary = _binary_kind(data)
    if binary:
        yield Skip(name, f"binary file ({binary}), not text")
        return
    text = decode(data)
    if text is None:
        yield Skip(name, "cannot decode the file: not UTF-8 and no text encoding fits it")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(name, text)
    elif suffix in HTML_SUFFIXES:
        yield _read_html(name, text, _sidecar(path))
    else:
        yield _read_text(name, text, _sidecar(path), markdown=suffix in {".md", ".markdown"})


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "contains NUL bytes"
    return None


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) first; otherwise the encoding charset-normalizer detects.

    When it detects an old DOS/Mac code page, cp1252 is preferred if it reads the bytes as
    plausible words: `decode("Café".encode("latin-1"))` is "Café", not cp775's "Cafķ".
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if _LEGACY_CODE_PAGE.match(best.encoding):
        text = _windows_1252(data) or text
    if _control_ratio(text) > 0.05:
        return None
    return text


def _windows_1252(data: bytes) -> str | None:
    """The cp1252 reading of `data` if every byte decodes and the words look real, else None.

    Text in another code page read as cp1252 puts symbols inside words ("aprŠs", "C\\xa0diz")
    or a capital after a small letter ("valdØia"); real text has neither.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    previous = ""
    for index, char in enumerate(text):
        if ord(char) > 127 and previous.isalpha():
            category = unicodedata.category(char)
            following = text[index + 1 : index + 2]
            if previous.islower() and category == "Lu":
                return None
            if following.isalpha() and category not in _WORD_INNER:
                return None
        previous = char
    return text


def _control_ratio(text: str) -> float:
    bad = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / max(len(text), 1)


def _sidecar(path: Path) -> dict[str, Any]:
    for candidate in (
        path.with_name(path.name + SIDECAR_SUFFIX),
        path.with_name(path.stem + SIDECAR_SUFFIX),
    ):
        if candidate.is_file():
            try:
                value = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                return {}
            return value if isinstance(value, dict) else {}
    return {}


def _read_text(name: str, text: str, meta: dict[str, Any], *, markdown: bool) -> Document | Skip:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header, body = split_header(text)
    if markdown:
        body = _MD_HEADING.sub("", body)
    if not body.strip():
        return Skip(name, "empty file (only a metadata header)")
    fields = {**header, **{_HEADER_KEYS.get(k.lower(), k.lower()): v for k, v in meta.items()}}
    return _document(name, body, "markdown" if markdown else "text", fields)


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a `KEY: value` header (ending with `---`) or `---` front matter from the body.

    A front-matter block is removed whole; of its keys only the known ones are kept:
    `split_header('---\\ntitle: "Strike"\\nauthor: J. Doe\\n---\\nBody')` is
    `({"title": "Strike"}, "Body")`.
    """
    lines = text.split("\n")
    if lines[0].strip() == _FRONT_MATTER_FENCE:
        return _split_front_matter(lines, text)
    header: dict[str, str] = {}
    for index in range(min(len(lines), 12)):
        line = lines[index].strip()
        if line == _FRONT_MATTER_FENCE:
            if header:
                return header, "\n".join(lines[index + 1 :])
            break
        match = _HEADER_LINE.match(line)
        if not match:
            break
        header[_HEADER_KEYS[match.group(1).lower()]] = _unquote(match.group(2))
    return {}, text


def _split_front_matter(lines: list[str], text: str) -> tuple[dict[str, str], str]:
    """`lines[0]` is `---`: the block up to the next `---` line, if it holds only keys."""
    header: dict[str, str] = {}
    keys = 0
    for index in range(1, min(len(lines), _FRONT_MATTER_MAX_LINES + 1)):
        line = lines[index].rstrip()
        if line.strip() == _FRONT_MATTER_FENCE:
            if keys:
                return header, "\n".join(lines[index + 1 :])
            break
        match = _FRONT_MATTER_KEY.match(line)
        if match:
            keys += 1
            key = _HEADER_KEYS.get(match.group(1).lower())
            value = _unquote(match.group(2) or "")
            if key and value:
                header[key] = value
        elif not _FRONT_MATTER_OTHER.match(line):
            break
    return {}, text


def _unquote(value: str) -> str:
    """Strip the value and one pair of matching quotes around it (YAML's `''` is `'`)."""
    value = value.strip()
    match = _QUOTED.match(value)
    if not match:
        return value
    inner = match.group(2).replace("''", "'") if match.group(1) == "'" else match.group(2)
    return inner.strip()


def _read_jsonl(name: str, text: str) -> Iterator[Document | Skip]:
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = True
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Skip(where, "a JSONL line must be an object with 'text' or 'html'")
            continue
        body, html = record.get("text"), record.get("html")
        if isinstance(html, str) and html.strip() and not (isinstance(body, str) and body.strip()):
            yield _read_html(where, html, record)
        elif isinstance(body, str) and body.strip():
            yield _document(where, body.replace("\r\n", "\n"), "jsonl", record)
        else:
            yield Skip(where, "no 'text' or 'html' field with content")
    if not found:
        yield Skip(name, "empty file (no JSONL records)")
