"""The words each event's actor and recipient were read from, in columns of their own.

The API's actor filter matched the record's ``actor.text`` and ``recipient.text`` inside its
JSON, which both databases parse whole for every row they test (PostgreSQL keeps ``record`` as
``json`` text): most of the filter's time. ``events.actor_text`` and ``events.recipient_text``
hold them (the record is the machine's and reviews never change it); existing rows are filled
from their records.

The fill updates every row without the generation's triggers (which would log each row in
``store_changes``), then moves the generation once with no change recorded: a cache drops
everything, as for any write it cannot follow.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_BUMP = "UPDATE store_generation SET n = n + 1 WHERE id = 1"
# migration 0006's trigger on updates of events (SQLite), dropped through the fill
_SQLITE_TRIGGER = (
    "CREATE TRIGGER eventwire_generation_events_update AFTER UPDATE ON events BEGIN "
    f"{_BUMP}; INSERT INTO store_changes (n, event_id) SELECT n, NEW.id FROM store_generation "
    "WHERE id = 1; DELETE FROM store_changes WHERE n <= "
    "(SELECT n FROM store_generation WHERE id = 1) - 10000; END")


def upgrade() -> None:
    # plain ALTER TABLE, no batch: SQLite's batch mode may copy the table, losing its triggers
    op.add_column("events", sa.Column("actor_text", sa.Text(), nullable=True))
    op.add_column("events", sa.Column("recipient_text", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE events DISABLE TRIGGER eventwire_generation_events")
        op.execute("UPDATE events SET actor_text = record #>> '{actor,text}', "
                   "recipient_text = record #>> '{recipient,text}'")
        op.execute("ALTER TABLE events ENABLE TRIGGER eventwire_generation_events")
    else:
        op.execute("DROP TRIGGER IF EXISTS eventwire_generation_events_update")
        op.execute("UPDATE events SET actor_text = json_extract(record, '$.actor.text'), "
                   "recipient_text = json_extract(record, '$.recipient.text')")
        op.execute(_SQLITE_TRIGGER)
    op.execute(_BUMP)


def downgrade() -> None:
    op.drop_column("events", "recipient_text")
    op.drop_column("events", "actor_text")
    op.execute(_BUMP)
