"""The command line: thin Typer commands that parse arguments and call plain functions."""

from __future__ import annotations

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
