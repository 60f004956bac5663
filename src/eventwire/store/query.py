"""Reading the store: events by filters, ingest errors, runs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, Select, and_, select
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
        where.append(e.evidence.ilike(f"%{query.text}%"))
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


def list_runs(engine: Engine) -> list[dict[str, Any]]:
    c = schema.runs.c
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(schema.runs).order_by(c.id))]
