"""An index for the map box: each event's one-degree cell, then the newest first.

The box filter read ``ix_events_lat_lon_date_id`` by its range of latitudes: every event of
that band around the world (a 4-degree box over Syria read 10,000-20,000 index entries for
its 3,000 events; the whole world read and sorted all of them). ``schema.grid_cell`` numbers
a point's cell (``floor(lat + 90) * 360 + floor(lon + 180)``, an integer); the API adds the
cells of a box of up to ``MAX_CELLS`` to its filter, and the index gives their events, newest
first, with lat and lon to test the box's edges without reading the table.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# as schema.grid_cell compiles for each database (the query's expression must be the index's)
_CELL = {
    "postgresql": "(CAST(floor(lat + 90) * 360 + floor(lon + 180) AS INTEGER))",
    "sqlite": "(CAST(lat + 90 AS INTEGER) * 360 + CAST(lon + 180 AS INTEGER))",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_index("ix_events_grid_date_id", "events",
                    [sa.text(_CELL.get(dialect, _CELL["sqlite"])), "date", "id", "lat", "lon"],
                    unique=False, postgresql_include=["killed", "confidence"])
    op.execute("ANALYZE events")


def downgrade() -> None:
    op.drop_index("ix_events_grid_date_id", table_name="events")
