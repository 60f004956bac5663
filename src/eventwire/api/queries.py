"""The API's reads: events by filters with keyset pagination, one event, series, menus, export
rows. SQLAlchemy Core only; every value the user gives is a bound parameter.

Pagination is by keyset, not offset: a cursor holds the last row's sort value and id, and the
next page starts after it, so deep pages cost what the first does and rows added meanwhile do
not shift the pages. Rows whose sort column is NULL come after all others in either direction,
read as a second phase (``col IS NULL``, by id): each phase is a plain index range scan on both
SQLite and PostgreSQL, whose NULL orderings differ.
"""

from __future__ import annotations

import base64
import json
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import (
    Connection,
    Float,
    Integer,
    Select,
    String,
    Text,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
    tuple_,
)

from ..model import COUNTED_STATUSES
from ..store import schema
from ..store.reviews import reviewed_record

E, A, R = schema.events.c, schema.articles.c, schema.event_reviews.c


# a box of up to this many one-degree cells is read through their index (``grid_cell``)
MAX_CELLS = 400


class BadQuery(ValueError):
    """A filter, sort or cursor the API cannot use; the message says which and why."""


@dataclass(frozen=True)
class Filters:
    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    acled_type: str | None = None
    status: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None
    reviewed: bool | None = None
    include_rejected: bool = False


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``W,S,E,N`` in degrees; west may exceed east for a box across the antimeridian."""
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise BadQuery("bbox is WEST,SOUTH,EAST,NORTH in degrees") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise BadQuery("bbox: longitudes within -180..180, latitudes within -90..90, "
                       "south <= north")
    return west, south, east, north


def _joined(columns: list[Any], *, articles: bool) -> Select[Any]:
    source = schema.events.outerjoin(schema.event_reviews, R.event_id == E.id)
    if articles:
        source = source.join(schema.articles, A.id == E.doc_id)
    return select(*columns).select_from(source)


def where(filters: Filters) -> tuple[list[Any], dict[str, Any]]:
    """The conditions of ``filters`` on the events table, and the values of their bound
    parameters. The conditions depend only on which filters are set (``_shape``), so they
    are built once per shape and the statements made of them are reused."""
    shape, values = _shape(filters)
    return list(_conditions(shape)), values


def _shape(filters: Filters) -> tuple[tuple[str, ...], dict[str, Any]]:
    f = filters
    shape: list[str] = []
    values: dict[str, Any] = {}

    def add(name: str, value: Any) -> None:
        shape.append(name)
        values[name] = value

    if f.country:
        add("country", f.country.strip().upper())
    if f.admin1:
        add("admin1", f.admin1.strip())
    if f.type:
        add("type", f.type.strip().upper())
    if f.acled_type:
        add("acled_type", f.acled_type.strip())
    if f.status:
        add("status", f.status.strip().lower())
    if f.actor:
        add("actor", _escaped(f.actor.strip()))
    if f.since:
        add("since", f.since)
    if f.until:
        add("until", f.until)
    if f.bbox:
        west, south, east, north = f.bbox
        shape.append("bbox" if west <= east else "bbox_across")
        values.update(west=west, south=south, east=east, north=north)
        cells = schema.grid_cells(west, south, east, north) if west <= east else []
        if 0 < len(cells) <= MAX_CELLS:  # a wider box: most events of its band are in it
            add("cells", cells)
    if f.q:
        add("q", _escaped(f.q))
    if f.reviewed is not None:
        shape.append("reviewed" if f.reviewed else "unreviewed")
    if not f.include_rejected:
        shape.append("no_rejected")
    return tuple(shape), values


@lru_cache(maxsize=256)
def _conditions(shape: tuple[str, ...]) -> tuple[Any, ...]:
    out: list[Any] = []
    for name in shape:
        if name == "country":
            out.append(E.country == bindparam("country"))
        elif name == "admin1":  # the whole name, any case: equal in lower case, which
            # costs half an ILIKE with its pattern escaped on both databases
            out.append(func.lower(E.admin1) == func.lower(bindparam("admin1", type_=String)))
        elif name == "type":
            out.append(E.type == bindparam("type"))
        elif name == "acled_type":
            out.append(E.acled_event_type == bindparam("acled_type"))
        elif name == "status":
            out.append(E.status == bindparam("status"))
        elif name == "actor":
            needle = bindparam("actor", type_=String)
            # the names (reviews may edit them) and the words they were read from (the
            # record's ``actor.text``, ``recipient.text``, in columns of their own)
            out.append(or_(*(column.icontains(needle, escape="\\") for column in (
                E.actor, E.recipient, E.actor_text, E.recipient_text))))
        elif name == "since":
            out.append(E.date >= bindparam("since", type_=E.date.type))
        elif name == "until":
            out.append(E.date <= bindparam("until", type_=E.date.type))
        elif name in ("bbox", "bbox_across"):
            west, east = bindparam("west", type_=Float), bindparam("east", type_=Float)
            # a box read through its cells tests its edges on the cells' index entries:
            # ``lat + 0`` keeps the lat/lon index out of the plan, which PostgreSQL's plan
            # for any values (a prepared statement's generic plan) took, testing the cells
            # row by row along the box's band of latitudes
            lat, lon = ((E.lat + literal_column("0"), E.lon + literal_column("0"))
                        if "cells" in shape else (E.lat, E.lon))
            out += [lat >= bindparam("south", type_=Float),
                    lat <= bindparam("north", type_=Float)]
            out.append(and_(lon >= west, lon <= east) if name == "bbox"
                       else or_(lon >= west, lon <= east))
        elif name == "cells":  # implied by the box's edges: the way to its events
            out.append(schema.grid_cell(E.lat, E.lon).in_(
                bindparam("cells", expanding=True, type_=Integer)))
        elif name == "q":
            out.append(E.evidence.icontains(bindparam("q", type_=String), escape="\\"))
        # reviews touch few events: sets of ids (read once per query) keep the events table
        # the only one the filters scan
        elif name == "reviewed":
            out.append(E.id.in_(select(R.event_id)))
        elif name == "unreviewed":
            out.append(E.id.not_in(select(R.event_id)))
        elif name == "no_rejected":
            out.append(E.id.not_in(select(R.event_id).where(R.state == "rejected")))
    return tuple(out)


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class EventState:
    """What the filters read of one event as it stands (its ``events`` columns, the actors'
    words in its record, its review state): to tell whether a page may list it."""

    id: str
    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    acled_event_type: str | None = None
    status: str | None = None
    actor: str | None = None
    recipient: str | None = None
    actor_text: str | None = None
    recipient_text: str | None = None
    date: date | None = None
    lat: float | None = None
    lon: float | None = None
    evidence: str | None = None
    review_state: str | None = None


def _contains(needle: str, haystacks: tuple[str | None, ...]) -> bool:
    """Whether a case-blind ``LIKE '%needle%'`` may match one of ``haystacks``: exactly for
    ASCII text; text beyond it may match (SQLite folds ASCII only, PostgreSQL all)."""
    if not needle.isascii():
        return True
    needle = needle.lower()
    for text in haystacks:
        if text is None:
            continue
        if not text.isascii() or needle in text.lower():
            return True
    return False


def may_list(filters: Filters, event: EventState) -> bool:
    """Whether ``where(filters)`` may hold for ``event``: never ``False`` where the database
    would say true (a doubt is a yes)."""
    f, e = filters, event
    if f.country and e.country != f.country.strip().upper():
        return False
    if f.admin1:
        wanted = f.admin1.strip()
        if e.admin1 is None:
            return False
        if wanted.isascii() and e.admin1.isascii() and e.admin1.lower() != wanted.lower():
            return False
    if f.type and e.type != f.type.strip().upper():
        return False
    if f.acled_type and e.acled_event_type != f.acled_type.strip():
        return False
    if f.status and e.status != f.status.strip().lower():
        return False
    if f.actor and not _contains(f.actor.strip(), (e.actor, e.recipient, e.actor_text,
                                                   e.recipient_text)):
        return False
    if (f.since or f.until) and e.date is None:
        return False
    if f.since and e.date < f.since:  # type: ignore[operator]
        return False
    if f.until and e.date > f.until:  # type: ignore[operator]
        return False
    if f.bbox:
        west, south, east, north = f.bbox
        if e.lat is None or e.lon is None or not south <= e.lat <= north:
            return False
        if (not west <= e.lon <= east) if west <= east else (west > e.lon > east):
            return False
    if f.q and not _contains(f.q, (e.evidence,)):
        return False
    if f.reviewed is not None and (e.review_state is not None) != f.reviewed:
        return False
    return f.include_rejected or e.review_state != "rejected"


# -- events -----------------------------------------------------------------------------------

# The record comes as JSON text: a page is mostly records, passed on without being parsed and
# written again (``item_json``); only edited ones are parsed, to lay the edits over them.
ITEM_COLUMNS = [
    E.id, E.doc_id, E.date, E.killed, E.confidence, cast(E.record, Text).label("record_json"),
    A.title.label("article_title"), A.url.label("article_url"),
    A.published.label("article_published"), A.site.label("article_site"),
    R.state.label("review_state"), R.reviewer.label("review_reviewer"),
    R.reviewed_at.label("review_at"), R.edits.label("review_edits"),
    R.machine.label("review_machine"),
]  # fmt: skip

_SORT_COLUMNS = {"date": E.date, "killed": E.killed, "confidence": E.confidence}


def encode_cursor(phase: int, value: Any, event_id: str) -> str:
    if isinstance(value, date):
        value = value.isoformat()
    raw = json.dumps([phase, value, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort_name: str) -> tuple[int, Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        phase, value, event_id = json.loads(raw)
        if phase not in (1, 2) or not isinstance(event_id, str):
            raise ValueError
        if phase == 1:
            if sort_name == "date":
                value = date.fromisoformat(value)
            elif isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError):
        raise BadQuery("cursor is not one this API gave") from None
    return phase, value, event_id


def page_keys(conn: Connection, filters: Filters, *, sort: str = "-date", limit: int = 50,
              cursor: str | None = None) -> tuple[list[tuple[str, Any]], str | None]:
    """The ids of one page with their sort values, in order, and the cursor of the next page
    or ``None``: from the events table alone (narrow rows, an index's order or a small
    sort)."""
    keys, next_cursor, _read = _page_keys(conn, filters, sort=sort, limit=limit, cursor=cursor)
    return keys, next_cursor


def _page_keys(conn: Connection, filters: Filters, *, sort: str, limit: int,
               cursor: str | None) -> tuple[list[tuple[str, Any]], str | None, list[str]]:
    """``page_keys`` and the ids of every row read: the page's and the one past it, whose
    presence gives the page its cursor."""
    name = sort.lstrip("-")
    descending = sort.startswith("-")
    phase, value, after_id = decode_cursor(cursor, name) if cursor else (1, None, None)
    shape, values = _shape(filters)
    keys: list[Any] = []
    if phase == 1:
        after = {"after_value": value, "after_id": after_id} if after_id is not None else {}
        stmt = _keys_statement(shape, name, descending, 1, bool(after), limit + 1)
        keys = conn.execute(stmt, {**values, **after}).all()
        after_id = None
    if len(keys) <= limit:
        after = {"after_id": after_id} if after_id is not None else {}
        stmt = _keys_statement(shape, name, descending, 2, bool(after), limit + 1 - len(keys))
        keys += conn.execute(stmt, {**values, **after}).all()
    read = [row[0] for row in keys]
    if len(keys) <= limit:
        return [(row[0], row[1]) for row in keys], None, read
    keys = keys[:limit]
    last_id, last_value = keys[-1][0], keys[-1][1]
    return ([(row[0], row[1]) for row in keys],
            encode_cursor(1 if last_value is not None else 2, last_value, last_id), read)


@lru_cache(maxsize=1024)
def _keys_statement(shape: tuple[str, ...], sort: str, descending: bool, phase: int,
                    after: bool, limit: int) -> Select[Any]:
    """The ids (and sort values) of a page's phase 1 (rows with a sort value) or 2 (rows
    without); built once per shape: values are bound at execution."""
    column = _SORT_COLUMNS[sort]
    keyset: list[Any]
    if phase == 1:
        keyset = [column.is_not(None)]
        if after:
            key = tuple_(column, E.id)
            bound = tuple_(bindparam("after_value", type_=column.type),
                           bindparam("after_id", type_=String))
            keyset.append(key < bound if descending else key > bound)
        order = (column.desc(), E.id.desc()) if descending else (column.asc(), E.id.asc())
    else:
        keyset = [column.is_(None)]
        if after:
            after_id = bindparam("after_id", type_=String)
            keyset.append(E.id < after_id if descending else E.id > after_id)
        order = (E.id.desc(),) if descending else (E.id.asc(),)
    return (select(E.id, column).where(*_conditions(shape), *keyset).order_by(*order)
            .limit(limit))


# what ``items_json`` reads of a row to write an unreviewed event's item (most items): the
# record and the article; the few others are read again with ``ITEM_COLUMNS``
PAGE_COLUMNS = [
    E.id, E.doc_id, cast(E.record, Text).label("record_json"),
    A.title.label("article_title"), A.url.label("article_url"),
    A.published.label("article_published"), A.site.label("article_site"),
    R.state.label("review_state"),
]  # fmt: skip


@lru_cache(maxsize=1)
def _rows_statement() -> Select[Any]:
    return _joined(ITEM_COLUMNS, articles=True).where(
        E.id.in_(bindparam("ids", expanding=True)))


def rows_by_id(conn: Connection, ids: list[str]) -> list[Any]:
    """Rows of ``ITEM_COLUMNS`` for ``ids``, in their order (ids not found are left out)."""
    if not ids:
        return []
    found = {row.id: row for row in conn.execute(_rows_statement(), {"ids": ids})}
    return [found[i] for i in ids if i in found]


@lru_cache(maxsize=1024)
def _page_rows_sql(dialect: Any, n: int) -> tuple[str, tuple[str, ...] | None]:
    """``PAGE_COLUMNS`` of ``n`` events by id, compiled for ``dialect``: the SQL and, for a
    positional paramstyle, the order of the parameters ``id0``... ``id{n-1}``."""
    stmt = _joined(PAGE_COLUMNS, articles=True).where(
        E.id.in_([bindparam(f"id{k}", type_=String) for k in range(n)]))
    compiled = stmt.compile(dialect=dialect)
    order = tuple(compiled.positiontup) if compiled.positional else None  # type: ignore[arg-type]
    return compiled.string, order


def items_json(conn: Connection, ids: list[str]) -> dict[str, bytes]:
    """The items' JSON (``item_json``) of the events ``ids`` that exist, by id.

    A page's rows are many and plain: they are read on the driver's own cursor, without
    SQLAlchemy's rows and result processing (which cost more than the SQL for 50 events),
    and an unreviewed event's item is its stored record with constant bytes and the article
    added. Reviewed events, and a record that is not a JSON object, are read whole and
    written by ``item_json``."""
    if not ids:
        return {}
    sql, order = _page_rows_sql(conn.dialect, len(ids))
    values = {f"id{k}": event_id for k, event_id in enumerate(ids)}
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, [values[name] for name in order] if order is not None else values)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    out: dict[str, bytes] = {}
    whole: list[str] = []
    for event_id, doc_id, record_json, title, url, published, site, state in rows:
        record = record_json.rstrip()
        if state is not None or not record.endswith("}"):
            whole.append(event_id)
            continue
        if published is not None and not isinstance(published, str):  # SQLite: ISO text
            published = published.isoformat()
        article = orjson.dumps({"id": doc_id, "title": title, "url": url,
                                "published": published, "site": site})
        out[event_id] = record[:-1].encode() + _UNREVIEWED + article + b"}"
    for row in rows_by_id(conn, whole):
        out[row.id] = item_json(row)
    return out


def page_rows(conn: Connection, filters: Filters, *, sort: str = "-date", limit: int = 50,
              cursor: str | None = None) -> tuple[list[Any], str | None]:
    """One page of event rows (``ITEM_COLUMNS``) and the cursor of the next, or ``None``:
    the page's ids first (``page_keys``), then only those rows, read whole and joined."""
    keys, next_cursor = page_keys(conn, filters, sort=sort, limit=limit, cursor=cursor)
    return rows_by_id(conn, [event_id for event_id, _ in keys]), next_cursor


def page(conn: Connection, filters: Filters, *, sort: str = "-date", limit: int = 50,
         cursor: str | None = None, items: ItemCache | None = None,
         generation: int | None = None) -> bytes:
    """An ``EventPage`` as JSON bytes. With ``items`` (and the store's ``generation``, read
    before this call), items already written at this generation are taken from it and only
    the others are read."""
    return page_and_ids(conn, filters, sort=sort, limit=limit, cursor=cursor, items=items,
                        generation=generation)[0]


def page_and_ids(conn: Connection, filters: Filters, *, sort: str = "-date", limit: int = 50,
                 cursor: str | None = None, items: ItemCache | None = None,
                 generation: int | None = None) -> tuple[bytes, frozenset[str]]:
    """``page`` and the ids of the events it depends on: its items and the one past its end
    (whose presence gives it its cursor). A change to any other event leaves the page as it
    is unless the event now matches the filters (``may_list``)."""
    keys, next_cursor, read_ids = _page_keys(conn, filters, sort=sort, limit=limit,
                                             cursor=cursor)
    ids = [event_id for event_id, _ in keys]
    known = items.view(generation) if items is not None and generation is not None else None
    if known is None:
        written = items_json(conn, ids)
    else:
        # ``get``: another thread may drop an item between a test and a read
        written = {i: data for i in ids if (data := known.get(i)) is not None}
        read = items_json(conn, [i for i in ids if i not in written])
        for event_id, data in read.items():
            items.put(generation, event_id, data)  # type: ignore[union-attr, arg-type]
        written.update(read)
    body = b",".join(written[i] for i in ids if i in written)
    return (b'{"items":[' + body + b'],"next_cursor":' + orjson.dumps(next_cursor) + b"}",
            frozenset(read_ids))


class ItemCache:
    """Items' JSON by event id, for one generation of the store at a time (a newer one
    empties it); the oldest written go first past ``max_bytes``. Shared by threads."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.generation: int | None = None
        # ordered: the oldest leave in O(1) (popping the first key of a plain dict over and
        # over makes each next ``next(iter(...))`` walk the holes the last ones left)
        self.items: OrderedDict[str, bytes] = OrderedDict()
        self.bytes = 0
        self._lock = threading.Lock()

    def view(self, generation: int) -> OrderedDict[str, bytes] | None:
        """The items of ``generation``; ``None`` for an older one than the cache holds."""
        with self._lock:
            if generation != self.generation:
                if self.generation is not None and generation < self.generation:
                    return None
                self.generation, self.items, self.bytes = generation, OrderedDict(), 0
            return self.items

    def advance(self, old: int, new: int, changed: set[str]) -> None:
        """The store went from generation ``old`` to ``new`` changing only the events
        ``changed``: their items go, the others' stand for ``new``."""
        with self._lock:
            if self.generation != old:
                return
            self.generation = new
            for event_id in changed:
                data = self.items.pop(event_id, None)
                if data is not None:
                    self.bytes -= len(data)

    def put(self, generation: int, event_id: str, data: bytes) -> None:
        with self._lock:
            if generation != self.generation or event_id in self.items:
                return
            self.items[event_id] = data
            self.bytes += len(data)
            while self.bytes > self.max_bytes and self.items:
                self.bytes -= len(self.items.popitem(last=False)[1])


def iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:  # SQLite hands back the UTC time without its zone
            value = value.replace(tzinfo=UTC)
        return value.isoformat()
    return value.isoformat()


def _extras(row: Any) -> dict[str, Any]:
    return {
        "review": {"state": row.review_state, "reviewer": row.review_reviewer,
                   "at": iso(row.review_at)},
        "machine": row.review_machine or {},
        "article": {"id": row.doc_id, "title": row.article_title, "url": row.article_url,
                    "published": iso(row.article_published), "site": row.article_site},
    }


def item(row: Any) -> dict[str, Any]:
    """An ``EventItem`` as a JSON-ready dict, from a row of ``ITEM_COLUMNS``."""
    out = dict(reviewed_record(json.loads(row.record_json), row.review_edits))
    out.update(_extras(row))
    return out


# what ``_extras`` gives an event no one reviewed, but its article
_UNREVIEWED = b',"review":{"state":null,"reviewer":null,"at":null},"machine":{},"article":'


def item_json(row: Any) -> bytes:
    """``item(row)`` as JSON; an unedited record's stored text is used as it is."""
    record = row.record_json.rstrip()
    if row.review_edits or not record.endswith("}"):
        return orjson.dumps(item(row))
    if row.review_state is None and not row.review_machine:  # most events: less to build
        article = orjson.dumps({"id": row.doc_id, "title": row.article_title,
                                "url": row.article_url, "published": iso(row.article_published),
                                "site": row.article_site})
        return record[:-1].encode() + _UNREVIEWED + article + b"}"
    return record[:-1].encode() + b"," + orjson.dumps(_extras(row))[1:]


def page_json(rows: list[Any], next_cursor: str | None) -> bytes:
    """An ``EventPage`` as JSON bytes."""
    items = b",".join(item_json(row) for row in rows)
    return b'{"items":[' + items + b'],"next_cursor":' + orjson.dumps(next_cursor) + b"}"


def event_row(conn: Connection, event_id: str) -> Any | None:
    stmt = _joined([*ITEM_COLUMNS, A.text.label("article_text"),
                    A.language.label("article_language"), A.n_events.label("article_n_events")],
                   articles=True).where(E.id == event_id)
    return conn.execute(stmt).first()


def article_events(conn: Connection, doc_id: str, *, include_rejected: bool) -> list[Any]:
    conditions = [E.doc_id == doc_id]
    if not include_rejected:
        conditions.append(E.id.not_in(select(R.event_id).where(R.state == "rejected")))
    stmt = _joined(ITEM_COLUMNS, articles=True).where(*conditions)
    return list(conn.execute(stmt.order_by(E.id)))


def incident(row: Any) -> dict[str, Any]:
    """One event as an incident of its own (until clustering fills the incidents table)."""
    record = reviewed_record(json.loads(row.record_json), row.review_edits)
    location = record.get("location") or {}
    killed, injured = record.get("killed") or {}, record.get("injured") or {}
    return {
        "id": row.id, "type": record.get("type"), "title": row.article_title,
        "date": iso(row.date), "country": location.get("country"),
        "admin1": location.get("admin1"), "location": location.get("name"),
        "lat": location.get("lat"), "lon": location.get("lon"),
        "killed": killed.get("value"), "injured": injured.get("value"),
        "n_events": 1, "n_sources": 1, "event_ids": [row.id],
        "review": {"state": row.review_state, "reviewer": row.review_reviewer,
                   "at": iso(row.review_at)},
    }  # fmt: skip


# -- series, menus ----------------------------------------------------------------------------

def series(conn: Connection, filters: Filters, interval: str) -> list[dict[str, Any]]:
    """Events, killed and injured per day (or per week, from Monday), oldest first.

    Killed and injured count only events that occurred or are ongoing: a threatened or denied
    attack's numbers are not casualties.
    """
    counted = E.status.in_(sorted(COUNTED_STATUSES))
    conditions, values = where(filters)
    stmt = select(
        E.date, func.count().label("events"),
        func.sum(case((counted, func.coalesce(E.killed, 0)), else_=0)).label("killed"),
        func.sum(case((counted, func.coalesce(E.injured, 0)), else_=0)).label("injured"),
    ).where(*conditions, E.date.is_not(None)).group_by(E.date)
    totals: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in conn.execute(stmt, values):
        day = row.date if isinstance(row.date, date) else date.fromisoformat(str(row.date))
        if interval == "week":
            day -= timedelta(days=day.weekday())
        bucket = totals[day]
        bucket[0] += int(row.events)
        bucket[1] += int(row.killed or 0)
        bucket[2] += int(row.injured or 0)
    return [{"date": day.isoformat(), "events": n, "killed": k, "injured": i}
            for day, (n, k, i) in sorted(totals.items())]


def menus(conn: Connection) -> dict[str, Any]:
    """Distinct countries, types, ACLED types and statuses; the date range; the count."""
    def distinct(column: Any) -> list[str]:
        stmt = select(column).where(column.is_not(None)).distinct().order_by(column)
        return [str(v) for v in conn.execute(stmt).scalars()]

    first, last, count = conn.execute(select(func.min(E.date), func.max(E.date),
                                             func.count())).one()
    return {"events": int(count), "countries": distinct(E.country), "types": distinct(E.type),
            "acled_types": distinct(E.acled_event_type), "statuses": distinct(E.status),
            "dates": {"first": iso(first), "last": iso(last)}}


# -- export -------------------------------------------------------------------------------

def export_rows(conn: Connection, filters: Filters) -> Iterator[dict[str, Any]]:
    """Rows as ``eventwire.store.select_events`` yields them (what ``eventwire.export``
    writes), with the analysts' edits in the record; oldest first."""
    conditions, values = where(filters)
    stmt = _joined([
        schema.events, A.url.label("article_url"), A.site.label("article_site"),
        A.title.label("article_title"), A.published.label("article_published"),
        R.edits.label("review_edits"),
    ], articles=True).where(*conditions).order_by(E.date, E.doc_id, E.id)
    for row in conn.execution_options(yield_per=1000).execute(stmt, values):
        out = dict(row._mapping)
        out["record"] = reviewed_record(out["record"], out.pop("review_edits"))
        yield out


__all__ = [
    "ITEM_COLUMNS",
    "PAGE_COLUMNS",
    "BadQuery",
    "EventState",
    "Filters",
    "ItemCache",
    "article_events",
    "decode_cursor",
    "encode_cursor",
    "event_row",
    "export_rows",
    "incident",
    "iso",
    "item",
    "items_json",
    "may_list",
    "menus",
    "page",
    "page_and_ids",
    "page_keys",
    "page_rows",
    "parse_bbox",
    "rows_by_id",
    "series",
    "where",
]
