"""Incidents in the store: clustering stored events, and reading incidents back.

- ``update_incidents(engine, doc_ids)``: after a batch is stored, its events join the incidents
  they link to (merging those the batch links together); the rest of the store is untouched.
- ``rebuild_incidents(engine)``: every incident from scratch (``eventwire cluster``).
- ``select_incidents(engine, IncidentQuery(...))``: incidents by country, admin1, type, dates,
  deaths and sources, each a dict (the row and its ``record``), for exports, analysis and
  reports.

Both writers end in the same partition (``cluster.components`` is a property of the pairs), so
an incident's id and members do not depend on the order articles arrived in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..cluster import Incident, Mention, components, in_context, rules, summarize
from ..errors import StoreError
from ..model import Event
from . import schema

logger = logging.getLogger(__name__)

_QUERY_CHUNK = 500  # ids per IN (...) clause


@dataclass(frozen=True)
class IncidentChange:
    """An incident written by an update: its new state and the stored ids it replaces."""

    incident: Incident
    replaces: tuple[str, ...]  # stored incidents merged into it (its own id if it had one)
    before: dict[str, Any] | None  # the stored row of the same id before the update, if any


# -- reading mentions ----------------------------------------------------------------------

def _mention_select() -> Any:
    e, a = schema.events.c, schema.articles.c
    return select(e.record, e.incident_id, a.published, a.site, a.url, a.title).join(
        schema.articles, e.doc_id == a.id)


def _mentions(conn: Connection, stmt: Any) -> list[Mention]:
    out = []
    for row in conn.execute(stmt):
        out.append(Mention(event=Event.model_validate(row.record), published=row.published,
                           site=row.site, url=row.url, title=row.title,
                           incident_id=row.incident_id))
    return out


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _QUERY_CHUNK):
        yield list(values[start:start + _QUERY_CHUNK])


def _by(conn: Connection, column: Any, values: Iterable[str]) -> list[Mention]:
    out: list[Mention] = []
    for chunk in _chunks(sorted(set(values))):
        out.extend(_mentions(conn, _mention_select().where(column.in_(chunk))))
    return out


def _candidate_docs(conn: Connection, fresh: Sequence[Mention]) -> set[str]:
    """The articles of the stored mentions that blocking could pair with ``fresh`` ones: same
    country, within two buckets of days (a superset of what ``cluster.Blocks`` compares).
    Only their ids are read: the mentions of a long article would be read whole again."""
    e, a = schema.events.c, schema.articles.c
    reach = timedelta(days=2 * rules().bucket_days)
    spans: dict[str | None, list[date]] = {}
    for mention in fresh:
        if mention.event.location is None or mention.day is None:
            continue
        spans.setdefault(mention.event.location.country, []).append(mention.day)
    out: set[str] = set()
    for country, days in spans.items():
        for low, high in _ranges(sorted(days), reach):
            day = func.coalesce(e.date, a.published)
            where = [day >= low - reach, day <= high + reach, e.location.is_not(None)]
            where.append(e.country == country if country else e.country.is_(None))
            out.update(conn.execute(select(e.doc_id).join(schema.articles, e.doc_id == a.id)
                                    .where(and_(*where)).distinct()).scalars())
    return out


def _ranges(days: list[date], gap: timedelta) -> Iterator[tuple[date, date]]:
    """Sorted days as runs whose neighbours lie within ``gap`` (one query per run)."""
    low = high = days[0]
    for day in days[1:]:
        if day - high > gap:
            yield low, high
            low = day
        high = day
    yield low, high


# -- writing incidents ---------------------------------------------------------------------

def incident_row(incident: Incident) -> dict[str, Any]:
    loc = incident.location or {}
    return {
        "id": incident.id,
        "type": incident.type,
        "title": incident.title,
        "date": incident.date,
        "country": loc.get("country"),
        "admin1": loc.get("admin1"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "killed": incident.killed.value,
        "injured": incident.injured.value,
        "n_events": len(incident.mentions),
        "n_sources": incident.n_sources,
        "record": incident.record(),
        "updated_at": datetime.now(UTC),
        "status": incident.status,
        "location": loc.get("name"),
        "geo_precision": loc.get("precision"),
        "date_precision": incident.date_precision,
        "killed_low": incident.killed.low,
        "killed_high": incident.killed.high,
        "injured_low": incident.injured.low,
        "injured_high": incident.injured.high,
        "n_articles": len(incident.doc_ids),
        "first_report": incident.first_report,
        "last_report": incident.last_report,
        "acled_event_type": (incident.acled or {}).get("event_type"),
    }


def _write(conn: Connection, incidents: Sequence[Incident], old_ids: set[str]) -> None:
    """Insert or replace ``incidents``, point their events at them, drop ``old_ids`` left
    without events, and re-point alerts fired on a merged incident."""
    i, e, al = schema.incidents.c, schema.events.c, schema.alerts.c
    new_ids = {inc.id for inc in incidents}
    for incident in incidents:
        row = incident_row(incident)
        exists = conn.execute(select(i.id).where(i.id == incident.id)).first() is not None
        if exists:
            conn.execute(update(schema.incidents).where(i.id == incident.id).values(**row))
        else:
            conn.execute(schema.incidents.insert().values(**row))
        for chunk in _chunks(incident.event_ids):
            conn.execute(update(schema.events).where(e.id.in_(chunk))
                         .values(incident_id=incident.id))
    gone = sorted(old_ids - new_ids)
    moved = {old: inc.id for inc in incidents for m in inc.mentions
             if (old := m.incident_id) and old in old_ids and old != inc.id}
    for old, new in moved.items():
        conn.execute(update(schema.alerts).where(al.incident_id == old).values(incident_id=new))
    for chunk in _chunks(gone):
        conn.execute(delete(schema.incidents).where(i.id.in_(chunk)))


def update_incidents(engine: Engine, doc_ids: Iterable[str]) -> list[IncidentChange]:
    """Cluster the events of ``doc_ids`` into the stored incidents; the changed incidents.

    Idempotent: the events of an article clustered before land where they are.
    """
    doc_ids = sorted(set(doc_ids))
    if not doc_ids:
        return []
    try:
        with engine.begin() as conn:
            fresh = _by(conn, schema.events.c.doc_id, doc_ids)
            if not fresh:
                return []
            near = _candidate_docs(conn, fresh) - set(doc_ids)
            # whole articles, so that each mention reads its article's context as in a rebuild
            known = {m.id: m for m in (*fresh, *_by(conn, schema.events.c.doc_id, near))}
            fresh_ids = {m.id for m in fresh}  # once: per group it was quadratic in the events
            groups = components(in_context(list(known.values())), fresh=fresh_ids)
            touched = [g for g in groups if any(m.id in fresh_ids for m in g)]
            return _merge(conn, touched)
    except SQLAlchemyError as err:
        raise StoreError(f"cannot cluster incidents: {str(err).splitlines()[0]}") from err


def _merge(conn: Connection, groups: list[list[Mention]]) -> list[IncidentChange]:
    """Whole incidents from the touched components: each stored incident a component reaches
    comes in with all its events, then each is summarised and written."""
    i = schema.incidents.c
    old_ids = {m.incident_id for g in groups for m in g if m.incident_id}
    stored = _by(conn, schema.events.c.incident_id, old_ids)
    # read in the context of their whole articles, as a rebuild reads them
    whole_articles = _by(conn, schema.events.c.doc_id, {m.doc_id for m in stored})
    members = {m.id: m for m in in_context(whole_articles) if m.incident_id in old_ids}
    changes: list[IncidentChange] = []
    incidents: list[Incident] = []
    for group in groups:
        reached = {m.incident_id for m in group if m.incident_id}
        whole = {m.id: m for m in members.values() if m.incident_id in reached}
        whole.update({m.id: m for m in group})
        incident = summarize(list(whole.values()))
        before = conn.execute(select(schema.incidents).where(i.id == incident.id)).first()
        changes.append(IncidentChange(incident, tuple(sorted(reached)),
                                      dict(before._mapping) if before else None))
        incidents.append(incident)
    _write(conn, incidents, old_ids)
    return changes


def unclustered_docs(engine: Engine) -> list[str]:
    """Articles with events no incident holds yet: stored by a run that was stopped between
    writing a batch and clustering it (every clustered event has an incident)."""
    e = schema.events.c
    try:
        with engine.connect() as conn:
            return sorted(conn.execute(select(e.doc_id).where(e.incident_id.is_(None))
                                       .distinct()).scalars())
    except SQLAlchemyError as err:
        raise StoreError(f"cannot read events: {err}") from None


def rebuild_incidents(engine: Engine) -> int:
    """Every incident from scratch, from every stored event; returns how many."""
    try:
        with engine.begin() as conn:
            mentions = in_context(_mentions(conn, _mention_select()))
            groups = components(mentions)
            incidents = [summarize(g) for g in groups]
            old = {m.incident_id for m in mentions if m.incident_id}
            conn.execute(update(schema.events).values(incident_id=None))
            conn.execute(delete(schema.incidents))
            _write(conn, incidents, set())
            moved = {m.incident_id: inc.id for inc in incidents for m in inc.mentions
                     if m.incident_id and m.incident_id != inc.id}
            al = schema.alerts.c
            for before, after in moved.items():
                conn.execute(update(schema.alerts).where(al.incident_id == before)
                             .values(incident_id=after))
            logger.info("rebuilt %d incidents from %d events (%d before)", len(incidents),
                        len(mentions), len(old))
            return len(incidents)
    except SQLAlchemyError as err:
        raise StoreError(f"cannot rebuild incidents: {str(err).splitlines()[0]}") from err


# -- reading incidents ---------------------------------------------------------------------

@dataclass(frozen=True)
class IncidentQuery:
    """Filters for ``select_incidents``; ``None`` means "any".

    ``counted_only`` keeps incidents that took place (occurred, ongoing): the ones series and
    fatality totals count. ``bbox`` is (west, south, east, north) in degrees.
    """

    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    since: date | None = None
    until: date | None = None
    min_killed: int | None = None
    min_sources: int | None = None
    counted_only: bool = False
    bbox: tuple[float, float, float, float] | None = None
    ids: tuple[str, ...] | None = None
    limit: int | None = None


def select_incidents(engine: Engine, query: IncidentQuery | None = None
                     ) -> Iterator[dict[str, Any]]:
    """The incidents matching ``query``, oldest first: each the row's columns and ``record``
    (the incident JSON with its sources, ``doc_ids`` and ``event_ids``)."""
    query = query or IncidentQuery()
    i = schema.incidents.c
    where = []
    if query.country:
        where.append(i.country == query.country.upper())
    if query.admin1:
        where.append(or_(i.admin1.ilike(query.admin1), i.admin1.ilike(f"{query.admin1} %")))
    if query.type:
        where.append(i.type == query.type.upper())
    if query.since:
        where.append(i.date >= query.since)
    if query.until:
        where.append(i.date <= query.until)
    if query.min_killed is not None:
        where.append(i.killed >= query.min_killed)
    if query.min_sources is not None:
        where.append(i.n_sources >= query.min_sources)
    if query.counted_only:
        where.append(i.status.in_(("occurred", "ongoing")))
    if query.bbox:
        west, south, east, north = query.bbox
        where += [i.lat >= south, i.lat <= north, i.lon >= west, i.lon <= east]
    if query.ids is not None:
        where.append(i.id.in_(query.ids))
    stmt = select(schema.incidents)
    if where:
        stmt = stmt.where(and_(*where))
    stmt = stmt.order_by(i.date, i.id)
    if query.limit:
        stmt = stmt.limit(query.limit)
    try:
        with engine.connect() as conn:
            for row in conn.execute(stmt):
                yield dict(row._mapping)
    except SQLAlchemyError as err:
        raise StoreError(f"cannot read incidents: {err}") from None
