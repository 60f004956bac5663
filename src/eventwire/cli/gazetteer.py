"""gazetteer import, download, info, remove, build: the places eventwire can name."""

from __future__ import annotations

from pathlib import Path

import typer

from ._util import app

gazetteer_app = typer.Typer(
    help="Add villages and districts to the gazetteer (GeoNames dumps, your CSV) and see what it "
    "holds.",
    no_args_is_help=True,
)
app.add_typer(gazetteer_app, name="gazetteer")

_FEATURES_HELP = (
    "GeoNames feature classes or class.code to keep, comma-separated (default P,A.ADM2: "
    "populated places and districts)."
)


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _import_and_rebuild(files: list[Path], features: list[str] | None,
                        countries: list[str] | None) -> None:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..errors import EventwireError
    from ..geo.imports import DEFAULT_FEATURES, import_file

    console = Console(stderr=True)
    failed = 0
    with Progress(SpinnerColumn(), TextColumn("{task.description}"),
                  TextColumn("{task.completed:,} places"), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        for path in files:
            task = bar.add_task(f"importing {path.name}", total=None)
            try:
                summary = import_file(path, features=_split(features) or DEFAULT_FEATURES,
                                      countries=_split(countries) or None,
                                      progress=lambda n, task=task: bar.advance(task, n))
            except EventwireError as err:
                failed += 1
                console.print(f"error: {err}", markup=False, highlight=False)
                continue
            finally:
                bar.remove_task(task)
            console.print(f"{path}: {summary.places:,} places imported ({summary.kind}), "
                          f"{summary.filtered:,} left out by the filters, "
                          f"{summary.bad_rows:,} bad rows", markup=False, highlight=False)
            for problem in summary.problems:
                console.print(f"  skipped {problem}", markup=False, highlight=False)
    if failed < len(files):
        _rebuild(console)
    if failed:
        raise typer.Exit(1)


def _rebuild(console: object,
             doing: str = "rebuilding the gazetteer with the imported places") -> None:
    """Build the gazetteer with the imports now, so the next coding run does not wait."""
    from ..errors import EventwireError
    from ..geo.gazetteer import forget_loaded, get_gazetteer
    from ..geo.imports import imports_path

    with console.status(f"{doing} (about half a minute)"):  # type: ignore[attr-defined]
        forget_loaded()
        try:
            gazetteer = get_gazetteer(_min_population())
        except EventwireError as err:
            typer.echo(str(err), err=True)
            raise typer.Exit(1) from None
    console.print(f"gazetteer ready: {gazetteer.path} (imports kept in {imports_path()})",  # type: ignore[attr-defined]
                  markup=False, highlight=False)


def _min_population() -> int:
    from ..config import load_config

    return load_config().gazetteer_min_population


@gazetteer_app.command("import")
def import_command(
    files: list[Path] = typer.Argument(  # noqa: B008
        ..., help="GeoNames dumps (UA.txt, UA.zip, allCountries.zip) or CSV files with a header "
        "name,alternate_names,lat,lon,country,admin1."),
    features: list[str] = typer.Option(None, "--features", help=_FEATURES_HELP),  # noqa: B008
    countries: list[str] = typer.Option(  # noqa: B008
        None, "--country", help="Keep only these countries (ISO codes, comma-separated); "
        "useful with allCountries."),
) -> None:
    """Add the places of FILES to the gazetteer; they stay across rebuilds."""
    _import_and_rebuild(files, features, countries)


@gazetteer_app.command()
def download(
    countries: list[str] = typer.Argument(..., help="ISO2 codes (UA SY SD) or allCountries."),  # noqa: B008
    features: list[str] = typer.Option(None, "--features", help=_FEATURES_HELP),  # noqa: B008
    base_url: str = typer.Option(None, "--base-url", envvar="EVENTWIRE_GEONAMES_URL",
                                 help="Where the dumps are (default: GeoNames' export/dump)."),
) -> None:
    """Fetch GeoNames country dumps and import them (the only command that goes online)."""
    from rich.console import Console
    from rich.progress import DownloadColumn, Progress, TransferSpeedColumn

    from ..errors import EventwireError
    from ..geo.imports import GEONAMES_DUMPS
    from ..geo.imports import download as fetch

    console = Console(stderr=True)
    tasks: dict[str, object] = {}
    with Progress(*Progress.get_default_columns(), DownloadColumn(), TransferSpeedColumn(),
                  console=console, transient=True) as bar:

        def progress(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(f"downloading {name}.zip", total=total)
            bar.update(tasks[name], completed=done)  # type: ignore[arg-type]

        try:
            files = fetch(_split(countries), base_url=base_url or GEONAMES_DUMPS,
                          progress=progress)
        except EventwireError as err:
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(1) from None
    for path in files:
        console.print(f"downloaded {path}", markup=False, highlight=False)
    _import_and_rebuild(files, features, None)


@gazetteer_app.command()
def build() -> None:
    """Build the gazetteer now where it is not built yet (a coding run would build it first,
    taking half a minute and 600 MB): for `make install`, images and CI."""
    from rich.console import Console

    _rebuild(Console(stderr=True), "building the gazetteer where it is not built yet")


@gazetteer_app.command()
def info(
    as_json: bool = typer.Option(False, "--json", help="JSON instead of a table."),
) -> None:
    """What the gazetteer holds (places by kind) and from where (packages, your imports)."""
    import json

    from rich.console import Console
    from rich.table import Table

    from ..errors import EventwireError
    from ..geo.gazetteer import get_gazetteer
    from ..geo.imports import imports_path, sources

    try:
        gazetteer = get_gazetteer(_min_population())
        summary = gazetteer.summary()
    except EventwireError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    summary["imports_file"] = str(imports_path())
    summary["imports"] = sources()
    if as_json:
        typer.echo(json.dumps(summary, indent=1, default=str))
        return
    console = Console()
    console.print(f"gazetteer: {summary['path']}", markup=False, highlight=False)
    table = Table(title="places by kind")
    table.add_column("kind")
    table.add_column("places", justify="right")
    for feature, count in summary["features"].items():  # type: ignore[union-attr]
        table.add_row(feature, f"{count:,}")
    console.print(table)
    console.print("sources: " + ", ".join(summary["packages"]), markup=False)  # type: ignore[arg-type]
    imports = Table(title=f"your imports ({summary['imports_file']})")
    for name in ("source", "kind", "places", "imported at", "from"):
        imports.add_column(name, overflow="fold")
    for row in summary["imports"]:  # type: ignore[union-attr]
        imports.add_row(str(row["name"]), str(row["kind"]), f"{row['places']:,}",
                        str(row["imported_at"]), str(row["path"]))
    console.print(imports if summary["imports"] else "your imports: none (eventwire gazetteer "
                  "import FILE, or eventwire gazetteer download UA)", markup=False)


@gazetteer_app.command()
def remove(
    source: str = typer.Argument(..., help="The imported file's name, as `info` lists it."),
) -> None:
    """Take out the places one imported file brought, and rebuild."""
    from rich.console import Console

    from ..errors import EventwireError
    from ..geo.imports import remove_source

    console = Console(stderr=True)
    try:
        count = remove_source(source)
    except EventwireError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None
    console.print(f"removed {count:,} places imported from {source}", markup=False)
    _rebuild(console)
