"""Fetching pages, feeds and sitemaps over HTTP(S), politely and with limits.

One `Fetcher` serves a build: it names itself (`User-Agent: storyline/VERSION`), reads each
host's robots.txt once (`urllib.robotparser`) and does not fetch an address it disallows for
storyline, waits `delay` seconds between two requests to the same host (longer when robots.txt
asks for a `Crawl-delay`, up to `max_delay`), gives up after `timeout` seconds and reads at most
`max_bytes` of a response. `fetch_all` fetches several hosts at once, at most `workers` of
them, each host's addresses one after the other. Every failure is a `Skip` with its reason
(robots.txt, the HTTP status, the network error, the limit), never an exception.

robots.txt as RFC 9309 reads it: a missing one (HTTP 4xx) allows everything, one the server
fails to give (HTTP 5xx) allows nothing; one that cannot be reached at all leaves the page's
own request to say why.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit
from urllib.robotparser import RobotFileParser

from storyline.model import Skip

_URL = re.compile(r"^https?://[^\s/]+", re.I)
_VERSION = "0.1.0"
# Characters an address keeps as they are; others (spaces, non-ASCII letters) are %-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
_ROBOTS_BYTES = 500_000  # RFC 9309 asks a crawler to read at least 500 KiB of robots.txt


def is_url(value: str) -> bool:
    """Whether an input names an http(s) address rather than a path."""
    return bool(_URL.match(value))


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: its final address (after redirects), its media type and its bytes."""

    url: str
    content_type: str
    data: bytes
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class _Failed:
    """A request that got no page: why, and the HTTP status when the server answered."""

    reason: str
    status: int | None = None


@dataclass
class Fetcher:
    """Fetches addresses for one build (see the module doc); `fetch` never raises."""

    timeout: float = 20.0
    delay: float = 1.0
    max_bytes: int = 5_000_000
    user_agent: str = f"storyline/{_VERSION} (news dossier builder)"
    workers: int = 4
    robots: bool = True
    max_delay: float = 30.0
    _last: dict[str, float] = field(default_factory=dict)
    # robots.txt by scheme and host: its rules, or a reason every address there is refused
    _rules: dict[str, RobotFileParser | str | None] = field(default_factory=dict)
    _pauses: dict[str, float] = field(default_factory=dict)  # robots.txt's Crawl-delay
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def fetch(self, url: str) -> Fetched | Skip:
        """The response to GET `url`, or a Skip saying why there is none."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if not host:
            return Skip(url, "not a web address storyline can fetch (no host)")
        if self.robots:
            refused = self._refused(f"{parts.scheme.lower()}://{host}", host, url)
            if refused is not None:
                return Skip(url, refused)
        got = self._get(url, host, self.max_bytes)
        if isinstance(got, _Failed):
            return Skip(url, got.reason)
        if len(got.data) > self.max_bytes:
            return Skip(url, f"the response is over the {self.max_bytes:,}-byte limit (max_bytes)")
        return got

    def fetch_all(self, urls: Sequence[str]) -> list[Fetched | Skip]:
        """`fetch` of each address, in the order given: the hosts at the same time (at most
        `workers` at once), the addresses of one host one after the other, `delay` apart."""
        by_host: dict[str, list[int]] = {}
        for index, url in enumerate(urls):
            by_host.setdefault(urlsplit(url).netloc.lower(), []).append(index)
        results: list[Fetched | Skip | None] = [None] * len(urls)

        def fetch_host(indices: list[int]) -> None:
            for index in indices:
                results[index] = self.fetch(urls[index])

        groups = list(by_host.values())
        if self.workers <= 1 or len(groups) <= 1:
            for indices in groups:
                fetch_host(indices)
        else:
            with ThreadPoolExecutor(max_workers=min(self.workers, len(groups))) as pool:
                list(pool.map(fetch_host, groups))
        return [
            r if r is not None else Skip(u, "not fetched")
            for r, u in zip(results, urls, strict=True)
        ]

    def _refused(self, site: str, host: str, url: str) -> str | None:
        """Why robots.txt forbids `url`, or None when it allows it."""
        with self._lock:
            known = site in self._rules
            rules = self._rules.get(site)
        if not known:
            rules = self._read_robots(site, host)
            with self._lock:
                self._rules[site] = rules
        if isinstance(rules, str):
            return rules
        if rules is not None and not rules.can_fetch(self.user_agent, url):
            return f"robots.txt of {host} disallows this address for storyline; not fetched"
        return None

    def _read_robots(self, site: str, host: str) -> RobotFileParser | str | None:
        got = self._get(f"{site}/robots.txt", host, _ROBOTS_BYTES)
        if isinstance(got, _Failed):
            if got.status is not None and got.status >= 500:
                return (
                    f"robots.txt of {host} could not be read (HTTP {got.status}): "
                    "nothing is fetched from that host"
                )
            return None  # missing (4xx) or unreachable: the page's own request says why
        rules = RobotFileParser()
        rules.parse(got.data[:_ROBOTS_BYTES].decode("utf-8", errors="replace").splitlines())
        pause = rules.crawl_delay(self.user_agent)
        if pause is not None:
            with self._lock:
                self._pauses[host] = min(float(pause), self.max_delay)
        return rules

    def _get(self, url: str, host: str, limit: int) -> Fetched | _Failed:
        self._wait(host)
        address = quote(url, safe=_URL_SAFE)
        request = urllib.request.Request(
            address, headers={"User-Agent": self.user_agent, "Accept": "*/*"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data = response.read(limit + 1)
                final = response.geturl()
                content_type = response.headers.get_content_type()
                charset = response.headers.get_content_charset()
        except urllib.error.HTTPError as exc:
            return _Failed(f"the server answered HTTP {exc.code} ({exc.reason})", exc.code)
        except urllib.error.URLError as exc:
            return _Failed(f"cannot fetch the page ({exc.reason}); check the address")
        except (TimeoutError, OSError, ValueError, http.client.HTTPException) as exc:
            return _Failed(f"cannot fetch the page ({exc or type(exc).__name__})")
        finally:
            with self._lock:
                self._last[host] = time.monotonic()
        return Fetched(final, content_type, data, charset)

    def _wait(self, host: str) -> None:
        with self._lock:
            last = self._last.get(host)
            delay = max(self.delay, self._pauses.get(host, 0.0))
        if last is not None and delay > 0:
            pause = delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
