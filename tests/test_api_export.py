"""GET /api/export: every format, streamed, for a filter, with reviews applied."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

import _api_fixtures as fx
from _api_fixtures import Api
from eventwire.api.routers import export as export_router

db_url, pg_url, api = fx.db_url, fx.pg_url, fx.api


def _export(api: Api, **params: str):  # type: ignore[no-untyped-def]
    response = api.client.get("/api/export", params=params)
    assert response.status_code == 200, response.text
    return response


def test_api_export_csv_has_the_columns_and_the_filter(api: Api) -> None:
    response = _export(api, format="csv", country="KEN")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["location"] for r in rows] == ["Nairobi", "Mombasa"]  # oldest first
    assert rows[0]["killed"] == "2" and rows[0]["url"].endswith("/story/2")


def test_api_export_acled_uses_acled_columns(api: Api) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(api, format="acled").text)))
    assert {"event_date", "event_type", "actor1", "fatalities", "latitude"} <= set(rows[0])
    sumy = next(r for r in rows if r["location"] == "Sumy")
    assert (sumy["event_type"], sumy["fatalities"]) == ("Explosions/Remote violence", "11")


def test_api_export_geojson_and_jsonl(api: Api) -> None:
    collection = json.loads(_export(api, format="geojson").text)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 5  # the event without a place has no point
    lines = _export(api, format="jsonl").text.splitlines()
    assert len(lines) == 6 and json.loads(lines[0])["source"]["url"]


def test_api_export_parquet_is_a_readable_file(api: Api) -> None:
    response = _export(api, format="parquet", type="PROTEST")
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows == 2 and "record" in table.column_names
    empty = pq.read_table(io.BytesIO(_export(api, format="parquet", country="ZZZ").content))
    assert empty.num_rows == 0 and "date" in empty.column_names


def test_api_export_applies_reviews(api: Api) -> None:
    events = api.events(country="KEN")
    api.review(events[0]["id"], verdict="reject")
    api.review(events[1]["id"], verdict="edit", fields={"killed": 7})
    rows = [json.loads(line) for line in _export(api, format="jsonl").text.splitlines()]
    assert events[0]["id"] not in {r["id"] for r in rows}
    edited = next(r for r in rows if r["id"] == events[1]["id"])
    assert edited["killed"]["value"] == 7
    flat = list(csv.DictReader(io.StringIO(_export(api, format="csv", country="KEN").text)))
    assert [r["killed"] for r in flat] == ["7"]
    everything = _export(api, format="jsonl", include_rejected="true").text.splitlines()
    assert len(everything) == 6


def test_api_export_streams_in_pieces(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_router, "CHUNK", 2)
    rows = list(export_router._rows(api.client.app.state.engine, fx_filters()))
    pieces = list(export_router.pieces("jsonl", iter(rows)))
    assert len(pieces) == 3 and sum(p.count(b"\n") for p in pieces) == 6


def fx_filters():  # type: ignore[no-untyped-def]
    from eventwire.api.queries import Filters

    return Filters()
