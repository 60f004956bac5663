"""extract and places: one-off coding, no database."""

from __future__ import annotations

from typing import Any

import typer

from ._util import app

_EXTRACT_FORMATS = ("table", "json", "jsonl", "csv", "geojson", "acled", "gdelt")


def _read_or_exit(inputs: list[str], input_format: str, text_column: str, config: Any) -> Any:
    from ..ingest import Failure
    from ..ingest.files import read_inputs

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

    from ..clean import parse_published
    from ..config import load_config
    from ..errors import EventwireError
    from ..pipeline import Pipeline

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
    from ..export import coded_rows, export_events

    if fmt not in _EXTRACT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(_EXTRACT_FORMATS)}")
    coded = _code(inputs, published=published, input_format=input_format,
                  text_column=text_column, model=model, config_file=config_file,
                  all_places=False, no_shortcut=no_shortcut)
    rows = (row for item in coded for row in coded_rows(
        item.events, item.document, text=None if item.text_is_input else item.text))
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
    from ..export import export_places

    if fmt not in ("table", "jsonl", "json", "csv"):
        raise typer.BadParameter("--format must be one of table, jsonl, json, csv")
    coded = _code(inputs, published=None, input_format=input_format, text_column=text_column,
                  model=model, config_file=config_file, all_places=True, no_shortcut=True)
    mentions = (mention for item in coded for mention in item.places)
    export_places(mentions, fmt, output)


