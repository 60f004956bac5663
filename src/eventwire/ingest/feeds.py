"""RSS and Atom feeds (feedparser), from a file or a URL, and polite fetching of their pages.

``read_feed`` yields one ``Article`` per feed item: the item's own content, or with
``follow=True`` the page it links to, fetched by a ``PoliteFetcher``: a User-Agent naming
eventwire, a delay between two requests to the same host, timeouts, retries with exponential
backoff on timeouts, 429 and 5xx, and robots.txt respected (``urllib.robotparser``).
"""

from __future__ import annotations

import gzip
import logging
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
import httpx

from ..errors import BadUrlError, EmptyInputError, FetchError, InputError, MalformedInputError
from ..model import Article, doc_id_for
from . import Failure
from .web import USER_AGENT as _WEB_USER_AGENT

logger = logging.getLogger(__name__)

USER_AGENT = _WEB_USER_AGENT + " respects robots.txt"
_TAG = re.compile(r"<[a-zA-Z/][^>]*>")
_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: the URL asked for, where it ended up, its type and decoded text."""

    url: str
    final_url: str
    status: int
    content_type: str
    content: bytes

    @property
    def text(self) -> str:
        from trafilatura.utils import decode_file

        return str(decode_file(self.content))

    def looks_like_feed(self) -> bool:
        kind = self.content_type.split(";")[0].strip().lower()
        if kind in {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}:
            return True
        return bool(_FEED_START.match(self.content[:2048]))


class PoliteFetcher:
    """Fetches URLs the way a well-behaved crawler does. Thread-safe; one per ingest run.

    ``delay`` seconds between two requests to one host, ``timeout`` seconds per request,
    ``retries`` more attempts after a timeout, a connection error, 429 or 5xx, waiting
    ``backoff * 2**attempt`` seconds (or the server's ``Retry-After``, capped at 60 s).
    """

    def __init__(self, *, user_agent: str = USER_AGENT, delay: float = 1.0,
                 timeout: float = 20.0, retries: int = 3, backoff: float = 1.0,
                 respect_robots: bool = True) -> None:
        self.user_agent = user_agent
        self.delay = delay
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.respect_robots = respect_robots
        self._client = httpx.Client(headers={"User-Agent": user_agent}, timeout=timeout,
                                    follow_redirects=True)
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteFetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            due = self._last.get(host, 0.0) + self.delay
            self._last[host] = max(now, due)
        if due > now:
            time.sleep(due - now)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets eventwire fetch it."""
        if not self.respect_robots:
            return True
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        parser = self._robots.get(root)
        if parser is None:
            parser = RobotFileParser(root + "/robots.txt")
            try:
                self._wait_turn(parts.netloc)
                response = self._client.get(root + "/robots.txt")
                if response.status_code in (401, 403):
                    parser.disallow_all = True
                elif response.status_code >= 400:
                    parser.allow_all = True
                else:
                    parser.parse(response.text.splitlines())
            except httpx.HTTPError as err:
                logger.info("no robots.txt from %s (%s): allowed", root, err)
                parser.allow_all = True
            self._robots[root] = parser
        return parser.can_fetch(self.user_agent, url)

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` politely; raises ``FetchError`` when it cannot (robots, HTTP, timeout)."""
        try:
            parts = urlsplit(url)
            httpx.URL(url)
        except (ValueError, httpx.InvalidURL) as err:
            raise BadUrlError(f"not a valid URL ({err})", where=url) from None
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchError("only http and https URLs can be fetched", where=url)
        if not self.allowed(url):
            raise FetchError("robots.txt disallows fetching this page", where=url)
        host = urlsplit(url).netloc
        last_error = "no attempt"
        for attempt in range(self.retries + 1):
            self._wait_turn(host)
            wait = self.backoff * 2**attempt
            try:
                response = self._client.get(url)
            except httpx.TimeoutException:
                last_error = f"timed out after {self.timeout:g} s"
            except httpx.HTTPError as err:
                last_error = f"cannot connect ({type(err).__name__}: {err})"
            else:
                status = response.status_code
                if status < 400:
                    return Fetched(url, str(response.url), status,
                                   response.headers.get("content-type", ""), response.content)
                last_error = f"HTTP {status}"
                if status != 429 and status < 500:
                    break
                retry_after = response.headers.get("retry-after", "")
                if retry_after.isdigit():
                    wait = min(float(retry_after), 60.0)
            if attempt < self.retries:
                logger.info("fetching %s: %s; retrying in %.1f s", url, last_error, wait)
                time.sleep(wait)
        raise FetchError(f"cannot fetch: {last_error}", where=url)


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in {"http", "https"}


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    contents = entry.get("content") or []
    texts = [c.get("value", "") for c in contents if c.get("value")]
    return max(texts, key=len) if texts else entry.get("summary", "") or ""


def parse_feed(content: bytes, *, source: str, follow: bool = False,
               fetcher: PoliteFetcher | None = None) -> Iterator[Article | Failure]:
    """The items of a feed document; a document that is not a feed yields one ``Failure``."""
    feed = feedparser.parse(content)
    if not feed.entries:
        reason = feed.get("bozo_exception") or "no items"
        if feed.get("bozo") or not feed.get("version"):
            yield Failure(source, MalformedInputError(f"not an RSS or Atom feed ({reason})",
                                                      where=source))
        return
    if feed.get("bozo"):
        logger.warning("%s: feed is not well-formed (%s); reading what can be read",
                       source, feed.get("bozo_exception"))
    for number, entry in enumerate(feed.entries, 1):
        item = f"{source}#item{number}"
        link = entry.get("link") or None
        title = entry.get("title") or None
        published = _entry_date(entry)
        if follow and link:
            if fetcher is None:
                raise ValueError("follow=True needs a fetcher")
            try:
                page = fetcher.fetch(link)
            except FetchError as err:
                yield Failure(link, err)
                continue
            yield Article(id=doc_id_for("", page.final_url or link), raw=page.text,
                          content_type="html", url=page.final_url or link, title=title,
                          published=published, source=source)
            continue
        text = _entry_text(entry).strip()
        if not text:
            problem = "has no text" + ("" if link else " and no link")
            yield Failure(item, EmptyInputError(f"feed item {problem}", where=item))
            continue
        kind = "html" if _TAG.search(text) else "text"
        yield Article(id=doc_id_for(text, link), raw=text, content_type=kind, url=link,
                      title=title, published=published, source=source)


def read_feed(source: str | Path, *, follow: bool = False,
              fetcher: PoliteFetcher | None = None) -> Iterator[Article | Failure]:
    """The items of the RSS/Atom feed at ``source`` (a file, optionally .gz, or a URL)."""
    name = str(source)
    own_fetcher = None
    if fetcher is None and (follow or is_url(name)):
        fetcher = own_fetcher = PoliteFetcher()
    try:
        if is_url(name):
            assert fetcher is not None
            try:
                content = fetcher.fetch(name).content
            except FetchError as err:
                yield Failure(name, err)
                return
        else:
            try:
                content = Path(name).read_bytes()
                if content[:2] == b"\x1f\x8b":
                    content = gzip.decompress(content)
            except (OSError, EOFError) as err:
                yield Failure(name, InputError(f"cannot read the feed file: {err}", where=name))
                return
        yield from parse_feed(content, source=name, follow=follow, fetcher=fetcher)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()
