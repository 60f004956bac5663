"""Writing coded articles: one transaction per batch, articles and their events together.

Each coded article is, against the store:

- **the same text** as a stored article (its content hash is stored): nothing is added, but
  what the stored one lacks (URL, title, publication date) is filled from this copy; when the
  date is new and this copy was coded with it, its events replace the stored ones;
- **a new version** of a stored article (same identity: canonical URL, or source and id, or
  file; different text): the article row takes the new text, the version is kept in
  ``article_versions``, and the new version's events replace the old version's, so the
  latest version counts once;
- **new**: inserted with ``ON CONFLICT DO NOTHING`` (a second writer that stored it first wins).

Errors are logged once per fingerprint. Kill the process between two batches, or in the
middle of one, and the database holds whole batches only.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine, Table, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from ..errors import EventwireError, StoreError
from ..model import Article, Document, Event
from . import schema
from .db import open_store, store_error
from .keys import ArticleKey

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ErrorInfo:
    """An error in plain, picklable form: where, which code, what kind, what went wrong."""

    source: str
    item: str | None
    code: str
    kind: str
    message: str

    @classmethod
    def from_error(cls, err: EventwireError, *, source: str, item: str | None = None) -> ErrorInfo:
        return cls(source=source, item=item, code=err.code, kind=type(err).__name__,
                   message=str(err))

    @property
    def fingerprint(self) -> str:
        key = "\x1f".join((self.source, self.item or "", self.code, self.message))
        return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def __str__(self) -> str:
        return self.message if self.source in self.message else f"{self.source}: {self.message}"


@dataclass
class CodedArticle:
    """What the pipeline made of one article, in the picklable form workers send back."""

    article: Article
    key: ArticleKey
    document: Document | None = None
    events: Sequence[Event] = field(default_factory=list)  # a long article's: ``Packed``
    error: ErrorInfo | None = None
    # the text the events' offsets index (the article as given for plain text, the cleaned
    # text for HTML: ``Coded.text``); the document's text when not given
    text: str | None = None


@dataclass
class BatchCounts:
    articles: int = 0
    duplicates: int = 0
    events: int = 0
    errors: int = 0
    versions: int = 0  # stored articles that got a new version
    filled: int = 0  # stored articles that got a URL, title or date from a later copy
    warnings: int = 0  # notes with a W code: stored, but the user should know


def _now() -> datetime:
    return datetime.now(UTC)


def site_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.lower().removeprefix("www.") if host else None


def article_row(coded: CodedArticle, run_id: int | None) -> dict[str, Any]:
    article, doc = coded.article, coded.document
    url = article.url or (doc.url if doc else None)
    meta: dict[str, Any] = {}
    if doc and doc.dateline:
        meta["dateline"] = doc.dateline
    if coded.key.given_id is not None:
        meta["source_id"] = coded.key.given_id
    return {
        "id": coded.key.id or article.id,
        "content_hash": coded.key.content_hash,
        "canonical_url": coded.key.canonical_url,
        "url": url,
        "title": (doc.title if doc and doc.title else article.title),
        "published": (doc.published if doc and doc.published else article.published),
        "site": (doc.site if doc and doc.site else site_of(url)),
        "language": doc.language if doc else None,
        "source": article.source,
        "content_type": article.content_type,
        "n_chars": len(doc.text) if doc else len(article.raw),
        "n_events": len(coded.events),
        "text": coded.text if coded.text is not None else (doc.text if doc else None),
        "meta": meta or None,
        "run_id": run_id,
        "ingested_at": _now(),
        "source_key": coded.key.source_key,
        "version": 1,
    }


def event_row(event: Event, run_id: int | None) -> dict[str, Any]:
    """The event as a row: the whole record as JSON plus the columns people filter on."""
    loc, actor, recipient = event.location, event.actor, event.recipient
    return {
        "id": event.id,
        "doc_id": event.doc_id,
        "type": event.type,
        "mode": event.mode,
        "status": event.status,
        "cameo": event.cameo,
        "intensity": event.intensity,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "actor": (actor.name or actor.text) if actor else None,
        "actor_country": actor.country if actor else None,
        "actor_sector": actor.sector if actor else None,
        "recipient": (recipient.name or recipient.text) if recipient else None,
        "recipient_country": recipient.country if recipient else None,
        "recipient_sector": recipient.sector if recipient else None,
        "actor_text": actor.text if actor else None,
        "recipient_text": recipient.text if recipient else None,
        "location": loc.name if loc else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "geo_precision": loc.precision if loc else None,
        "date": event.date.value if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "killed": event.killed.value if event.killed else None,
        "injured": event.injured.value if event.injured else None,
        "evidence": event.evidence.text,
        "confidence": event.confidence,
        "record": event.model_dump(mode="json"),
        "run_id": run_id,
    }


def _insert_ignore(conn: Connection, table: Table) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def _events_for(coded: CodedArticle, doc_id: str) -> Iterator[Event]:
    """The article's events under ``doc_id`` (the stored article they belong to), one at a
    time (a long article's events are many: they are never all unpacked at once)."""
    for event in coded.events:
        if event.doc_id == doc_id or event.doc_id not in (coded.article.id, coded.key.id):
            yield event  # an event of another article is left for the database to refuse
            continue
        yield event.model_copy(update={
            "doc_id": doc_id,
            "id": Event.make_id(doc_id, event.evidence.start, event.evidence.end, event.type)})


_EVENT_ROWS = 1000  # events inserted per statement: rows for all of a long article's are big


_FILLABLE = ("url", "title", "published", "site")


class Store:
    """The database, for ingest: runs, the known-article check and atomic batch writes."""

    def __init__(self, db: str | Engine) -> None:
        self.engine = db if isinstance(db, Engine) else open_store(db)

    # -- runs ---------------------------------------------------------------------------------

    def start_run(self, *, sources: Sequence[str], options: dict[str, Any], engine: str) -> int:
        from .. import __version__
        from .query import mark_killed

        with self._begin() as conn:
            mark_killed(conn)
            result = conn.execute(schema.runs.insert().values(
                started_at=_now(), status="running", engine=engine, sources=list(sources),
                options=options, articles=0, skipped=0, events=0, errors=0,
                version=__version__, pid=os.getpid(), host=socket.gethostname(),
                heartbeat_at=_now(),
            ))
            return int(result.inserted_primary_key[0])

    def heartbeat(self, run_id: int) -> None:
        """Say the run is alive (a run whose heartbeat stops is shown as killed)."""
        with self._begin() as conn:
            conn.execute(update(schema.runs).where(schema.runs.c.id == run_id)
                         .values(heartbeat_at=_now()))

    def finish_run(self, run_id: int, *, status: str, articles: int, skipped: int,
                   events: int, errors: int) -> None:
        with self._begin() as conn:
            conn.execute(update(schema.runs).where(schema.runs.c.id == run_id).values(
                finished_at=_now(), status=status, articles=articles, skipped=skipped,
                events=events, errors=errors, heartbeat_at=_now()))

    # -- what is stored -----------------------------------------------------------------------

    def known(self, keys: Iterable[ArticleKey]) -> set[str]:
        """Of ``keys``, the content hashes stored already in a copy at least as complete.

        Only these need no coding: a story whose text changed is a new version, and a copy
        that brings a publication date the stored one lacks is coded again with it.
        """
        keys = list(keys)
        if not keys:
            return set()
        a = schema.articles.c
        hashes = {k.content_hash for k in keys}
        stored: dict[str, Any] = {}
        with self._connect() as conn:
            for row in conn.execute(select(a.content_hash, a.url, a.title, a.published)
                                    .where(a.content_hash.in_(hashes))):
                stored[row.content_hash] = row
        found = set()
        for key in keys:
            row = stored.get(key.content_hash)
            if row is None:
                continue
            if ((key.canonical_url and not row.url) or (key.has_title and not row.title)
                    or (key.has_published and row.published is None)):
                continue
            found.add(key.content_hash)
        return found

    # -- writing ------------------------------------------------------------------------------

    def write_batch(self, coded: Sequence[CodedArticle], errors: Sequence[ErrorInfo] = (),
                    *, run_id: int | None = None) -> BatchCounts:
        """Store one batch in one transaction: new articles with their events, and errors."""
        try:
            return self._write_batch(coded, errors, run_id)
        except SQLAlchemyError as err:
            raise StoreError(f"cannot write a batch, nothing of it was stored: "
                             f"{str(err).splitlines()[0]}") from err
        except StoreError as err:
            raise type(err)(f"a batch was not stored: {err.message}") from None

    def _write_batch(self, coded: Sequence[CodedArticle], errors: Sequence[ErrorInfo],
                     run_id: int | None) -> BatchCounts:
        counts = BatchCounts()
        with self._begin() as conn:
            insert_error = _insert_ignore(conn, schema.ingest_errors)
            all_errors = list(errors)
            for item in coded:
                if item.error is not None:
                    all_errors.append(item.error)
                    continue
                self._store_article(conn, item, run_id, counts)
            for err in all_errors:
                conn.execute(insert_error, {
                    "fingerprint": err.fingerprint, "run_id": run_id, "source": err.source,
                    "item": err.item, "code": err.code, "kind": err.kind,
                    "message": err.message, "created_at": _now()})
                if err.code.startswith("W"):
                    counts.warnings += 1
                else:
                    counts.errors += 1
            if run_id is not None:
                conn.execute(update(schema.runs).where(schema.runs.c.id == run_id)
                             .values(heartbeat_at=_now()))
        return counts

    def _store_article(self, conn: Connection, item: CodedArticle, run_id: int | None,
                       counts: BatchCounts) -> None:
        a = schema.articles.c
        key = item.key
        row = article_row(item, run_id)
        same = conn.execute(select(schema.articles).where(a.content_hash == key.content_hash)
                            ).first()
        if same is not None:
            self._fill(conn, same._mapping, item, row, run_id, counts)
            return
        identity = [a.id == row["id"]]
        if key.canonical_url:
            identity.append(a.canonical_url == key.canonical_url)
        if key.source_key:
            identity.append(a.source_key == key.source_key)
        stored = conn.execute(select(schema.articles).where(or_(*identity))
                              .order_by(a.ingested_at)).first()
        if stored is not None:
            self._new_version(conn, stored._mapping, item, row, run_id, counts)
            return
        result = conn.execute(_insert_ignore(conn, schema.articles)
                              .returning(schema.articles.c.id), row)
        if result.first() is None:  # another writer stored it first
            counts.duplicates += 1
            return
        counts.articles += 1
        self._add_version(conn, row, run_id)
        counts.events += self._replace_events(conn, row["id"], item, run_id, old=False)

    def _fill(self, conn: Connection, stored: Any, item: CodedArticle, row: dict[str, Any],
              run_id: int | None, counts: BatchCounts) -> None:
        """The same text again: fill what the stored copy lacks; else a plain duplicate."""
        values = {name: row[name] for name in _FILLABLE
                  if stored[name] in (None, "") and row[name] not in (None, "")}
        if "url" in values and item.key.canonical_url and not stored["canonical_url"]:
            taken = conn.execute(select(schema.articles.c.id).where(
                schema.articles.c.canonical_url == item.key.canonical_url)).first()
            if taken is None:
                values["canonical_url"] = item.key.canonical_url
        if not values:
            counts.duplicates += 1
            return
        if "published" in values and item.document is not None:
            # coded again with the date: relative dates ("on Sunday") now resolve
            values.update(n_events=len(item.events), text=row["text"])
            self._replace_events(conn, stored["id"], item, run_id, old=True)
        conn.execute(update(schema.articles).where(schema.articles.c.id == stored["id"])
                     .values(**values, updated_at=_now()))
        counts.filled += 1
        counts.duplicates += 1

    def _new_version(self, conn: Connection, stored: Any, item: CodedArticle,
                     row: dict[str, Any], run_id: int | None, counts: BatchCounts) -> None:
        version = int(stored["version"] or 1) + 1
        values = {k: v for k, v in row.items() if k not in ("id", "ingested_at", "meta")}
        for name in (*_FILLABLE, "canonical_url", "source_key"):
            if values.get(name) in (None, ""):
                values[name] = stored[name]
        if values["canonical_url"] != stored["canonical_url"] and values["canonical_url"]:
            taken = conn.execute(select(schema.articles.c.id).where(
                schema.articles.c.canonical_url == values["canonical_url"])).first()
            if taken is not None:
                values["canonical_url"] = stored["canonical_url"]
        values.update(version=version, updated_at=_now())
        changed = conn.execute(update(schema.articles).where(
            schema.articles.c.id == stored["id"],
            schema.articles.c.content_hash == stored["content_hash"]).values(**values))
        if changed.rowcount == 0:  # another writer changed it meanwhile
            counts.duplicates += 1
            return
        self._add_version(conn, {**values, "id": stored["id"], "ingested_at": _now()}, run_id)
        counts.versions += 1
        counts.events += self._replace_events(conn, stored["id"], item, run_id, old=True)

    @staticmethod
    def _add_version(conn: Connection, row: dict[str, Any], run_id: int | None) -> None:
        conn.execute(schema.article_versions.insert().values(
            article_id=row["id"], version=row.get("version") or 1,
            content_hash=row["content_hash"], url=row["url"], title=row["title"],
            published=row["published"], n_chars=row["n_chars"], n_events=row["n_events"],
            text=row["text"], run_id=run_id, ingested_at=row["ingested_at"]))

    @staticmethod
    def _replace_events(conn: Connection, doc_id: str, item: CodedArticle,
                        run_id: int | None, *, old: bool) -> int:
        """Store the article's events, dropping what an older version had; returns how many."""
        e, r = schema.events.c, schema.reviews.c
        if old:
            keep = {event.id for event in _events_for(item, doc_id)}
            gone = [i for (i,) in conn.execute(select(e.id).where(e.doc_id == doc_id))
                    if i not in keep]
            if gone:
                conn.execute(delete(schema.reviews).where(r.event_id.in_(gone)))
                conn.execute(delete(schema.events).where(e.id.in_(gone)))
            for event_id in keep:
                conn.execute(delete(schema.events).where(e.id == event_id,
                                                         ~e.id.in_(select(r.event_id))))
        count = 0
        rows: list[dict[str, Any]] = []
        for event in _events_for(item, doc_id):
            rows.append(event_row(event, run_id))
            if len(rows) >= _EVENT_ROWS:
                conn.execute(_insert_ignore(conn, schema.events), rows)
                count, rows = count + len(rows), []
        if rows:
            conn.execute(_insert_ignore(conn, schema.events), rows)
            count += len(rows)
        return count

    # -- watch --------------------------------------------------------------------------------

    def watch_state(self, source: str) -> dict[str, Any] | None:
        """What ``eventwire watch`` last saw of ``source`` (etag, last_modified, signature)."""
        c = schema.watch_state.c
        try:
            with self._connect() as conn:
                row = conn.execute(select(schema.watch_state).where(c.source == source)).first()
        except SQLAlchemyError as err:
            raise StoreError(f"cannot read the watch state: {err}") from None
        return dict(row._mapping) if row is not None else None

    def save_watch_state(self, source: str, *, etag: str | None = None,
                         last_modified: str | None = None,
                         signature: str | None = None) -> None:
        values = {"etag": etag, "last_modified": last_modified, "signature": signature,
                  "checked_at": _now()}
        c = schema.watch_state.c
        try:
            with self._begin() as conn:
                changed = conn.execute(update(schema.watch_state).where(c.source == source)
                                       .values(**values))
                if changed.rowcount == 0:
                    conn.execute(schema.watch_state.insert().values(source=source, **values))
        except SQLAlchemyError as err:
            raise StoreError(f"cannot save the watch state: {err}") from None

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, events, ingest_errors, runs."""
        out = {}
        with self._connect() as conn:
            for table in (schema.articles, schema.events, schema.ingest_errors, schema.runs):
                out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        return out

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        """A transaction; a database error becomes one coded line with what to do."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as err:
            raise store_error(err) from None

    def _connect(self):  # type: ignore[no-untyped-def]
        try:
            return self.engine.connect()
        except SQLAlchemyError as err:
            raise StoreError(f"cannot read the database: {err}") from None
