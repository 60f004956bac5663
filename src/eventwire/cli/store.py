"""ingest, events, errors: the commands that write and read the store."""

from __future__ import annotations

from typing import Any

import typer

from ._util import (
    EXIT_NOTHING_READ,
    EXIT_OK,
    EXIT_RUN_FAILED,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    app,
    fail,
    open_existing_store,
)


def _parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise typer.BadParameter("--bbox is WEST,SOUTH,EAST,NORTH in degrees") from None
    return west, south, east, north


def ingest_exit_code(summary: Any) -> int:
    """0 all read, 1 some inputs failed, 3 nothing could be read."""
    read = summary.articles + summary.skipped + summary.versions
    if read == 0 and (summary.errors or summary.items == 0):
        return EXIT_NOTHING_READ
    return EXIT_SOME_FAILED if summary.errors else EXIT_OK


@app.command()
def ingest(
    sources: list[str] = typer.Argument(  # noqa: B008
        ..., help="Files, folders, globs, WARC(.gz), feeds, URLs."),
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    workers: int = typer.Option(None, "--workers", "-w", help="Processes doing the coding."),
    engine: str = typer.Option("local", "--engine", help="local or dask."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address."),
    timeout: float = typer.Option(10.0, "--timeout", help="Seconds to wait for the database "
                                  "or the Dask scheduler before giving up."),
    follow: bool = typer.Option(False, "--follow", help="Fetch the page each feed item links."),
    input_format: str = typer.Option("auto", "--input-format", help="auto, text, html, json, "
                                     "jsonl, csv."),
    text_column: str = typer.Option("text", "--text-column", help="CSV column with the text."),
    published: str = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) "
                                  "of articles that carry none (plain files)."),
    url: str = typer.Option(None, "--url", help="The URL of the one article a plain file "
                            "holds: it becomes the article's identity."),
    batch_size: int = typer.Option(None, "--batch-size", help="Articles per batch."),
    max_bytes: int = typer.Option(None, "--max-bytes", help="Largest article accepted."),
    delay: float = typer.Option(1.0, "--delay", help="Seconds between requests to one host."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    config_file: str = typer.Option(None, "--config", help="A TOML options file."),
) -> None:
    """Code SOURCES into the database: idempotent, resumable, bad input logged and skipped.

    Exit code 0: every input read; 1: some inputs failed (see `eventwire errors`); 2: a bad
    option; 3: nothing could be read; 4: the run failed (database, scheduler, model).
    """
    from ..config import load_config
    from ..errors import EventwireError, UsageError
    from ..ingest.progress import RichReporter
    from ..ingest.run import IngestOptions
    from ..ingest.run import ingest as run_ingest
    from ._checks import check_date, check_positive

    try:
        check_positive(batch_size, "--batch-size")
        check_positive(workers, "--workers")
        check_positive(max_bytes, "--max-bytes")
        if engine not in ("local", "dask"):
            raise UsageError(f"--engine {engine!r} is unknown; one of: local, dask")
        options = IngestOptions(follow=follow, input_format=input_format,
                                text_column=text_column, fetch_delay=delay,
                                published=check_date(published, "--published"), url=url,
                                connect_timeout=timeout)
        config = load_config(config_file, db=db, workers=workers, batch_size=batch_size,
                             max_bytes=max_bytes)
    except EventwireError as err:
        raise fail(err, EXIT_USAGE) from None
    import os

    os.environ["EVENTWIRE_DB_TIMEOUT"] = str(max(1, round(timeout)))  # read by store.db
    try:
        summary = run_ingest(sources, config=config, options=options, engine=engine,
                             scheduler=scheduler, reporter=RichReporter(show_bar=not quiet))
    except UsageError as err:
        raise fail(err, EXIT_USAGE) from None
    except EventwireError as err:
        raise fail(err, EXIT_RUN_FAILED) from None
    except KeyboardInterrupt:
        typer.echo("interrupted: whole batches are stored; run the same command again to "
                   "finish", err=True)
        raise typer.Exit(130) from None
    code = ingest_exit_code(summary)
    if code == EXIT_NOTHING_READ:
        typer.echo("nothing could be read from " + " ".join(sources), err=True)
    raise typer.Exit(code)


@app.command()
def events(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    country: str = typer.Option(None, "--country", help="ISO3 country code (UKR)."),
    admin1: str = typer.Option(None, "--admin1", help="First-level region name."),
    type_: str = typer.Option(None, "--type", help="PLOVER event type (ASSAULT, PROTEST...)."),
    status: str = typer.Option(None, "--status", help="occurred, ongoing, planned, "
                               "threatened, hypothetical, denied, negated; several with "
                               "commas, or 'all'. ACLED and GDELT exports default to "
                               "occurred,ongoing."),
    since: str = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    bbox: str = typer.Option(None, "--bbox", help="WEST,SOUTH,EAST,NORTH in degrees."),
    min_killed: int = typer.Option(None, "--min-killed", help="At least this many killed."),
    text: str = typer.Option(None, "--text", help="Words in the evidence sentence (taken "
                             "literally: % and _ are characters)."),
    limit: int = typer.Option(None, "--limit", help="At most this many events."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json, jsonl, csv (ACLED "
                            "column names), csv-full (every field), acled, gdelt, geojson, "
                            "parquet."),
    output: str = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """Query the stored events and export them; says on stderr how many it left out and why."""
    from ..errors import EventwireError
    from ..export import FORMATS, export_events, left_out_line
    from ..model import EVENT_TYPES
    from ..store import EventQuery, select_events
    from ._checks import check_choice, check_country, check_date, check_output

    try:
        fmt = str(check_choice(fmt, FORMATS, "--format"))
        statuses = parse_statuses(status)
        query = EventQuery(country=check_country(country),
                           admin1=admin1,
                           type=check_choice(type_, EVENT_TYPES, "--type", upper=True),
                           statuses=statuses,
                           since=check_date(since, "--since"),
                           until=check_date(until, "--until"),
                           bbox=_parse_bbox(bbox), min_killed=min_killed, text=text,
                           limit=limit)
        if fmt == "parquet" and output in (None, "-"):
            from ..errors import UsageError

            raise UsageError("--format parquet is binary: give an output file with -o")
        check_output(output)
    except typer.BadParameter:
        raise
    except EventwireError as err:
        raise fail(err, EXIT_USAGE) from None
    engine = open_existing_store(db)
    left_out: dict[str, int] = {}
    try:
        count = export_events(select_events(engine, query), fmt, output, left_out=left_out,
                              statuses=statuses)
    except EventwireError as err:
        raise fail(err, EXIT_RUN_FAILED) from None
    typer.echo(left_out_line(count, fmt, left_out, output), err=True)


def parse_statuses(value: str | None) -> tuple[str, ...] | None:
    """``--status``: one status, several with commas, or ``all``; ``None`` when not given."""
    from ..model import Status
    from ._checks import check_choice

    if value is None:
        return None
    known: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
    if value.strip().lower() == "all":
        return known
    return tuple(str(check_choice(v, known, "--status")) for v in value.split(",") if v.strip())


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

    from ..errors import EventwireError
    from ..store import list_errors

    engine = open_existing_store(db)
    try:
        rows = list_errors(engine, run_id=run, code=code, limit=limit)
    except EventwireError as err:
        raise fail(err, EXIT_RUN_FAILED) from None
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
