"""Analysts' reviews of events: accept, reject, or edit named fields, with a comment.

Three places hold a review, written in one transaction:

- ``reviews``: the history, one row per verdict (``value`` holds the fields of an edit), never
  updated or deleted;
- ``event_reviews``: the state the history leads to, one row per reviewed event: the newest
  verdict, its reviewer and time, every edited field's current value and the machine's value
  it replaced;
- ``events``: its filter columns take the edited values, so that filters, sorting, counts and
  exports see what the analysts decided. ``events.record`` stays the machine's record;
  ``reviewed_record`` lays the edits over it for reading.

A later accept keeps earlier edits (it accepts the event as edited); a rejected event stays in
the database with its history, and the default views leave it out.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints, TypeAdapter, ValidationError
from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import InputError, StoreError
from ..model import EventType, Status
from . import schema

Verdict = Literal["accept", "reject", "edit"]
STATES = {"accept": "accepted", "reject": "rejected", "edit": "edited"}

_NO_NUL = r"^[^\x00]*$"  # PostgreSQL cannot store the NUL character
_Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500,
                                         pattern=_NO_NUL)]
_Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64,
                                          pattern=_NO_NUL)]
_Upper = BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v)
_Country = Annotated[str, _Upper, StringConstraints(pattern=r"^[A-Z]{3}$")]
_Sector = Annotated[str, _Upper, StringConstraints(pattern=r"^[A-Z]{2,8}$")]
_Admin1 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255,
                                           pattern=_NO_NUL)]
_Lat = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
_Lon = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
_People = Annotated[int, Field(ge=0, le=10_000_000)]


@dataclass(frozen=True)
class EditableField:
    """A field an analyst may edit: its events column (same name), its place in the record."""

    path: tuple[str, ...]
    adapter: TypeAdapter[Any]


def _field(path: str, kind: Any) -> EditableField:
    return EditableField(tuple(path.split(".")), TypeAdapter(kind))


EDITABLE: dict[str, EditableField] = {
    "type": _field("type", EventType),
    "mode": _field("mode", _Short | None),
    "status": _field("status", Status),
    "acled_event_type": _field("acled.event_type", _Short | None),
    "acled_sub_event_type": _field("acled.sub_event_type", _Short | None),
    "actor": _field("actor.name", _Name | None),
    "actor_country": _field("actor.country", _Country | None),
    "actor_sector": _field("actor.sector", _Sector | None),
    "recipient": _field("recipient.name", _Name | None),
    "recipient_country": _field("recipient.country", _Country | None),
    "recipient_sector": _field("recipient.sector", _Sector | None),
    "location": _field("location.name", _Name),
    "admin1": _field("location.admin1", _Admin1 | None),
    "country": _field("location.country", _Country | None),
    "lat": _field("location.lat", _Lat | None),
    "lon": _field("location.lon", _Lon | None),
    "date": _field("date.value", date | None),
    "killed": _field("killed.value", _People | None),
    "injured": _field("injured.value", _People | None),
}

# what a part of the record needs when an edit creates it (the machine left it empty)
_NEW_PART: dict[str, dict[str, Any]] = {
    "acled": {"event_type": "", "sub_event_type": None},
    "actor": {"text": "", "name": None, "country": None, "sector": None, "basis": "text"},
    "recipient": {"text": "", "name": None, "country": None, "sector": None, "basis": "text"},
    "location": {"name": "", "precision": 1, "basis": "text"},
    "date": {"precision": "day", "basis": "explicit"},
    "killed": {"text": ""},
    "injured": {"text": ""},
}


def validate_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The edited fields, checked and normalised; ``InputError`` names the first bad one."""
    if not fields:
        raise InputError("an edit names at least one field: "
                         + ", ".join(EDITABLE))
    out: dict[str, Any] = {}
    for name, value in fields.items():
        spec = EDITABLE.get(name)
        if spec is None:
            raise InputError(f"{name!r} cannot be edited; editable fields: {', '.join(EDITABLE)}")
        try:
            out[name] = spec.adapter.validate_python(value)
        except ValidationError as err:
            first = err.errors()[0]
            raise InputError(f"{name}: {first['msg']}") from None
    return out


def machine_value(record: dict[str, Any], name: str) -> Any:
    """The machine's value of an editable field, as the events column holds it."""
    path = EDITABLE[name].path
    part: Any = record
    for key in path:
        if not isinstance(part, dict):
            return None
        part = part.get(key)
    if part is None and name in ("actor", "recipient"):  # the column falls back on the text
        return (record.get(name) or {}).get("text")
    return part


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def reviewed_record(record: dict[str, Any], edits: dict[str, Any] | None) -> dict[str, Any]:
    """The machine's ``record`` with the analysts' ``edits`` laid over it (a new dict)."""
    if not edits:
        return record
    out = copy.deepcopy(record)
    for name, value in edits.items():
        spec = EDITABLE.get(name)
        if spec is None:
            continue
        if len(spec.path) == 1:
            out[spec.path[0]] = value
            continue
        part_name, key = spec.path
        part = out.get(part_name)
        if part is None:
            if value is None:
                continue
            part = out[part_name] = dict(_NEW_PART.get(part_name, {}))
        part[key] = value
        if part_name in ("actor", "recipient") and key == "name" and not part.get("text"):
            part["text"] = value or ""
        if part_name in ("killed", "injured") and key == "value" and value is not None:
            part["low"] = part["high"] = None  # the analyst's count replaces the text's range
    return out


@dataclass(frozen=True)
class ReviewState:
    event_id: str
    state: str
    reviewer: str | None
    reviewed_at: datetime
    edits: dict[str, Any]
    machine: dict[str, Any]
    n_reviews: int
    review_id: int | None = None  # the review that led here, when just written


def _state_of(row: Any) -> ReviewState:
    return ReviewState(event_id=row.event_id, state=row.state, reviewer=row.reviewer,
                       reviewed_at=row.reviewed_at, edits=dict(row.edits or {}),
                       machine=dict(row.machine or {}), n_reviews=row.n_reviews)


def add_review(engine: Engine, event_id: str, *, verdict: Verdict, reviewer: str | None,
               fields: dict[str, Any] | None = None, comment: str | None = None
               ) -> ReviewState | None:
    """Record a verdict on event ``event_id``; the new review state, or ``None`` when there is
    no such event. ``fields`` (an edit's) must have passed ``validate_fields``."""
    if verdict not in STATES:
        raise InputError(f"verdict must be one of {', '.join(STATES)}")
    if verdict == "edit" and not fields:
        raise InputError("an edit names the fields it changes")
    if verdict != "edit" and fields:
        raise InputError(f"fields are for edits; a {verdict} takes none")
    fields = dict(fields or {}) if verdict == "edit" else {}
    try:
        with engine.begin() as conn:
            return _add_review(conn, event_id, verdict, reviewer, fields, comment)
    except SQLAlchemyError as err:
        raise StoreError(f"cannot store the review: {str(err).splitlines()[0]}") from None


def _add_review(conn: Connection, event_id: str, verdict: str, reviewer: str | None,
                fields: dict[str, Any], comment: str | None) -> ReviewState | None:
    e, s = schema.events.c, schema.event_reviews.c
    # the row lock (PostgreSQL) serialises reviews of one event; SQLite has one writer anyway
    found = conn.execute(select(e.record).where(e.id == event_id).with_for_update()).first()
    if found is None:
        return None
    now = datetime.now(UTC)
    inserted = conn.execute(schema.reviews.insert().values(
        event_id=event_id, field=None, verdict=verdict,
        value={k: _jsonable(v) for k, v in fields.items()} if fields else None,
        reviewer=reviewer, note=comment, created_at=now))
    current = conn.execute(select(schema.event_reviews).where(s.event_id == event_id)).first()
    edits = dict(current.edits or {}) if current else {}
    machine = dict(current.machine or {}) if current else {}
    for name, value in fields.items():
        original = machine_value(found.record, name)  # the record is the machine's, always
        if _jsonable(value) == _jsonable(original):  # back to the machine's value
            edits.pop(name, None)
            machine.pop(name, None)
        else:
            edits[name] = _jsonable(value)
            machine[name] = original
    if fields:
        columns = {name: fields[name] if name in edits else _column_value(name, machine_value(
            found.record, name)) for name in fields}
        conn.execute(update(schema.events).where(e.id == event_id).values(**columns))
    values = {"state": STATES[verdict], "reviewer": reviewer, "reviewed_at": now,
              "edits": edits or None, "machine": machine or None,
              "n_reviews": (current.n_reviews if current else 0) + 1}
    if current is None:
        conn.execute(schema.event_reviews.insert().values(event_id=event_id, **values))
    else:
        conn.execute(update(schema.event_reviews).where(s.event_id == event_id).values(**values))
    return ReviewState(event_id=event_id, state=values["state"], reviewer=reviewer,
                       reviewed_at=now, edits=edits, machine=machine,
                       n_reviews=values["n_reviews"],
                       review_id=int(inserted.inserted_primary_key[0]))


def _column_value(name: str, value: Any) -> Any:
    """A record value as its events column takes it (dates are ``date`` objects there)."""
    if name == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def review_state(conn: Connection, event_id: str) -> ReviewState | None:
    row = conn.execute(select(schema.event_reviews)
                       .where(schema.event_reviews.c.event_id == event_id)).first()
    return _state_of(row) if row is not None else None


def review_history(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    """Every review of the event, oldest first: id, verdict, fields, comment, reviewer, at."""
    r = schema.reviews.c
    rows = conn.execute(select(schema.reviews).where(r.event_id == event_id)
                        .order_by(r.created_at, r.id))
    return [{"id": row.id, "verdict": row.verdict, "fields": row.value or {},
             "comment": row.note, "reviewer": row.reviewer, "at": row.created_at}
            for row in rows]


__all__ = ["EDITABLE", "STATES", "ReviewState", "Verdict", "add_review", "machine_value",
           "review_history", "review_state", "reviewed_record", "validate_fields"]
