"""Loaders for the human-coded evaluation sets, read in place (never copied into the repo).

Each loader returns typed rows with the text eventwire is to read and the coder's answers, and
applies the known traps of its file (see each folder's SOURCE.txt): ACLED's cut-off last row,
its bracketed coder remarks, its "9-May-20" dates; UCDP's ";"-joined headlines; the PLOVER
file's documentation record and its 0.5 category names.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import pycountry
import yaml

from ..errors import MalformedInputError, ResourceError

logger = logging.getLogger(__name__)

T = TypeVar("T")


@cache
def mappings() -> dict[str, Any]:
    """``resources/evaluation.yaml``, loaded once."""
    try:
        text = resources.files("eventwire.resources").joinpath("evaluation.yaml").read_text(
            "utf-8")
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as err:
        raise ResourceError(f"cannot read evaluation.yaml: {err}") from None
    if not isinstance(data, dict):
        raise ResourceError("evaluation.yaml: expected a mapping at the top")
    return data


def sample(rows: list[T], limit: int | None) -> list[T]:
    """``limit`` rows spread evenly over ``rows`` (every k-th), or all of them.

    An even spread rather than the first N: the files are sorted by date or country, so the
    head of a file is one corner of it.
    """
    if limit is None or limit >= len(rows):
        return rows
    if limit <= 0:
        return []
    step = len(rows) / limit
    return [rows[int(i * step)] for i in range(limit)]


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise MalformedInputError(f"cannot read CSV: {err}", where=str(path)) from None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(float(value)) if value not in (None, "") else default
    except ValueError:
        return default


# --- ACLED -----------------------------------------------------------------------------------

# A coder's remark in brackets at the very end of the notes: "[size=no report]",
# "[1 fatality split among 12 events]."; some are left unclosed or closed with "}".
_TRAILING_REMARK = re.compile(r"\s*\[[^\[\]]*(?:[\]}]|$)[.\s]*$")
_SIZE_REMARK = re.compile(r"\s*\[size=[^\]}]*[\]}]?")
_SPLIT = re.compile(r"\b(?:split|spread|divided)\b[^.]*\b(?:events?|locations?)\b", re.IGNORECASE)


def strip_coder_remarks(notes: str) -> str:
    """The notes without the coder's bracketed remarks at the end (and any ``[size=...]``).

    Brackets inside a sentence stay: they are mostly alternative place names
    ("Zibane [Ziban]") that belong to the text.
    """
    text = _SIZE_REMARK.sub("", notes)
    while True:
        stripped = _TRAILING_REMARK.sub("", text)
        if stripped == text:
            break
        text = stripped
    text = text.rstrip()
    if text and text[-1] not in ".!?\"'":
        text += "."
    return text


def fatalities_split(notes: str) -> bool:
    """Whether the coder says the deaths were split across several events or places.

    ACLED then records a share of a total ("20 fatalities split up between 3 events"), which no
    reader of the notes could recover, so those rows are left out of the fatality measures.
    """
    return bool(_SPLIT.search(notes))


def parse_acled_date(value: str) -> date:
    """ACLED 2020's ``event_date``, "9-May-20" (day-Mon-two-digit year); ISO dates pass too."""
    value = value.strip()
    for fmt in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not an ACLED date: {value!r}")


@lru_cache(maxsize=4096)
def country_iso3(name: str) -> str | None:
    """ISO 3166-1 alpha-3 of a country name as ACLED writes it, or ``None`` if not a country."""
    name = name.strip()
    aliases: dict[str, str | None] = mappings().get("country_aliases", {})
    if name in aliases:
        return aliases[name]
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return None


_STATE_OF = re.compile(r"\bof (?:the )?(.+?) \(\d{4}-")
_PARENS = re.compile(r"\(([^()]*)\)")


def acled_actor_country(actor: str) -> str | None:
    """The country an ACLED actor name belongs to, as ISO3, or ``None`` when it names none.

    Rule: a state actor "Military Forces of Yemen (2016-) ..." / "Police Forces of the
    Philippines (2016-)" / "Government of Turkey (2016-)" belongs to the country after "of";
    any other actor to the country in its last parentheses, "Protesters (Israel)",
    "Unidentified Gang (Mexico)". Actors with neither ("Taliban", "NAF: United Armed Forces of
    Novorossiya") or with a region or group in parentheses ("(West Africa)") give ``None``.
    """
    state = _STATE_OF.search(actor)
    if state:
        return country_iso3(state.group(1))
    inside = [p for p in _PARENS.findall(actor) if not re.match(r"^\d{4}-", p)]
    return country_iso3(inside[-1]) if inside else None


@dataclass(frozen=True)
class AcledRow:
    id: str
    notes: str
    text: str  # notes without the coder's bracketed remarks: what eventwire reads
    event_type: str
    sub_event_type: str
    event_date: date
    fatalities: int
    fatalities_split: bool
    lat: float
    lon: float
    geo_precision: int
    actor1: str
    actor1_country: str | None
    inter1: int
    country: str
    iso3: str


def load_acled(path: Path, *, limit: int | None = None) -> list[AcledRow]:
    """The complete rows of an ACLED CSV (2020 schema); incomplete ones (the cut-off last row)
    are dropped with a log line."""
    rows: list[AcledRow] = []
    dropped = 0
    for raw in _read_csv(path):
        notes = (raw.get("notes") or "").strip()
        lat, lon = _float(raw.get("latitude")), _float(raw.get("longitude"))
        if not notes or lat is None or lon is None or not raw.get("event_type") \
                or not raw.get("iso3"):
            dropped += 1
            continue
        try:
            when = parse_acled_date(raw["event_date"])
        except ValueError:
            dropped += 1
            continue
        rows.append(AcledRow(
            id=raw.get("event_id_cnty") or raw.get("data_id") or str(len(rows)),
            notes=notes,
            text=strip_coder_remarks(notes),
            event_type=raw["event_type"].strip(),
            sub_event_type=(raw.get("sub_event_type") or "").strip(),
            event_date=when,
            fatalities=_int(raw.get("fatalities")),
            fatalities_split=fatalities_split(notes),
            lat=lat,
            lon=lon,
            geo_precision=_int(raw.get("geo_precision"), 3),
            actor1=(raw.get("actor1") or "").strip(),
            actor1_country=acled_actor_country(raw.get("actor1") or ""),
            inter1=_int(raw.get("inter1")),
            country=(raw.get("country") or "").strip(),
            iso3=(raw.get("iso3") or "").strip(),
        ))
    if dropped:
        logger.info("%s: dropped %d incomplete row(s)", path, dropped)
    return sample(rows, limit)


# --- UCDP GED --------------------------------------------------------------------------------


@dataclass(frozen=True)
class UcdpRow:
    id: str
    text: str  # the source headlines, one paragraph each
    best: int
    low: int
    high: int
    lat: float | None
    lon: float | None
    where_prec: int
    where: str
    side_a: str
    side_b: str
    published: date | None = None  # the earliest source_date: when the news was published


def load_ucdp(path: Path, *, limit: int | None = None) -> list[UcdpRow]:
    """UCDP GED rows with their headlines as text; rows without headlines are skipped."""
    rows: list[UcdpRow] = []
    for raw in _read_csv(path):
        headlines = [h.strip() for h in (raw.get("source_headline") or "").split(";")]
        headlines = [h for h in headlines if h]
        if not headlines:
            continue
        # a full stop closes each headline: the clean stage reads short unpunctuated lines
        # of scraped text as page chrome (menus, related links) and drops them
        headlines = [h if h[-1] in ".!?\"'" else h + "." for h in headlines]
        rows.append(UcdpRow(
            id=raw.get("id") or str(len(rows)),
            text="\n\n".join(headlines),
            best=_int(raw.get("best")),
            low=_int(raw.get("low")),
            high=_int(raw.get("high")),
            lat=_float(raw.get("latitude")),
            lon=_float(raw.get("longitude")),
            where_prec=_int(raw.get("where_prec"), 7),
            where=(raw.get("where_description") or "").strip(),
            side_a=(raw.get("side_a") or "").strip(),
            side_b=(raw.get("side_b") or "").strip(),
            published=_first_date(raw.get("source_date")),
        ))
    return sample(rows, limit)


def _first_date(value: str | None) -> date | None:
    """The earliest ISO date of a ";"-separated list (UCDP's ``source_date``), or None."""
    days = []
    for part in (value or "").split(";"):
        try:
            days.append(date.fromisoformat(part.strip()[:10]))
        except ValueError:
            continue
    return min(days, default=None)


# --- PLOVER gold-standard records ------------------------------------------------------------


def plover_type(name: str) -> str | None:
    """Today's PLOVER type for a PLOVER 0.5 name (FIGHT -> ASSAULT, DEMAND -> REQUEST, ...);
    ``None`` for records that are not events (DOCUMENT)."""
    name = name.strip().upper()
    if name in mappings().get("plover_skip_types", []):
        return None
    return str(mappings().get("plover_0_5_types", {}).get(name, name))


@dataclass(frozen=True)
class PloverRecord:
    id: str
    text: str
    type: str  # today's name
    type_0_5: str  # the name in the file
    mode: str | None
    source_countries: tuple[str, ...]
    target_countries: tuple[str, ...]


def load_plover(path: Path, *, limit: int | None = None) -> list[PloverRecord]:
    """The coded sentences of a PLOVER GSR file (a JSON array); the DOCUMENT header is skipped."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise MalformedInputError(f"cannot read PLOVER records: {err}", where=str(path)) from None
    if not isinstance(data, list):
        raise MalformedInputError("expected a JSON array of records", where=str(path))
    records: list[PloverRecord] = []
    for item in data:
        if not isinstance(item, dict) or not item.get("text") or not item.get("event"):
            continue
        mapped = plover_type(str(item["event"]))
        if mapped is None:
            continue
        records.append(PloverRecord(
            id=str(item.get("id") or len(records)),
            text=str(item["text"]),
            type=mapped,
            type_0_5=str(item["event"]).strip().upper(),
            mode=item.get("mode") or None,
            source_countries=_codes(item.get("source")),
            target_countries=_codes(item.get("target")),
        ))
    return sample(records, limit)


def _codes(actors: object) -> tuple[str, ...]:
    if not isinstance(actors, list):
        return ()
    return tuple(str(a["code"]) for a in actors if isinstance(a, dict) and a.get("code"))
