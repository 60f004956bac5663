"""Alembic environment: runs against the engine ``eventwire.store.db`` hands over."""

from __future__ import annotations

from alembic import context

from eventwire.store.db import create_db_engine
from eventwire.store.schema import metadata

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # run from the alembic command line: -x db=URL or sqlalchemy.url
    db = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option(
        "sqlalchemy.url"
    )
    engine = create_db_engine(db or "eventwire.db")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
