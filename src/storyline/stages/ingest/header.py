"""A text file's metadata header: `KEY: value` lines closed by `---` (or by a blank line when
they name the article's fields), or `---` front matter.

Any key is read: the ones `lexicon/en/ingest.toml` names become fields (TITLE, STORY,
HEADLINE, OUTLET, URL, DATE, AUTHOR, BYLINE, ...), the others are kept in the document's
`meta`. Front matter is read as flat `key: value` lines, not as full YAML (no YAML parser is a
dependency): a key followed by `- item` lines is a list (for `authors:`), nested blocks are
ignored, and one pair of matching quotes around a value is removed.

A block closed by a blank line instead of `---` ("TITLE: ...", "OUTLET: ...", "DATE: ...",
then the body after an empty line, as an e-mail's header is written) is a header only when
two of its keys name fields, or its one line is a date or address field whose value reads as
one: a text opening "Update: talks resumed" or "WASHINGTON: The Senate voted" stays text.
Before, such a block stayed in the body: the title kept its "TITLE:" and "TITLE: ..." was a
quote of a speaker named TITLE.
"""

from __future__ import annotations

import re

from storyline.stages.ingest.document import FIELDS, canonical_key, read_date

_FENCE = "---"
_HEADER_MAX_LINES = 24
_FRONT_MATTER_MAX_LINES = 60
# A header key: a word or a few (up to 30 characters), then a colon, then the value.
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+){0,2})[ \t]*:[ \t]*(.*)$")
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$")
_LIST_ITEM = re.compile(r"^\s*-\s+(.*)$")
# What else a flat front-matter block may hold: blank lines, comments, list items and
# indented continuation lines (their values are ignored).
_FRONT_MATTER_OTHER = re.compile(r"^(?:\s*|\s*#.*|\s*-(?:\s.*)?|\s+\S.*)$")
_QUOTED = re.compile(r"""^(["'])(.*)\1$""")
_MAX_KEY = 30


def split_header(text: str) -> tuple[dict[str, str | list[str]], str]:
    """Split a `KEY: value` header (ending with `---`) or `---` front matter from the body.

    Keys are returned as written; `document.split_fields` maps them to fields:
    `split_header('STORY: Strike\\nSECTION: Ports\\n---\\nBody')` is
    `({"STORY": "Strike", "SECTION": "Ports"}, "Body")`. Lines that are not all `KEY: value`
    before the `---` (or no `---` within 24 lines) mean there is no header.
    """
    lines = text.split("\n")
    if lines[0].strip() == _FENCE:
        return _split_front_matter(lines, text)
    header: dict[str, str | list[str]] = {}
    for index in range(min(len(lines), _HEADER_MAX_LINES + 1)):
        line = lines[index].strip()
        if line == _FENCE or (not line and _names_fields(header, index)):
            if header:
                return header, "\n".join(lines[index + 1 :])
            break
        match = _HEADER_LINE.match(line)
        if not match or len(match.group(1)) > _MAX_KEY:
            break
        header.setdefault(match.group(1), _unquote(match.group(2)))
    return {}, text


def _names_fields(header: dict[str, str | list[str]], lines: int) -> bool:
    """Whether `KEY: value` lines closed by a blank line are a header: two of their keys name
    fields, or their one line is a date or address field whose value reads as one."""
    fields = {canonical_key(key): value for key, value in header.items()}
    named = [f for f in fields if f in FIELDS]
    if len(named) >= 2:
        return True
    if lines != 1 or len(named) != 1:
        return False
    value = fields[named[0]]
    if named[0] == "published":
        return read_date(value)[0] is not None
    return (
        named[0] == "url" and isinstance(value, str) and value.startswith(("http://", "https://"))
    )


def _split_front_matter(lines: list[str], text: str) -> tuple[dict[str, str | list[str]], str]:
    """`lines[0]` is `---`: the block up to the next `---` line, if it holds only keys."""
    header: dict[str, str | list[str]] = {}
    keys = 0
    current: str | None = None
    for index in range(1, min(len(lines), _FRONT_MATTER_MAX_LINES + 1)):
        line = lines[index].rstrip()
        if line.strip() == _FENCE:
            if keys:
                return header, "\n".join(lines[index + 1 :])
            break
        match = _FRONT_MATTER_KEY.match(line)
        item = _LIST_ITEM.match(line)
        if match:
            keys += 1
            value = _unquote(match.group(2) or "")
            current = None if value else match.group(1)
            if value:
                header.setdefault(match.group(1), value)
        elif item and current is not None:
            listed = header.setdefault(current, [])
            value = _unquote(item.group(1))
            if isinstance(listed, list) and value and ":" not in value:
                listed.append(value)
        elif not _FRONT_MATTER_OTHER.match(line):
            break
        elif line.strip() and not line.lstrip().startswith("#") and not item:
            current = None
    return {}, text


def _unquote(value: str) -> str:
    """Strip the value and one pair of matching quotes around it (YAML's `''` is `'`)."""
    value = value.strip()
    match = _QUOTED.match(value)
    if not match:
        return value
    inner = match.group(2) if match.group(1) == '"' else match.group(2).replace("''", "'")
    return inner.strip()
