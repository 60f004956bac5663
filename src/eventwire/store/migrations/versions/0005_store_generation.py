"""The store's generation (a counter every write moves) and a covering index for the box.

- ``store_generation``: one row, ``n``, raised by triggers in the transaction of every insert,
  update or delete on ``events``, ``event_reviews`` and ``articles``, whoever writes (the
  pipeline, the CLI, the API, another process). A cache of reads keyed on ``n`` is current
  when ``n`` is: the API reads ``n`` before it reads the data, and the data's commit moves
  ``n`` in the same transaction.

  SQLite: row triggers (one writer at a time; a row update costs a microsecond).
  PostgreSQL: constraint triggers deferred to the commit, which raise ``n`` once per
  transaction. Deferred, the row lock on the counter is taken last, held only through the
  commit, and never while waiting for another lock, so two writers cannot deadlock on it.
- ``ix_events_lat_lon_date_id`` replaces ``ix_events_lat_lon``: the box filter reads lat, lon,
  date and id from the index alone.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("events", "event_reviews", "articles")
_OPERATIONS = ("insert", "update", "delete")

# the counter's schema is the written table's: the same function serves every schema
_PG_FUNCTION = """
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


def upgrade() -> None:
    # plain index operations (no batch: SQLite's batch mode may copy the table, and a copy
    # would lose the triggers)
    op.drop_index("ix_events_lat_lon", table_name="events")
    op.create_index("ix_events_lat_lon_date_id", "events", ["lat", "lon", "date", "id"],
                    unique=False)
    op.create_table(
        "store_generation",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_generation")),
    )
    op.execute("INSERT INTO store_generation (id, n) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for table in TABLES:
            op.execute(f"CREATE CONSTRAINT TRIGGER eventwire_generation_{table} "
                       f"AFTER INSERT OR UPDATE OR DELETE ON {table} "
                       "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                       "EXECUTE FUNCTION eventwire_bump_generation()")
    else:
        for table in TABLES:
            for operation in _OPERATIONS:
                op.execute(f"CREATE TRIGGER eventwire_generation_{table}_{operation} "
                           f"AFTER {operation.upper()} ON {table} BEGIN "
                           "UPDATE store_generation SET n = n + 1 WHERE id = 1; END")



def downgrade() -> None:
    op.drop_index("ix_events_lat_lon_date_id", table_name="events")
    op.create_index("ix_events_lat_lon", "events", ["lat", "lon"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS eventwire_generation_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS eventwire_bump_generation()")
    else:
        for table in TABLES:
            for operation in _OPERATIONS:
                op.execute(f"DROP TRIGGER IF EXISTS eventwire_generation_{table}_{operation}")
    op.drop_table("store_generation")
