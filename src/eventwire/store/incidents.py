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
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..cluster import (
    ArticleContext,
    Context,
    Incident,
    LeanEvents,
    Mention,
    components,
    rules,
    summarize,
    with_context,
)
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

_SUMMARY_EVENTS = 2_000  # whole event records held at once while summarising incidents


def _mention_select() -> Any:
    e, a = schema.events.c, schema.articles.c
    return select(e.record, e.incident_id, a.published, a.site, a.url, a.title).join(
        schema.articles, e.doc_id == a.id)


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _QUERY_CHUNK):
        yield list(values[start:start + _QUERY_CHUNK])


class _Member(NamedTuple):
    """An event as the incidents it may change see it: its ids alone."""

    id: str
    doc_id: str
    incident_id: str | None


class _Reader:
    """Stored events as clustering reads them, in bounded memory: lean mentions (``LeanEvents``)
    for linking, whole ones only for the incidents being summarised, each in the context of
    its whole article (read once per article, one event at a time)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.lean = LeanEvents()
        self.contexts: dict[str, Context] = {}
        self._articles: dict[str, tuple[Any, ...]] = {}  # one copy of an article's fields

    def _mention(self, row: Any, event: Event) -> Mention:
        doc = event.doc_id
        article = self._articles.get(doc)
        if article is None:
            article = self._articles[doc] = (row.published, row.site, row.url, row.title)
        published, site, url, title = article
        return Mention(event=event, published=published, site=site, url=url, title=title,
                       incident_id=row.incident_id)

    def lean_mentions(self, doc_ids: Iterable[str]) -> list[Mention]:
        """Every event of these articles, lean and in context."""
        out: list[Mention] = []
        for chunk in _chunks(sorted(set(doc_ids))):
            bare: list[Mention] = []
            read: dict[str, ArticleContext] = {}
            for row in self.conn.execute(_mention_select().where(
                    schema.events.c.doc_id.in_(chunk))):
                whole = self._mention(row, Event.model_validate(row.record))
                read.setdefault(whole.doc_id, ArticleContext()).add(whole)
                bare.append(self._mention(row, self.lean(row.record)))
            self.contexts.update((doc, told.result()) for doc, told in read.items())
            out.extend(with_context(m, *self.contexts[m.doc_id]) for m in bare)
        return out

    def scan(self, doc_ids: Iterable[str]) -> tuple[list[_Member], dict[str | None, set[date]]]:
        """Every event of these articles as its ids only, and the days each country has
        events on, as clustering places and dates them (``_candidate_docs``); their contexts
        read on the way. Nothing of an event is kept but its ids."""
        members: list[_Member] = []
        spans: dict[str | None, set[date]] = defaultdict(set)
        for chunk in _chunks(sorted(set(doc_ids))):
            read: dict[str, ArticleContext] = {}
            unplaced: dict[str, list[date]] = defaultdict(list)
            for row in self.conn.execute(_mention_select().where(
                    schema.events.c.doc_id.in_(chunk))):
                whole = self._mention(row, Event.model_validate(row.record))
                read.setdefault(whole.doc_id, ArticleContext()).add(whole)
                members.append(_Member(whole.id, whole.doc_id, whole.incident_id))
                if whole.day is None:
                    continue
                if whole.event.location is not None:
                    spans[whole.event.location.country].add(whole.day)
                else:  # told at its article's place (``with_context``)
                    unplaced[whole.doc_id].append(whole.day)
            self.contexts.update((doc, told.result()) for doc, told in read.items())
            for doc, days in unplaced.items():
                place = self.contexts[doc][1]
                if place is not None:
                    spans[place.country].update(days)
        return members, spans

    def read_contexts(self, doc_ids: Iterable[str]) -> None:
        """The context of each of these articles not read yet."""
        todo = sorted(set(doc_ids) - self.contexts.keys())
        for chunk in _chunks(todo):
            read: dict[str, ArticleContext] = {}
            for row in self.conn.execute(_mention_select().where(
                    schema.events.c.doc_id.in_(chunk))):
                whole = self._mention(row, Event.model_validate(row.record))
                read.setdefault(whole.doc_id, ArticleContext()).add(whole)
            self.contexts.update((doc, told.result()) for doc, told in read.items())

    def whole(self, event_ids: Iterable[str]) -> dict[str, Mention]:
        """These events whole, in context (their articles' contexts read already)."""
        out: dict[str, Mention] = {}
        for chunk in _chunks(sorted(set(event_ids))):
            for row in self.conn.execute(_mention_select().where(
                    schema.events.c.id.in_(chunk))):
                mention = self._mention(row, Event.model_validate(row.record))
                out[mention.id] = with_context(mention, *self.contexts[mention.doc_id])
        return out


def _candidate_docs(conn: Connection, spans: dict[str | None, set[date]]) -> set[str]:
    """The articles of the stored mentions that blocking could pair with fresh ones placed
    and dated on ``spans`` (``_spans``): same country, within two buckets of days (a superset
    of what ``cluster.Blocks`` compares). Only their ids are read."""
    e, a = schema.events.c, schema.articles.c
    reach = timedelta(days=2 * rules().bucket_days)
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


def _write(conn: Connection, incidents: Sequence[Incident]) -> None:
    """Insert or replace ``incidents`` and point their events at them (a batch of statements,
    not three per incident: a long article's events are each an incident)."""
    i, e = schema.incidents.c, schema.events.c
    rows = [incident_row(incident) for incident in incidents]
    existing: set[str] = set()
    for chunk in _chunks([row["id"] for row in rows]):
        existing.update(conn.execute(select(i.id).where(i.id.in_(chunk))).scalars())
    for row in rows:
        if row["id"] in existing:
            conn.execute(update(schema.incidents).where(i.id == row["id"]).values(**row))
    new = [row for row in rows if row["id"] not in existing]
    if new:
        conn.execute(schema.incidents.insert(), new)
    links = [{"event": m.id, "incident": incident.id}
             for incident in incidents for m in incident.mentions]
    if links:
        conn.execute(update(schema.events).where(e.id == bindparam("event"))
                     .values(incident_id=bindparam("incident")), links)


def _retire(conn: Connection, old_ids: Iterable[str], kept: set[str],
            moved: dict[str, str]) -> None:
    """Re-point alerts fired on merged incidents (``moved``: old id to new), then drop the
    ``old_ids`` not ``kept`` (left without events)."""
    i, al = schema.incidents.c, schema.alerts.c
    for old, new in moved.items():
        conn.execute(update(schema.alerts).where(al.incident_id == old).values(incident_id=new))
    for chunk in _chunks(sorted(set(old_ids) - kept)):
        conn.execute(delete(schema.incidents).where(i.id.in_(chunk)))


def _batches(groups: Iterable[tuple[Sequence[Any], set[str]]]
             ) -> Iterator[list[tuple[Sequence[Any], set[str]]]]:
    """Groups (with the ids of the events their incident holds) in batches of about
    ``_SUMMARY_EVENTS`` events, so that only a batch's whole records are read at once."""
    batch: list[tuple[Sequence[Any], set[str]]] = []
    size = 0
    for group, ids in groups:
        batch.append((group, ids))
        size += len(ids)
        if size >= _SUMMARY_EVENTS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def update_incidents(engine: Engine, doc_ids: Iterable[str], *,
                     keep_changes: bool = True) -> list[IncidentChange]:
    """Cluster the events of ``doc_ids`` into the stored incidents; the changed incidents
    (``keep_changes=False``: none are kept, for a caller that does not read them: an
    article of 100,000 events changes as many incidents).

    Idempotent: the events of an article clustered before land where they are. Linking reads
    lean events; whole records are read a batch of incidents at a time to summarise them.
    """
    doc_ids = sorted(set(doc_ids))
    if not doc_ids:
        return []
    try:
        with engine.begin() as conn:
            reader = _Reader(conn)
            ids, spans = reader.scan(doc_ids)
            if not ids:
                return []
            near = _candidate_docs(conn, spans) - set(doc_ids)
            touched: list[list[Any]]
            if len(doc_ids) == 1 and not near:
                # one article alone: its events are never linked to each other (``link_score``)
                # so each is its own group (``components``), and none need be read to link
                touched = [[member] for member in sorted(ids)]
            else:
                del ids
                fresh = reader.lean_mentions(doc_ids)
                # whole articles, so that each mention reads its article's context as in a
                # rebuild
                known = {m.id: m for m in (*fresh, *reader.lean_mentions(near))}
                fresh_ids = {m.id for m in fresh}  # once: per group it was quadratic
                del fresh
                groups = components(list(known.values()), fresh=fresh_ids)
                del known
                touched = [g for g in groups if any(m.id in fresh_ids for m in g)]
                del groups
            return _merge(conn, reader, touched, keep_changes=keep_changes)
    except SQLAlchemyError as err:
        raise StoreError(f"cannot cluster incidents: {str(err).splitlines()[0]}") from err


def _merge(conn: Connection, reader: _Reader, groups: Sequence[Sequence[Mention | _Member]], *,
           keep_changes: bool) -> list[IncidentChange]:
    """Whole incidents from the touched components: each stored incident a component reaches
    comes in with all its events, then each is summarised and written, a batch at a time."""
    i, e = schema.incidents.c, schema.events.c
    old_ids = sorted({m.incident_id for g in groups for m in g if m.incident_id})
    members: dict[str, list[str]] = defaultdict(list)
    docs: set[str] = set()
    for chunk in _chunks(old_ids):
        for row in conn.execute(select(e.id, e.doc_id, e.incident_id)
                                .where(e.incident_id.in_(chunk))):
            members[row.incident_id].append(row.id)
            docs.add(row.doc_id)
    # read in the context of their whole articles, as a rebuild reads them
    reader.read_contexts(docs)
    changes: list[IncidentChange] = []
    kept: set[str] = set()
    moved: dict[str, str] = {}

    def holding(group: Sequence[Any]) -> tuple[Sequence[Any], set[str]]:
        reached = {m.incident_id for m in group if m.incident_id}
        return group, {m.id for m in group} | {x for old in reached for x in members[old]}

    for batch in _batches(holding(g) for g in groups):
        whole = reader.whole(x for _, ids in batch for x in ids)
        incidents = []
        for group, ids in batch:
            reached = {m.incident_id for m in group if m.incident_id}
            incident = summarize([whole[x] for x in ids])
            if keep_changes:
                before = conn.execute(select(schema.incidents)
                                      .where(i.id == incident.id)).first()
                changes.append(IncidentChange(incident, tuple(sorted(reached)),
                                              dict(before._mapping) if before else None))
            moved.update((old, incident.id) for old in reached if old != incident.id)
            kept.add(incident.id)
            incidents.append(incident)
        _write(conn, incidents)
    _retire(conn, old_ids, kept, moved)
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
    e = schema.events.c
    try:
        with engine.begin() as conn:
            reader = _Reader(conn)
            doc_ids = list(conn.execute(select(e.doc_id).distinct()).scalars())
            mentions = reader.lean_mentions(doc_ids)
            groups = components(mentions)
            old = {m.incident_id for m in mentions if m.incident_id}
            n_events = len(mentions)
            del mentions
            conn.execute(update(schema.events).values(incident_id=None))
            conn.execute(delete(schema.incidents))
            moved: dict[str, str] = {}
            for batch in _batches((g, {m.id for m in g}) for g in groups):
                whole = reader.whole(x for _, ids in batch for x in ids)
                incidents = [summarize([whole[m.id] for m in group]) for group, _ in batch]
                _write(conn, incidents)
                moved.update((m.incident_id, incident.id)
                             for (group, _), incident in zip(batch, incidents, strict=True)
                             for m in group if m.incident_id and m.incident_id != incident.id)
            _retire(conn, (), set(), moved)
            logger.info("rebuilt %d incidents from %d events (%d before)", len(groups),
                        n_events, len(old))
            return len(groups)
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
