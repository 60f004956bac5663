"""The command line: thin Typer commands that parse arguments and call plain functions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

app = typer.Typer(
    name="eventwire",
    help="News in, structured, geocoded, sourced political and conflict events out.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main() -> None:
    """eventwire: code news articles into events."""


# -- ingest, events, errors (the store) -----------------------------------------------------


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
    from .config import load_config
    from .errors import EventwireError
    from .ingest.progress import RichReporter
    from .ingest.run import IngestOptions
    from .ingest.run import ingest as run_ingest

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

    from .config import load_config
    from .errors import EventwireError
    from .export import FORMATS, export_events
    from .store import EventQuery, open_store, select_events

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

    from .config import load_config
    from .errors import EventwireError
    from .store import list_errors, open_store

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


# -- extract and places: one-off coding, no database ----------------------------------------

_EXTRACT_FORMATS = ("table", "json", "jsonl", "csv", "geojson", "acled", "gdelt")


def _read_or_exit(inputs: list[str], input_format: str, text_column: str, config: Any) -> Any:
    from .ingest import Failure
    from .ingest.files import read_inputs

    for item in read_inputs(inputs or ["-"], input_format=input_format,
                            text_column=text_column, max_bytes=config.max_bytes):
        if isinstance(item, Failure):
            typer.echo(f"error: {item}", err=True)
            continue
        yield item


def _code(
    inputs: list[str], *, published: str | None, input_format: str, text_column: str,
    model: str | None, config_file: str | None, all_places: bool, no_shortcut: bool,
) -> Any:
    """Yield ``Coded`` for every readable input; one line on stderr for each that is not."""
    import logging

    from .clean import parse_published
    from .config import load_config
    from .errors import EventwireError
    from .pipeline import Pipeline

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        config = load_config(config_file, model=model,
                             trigger_shortcut=False if no_shortcut else None)
        default_date = parse_published(published) if published else None
        pipeline = Pipeline(config, all_places=all_places)
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(2) from None

    def articles() -> Any:
        for article in _read_or_exit(inputs, input_format, text_column, config):
            if default_date and article.published is None:
                article = article.model_copy(update={"published": default_date})
            yield article

    with _progress() as progress:
        task = progress.add_task("coding", total=None)
        for coded in pipeline.process(articles()):
            progress.advance(task)
            if coded.error is not None:
                where = coded.article.source or coded.article.id
                message = str(coded.error)
                progress.console.print(
                    f"error: {message if where in message else f'{where}: {message}'}",
                    markup=False, highlight=False, soft_wrap=True,
                )
                continue
            yield coded


def _progress() -> Any:
    """A spinner with the count of articles coded, on stderr when a person is watching it."""
    import sys

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    return Progress(
        SpinnerColumn(), TextColumn("{task.completed} articles coded"), TimeElapsedColumn(),
        console=console, transient=True, disable=not sys.stderr.isatty(),
    )  # fmt: skip


@app.command()
def extract(
    inputs: list[str] = typer.Argument(  # noqa: B008
        None, help="Files, folders, globs or URLs; '-' or nothing reads stdin."),
    published: str = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) "
                                  "for inputs that carry none; relative dates resolve to it."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json, jsonl, csv (ACLED "
                            "column names), geojson, acled, gdelt."),
    input_format: str = typer.Option("auto", "--input-format", help="auto, text, html, json, "
                                     "jsonl, csv."),
    text_column: str = typer.Option("text", "--text-column", help="CSV column with the text."),
    output: str = typer.Option(None, "--output", "-o", help="Write to this file."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline [EVENTWIRE_MODEL]."),
    no_shortcut: bool = typer.Option(False, "--no-shortcut", help="Parse every paragraph, not "
                                     "only those with a trigger word."),
    config_file: str = typer.Option(None, "--config", help="A TOML options file."),
) -> None:
    """Code news articles into events, each with its evidence; no database."""
    from .export import coded_rows, export_events

    if fmt not in _EXTRACT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(_EXTRACT_FORMATS)}")
    coded = _code(inputs, published=published, input_format=input_format,
                  text_column=text_column, model=model, config_file=config_file,
                  all_places=False, no_shortcut=no_shortcut)
    rows = (row for item in coded for row in coded_rows(item.events, item.document))
    export_events(rows, "acled_csv" if fmt == "csv" else fmt, output)


@app.command()
def places(
    inputs: list[str] = typer.Argument(  # noqa: B008
        None, help="Files, folders, globs or URLs; '-' or nothing reads stdin."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl, json, csv."),
    input_format: str = typer.Option("auto", "--input-format", help="auto, text, html, json, "
                                     "jsonl, csv."),
    text_column: str = typer.Option("text", "--text-column", help="CSV column with the text."),
    output: str = typer.Option(None, "--output", "-o", help="Write to this file."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline [EVENTWIRE_MODEL]."),
    config_file: str = typer.Option(None, "--config", help="A TOML options file."),
) -> None:
    """The geoparser alone: every place mention with offsets, GeoNames id and coordinates."""
    from .export import export_places

    if fmt not in ("table", "jsonl", "json", "csv"):
        raise typer.BadParameter("--format must be one of table, jsonl, json, csv")
    coded = _code(inputs, published=None, input_format=input_format, text_column=text_column,
                  model=model, config_file=config_file, all_places=True, no_shortcut=True)
    mentions = (mention for item in coded for mention in item.places)
    export_places(mentions, fmt, output)


# -- eval, bench (measuring) ----------------------------------------------------------------


@app.command("eval")
def eval_command(
    dataset: str = typer.Argument(..., help="acled, ucdp, gwn or plover."),
    path: Path = typer.Argument(..., help="The dataset file (CSV, XML or JSON), read in place."),  # noqa: B008
    limit: int = typer.Option(None, "--limit", "-n", help="Score an even spread of N rows."),
    json_file: Path = typer.Option(None, "--json", help="Write the scores as JSON here."),  # noqa: B008
    report: Path = typer.Option(None, "--report", help="Write an HTML report here."),  # noqa: B008
    no_shortcut: bool = typer.Option(False, "--no-shortcut",
                                     help="Parse every sentence (trigger_shortcut off)."),
    errors_shown: int = typer.Option(15, "--errors", help="How many worst errors to list."),
    config_file: str = typer.Option(None, "--config", help="A TOML options file."),
) -> None:
    """Score eventwire against human-coded DATASET at PATH: table, worst errors, JSON, HTML."""
    from rich.console import Console
    from rich.progress import Progress

    from .config import load_config
    from .errors import EvaluationUnavailableError, EventwireError
    from .evaluate import evaluate
    from .evaluate.report import write_html
    from .evaluate.tables import classes_table, errors_table, measures_table

    console = Console()
    try:
        config = load_config(config_file, trigger_shortcut=False if no_shortcut else None)
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task(f"coding {dataset}", total=None)
            result = evaluate(dataset, path, limit=limit, config=config,
                              on_total=lambda n: bar.update(task, total=n or None),
                              progress=lambda n: bar.advance(task, n))
    except EvaluationUnavailableError as err:
        console.print(f"[yellow]skipped:[/yellow] {err}")
        return
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    console.print(measures_table(result))
    for target in result.classes:
        console.print(classes_table(result, target))
    if errors_shown > 0 and result.errors:
        console.print(errors_table(result, errors_shown))
    for note in result.notes:
        console.print(f"[dim]rule: {note}[/dim]")
    if json_file is not None:
        result.write_json(json_file)
        console.print(f"scores written to {json_file}")
    if report is not None:
        write_html(result, report)
        console.print(f"report written to {report}")


@app.command()
def bench(
    corpus: Path = typer.Argument(None, help="CSV (text column), JSONL or folder of pages; "  # noqa: B008
                                  "default: ../shared/data/bench/scraped-news-2025."),
    workers: int = typer.Option(None, "--workers", "-w", help="Processes for both engines."),
    min_articles: int = typer.Option(1000, "--min-articles",
                                     help="Repeat the corpus up to at least this many."),
    limit: int = typer.Option(None, "--limit", help="Stop at this many articles."),
    quick: bool = typer.Option(False, "--quick", help="A short run (tests, smoke checks)."),
    json_file: Path = typer.Option(None, "--json", help="Write the figures as JSON here."),  # noqa: B008
    config_file: str = typer.Option(None, "--config", help="A TOML options file."),
) -> None:
    """eventwire end to end beside bare spaCy on one corpus: articles/s, words/s, ratio, RSS."""
    from rich.console import Console
    from rich.progress import Progress

    from . import bench as bench_module
    from .config import load_config
    from .errors import EventwireError
    from .evaluate.tables import bench_table

    console = Console()
    if corpus is None:
        corpus = _shared_data() / bench_module.DEFAULT_CORPUS
    if quick:
        min_articles, limit = bench_module.QUICK_ARTICLES, limit or bench_module.QUICK_ARTICLES
    try:
        config = load_config(config_file, workers=workers)
        articles = bench_module.load_corpus(corpus, min_articles=min_articles, limit=limit)
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("eventwire, then spaCy", total=2 * len(articles))
            result = bench_module.run_bench(articles, corpus=str(corpus),
                                            workers=config.workers, config=config,
                                            progress=lambda n: bar.advance(task, n))
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    console.print(bench_table(result))
    if json_file is not None:
        result.write_json(json_file)
        console.print(f"figures written to {json_file}")


def _shared_data() -> Path:
    """``../shared/data`` beside the repository (or EVENTWIRE_SHARED_DATA)."""
    import os

    given = os.environ.get("EVENTWIRE_SHARED_DATA")
    if given:
        return Path(given)
    beside_cwd = Path.cwd().parent / "shared" / "data"
    if beside_cwd.is_dir():
        return beside_cwd
    return Path(__file__).resolve().parents[3] / "shared" / "data"
