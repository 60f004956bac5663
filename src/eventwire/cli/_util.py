"""The Typer app every command module attaches to, and helpers the commands share."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(
    name="eventwire",
    help="News in, structured, geocoded, sourced political and conflict events out.",
    no_args_is_help=True,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """eventwire: code news articles into events."""


def shared_data() -> Path:
    """``../shared/data`` beside the repository (or EVENTWIRE_SHARED_DATA)."""
    import os

    given = os.environ.get("EVENTWIRE_SHARED_DATA")
    if given:
        return Path(given)
    beside_cwd = Path.cwd().parent / "shared" / "data"
    if beside_cwd.is_dir():
        return beside_cwd
    return Path(__file__).resolve().parents[4] / "shared" / "data"
