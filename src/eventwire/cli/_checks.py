"""Options checked before any work: dates, output paths, databases, filter values.

Each check raises a coded ``UsageError`` (or ``OutputPathError``, ``StoreMissingError``) that
names the option and says what is accepted, so a mistake costs one line, not a run.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from ..errors import OutputPathError, StoreMissingError, UsageError

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMERIC = re.compile(r"^[\d\s./-]+$")
DATE_FORMATS = "YYYY-MM-DD (2024-11-18), or a written date with the month's name (18 Nov 2024)"


def check_date(value: str | None, option: str) -> date | None:
    """``value`` as a date; all-numeric dates other than ISO (``24-11-18``, ``11/18/24``)
    are refused as ambiguous, and so are words like "yesterday"."""
    if value is None:
        return None
    text = value.strip()
    if _ISO_DAY.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"{option} {value!r} is not a date in the calendar") from None
    if _NUMERIC.match(text):
        raise UsageError(f"{option} {value!r} is ambiguous (day, month and year could be read "
                         f"in several orders); give {DATE_FORMATS}")
    if re.search(r"\d", text) and re.search(r"[A-Za-z]{3}", text):
        from ..clean import parse_published
        from ..errors import EventwireError

        try:
            parsed = parse_published(text)
        except EventwireError:
            parsed = None
        if parsed is not None:
            return parsed
    raise UsageError(f"{option} {value!r} is not a date; give {DATE_FORMATS}")


def date_option(value: str | None, option: str) -> date | None:
    """``check_date`` for a Typer command: a bad date is a usage error naming the option."""
    import typer

    try:
        return check_date(value, option)
    except UsageError as err:
        raise typer.BadParameter(err.message) from None


def choice_option(value: str, choices: tuple[str, ...], option: str) -> str:
    """``check_choice`` for a Typer command: an unknown value is a usage error naming the
    option, the choices and the nearest one."""
    import typer

    try:
        return str(check_choice(value, choices, option))
    except UsageError as err:
        raise typer.BadParameter(err.message) from None


def check_output(path: str | None, option: str = "--output") -> None:
    """Refuse, before any work, an output file whose folder is missing or not writable."""
    if path in (None, "-"):
        return
    target = Path(str(path)).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputPathError(f"{option} {path!r} is a folder; name a file")
    if not folder.is_dir():
        raise OutputPathError(f"{option} {path!r}: the folder {str(folder)!r} does not exist")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputPathError(f"{option} {path!r} cannot be written (permission denied)")
    if not target.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise OutputPathError(f"{option} {path!r}: the folder {str(folder)!r} is not writable")


def check_existing_db(db: str, option: str = "--db") -> None:
    """Refuse a SQLite path that does not exist, for commands that only read the store."""
    if "://" in db:
        if db.startswith("sqlite:///"):
            check_existing_db(db[len("sqlite:///"):], option)
        return
    if not Path(db).expanduser().is_file():
        raise StoreMissingError(f"{option} {db!r}: no such database (commands that read the "
                                "store do not create one; run `eventwire ingest` first)")


def check_country(value: str | None, option: str = "--country") -> str | None:
    """An ISO 3166-1 alpha-3 code; a country's name is refused with its code as the hint."""
    if value is None:
        return None
    import pycountry

    code = value.strip().upper()
    if len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None:
        return code
    hint = ""
    try:
        found = pycountry.countries.lookup(value.strip())
    except LookupError:
        try:
            found = pycountry.countries.search_fuzzy(value.strip())[0]
        except LookupError:
            found = None
    if found is not None:
        hint = f" (did you mean {found.alpha_3}, {found.name}?)"
    raise UsageError(f"{option} {value!r} is not an ISO 3166-1 alpha-3 country code{hint}")


def check_choice(value: str | None, choices: tuple[str, ...], option: str, *,
                 upper: bool = False) -> str | None:
    """``value`` if it is one of ``choices`` (case-insensitive), else a coded error listing them."""
    if value is None:
        return None
    normal = value.strip().upper() if upper else value.strip().lower()
    if normal in choices:
        return normal
    import difflib

    close = difflib.get_close_matches(normal, choices, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise UsageError(f"{option} {value!r} is unknown{hint}; one of: {', '.join(choices)}")


def check_positive(value: int | None, option: str) -> int | None:
    if value is not None and value < 1:
        raise UsageError(f"{option} must be 1 or more, not {value}")
    return value
