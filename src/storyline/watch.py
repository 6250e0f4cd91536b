"""`storyline watch`: follow feeds and sitemaps, keep every article they list, rebuild the story.

Each poll reads every feed or sitemap given (an address, fetched, or a file on disk, read
again each time), fetches the articles it lists that are not kept yet, and keeps each one in
`DIR/fetched/` as `NNNNN-SLUG.html` (or `.txt`) with a `.meta.json` sidecar holding the item's
metadata (url, title, published, authors, outlet): the page as the build reads any HTML file,
the sidecar's keys over the page's own (files.py reads sidecars). A feed drops its old items;
the folder keeps them, so the story never loses an article. What is kept is known from the
sidecars' `url`, so a watch stopped and started again fetches nothing twice. Then `DIR` is
built from `DIR/fetched/` by the caller's `rebuild` (the `build` command itself, see cli.py).

Fetching is ingest's `Fetcher` (its timeout, robots.txt and per-host delay), one per poll, so
a changed robots.txt is read again. A feed that cannot be fetched or read, and an article that
cannot be fetched, is one line and the watch goes on; an article that failed is tried again
at the next poll (it is not kept). At most `MAX_NEW` articles are fetched in one poll (a
sitemap may list thousands); the others wait for the next polls.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from storyline.errors import StorylineError
from storyline.model import Skip
from storyline.stages.ingest.encoding import decode_declared
from storyline.stages.ingest.feeds import Link, Listing, read_listing, xml_kind
from storyline.stages.ingest.fetch import Fetched, Fetcher, is_url
from storyline.stages.ingest.files import gunzip_small
from storyline.store.files import write_text

FETCHED = "fetched"
SIDECAR = ".meta.json"
# Articles fetched in one poll at most, and the sitemaps of one index read.
MAX_NEW = 100
MAX_SITEMAPS = 20
_SUFFIXES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_NUMBERED = re.compile(r"^(\d{5,})-")
_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 60
# How a build that knows the last one starts its line saying what changed.
_SINCE = "since the last build:"

# The build of `DIR` from `DIR/fetched/`: (folder, out_dir) -> the lines the build printed.
Rebuild = Callable[[Path, Path], str]


@dataclass(frozen=True, slots=True)
class Poll:
    """What one poll did: its number, the articles it kept, the report, one line per problem.

    `report` is None when nothing was built (no article kept yet, or the build failed);
    `rebuilt` is False when nothing was new and the last build's report still stands; `since`
    is the build's own "since the last build: ..." summary when it printed one.
    """

    number: int
    new: int
    kept: int
    report: Path | None
    rebuilt: bool
    problems: tuple[str, ...]
    since: str | None = None

    def line(self) -> str:
        """The poll's one line: how many new articles, what changed, and the report path."""
        where = "no report yet" if self.report is None else f"report: {self.report}"
        unchanged = "" if self.rebuilt or self.report is None else " (unchanged)"
        since = f"; {self.since}" if self.since else ""
        return (
            f"poll {self.number}: {self.new} new article(s), {self.kept} kept{since}; "
            f"{where}{unchanged}"
        )


def watch(
    sources: Sequence[str],
    out_dir: Path,
    *,
    rebuild: Rebuild,
    every: float,
    polls: int | None = None,
    max_bytes: int = 5_000_000,
    on_poll: Callable[[Poll], None] = lambda poll: None,
    sleep: Callable[[float], None] = time.sleep,
    fetcher: Callable[[], Fetcher] | None = None,
) -> int:
    """Poll `sources` every `every` minutes (`polls` times, or until interrupted); return the
    number of polls. `on_poll` is handed each poll as it ends; `fetcher` makes each poll's
    Fetcher (tests pass one with no delay)."""
    number = 0
    while polls is None or number < polls:
        number += 1
        started = time.monotonic()
        made = fetcher() if fetcher is not None else Fetcher(max_bytes=max_bytes)
        on_poll(poll(sources, out_dir, number=number, rebuild=rebuild, fetcher=made))
        if polls is not None and number >= polls:
            break
        sleep(max(0.0, every * 60 - (time.monotonic() - started)))
    return number


def poll(
    sources: Sequence[str], out_dir: Path, *, number: int, rebuild: Rebuild, fetcher: Fetcher
) -> Poll:
    """One poll: list, fetch what is new, keep it, rebuild `out_dir` if anything changed."""
    folder = out_dir / FETCHED
    folder.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    links = _new_links(sources, kept_urls(folder), fetcher, problems)
    if len(links) > MAX_NEW:
        problems.append(
            f"{len(links) - MAX_NEW} more new link(s) wait for the next poll: a poll fetches "
            f"at most {MAX_NEW}"
        )
        links = links[:MAX_NEW]
    saved: list[Path] = []
    results = fetcher.fetch_all([link.url for link in links])
    for link, fetched in zip(links, results, strict=True):
        kept = _keep(folder, link, fetched)
        if isinstance(kept, Path):
            saved.append(kept)
        else:
            problems.append(f"skipped: {link.url}: {kept}")
    total = sum(1 for _ in _pages(folder))
    report = _report(out_dir)
    rebuilt = False
    since: str | None = None
    if total and (saved or report is None):
        try:
            said = rebuild(folder, out_dir)
        except StorylineError as exc:
            problems.append(f"the build failed: {exc}")
            report = None
        else:
            rebuilt = True
            problems.extend(_about(said, saved))
            since = next((x.strip() for x in said.splitlines() if x.startswith(_SINCE)), None)
            report = _report(out_dir)
    return Poll(number, len(saved), total, report, rebuilt, tuple(problems), since)


def kept_urls(folder: Path) -> set[str]:
    """The addresses of the articles kept in `folder` (their sidecars' `url`)."""
    urls: set[str] = set()
    for sidecar in sorted(folder.glob(f"*{SIDECAR}")):
        try:
            value = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            continue
        url = value.get("url") if isinstance(value, dict) else None
        if isinstance(url, str) and url:
            urls.add(url)
    return urls


def _new_links(
    sources: Sequence[str], kept: set[str], fetcher: Fetcher, problems: list[str]
) -> list[Link]:
    """The links of every source not kept yet, in the sources' order, each once."""
    found: dict[str, Link] = {}
    for source in sources:
        for listing in _listings(source, fetcher, problems):
            for link in listing.links:
                if is_url(link.url) and link.url not in kept:
                    found.setdefault(link.url, link)
    return list(found.values())


def _listings(source: str, fetcher: Fetcher, problems: list[str]) -> list[Listing]:
    """The feed or sitemap `source` names, and an index's sitemaps (one level)."""
    listing = _read_source(source, fetcher, problems)
    if listing is None:
        return []
    listings = [listing]
    for url in listing.sitemaps[:MAX_SITEMAPS]:
        nested = _read_source(url, fetcher, problems, nested=True)
        if nested is not None:
            listings.append(Listing(nested.kind, nested.links))
    if len(listing.sitemaps) > MAX_SITEMAPS:
        problems.append(
            f"{source}: {len(listing.sitemaps) - MAX_SITEMAPS} more sitemap(s) not read: an "
            f"index is read up to its first {MAX_SITEMAPS}"
        )
    return listings


def _read_source(
    source: str, fetcher: Fetcher, problems: list[str], *, nested: bool = False
) -> Listing | None:
    base: str | None = None
    if is_url(source):
        fetched = fetcher.fetch(source)
        if isinstance(fetched, Skip):
            problems.append(
                f"cannot read the feed {source}: {fetched.reason}; tried again next poll"
            )
            return None
        data, base = fetched.data, fetched.url
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            problems.append(f"cannot read the feed {source}: {exc.strerror or exc}")
            return None
    unpacked = gunzip_small(data, fetcher.max_bytes)
    listing = read_listing(unpacked, base) if unpacked is not None else None
    if listing is None:
        what = (
            "a sitemap (listed in the sitemap index)" if nested else "an RSS/Atom feed or sitemap"
        )
        problems.append(f"cannot read the feed {source}: not {what}")
    return listing


def _keep(folder: Path, link: Link, fetched: Fetched | Skip) -> Path | str:
    """Write the article's page and sidecar into `folder`; its path, or why it is not kept."""
    if isinstance(fetched, Skip):
        if not link.html:
            return fetched.reason
        # the feed carries the item's own text: kept instead, as files.py reads it
        page = f"<html><body><article>{link.html}</article></body></html>"
        return _write(folder, link, page, ".html")
    if xml_kind(fetched.data):
        return "a feed or sitemap listed as an article; not followed"
    suffix = _SUFFIXES.get(fetched.content_type)
    if suffix is None and _HTML_START.match(fetched.data[:4096]):
        suffix = ".html"
    if suffix is None:
        return f"not an article page (media type {fetched.content_type})"
    text, _ = decode_declared(fetched.data, fetched.charset)
    if text is None:
        return "cannot decode the page: not UTF-8 and no text encoding fits it"
    return _write(folder, link, text, suffix)


def _write(folder: Path, link: Link, text: str, suffix: str) -> Path:
    """The page, then its sidecar (what marks it kept): a watch killed between the two
    fetches the page again rather than keeping a sidecar with no page."""
    path = folder / f"{_next_number(folder):05d}-{_slug(link.url)}{suffix}"
    write_text(path, text)
    fields: dict[str, Any] = {**link.fields, "url": link.url}
    write_text(
        path.with_name(path.name + SIDECAR),
        json.dumps(fields, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
    )
    return path


def _next_number(folder: Path) -> int:
    numbers = [int(m.group(1)) for p in folder.iterdir() if (m := _NUMBERED.match(p.name))]
    return max(numbers, default=0) + 1


def _slug(url: str) -> str:
    parts = urlsplit(url)
    name = PurePosixPath(parts.path).stem or parts.netloc
    return _SLUG.sub("-", name.lower()).strip("-")[:_MAX_SLUG].strip("-") or "article"


def _pages(folder: Path) -> Iterable[Path]:
    return (p for p in folder.iterdir() if p.is_file() and not p.name.endswith(SIDECAR))


def _report(out_dir: Path) -> Path | None:
    """The report a build of `out_dir` wrote: report.html for one story, else index.html."""
    stories = out_dir / "stories.json"
    try:
        count = len(json.loads(stories.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, TypeError):
        return None
    report = out_dir / ("report.html" if count == 1 else "index.html")
    return report if report.is_file() else None


def _about(said: str, saved: Sequence[Path]) -> list[str]:
    """The build's lines about the articles this poll kept (its skips and notes)."""
    names = [str(p) for p in saved]
    return [
        line.strip()
        for line in said.splitlines()
        if line.strip() and any(name in line for name in names)
    ]
