"""A cache of event pages, kept current by the store's generation.

``GET /api/events`` answers the same few queries over and over (a dashboard's default view,
a country, a type), and a page costs a few milliseconds of SQL and JSON where a stored answer
costs a dictionary look-up. ``PageCache`` is a plain ASGI middleware in front of the app:

- the key is the query string, its parameters in a stable order by name (``a=1&b=2`` and
  ``b=2&a=1`` are one key; repeated names keep their order, since the last one wins);
- each answer is stored with the store's generation (``store_generation.n``, which triggers
  raise in the transaction of every write to events, reviews and articles: migration 0005),
  read *before* the app reads the data; a stored answer serves only while the generation is
  the one it was stored under. A write commits its data and the new generation together, so
  the first read after a review (from any process) sees a new generation and goes to the
  database: a review is read back at once, with the cache and with several server processes;
- only answers of 200 are stored, so a query that fails never serves from the cache;
- reads keyed by API key are not cached here (a cached answer would skip the key check);
- a page not held is read without FastAPI's machinery when its query is plain
  (``api/direct.py``), and its items' JSON is kept for the same generation
  (``queries.ItemCache``): another page listing the same events reads only the others.

Reading the generation costs a few microseconds on SQLite (its own connection, on the event
loop) and one round trip on PostgreSQL, shared by the requests that arrive while it is under
way: they wait for the next read to *start* (not one already in flight, which may predate a
write their client has seen committed).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import parse_qsl

from anyio import to_thread
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .queries import EventState, ItemCache

logger = logging.getLogger(__name__)

_GENERATION_SQL = "SELECT n FROM store_generation WHERE id = 1"
CACHE_HEADER = b"x-eventwire-cache"
# past this many changed events (or generations) a cache drops everything: cheaper than
# testing each page against each event
MAX_CHANGES = 200
_CHANGES_SQL = ("SELECT n, event_id FROM store_changes WHERE n > {p} AND n <= {p} "
                "ORDER BY n LIMIT {p}")
_STATES_SQL = ("SELECT e.id, e.country, e.admin1, e.type, e.acled_event_type, e.status, "
               "e.actor, e.recipient, e.actor_text, e.recipient_text, e.date, e.lat, e.lon, "
               "e.evidence, r.state FROM events e LEFT JOIN event_reviews r "
               "ON r.event_id = e.id WHERE {ids}")


def changed_ids(rows: list[tuple[int, str | None]], old: int, new: int) -> set[str] | None:
    """The events changed from generation ``old`` to ``new``, from ``store_changes`` rows
    of that span; ``None`` when something else changed too (a generation without a row, or
    with a NULL one: an article, an inserted or deleted event) or too much changed."""
    if new - old > MAX_CHANGES or len(rows) > MAX_CHANGES:
        return None
    if {n for n, _ in rows} != set(range(old + 1, new + 1)):
        return None
    ids = {event_id for _, event_id in rows}
    if None in ids:
        return None
    return ids  # type: ignore[return-value]


def event_states(ids: set[str], rows: list[tuple[Any, ...]]) -> list[EventState]:
    """``EventState`` of each of ``ids`` from rows of ``_STATES_SQL``; an id without a row
    (deleted) has one with no fields."""
    out = []
    for (event_id, country, admin1, type_, acled, status, actor, recipient, actor_text,
         recipient_text, day, lat, lon, evidence, state) in rows:
        if isinstance(day, str):  # SQLite: ISO text
            day = date.fromisoformat(day[:10])
        out.append(EventState(
            id=event_id, country=country, admin1=admin1, type=type_, acled_event_type=acled,
            status=status, actor=actor, recipient=recipient, actor_text=actor_text,
            recipient_text=recipient_text, date=day, lat=lat, lon=lon, evidence=evidence,
            review_state=state))
    found = {state.id for state in out}
    return out + [EventState(id=event_id) for event_id in sorted(ids - found)]


class SqliteGeneration:
    """The generation read on a connection of its own (a few microseconds: no thread hop)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    async def current(self) -> int:
        with self._lock:
            if self._conn is None:
                # autocommit: every read sees the newest commit
                self._conn = sqlite3.connect(self.path, check_same_thread=False,
                                             isolation_level=None)
            # fetchall steps the statement to its end, which ends its read transaction
            [(value,)] = self._conn.execute(_GENERATION_SQL).fetchall()
        return int(value)

    async def changes(self, old: int, new: int) -> list[EventState] | None:
        """The events changed from generation ``old`` to ``new``, as they stand now; ``None``
        when something else changed too (``changed_ids``)."""
        with self._lock:
            if self._conn is None:
                return None
            rows = self._conn.execute(_CHANGES_SQL.format(p="?"),
                                      (old, new, MAX_CHANGES + 1)).fetchall()
            ids = changed_ids(rows, old, new)
            if ids is None:
                return None
            marks = ",".join("?" * len(ids))
            states = self._conn.execute(_STATES_SQL.format(ids=f"e.id IN ({marks})"),
                                        sorted(ids)).fetchall()
        return event_states(ids, states)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class PostgresGeneration:
    """The generation read on an async connection of its own; concurrent callers share the
    next read to start."""

    def __init__(self, conninfo: str) -> None:
        self.conninfo = conninfo
        self._conn: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._next: asyncio.Future[int] | None = None
        self._reading = False
        self._task: asyncio.Task[None] | None = None  # held: the loop keeps weak references

    async def current(self) -> int:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # a new event loop (tests): a new connection for it
            self._loop, self._conn, self._next, self._reading = loop, None, None, False
        if self._next is None:
            self._next = loop.create_future()
        waiter = self._next
        if not self._reading:
            self._reading = True
            self._task = loop.create_task(self._read_while_asked())
        return await waiter

    async def _read_while_asked(self) -> None:
        try:
            while self._next is not None:
                waiter, self._next = self._next, None
                try:
                    value = await self._read()
                except Exception as err:  # handed to the waiters
                    self._conn = None
                    if not waiter.done():
                        waiter.set_exception(err)
                    continue
                if not waiter.done():
                    waiter.set_result(value)
        finally:
            self._reading = False

    async def _read(self) -> int:
        import psycopg

        if self._conn is None or self._conn.closed:
            self._conn = await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True,
                                                               connect_timeout=10)
        cursor = await self._conn.execute(_GENERATION_SQL)
        row = await cursor.fetchone()
        return int(row[0])

    async def changes(self, old: int, new: int) -> list[EventState] | None:
        """The events changed from generation ``old`` to ``new``, as they stand now; ``None``
        when something else changed too (``changed_ids``)."""
        if self._conn is None or self._conn.closed:
            return None
        cursor = await self._conn.execute(_CHANGES_SQL.format(p="%s"),
                                          (old, new, MAX_CHANGES + 1))
        ids = changed_ids(list(await cursor.fetchall()), old, new)
        if ids is None:
            return None
        cursor = await self._conn.execute(_STATES_SQL.format(ids="e.id = ANY(%s)"),
                                          (sorted(ids),))
        return event_states(ids, list(await cursor.fetchall()))


def generation_reader(engine: Engine) -> SqliteGeneration | PostgresGeneration | None:
    """The generation reader for ``engine``'s database; ``None`` where there is none (an
    in-memory SQLite database, another dialect)."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        return SqliteGeneration(url.database)
    if url.get_backend_name() == "postgresql":
        return PostgresGeneration(url.set(drivername="postgresql")
                                  .render_as_string(hide_password=False))
    return None


def cache_key(query_string: bytes) -> str:
    """The query's parameters in a stable order by name (repeated names keep theirs)."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    pairs.sort(key=lambda pair: pair[0])
    return "&".join(f"{name}={value}" for name, value in pairs)


class PageCache:
    """Answers ``GET`` of ``paths`` from memory while the store's generation stands still."""

    def __init__(self, app: ASGIApp, *, reader: SqliteGeneration | PostgresGeneration | None,
                 max_bytes: int, paths: tuple[str, ...] = ("/api/events",),
                 direct: Callable[[bytes], Callable[[int, ItemCache], Any] | None] | None = None
                 ) -> None:
        self.app = app
        self.reader = reader
        self.direct = direct
        # the items of pages read directly, for pages not read yet that list them too
        self.items = ItemCache(max_bytes)
        self.max_bytes = max_bytes
        self.paths = paths
        self.pages = Pages(max_bytes)
        # pages being read directly, by key and generation: the others asking wait for them
        self.flights: dict[tuple[tuple[str, str], int], asyncio.Future[bytes | None]] = {}
        self.hits = self.misses = 0
        # the newest generation the stored pages and items were brought to, and the catch-up
        # under way (its target and its end)
        self.known: int | None = None
        self._catching_up: tuple[int, asyncio.Future[None]] | None = None
        self.kept_over_writes = self.dropped_over_writes = 0  # pages, over catch-ups

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (self.reader is None or self.max_bytes <= 0 or scope["type"] != "http"
                or scope["method"] != "GET" or scope["path"] not in self.paths):
            await self.app(scope, receive, send)
            return
        try:
            generation = await self.reader.current()
        except Exception as err:  # the app answers as without a cache
            logger.warning("store generation unreadable, page not cached: %s", err)
            await self.app(scope, receive, send)
            return
        if self.known is None or generation > self.known:
            await self._catch_up(generation)
        key = (scope["path"], cache_key(scope.get("query_string", b"")))
        stored = self.pages.get(key, generation)
        if stored is not None:
            self.hits += 1
            await send({"type": "http.response.start", "status": 200,
                        "headers": [*stored[1], (CACHE_HEADER, b"hit")]})
            await send({"type": "http.response.body", "body": stored[2]})
            return
        self.misses += 1
        body = await self._read_once(key, generation, scope.get("query_string", b""))
        if body is not None:
            headers = [(b"content-length", str(len(body)).encode()),
                       (b"content-type", b"application/json")]
            await send({"type": "http.response.start", "status": 200,
                        "headers": [*headers, (CACHE_HEADER, b"miss")]})
            await send({"type": "http.response.body", "body": body})
            return
        await self._answer_and_keep(scope, receive, send, key, generation)

    async def _catch_up(self, generation: int) -> None:
        """Bring the stored pages and items to ``generation``: when the writes since the
        generation they stand for changed only some events (a review, an edit), the pages
        that may show them go and the others stand for ``generation``; else all go (they
        stay stored under their old generation, which no longer serves). Requests that see
        a generation being caught up to wait for it."""
        while self.known is None or generation > self.known:
            under_way = self._catching_up
            if under_way is not None:
                await asyncio.shield(under_way[1])
                continue
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._catching_up = (generation, done)
            try:
                await self._advance(generation)
            finally:
                self._catching_up = None
                done.set_result(None)

    async def _advance(self, generation: int) -> None:
        old = self.known
        try:
            if old is not None and self.reader is not None:
                await self._keep_unchanged(old, generation)
        finally:
            self.known = generation if old is None else max(old, generation)

    async def _keep_unchanged(self, old: int, new: int) -> None:
        try:
            changed = await self.reader.changes(old, new)  # type: ignore[union-attr]
        except Exception as err:  # the pages of ``old`` no longer serve: as without a log
            logger.warning("store changes unreadable, all pages dropped: %s", err)
            return
        if changed is None:
            return
        kept, dropped = self.pages.advance(old, new, lambda source: source.may_change(changed))
        self.items.advance(old, new, {event.id for event in changed})
        self.kept_over_writes += kept
        self.dropped_over_writes += dropped

    async def _read_once(self, key: tuple[str, str], generation: int,
                         query_string: bytes) -> bytes | None:
        """The page read directly (and kept), or ``None`` when the route must answer it.

        Requests for a page that is being read at their generation wait for that read
        instead of reading it again: after a write, every page is stale at once and the
        common ones (the default view, a type, a country) are asked for by many clients
        within the same few milliseconds."""
        flight = (key, generation)
        pending = self.flights.get(flight)
        if pending is not None:
            return await asyncio.shield(pending)
        read = self.direct(query_string) if self.direct else None
        if read is None:
            return None
        future: asyncio.Future[bytes | None] = asyncio.get_running_loop().create_future()
        self.flights[flight] = future
        body = None
        try:
            answer = await to_thread.run_sync(read, generation, self.items)
        except (SQLAlchemyError, ValueError):  # the route answers (its error answer if any)
            pass
        else:
            # the body, or the body and what it was read from (``direct.PageSource``)
            body, source = answer if isinstance(answer, tuple) else (answer, None)
            self._keep(key, generation, [(b"content-length", str(len(body)).encode()),
                                         (b"content-type", b"application/json")], body,
                       source)
        finally:
            del self.flights[flight]
            future.set_result(body)  # None: each waiter asks the route
        return body

    async def _answer_and_keep(self, scope: Scope, receive: Receive, send: Send,
                               key: tuple[str, str], generation: int) -> None:
        status = 0
        headers: list[Any] = []
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                message = {**message, "headers": [*headers, (CACHE_HEADER, b"miss")]}
            elif message["type"] == "http.response.body" and status == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, generation, headers, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)

    def _keep(self, key: tuple[str, str], generation: int, headers: list[Any],
              body: bytes, source: Any = None) -> None:
        if len(body) <= self.max_bytes // 8:
            self.pages.put(key, generation, headers, body, source)


# the store's generation, the headers, the body, and what it was read from (an object with
# ``may_change(changed events)``, or ``None``: the page goes at any write)
Page = tuple[int, list[Any], bytes, Any]


class Pages:
    """Stored answers by key within ``max_bytes``, as a segmented LRU: a page enters on
    probation and is protected once it is asked for again; the oldest page on probation
    leaves first. Most of a dashboard's queries come back (a country, a type, the default
    view), but a date range or a map box drawn by hand seldom does; in one plain LRU those
    pages, asked for once, push out the ones that are asked for all the time."""

    PROTECTED_SHARE = 0.8  # of max_bytes; past it the oldest protected go back on probation

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.probation: OrderedDict[tuple[str, str], Page] = OrderedDict()
        self.protected: OrderedDict[tuple[str, str], Page] = OrderedDict()
        self.bytes = self.protected_bytes = 0

    def __len__(self) -> int:
        return len(self.probation) + len(self.protected)

    def get(self, key: tuple[str, str], generation: int) -> Page | None:
        """The page stored for ``key`` at ``generation``, if any; a page asked for again is
        protected."""
        page = self.protected.get(key)
        if page is not None:
            if page[0] != generation:
                return None
            self.protected.move_to_end(key)
            return page
        page = self.probation.get(key)
        if page is None or page[0] != generation:
            return None
        del self.probation[key]
        self._protect(key, page)
        return page

    def put(self, key: tuple[str, str], generation: int, headers: list[Any],
            body: bytes, source: Any = None) -> None:
        """Store a page; one already stored for a newer generation stays (a slower request
        of an older generation came last), and a protected key stays protected."""
        segment = self.protected if key in self.protected else self.probation
        old = segment.get(key)
        if old is not None:
            if old[0] > generation:
                return
            del segment[key]
            self.bytes -= len(old[2])
            if segment is self.protected:
                self.protected_bytes -= len(old[2])
        page = (generation, headers, body, source)
        self.bytes += len(body)
        if segment is self.protected:
            self._protect(key, page)
        else:
            self.probation[key] = page
        self._evict()

    def advance(self, old: int, new: int, may_change: Callable[[Any], bool]) -> tuple[int, int]:
        """The store went from generation ``old`` to ``new``: a page of ``old`` whose source
        ``may_change`` (or that has none) goes, the others stand for ``new``. The pages kept
        and dropped."""
        kept = dropped = 0
        for segment in (self.probation, self.protected):
            for key, page in list(segment.items()):
                if page[0] != old:
                    continue
                if page[3] is None or may_change(page[3]):
                    del segment[key]
                    self.bytes -= len(page[2])
                    if segment is self.protected:
                        self.protected_bytes -= len(page[2])
                    dropped += 1
                else:
                    segment[key] = (new, *page[1:])  # a key set again keeps its place
                    kept += 1
        return kept, dropped

    def _protect(self, key: tuple[str, str], page: Page) -> None:
        """Put ``page`` (counted in ``bytes``) in the protected segment; the oldest there go
        back on probation past its share."""
        self.protected[key] = page
        self.protected_bytes += len(page[2])
        while self.protected_bytes > self.max_bytes * self.PROTECTED_SHARE and len(
                self.protected) > 1:
            demoted, old = self.protected.popitem(last=False)
            self.protected_bytes -= len(old[2])
            self.probation[demoted] = old

    def _evict(self) -> None:
        while self.bytes > self.max_bytes and (self.probation or self.protected):
            segment = self.probation or self.protected
            _, page = segment.popitem(last=False)
            self.bytes -= len(page[2])
            if segment is self.protected:
                self.protected_bytes -= len(page[2])


__all__ = ["CACHE_HEADER", "PageCache", "Pages", "PostgresGeneration", "SqliteGeneration",
           "cache_key", "generation_reader"]
