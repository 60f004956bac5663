"""Writing coded articles: one transaction per batch, articles and their events together.

The writer is idempotent: an article whose id, content hash or canonical URL is stored already
is skipped with its events (``INSERT ... ON CONFLICT DO NOTHING``), and an error is logged once
per fingerprint. Kill the process between two batches, or in the middle of one, and the
database holds whole batches only.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine, Table, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from ..errors import EventwireError, StoreError
from ..model import Article, Document, Event
from . import schema
from .db import open_store
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
    events: list[Event] = field(default_factory=list)
    error: ErrorInfo | None = None


@dataclass
class BatchCounts:
    articles: int = 0
    duplicates: int = 0
    events: int = 0
    errors: int = 0


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
    return {
        "id": article.id,
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
        "meta": {"dateline": doc.dateline} if doc and doc.dateline else None,
        "run_id": run_id,
        "ingested_at": _now(),
        "text": doc.text if doc else None,
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


class Store:
    """The database, for ingest: runs, the known-article check and atomic batch writes."""

    def __init__(self, db: str | Engine) -> None:
        self.engine = db if isinstance(db, Engine) else open_store(db)

    def start_run(self, *, sources: Sequence[str], options: dict[str, Any], engine: str) -> int:
        from .. import __version__

        with self._begin() as conn:
            result = conn.execute(schema.runs.insert().values(
                started_at=_now(), status="running", engine=engine, sources=list(sources),
                options=options, articles=0, skipped=0, events=0, errors=0,
                version=__version__,
            ))
            return int(result.inserted_primary_key[0])

    def finish_run(self, run_id: int, *, status: str, articles: int, skipped: int,
                   events: int, errors: int) -> None:
        with self._begin() as conn:
            conn.execute(update(schema.runs).where(schema.runs.c.id == run_id).values(
                finished_at=_now(), status=status, articles=articles, skipped=skipped,
                events=events, errors=errors))

    def known(self, keys: Iterable[ArticleKey]) -> set[str]:
        """Of ``keys``, the ids, content hashes and canonical URLs that are stored already."""
        keys = list(keys)
        if not keys:
            return set()
        a = schema.articles.c
        ids = {k.id for k in keys}
        hashes = {k.content_hash for k in keys}
        urls = {k.canonical_url for k in keys if k.canonical_url}
        conditions = [a.id.in_(ids), a.content_hash.in_(hashes)]
        if urls:
            conditions.append(a.canonical_url.in_(urls))
        found: set[str] = set()
        with self._connect() as conn:
            for row in conn.execute(select(a.id, a.content_hash, a.canonical_url)
                                    .where(or_(*conditions))):
                found.update(v for v in row if v)
        return found

    def write_batch(self, coded: Sequence[CodedArticle], errors: Sequence[ErrorInfo] = (),
                    *, run_id: int | None = None) -> BatchCounts:
        """Store one batch in one transaction: new articles with their events, and errors."""
        try:
            return self._write_batch(coded, errors, run_id)
        except SQLAlchemyError as err:
            raise StoreError(f"cannot write a batch, nothing of it was stored: "
                             f"{str(err).splitlines()[0]}") from err

    def _write_batch(self, coded: Sequence[CodedArticle], errors: Sequence[ErrorInfo],
                     run_id: int | None) -> BatchCounts:
        counts = BatchCounts()
        with self._begin() as conn:
            insert_article = _insert_ignore(conn, schema.articles).returning(
                schema.articles.c.id)
            insert_events = _insert_ignore(conn, schema.events)
            insert_error = _insert_ignore(conn, schema.ingest_errors)
            all_errors = list(errors)
            for item in coded:
                if item.error is not None:
                    all_errors.append(item.error)
                    continue
                result = conn.execute(insert_article, article_row(item, run_id))
                if result.first() is None:  # id, content hash or canonical URL is stored
                    counts.duplicates += 1
                    continue
                counts.articles += 1
                if item.events:
                    rows = [event_row(e, run_id) for e in item.events]
                    conn.execute(insert_events, rows)
                    counts.events += len(rows)
            for err in all_errors:
                conn.execute(insert_error, {
                    "fingerprint": err.fingerprint, "run_id": run_id, "source": err.source,
                    "item": err.item, "code": err.code, "kind": err.kind,
                    "message": err.message, "created_at": _now()})
                counts.errors += 1
        return counts

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, events, ingest_errors, runs."""
        out = {}
        with self._connect() as conn:
            for table in (schema.articles, schema.events, schema.ingest_errors, schema.runs):
                out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        return out

    def _begin(self):  # type: ignore[no-untyped-def]
        try:
            return self.engine.begin()
        except SQLAlchemyError as err:
            raise StoreError(f"cannot write to the database: {err}") from None

    def _connect(self):  # type: ignore[no-untyped-def]
        try:
            return self.engine.connect()
        except SQLAlchemyError as err:
            raise StoreError(f"cannot read the database: {err}") from None
