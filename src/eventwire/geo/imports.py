"""Places a user adds to the gazetteer: GeoNames dumps and their own CSV files.

The registry packages stop at towns of about 500 people; front-line villages, hamlets and
districts are missing. A user who has a GeoNames country dump (``UA.txt``, ``UA.zip``, or
``allCountries.txt``/``.zip``, the 19-column tab-separated format) or a CSV of their own
(``name, alternate_names, lat, lon, country, admin1``) imports it once; the places are kept in
``$EVENTWIRE_CACHE/imports.sqlite``, apart from the gazetteer built from the packages, so they
survive every rebuild, and each build adds them (``build.add_imported``). The cache key of the
built gazetteer includes ``imports_digest()``, so an import makes the next use rebuild.

Importing the same file name again replaces what it brought; ``remove_source`` takes it out.
``download`` fetches GeoNames country dumps, the only network this module uses, and only when
the user asks for it (``eventwire gazetteer download UA``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pycountry

from ..errors import GazetteerError
from .gazetteer import cache_dir

logger = logging.getLogger(__name__)

IMPORTS_FILE = "imports.sqlite"
GEONAMES_DUMPS = "https://download.geonames.org/export/dump/"
# GeoNames feature classes and codes read by default: populated places (P) but not historical
# ones, and second-level administrative units (districts, raions), which news names as places
DEFAULT_FEATURES = ("P", "A.ADM2")
_SKIPPED_CODES = frozenset({"PPLH", "PPLW"})  # historical, destroyed long ago
_GEONAMES_COLUMNS = 19
_MAX_REPORTED = 20  # bad rows listed per file; the rest are counted

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    name TEXT PRIMARY KEY, kind TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,
    places INTEGER NOT NULL, imported_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    source TEXT NOT NULL, geonameid INTEGER, name TEXT NOT NULL, alternate_names TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, country TEXT, admin1_code TEXT, admin1_name TEXT,
    feature TEXT NOT NULL, population INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS ix_places_source ON places (source);
"""


@dataclass(frozen=True, slots=True)
class ImportedPlace:
    """One place from a user's file. ``country`` is ISO3; ``admin1_code`` a GeoNames code such
    as ``UA.05`` (dumps) and ``admin1_name`` a name (CSV); ``feature`` is ``city`` or
    ``admin2``."""

    name: str
    lat: float
    lon: float
    country: str | None
    geonameid: int | None = None
    alternate_names: tuple[str, ...] = ()
    admin1_code: str | None = None
    admin1_name: str | None = None
    feature: str = "city"
    population: int = 0


@dataclass
class ImportSummary:
    """What one file brought: places kept, rows skipped by the filters, and bad rows."""

    source: str
    kind: str
    places: int = 0
    filtered: int = 0
    bad_rows: int = 0
    problems: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        self.bad_rows += 1
        if len(self.problems) < _MAX_REPORTED:
            self.problems.append(message)


# ---------------------------------------------------------------------------------------------
# the store of imports


def imports_path() -> Path:
    return cache_dir() / IMPORTS_FILE


def _connect(*, create: bool) -> sqlite3.Connection | None:
    path = imports_path()
    if not path.exists() and not create:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(path)
        con.executescript(_SCHEMA)
    except (OSError, sqlite3.Error) as err:
        raise GazetteerError(f"cannot open the imported places: {err}", where=str(path)) from err
    return con


def imports_digest() -> str:
    """A short hash of what is imported (empty when nothing is): part of the gazetteer's key."""
    con = _connect(create=False)
    if con is None:
        return ""
    try:
        rows = con.execute("SELECT name, sha256, places FROM sources ORDER BY name").fetchall()
    finally:
        con.close()
    if not rows:
        return ""
    return hashlib.blake2b(repr(rows).encode(), digest_size=6).hexdigest()


def sources() -> list[dict[str, object]]:
    """The imported files: name, kind, path, sha256, places, imported_at."""
    con = _connect(create=False)
    if con is None:
        return []
    try:
        con.row_factory = sqlite3.Row
        return [dict(row) for row in con.execute("SELECT * FROM sources ORDER BY name")]
    finally:
        con.close()


def imported_places() -> Iterator[ImportedPlace]:
    """Every imported place, source by source (read by the gazetteer build)."""
    con = _connect(create=False)
    if con is None:
        return
    try:
        for row in con.execute(
            "SELECT name, lat, lon, country, geonameid, alternate_names, admin1_code, "
            "admin1_name, feature, population FROM places ORDER BY source, rowid"
        ):
            aliases = tuple(a for a in row[5].split("|") if a)
            yield ImportedPlace(row[0], row[1], row[2], row[3], row[4], aliases, *row[6:])
    finally:
        con.close()


def remove_source(name: str) -> int:
    """Take out what the file called ``name`` brought; returns how many places it had."""
    con = _connect(create=False)
    if con is None:
        return 0
    with con:
        row = con.execute("SELECT places FROM sources WHERE name = ?", (name,)).fetchone()
        con.execute("DELETE FROM places WHERE source = ?", (name,))
        con.execute("DELETE FROM sources WHERE name = ?", (name,))
    con.close()
    if row is None:
        raise GazetteerError(f"nothing was imported from {name!r} "
                             "(`eventwire gazetteer info` lists the imports)")
    return int(row[0])


# ---------------------------------------------------------------------------------------------
# reading files


def import_file(
    path: Path,
    *,
    features: Iterable[str] = DEFAULT_FEATURES,
    countries: Iterable[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Read one GeoNames dump (plain or ``.zip``) or CSV into the imports, replacing what a
    file of the same name brought before. Bad rows are counted and listed, never fatal; a file
    that is not one of these formats raises ``GazetteerError``."""
    path = Path(path)
    if not path.is_file():
        raise GazetteerError("no such file", where=str(path))
    wanted = _country_filter(countries)
    with _open_text(path) as (member, text):
        kind = _sniff(text, member)
        summary = ImportSummary(source=path.name, kind=kind)
        if kind == "geonames":
            rows = read_geonames(text, summary, features=tuple(features), countries=wanted)
        else:
            rows = read_user_csv(text, summary, countries=wanted)
        _store(path, summary, rows, progress)
    if summary.places == 0:
        detail = f"; first problem: {summary.problems[0]}" if summary.problems else ""
        raise GazetteerError(f"no place could be imported{detail}", where=str(path))
    return summary


class _open_text:
    """The text of a file, or of the dump inside a GeoNames ``.zip`` (skipping its readme)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._raw: io.IOBase | None = None

    def __enter__(self) -> tuple[str, io.TextIOWrapper]:
        try:
            if zipfile.is_zipfile(self.path):
                self._zip = zipfile.ZipFile(self.path)
                members = [m for m in self._zip.namelist()
                           if m.lower().endswith((".txt", ".csv", ".tsv"))
                           and "readme" not in m.lower()]
                if not members:
                    raise GazetteerError("the zip holds no .txt, .csv or .tsv file",
                                         where=str(self.path))
                member = max(members, key=lambda m: self._zip.getinfo(m).file_size)
                self._raw = self._zip.open(member)
            else:
                member = self.path.name
                self._raw = self.path.open("rb")
        except (OSError, zipfile.BadZipFile) as err:
            raise GazetteerError(f"cannot read: {err}", where=str(self.path)) from err
        return member, io.TextIOWrapper(self._raw, encoding="utf-8", errors="replace",
                                        newline="")

    def __exit__(self, *exc: object) -> None:
        if self._raw is not None:
            self._raw.close()
        if self._zip is not None:
            self._zip.close()


def _sniff(text: io.TextIOWrapper, member: str) -> str:
    """``geonames`` (19 tab-separated columns, no header) or ``csv`` (a header naming at least
    name, lat and lon); anything else is refused."""
    first = text.readline()
    text.seek(0)
    if "\x00" in first:
        raise GazetteerError("a binary file, not a GeoNames dump or a CSV", where=member)
    if first.count("\t") == _GEONAMES_COLUMNS - 1 and first.split("\t", 1)[0].isdigit():
        return "geonames"
    header = {h.strip().lower() for h in next(csv.reader([first]), [])}
    if {"name", "lat", "lon"} <= header or {"name", "latitude", "longitude"} <= header:
        return "csv"
    raise GazetteerError(
        "neither a GeoNames dump (19 tab-separated columns) nor a CSV whose header names "
        "name, lat, lon (and optionally alternate_names, country, admin1)",
        where=member,
    )


def _country_filter(countries: Iterable[str] | None) -> frozenset[str] | None:
    if not countries:
        return None
    return frozenset(country_iso3(c, where="--country") for c in countries)


def country_iso3(value: str, *, where: str) -> str:
    """ISO2, ISO3 or an English country name to ISO3, or a ``GazetteerError`` with a hint."""
    value = value.strip()
    found = None
    if len(value) == 2:
        found = pycountry.countries.get(alpha_2=value.upper())
    elif len(value) == 3:
        found = pycountry.countries.get(alpha_3=value.upper())
    if found is None and len(value) > 3:
        try:
            found = pycountry.countries.lookup(value)
        except LookupError:
            found = None
    if found is None:
        raise GazetteerError(f"unknown country {value!r} (use ISO codes such as UA or UKR)",
                             where=where)
    return found.alpha_3


def _wanted_feature(feature_class: str, code: str, features: tuple[str, ...]) -> bool:
    if code in _SKIPPED_CODES:
        return False
    return feature_class in features or f"{feature_class}.{code}" in features


def read_geonames(
    text: Iterable[str],
    summary: ImportSummary,
    *,
    features: tuple[str, ...] = DEFAULT_FEATURES,
    countries: frozenset[str] | None = None,
) -> Iterator[ImportedPlace]:
    """Places from a GeoNames dump: geonameid, name, asciiname, alternatenames, latitude,
    longitude, feature class, feature code, country code, cc2, admin1 code, ..., population."""
    iso3_of: dict[str, str | None] = {}
    for line_no, line in enumerate(text, start=1):
        line = line.rstrip("\r\n")
        if not line:
            continue
        cols = line.split("\t")
        if len(cols) != _GEONAMES_COLUMNS:
            summary.note(f"line {line_no}: {len(cols)} columns, a GeoNames row has 19")
            continue
        if not _wanted_feature(cols[6], cols[7], features):
            summary.filtered += 1
            continue
        iso2 = cols[8].upper()
        if iso2 not in iso3_of:
            country = pycountry.countries.get(alpha_2=iso2) if iso2 else None
            iso3_of[iso2] = country.alpha_3 if country else None
        iso3 = iso3_of[iso2]
        if countries is not None and iso3 not in countries:
            summary.filtered += 1
            continue
        try:
            geonameid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
        except ValueError:
            summary.note(f"line {line_no}: id, coordinates or population is not a number")
            continue
        if not _valid_point(lat, lon) or not cols[1].strip():
            summary.note(f"line {line_no}: no name, or coordinates off the globe")
            continue
        aliases = tuple(a for a in {cols[2], *cols[3].split(",")} if a and a != cols[1])
        yield ImportedPlace(
            name=cols[1].strip(), lat=lat, lon=lon, country=iso3, geonameid=geonameid,
            alternate_names=aliases,
            admin1_code=f"{iso2}.{cols[10]}" if iso2 and cols[10] else None,
            feature="admin2" if cols[7] == "ADM2" else "city", population=population,
        )  # fmt: skip


def read_user_csv(
    text: Iterable[str], summary: ImportSummary, *, countries: frozenset[str] | None = None
) -> Iterator[ImportedPlace]:
    """Places from a CSV with a header: name, lat (or latitude), lon (or longitude), and
    optionally alternate_names (separated by ``|`` or ``;``), country (ISO2, ISO3 or name),
    admin1 (its name), population."""
    reader = csv.DictReader(text)
    for row in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        line_no = reader.line_num
        name = row.get("name", "")
        try:
            lat = float(row.get("lat") or row.get("latitude") or "")
            lon = float(row.get("lon") or row.get("longitude") or "")
        except ValueError:
            summary.note(f"line {line_no}: lat/lon missing or not numbers")
            continue
        if not name or not _valid_point(lat, lon):
            summary.note(f"line {line_no}: no name, or coordinates off the globe")
            continue
        iso3 = None
        if row.get("country"):
            try:
                iso3 = country_iso3(row["country"], where=f"line {line_no}")
            except GazetteerError as err:
                summary.note(str(err))
                continue
        if countries is not None and iso3 not in countries:
            summary.filtered += 1
            continue
        raw_aliases = row.get("alternate_names") or row.get("alternatenames") or ""
        aliases = tuple(a.strip() for a in raw_aliases.replace(";", "|").split("|") if a.strip())
        try:
            population = int(row.get("population") or 0)
        except ValueError:
            population = 0
        yield ImportedPlace(name=name, lat=lat, lon=lon, country=iso3, alternate_names=aliases,
                            admin1_name=row.get("admin1") or None, population=population)


def _valid_point(lat: float, lon: float) -> bool:
    return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0 and (lat, lon) != (0.0, 0.0)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _store(
    path: Path,
    summary: ImportSummary,
    rows: Iterator[ImportedPlace],
    progress: Callable[[int], None] | None,
) -> None:
    """Replace the places of this source in one transaction: a failed import leaves the last
    good one in place."""
    con = _connect(create=True)
    assert con is not None
    try:
        with con:
            con.execute("DELETE FROM places WHERE source = ?", (summary.source,))
            batch: list[tuple[object, ...]] = []
            for place in rows:
                batch.append((summary.source, place.geonameid, place.name,
                              "|".join(place.alternate_names), place.lat, place.lon,
                              place.country, place.admin1_code, place.admin1_name,
                              place.feature, place.population))
                if len(batch) >= 10_000:
                    summary.places += _insert(con, batch, progress)
            summary.places += _insert(con, batch, progress)
            if summary.places:
                con.execute(
                    "INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?,?)",
                    (summary.source, summary.kind, str(path.resolve()), _sha256(path),
                     summary.places, datetime.now(UTC).isoformat(timespec="seconds")),
                )
            else:
                con.execute("DELETE FROM sources WHERE name = ?", (summary.source,))
    except sqlite3.Error as err:
        raise GazetteerError(f"cannot store the imported places: {err}",
                             where=str(imports_path())) from err
    finally:
        con.close()


def _insert(
    con: sqlite3.Connection, batch: list[tuple[object, ...]], progress: Callable[[int], None] | None
) -> int:
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)
    count = len(batch)
    batch.clear()
    if progress is not None:
        progress(count)
    return count


# ---------------------------------------------------------------------------------------------
# downloading GeoNames dumps (on request only)


def download(
    countries: Iterable[str],
    *,
    base_url: str = GEONAMES_DUMPS,
    dest: Path | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
    timeout: float = 60.0,
) -> list[Path]:
    """Fetch ``<base_url>/<CC>.zip`` for each ISO2 code (or ``allCountries``) into ``dest``
    (default ``$EVENTWIRE_CACHE/downloads``); returns the files. ``progress(name, done,
    total)`` is called as bytes arrive."""
    import httpx

    dest = dest or cache_dir() / "downloads"
    dest.mkdir(parents=True, exist_ok=True)
    names = [_dump_name(c) for c in countries]
    files = []
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        for name in names:
            url = base_url.rstrip("/") + f"/{name}.zip"
            target = dest / f"{name}.zip"
            part = target.with_suffix(".zip.part")
            try:
                with client.stream("GET", url) as response:
                    if response.status_code != 200:
                        raise GazetteerError(f"HTTP {response.status_code}", where=url)
                    total = int(response.headers.get("content-length") or 0) or None
                    done = 0
                    with part.open("wb") as fh:
                        for chunk in response.iter_bytes(1 << 16):
                            fh.write(chunk)
                            done += len(chunk)
                            if progress is not None:
                                progress(name, done, total)
            except httpx.HTTPError as err:
                part.unlink(missing_ok=True)
                raise GazetteerError(f"download failed: {err}", where=url) from err
            if not zipfile.is_zipfile(part):
                part.unlink(missing_ok=True)
                raise GazetteerError("the download is not a zip file", where=url)
            part.replace(target)
            files.append(target)
    return files


def _dump_name(country: str) -> str:
    if country.lower() in ("allcountries", "all"):
        return "allCountries"
    found = pycountry.countries.get(alpha_2=country.upper()) if len(country) == 2 else None
    if found is None:
        raise GazetteerError(
            f"GeoNames dumps are named by ISO2 codes (UA, SY, SD) or allCountries, not {country!r}",
            where="download",
        )
    return found.alpha_2
