"""What the dashboard needs to build its menus, and the health check."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import text

from ... import __version__
from ...store.reviews import EDITABLE
from .. import queries
from ..dependencies import Db, Settings, read_access, reading
from ..models import HealthOut, MetaOut, Sort
from ..responses import KEYED, UNAVAILABLE, JSONBody

router = APIRouter(tags=["meta"], responses=UNAVAILABLE)


@router.get("/api/meta", response_model=MetaOut, dependencies=[Depends(read_access)],
            responses=KEYED)
def get_meta(db: Db, settings: Settings) -> Any:
    """Distinct countries, types, ACLED types and statuses; the date range; the settings the
    dashboard follows (keyed reads, tile URL)."""
    with reading(db) as conn:
        out = queries.menus(conn)
    out.update(editable_fields=list(EDITABLE), sorts=list(Sort.__args__),  # type: ignore[attr-defined]
               reads_keyed=settings.reads_keyed, tile_url=settings.tile_url)
    return JSONBody(out)


@router.get("/healthz", response_model=HealthOut, responses=UNAVAILABLE)
def healthz(db: Db) -> Any:
    """200 when the database answers."""
    with reading(db) as conn:
        conn.execute(text("SELECT 1"))
    return JSONBody({"status": "ok", "version": __version__, "database": db.dialect.name})
