"""cluster, incidents, alerts: the commands that read across articles."""

from __future__ import annotations

import typer

from ._util import app


def _date(value: str | None, flag: str):  # type: ignore[no-untyped-def]
    from datetime import date

    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{flag} is a date, YYYY-MM-DD (got {value!r})") from None


@app.command()
def cluster(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
) -> None:
    """Rebuild every incident from the stored events (ingest keeps them up to date)."""
    from ..config import load_config
    from ..errors import EventwireError
    from ..store import open_store
    from ..store.incidents import rebuild_incidents

    try:
        count = rebuild_incidents(open_store(load_config(db=db).db))
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{count} incidents", err=True)


@app.command()
def incidents(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    country: str = typer.Option(None, "--country", help="ISO3 country code."),
    admin1: str = typer.Option(None, "--admin1", help="First-level region name."),
    type_: str = typer.Option(None, "--type", help="PLOVER event type (ASSAULT, PROTEST...)."),
    since: str = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    min_killed: int = typer.Option(None, "--min-killed", help="At least this many killed."),
    min_sources: int = typer.Option(None, "--min-sources", help="Told by at least this many "
                                    "outlets."),
    limit: int = typer.Option(None, "--limit", help="At most this many incidents."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl, csv, geojson, "
                            "acled."),
    output: str = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """List incidents: one happening told by one or more outlets, with its sources."""
    from ..config import load_config
    from ..errors import EventwireError
    from ..export_incidents import FORMATS, export_incidents
    from ..store import open_store
    from ..store.incidents import IncidentQuery, select_incidents

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    query = IncidentQuery(country=country, admin1=admin1, type=type_,
                          since=_date(since, "--since"), until=_date(until, "--until"),
                          min_killed=min_killed, min_sources=min_sources, limit=limit)
    try:
        engine = open_store(load_config(db=db).db)
        count = export_incidents(select_incidents(engine, query), fmt, output)
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    if output:
        typer.echo(f"{count} incidents written to {output}", err=True)
