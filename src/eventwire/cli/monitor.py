"""articles, runs, watch: what the store holds, how the runs went, and polling sources."""

from __future__ import annotations

import typer

from ._util import EXIT_RUN_FAILED, EXIT_USAGE, app, fail, open_existing_store


@app.command()
def articles(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    article_id: str = typer.Option(None, "--id", help="Only this article."),
    limit: int = typer.Option(50, "--limit", help="At most this many (newest first)."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """List stored articles with their versions (a corrected story is a new version)."""
    import json

    from rich.console import Console
    from rich.table import Table

    from ..errors import EventwireError
    from ..store import list_articles

    engine = open_existing_store(db)
    try:
        rows = list_articles(engine, limit=limit, article_id=article_id)
    except EventwireError as err:
        raise fail(err, EXIT_RUN_FAILED) from None
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, default=str))
        return
    table = Table(title=f"{len(rows)} articles")
    for name in ("id", "version", "events", "published", "url or source", "title", "versions"):
        table.add_column(name, overflow="fold")
    for row in rows:
        history = ", ".join(f"v{v['version']} {v['ingested_at']:%Y-%m-%d %H:%M} "
                            f"({v['n_events']} events, run {v['run_id']})"
                            for v in row["versions"])
        table.add_row(row["id"], str(row["version"]), str(row["n_events"]),
                      str(row["published"] or ""), row["url"] or row["source_key"] or "",
                      row["title"] or "", history)
    Console().print(table)


@app.command()
def runs(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    limit: int = typer.Option(20, "--limit", help="The last this many runs."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """List ingest runs: when, what, counts, and status (a run whose process died: killed)."""
    import json

    from rich.console import Console
    from rich.table import Table

    from ..errors import EventwireError
    from ..store import list_runs

    engine = open_existing_store(db)
    try:
        rows = list_runs(engine, limit=limit)
    except EventwireError as err:
        raise fail(err, EXIT_RUN_FAILED) from None
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, default=str))
        return
    table = Table(title=f"{len(rows)} runs")
    for name in ("run", "status", "started", "finished", "articles", "skipped", "events",
                 "errors", "sources"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(str(row["id"]), row["status"], f"{row['started_at']:%Y-%m-%d %H:%M:%S}",
                      f"{row['finished_at']:%Y-%m-%d %H:%M:%S}" if row["finished_at"] else "",
                      str(row["articles"]), str(row["skipped"]), str(row["events"]),
                      str(row["errors"]), " ".join(row["sources"])[:200])
    Console().print(table)


@app.command()
def watch(
    sources: list[str] = typer.Argument(  # noqa: B008
        ..., help="Feeds and pages (URLs), files and folders to poll."),
    every: str = typer.Option("10m", "--every", help="Time between two polls: 30s, 10m, 1h."),
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    cycles: int = typer.Option(None, "--cycles", help="Stop after this many polls (default: "
                               "run until stopped)."),
    timeout: float = typer.Option(20.0, "--timeout", help="Seconds to wait for a server."),
    config_file: str = typer.Option(None, "--config", help="A TOML options file."),
) -> None:
    """Poll SOURCES with conditional requests and store what is new or changed.

    One line per cycle; kill it and start it again at any time: nothing is lost or doubled.
    """
    import sys

    from ..config import load_config
    from ..errors import EventwireError
    from ..ingest.watch import Watcher, parse_every
    from ._checks import check_positive

    try:
        seconds = parse_every(every)
        check_positive(cycles, "--cycles")
        config = load_config(config_file, db=db)
    except EventwireError as err:
        raise fail(err, EXIT_USAGE) from None
    try:
        watcher = Watcher(sources, config=config, timeout=timeout)
    except EventwireError as err:
        raise fail(err, EXIT_RUN_FAILED) from None
    reporter = None
    if sys.stderr.isatty():
        from ..ingest.progress import RichReporter

        reporter = RichReporter(show_bar=False)
    try:
        watcher.run(seconds, cycles=cycles, reporter=reporter,
                    log=lambda line: typer.echo(line, err=True))
    except EventwireError as err:
        raise fail(err, EXIT_RUN_FAILED) from None
    except KeyboardInterrupt:
        typer.echo("watch stopped: what was stored stays; start it again to go on", err=True)
        raise typer.Exit(130) from None
    finally:
        watcher.close()
