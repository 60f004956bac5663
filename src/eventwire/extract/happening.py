"""Whether two event mentions can tell the same happening: the one rule for it.

A happening is told many times: within an article (the strike, its toll, the school it damaged,
the witness who saw it) and across articles (every outlet's report of one shooting). Two
mentions are two happenings when they disagree on something a happening has only one of: the
kind of event (its type family), whether it happened (a strike that happened is not the strike
someone threatens), where (farther apart than both places' precision allows), when (outside the
window both dates' precision and the publication dates allow), or who did it. Otherwise the
more they agree on, the likelier they are one: ``same_happening`` scores that in (0, 1].

Within one article the discourse decides as well ("the attack", "it", a sentence that only
counts the dead): that lives in ``extract/links.py``, which asks this module whether the fields
allow the link. Thresholds and vocabulary: ``resources/happening.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..geo.gazetteer import haversine_km
from ..model import Actor, Event, Location
from ..resources import load_yaml

__all__ = [
    "HappeningRules", "conflict", "evidence_signature", "evidence_similarity", "family",
    "is_same_happening", "place_contains", "rules", "same_happening",
]


@dataclass(frozen=True)
class HappeningRules:
    families: dict[str, str]
    acled_families: dict[str, str]
    compatible: frozenset[frozenset[str]]
    counted: frozenset[str]
    place_radius_km: dict[str, float]
    near_radius_km: float
    date_slack_days: dict[str, int]
    published_lookback_days: int
    published_ahead_days: int
    sides: dict[str, str]  # sector -> side
    base: float
    weights: dict[str, float]
    same_threshold: float
    generic_actors: tuple[str, ...] = ()
    two_sided: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def rules() -> HappeningRules:
    """The rules of ``resources/happening.yaml``, loaded once."""
    data = load_yaml("happening.yaml")
    return HappeningRules(
        families={str(k): str(v) for k, v in data["families"].items()},
        acled_families={str(k): str(v) for k, v in data["acled_families"].items()},
        compatible=frozenset(frozenset(map(str, pair)) for pair in data["compatible_families"]),
        counted=frozenset(map(str, data["counted_statuses"])),
        place_radius_km={str(k): float(v) for k, v in data["place_radius_km"].items()},
        near_radius_km=float(data["near_radius_km"]),
        date_slack_days={str(k): int(v) for k, v in data["date_slack_days"].items()},
        published_lookback_days=int(data["published_lookback_days"]),
        published_ahead_days=int(data["published_ahead_days"]),
        sides={
            str(sector): str(side)
            for side, sectors in data["sector_sides"].items()
            for sector in sectors
        },
        base=float(data["base"]),
        weights={str(k): float(v) for k, v in data["weights"].items()},
        same_threshold=float(data["same_threshold"]),
        generic_actors=tuple(str(x) for x in data.get("generic_actors_across_articles", [])),
        two_sided=frozenset(map(str, data.get("two_sided_types", []))),
    )


def family(event: Event) -> str:
    """The type family of an event: the kinds of event that can retell one another."""
    table = rules()
    if event.acled is not None and event.acled.event_type in table.acled_families:
        return table.acled_families[event.acled.event_type]
    return table.families.get(event.type, event.type.lower())


def families_compatible(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in rules().compatible


def statuses_compatible(a: str, b: str) -> bool:
    """A happening that took place is never the one threatened, planned, denied or imagined;
    two of those that did not take place are compared by their own status."""
    counted = rules().counted
    if a in counted or b in counted:
        return a in counted and b in counted
    return a == b


def _radius(location: Location) -> float | None:
    """How far from its point a location may lie (km); ``None`` for a whole country."""
    table = rules()
    feature = location.feature or "city"
    if feature == "country":
        return None
    radius = table.place_radius_km.get(feature, table.place_radius_km["city"])
    if location.precision >= 2:
        radius = max(radius, table.near_radius_km)
    return radius


def places_compatible(
    a: Location | None, b: Location | None, *, by_admin1: bool = False
) -> bool | None:
    """``True`` when both are placed and can be one place, ``False`` when they cannot, ``None``
    when one is unplaced (nothing to compare).

    ``by_admin1``: two places of one province or state are one place (within one article,
    where the text's own place names are compared and a finer reading is too often a namesake).
    """
    if a is None or b is None:
        return None
    if a.country and b.country and a.country != b.country:
        return False
    if by_admin1 and a.country and a.admin1 and b.admin1:
        return a.admin1 == b.admin1
    ra, rb = _radius(a), _radius(b)
    if ra is None or rb is None:
        return True  # one is a whole country, and the countries agree (or one is unknown)
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if _namesakes(a, b):
        return True  # "Springfield" read in Illinois by one story, in Missouri by the other
    if None in (a.lat, a.lon, b.lat, b.lon):
        return a.name.casefold() == b.name.casefold() or None
    distance = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
    return distance <= ra + rb


def _namesakes(a: Location, b: Location) -> bool:
    """Two readings of one name of one country, one of them written bare ("Springfield", no
    state): which town that one means is the gazetteer's guess, not a sign of two places."""
    name = a.name.casefold()
    return (
        a.country == b.country
        and name == b.name.casefold()
        and any(p.text is not None and p.text.casefold() == name for p in (a, b))
    )


def _window(event: Event, published: date | None) -> tuple[date, date] | None:
    """The days the happening can have been on, from the event's date and its publication."""
    table = rules()
    value = event.date
    if value is not None and value.basis != "published":
        # a date stands for the day, week, month or year that starts there ("in March": the
        # first of March, precision month), give or take a day of time zones and late reports
        day = timedelta(days=table.date_slack_days["day"])
        span = timedelta(days=table.date_slack_days.get(value.precision, 1))
        low, high = value.value - day, value.value + span
    else:
        anchor = published or (value.value if value is not None else None)
        if anchor is None:
            return None
        low = anchor - timedelta(days=table.published_lookback_days)
        high = anchor
    if published is not None:
        high = min(high, published + timedelta(days=table.published_ahead_days))
        low = min(low, high)
    return low, high


def dates_compatible(
    a: Event, b: Event, published_a: date | None = None, published_b: date | None = None
) -> bool | None:
    """``True`` when both are dated from the text and their windows meet, ``False`` when the
    windows do not meet, ``None`` when there is nothing to compare or only publication dates."""
    wa, wb = _window(a, published_a), _window(b, published_b)
    if wa is None or wb is None:
        return None
    if wa[1] < wb[0] or wb[1] < wa[0]:
        return False
    explicit = all(e.date is not None and e.date.basis != "published" for e in (a, b))
    return True if explicit else None


def _known(actor: Actor | None) -> Actor | None:
    """An actor the text names (not one the event only implies), else ``None``."""
    if actor is None or actor.basis != "text":
        return None
    if actor.name is None and actor.country is None and actor.sector is None:
        return actor if actor.text.strip() else None
    return actor


def actors_compatible(a: Actor | None, b: Actor | None) -> bool | None:
    """Whether two named actors can be one: the same name, or the same country (where both
    have one) and the same side. ``None`` when one is unnamed."""
    a, b = _known(a), _known(b)
    if a is None or b is None:
        return None
    if a.name and b.name and a.name == b.name:
        return True
    if a.text.casefold() == b.text.casefold():
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.name and b.name and a.sector == b.sector == "IGO":
        # a body of no country is known by its name alone: the General Assembly's vote and the
        # UN envoy's briefing, the Council and the agency, are two doers
        return False
    sides = rules().sides
    side_a, side_b = sides.get(a.sector or ""), sides.get(b.sector or "")
    if side_a and side_b and side_a != side_b:
        # two sides of one country are two doers; a common noun with no country ("the boy",
        # "an officer") is too often a victim the parse took for the doer to set two apart
        return False if a.country and b.country else None
    if (a.country is None and a.sector is None) or (b.country is None and b.sector is None):
        return None  # a bare name the dictionary does not know: nothing to compare
    return True


def _specific(actor: Actor | None) -> Actor | None:
    """Across articles, an actor that names a particular doer; ``None`` for the catch-alls
    ("Civilians (X)", "Unidentified Armed Group (X)") that a report's parse gives a gunman, a
    neighbour or "people" alike: outlets name the one doer in their own words, so only
    particular doers set two reports apart."""
    if actor is None or any((actor.name or "").startswith(g) for g in rules().generic_actors):
        return None
    return actor


def _roles(a: Event, b: Event, *, across_articles: bool = False
           ) -> tuple[list[bool | None], bool]:
    """The agreement of the actor and recipient (a clash's two sides in either order), and
    whether any role conflicts. ``across_articles``: catch-all actors are not compared."""
    if across_articles:
        a = a.model_copy(update={"actor": _specific(a.actor),
                                 "recipient": _specific(a.recipient)})
        b = b.model_copy(update={"actor": _specific(b.actor),
                                 "recipient": _specific(b.recipient)})
    straight = [actors_compatible(a.actor, b.actor), actors_compatible(a.recipient, b.recipient)]
    if False not in straight:
        return straight, False
    if a.mode == "clash" or b.mode == "clash" or a.type == b.type in rules().two_sided:
        crossed = [
            actors_compatible(a.actor, b.recipient), actors_compatible(a.recipient, b.actor)
        ]  # fmt: skip
        if False not in crossed:
            return crossed, False
    # a doer in one is the target in the other, or two different doers: two happenings
    return straight, straight[0] is False


def same_speaker(a: Event, b: Event) -> bool:
    """Whether two statements have one named speaker and no conflicting target."""
    (actor, recipient), conflicting = _roles(a, b)
    return actor is True and recipient is not False and not conflicting


def same_happening(
    a: Event,
    b: Event,
    *,
    published_a: date | None = None,
    published_b: date | None = None,
    by_admin1: bool = False,
    across_articles: bool = False,
) -> float:
    """0.0 when ``a`` and ``b`` cannot tell the same happening, else how likely they do, in
    (0, 1]: the base score plus what each agreeing field adds (``resources/happening.yaml``).

    ``published_a``/``published_b`` are their articles' publication dates, where known: an
    event dated only by publication lies in the days before it. ``by_admin1``: see
    ``places_compatible``. ``across_articles``: two outlets' reports (``cluster.py``), whose
    catch-all actors are not compared (``_specific``).
    """
    table = rules()
    dates = {"published_a": published_a, "published_b": published_b}
    if conflict(a, b, **dates, by_admin1=by_admin1, across_articles=across_articles) is not None:
        return 0.0
    place = places_compatible(a.location, b.location, by_admin1=by_admin1)
    when = dates_compatible(a, b, published_a, published_b)
    (actor, recipient), _ = _roles(a, b, across_articles=across_articles)
    w = table.weights
    score = table.base
    score += w["same_type"] * (a.type == b.type)
    score += w["same_mode"] * (a.mode is not None and a.mode == b.mode)
    score += w["place"] * bool(place)
    score += w["date"] * bool(when)
    score += w["actor"] * bool(actor)
    score += w["recipient"] * bool(recipient)
    score += w["killed"] * (
        a.killed is not None and b.killed is not None and a.killed.value == b.killed.value
    )
    return round(min(1.0, score), 4)


def conflict(
    a: Event,
    b: Event,
    *,
    published_a: date | None = None,
    published_b: date | None = None,
    by_admin1: bool = False,
    across_articles: bool = False,
) -> str | None:
    """What sets ``a`` and ``b`` apart as two happenings ("family", "status", "place", "date",
    "actor"), or ``None`` when nothing does."""
    if not families_compatible(family(a), family(b)):
        return "family"
    if not statuses_compatible(a.status, b.status):
        return "status"
    if places_compatible(a.location, b.location, by_admin1=by_admin1) is False:
        return "place"
    if dates_compatible(a, b, published_a, published_b) is False:
        return "date"
    if _roles(a, b, across_articles=across_articles)[1]:
        return "actor"
    return None


def is_same_happening(
    a: Event,
    b: Event,
    *,
    published_a: date | None = None,
    published_b: date | None = None,
) -> bool:
    """``same_happening`` at or above the threshold of ``resources/happening.yaml``."""
    score = same_happening(a, b, published_a=published_a, published_b=published_b)
    return score >= rules().same_threshold


# -- across articles (cluster.py) ------------------------------------------------------------

_COARSE_FEATURES = frozenset({"admin1", "region", "country", "sea", "continent"})


def place_contains(a: Location | None, b: Location | None) -> bool:
    """Across articles, a place told only as a region must hold the other's place: "Sumy
    region" retells a strike on Sumy, not one on Kharkiv 140 km off (whose point lies within
    the region's radius). Two places of different first-level units are then two places."""
    if a is None or b is None:
        return False
    coarse = [loc for loc in (a, b) if (loc.feature or "city") in _COARSE_FEATURES
              or loc.precision >= 3]
    if not coarse:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if (a.feature == "country") or (b.feature == "country"):
        return True
    return not (a.admin1 and b.admin1 and a.admin1.casefold() != b.admin1.casefold())


_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*\b")


@lru_cache(maxsize=1)
def _common_capitalised() -> frozenset[str]:
    return frozenset(load_yaml("incidents.yaml")["evidence"]["common_capitalised"])


def evidence_signature(texts: Iterable[str]) -> frozenset[str]:
    """What tells one report's happening from another's of the same kind, place and day: the
    names its sentences give (victims, streets, suspects, units; capitalised words less those
    any report capitalises, "Police", "Sunday")."""
    common = _common_capitalised()
    names = set()
    for text in texts:
        for match in _NAME.finditer(text):
            word = match.group(0).removesuffix("'s")
            if word not in common:
                names.add(word)
    return frozenset(names)


def evidence_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """The Jaccard similarity of two evidence signatures (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
