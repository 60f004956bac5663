"""Which events each generation of the store changed (``store_changes``).

A cache keyed on ``store_generation.n`` (migration 0005) had to drop everything when ``n``
moved, though a review touches one event. The triggers that raise ``n`` now also write, in the
same transaction, one row ``(n, event_id)`` for each event whose row in ``events`` was updated
or whose review state (``event_reviews``) was written or deleted. A cache that knows which
events a run of generations changed drops only what could show them; a generation without a
row, or with a row whose ``event_id`` is NULL, changed something else (an article, an inserted
or deleted event) and the cache drops everything, as before.

- SQLite: each row write raises ``n`` by one, so each generation of an update of ``events`` or
  a write of ``event_reviews`` has exactly one row; inserts and deletes of events and every
  write of articles leave their generations without rows.
- PostgreSQL: ``n`` rises once per transaction (deferred constraint triggers); the function
  writes a row per changed event, and one NULL row the first time the transaction writes
  anything else.

Rows older than ``KEEP`` generations are deleted as new ones come: a cache further behind
drops everything.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 01:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

KEEP = 10_000

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION eventwire_bump_generation() RETURNS trigger AS $$
DECLARE
    g bigint;
    changed text;
BEGIN
    IF current_setting('eventwire.generation_bumped', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('eventwire.generation_bumped', '1', true);
        EXECUTE format('UPDATE %I.store_generation SET n = n + 1 WHERE id = 1 RETURNING n',
                       TG_TABLE_SCHEMA) INTO g;
        PERFORM set_config('eventwire.generation', g::text, true);
        PERFORM set_config('eventwire.generation_whole', '', true);
        EXECUTE format('DELETE FROM %I.store_changes WHERE n <= $1', TG_TABLE_SCHEMA)
            USING g - {KEEP};
    ELSE
        g := current_setting('eventwire.generation')::bigint;
    END IF;
    IF TG_TABLE_NAME = 'event_reviews' AND TG_OP = 'DELETE' THEN
        changed := OLD.event_id;
    ELSIF TG_TABLE_NAME = 'event_reviews' THEN
        changed := NEW.event_id;
    ELSIF TG_TABLE_NAME = 'events' AND TG_OP = 'UPDATE' THEN
        IF OLD.id = NEW.id THEN
            changed := NEW.id;
        END IF;
    END IF;
    IF changed IS NOT NULL THEN
        EXECUTE format('INSERT INTO %I.store_changes (n, event_id) VALUES ($1, $2)',
                       TG_TABLE_SCHEMA) USING g, changed;
    ELSIF current_setting('eventwire.generation_whole', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('eventwire.generation_whole', '1', true);
        EXECUTE format('INSERT INTO %I.store_changes (n, event_id) VALUES ($1, NULL)',
                       TG_TABLE_SCHEMA) USING g;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

# migration 0005's function, for the downgrade
_PG_FUNCTION_0005 = """
CREATE OR REPLACE FUNCTION eventwire_bump_generation() RETURNS trigger AS $$
BEGIN
    IF current_setting('eventwire.generation_bumped', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('eventwire.generation_bumped', '1', true);
        EXECUTE format('UPDATE %I.store_generation SET n = n + 1 WHERE id = 1',
                       TG_TABLE_SCHEMA);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

_BUMP = "UPDATE store_generation SET n = n + 1 WHERE id = 1;"
# SQLite: the triggers whose row writes name one event, and the event they name
_SQLITE_LOGGED = {
    ("events", "update"): "NEW.id",
    ("event_reviews", "insert"): "NEW.event_id",
    ("event_reviews", "update"): "NEW.event_id",
    ("event_reviews", "delete"): "OLD.event_id",
}


def _sqlite_trigger(table: str, operation: str, body: str) -> None:
    name = f"eventwire_generation_{table}_{operation}"
    op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"CREATE TRIGGER {name} AFTER {operation.upper()} ON {table} BEGIN {body} END")


def upgrade() -> None:
    op.create_table(
        "store_changes",
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=True),
    )
    op.create_index(op.f("ix_store_changes_n"), "store_changes", ["n"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)  # the triggers of 0005 call it
        return
    for (table, operation), event_id in _SQLITE_LOGGED.items():
        _sqlite_trigger(table, operation, (
            f"{_BUMP} INSERT INTO store_changes (n, event_id) SELECT n, {event_id} "
            "FROM store_generation WHERE id = 1; DELETE FROM store_changes WHERE n <= "
            f"(SELECT n FROM store_generation WHERE id = 1) - {KEEP};"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION_0005)
    else:
        for table, operation in _SQLITE_LOGGED:
            _sqlite_trigger(table, operation, _BUMP)
    op.drop_index(op.f("ix_store_changes_n"), table_name="store_changes")
    op.drop_table("store_changes")
