"""Where a body of the world sits: a vote or a statement of the UN General Assembly, the
Security Council or the ICJ whose sentence places it nowhere was made at the body's seat
(``seats`` and ``seat_types`` of resources/places.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Document, Event, Location
from ..resources import load_yaml
from .gazetteer import Gazetteer
from .locate import PRECISION


@lru_cache(maxsize=1)
def _seats() -> tuple[re.Pattern[str], dict[str, tuple[str, str]], frozenset[str]]:
    """The bodies of ``seats`` in resources/places.yaml as one pattern, each name's seat and
    country, and the event types (``seat_types``) a body's name places at its seat."""
    data = load_yaml("places.yaml")
    where: dict[str, tuple[str, str]] = {}
    for entry in data.get("seats") or []:
        for name in entry.get("names") or []:
            where[str(name)] = (str(entry["seat"]), str(entry["country"]))
    names = "|".join(re.escape(n) for n in sorted(where, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.’'-])(?:{names})(?![\w-])")
    return pattern, where, frozenset(str(t) for t in data.get("seat_types") or ())


# "Russia's Security Council", "the Georgia General Assembly", "Russian Security Council":
# another body of the same name, a country's or a state's
_OTHER_BODY = re.compile(r"\b(?!The\b)[A-Z][\w.-]*(?:['’]s)?\s+$")


def seat_location(
    document: Document, start: int, end: int, gazetteer: Gazetteer
) -> Location | None:
    """The seat of the first body of ``seats`` (resources/places.yaml) that
    ``document.text[start:end]`` names ("the General Assembly adopted" -> New York), as
    the place the sentence names; ``None`` when it names none."""
    pattern, where, _types = _seats()
    text = document.text
    for found in pattern.finditer(text, start, end):
        if _OTHER_BODY.search(text[max(0, found.start() - 25) : found.start()]):
            continue
        seat, country = where[found.group(0)]
        options = [p for p, _ in gazetteer.find(seat) if p.country == country]
        if not options:
            continue
        place = max(options, key=lambda p: (p.feature == "city", p.population))
        return Location(
            text=found.group(0), name=place.name, admin1=place.admin1, country=place.country,
            lat=place.lat, lon=place.lon, geonameid=place.geonameid,
            precision=PRECISION.get(place.feature, 3), feature=place.feature, basis="sentence",
            start=found.start(), end=found.end(),
        )
    return None


def seat_of(event: Event, document: Document, gazetteer: Gazetteer) -> Location | None:
    """Where the body the event's sentence names sits, for an event of ``seat_types``
    (resources/places.yaml) told in it; else ``None``."""
    if event.type not in _seats()[2]:
        return None
    return seat_location(document, event.evidence.start, event.evidence.end, gazetteer)
