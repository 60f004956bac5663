"""What a situation report holds, gathered from the store for one place and period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, MetaData, Table, select
from sqlalchemy.exc import SQLAlchemyError

from ..analyze import Flag, Point, Unit, escalation_flags, series
from ..errors import StoreError
from ..store.incident_views import IncidentView, incident_views

DEFAULT_DAYS = 28
DAILY_UP_TO_DAYS = 62  # longer periods are charted by week


@dataclass(frozen=True)
class Figures:
    """Headline numbers of one period."""

    incidents: int
    killed: int
    injured: int
    places: int
    sources: int

    @classmethod
    def of(cls, views: list[IncidentView]) -> Figures:
        return cls(
            incidents=len(views),
            killed=sum(v.killed for v in views),
            injured=sum(v.injured for v in views),
            places=len({(v.country, v.admin1, v.place) for v in views if v.place}),
            sources=len({s.site or s.url for v in views for s in v.sources}),
        )


@dataclass
class ReportData:
    title: str
    since: date
    until: date
    previous: tuple[date, date]
    filters: dict[str, str]
    current: Figures
    before: Figures
    incidents: list[IncidentView]
    by_type: list[tuple[str, int, int]]  # type, incidents, killed
    interval: str
    points: list[Point]
    flags: list[Flag]
    alerts: list[dict[str, Any]] = field(default_factory=list)
    generated: datetime = field(default_factory=lambda: datetime.now(UTC))

    def top(self, n: int = 10) -> list[IncidentView]:
        """The incidents a reader looks at first: most killed, then most sources, then latest."""
        return sorted(self.incidents, key=lambda v: (-v.killed, -len(v.outlets), -v.injured,
                                                     v.day.toordinal() * -1))[:n]


def gather(
    engine: Engine,
    *,
    country: str | None = None,
    admin1: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> ReportData:
    """The report's content. Without dates it covers the 28 days up to the latest incident the
    filters match; the previous period is as long and ends the day before ``since``."""
    everything = incident_views(engine, country=country, admin1=admin1, until=until)
    if until is None:
        until = max((v.day for v in everything), default=datetime.now(UTC).date())
    if since is None:
        since = until - timedelta(days=DEFAULT_DAYS - 1)
    if since > until:
        raise StoreError(f"the period starts ({since}) after it ends ({until})")
    length = (until - since).days + 1
    previous = (since - timedelta(days=length), since - timedelta(days=1))
    current = [v for v in everything if since <= v.day <= until]
    before = [v for v in everything if previous[0] <= v.day <= previous[1]]
    interval = "day" if length <= DAILY_UP_TO_DAYS else "week"
    units = [Unit(v.key, v.day, v.country, v.admin1, v.type, v.killed, v.injured, v.intensity)
             for v in everything]
    level = "country" if admin1 is None and country is None else "admin1"
    points = _total(series([u for u in units if since <= u.day <= until], interval=interval,
                           level="country", since=since, until=until))
    flags = [f for f in escalation_flags(units, level=level, until=until)
             if f.period >= since - timedelta(days=6)]
    types: dict[str, list[int]] = {}
    for view in current:
        counts = types.setdefault(view.type, [0, 0])
        counts[0] += 1
        counts[1] += view.killed
    where = ", ".join(x for x in (admin1, country) if x) or "all places"
    return ReportData(
        title=f"Situation report: {where}, {since:%d %b %Y} to {until:%d %b %Y}",
        since=since, until=until, previous=previous,
        filters={k: v for k, v in (("country", country), ("admin1", admin1)) if v},
        current=Figures.of(current), before=Figures.of(before), incidents=current,
        by_type=sorted(((t, c[0], c[1]) for t, c in types.items()), key=lambda x: -x[1]),
        interval=interval, points=points, flags=flags,
        alerts=_alerts(engine, since, until),
    )  # fmt: skip


def _total(points: list[Point]) -> list[Point]:
    """One point per period, all places summed (the timeline shows the whole filter)."""
    totals: dict[date, list[float]] = {}
    for p in points:
        t = totals.setdefault(p.period, [0, 0, 0, 0.0])
        t[0] += p.incidents
        t[1] += p.killed
        t[2] += p.injured
        t[3] += p.intensity
    return [Point(d, "all", int(t[0]), int(t[1]), int(t[2]), t[3])
            for d, t in sorted(totals.items())]


def _alerts(engine: Engine, since: date, until: date) -> list[dict[str, Any]]:
    """The alerts that fired in the period, if this store keeps alerts."""
    try:
        table = Table("alerts", MetaData(), autoload_with=engine)
    except SQLAlchemyError:
        return []
    stamp = next((c for c in ("fired_at", "created_at", "updated_at") if c in table.c), None)
    stmt = select(table)
    if stamp is not None:
        start = datetime.combine(since, datetime.min.time())
        stmt = stmt.order_by(table.c[stamp])
        rows = [dict(r._mapping) for r in _rows(engine, stmt)]
        return [r for r in rows if r.get(stamp) is None or _naive(r[stamp]) >= start
                or _covers(r, since, until)]
    return [dict(r._mapping) for r in _rows(engine, stmt)]


def _rows(engine: Engine, stmt: Any) -> list[Any]:
    try:
        with engine.connect() as conn:
            return list(conn.execute(stmt))
    except SQLAlchemyError:
        return []


def _naive(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time())
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError:
        return datetime.max


def _covers(row: dict[str, Any], since: date, until: date) -> bool:
    day = row.get("date") or row.get("incident_date")
    return isinstance(day, date) and since <= day <= until
