"""The database schema, one for SQLite and PostgreSQL (SQLAlchemy Core).

- ``articles``: one row per article, its current version, keyed by an id made from its
  identity (its canonical URL, else its source and the id the source gave, else its content);
  ``content_hash`` and ``canonical_url`` are unique, so the same text twice is stored once.
- ``article_versions``: every version of every article (a story corrected is a new version;
  its events replace the old version's).
- ``events``: the full event record as JSON (``record``) plus the fields people filter on as
  columns (type, status, date, country, admin1, lat/lon, killed, injured, ...).
- ``incidents``: the same real-world event told by several articles (filled by clustering).
- ``reviews``: a person's verdict on an event or one of its fields (the whole history);
  ``event_reviews`` the state it leads to, one row per reviewed event.
- ``api_keys``: the hashes of the keys that may write through the REST API.
- ``alerts``: what a user's alert rules fired on (once per incident; updated when its toll rises).
- ``ingest_errors``: every item that could not be read or coded, once per fingerprint.
- ``watch_state``: what ``eventwire watch`` last saw of each source (ETag, Last-Modified, a
  file's size and time).
- ``runs``: one row per ``eventwire ingest``: its sources, options, counts and status, and the
  process (pid, host, heartbeat) that tells a killed run from a running one.
- ``store_generation``: one row whose ``n`` grows in the same transaction as every write to
  ``events``, ``event_reviews`` and ``articles`` (database triggers, migration 0005), so that
  a cache of reads (the API's) knows from one small read whether what it holds is current.
- ``store_changes``: which events each generation changed (the same triggers, migration 0006),
  so that such a cache drops only what a review or an edit could have changed.

Any change here needs an Alembic migration in ``store/migrations/versions`` (a test compares
``alembic upgrade head`` with this metadata).
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
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
    UniqueConstraint,
    func,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

GRID_ROW = 360  # a grid cell is one degree: ``floor(lat + 90) * 360 + floor(lon + 180)``


class grid_cell(FunctionElement[int]):
    """The one-degree cell of a point, as an integer: ``floor(lat + 90) * 360 + floor(lon +
    180)`` (SQLite's ``CAST`` cuts toward zero, which is ``floor`` from 0 up). A map box's
    events are those of its cells: the box filter reads an index on it (cells, then the
    newest first) instead of every event of its band of latitudes."""

    type = Integer()
    inherit_cache = True
    name = "grid_cell"


@compiles(grid_cell)
def _grid_cell_sqlite(element: grid_cell, compiler: Any, **kw: Any) -> str:
    lat, lon = (compiler.process(c, **kw) for c in element.clauses)
    return f"(CAST({lat} + 90 AS INTEGER) * {GRID_ROW} + CAST({lon} + 180 AS INTEGER))"


@compiles(grid_cell, "postgresql")
def _grid_cell_postgresql(element: grid_cell, compiler: Any, **kw: Any) -> str:
    lat, lon = (compiler.process(c, **kw) for c in element.clauses)
    return f"(CAST(floor({lat} + 90) * {GRID_ROW} + floor({lon} + 180) AS INTEGER))"


def grid_cells(west: float, south: float, east: float, north: float) -> list[int]:
    """The cells a box (``west <= east``) overlaps, as ``grid_cell`` numbers them."""
    columns = range(math.floor(west + 180), math.floor(east + 180) + 1)
    return [row * GRID_ROW + column for row in range(math.floor(south + 90),
                                                     math.floor(north + 90) + 1)
            for column in columns]


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
    # who runs it and when it last showed life: a "running" run whose process is gone is killed
    Column("pid", Integer),
    Column("host", String(255)),
    Column("heartbeat_at", DateTime(timezone=True)),
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
    # the cleaned text of the current version: the text event offsets index
    Column("text", Text),
    Column("meta", JSON),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # the file, or the file and the id the source gave, for articles without a URL
    Column("source_key", Text, index=True),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("updated_at", DateTime(timezone=True)),
)

# every version of every article: the current one is also in ``articles``
article_versions = Table(
    "article_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date),
    Column("n_chars", Integer, nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("text", Text),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("article_id", "version"),
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
    # the words the actor and the recipient were read from (the record's ``actor.text`` and
    # ``recipient.text``, which reviews never change): the actor filter reads them here, not
    # in the record's JSON (migration 0008)
    Column("actor_text", Text),
    Column("recipient_text", Text),
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
    # the box filter's range on lat, with lon and the sort kept in the index (no row reads)
    Index("ix_events_lat_lon_date_id", "lat", "lon", "date", "id"),
    # the API's pages: its sorts (newest first by default), under its common filters
    Index("ix_events_date_id", "date", "id"),
    Index("ix_events_country_date_id", "country", "date", "id"),
    Index("ix_events_type_date_id", "type", "date", "id"),
    Index("ix_events_acled_event_type_date_id", "acled_event_type", "date", "id"),
    Index("ix_events_killed_id", "killed", "id"),
    Index("ix_events_type_killed_id", "type", "killed", "id"),
    Index("ix_events_confidence_id", "confidence", "id"),
)

# a region, any case (the API's admin1 filter is lower(admin1) = lower(value)), newest first;
# PostgreSQL keeps the other filters' and sorts' columns in it too, so that a region's events
# are read from the index alone (a country's events lie in thousands of table pages)
Index("ix_events_admin1_lower", func.lower(events.c.admin1), events.c.date, events.c.id,
      postgresql_include=["admin1", "country", "killed", "confidence"])
# a map box: its cells, the newest first, with lat and lon to test the box's edges (migration
# 0009); PostgreSQL keeps the other sorts' columns too
Index("ix_events_grid_date_id", grid_cell(events.c.lat, events.c.lon), events.c.date,
      events.c.id, events.c.lat, events.c.lon, postgresql_include=["killed", "confidence"])

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

# what `eventwire watch` last saw of each source, so a restarted watch asks only for changes
watch_state = Table(
    "watch_state",
    metadata,
    Column("source", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("signature", Text),  # a file's size and modification time
    Column("checked_at", DateTime(timezone=True), nullable=False),
)

# The review state of each reviewed event, kept up to date with ``reviews`` (which holds the
# whole history): the newest verdict, who gave it and when, the analysts' values of the edited
# fields and the machine's values they replaced. Reads join this one row per event instead of
# folding the history.
event_reviews = Table(
    "event_reviews",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
    Column("state", String(16), nullable=False, index=True),  # accepted, rejected, edited
    Column("reviewer", String(255)),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Column("edits", JSON),  # {field: the analyst's value}
    Column("machine", JSON),  # {field: the machine's value}, for the same fields
    Column("n_reviews", Integer, nullable=False, default=0),
)

# API keys: only a hash of each key is stored; the key itself is shown once, when created.
api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(255), nullable=False, index=True),
    Column("prefix", String(16), nullable=False),  # the key's first characters, to tell keys apart
    Column("key_hash", String(128), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
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

store_generation = Table(
    "store_generation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # always 1
    Column("n", BigInteger, nullable=False),
)

# the events each generation changed: one row per event whose ``events`` row was updated or
# whose review state was written, by the same triggers (migration 0006); a generation without
# a row, or with a NULL ``event_id``, changed something else (articles, inserted or deleted
# events). Only the newest 10,000 generations are kept.
store_changes = Table(
    "store_changes",
    metadata,
    Column("n", BigInteger, nullable=False, index=True),
    Column("event_id", String(64)),
)

__all__ = ["GRID_ROW", "alerts", "api_keys", "article_versions", "articles", "event_reviews",
           "events", "grid_cell", "grid_cells", "incidents", "ingest_errors", "metadata",
           "reviews", "runs", "store_changes", "store_generation", "watch_state"]
