"""ingest, events, errors: the commands that write and read the store."""

from __future__ import annotations

import typer

from ._util import app


def _parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise typer.BadParameter("--bbox is WEST,SOUTH,EAST,NORTH in degrees") from None
    return west, south, east, north


@app.command()
def ingest(
    sources: list[str] = typer.Argument(  # noqa: B008
        ..., help="Files, folders, globs, WARC(.gz), feeds, URLs."),
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    workers: int = typer.Option(None, "--workers", "-w", help="Processes doing the coding."),
    engine: str = typer.Option("local", "--engine", help="local or dask."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address."),
    follow: bool = typer.Option(False, "--follow", help="Fetch the page each feed item links."),
    input_format: str = typer.Option("auto", "--input-format", help="auto, text, html, json, "
                                     "jsonl, csv."),
    text_column: str = typer.Option("text", "--text-column", help="CSV column with the text."),
    batch_size: int = typer.Option(None, "--batch-size", help="Articles per batch."),
    max_bytes: int = typer.Option(None, "--max-bytes", help="Largest article accepted."),
    delay: float = typer.Option(1.0, "--delay", help="Seconds between requests to one host."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    config_file: str = typer.Option(None, "--config", help="A TOML options file."),
) -> None:
    """Code SOURCES into the database: idempotent, resumable, bad input logged and skipped."""
    from ..config import load_config
    from ..errors import EventwireError
    from ..ingest.progress import RichReporter
    from ..ingest.run import IngestOptions
    from ..ingest.run import ingest as run_ingest

    try:
        config = load_config(config_file, db=db, workers=workers, batch_size=batch_size,
                             max_bytes=max_bytes)
        options = IngestOptions(follow=follow, input_format=input_format,
                                text_column=text_column, fetch_delay=delay)
        summary = run_ingest(sources, config=config, options=options, engine=engine,
                             scheduler=scheduler, reporter=RichReporter(show_bar=not quiet))
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    if summary.articles == 0 and summary.errors and summary.skipped == 0:
        raise typer.Exit(1)


@app.command()
def events(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    country: str = typer.Option(None, "--country", help="ISO3 country code."),
    admin1: str = typer.Option(None, "--admin1", help="First-level region name."),
    type_: str = typer.Option(None, "--type", help="PLOVER event type (ASSAULT, PROTEST...)."),
    status: str = typer.Option(None, "--status", help="occurred, planned, denied..."),
    since: str = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    bbox: str = typer.Option(None, "--bbox", help="WEST,SOUTH,EAST,NORTH in degrees."),
    min_killed: int = typer.Option(None, "--min-killed", help="At least this many killed."),
    text: str = typer.Option(None, "--text", help="Words in the evidence sentence."),
    limit: int = typer.Option(None, "--limit", help="At most this many events."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json, jsonl, csv, acled, "
                            "gdelt, geojson, parquet."),
    output: str = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """Query the stored events and export them."""
    from datetime import date

    from ..config import load_config
    from ..errors import EventwireError
    from ..export import FORMATS, export_events
    from ..store import EventQuery, open_store, select_events

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    try:
        query = EventQuery(country=country, admin1=admin1, type=type_, status=status,
                           since=date.fromisoformat(since) if since else None,
                           until=date.fromisoformat(until) if until else None,
                           bbox=_parse_bbox(bbox), min_killed=min_killed, text=text,
                           limit=limit)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    try:
        engine = open_store(load_config(db=db).db)
        count = export_events(select_events(engine, query), fmt, output)
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    if output:
        typer.echo(f"{count} events written to {output}", err=True)


@app.command()
def errors(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    run: int = typer.Option(None, "--run", help="Only this ingest run."),
    code: str = typer.Option(None, "--code", help="Only this error code (E104...)."),
    limit: int = typer.Option(None, "--limit", help="At most this many."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """List what ingest could not read or code: source, item, code, message."""
    import json

    from rich.console import Console
    from rich.table import Table

    from ..config import load_config
    from ..errors import EventwireError
    from ..store import list_errors, open_store

    try:
        rows = list_errors(open_store(load_config(db=db).db), run_id=run, code=code,
                           limit=limit)
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, default=str))
        return
    table = Table(title=f"{len(rows)} ingest errors")
    for name in ("run", "code", "source", "item", "message"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(str(row["run_id"]), row["code"], row["source"], row["item"] or "",
                      row["message"])
    Console().print(table)


