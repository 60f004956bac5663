"""series and escalation: reading across the stored incidents."""

from __future__ import annotations

import contextlib
import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer

from ..config import shared_data
from ._checks import choice_option, date_option
from ._util import app, open_existing_store

escalation_app = typer.Typer(
    help="Escalation flags per place and week, by ACLED's surge rule and by surprise against "
    "the place's own baseline.",
    no_args_is_help=True,
)
app.add_typer(escalation_app, name="escalation")

_UCDP = Path("eval/ucdp-ukraine-2014-2022/ucdp-ged-ukraine-2014-2022.csv")



def _units(db: str | None, *, country: str | None, admin1: str | None, type_: str | None,
           since: date | None, until: date | None) -> Any:
    from ..analyze import units_from_store
    from ..errors import EventwireError

    engine = open_existing_store(db)
    try:
        return units_from_store(engine, country=country, admin1=admin1,
                                types=[type_] if type_ else None, since=since, until=until)
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None


def _write_rows(rows: list[dict[str, Any]], fmt: str, output: str | None, title: str) -> None:
    import csv
    import json

    from rich.console import Console
    from rich.table import Table

    if fmt == "table":
        table = Table(title=title)
        for name in rows[0] if rows else ("nothing",):
            table.add_column(name, justify="right" if name not in ("place", "method") else "left")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row.values()))
        Console(file=open(output, "w", encoding="utf-8") if output else None).print(table)  # noqa: SIM115
        return
    with (open(output, "w", encoding="utf-8", newline="") if output
          else contextlib.nullcontext(sys.stdout)) as fh:
        if fmt == "jsonl":
            for row in rows:
                fh.write(json.dumps(row) + "\n")
        elif rows:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    if output:
        print(f"{len(rows)} rows written to {output}", file=sys.stderr)



_FORMATS = ("table", "csv", "jsonl")
_LEVELS = ("country", "admin1")


@app.command()
def series(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    interval: str = typer.Option("week", "--interval", help="day or week."),
    level: str = typer.Option("country", "--level", help="country or admin1."),
    by_type: bool = typer.Option(False, "--by-type", help="One series per event type."),
    country: str = typer.Option(None, "--country", help="ISO3 country code."),
    admin1: str = typer.Option(None, "--admin1", help="First-level region name."),
    type_: str = typer.Option(None, "--type", help="PLOVER event type (ASSAULT, PROTEST...)."),
    since: str = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
    output: str = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """Incidents, killed, injured and intensity per place and day or week (empty ones as 0)."""
    from ..analyze import series as make_series

    interval = choice_option(interval, ("day", "week"), "--interval")
    level = choice_option(level, _LEVELS, "--level")
    fmt = choice_option(fmt, _FORMATS, "--format")
    start, end = date_option(since, "--since"), date_option(until, "--until")
    units = _units(db, country=country, admin1=admin1, type_=type_, since=start, until=end)
    points = make_series(units, interval=interval, level=level, by_type=by_type,  # type: ignore[arg-type]
                         since=start, until=end)
    _write_rows([p.as_dict() for p in points], fmt, output,
                f"incidents per {interval} and {level} ({len(units)} incidents)")


@escalation_app.command("flags")
def flags_command(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path [EVENTWIRE_DB]."),
    level: str = typer.Option("admin1", "--level", help="country or admin1."),
    method: str = typer.Option("both", "--method", help="surge, surprise or both."),
    country: str = typer.Option(None, "--country", help="ISO3 country code."),
    type_: str = typer.Option(None, "--type", help="Only incidents of this type."),
    since: str = typer.Option(None, "--since", help="Flags from this date (YYYY-MM-DD)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
    output: str = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """Weeks in which a place's incidents jump, by each method (resources/escalation.yaml)."""
    from ..analyze import escalation_flags

    method = choice_option(method, ("surge", "surprise", "both"), "--method")
    level = choice_option(level, _LEVELS, "--level")
    fmt = choice_option(fmt, _FORMATS, "--format")
    start = date_option(since, "--since")
    units = _units(db, country=country, admin1=None, type_=type_, since=None, until=None)
    flags = [f for f in escalation_flags(units, level=level, method=method)  # type: ignore[arg-type]
             if start is None or f.period >= start]
    _write_rows([f.as_dict() for f in flags], fmt, output, f"{len(flags)} escalation flags")


@escalation_app.command("backtest")
def backtest_command(
    path: Path = typer.Argument(None, help="UCDP GED CSV (default: the Ukraine 2014-2022 dev "  # noqa: B008
                                "rows in ../shared/data/eval)."),
    json_file: Path = typer.Option(None, "--json", help="Write the result as JSON here."),  # noqa: B008
) -> None:
    """Both methods on UCDP GED rows, weekly per oblast: the weeks each flags in the periods
    of escalation.yaml, and how often each fires in the quiet one."""
    import json

    from rich.console import Console
    from rich.table import Table

    from ..analyze import backtest_ucdp
    from ..errors import EventwireError

    path = path or shared_data() / _UCDP
    if not path.exists():
        typer.echo(f"skipped: no UCDP rows at {path} (give the CSV's path)", err=True)
        raise typer.Exit(1)
    try:
        result = backtest_ucdp(path)
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    console = Console()
    table = Table(title=f"escalation backtest: {path.name}, {result.places} places, "
                  f"{result.place_weeks} place-weeks")
    table.add_column("method")
    for name, (start, end) in result.periods.items():
        table.add_column(f"{name}\n{start} .. {end}", overflow="fold")
    table.add_column(f"quiet {result.quiet[0]} .. {result.quiet[1]}\nflags (per 100 "
                     "place-weeks)", justify="right")
    table.add_column("all flags", justify="right")
    for method in result.flags:
        cells = [", ".join(f"{f.place.split('/')[-1]} {f.period:%d %b %Y}"
                           for f in result.in_period(method, name)) or "none"
                 for name in result.periods]
        fired, rate = result.quiet_rate(method)
        table.add_row(method, *cells, f"{fired} ({rate:.1f})", str(len(result.flags[method])))
    console.print(table)
    if json_file is not None:
        json_file.write_text(json.dumps(result.as_dict(), indent=1), encoding="utf-8")
        console.print(f"written to {json_file}")
