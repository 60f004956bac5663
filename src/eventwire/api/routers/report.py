"""Situation report: the one ``eventwire report`` writes, for the dashboard's current filter."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ...errors import InputError
from ...report import gather, render_html, write_report
from ..dependencies import Db, read_access
from ..models import NO_NUL
from ..responses import BAD_QUERY, KEYED, UNAVAILABLE

router = APIRouter(prefix="/api/report", tags=["report"], responses=UNAVAILABLE)

# the report is a document, not an app: no script may run in it, its own styles may
REPORT_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                 "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
_CONTENT = {"text/html": {"schema": {"type": "string"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}}}


@router.get("", dependencies=[Depends(read_access)], response_class=Response,
            responses={200: {"content": _CONTENT, "description": "The report."},
                       **BAD_QUERY, **KEYED})
async def get_report(
    db: Db,
    format: Annotated[Literal["html", "pdf"], Query(description="html or pdf.")] = "html",
    country: Annotated[str | None, Query(max_length=3, pattern=NO_NUL,
                                         description="ISO3 country code.")] = None,
    admin1: Annotated[str | None, Query(max_length=200, pattern=NO_NUL,
                                        description="Region name.")] = None,
    since: Annotated[dt.date | None, Query(description="From this day.")] = None,
    until: Annotated[dt.date | None, Query(description="Up to this day.")] = None,
) -> Response:
    """Headline figures against the previous period, map, timeline, top incidents with their
    sources and sentences, escalation flags and alerts (28 days up to the latest incident by
    default)."""
    if since and until and since > until:
        raise InputError(f"since ({since}) is after until ({until})")
    data = await run_in_threadpool(gather, db, country=country, admin1=admin1, since=since,
                                   until=until)
    if format == "html":
        return HTMLResponse(await run_in_threadpool(render_html, data),
                            headers={"Content-Security-Policy": REPORT_POLICY})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        await run_in_threadpool(write_report, data, path)
        body = path.read_bytes()
    name = f"eventwire-report-{data.since}-{data.until}.pdf"
    return Response(body, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
