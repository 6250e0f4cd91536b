"""Fetching pages, feeds and sitemaps over HTTP(S), politely and with limits.

One `Fetcher` serves a build: it names itself (`User-Agent: storyline/VERSION`), waits
`delay` seconds between two requests to the same host, gives up after `timeout` seconds and
reads at most `max_bytes` of a response. Every failure is a `Skip` with its reason (the HTTP
status, the network error, the limit), never an exception. robots.txt is not read: storyline
fetches only the addresses it is given and the links of the feeds and sitemaps it is given.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from storyline.model import Skip

_URL = re.compile(r"^https?://[^\s/]+", re.I)
_VERSION = "0.1.0"
# Characters an address keeps as they are; others (spaces, non-ASCII letters) are %-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


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


@dataclass
class Fetcher:
    """Fetches addresses for one build (see the module doc); `fetch` never raises."""

    timeout: float = 20.0
    delay: float = 1.0
    max_bytes: int = 5_000_000
    user_agent: str = f"storyline/{_VERSION} (news dossier builder)"
    _last: dict[str, float] = field(default_factory=dict)

    def fetch(self, url: str) -> Fetched | Skip:
        """The response to GET `url`, or a Skip saying why there is none."""
        host = urlsplit(url).netloc.lower()
        if not host:
            return Skip(url, "not a web address storyline can fetch (no host)")
        self._wait(host)
        address = quote(url, safe=_URL_SAFE)
        request = urllib.request.Request(
            address, headers={"User-Agent": self.user_agent, "Accept": "*/*"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data = response.read(self.max_bytes + 1)
                final = response.geturl()
                content_type = response.headers.get_content_type()
                charset = response.headers.get_content_charset()
        except urllib.error.HTTPError as exc:
            return Skip(url, f"the server answered HTTP {exc.code} ({exc.reason})")
        except urllib.error.URLError as exc:
            return Skip(url, f"cannot fetch the page ({exc.reason}); check the address")
        except (TimeoutError, OSError, ValueError, http.client.HTTPException) as exc:
            return Skip(url, f"cannot fetch the page ({exc or type(exc).__name__})")
        finally:
            self._last[host] = time.monotonic()
        if len(data) > self.max_bytes:
            return Skip(url, f"the response is over the {self.max_bytes:,}-byte limit (max_bytes)")
        return Fetched(final, content_type, data, charset)

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None and self.delay > 0:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
