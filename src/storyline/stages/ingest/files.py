"""Inputs: walk folders, fetch addresses, unpack gzip, and send each input to its reader.

An input is a path (file or folder, walked recursively in sorted order) or an http(s)
address. What it holds decides the reader, by its suffix (after `.gz`), the server's media
type, or its first bytes: text and Markdown (with a header, `header.py`), HTML (`html.py`),
JSONL and JSON articles (`records.py`), RSS/Atom feeds and sitemaps (`feeds.py`; their links
are fetched), WARC archives (`warc.py`). Gzip is unpacked up to `max_bytes` (a file that
unpacks to more is skipped as a possible gzip bomb). A kind storyline does not read (a CSV
table, XML that is no feed, code, ...) is a `Skip` with its reason, never article text.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from storyline.lexicon import table
from storyline.model import Document, Skip
from storyline.stages.ingest.document import document as _document
from storyline.stages.ingest.document import merge_fields
from storyline.stages.ingest.encoding import decode_declared, encoding_note
from storyline.stages.ingest.feeds import Listing, read_listing, xml_kind
from storyline.stages.ingest.fetch import Fetched, Fetcher, is_url
from storyline.stages.ingest.header import split_header
from storyline.stages.ingest.html import read_html as _read_html
from storyline.stages.ingest.records import read_json, read_jsonl
from storyline.stages.ingest.warc import read_warc

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
XML_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
SIDECAR_SUFFIX = ".meta.json"
# A feed or sitemap is read up to this many links, a sitemap index up to this many sitemaps.
MAX_LINKS = 100
MAX_SITEMAPS = 20
# Addresses fetched ahead at a time (hosts in parallel): few enough to hold their pages.
FETCH_BATCH = 16
_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"(\xb5/\xfd", "a zstd archive"),
)
_GZIP = b"\x1f\x8b"
# a build's store, which marks its output folder (the CLI writes it beside dossier.json)
STORE_FILE = "storyline.duckdb"
_OUTPUT_FOLDER = (
    "the output of an earlier storyline build (its store, dossier and report), not articles"
)
_DOC_FILE = re.compile(r"^(?:README|LICEN[CS]E|CHANGELOG|COPYING)(?:\.\w+)?$", re.I)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)
# What looks like a web address given without its scheme ("www.x.org/a", "x.com/news/1").
_ADDRESS = re.compile(r"^(?:www\.|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/)", re.I)
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_MEDIA_SUFFIX = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/rdf+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/json": ".json",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/warc": ".warc",
}


@dataclass(frozen=True, slots=True)
class Ingested:
    documents: tuple[Document, ...]
    skips: tuple[Skip, ...]


def ingest(
    paths: Iterable[str | Path], *, max_bytes: int, fetcher: Fetcher | None = None
) -> Ingested:
    """Read every input (files, folders, addresses); nothing is dropped without a `Skip`.

    `fetcher` fetches the addresses and the links of feeds and sitemaps (a polite default
    one when None; tests pass one with no delay).
    """
    reader = _Reader(max_bytes, fetcher or Fetcher(max_bytes=max_bytes))
    documents: list[Document] = []
    skips: list[Skip] = []
    for item in reader.read_all(paths):
        if isinstance(item, Document):
            documents.append(item)
        else:
            skips.append(item)
    return Ingested(tuple(documents), tuple(skips))


@dataclass
class _Reader:
    max_bytes: int
    fetcher: Fetcher
    seen_files: set[Path] = field(default_factory=set)
    seen_urls: dict[str, str] = field(default_factory=dict)
    # Whether the input being read is a link of a feed or sitemap (whose own feeds are not
    # followed: a chain of feeds would fetch without end).
    in_listing: bool = False
    # Responses fetched ahead, a batch at a time (`_prefetch`), by address.
    prefetched: dict[str, Fetched | Skip] = field(default_factory=dict)

    def _prefetch(self, urls: Iterable[str]) -> None:
        """Fetch the addresses not yet read, several hosts at once; `_read_url` takes them."""
        todo = [u for u in dict.fromkeys(urls) if u not in self.seen_urls]
        todo = [u for u in todo if u not in self.prefetched]
        for url, fetched in zip(todo, self.fetcher.fetch_all(todo), strict=True):
            self.prefetched[url] = fetched

    def read_all(self, paths: Iterable[str | Path]) -> Iterator[Document | Skip]:
        given_all = list(paths)
        for at, given in enumerate(given_all):
            if at % FETCH_BATCH == 0:
                batch = given_all[at : at + FETCH_BATCH]
                self._prefetch(g for g in batch if isinstance(g, str) and is_url(g))
            if isinstance(given, str) and is_url(given):
                yield from self._read_url(given, {}, origin=given)
                continue
            path = Path(given)
            if not path.exists():
                hint = " (a web address starts with https://)" if _ADDRESS.match(str(given)) else ""
                yield Skip(str(given), f"path not found{hint}")
                continue
            for file in self._expand(path):
                if isinstance(file, Skip):
                    yield file
                else:
                    yield from self._read_file(file)

    def _expand(self, path: Path) -> Iterator[Path | Skip]:
        outputs, files = walk_outputs(path)
        for folder in outputs:
            key = folder.resolve()
            if key not in self.seen_files:
                self.seen_files.add(key)
                yield Skip(str(folder), _OUTPUT_FOLDER)
        for file in files:
            key = file.resolve()
            if key in self.seen_files:
                continue
            self.seen_files.add(key)
            if _DOC_FILE.match(file.name):
                yield Skip(str(file), "documentation file, not an article")
                continue
            if file.name.endswith(SIDECAR_SUFFIX):
                if not _has_owner(file):
                    yield Skip(str(file), "metadata sidecar with no article beside it")
                continue
            yield file

    def _read_file(self, path: Path) -> Iterator[Document | Skip]:
        name = str(path)
        lowered = path.name.lower()
        if lowered.endswith((".warc", ".warc.gz")):
            # Archives are read as a stream, record by record; max_bytes bounds each page.
            try:
                with path.open("rb") as stream:
                    yield from read_warc(name, stream, max_bytes=self.max_bytes)
            except OSError as exc:
                yield Skip(name, _unreadable(exc))
            return
        try:
            size = path.stat().st_size
            data = b"" if size > self.max_bytes else path.read_bytes()
        except OSError as exc:
            yield Skip(name, _unreadable(exc))
            return
        if size > self.max_bytes:
            yield Skip(
                name, f"file is {size:,} bytes, over the {self.max_bytes:,}-byte limit (max_bytes)"
            )
            return
        yield from self._read_data(name, data, path.name, meta=_sidecar(path))

    def _read_data(
        self,
        name: str,
        data: bytes,
        filename: str,
        *,
        meta: dict[str, Any],
        charset: str | None = None,
        unpacked: int = 0,
    ) -> Iterator[Document | Skip]:
        """Read one input's bytes; `filename` (its name or address path) gives its suffix."""
        if not data.strip():
            yield Skip(name, "empty file")
            return
        suffix = _suffix(filename)
        if data.startswith(_GZIP):
            yield from self._read_gzip(name, data, filename, meta=meta, unpacked=unpacked)
            return
        if data.startswith(b"WARC/"):
            yield from read_warc(name, BytesIO(data), max_bytes=self.max_bytes)
            return
        binary = _binary_kind(data)
        if binary:
            yield Skip(name, f"binary file ({binary}), not text")
            return
        unsupported = _unsupported().get(suffix)
        if unsupported:
            yield Skip(name, unsupported)
            return
        text, encoding = decode_declared(data, charset)
        if text is None:
            yield Skip(name, "cannot decode the file: not UTF-8 and no text encoding fits it")
            return
        notes = encoding_note(encoding)
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(name, text, notes)
        elif suffix == ".json":
            yield from read_json(name, text, notes)
        elif xml_kind(data) or (suffix in XML_SUFFIXES and not _HTML_START.match(text)):
            yield from self._read_xml(name, data, base=meta.get("url"))
        elif suffix in HTML_SUFFIXES or _HTML_START.match(text):
            yield _with_notes(_read_html(name, text, meta), notes)
        else:
            yield _read_text(name, text, meta, markdown=suffix in MARKDOWN_SUFFIXES, notes=notes)

    def _read_gzip(
        self, name: str, data: bytes, filename: str, *, meta: dict[str, Any], unpacked: int
    ) -> Iterator[Document | Skip]:
        inner = filename[:-3] if filename.lower().endswith(".gz") else filename
        if inner.lower().endswith(".warc"):
            yield from read_warc(name, BytesIO(data), max_bytes=self.max_bytes)
            return
        if unpacked >= 2:
            yield Skip(name, "gzip inside gzip inside gzip; not unpacked further")
            return
        try:
            with gzip.GzipFile(fileobj=BytesIO(data)) as stream:
                content = stream.read(self.max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield Skip(name, f"not a readable gzip file ({exc})")
            return
        if len(content) > self.max_bytes:
            yield Skip(
                name,
                f"unpacks to over the {self.max_bytes:,}-byte limit (max_bytes); "
                "a gzip bomb or a file too large",
            )
            return
        yield from self._read_data(name, content, inner, meta=meta, unpacked=unpacked + 1)

    def _read_xml(self, name: str, data: bytes, *, base: object) -> Iterator[Document | Skip]:
        if self.in_listing and xml_kind(data):
            yield Skip(
                name,
                "a feed or sitemap linked from a feed or sitemap; not followed (give it as an "
                "input to read it)",
            )
            return
        listing = read_listing(data, base if isinstance(base, str) and is_url(base) else None)
        if listing is None:
            yield Skip(name, "XML that is neither an RSS/Atom feed nor a sitemap; not an article")
            return
        yield from self._read_listing(name, listing, depth=0)

    def _read_listing(
        self, name: str, listing: Listing, *, depth: int
    ) -> Iterator[Document | Skip]:
        if not listing.links and not listing.sitemaps:
            yield Skip(name, f"the {listing.kind} lists no article")
            return
        outer, self.in_listing = self.in_listing, True
        links = listing.links[:MAX_LINKS]
        for at, link in enumerate(links):
            if at % FETCH_BATCH == 0:
                self._prefetch(k.url for k in links[at : at + FETCH_BATCH] if k.url)
            if not link.url:
                if link.html:
                    page = f"<html><body><article>{link.html}</article></body></html>"
                    yield _read_html(f"{name}#item", page, link.fields)
                continue
            yield from self._read_url(link.url, link.fields, origin=name, fallback=link.html)
        self.in_listing = outer
        if len(listing.links) > MAX_LINKS:
            yield Skip(
                name,
                f"{len(listing.links) - MAX_LINKS} more link(s) not fetched: a {listing.kind} is "
                f"read up to its first {MAX_LINKS} links",
            )
        if listing.sitemaps and depth >= 1:
            yield Skip(name, "a sitemap index inside a sitemap index; not followed")
            return
        for url in listing.sitemaps[:MAX_SITEMAPS]:
            fetched = self.fetcher.fetch(url)
            if isinstance(fetched, Skip):
                yield fetched
                continue
            data = gunzip_small(fetched.data, self.max_bytes)
            nested = read_listing(data, fetched.url) if data is not None else None
            if nested is None:
                yield Skip(url, "not a sitemap (listed in the sitemap index)")
                continue
            yield from self._read_listing(url, nested, depth=depth + 1)
        if len(listing.sitemaps) > MAX_SITEMAPS:
            yield Skip(
                name,
                f"{len(listing.sitemaps) - MAX_SITEMAPS} more sitemap(s) not fetched: an index is "
                f"read up to its first {MAX_SITEMAPS}",
            )

    def _read_url(
        self, url: str, fields: dict[str, Any], *, origin: str, fallback: str | None = None
    ) -> Iterator[Document | Skip]:
        if url in self.seen_urls:
            yield Skip(url, f"the same address as an earlier input ({self.seen_urls[url]})")
            return
        self.seen_urls[url] = origin
        fetched = self.prefetched.pop(url, None)
        if fetched is None:
            fetched = self.fetcher.fetch(url)
        if isinstance(fetched, Skip):
            if fallback:
                note = (
                    f"the page could not be fetched ({fetched.reason}): the feed's own text is used"
                )
                page = f"<html><body><article>{fallback}</article></body></html>"
                yield _with_notes(_read_html(url, page, fields), (note,))
            else:
                yield fetched
            return
        yield from self._read_fetched(url, fetched, fields)

    def _read_fetched(
        self, name: str, fetched: Fetched, fields: dict[str, Any]
    ) -> Iterator[Document | Skip]:
        if len(fetched.data) > self.max_bytes:
            yield Skip(name, f"the response is over the {self.max_bytes:,}-byte limit (max_bytes)")
            return
        path = PurePosixPath(urlsplit(fetched.url).path).name or "index"
        suffix = _MEDIA_SUFFIX.get(fetched.content_type)
        filename = path if suffix is None or path.lower().endswith(".gz") else f"page{suffix}"
        meta = {"url": fetched.url, **fields}
        if suffix == ".html" and not xml_kind(fetched.data):
            text, encoding = decode_declared(fetched.data, fetched.charset)
            if text is None:
                yield Skip(name, "cannot decode the page: not UTF-8 and no text encoding fits it")
                return
            yield _with_notes(_read_html(name, text, meta), encoding_note(encoding))
            return
        yield from self._read_data(name, fetched.data, filename, meta=meta, charset=fetched.charset)


def walk_outputs(path: Path) -> tuple[list[Path], list[Path]]:
    """What an input path stands for, from one walk of its tree: the folders in it (itself
    included) that hold an earlier build's output, known by its store (`storyline.duckdb`: a
    story folder built with `--out` inside it holds the last build's report, dossier and
    stories, which are no articles), and the files ingest reads, in its order: a folder's
    files (recursively, sorted, hidden ones and those output folders left out), else the path
    itself. Ingesting each of them in turn reads what ingesting the path reads (the Spark
    engine spreads them out)."""
    if not path.is_dir():
        return [], [path]
    every = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
    outputs = sorted({p.parent for p in every if p.name == STORE_FILE})
    return outputs, [p for p in every if not any(o in p.parents for o in outputs)]


def _suffix(filename: str) -> str:
    name = filename.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return PurePosixPath(name).suffix


def _unreadable(exc: OSError) -> str:
    return f"cannot read the file ({exc.strerror or exc}); check that it exists and is readable"


def gunzip_small(data: bytes, limit: int) -> bytes | None:
    """`data` itself, or its gunzipped content when it is gzip; None when that is damaged or
    over `limit` bytes."""
    if not data.startswith(_GZIP):
        return data
    try:
        with gzip.GzipFile(fileobj=BytesIO(data)) as stream:
            content = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error):
        return None
    return content if len(content) <= limit else None


def _with_notes(item: Document | Skip, notes: Iterable[str]) -> Document | Skip:
    notes = tuple(notes)
    if isinstance(item, Skip) or not notes:
        return item
    return replace(item, notes=(*item.notes, *notes))


@cache
def _unsupported() -> dict[str, str]:
    return {str(k): str(v) for k, v in table("ingest", "unsupported").items()}


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _has_owner(sidecar: Path) -> bool:
    stem = sidecar.name[: -len(SIDECAR_SUFFIX)]
    return any(
        p.stem == stem or p.name == stem
        for p in sidecar.parent.iterdir()
        if p != sidecar and not p.name.endswith(SIDECAR_SUFFIX)
    )


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "contains NUL bytes"
    return None


def _sidecar(path: Path) -> dict[str, Any]:
    for candidate in (
        path.with_name(path.name + SIDECAR_SUFFIX),
        path.with_name(path.stem + SIDECAR_SUFFIX),
    ):
        if candidate.is_file():
            try:
                value = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                return {}
            return value if isinstance(value, dict) else {}
    return {}


def _read_text(
    name: str, text: str, meta: dict[str, Any], *, markdown: bool, notes: tuple[str, ...] = ()
) -> Document | Skip:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header, body = split_header(text)
    if markdown:
        body = _MD_HEADING.sub("", body)
    if not body.strip():
        return Skip(name, "empty file (only a metadata header)")
    fields = merge_fields(header, meta)
    return _document(name, body, "markdown" if markdown else "text", fields, notes)
