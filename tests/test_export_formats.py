"""Exports open in the tools people use: pandas, shapely, pyarrow; ACLED and GDELT columns."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import _store_fixtures as fx
from eventwire.export import ACLED_COLUMNS, FORMATS, GDELT_COLUMNS, export_events
from eventwire.model import Count, Location
from eventwire.store import CodedArticle, EventQuery, Store, article_key, select_events


@pytest.fixture
def rows(tmp_path: Path) -> list[dict]:
    store = Store(str(tmp_path / "e.db"))
    article = fx.make_article(1)
    events = [
        fx.make_event(article.id, 0),
        fx.make_event(article.id, 1, status="planned", killed=Count(value=5, text="five")),
        fx.make_event(article.id, 2, type="PROTEST", acled=None, cameo="141", killed=None,
                      injured=None, actor=None,
                      location=Location(name="Nairobi", country="KEN", lat=-1.28, lon=36.82,
                                        admin1="Nairobi", feature="city")),
        fx.make_event(article.id, 3, location=None, date=None),  # no place, no date
    ]
    store.write_batch([CodedArticle(article, article_key(article), events=events)])
    return sorted(select_events(store.engine, EventQuery()),
                  key=lambda r: r["record"]["evidence"]["start"])


def _export(rows: list[dict], fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"events.{fmt}"
    assert export_events(rows, fmt, out) >= 1
    return out


def test_export_csv_opens_in_pandas(rows: list[dict], tmp_path: Path) -> None:
    import pandas as pd

    frame = pd.read_csv(_export(rows, "csv-full", tmp_path))
    assert len(frame) == 4
    assert frame["killed"].dropna().astype(int).tolist() == [11, 5, 11]
    assert set(frame["country"].dropna()) == {"UKR", "KEN"}
    acled_names = pd.read_csv(_export(rows, "csv", tmp_path))
    assert len(acled_names) == 4
    assert acled_names["fatalities"].dropna().astype(int).tolist() == [11, 5, 11]
    assert set(acled_names["iso3"].dropna()) == {"UKR", "KEN"}


def test_export_acled_columns_and_codes(rows: list[dict], tmp_path: Path) -> None:
    import pandas as pd

    frame = pd.read_csv(_export(rows, "acled", tmp_path), keep_default_na=False,
                        dtype=str)
    assert list(frame.columns) == ACLED_COLUMNS
    assert len(frame) == 2  # the planned strike is not an event yet; the protest has no type
    first = frame.iloc[0]
    assert first["event_type"] == "Explosions/Remote violence"
    assert first["actor1"] == "Military Forces of Russia" and first["inter1"] == "1"
    assert first["inter2"] == "7" and first["interaction"] == "17"
    assert first["civilian_targeting"] == "Civilian targeting"
    assert first["iso"] == "804" and first["country"] == "Ukraine"
    assert first["time_precision"] == "1" and first["geo_precision"] == "1"
    assert first["fatalities"] == "11" and first["source"] == "news.example.com"
    assert first["notes"].startswith("A Russian missile")
    assert frame.iloc[1]["location"] == ""  # the event without a place is kept
    planned = pd.read_csv(io.StringIO(_to_text(rows, "acled", statuses=["occurred", "planned"])),
                          keep_default_na=False, dtype=str)
    assert len(planned) == 3 and planned.iloc[1]["fatalities"] == "0"  # planned: not counted


def test_export_gdelt_columns(rows: list[dict], tmp_path: Path) -> None:
    import pandas as pd

    frame = pd.read_csv(_export(rows, "gdelt", tmp_path), sep="\t", keep_default_na=False,
                        dtype=str)
    assert list(frame.columns) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    first = frame.iloc[0]
    assert first["SQLDATE"] == "20241117" and first["EventCode"] == "195"
    assert first["EventRootCode"] == "19" and first["QuadClass"] == "4"
    assert first["GoldsteinScale"] == "-10.0"
    assert first["Actor1Code"] == "RUSMIL" and first["Actor2Type1Code"] == "CVL"
    assert first["ActionGeo_CountryCode"] == "UP" and first["ActionGeo_Type"] == "4"
    assert first["ActionGeo_FeatureID"] == "692194"
    assert first["SOURCEURL"] == "https://news.example.com/story/1"


def test_export_geojson_valid_in_shapely(rows: list[dict], tmp_path: Path) -> None:
    from shapely.geometry import Point, shape

    collection = json.loads(_export(rows, "geojson", tmp_path).read_text())
    assert collection["type"] == "FeatureCollection"
    geoms = [shape(f["geometry"]) for f in collection["features"]]
    assert len(geoms) == 3 and all(isinstance(g, Point) and g.is_valid for g in geoms)
    assert (geoms[0].x, geoms[0].y) == (34.7991, 50.9174)


def test_export_parquet_typed(rows: list[dict], tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(_export(rows, "parquet", tmp_path))
    assert table.num_rows == 4
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("lat").type == pa.float64()
    assert table.schema.field("killed").type == pa.int64()
    assert table.column("killed").to_pylist() == [11, 5, None, 11]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_export_json_keeps_the_record(rows: list[dict], fmt: str) -> None:
    out = io.StringIO()
    export_events(rows, fmt, None, stdout=out)
    text = out.getvalue()
    records = json.loads(text) if fmt == "json" else [json.loads(x) for x in text.splitlines()]
    assert len(records) == 4
    assert records[0]["killed"]["text"] == "killed 11 people"
    assert records[0]["source"]["url"] == "https://news.example.com/story/1"


def _to_text(rows: list[dict], fmt: str, **kw) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    export_events(rows, fmt, None, stdout=out, **kw)
    return out.getvalue()


def test_export_every_format_writes(rows: list[dict], tmp_path: Path) -> None:
    for fmt in FORMATS:
        assert (tmp_path / "x").mkdir(exist_ok=True) is None
        assert export_events(rows, fmt, tmp_path / "x" / f"out.{fmt}") >= 2


def test_export_cli_filters(rows: list[dict], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    db = str(tmp_path / "e.db")
    result = CliRunner().invoke(app, ["events", "--db", db, "--country", "UKR", "--status",
                                      "occurred", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert len([x for x in result.stdout.splitlines() if x.startswith("{")]) == 1
    result = CliRunner().invoke(app, ["events", "--db", db, "--bbox", "30,40,40,60",
                                      "--format", "parquet"])
    assert result.exit_code != 0  # parquet needs -o
