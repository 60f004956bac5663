"""The Typer app every command module attaches to, and helpers the commands share."""

from __future__ import annotations

from typing import Any

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


# exit codes, documented in docs/ingest.md and the README
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_NOTHING_READ, EXIT_RUN_FAILED = 0, 1, 2, 3, 4


def fail(err: Exception, code: int) -> typer.Exit:
    """Print the one coded line of ``err`` and return the exit to raise."""
    typer.echo(str(err), err=True)
    return typer.Exit(code)


def open_existing_store(db: str | None) -> Any:
    """The engine of the store ``--db`` (or the configured one) names, which must exist: a
    mistyped path is refused (exit 2), not created empty; a store that cannot be opened is
    one coded line (exit 4)."""
    from ..config import load_config
    from ..errors import EventwireError
    from ..store import open_store
    from ._checks import check_existing_db

    try:
        config = load_config(db=db)
        check_existing_db(config.db)
    except EventwireError as err:
        raise fail(err, EXIT_USAGE) from None
    try:
        return open_store(config.db)
    except EventwireError as err:
        raise fail(err, EXIT_RUN_FAILED) from None
