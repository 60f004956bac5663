"""Incidents as readers of series and reports see them, straight from the stored events.

One view per incident; an event that clustering has not put in an incident yet is a view of its
own. Only counted statuses (occurred, ongoing) are read, and an event whose latest review
rejects it is left out. A view carries what a report shows: date, place and point, type, the
incident's killed and injured (its own chosen figure where clustering set one, else the largest
any of its events gives) with the range across events, its sources and evidence sentences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..model import COUNTED_STATUSES
from . import schema


@dataclass(frozen=True)
class Source:
    site: str | None
    url: str | None
    title: str | None
    published: date | None
    evidence: str


@dataclass(frozen=True)
class IncidentView:
    key: str  # the incident's id, or the lone event's
    day: date
    type: str
    acled_type: str | None
    place: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    killed: int
    injured: int
    killed_range: tuple[int, int]
    intensity: float
    event_ids: tuple[str, ...]
    sources: tuple[Source, ...] = field(default_factory=tuple)

    @property
    def outlets(self) -> list[str]:
        """Distinct outlets (sites) that told it, in the order they were stored."""
        return list(dict.fromkeys(s.site or s.url or "unknown" for s in self.sources))


def incident_views(
    engine: Engine,
    *,
    country: str | None = None,
    admin1: str | None = None,
    types: Iterable[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[IncidentView]:
    """The incidents whose events match the filters, oldest first."""
    e, i, a, r = schema.events.c, schema.incidents.c, schema.articles.c, schema.reviews.c
    stmt = (
        select(e.id, e.incident_id, e.date, e.country, e.admin1, e.location, e.lat, e.lon,
               e.geo_precision, e.type, e.acled_event_type, e.killed, e.injured, e.intensity,
               e.evidence, a.site, a.url, a.title, a.published,
               i.killed.label("incident_killed"), i.injured.label("incident_injured"))
        .select_from(schema.events.join(schema.articles, e.doc_id == a.id)
                     .outerjoin(schema.incidents, e.incident_id == i.id))
        .where(e.status.in_(sorted(COUNTED_STATUSES)), e.date.is_not(None))
    )  # fmt: skip
    if country:
        stmt = stmt.where(e.country == country.upper())
    if admin1:
        stmt = stmt.where(e.admin1.ilike(admin1))
    if types:
        stmt = stmt.where(e.type.in_([t.upper() for t in types]))
    if since:
        stmt = stmt.where(e.date >= since)
    if until:
        stmt = stmt.where(e.date <= until)
    try:
        with engine.connect() as conn:
            rows = list(conn.execute(stmt.order_by(e.date, e.id)))
            verdicts = dict(conn.execute(
                select(r.event_id, r.verdict).where(r.field.is_(None)).order_by(r.id)).all())
    except SQLAlchemyError as err:
        raise StoreError(f"cannot read incidents: {err}") from None
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        if verdicts.get(row.id) != "reject":
            groups[row.incident_id or row.id].append(row)
    views = [_view(key, group) for key, group in groups.items()]
    return sorted(views, key=lambda v: (v.day, v.key))


def _most(values: Iterable[Any]) -> Any:
    counted = [v for v in values if v]
    return max(dict.fromkeys(counted), key=counted.count) if counted else None


def _view(key: str, rows: list[Any]) -> IncidentView:
    first = rows[0]
    killed_told = [row.killed for row in rows if row.killed is not None] or [0]
    injured_told = [row.injured for row in rows if row.injured is not None] or [0]
    killed = first.incident_killed if first.incident_killed is not None else max(killed_told)
    injured = first.incident_injured if first.incident_injured is not None else max(injured_told)
    place = _most(row.location for row in rows)
    located = next((row for row in rows if row.location == place and row.lat is not None), None)
    sources = tuple(Source(row.site, row.url, row.title, row.published, row.evidence)
                    for row in rows)
    return IncidentView(
        key=key, day=min(row.date for row in rows), type=_most(row.type for row in rows),
        acled_type=_most(row.acled_event_type for row in rows), place=place,
        admin1=_most(row.admin1 for row in rows), country=_most(row.country for row in rows),
        lat=located.lat if located else None, lon=located.lon if located else None,
        precision=located.geo_precision if located else None,
        killed=int(killed or 0), injured=int(injured or 0),
        killed_range=(min(killed_told), max(killed_told)),
        intensity=min((row.intensity or 0.0 for row in rows), default=0.0),
        event_ids=tuple(row.id for row in rows), sources=sources,
    )  # fmt: skip
