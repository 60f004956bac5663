"""report: a situation report from the store, as HTML, Markdown or PDF."""

from __future__ import annotations

from pathlib import Path

import typer

from ._checks import date_option
from ._util import app, open_existing_store


@app.command()
def report(
    output: Path = typer.Option(..., "--output", "-o", help="FILE.html, FILE.md or FILE.pdf."),  # noqa: B008
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    country: str = typer.Option(None, "--country", help="ISO3 country code."),
    admin1: str = typer.Option(None, "--admin1", help="First-level region name."),
    since: str = typer.Option(None, "--since", help="From this date (YYYY-MM-DD); default: "
                              "28 days before --until."),
    until: str = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD); default: "
                              "the latest incident."),
) -> None:
    """A situation report: figures against the previous period, map, timeline, top incidents
    with their sources and sentences, escalation flags and alerts."""
    from ..errors import EventwireError
    from ..report import FORMATS, gather, write_report

    if output.suffix.lower() not in FORMATS:
        raise typer.BadParameter(f"--output must end in {', '.join(FORMATS)}")
    if not output.parent.is_dir():
        raise typer.BadParameter(f"--output: no folder {output.parent}")
    start, end = date_option(since, "--since"), date_option(until, "--until")
    engine = open_existing_store(db)
    try:
        data = gather(engine, country=country, admin1=admin1, since=start, until=end)
        write_report(data, output)
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{data.title}: {data.current.incidents} incidents, {data.current.killed} killed; "
               f"written to {output}", err=True)
