"""Export: the events matching a filter as ACLED CSV, CSV, GeoJSON, JSON lines or Parquet,
streamed as they are read (the formats are ``eventwire.export``'s)."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from itertools import islice
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from sqlalchemy import Engine

from ... import export
from .. import queries
from ..dependencies import Db, EventFilters, read_access
from ..models import ExportFormat
from ..responses import BAD_QUERY, KEYED, UNAVAILABLE

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api/export", tags=["export"], responses=UNAVAILABLE)

MEDIA_TYPES = {
    "acled": "text/csv; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
_FEATURES = {"type": "object", "required": ["type", "features"], "properties": {
    "type": {"const": "FeatureCollection"},
    "features": {"type": "array", "items": {"type": "object", "required": ["type", "geometry",
                                                                          "properties"]}}}}
CONTENT = {  # what each format's body is, for /openapi.json
    "text/csv": {"schema": {"type": "string"}},
    "application/geo+json": {"schema": _FEATURES},
    "application/x-ndjson": {"schema": {"type": "string", "description": "One event record "
                                        "(JSON) a line."}},
    "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
}
EXTENSIONS = {"acled": "acled.csv", "csv": "csv", "geojson": "geojson", "jsonl": "jsonl",
              "parquet": "parquet"}
CHUNK = 500  # rows per piece sent


def _rows(engine: Engine, filters: queries.Filters) -> Iterator[dict[str, Any]]:
    with engine.connect() as conn:
        yield from queries.export_rows(conn, filters)


def _csv_pieces(rows: Iterator[dict[str, Any]], columns: list[str]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    while chunk := list(islice(rows, CHUNK)):
        for row in chunk:
            writer.writerow({k: v.isoformat() if hasattr(v, "isoformat") else
                             ("" if v is None else v) for k, v in row.items()})
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def _jsonl_pieces(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    while chunk := list(islice(rows, CHUNK)):
        yield "".join(json.dumps(export.full_record(r), ensure_ascii=False) + "\n"
                      for r in chunk).encode("utf-8")


def _geojson_pieces(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    yield b'{"type":"FeatureCollection","features":['
    first = True
    while chunk := list(islice(rows, CHUNK)):
        features = export.geojson(chunk)["features"]
        if not features:
            continue
        text = ",".join(json.dumps(f, ensure_ascii=False) for f in features)
        yield (text if first else "," + text).encode("utf-8")
        first = False
    yield b"]}\n"


class _Sink:
    """A write-only file for pyarrow that hands on what it is given."""

    def __init__(self) -> None:
        self.pieces: list[bytes] = []
        self.size = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.pieces.append(bytes(data))
        self.size += len(data)
        return len(data)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        data, self.pieces = b"".join(self.pieces), []
        return data


def _parquet_pieces(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    import pyarrow.parquet as pq

    sink = _Sink()
    writer = None
    while chunk := list(islice(rows, 5 * CHUNK)):
        table = export.parquet_table(chunk)
        if writer is None:
            writer = pq.ParquetWriter(sink, table.schema)
        writer.write_table(table)  # one row group per chunk
        yield sink.take()
    if writer is None:  # no rows: a valid file with the columns and no row
        table = export.parquet_table([])
        writer = pq.ParquetWriter(sink, table.schema)
        writer.write_table(table)
    writer.close()
    yield sink.take()


def pieces(fmt: str, rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    if fmt == "csv":
        return _csv_pieces((export.flat(r) for r in rows), export.COLUMNS)
    if fmt == "acled":
        shaped = (export.acled_row(r) for r in rows)
        return _csv_pieces((r for r in shaped if r is not None), export.ACLED_COLUMNS)
    if fmt == "jsonl":
        return _jsonl_pieces(rows)
    if fmt == "geojson":
        return _geojson_pieces(rows)
    return _parquet_pieces(rows)


@router.get("", dependencies=[Depends(read_access)], response_class=StreamingResponse,
            responses={**BAD_QUERY, **KEYED,
                       200: {"description": "The events, streamed: ACLED CSV or CSV "
                             "(text/csv), GeoJSON, JSON lines or Parquet.",
                             "content": CONTENT}})
def export_events(filters: EventFilters, engine: Db,
                  format: Annotated[ExportFormat, Query(description="acled (ACLED's columns "
                                                        "and codes), csv, geojson, jsonl, "
                                                        "parquet.")] = "csv") -> Any:
    """The events matching the filters, oldest first, with the analysts' edits applied and
    rejected events left out unless asked for."""
    name = f"eventwire-events.{EXTENSIONS[format]}"
    return StreamingResponse(pieces(format, _rows(engine, filters)),
                             media_type=MEDIA_TYPES[format],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
