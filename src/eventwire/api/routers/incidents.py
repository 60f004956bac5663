"""Incidents: real-world events told by one or more articles.

Clustering (the incidents table) is not filled yet, so each event answers as an incident of
its own, with the same filters, sorting and pages as ``/api/events``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from .. import queries
from ..dependencies import Db, EventFilters, read_access, reading
from ..models import NO_NUL, IncidentPage, Sort
from ..responses import BAD_QUERY, KEYED, UNAVAILABLE, JSONBody

router = APIRouter(prefix="/api/incidents", tags=["incidents"], responses=UNAVAILABLE)


@router.get("", response_model=IncidentPage, dependencies=[Depends(read_access)],
            responses={**BAD_QUERY, **KEYED})
def list_incidents(
    db: Db,
    filters: EventFilters,
    sort: Annotated[Sort, Query(description="Sort key; '-' for descending.")] = "-date",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=400, pattern=NO_NUL)] = None,
) -> Any:
    """Incidents matching the filters (for now: one per event), a page at a time."""
    with reading(db) as conn:
        rows, next_cursor = queries.page_rows(conn, filters, sort=sort, limit=limit,
                                              cursor=cursor)
        return JSONBody({"items": [queries.incident(row) for row in rows],
                         "next_cursor": next_cursor})
