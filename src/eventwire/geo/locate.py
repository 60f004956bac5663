"""Give each event the place its evidence supports, with ACLED precision and an honest basis.

Order of search: the place mentions inside the event's sentence (most specific first, then
prepositional "in/near/at X", then nearest the trigger); else those of its paragraph; else the
article's dateline; else the article's focus (the place it names most, if it names one place
clearly more than any other). Nothing found -> ``None``: never a guess beyond the text.

Precision (ACLED ``geo_precision``): 1 the place itself; 2 near a place ("near X", "outskirts
of X", "area of X"), or a village the gazetteer lacks placed at the admin1 named next to it
("Sentianivka, Luhansk"); 3 a larger region, admin1, sea or a whole country (country centroid).
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Document, Event, Location, PlaceMention
from .gazetteer import Gazetteer, normalize

SPECIFICITY = {"city": 0, "admin1": 1, "region": 2, "sea": 2, "country": 3, "continent": 4}
PRECISION = {"city": 1, "admin1": 3, "region": 3, "sea": 3, "country": 3, "continent": 3}
_NEAR = re.compile(
    r"\b(near|outside|nearby|close to|around|outskirts of|vicinity of|area of|"
    r"(?:kilometres|kilometers|km|miles) (?:from|of|north of|south of|east of|west of))"
    r"\s+(?:the\s+)?(?:[a-z-]+\s+)?(?:(?:city|town|village) of\s+)?$",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(
    r"\b(in|at|near|into|inside|across|throughout|of)\s+(?:the\s+)?(?:[a-z-]+(?:ern|ral)\s+)?$"
)
_PREP = re.compile(r"\b(in|at|on|into|near|outside|of|across)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$")


def _near(document: Document, mention: PlaceMention) -> bool:
    return bool(_NEAR.search(document.text[max(0, mention.start - 40) : mention.start]))


def _location(
    mention: PlaceMention, document: Document, basis: str, *, precision: int | None = None
) -> Location:
    feature = mention.feature or "city"
    value = PRECISION.get(feature, 3)
    if feature == "city" and _near(document, mention):
        value = 2
    return Location(
        text=mention.text,
        name=mention.name or mention.text,
        admin1=mention.admin1,
        country=mention.country,
        lat=mention.lat,
        lon=mention.lon,
        geonameid=mention.geonameid,
        precision=precision or value,
        feature=feature,
        basis=basis,  # type: ignore[arg-type]
        start=mention.start,
        end=mention.end,
    )


def _fallback_admin1(
    unresolved: PlaceMention, resolved: list[PlaceMention], document: Document
) -> Location | None:
    """A village the gazetteer lacks, named with its admin1 ("Sentianivka, Luhansk")."""
    for other in resolved:
        between = document.text[unresolved.end : other.start]
        if other.start >= unresolved.end and between.strip() == "," and other.feature in (
            "admin1", "region"
        ):
            return Location(
                text=document.text[unresolved.start : other.end],
                name=other.name or other.text,
                admin1=other.admin1 or other.name,
                country=other.country,
                lat=other.lat,
                lon=other.lon,
                geonameid=other.geonameid,
                precision=2,
                feature=other.feature,
                basis="text",
                start=unresolved.start,
                end=other.end,
            )
    return None


def _literal(mention: PlaceMention, document: Document) -> bool:
    """Whether a mention names where something happened, not who acted.

    A country named without a locative preposition is mostly an actor or a modifier ("the US
    decision", "Russia warned"), so it places no event; towns and regions always may.
    """
    if mention.feature != "country":
        return True
    before = document.text[max(0, mention.start - 30) : mention.start]
    return bool(_LOCATIVE.search(before))


def _pick(
    inside: list[PlaceMention], document: Document, trigger_at: int | None
) -> PlaceMention:
    def key(m: PlaceMention) -> tuple[int, int, int]:
        before = document.text[max(0, m.start - 30) : m.start]
        prep = 0 if _PREP.search(before) or _near(document, m) else 1
        distance = abs(m.start - trigger_at) if trigger_at is not None else 0
        return SPECIFICITY.get(m.feature or "city", 5), prep, distance

    return min(inside, key=key)


def locate_event_places(
    start: int,
    end: int,
    trigger: str | None,
    places: list[PlaceMention],
    document: Document,
    gazetteer: Gazetteer | None = None,
) -> Location | None:
    """The location of the evidence span ``document.text[start:end]``, or ``None``."""
    resolved = [p for p in places if p.lat is not None and p.feature != "demonym"]
    trigger_at = None
    if trigger:
        found = document.text.find(trigger, start, end)
        trigger_at = found if found >= 0 else None
    resolved = [p for p in resolved if _literal(p, document)]
    inside = [p for p in resolved if start <= p.start < end]
    if inside:
        best = _pick(inside, document, trigger_at)
        # a village we lack, named right before its admin1, beats the bare admin1
        if best.feature in ("admin1", "region", "country"):
            for unresolved in (p for p in places if p.lat is None and start <= p.start < end):
                location = _fallback_admin1(unresolved, inside, document)
                if location is not None:
                    return location
        return _location(best, document, "sentence")
    for unresolved in (p for p in places if p.lat is None and start <= p.start < end):
        location = _fallback_admin1(unresolved, resolved, document)
        if location is not None:
            return location
    for p_start, p_end in document.paragraphs:
        if p_start <= start < p_end:
            in_paragraph = [p for p in resolved if p_start <= p.start < p_end]
            if in_paragraph:
                best = _pick(in_paragraph, document, trigger_at)
                return _location(best, document, "paragraph")
            break
    if document.dateline and gazetteer is not None:
        location = _dateline(document, gazetteer)
        if location is not None:
            return location
    return _focus(resolved, document)


def _dateline(document: Document, gazetteer: Gazetteer) -> Location | None:
    assert document.dateline is not None
    parts = [part.strip() for part in re.split(r"[,(]", document.dateline) if part.strip()]
    if not parts:
        return None
    country = None
    for part in parts[1:]:
        for place, _ in gazetteer.find(part):
            if place.feature == "country":
                country = place.country
    options = [p for p, _ in gazetteer.find(parts[0]) if country is None or p.country == country]
    if not options:
        return None
    place = max(options, key=lambda p: (p.feature == "country", p.population))
    return Location(
        text=document.dateline,
        name=place.name,
        admin1=place.admin1,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        precision=PRECISION.get(place.feature, 3),
        feature=place.feature,
        basis="dateline",
    )


def _focus(resolved: list[PlaceMention], document: Document) -> Location | None:
    """The place the article names most, when one stands clearly ahead of the others."""
    if not resolved:
        return None
    counts = Counter(normalize(p.name or p.text) for p in resolved)
    (top, n), *rest = [*counts.most_common(2), ("", 0)]
    if n < 2 or (rest and rest[0][1] * 2 > n):
        return None
    mention = next(p for p in resolved if normalize(p.name or p.text) == top)
    location = _location(mention, document, "article")
    return location.model_copy(update={"precision": max(location.precision, 2)})


def locate_events(
    events: list[Event],
    places: list[PlaceMention],
    document: Document,
    gazetteer: Gazetteer | None = None,
) -> list[Event]:
    """New events, each with the ``Location`` its evidence supports (or ``None``)."""
    out = []
    for event in events:
        location = locate_event_places(
            event.evidence.start, event.evidence.end, event.trigger, places, document, gazetteer
        )
        out.append(event.model_copy(update={"location": location}))
    return out
