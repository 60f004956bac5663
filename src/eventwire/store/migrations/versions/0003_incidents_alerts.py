"""Incidents filled by clustering (place, status, ranges, reports) and the alerts table.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_NEW_INCIDENT_COLUMNS = [
    sa.Column("status", sa.String(length=16), nullable=True),
    sa.Column("location", sa.Text(), nullable=True),
    sa.Column("geo_precision", sa.Integer(), nullable=True),
    sa.Column("date_precision", sa.String(length=8), nullable=True),
    sa.Column("killed_low", sa.Integer(), nullable=True),
    sa.Column("killed_high", sa.Integer(), nullable=True),
    sa.Column("injured_low", sa.Integer(), nullable=True),
    sa.Column("injured_high", sa.Integer(), nullable=True),
    sa.Column("n_articles", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("first_report", sa.Date(), nullable=True),
    sa.Column("last_report", sa.Date(), nullable=True),
    sa.Column("acled_event_type", sa.String(length=64), nullable=True),
]


def upgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        for column in _NEW_INCIDENT_COLUMNS:
            batch_op.add_column(column)
        batch_op.alter_column("n_articles", server_default=None)
        batch_op.create_index(batch_op.f("ix_incidents_status"), ["status"], unique=False)
        batch_op.create_index("ix_incidents_admin1", ["admin1"], unique=False)
        batch_op.create_index("ix_incidents_killed", ["killed"], unique=False)

    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rule", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updates", sa.Integer(), nullable=False),
        sa.Column("delivered", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_incident_id"), ["incident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alerts_rule"), ["rule"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_rule"))
        batch_op.drop_index(batch_op.f("ix_alerts_incident_id"))
    op.drop_table("alerts")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_killed")
        batch_op.drop_index("ix_incidents_admin1")
        batch_op.drop_index(batch_op.f("ix_incidents_status"))
        for column in reversed(_NEW_INCIDENT_COLUMNS):
            batch_op.drop_column(column.name)
