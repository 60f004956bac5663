"""Writing stored incidents: ``table``, ``jsonl``, ``csv``, ``geojson`` and ``acled``.

Input rows are what ``eventwire.store.incidents.select_incidents`` yields. ``jsonl`` prints each
incident's record (``id``, ``type``, ``date``, ``location``, ``killed``, ``injured``, ``sources``,
``doc_ids``, ``event_ids``, the ranges across outlets and every article). ``acled`` writes
ACLED's columns, one row per incident, with every outlet in ``source`` and every article's URL
in ``notes``.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from .export import ACLED_COLUMNS, acled_row

FORMATS = ("table", "jsonl", "csv", "geojson", "acled")

CSV_COLUMNS = [
    "id", "date", "date_precision", "type", "status", "acled_event_type", "location", "admin1",
    "country", "lat", "lon", "geo_precision", "killed", "killed_low", "killed_high", "injured",
    "injured_low", "injured_high", "n_sources", "n_articles", "n_events", "first_report",
    "last_report", "title", "sites", "urls",
]  # fmt: skip


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    articles = (row.get("record") or {}).get("articles") or []
    out = {c: _iso(row.get(c)) for c in CSV_COLUMNS}
    out["sites"] = "; ".join(sorted({a["site"] for a in articles if a.get("site")}))
    out["urls"] = "; ".join(a["url"] for a in articles if a.get("url"))
    return out


def incident_acled_row(row: dict[str, Any]) -> dict[str, Any] | None:
    """The incident in ACLED's columns: ``source`` lists every outlet, ``notes`` the first
    report's evidence and every article's URL; ``None`` without an ACLED event type."""
    record = row.get("record") or {}
    articles = record.get("articles") or []
    evidence = (record.get("evidence") or [""])[0]
    event_like = {
        "id": row["id"],
        "acled": record.get("acled"),
        "location": record.get("location") or {},
        "date": {"precision": row.get("date_precision")},
        "actor": record.get("actor"),
        "recipient": record.get("recipient"),
        "killed": {"value": row.get("killed")},
        "status": row.get("status"),
        "evidence": {"text": evidence},
    }
    out = acled_row({"record": event_like, "date": row.get("date")})
    if out is None:
        return None
    out["source"] = "; ".join(sorted({a["site"] for a in articles if a.get("site")}))
    urls = "; ".join(a["url"] for a in articles if a.get("url"))
    out["notes"] = f"{evidence} [Sources: {urls}]" if urls else evidence
    out["source_scale"] = f"{row.get('n_sources', 0)} outlets"
    return out


def geojson(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            continue
        props = {k: _iso(v) for k, v in csv_row(row).items() if k not in {"lat", "lon"}}
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]}})
    return {"type": "FeatureCollection", "features": features}


def write_incidents(rows: Iterable[dict[str, Any]], fmt: str, out: IO[str]) -> int:
    """Write ``rows`` to ``out`` in ``fmt``; returns how many incidents were written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row["record"], ensure_ascii=False, default=str) + "\n")
            count += 1
    elif fmt in {"csv", "acled"}:
        columns = CSV_COLUMNS if fmt == "csv" else ACLED_COLUMNS
        writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            line = csv_row(row) if fmt == "csv" else incident_acled_row(row)
            if line is not None:
                writer.writerow(line)
                count += 1
    elif fmt == "geojson":
        collection = geojson(rows)
        json.dump(collection, out, ensure_ascii=False, default=str)
        out.write("\n")
        count = len(collection["features"])
    else:
        count = _table(rows, out)
    return count


def _table(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    from rich.console import Console
    from rich.table import Table

    rows = list(rows)
    table = Table(title=f"{len(rows)} incidents")
    for name in ("date", "type", "status", "place", "killed (range)", "injured (range)",
                 "sources", "title"):
        table.add_column(name, overflow="fold")
    for row in rows:
        place = ", ".join(p for p in (row.get("location"), row.get("admin1"),
                                      row.get("country")) if p)
        table.add_row(str(_iso(row.get("date")) or ""), row.get("type") or "",
                      row.get("status") or "", place,
                      _figure(row, "killed"), _figure(row, "injured"),
                      str(row.get("n_sources") or 0), row.get("title") or "")
    Console(file=out, width=200 if not out.isatty() else None).print(table)
    return len(rows)


def _figure(row: dict[str, Any], name: str) -> str:
    value, low, high = row.get(name), row.get(f"{name}_low"), row.get(f"{name}_high")
    if value is None:
        return ""
    return f"{value}" if low == high else f"{value} ({low}-{high})"


def export_incidents(rows: Iterable[dict[str, Any]], fmt: str, path: str | Path | None) -> int:
    """Write to ``path`` (stdout when ``None``); returns how many incidents were written."""
    if path is None:
        return write_incidents(rows, fmt, sys.stdout)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        return write_incidents(rows, fmt, handle)
