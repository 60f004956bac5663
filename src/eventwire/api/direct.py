"""``GET /api/events`` answered without FastAPI's per-request machinery, when that is safe.

FastAPI resolves a dozen query parameters through its dependency system for every request,
which costs about as much CPU as the page's SQL. ``plan(query_string)`` reads the same
parameters with the same rules for the values a client normally sends (plain strings within
their length, ``YYYY-MM-DD`` dates, ``true``/``false``, a limit of 1 to 500, a known sort),
and gives up (``None``) on anything else: an unknown or repeated name, an empty value, another
spelling of a date or a boolean. The route then answers as always, with its validation and
its error answers, so the two can only differ in speed. ``openapi.json`` still describes
the route.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import get_args
from urllib.parse import parse_qsl

from sqlalchemy import Engine

from . import queries
from .dependencies import reading
from .models import Sort
from .queries import ItemCache

# the route's text parameters and their max_length (dependencies.event_filters)
_TEXT = {"country": 8, "admin1": 255, "type": 16, "acled_type": 64, "status": 16,
         "actor": 200, "bbox": 100, "q": 200, "cursor": 400}
_DATES = ("since", "until")
_BOOLS = {"true": True, "false": False}
_SORTS = frozenset(get_args(Sort))
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LIMIT = re.compile(r"[1-9]\d{0,2}")
_KNOWN = frozenset([*_TEXT, *_DATES, "reviewed", "include_rejected", "sort", "limit"])


def plan(query_string: bytes, engine: Engine) -> Callable[[int, ItemCache], DirectPage] | None:
    """A function that reads the page for the query (its JSON bytes, and what tells whether
    a change to an event may change it), given the store's generation (read before) and the
    items already written at it; or ``None`` when the route must answer the query."""
    # as Starlette reads a query string
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    params = dict(pairs)
    if len(params) != len(pairs) or not _KNOWN.issuperset(params):
        return None
    for name, value in params.items():
        if not value or "\x00" in value or len(value) > _TEXT.get(name, 400):
            return None
    try:
        days = {name: _day(params.get(name)) for name in _DATES}
        reviewed = _BOOLS[params["reviewed"]] if "reviewed" in params else None
        include_rejected = _BOOLS[params.get("include_rejected", "false")]
    except (KeyError, ValueError):
        return None
    sort = params.get("sort", "-date")
    limit = params.get("limit", "50")
    if sort not in _SORTS or not _LIMIT.fullmatch(limit) or int(limit) > 500:
        return None
    try:
        filters = queries.Filters(
            country=params.get("country"), admin1=params.get("admin1"),
            type=params.get("type"), acled_type=params.get("acled_type"),
            status=params.get("status"), actor=params.get("actor"), since=days["since"],
            until=days["until"], bbox=queries.parse_bbox(params.get("bbox")),
            q=params.get("q"), reviewed=reviewed, include_rejected=include_rejected)
        cursor = params.get("cursor")
        if cursor:
            queries.decode_cursor(cursor, sort.lstrip("-"))
    except queries.BadQuery:
        return None

    def read(generation: int, items: ItemCache) -> DirectPage:
        with reading(engine) as conn:
            body, ids = queries.page_and_ids(conn, filters, sort=sort, limit=int(limit),
                                             cursor=cursor, items=items, generation=generation)
        return body, PageSource(filters, ids)

    return read


@dataclass(frozen=True)
class PageSource:
    """What a page was read from: its filters and the events it depends on (its items and
    the one past its end)."""

    filters: queries.Filters
    ids: frozenset[str]

    def may_change(self, changed: list[queries.EventState]) -> bool:
        """Whether the page may read otherwise after ``changed`` changed (as they stand
        now): one was on it, or one may now be listed by its filters."""
        return any(event.id in self.ids or queries.may_list(self.filters, event)
                   for event in changed)


DirectPage = tuple[bytes, PageSource]


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    if not _DAY.fullmatch(value):
        raise ValueError(value)
    return date.fromisoformat(value)


__all__ = ["DirectPage", "PageSource", "plan"]
