"""What the routes share: settings, the database, keys, and the event filters.

The dependencies that only read the request are ``async``: FastAPI runs them on the event
loop, where a sync one would cost a hop to the thread pool and back. A request thus reaches
the thread pool once, in its route, which opens its database connection there (``reading``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine

from ..errors import AccessError
from ..store.apikeys import key_owner
from .models import NO_NUL
from .queries import BadQuery, Filters, parse_bbox
from .settings import ApiSettings


async def get_settings(request: Request) -> ApiSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_engine(request: Request) -> Engine:
    return request.app.state.engine  # type: ignore[no-any-return]


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for one request's reads, back to the pool at the end of the block.

    On PostgreSQL in autocommit: each statement reads the newest commit, as it does in a
    transaction at the default isolation (read committed), without the ``BEGIN`` and
    ``ROLLBACK`` round trips a transaction costs there (two of a page's four or five).
    SQLite's driver opens no transaction for reads (setting it would only cost time)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT")
        yield conn


Settings = Annotated[ApiSettings, Depends(get_settings)]
Db = Annotated[Engine, Depends(get_engine)]

bearer = HTTPBearer(auto_error=False, description="An API key made by `eventwire keys "
                    "create NAME`, sent as `Authorization: Bearer KEY`.")


def _owner(engine: Engine, credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None:
        raise AccessError("this needs an API key: Authorization: Bearer KEY "
                          "(eventwire keys create NAME)")
    with engine.connect() as conn:
        owner = key_owner(conn, credentials.credentials)
    if owner is None:
        raise AccessError("unknown or revoked API key")
    return owner


async def require_key(engine: Db, credentials: Annotated[HTTPAuthorizationCredentials | None,
                                                         Depends(bearer)]) -> str:
    """The name of the caller's key (the reviewer); 401 without an active key."""
    return await run_in_threadpool(_owner, engine, credentials)


async def read_access(engine: Db, settings: Settings,
                      credentials: Annotated[HTTPAuthorizationCredentials | None,
                                             Depends(bearer)]) -> None:
    """Reads are open, or keyed when the settings say so (the default off loopback)."""
    if settings.reads_keyed:
        await run_in_threadpool(_owner, engine, credentials)


Reviewer = Annotated[str, Depends(require_key)]


def _text(max_length: int, description: str) -> Any:
    return Query(max_length=max_length, pattern=NO_NUL, description=description)


async def event_filters(
    country: Annotated[str | None, _text(8, "ISO3 code.")] = None,
    admin1: Annotated[str | None, _text(255, "First-level region, whole name, any case.")
                      ] = None,
    type: Annotated[str | None, _text(16, "PLOVER type (ASSAULT, PROTEST, ...).")] = None,
    acled_type: Annotated[str | None, _text(64, "ACLED event type (Battles, Protests, ...).")
                          ] = None,
    status: Annotated[str | None, _text(16, "occurred, planned, threatened, denied, ...")
                      ] = None,
    actor: Annotated[str | None, _text(200, "Words in an actor's or recipient's name or "
                                       "text.")] = None,
    since: Annotated[date | None, Query(description="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Up to this date.")] = None,
    bbox: Annotated[str | None, _text(100, "WEST,SOUTH,EAST,NORTH in degrees.")] = None,
    q: Annotated[str | None, _text(200, "Words in the evidence sentence (% and _ match "
                                   "themselves).")] = None,
    reviewed: Annotated[bool | None, Query(description="Only reviewed (true) or unreviewed "
                                           "(false) events.")] = None,
    include_rejected: Annotated[bool, Query(description="Include events analysts "
                                            "rejected.")] = False,
) -> Filters:
    return Filters(country=country, admin1=admin1, type=type, acled_type=acled_type,
                   status=status, actor=actor, since=since, until=until,
                   bbox=parse_bbox(bbox), q=q, reviewed=reviewed,
                   include_rejected=include_rejected)


EventFilters = Annotated[Filters, Depends(event_filters)]

__all__ = ["BadQuery", "Db", "EventFilters", "Reviewer", "Settings", "event_filters",
           "get_engine", "get_settings", "read_access", "reading", "require_key"]
