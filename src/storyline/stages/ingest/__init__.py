"""Ingest: turn paths into `Document`s, and every input that cannot be read into a `Skip`.

Formats: plain text and Markdown (optionally with a `TITLE:/OUTLET:/URL:/DATE:` header closed
by a `---` line, or YAML-style `---` front matter, or a sidecar `NAME.meta.json`), HTML (body
text, title, date and site name through trafilatura), JSONL (one article per line with `text`
or `html` and optional `title`, `outlet`, `url`, `published`), and folders of these, walked
recursively in sorted order. Encodings are detected with charset-normalizer when a file is not
UTF-8.

Front matter is read as flat `key: value` lines, not as full YAML (no YAML parser is a
dependency): the keys above become metadata, other keys are ignored, and one pair of matching
quotes around a value is removed.

charset-normalizer often ranks an old DOS, Mac or HP code page (cp775, cp850, mac_iceland, ...)
first for short Windows-1252 or Latin-1 text, which turns "café" into "cafķ". News text in those
code pages is rare, so when cp1252 decodes the bytes and its reading looks like real words,
cp1252 wins.
"""

from __future__ import annotations

from storyline.stages.ingest.document import normalize_date
from storyline.stages.ingest.files import Ingested, decode, ingest, split_header

__all__ = ["ASSIGNS", "REQUIRES", "Ingested", "decode", "ingest", "normalize_date", "split_header"]

REQUIRES: tuple[str, ...] = ()
ASSIGNS = ("documents",)
