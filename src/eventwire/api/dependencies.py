"""What the routes share: settings, the database connection, keys, and the event filters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine

from ..errors import AccessError
from ..store.apikeys import key_owner
from .queries import BadQuery, Filters, parse_bbox
from .settings import ApiSettings


def get_settings(request: Request) -> ApiSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_engine(request: Request) -> Engine:
    return request.app.state.engine  # type: ignore[no-any-return]


def get_connection(engine: Annotated[Engine, Depends(get_engine)]) -> Iterator[Connection]:
    """One database connection per request, returned to the pool when the response is out."""
    with engine.connect() as conn:
        yield conn


Settings = Annotated[ApiSettings, Depends(get_settings)]
Conn = Annotated[Connection, Depends(get_connection)]

bearer = HTTPBearer(auto_error=False, description="An API key made by `eventwire keys "
                    "create NAME`, sent as `Authorization: Bearer KEY`.")


def require_key(conn: Conn,
                credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
                ) -> str:
    """The name of the caller's key (the reviewer); 401 without an active key."""
    if credentials is None:
        raise AccessError("this needs an API key: Authorization: Bearer KEY "
                          "(eventwire keys create NAME)")
    owner = key_owner(conn, credentials.credentials)
    if owner is None:
        raise AccessError("unknown or revoked API key")
    return owner


def read_access(request: Request, settings: Settings,
                credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
                ) -> None:
    """Reads are open, or keyed when the settings say so (the default off loopback)."""
    if not settings.reads_keyed:
        return
    engine: Engine = request.app.state.engine
    with engine.connect() as conn:
        require_key(conn, credentials)


Reviewer = Annotated[str, Depends(require_key)]


def event_filters(
    country: Annotated[str | None, Query(max_length=8, description="ISO3 code.")] = None,
    admin1: Annotated[str | None, Query(max_length=255, description="First-level region, "
                                        "whole name, any case.")] = None,
    type: Annotated[str | None, Query(max_length=16, description="PLOVER type (ASSAULT, "
                                      "PROTEST, ...).")] = None,
    acled_type: Annotated[str | None, Query(max_length=64, description="ACLED event type "
                                            "(Battles, Protests, ...).")] = None,
    status: Annotated[str | None, Query(max_length=16, description="occurred, planned, "
                                        "threatened, denied, ...")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Words in an actor's or "
                                       "recipient's name or text.")] = None,
    since: Annotated[date | None, Query(description="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Up to this date.")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="WEST,SOUTH,EAST,NORTH in "
                                      "degrees.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the evidence "
                                   "sentence (% and _ match themselves).")] = None,
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

__all__ = ["BadQuery", "Conn", "EventFilters", "Reviewer", "Settings", "event_filters",
           "get_connection", "get_engine", "get_settings", "read_access", "require_key"]
