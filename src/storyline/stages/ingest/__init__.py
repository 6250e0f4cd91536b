"""Ingest: turn inputs into `Document`s, and every input that cannot be read into a `Skip`.

Inputs are files, folders (walked recursively in sorted order) and http(s) addresses. Kinds:
plain text and Markdown (optionally with a `KEY: value` header closed by a `---` line, YAML-style
`---` front matter, or a sidecar `NAME.meta.json`), HTML (body text, title, date, site name and
author through trafilatura), JSONL (one article per line) and JSON articles (news-please,
newspaper: `maintext`/`text`, `title`, `date_publish`, `authors`, ...), RSS/Atom feeds and
sitemaps (their links fetched), WARC archives (HTML responses), and any of these gzipped.
Encodings are detected with charset-normalizer when a file is not UTF-8, with a note.

Modules: `files.py` (walking, unpacking, dispatch), `fetch.py` (HTTP), `header.py` (text
headers), `records.py` (JSON and JSONL), `feeds.py` (feeds and sitemaps), `warc.py`,
`encoding.py` (decoding), `html.py` (HTML main text), `document.py` (metadata to Document).
"""

from __future__ import annotations

from storyline.stages.ingest.document import normalize_date, read_date
from storyline.stages.ingest.encoding import decode
from storyline.stages.ingest.fetch import Fetcher, is_url
from storyline.stages.ingest.files import Ingested, ingest
from storyline.stages.ingest.header import split_header

__all__ = [
    "ASSIGNS",
    "REQUIRES",
    "Fetcher",
    "Ingested",
    "decode",
    "ingest",
    "is_url",
    "normalize_date",
    "read_date",
    "split_header",
]

REQUIRES: tuple[str, ...] = ()
ASSIGNS = ("documents",)
