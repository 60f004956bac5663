"""Opening the database: a URL or a bare path in, a ready SQLAlchemy engine out.

A bare path (``eventwire.db``) is a SQLite file, opened in WAL mode so readers never block
the one writer; ``postgresql://...`` uses psycopg 3. ``open_store`` also brings the schema to
the newest Alembic revision, so every command sees the same tables.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import StoreError, StoreReadOnlyError

logger = logging.getLogger(__name__)


def store_error(err: SQLAlchemyError, db: str | None = None) -> StoreError:
    """The coded error for a database failure: read-only, unreachable, or other."""
    first = str(err).splitlines()[0] if str(err) else type(err).__name__
    where = f" {db!r}" if db else ""
    if "readonly" in first.replace("-", "").replace(" ", "").lower():
        return StoreReadOnlyError(f"the database{where} cannot be written (a read-only file or "
                                  "folder): give a writable --db, or fix its permissions")
    if "unable to open database file" in first:
        return StoreError(f"cannot open the database{where}: its folder is missing or "
                          "cannot be written")
    return StoreError(f"cannot use the database{where}: {first}")


def database_url(db: str) -> str:
    """The SQLAlchemy URL for ``db``: a URL as given (psycopg for PostgreSQL), a path as SQLite."""
    if "://" not in db:
        return "sqlite:///" + str(Path(db).expanduser().resolve())
    for prefix in ("postgresql://", "postgres://"):
        if db.startswith(prefix):
            return "postgresql+psycopg://" + db[len(prefix):]
    return db


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def create_db_engine(db: str, **options: Any) -> Engine:
    """An engine for ``db`` (URL or SQLite path), without touching the schema; ``options`` go
    to ``create_engine`` (pool sizes, for a server)."""
    url = database_url(db)
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(url, **options)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            # a database that does not answer is an error within seconds, not a hang
            timeout = int(float(os.environ.get("EVENTWIRE_DB_TIMEOUT", "10")))
            # a ping on every checkout, unless the caller pings otherwise (the API server)
            options = {"pool_pre_ping": True, **options}
            engine = create_engine(url, connect_args={"connect_timeout": timeout}, **options)
    except (ArgumentError, SQLAlchemyError, ImportError) as err:
        raise StoreError(f"cannot open the database {db!r}: {err}") from None
    return engine


def alembic_config(engine: Engine) -> AlembicConfig:
    """Alembic settings pointing at the migrations shipped in this package."""
    cfg = AlembicConfig()
    location = resources.files("eventwire.store").joinpath("migrations")
    cfg.set_main_option("script_location", str(location))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (the newest by default)."""
    try:
        command.upgrade(alembic_config(engine), revision)
    except SQLAlchemyError as err:
        raise store_error(err) from None


@lru_cache(maxsize=8)
def open_store(db: str) -> Engine:
    """An engine for ``db`` with the schema at the newest revision; cached per process."""
    engine = create_db_engine(db)
    try:
        tables = set(inspect(engine).get_table_names())
    except SQLAlchemyError as err:
        raise store_error(err, db) from None
    if "alembic_version" not in tables or "articles" not in tables:
        logger.info("creating the eventwire schema in %s", engine.url.render_as_string())
    upgrade(engine)
    return engine
