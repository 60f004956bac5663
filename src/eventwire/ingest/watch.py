"""Continuous monitoring: poll feeds, pages and folders; store what is new or changed.

Each cycle asks every URL with a conditional request (``If-None-Match`` with the ETag,
``If-Modified-Since`` with the Last-Modified the server gave last time) and looks at every
file's size and modification time; what changed goes through one ordinary ingest run, so a
story that changed becomes a new version and nothing is stored twice. What was seen of each
source is saved in the store (``watch_state``) only after its articles are stored: a watch
killed at any point and started again asks again for what it had not stored, and no more.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from ..config import Config
from ..errors import BadUrlError, EventwireError, FetchError, UsageError
from ..model import Article, doc_id_for
from ..store import Store
from . import Failure
from .run import IngestOptions, IngestSummary, NullReporter, Reporter, expand_sources, ingest

logger = logging.getLogger(__name__)

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> float:
    """``10m``, ``30s``, ``1h``, ``2d`` or plain seconds, as seconds."""
    found = _DURATION.match(value or "")
    if not found or float(found.group(1)) <= 0:
        raise UsageError(f"--every {value!r} is not a duration; give e.g. 30s, 10m, 1h")
    return float(found.group(1)) * _UNITS[found.group(2).lower()]


@dataclass
class Cycle:
    """What one cycle did: sources asked, changed, unchanged, failed; the run it stored."""

    number: int
    sources: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    summary: IngestSummary | None = None
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        s = self.summary
        stored = (f"{s.articles} new articles, {s.versions} new versions, {s.events} events, "
                  f"{s.errors} errors (run {s.run_id})") if s else "nothing to store"
        return (f"watch cycle {self.number}: {self.sources} sources, {self.changed} changed, "
                f"{self.unchanged} unchanged, {self.failed} failed; {stored}; "
                f"{self.seconds:.1f} s")


@dataclass
class _Change:
    """A source that changed: what to store, and the state to save once it is stored."""

    source: str
    items: list[tuple[str, Article | Failure]]
    state: dict[str, str | None]


def _signature(path: str) -> str:
    stat = os.stat(path)
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _check_url(url: str) -> None:
    try:
        parts = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as err:
        raise BadUrlError(f"not a valid URL ({err})", where=url) from None
    if parts.scheme not in {"http", "https"} or not parts.host:
        raise BadUrlError("not a valid http(s) URL", where=url)


class Watcher:
    """Polls ``sources`` every ``every`` seconds into the store of ``config``."""

    def __init__(self, sources: Sequence[str], *, config: Config,
                 options: IngestOptions | None = None, timeout: float = 20.0) -> None:
        self.sources = list(sources)
        self.config = config
        self.options = options or IngestOptions()
        self.store = Store(config.db)
        self.client = httpx.Client(timeout=timeout, follow_redirects=True, headers={
            "User-Agent": _user_agent()})

    def close(self) -> None:
        self.client.close()

    def run(self, every: float, *, cycles: int | None = None,
            log: Callable[[str], None] = print, reporter: Reporter | None = None,
            sleep: Callable[[float], None] = time.sleep) -> int:
        """Run cycles until ``cycles`` are done (forever when ``None``); returns how many."""
        number = 0
        while cycles is None or number < cycles:
            number += 1
            began = time.monotonic()
            cycle = self.cycle(number, reporter=reporter)
            log(cycle.line())
            if cycles is not None and number >= cycles:
                break
            sleep(max(0.0, every - (time.monotonic() - began)))
        return number

    def cycle(self, number: int, *, reporter: Reporter | None = None) -> Cycle:
        began = time.monotonic()
        cycle = Cycle(number)
        changes: list[_Change] = []
        for source in self._expanded():
            cycle.sources += 1
            try:
                change = self._poll(source)
            except EventwireError as err:
                cycle.failed += 1
                changes.append(_Change(source, [(source, Failure(source, err))], {}))
                continue
            if change is None:
                cycle.unchanged += 1
            else:
                cycle.changed += 1
                changes.append(change)
        if changes:
            items = [item for change in changes for item in change.items]
            cycle.summary = ingest([c.source for c in changes], config=self.config,
                                   options=self.options, items=items,
                                   reporter=reporter or NullReporter())
            for change in changes:  # stored: remember what was seen
                if change.state:
                    self.store.save_watch_state(change.source, **change.state)
        cycle.seconds = time.monotonic() - began
        return cycle

    def _expanded(self) -> Iterator[str]:
        for source in self.sources:
            if source[:8].lower().startswith(("http://", "https://")):
                yield source
            else:
                yield from expand_sources([source])

    def _poll(self, source: str) -> _Change | None:
        if source[:8].lower().startswith(("http://", "https://")):
            return self._poll_url(source)
        return self._poll_file(source)

    def _poll_file(self, path: str) -> _Change | None:
        from .run import read_source

        try:
            signature = _signature(path)
        except OSError as err:
            from ..errors import UnreadablePathError

            raise UnreadablePathError(f"cannot read: {err.strerror or err}", where=path) from None
        seen = self.store.watch_state(path)
        if seen is not None and seen["signature"] == signature:
            return None
        items = [(path, item) for item in read_source(path, config=self.config,
                                                     options=self.options)]
        return _Change(path, items, {"signature": signature})

    def _poll_url(self, url: str) -> _Change | None:
        from .feeds import Fetched, parse_feed

        _check_url(url)
        seen = self.store.watch_state(url) or {}
        headers = {}
        if seen.get("etag"):
            headers["If-None-Match"] = seen["etag"]
        if seen.get("last_modified"):
            headers["If-Modified-Since"] = seen["last_modified"]
        try:
            response = self.client.get(url, headers=headers)
        except httpx.TimeoutException:
            raise FetchError("no answer in time", where=url) from None
        except httpx.HTTPError as err:
            raise FetchError(f"cannot fetch ({type(err).__name__}: {err})", where=url) from None
        if response.status_code == 304:
            return None
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code}", where=url)
        state = {"etag": response.headers.get("etag"),
                 "last_modified": response.headers.get("last-modified")}
        page = Fetched(url, str(response.url), response.status_code,
                       response.headers.get("content-type", ""), response.content)
        if page.looks_like_feed():
            items: list[tuple[str, Article | Failure]] = [
                (url, item) for item in parse_feed(page.content, source=url)]
        else:
            items = [(url, Article(id=doc_id_for("", page.final_url), raw=page.text,
                                   content_type="html", url=page.final_url, source=url))]
        if not state["etag"] and not state["last_modified"]:
            state["signature"] = doc_id_for(response.text)  # no validators: compare content
            if seen.get("signature") == state["signature"]:
                return None
        return _Change(url, items, state)


def _user_agent() -> str:
    from .web import USER_AGENT

    return USER_AGENT


def watch(sources: Sequence[str], *, config: Config, every: float,
          cycles: int | None = None, options: IngestOptions | None = None,
          log: Callable[[str], None] = print, **kw: Any) -> int:
    """Poll ``sources`` every ``every`` seconds; one line per cycle to ``log``."""
    if not sources:
        raise UsageError("watch needs at least one feed, page, file or folder")
    watcher = Watcher(sources, config=config, options=options)
    try:
        return watcher.run(every, cycles=cycles, log=log, **kw)
    finally:
        watcher.close()


__all__ = ["Cycle", "Watcher", "parse_every", "watch"]
