"""WARC archives (`.warc`, `.warc.gz`, as Common Crawl's CC-NEWS publishes them).

Only `response` records of HTML pages with a 2xx status are articles; request, metadata and
other records, redirects and non-HTML responses are passed over (counted, and named in the
skip when an archive holds no page at all). Each page is a document named
`ARCHIVE#TARGET-URI`, with the record's address as its URL; the record's date (the crawl date)
is its publication date only when the page gives none, with a note. warcio reads the archive
as a stream, record by record, and each payload is read up to `max_bytes`, so a large archive
(or a gzip bomb inside one) never sits in memory whole.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import itertools
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Any

from storyline.model import Document, Skip
from storyline.stages.ingest.document import read_date
from storyline.stages.ingest.encoding import decode_declared, encoding_note
from storyline.stages.ingest.html import read_html

# What warcio may raise on untrusted bytes: besides its own error, whatever its code meets on a
# malformed record (AttributeError on a header line it expected, zlib.error on a cut member).
_WARC_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    ValueError,
    AttributeError,
    TypeError,
    KeyError,
    IndexError,
    zlib.error,
)


def read_warc(name: str, stream: IO[bytes], *, max_bytes: int) -> Iterator[Document | Skip]:
    """Every HTML page an archive holds, as a Document or a Skip with its reason.

    An archive gzipped whole (`gzip crawl.warc`) rather than record by record, which warcio
    refuses, is read again through one gzip stream, from the page where it stopped.
    """
    from warcio.exceptions import ArchiveLoadFailed

    passed: Counter[str] = Counter()
    done = 0
    pages = _pages(stream, passed, name, max_bytes)
    while True:
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                # warcio writes warnings about malformed records to stderr itself
                item = next(pages, None)
        except (ArchiveLoadFailed, *_WARC_ERRORS) as exc:
            if "non-chunked gzip" in str(exc) and stream.seekable():
                stream.seek(0)
                pages = itertools.islice(
                    _pages(gzip.GzipFile(fileobj=stream), passed, name, max_bytes), done, None
                )
                passed.clear()
                continue
            yield Skip(
                name, f"not a readable WARC archive ({_short(exc)}); the pages before it are kept"
            )
            return
        if item is None:
            break
        done += 1
        yield item
    if not done:
        counted = ", ".join(f"{n} {k}" for k, n in sorted(passed.items())) or "no records"
        yield Skip(name, f"the archive holds no HTML page response ({counted})")


def _pages(
    stream: IO[bytes] | gzip.GzipFile, passed: Counter[str], name: str, max_bytes: int
) -> Iterator[Document | Skip]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    for record in ArchiveIterator(stream):
        if not record.rec_type:
            raise ArchiveLoadFailed("a record has no WARC-Type")
        kind = _page_kind(record)
        if kind != "page":
            passed[kind] += 1
            continue
        yield _read_record(name, record, max_bytes=max_bytes)


def _page_kind(record: Any) -> str:
    if record.rec_type != "response":
        return f"{record.rec_type} record(s)"
    headers = record.http_headers
    if headers is None:
        return "response(s) without HTTP headers"
    status = headers.get_statuscode() or ""
    if not status.startswith("2"):
        return "non-2xx response(s)"
    content_type = (headers.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return "non-HTML response(s)"
    return "page"


def _read_record(name: str, record: Any, *, max_bytes: int) -> Document | Skip:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{name}#{url or record.rec_headers.get_header('WARC-Record-ID')}"
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return Skip(where, f"the page is over the {max_bytes:,}-byte limit (max_bytes)")
    charset = _charset(record.http_headers.get_header("Content-Type") or "")
    text, encoding = decode_declared(data, charset)
    if text is None:
        return Skip(where, "cannot decode the page: not UTF-8 and no text encoding fits it")
    item = read_html(where, text, {"url": url} if url else {})
    if isinstance(item, Skip):
        return item
    notes = list(item.notes) + list(encoding_note(encoding))
    crawled = record.rec_headers.get_header("WARC-Date")
    if item.published is None and crawled:
        day, _ = read_date(crawled)
        if day:
            item = replace(item, published=day)
            notes.append(
                f"the page gives no publication date: the crawl date {day} (WARC-Date) is used"
            )
    return replace(item, format="html", notes=tuple(notes))


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _short(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0][:120] if lines else type(exc).__name__
