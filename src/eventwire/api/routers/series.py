"""Series: events, killed and injured per day or week, for the timeline."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from .. import queries
from ..dependencies import Db, EventFilters, read_access, reading
from ..models import Interval, SeriesOut
from ..responses import BAD_QUERY, KEYED, UNAVAILABLE, JSONBody

router = APIRouter(prefix="/api/series", tags=["series"], responses=UNAVAILABLE)


@router.get("", response_model=SeriesOut, dependencies=[Depends(read_access)],
            responses={**BAD_QUERY, **KEYED})
def get_series(db: Db, filters: EventFilters,
               interval: Annotated[Interval, Query(description="day, or week (from "
                                                   "Monday).")] = "day") -> Any:
    """Counts per day or week of the events matching the filters (days without events are
    left out); killed and injured count events that occurred or are ongoing."""
    with reading(db) as conn:
        points = queries.series(conn, filters, interval)
    return JSONBody({"interval": interval, "points": points})
