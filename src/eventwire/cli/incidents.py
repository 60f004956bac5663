"""cluster, incidents, alerts: the commands that read across articles."""

from __future__ import annotations

import typer

from ._checks import date_option
from ._util import app, open_existing_store


@app.command()
def cluster(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
) -> None:
    """Rebuild every incident from the stored events (ingest keeps them up to date)."""
    from ..errors import EventwireError
    from ..store.incidents import rebuild_incidents

    engine = open_existing_store(db)
    try:
        count = rebuild_incidents(engine)
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
    from ..errors import EventwireError
    from ..export_incidents import FORMATS, export_incidents
    from ..store.incidents import IncidentQuery, select_incidents

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    query = IncidentQuery(country=country, admin1=admin1, type=type_,
                          since=date_option(since, "--since"), until=date_option(until, "--until"),
                          min_killed=min_killed, min_sources=min_sources, limit=limit)
    engine = open_existing_store(db)
    try:
        count = export_incidents(select_incidents(engine, query), fmt, output)
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    if output:
        typer.echo(f"{count} incidents written to {output}", err=True)


@app.command()
def alerts(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    rule: str = typer.Option(None, "--rule", help="Only this rule's alerts."),
    limit: int = typer.Option(None, "--limit", help="At most this many."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
    check: str = typer.Option(None, "--check", help="Only read this rules file and list its "
                              "rules (nothing is fired)."),
) -> None:
    """List the alerts that fired (rules: alerts_rules / EVENTWIRE_ALERTS_RULES on ingest)."""
    import json

    from rich.console import Console
    from rich.table import Table

    from ..alerts import list_alerts, load_rules
    from ..errors import EventwireError

    try:
        if check:
            for parsed in load_rules(check).rules:
                typer.echo(f"{parsed.name}: {parsed.kind} rule, {parsed.when}")
            return
        rows = list_alerts(open_existing_store(db), rule=rule, limit=limit)
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    if as_json:
        for row in rows:
            typer.echo(json.dumps({k: v for k, v in row.items() if k != "record"}, default=str))
        return
    table = Table(title=f"{len(rows)} alerts")
    for name in ("fired", "rule", "incident", "killed", "updates", "message", "webhook"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(row["fired_at"].strftime("%Y-%m-%d %H:%M"), row["rule"],
                      row["incident_id"] or "", "" if row["killed"] is None else str(row["killed"]),
                      str(row["updates"]), row["message"], row["delivered"] or "")
    Console(width=200).print(table)
