"""Reading the store: events by filters, ingest errors, runs."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Select, and_, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from . import schema


@dataclass(frozen=True)
class EventQuery:
    """Filters for ``select_events``; ``None`` means "any".

    ``bbox`` is (west, south, east, north) in degrees.
    """

    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    status: str | None = None
    statuses: tuple[str, ...] | None = None  # any of these
    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_killed: int | None = None
    text: str | None = None
    doc_id: str | None = None
    limit: int | None = None


def _event_select(query: EventQuery) -> Select[Any]:
    e, a = schema.events.c, schema.articles.c
    stmt = select(
        schema.events,
        a.url.label("article_url"),
        a.site.label("article_site"),
        a.title.label("article_title"),
        a.published.label("article_published"),
    ).join(schema.articles, e.doc_id == a.id)
    where = []
    if query.country:
        where.append(e.country == query.country.upper())
    if query.admin1:
        where.append(e.admin1.ilike(query.admin1))
    if query.type:
        where.append(e.type == query.type.upper())
    if query.status:
        where.append(e.status == query.status.lower())
    if query.statuses:
        where.append(e.status.in_([s.lower() for s in query.statuses]))
    if query.since:
        where.append(e.date >= query.since)
    if query.until:
        where.append(e.date <= query.until)
    if query.bbox:
        west, south, east, north = query.bbox
        where += [e.lat >= south, e.lat <= north, e.lon >= west, e.lon <= east]
    if query.min_killed is not None:
        where.append(e.killed >= query.min_killed)
    if query.text:
        # the user's words are literal: % and _ match themselves, not "anything"
        literal = query.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(e.evidence.ilike(f"%{literal}%", escape="\\"))
    if query.doc_id:
        where.append(e.doc_id == query.doc_id)
    if where:
        stmt = stmt.where(and_(*where))
    stmt = stmt.order_by(e.date, e.doc_id, e.id)
    if query.limit:
        stmt = stmt.limit(query.limit)
    return stmt


def select_events(engine: Engine, query: EventQuery | None = None) -> Iterator[dict[str, Any]]:
    """The events matching ``query``, each a row dict: the columns, ``record`` and the
    article's ``article_url``, ``article_site``, ``article_title``, ``article_published``."""
    stmt = _event_select(query or EventQuery())
    try:
        with engine.connect() as conn:
            for row in conn.execute(stmt):
                yield dict(row._mapping)
    except SQLAlchemyError as err:
        raise StoreError(f"cannot read events: {err}") from None


def list_errors(engine: Engine, *, run_id: int | None = None, code: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
    """Ingest errors, oldest first, optionally of one run or one code."""
    c = schema.ingest_errors.c
    stmt = select(schema.ingest_errors).order_by(c.id)
    if run_id is not None:
        stmt = stmt.where(c.run_id == run_id)
    if code:
        stmt = stmt.where(c.code == code)
    if limit:
        stmt = stmt.limit(limit)
    try:
        with engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(stmt)]
    except SQLAlchemyError as err:
        raise StoreError(f"cannot read ingest errors: {err}") from None


# a run that has not beaten for this long is dead, wherever it ran (it beats every 30 s)
STALE_AFTER = timedelta(minutes=10)


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is dead too
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def run_status(row: Mapping[str, Any], *, now: datetime | None = None) -> str:
    """A run's status as it is: ``killed`` for a "running" run whose process is gone (same
    host) or whose heartbeat stopped more than ``STALE_AFTER`` ago (any host)."""
    status = str(row["status"])
    if status != "running":
        return status
    if row.get("host") == socket.gethostname() and row.get("pid"):
        return status if _alive(int(row["pid"])) else "killed"
    beat = row.get("heartbeat_at") or row.get("started_at")
    if beat is not None:
        if beat.tzinfo is None:
            beat = beat.replace(tzinfo=UTC)
        if (now or datetime.now(UTC)) - beat > STALE_AFTER:
            return "killed"
    return status


def mark_killed(conn: Connection) -> int:
    """Record as ``killed`` every "running" run that is not; returns how many."""
    c = schema.runs.c
    dead = [row.id for row in conn.execute(select(schema.runs).where(c.status == "running"))
            if run_status(row._mapping) == "killed"]
    if dead:
        conn.execute(update(schema.runs).where(c.id.in_(dead)).values(status="killed"))
    return len(dead)


def list_runs(engine: Engine, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Runs, newest last, each with its ``status`` as it is (a dead "running" run: killed)."""
    c = schema.runs.c
    stmt = select(schema.runs).order_by(c.id.desc())
    if limit:
        stmt = stmt.limit(limit)
    try:
        with engine.connect() as conn:
            rows = [dict(row._mapping) for row in conn.execute(stmt)]
    except SQLAlchemyError as err:
        raise StoreError(f"cannot read runs: {err}") from None
    for row in rows:
        row["status"] = run_status(row)
    return rows[::-1]


def list_articles(engine: Engine, *, limit: int | None = None,
                  article_id: str | None = None) -> list[dict[str, Any]]:
    """Stored articles, newest first, each with ``versions``: its versions, oldest first."""
    a, v = schema.articles.c, schema.article_versions.c
    stmt = select(a.id, a.url, a.title, a.published, a.site, a.version, a.n_events,
                  a.source_key, a.meta, a.ingested_at, a.updated_at).order_by(
        a.ingested_at.desc(), a.id)
    if article_id:
        stmt = stmt.where(a.id == article_id)
    if limit:
        stmt = stmt.limit(limit)
    try:
        with engine.connect() as conn:
            rows = [dict(row._mapping) for row in conn.execute(stmt)]
            ids = [row["id"] for row in rows]
            versions: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
            if ids:
                for row in conn.execute(
                        select(v.article_id, v.version, v.content_hash, v.n_events,
                               v.n_chars, v.published, v.run_id, v.ingested_at)
                        .where(v.article_id.in_(ids)).order_by(v.article_id, v.version)):
                    versions[row.article_id].append(dict(row._mapping))
    except SQLAlchemyError as err:
        raise StoreError(f"cannot read articles: {err}") from None
    for row in rows:
        row["versions"] = versions[row["id"]]
    return rows
