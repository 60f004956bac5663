"""The FastAPI app: routers, middlewares, error answers, and the dashboard's static files.

``create_app(settings)`` builds an app for one database; ``eventwire serve`` runs it under
uvicorn. Every error reaches the client as ``{"code": "E...", "detail": "..."}`` with a status
that says whose fault it is (4xx the request's, 502 the fetched site's, 503 the database's);
no traceback leaves the server.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import (
    AccessError,
    EventwireError,
    FetchError,
    InputError,
    NotFoundError,
    StoreError,
    UnsafeUrlError,
)
from ..store import create_db_engine, open_store
from . import direct
from .cache import PageCache, generation_reader
from .middleware import BodyLimit, SecurityHeaders
from .queries import BadQuery
from .responses import JSONBody, error_body
from .routers import articles, events, export, incidents, meta, report, series
from .settings import ApiSettings, default_settings

logger = logging.getLogger(__name__)

_STATUS = [  # most specific first
    (AccessError, 401), (NotFoundError, 404), (UnsafeUrlError, 400), (FetchError, 502),
    (InputError, 400), (StoreError, 503),
]  # fmt: skip


def web_folder(settings: ApiSettings) -> Path | None:
    """The dashboard's files (index.html, assets/): the settings' folder or the package's."""
    folder = Path(settings.web_dir) if settings.web_dir else Path(
        str(resources.files("eventwire").joinpath("web")))
    return folder if (folder / "index.html").is_file() else None


def content_security_policy(settings: ApiSettings) -> str:
    """The settings' policy, with the tile server's origin allowed for images when one is set."""
    csp = settings.csp
    if settings.tile_url:
        parts = urlsplit(settings.tile_url.replace("{", "").replace("}", ""))
        if parts.scheme in ("http", "https") and parts.netloc:
            csp = csp.replace("img-src 'self'", f"img-src 'self' {parts.scheme}://{parts.netloc}")
    return csp


def _read_cache(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # a server reads the same pages over and over: 64 MiB of page cache per connection and
    # the file memory-mapped, instead of SQLite's 2 MiB and a read() per page
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


# a pooled PostgreSQL connection unused for longer is pinged before a request gets it
PING_AFTER_IDLE_S = 10.0


def _ping_when_idle(engine: Engine) -> None:
    """Ping a connection only when it has lain idle: a busy server's connections are known
    to work, and a ping on every checkout (``pool_pre_ping``) is one more round trip per
    request, a quarter of a page's cost. A failed ping makes the pool open another."""

    def checkin(_dbapi_connection, record) -> None:  # type: ignore[no-untyped-def]
        record.info["idle_since"] = time.monotonic()

    def checkout(dbapi_connection, record, _proxy) -> None:  # type: ignore[no-untyped-def]
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
            return
        try:
            cursor = dbapi_connection.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
        except Exception as err:  # any failure: the pool retries with a new connection
            raise DisconnectionError(str(err)) from err

    event.listen(engine, "checkin", checkin)
    event.listen(engine, "checkout", checkout)


def api_engine(db: str, *, threads: int = 8) -> Engine:
    """An engine of the server's own for ``db``, its schema brought to the newest revision:
    a pool for the threads that use it, SQLite's read cache enlarged, PostgreSQL's idle
    connections pinged before use."""
    open_store(db)
    # streamed exports hold a connection while they send: room for them beside the threads
    engine = create_db_engine(db, pool_size=threads + 4, max_overflow=threads + 16,
                              pool_pre_ping=False)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _read_cache)
    else:
        _ping_when_idle(engine)
    return engine


def create_app(settings: ApiSettings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The API (and dashboard) for ``settings.database()``, or for ``engine`` when given."""
    settings = settings or default_settings()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = settings.threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="eventwire",
        version=__version__,
        summary="Political and conflict events coded from news, with their evidence, for "
        "people to see, check and correct.",
        docs_url=None,  # Swagger UI loads scripts from a CDN and runs inline ones: not here
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine if engine is not None else api_engine(
        settings.database(), threads=settings.threads)
    app.state.pipeline = None

    for router in (events.router, incidents.router, series.router, export.router,
                   articles.router, meta.router, report.router):
        app.include_router(router)
    _error_handlers(app)
    _static(app, web_folder(settings))
    # innermost of the three: cached pages get the security headers too
    reader = None if settings.reads_keyed else generation_reader(app.state.engine)
    engine_ = app.state.engine
    app.add_middleware(PageCache, reader=reader, max_bytes=settings.cache_mb * 1_000_000,
                       direct=lambda query: direct.plan(query, engine_))
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(settings))
    return app


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(EventwireError)
    async def eventwire_error(_request: Request, err: EventwireError) -> JSONBody:
        status = next((code for kind, code in _STATUS if isinstance(err, kind)), 400)
        if status == 503:
            logger.error("%s", err)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        detail = f"{err.where}: {err.message}" if err.where else err.message
        return error_body(err.code, detail, status, headers)

    @app.exception_handler(BadQuery)
    async def bad_query(_request: Request, err: BadQuery) -> JSONBody:
        return error_body("E100", str(err), 400)

    @app.exception_handler(SQLAlchemyError)
    async def database_error(_request: Request, err: SQLAlchemyError) -> JSONBody:
        logger.error("database error: %s", str(err).splitlines()[0])
        return error_body("E400", "the database cannot answer now; try again", 503)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, err: StarletteHTTPException) -> JSONBody:
        code = {413: "E103", 404: "E403"}.get(err.status_code, "E100")
        return error_body(code, str(err.detail), err.status_code, err.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, err: RequestValidationError) -> JSONBody:
        # FastAPI's own shape (documented as HTTPValidationError on every route)
        return JSONBody({"detail": _jsonable_errors(err.errors())}, status_code=422)


def _jsonable_errors(errors: object) -> list[dict[str, object]]:
    out = []
    for error in errors:  # type: ignore[attr-defined]
        out.append({"loc": list(error.get("loc", ())), "msg": str(error.get("msg", "")),
                    "type": str(error.get("type", ""))})
    return out


def _static(app: FastAPI, folder: Path | None) -> None:
    if folder is None:
        return
    assets = folder / "assets"
    if assets.is_dir():
        app.mount("/assets", StaticFiles(directory=assets), name="assets")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(folder / "index.html", media_type="text/html")


__all__ = ["api_engine", "content_security_policy", "create_app", "web_folder"]
