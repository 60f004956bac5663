"""eval and bench: measuring accuracy and speed."""

from __future__ import annotations

from pathlib import Path

import typer

from ..config import shared_data
from ._util import app


@app.command("eval")
def eval_command(
    dataset: str = typer.Argument(..., help="acled, ucdp, gwn, plover, articles, judged or "
                                 "incidents."),
    path: Path = typer.Argument(None, help="The dataset file or folder, read in place; "  # noqa: B008
                                "default: its place under ../shared/data (judged: "
                                "tests/data/judged)."),
    limit: int = typer.Option(None, "--limit", "-n", help="Score an even spread of N rows."),
    json_file: Path = typer.Option(None, "--json", help="Write the scores as JSON here."),  # noqa: B008
    report: Path = typer.Option(None, "--report", help="Write an HTML report here."),  # noqa: B008
    no_shortcut: bool = typer.Option(False, "--no-shortcut",
                                     help="Parse every sentence (trigger_shortcut off)."),
    errors_shown: int = typer.Option(15, "--errors", help="How many worst errors to list."),
    config_file: str = typer.Option(None, "--config", help="A TOML options file."),
    half: str = typer.Option("all", "--half", help="articles, judged: dev, check or all."),
    articles: Path = typer.Option(None, "--articles", help="judged: the folder of the "  # noqa: B008
                                  "article files (default ../shared/data/articles)."),
    listing: bool = typer.Option(False, "--listing", help="judged: every event's verdict."),
    rows: str = typer.Option("heldout", "--rows", help="ACLED rows: heldout (not trained on, "
                             "the default), train (the classifier's training half) or all."),
) -> None:
    """Score eventwire against human-coded DATASET at PATH: table, worst errors, JSON, HTML."""
    from rich.console import Console
    from rich.progress import Progress

    from ..config import load_config
    from ..errors import EvaluationUnavailableError, EventwireError
    from ..evaluate import DEFAULT_PATHS, JUDGED_DEFAULT, evaluate
    from ..evaluate.report import write_html
    from ..evaluate.tables import (
        classes_table,
        details_table,
        errors_table,
        measures_table,
        summary_table,
    )
    from ._checks import check_output

    console = Console()
    try:  # output paths are checked before the work, not after it
        check_output(str(json_file) if json_file else None, "--json")
        check_output(str(report) if report else None, "--report")
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(2) from None
    if path is None:
        path = (Path(JUDGED_DEFAULT) if dataset.lower() == "judged"
                else shared_data() / DEFAULT_PATHS.get(dataset.lower(), dataset))
    try:
        config = load_config(config_file, trigger_shortcut=False if no_shortcut else None)
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task(f"coding {dataset}", total=None)
            result = evaluate(dataset, path, limit=limit, config=config, half=half,
                              articles=articles, acled_rows=rows,
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
    if any(row.get("row") == "article" for row in result.details):
        console.print(summary_table(result))
    if listing and result.details:
        console.print(details_table(result))
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

    from .. import bench as bench_module
    from ..config import load_config
    from ..errors import EventwireError
    from ..evaluate.tables import bench_table
    from ._checks import check_output

    console = Console()
    try:
        check_output(str(json_file) if json_file else None, "--json")
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(2) from None
    if corpus is None:
        corpus = shared_data() / bench_module.DEFAULT_CORPUS
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
