"""serve, keys and bench-api: the REST API and dashboard, its keys, and its load bench."""

from __future__ import annotations

from pathlib import Path

import typer

from ._util import app

keys_app = typer.Typer(help="API keys: create (shown once), list, revoke.",
                       no_args_is_help=True)
app.add_typer(keys_app, name="keys")

_DB_HELP = "Database URL or SQLite path [EVENTWIRE_DB]."


@app.command()
def serve(
    db: str = typer.Option(None, "--db", help=_DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    reads: str = typer.Option(None, "--reads", help="open, keyed, or auto (open on a "
                              "loopback host, keyed on any other) [EVENTWIRE_API_READS]."),
    workers: int = typer.Option(1, "--workers", help="Server processes."),
) -> None:
    """The REST API and the dashboard (http://HOST:PORT/); writes need an API key."""
    import uvicorn

    from ..api.settings import ApiSettings
    from ..config import load_config
    from ..errors import EventwireError
    from ..store import open_store

    overrides = {"host": host, "port": port, "db": load_config(db=db).db}
    if reads is not None:
        if reads not in ("open", "keyed", "auto"):
            raise typer.BadParameter("--reads is open, keyed or auto")
        overrides["reads"] = reads
    settings = ApiSettings(**overrides)
    try:
        open_store(settings.database())  # migrate once, here, not in every worker
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    access = "keyed" if settings.reads_keyed else "open"
    typer.echo(f"eventwire API on http://{host}:{port}/ (reads {access}, writes keyed)",
               err=True)
    _export_settings(settings)
    uvicorn.run("eventwire.api.serve_app:app" if workers > 1 else _app(settings), host=host,
                port=port, workers=workers, log_level="warning", access_log=False)


def _app(settings):  # type: ignore[no-untyped-def]
    from ..api import create_app

    return create_app(settings)


def _export_settings(settings) -> None:  # type: ignore[no-untyped-def]
    """Worker processes build the app from the environment: hand the settings on there."""
    import json
    import os

    for name, value in settings.model_dump().items():
        if value is not None:
            os.environ[f"EVENTWIRE_API_{name.upper()}"] = (
                json.dumps(value) if isinstance(value, list) else str(value))


@keys_app.command("create")
def keys_create(
    name: str = typer.Argument(..., help="Who holds the key; reviews are signed with it."),
    db: str = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Make a key for NAME and print it, once: only its hash is stored."""
    from ..config import load_config
    from ..errors import EventwireError
    from ..store import open_store
    from ..store.apikeys import create_key

    try:
        key, record = create_key(open_store(load_config(db=db).db), name)
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    typer.echo(key)
    typer.echo(f"key {record.id} for {record.name!r}: keep it now, it is not shown again "
               "(send it as Authorization: Bearer KEY)", err=True)


@keys_app.command("list")
def keys_list(db: str = typer.Option(None, "--db", help=_DB_HELP)) -> None:
    """Every key: id, name, its first characters, created, revoked."""
    from rich.console import Console
    from rich.table import Table

    from ..config import load_config
    from ..errors import EventwireError
    from ..store import open_store
    from ..store.apikeys import list_keys

    try:
        records = list_keys(open_store(load_config(db=db).db))
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    table = Table(title=f"{len(records)} API keys")
    for column in ("id", "name", "key", "created", "revoked"):
        table.add_column(column)
    for r in records:
        table.add_row(str(r.id), r.name, r.prefix + "...", f"{r.created_at:%Y-%m-%d %H:%M}",
                      f"{r.revoked_at:%Y-%m-%d %H:%M}" if r.revoked_at else "")
    Console().print(table)


@keys_app.command("revoke")
def keys_revoke(
    name: str = typer.Argument(..., help="The key's name (or its id, from keys list)."),
    db: str = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Revoke a key: requests with it are refused from now on."""
    from ..config import load_config
    from ..errors import EventwireError
    from ..store import open_store
    from ..store.apikeys import revoke_key

    try:
        revoked = revoke_key(open_store(load_config(db=db).db), name)
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    if not revoked:
        typer.echo(f"no active key named {name!r}", err=True)
        raise typer.Exit(1)
    for r in revoked:
        typer.echo(f"revoked key {r.id} of {r.name!r}")


@app.command("bench-api")
def bench_api(
    events: int = typer.Option(100_000, "--events", help="Synthetic events in the database."),
    clients: int = typer.Option(50, "--clients", help="Concurrent clients."),
    seconds: float = typer.Option(30.0, "--seconds", help="How long the load lasts."),
    backend: list[str] = typer.Option(["sqlite", "postgres"], "--backend",  # noqa: B008
                                      help="sqlite and/or postgres."),
    pg: str = typer.Option(None, "--pg", help="PostgreSQL server URL (a schema of its own is "
                           "made and dropped) [EVENTWIRE_BENCH_PG]."),
    workers: int = typer.Option(2, "--workers", help="uvicorn processes (one per core)."),
    quick: bool = typer.Option(False, "--quick", help="A short run: 2,000 events, 5 clients, "
                               "3 s, SQLite only."),
    json_file: Path = typer.Option(None, "--json", help="Write the figures as JSON here."),  # noqa: B008
) -> None:
    """Load on GET /api/events: N events, C clients on loopback for S seconds; prints
    requests/s and p50/p95/p99 latency per database, and checks a review written under load
    is read back at once."""
    import json

    from rich.console import Console

    from .. import bench_api as module
    from ..errors import EventwireError

    if quick:
        events, clients, seconds, backend, workers = 2_000, 5, 3.0, ["sqlite"], 1
    console = Console()
    results = []
    for name in backend:
        if name not in ("sqlite", "postgres"):
            raise typer.BadParameter("--backend is sqlite or postgres")
        try:
            with console.status(f"{name}: {events:,} events, {clients} clients, {seconds:g} s"):
                results.append(module.run(name, events=events, clients=clients,
                                          seconds=seconds, pg=pg, workers=workers))
        except EventwireError as err:
            typer.echo(str(err), err=True)
            raise typer.Exit(1) from None
    console.print(module.table(results))
    if json_file is not None:
        json_file.write_text(json.dumps([r.to_dict() for r in results], indent=2) + "\n",
                             encoding="utf-8")
        console.print(f"figures written to {json_file}")
