"""The database schema, one for SQLite and PostgreSQL (SQLAlchemy Core).

- ``articles``: one row per article coded, keyed by its id; ``content_hash`` and
  ``canonical_url`` are unique, so the same article twice is stored (and coded) once.
- ``events``: the full event record as JSON (``record``) plus the fields people filter on as
  columns (type, status, date, country, admin1, lat/lon, killed, injured, ...).
- ``incidents``: the same real-world event told by several articles (filled by clustering).
- ``alerts``: what a user's alert rules fired on (once per incident; updated when its toll rises).
- ``reviews``: a person's verdict on an event or one of its fields.
- ``ingest_errors``: every item that could not be read or coded, once per fingerprint.
- ``runs``: one row per ``eventwire ingest``: its sources, options, counts and status.

Any change here needs an Alembic migration in ``store/migrations/versions`` (a test compares
``alembic upgrade head`` with this metadata).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),  # running, done, failed
    Column("engine", String(16), nullable=False),
    Column("sources", JSON, nullable=False),
    Column("options", JSON, nullable=False),
    Column("articles", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
    Column("events", Integer, nullable=False, default=0),
    Column("errors", Integer, nullable=False, default=0),
    Column("version", String(32), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("canonical_url", Text, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date, index=True),
    Column("site", String(255), index=True),
    Column("language", String(16)),
    Column("source", Text),
    Column("content_type", String(8), nullable=False),
    Column("n_chars", Integer, nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("meta", JSON),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("type", String(16), index=True),
    Column("title", Text),
    Column("date", Date, index=True),
    Column("country", String(3), index=True),
    Column("admin1", String(255)),
    Column("lat", Float),
    Column("lon", Float),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("n_events", Integer, nullable=False, default=0),
    Column("n_sources", Integer, nullable=False, default=0),
    Column("record", JSON),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # filled by cluster.py (migration 0003): what the filters and exports read
    Column("status", String(16), index=True),
    Column("location", Text),
    Column("geo_precision", Integer),
    Column("date_precision", String(8)),
    Column("killed_low", Integer),
    Column("killed_high", Integer),
    Column("injured_low", Integer),
    Column("injured_high", Integer),
    Column("n_articles", Integer, nullable=False, default=0),
    Column("first_report", Date),
    Column("last_report", Date),
    Column("acled_event_type", String(64)),
    Index("ix_incidents_admin1", "admin1"),
    Index("ix_incidents_killed", "killed"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("doc_id", String(64), ForeignKey("articles.id"), nullable=False, index=True),
    Column("incident_id", String(64), ForeignKey("incidents.id"), index=True),
    Column("type", String(16), nullable=False, index=True),
    Column("mode", String(64)),
    Column("status", String(16), nullable=False, index=True),
    Column("cameo", String(8)),
    Column("intensity", Float),
    Column("acled_event_type", String(64)),
    Column("acled_sub_event_type", String(64)),
    Column("actor", Text),
    Column("actor_country", String(8)),
    Column("actor_sector", String(8)),
    Column("recipient", Text),
    Column("recipient_country", String(8)),
    Column("recipient_sector", String(8)),
    Column("location", Text),
    Column("country", String(8), index=True),
    Column("admin1", String(255), index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", Integer),
    Column("geo_precision", Integer),
    Column("date", Date, index=True),
    Column("date_precision", String(8)),
    Column("killed", Integer, index=True),
    Column("injured", Integer),
    Column("evidence", Text, nullable=False),
    Column("confidence", Float),
    Column("record", JSON, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Index("ix_events_lat_lon", "lat", "lon"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False, index=True),
    Column("field", String(64)),  # None: the event as a whole
    Column("verdict", String(16), nullable=False),  # accept, reject, edit
    Column("value", JSON),
    Column("reviewer", String(255)),
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule", String(255), nullable=False, index=True),  # the rule's name
    Column("kind", String(16), nullable=False),  # incident, escalation
    Column("incident_id", String(64), index=True),  # no foreign key: merges re-point it
    Column("place", Text),  # an escalation's place (country or admin1)
    Column("killed", Integer),
    Column("message", Text, nullable=False),
    Column("record", JSON, nullable=False),
    Column("fired_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updates", Integer, nullable=False, default=0),
    Column("delivered", String(255)),  # the webhook's answer, or why it failed
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fingerprint", String(64), nullable=False, unique=True),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("source", Text, nullable=False),
    Column("item", Text),
    Column("code", String(8), nullable=False, index=True),
    Column("kind", String(64), nullable=False),
    Column("message", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

__all__ = [
    "alerts", "articles", "events", "incidents", "ingest_errors", "metadata", "reviews", "runs",
]
