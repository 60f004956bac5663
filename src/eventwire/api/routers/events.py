"""Events: the filtered list, one event with its article and history, and reviews."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy import Connection

from ...errors import NotFoundError
from ...store.reviews import add_review, review_history, validate_fields
from .. import queries
from ..dependencies import Db, EventFilters, Reviewer, read_access, reading
from ..models import NO_NUL, EventDetail, EventPage, ReviewIn, ReviewResult, Sort
from ..responses import BAD_QUERY, KEYED, NOT_FOUND, TOO_LARGE, UNAVAILABLE, JSONBody, RawJSON

router = APIRouter(prefix="/api/events", tags=["events"], responses=UNAVAILABLE)

EventId = Annotated[str, Path(max_length=64, pattern=NO_NUL, description="The event's id.")]


@router.get("", response_model=EventPage, dependencies=[Depends(read_access)],
            responses={**BAD_QUERY, **KEYED})
def list_events(
    db: Db,
    filters: EventFilters,
    sort: Annotated[Sort, Query(description="Sort key; '-' for descending. Events without "
                                "the key come last.")] = "-date",
    limit: Annotated[int, Query(ge=1, le=500, description="Events per page.")] = 50,
    cursor: Annotated[str | None, Query(max_length=400, pattern=NO_NUL,
                                        description="next_cursor of the previous page.")
                      ] = None,
) -> Any:
    """Events matching the filters, a page at a time; rejected events only when asked for."""
    with reading(db) as conn:
        return RawJSON(queries.page(conn, filters, sort=sort, limit=limit, cursor=cursor))


def detail(conn: Connection, event_id: str) -> dict[str, Any]:
    row = queries.event_row(conn, event_id)
    if row is None:
        raise NotFoundError(f"no event {event_id!r}")
    out = queries.item(row)
    out["article"].update(language=row.article_language, text=row.article_text,
                          n_events=row.article_n_events)
    out["history"] = [{**review, "at": queries.iso(review["at"])}
                      for review in review_history(conn, event_id)]
    return out


@router.get("/{event_id}", response_model=EventDetail, dependencies=[Depends(read_access)],
            responses={**KEYED, **NOT_FOUND})
def get_event(db: Db, event_id: EventId) -> Any:
    """One event with its evidence, its article (text included) and its review history."""
    with reading(db) as conn:
        return JSONBody(detail(conn, event_id))


@router.post("/{event_id}/reviews", response_model=ReviewResult, status_code=201,
             responses={**BAD_QUERY, **KEYED, **NOT_FOUND, **TOO_LARGE})
def review_event(event_id: EventId, body: ReviewIn, reviewer: Reviewer, engine: Db) -> Any:
    """Accept, reject or edit an event. The key's name is the reviewer; the history is kept
    whole, and reads show the edited values with the machine's beside them."""
    fields = validate_fields(body.fields or {}) if body.verdict == "edit" else body.fields
    state = add_review(engine, event_id, verdict=body.verdict, reviewer=reviewer,
                       fields=fields, comment=body.comment)
    if state is None:
        raise NotFoundError(f"no event {event_id!r}")
    with reading(engine) as conn:
        event = detail(conn, event_id)
    review = next(r for r in event.pop("history") if r["id"] == state.review_id)
    for name in ("language", "text", "n_events"):
        event["article"].pop(name, None)
    return JSONBody({"review": review, "event": event}, status_code=201)
