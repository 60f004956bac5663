"""Contracts: the public namespace and the versioned event record (JSON v1)."""

from __future__ import annotations

import inspect
import json

import pytest
from pydantic import ValidationError

import eventwire
from eventwire.model import EVENT_SCHEMA_VERSION, EVENT_TYPES, Event

# the record of DESIGN.md, as a user's tools would read it
EXAMPLE = {
    "id": "f3a9", "doc_id": "seed", "type": "ASSAULT", "mode": "missile",
    "acled": {"event_type": "Explosions/Remote violence",
              "sub_event_type": "Shelling/artillery/missile attack"},
    "cameo": "195", "intensity": -10.0, "status": "occurred",
    "actor": {"text": "Russian", "name": "Military Forces of Russia", "country": "RUS",
              "sector": "MIL"},
    "recipient": {"text": "people", "name": "Civilians (Ukraine)", "country": "UKR",
                  "sector": "CVL"},
    "location": {"text": "Sumy", "name": "Sumy", "admin1": "Sumy", "country": "UKR",
                 "lat": 50.9174, "lon": 34.7991, "geonameid": 692194, "precision": 1},
    "date": {"value": "2024-11-17", "precision": "day", "basis": "relative", "text": "on Sunday"},
    "killed": {"value": 11, "low": 11, "high": 11, "children": 2, "text": "killed 11 people"},
    "injured": {"value": 81, "low": 81, "high": None, "text": "wounded over 80 others"},
    "size": None,
    "weapon": {"text": "ballistic missile", "name": "ballistic missile"},
    "attribution": {"text": "officials", "verb": "said"},
    "evidence": {"text": "In Sumy, a ballistic missile strike killed 11 people.", "start": 0,
                 "end": 52},
    "confidence": 0.86,
}  # fmt: skip


def test_model_all_matches_the_public_namespace() -> None:
    public = {name for name in dir(eventwire) if not name.startswith("_")} - {"annotations"}
    # submodules are reachable once imported but are not part of the flat API ("extract" is
    # the function, not the subpackage)
    modules = {name for name in public if inspect.ismodule(getattr(eventwire, name))}
    assert "extract" not in modules
    assert set(eventwire.__all__) - {"__version__"} == public - modules
    for name in eventwire.__all__:
        assert hasattr(eventwire, name)


def test_model_event_record_round_trips_as_json() -> None:
    event = Event.model_validate(EXAMPLE)
    again = Event.model_validate_json(event.model_dump_json())
    assert again == event
    assert json.loads(event.model_dump_json())["location"]["geonameid"] == 692194


def test_model_schema_is_version_one_with_the_design_fields() -> None:
    assert EVENT_SCHEMA_VERSION == 1
    schema = Event.model_json_schema()
    assert set(schema["required"]) == {"id", "doc_id", "type", "evidence"}
    assert set(EXAMPLE) <= set(schema["properties"])
    assert len(EVENT_TYPES) == 16 and "ASSAULT" in EVENT_TYPES


@pytest.mark.parametrize(
    ("field", "value"),
    [("type", "FIGHT"), ("status", "maybe"), ("unknown_field", 1), ("evidence", None)],
)
def test_model_rejects_records_outside_the_schema(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        Event.model_validate({**EXAMPLE, field: value})
