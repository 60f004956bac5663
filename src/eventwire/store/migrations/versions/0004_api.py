"""The REST API: review state, API keys, and indexes for the API's filters.

- ``event_reviews``: one row per reviewed event with its current state (``reviews`` keeps the
  whole history).
- ``api_keys``: hashes of the keys that may write through the API.
- indexes on ``events`` for the API's default order (newest first) and its common filters.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 16:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_EVENT_INDEXES = {
    "ix_events_date_id": ["date", "id"],
    "ix_events_country_date_id": ["country", "date", "id"],
    "ix_events_type_date_id": ["type", "date", "id"],
    "ix_events_acled_event_type_date_id": ["acled_event_type", "date", "id"],
    "ix_events_killed_id": ["killed", "id"],
    "ix_events_type_killed_id": ["type", "killed", "id"],
    "ix_events_confidence_id": ["confidence", "id"],
}


def upgrade() -> None:
    op.create_table(
        "event_reviews",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reviewer", sa.String(length=255), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edits", sa.JSON(), nullable=True),
        sa.Column("machine", sa.JSON(), nullable=True),
        sa.Column("n_reviews", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_reviews_event_id_events")
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_event_reviews")),
    )
    with op.batch_alter_table("event_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_reviews_state"), ["state"], unique=False)

    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_keys_name"), ["name"], unique=False)

    with op.batch_alter_table("events", schema=None) as batch_op:
        for name, columns in _EVENT_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name in _EVENT_INDEXES:
            batch_op.drop_index(name)
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_keys_name"))
    op.drop_table("api_keys")
    with op.batch_alter_table("event_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_reviews_state"))
    op.drop_table("event_reviews")
