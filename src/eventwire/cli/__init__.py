"""The command line: thin Typer commands that parse arguments and call plain functions.

Each module of this package holds one group of commands and attaches them to the one ``app`` of
``_util``; importing the modules here registers them.
"""

from __future__ import annotations

from . import (  # noqa: F401  (registers the commands)
    analyze,
    extract,
    gazetteer,
    incidents,
    measure,
    report,
    store,
)
from ._util import app, main

__all__ = ["app", "main"]
