"""RSS/Atom feeds and XML sitemaps: the article links they list, with the items' metadata.

Feeds are parsed by feedparser (RSS 0.9x-2.0, RSS 1.0/RDF, Atom), always from bytes so that
it never fetches anything itself; sitemaps (`<urlset>`, `<sitemapindex>`, with the Google News
extension's title and publication date) by lxml with entities and network access off. What to
fetch, and the fetching, is `files.py`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urljoin

XmlKind = Literal["feed", "sitemap"]
# The root element, after an optional BOM, XML declaration, processing instructions, comments
# and doctype: a feed or sitemap is known by its first element, not by a mention further on.
_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"
    rb"<\s*(?:[\w-]+:)?(rss|feed|RDF|urlset|sitemapindex)\b",
    re.S,
)
_EMAIL_NAME = re.compile(r"^\S+@\S+\s+\((.+)\)$")


@dataclass(frozen=True, slots=True)
class Link:
    """An article a feed or sitemap lists: its address and the metadata given with it.

    `html` is the item's own text (a feed's `content:encoded` or a long summary), read when
    the page itself cannot be fetched.
    """

    url: str
    fields: dict[str, Any] = field(default_factory=dict)
    html: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """What a feed or sitemap gives: article links and (sitemap indexes) further sitemaps."""

    kind: XmlKind
    links: tuple[Link, ...]
    sitemaps: tuple[str, ...] = ()
    title: str | None = None


def xml_kind(data: bytes) -> XmlKind | None:
    """ "feed" or "sitemap" from the root element in the first 4 KB, None for other XML."""
    match = _ROOT.match(data[:4096])
    if not match:
        return None
    return "sitemap" if match.group(1) in (b"urlset", b"sitemapindex") else "feed"


def read_listing(data: bytes, base: str | None = None) -> Listing | None:
    """The feed or sitemap in `data`, or None when it is neither (or unreadable); relative
    links are resolved against `base`, the address it came from."""
    kind = xml_kind(data)
    if kind == "feed":
        return _read_feed(data, base)
    if kind == "sitemap":
        return _read_sitemap(data, base)
    return None


def _read_feed(data: bytes, base: str | None) -> Listing | None:
    import feedparser

    headers = {"content-location": base} if base else None
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        return None
    outlet = parsed.feed.get("title")
    links = []
    for entry in parsed.entries:
        url = entry.get("link") or ""
        fields: dict[str, Any] = {
            "title": entry.get("title"),
            # dict.get: feedparser's own get maps a missing "published" to "updated", warning
            "published": dict.get(entry, "published") or dict.get(entry, "updated"),
            "authors": _feed_authors(entry),
            "url": url or None,
            "outlet": outlet,
        }
        html = None
        contents = entry.get("content") or []
        if contents and isinstance(contents[0], dict):
            html = contents[0].get("value")
        summary = entry.get("summary")
        if not html and isinstance(summary, str) and len(summary) >= 500:
            html = summary
        if url or html:
            links.append(Link(url, {k: v for k, v in fields.items() if v}, html or None))
    return Listing("feed", tuple(links), title=outlet)


def _feed_authors(entry: Any) -> list[str]:
    names: list[str] = []
    for author in entry.get("authors") or []:
        name = author.get("name") if isinstance(author, dict) else None
        if not isinstance(name, str):
            continue
        match = _EMAIL_NAME.match(name.strip())
        name = match.group(1) if match else name
        if "@" not in name and name.strip():
            names.append(name.strip())
    return names


def _read_sitemap(data: bytes, base: str | None) -> Listing | None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    links: list[Link] = []
    sitemaps: list[str] = []
    index = etree.QName(root).localname == "sitemapindex"
    for node in root:
        if not isinstance(node.tag, str):
            continue
        values = _children(node)
        loc = values.get("loc", "").strip()
        loc = urljoin(base, loc) if base and loc else loc
        if not loc:
            continue
        if index:
            sitemaps.append(loc)
            continue
        fields = {
            "title": values.get("title"),
            "published": values.get("publication_date") or values.get("lastmod"),
            "outlet": values.get("name"),
            "url": loc,
        }
        links.append(Link(loc, {k: v for k, v in fields.items() if v}))
    return Listing("sitemap", tuple(links), tuple(sitemaps))


def _children(node: Any) -> dict[str, str]:
    """The text of every element under `node` by local name (news:title -> "title")."""
    from lxml import etree

    values: dict[str, str] = {}
    for child in node.iter():
        if child is node or not isinstance(child.tag, str):
            continue
        text = (child.text or "").strip()
        if text:
            values.setdefault(etree.QName(child).localname, text)
    return values
