"""Units that qualify the place before them: "X, Y", "X (Y)", "X in Y".

A chain of names joined by a comma, an opening parenthesis or "in" is read left to right; a unit
later in the chain that the name before it lies in becomes that name's ``qualifier`` (and the
unit itself is marked ``unit``). ``inside`` says whether a place lies in a unit.
"""

from __future__ import annotations

import re
from collections import Counter

from .context import BIG_CITY, Context
from .cues import (
    _RANK,
    ADMIN2_REACH_KM,
    FEATURE_BASE,
    NAMED_REACH_KM,
    UNIT_FEATURES,
    WORLD_CITY,
    Candidate,
    _well_known,
    qualifier_gap,
)
from .gazetteer import Place, haversine_km


def _link_qualifiers(found: list[Candidate], text: str, context: Context) -> None:
    """Units that qualify the place before them: "X, Y", "X (Y)", "X village, Y (Z, W)".

    A chain of names joined by a comma or an opening parenthesis (with at most two lower-case
    words between, "district", "LGA") is read left to right; a later name with an admin2,
    admin1 or country reading qualifies every earlier one whose readings fit in it, or that the
    gazetteer lacks. Peers are not qualifiers: "Tamil Nadu, Karnataka" (the left one is a unit
    itself, not inside the right one) stays a list.
    """
    chains: list[list[Candidate]] = []
    for cand in found:
        last = chains[-1][-1] if chains else None
        join = qualifier_gap(text[last.end : cand.start]) if (
            last is not None and cand.start >= last.end) else 0
        if join:
            cand.after_in = join == 2
            chains[-1].append(cand)
        else:
            chains.append([cand])
    for number, chain in enumerate(chains):
        after = chains[number + 1][0] if number + 1 < len(chains) else None
        listed = after is not None and bool(_LIST_END.match(text[chain[-1].end : after.start]))
        for i, left in enumerate(chain[:-1]):
            if listed and _a_city_of_its_own(left):
                continue  # "Washington, New York and Boston": a list, not Watervliet in New York
            for right in chain[i + 1 :]:
                others = [c for c in chain[i + 1 :] if c is not right]
                if _qualify(left, right, context, others):
                    break


# the end of a list of names: "X, Y and Z", "X, Y, or Z"
_LIST_END = re.compile(r"^\s*,?\s*(?:and|or)\s+$")


def _a_city_of_its_own(cand: Candidate) -> bool:
    """Whether a name's own reading is a big city or a capital ("Washington"), which a list
    names by itself rather than as a town of the next name's unit."""
    return any(primary and p.feature == "city" and (p.population >= BIG_CITY or p.capital)
               for p, primary in cand.places)


def _trusted(unit: Place, right: Candidate, others: list[Candidate], context: Context) -> bool:
    """Whether a unit reading is sure enough to override every reading of the name it
    qualifies: a country, a unit of a country the article names, a unit named as one ("Trujillo
    state"), a name whose readings all lie in one country, or a unit that another name of the
    chain nests with ("Bandiagara, Mopti": the town lies in the region)."""
    if unit.feature == "country" or context.share(unit.country) > 0:
        return True
    if right.admin_cue and unit.feature in ("admin1", "admin2"):
        return True  # "Carvajal, Trujillo state": the text itself says the name is a unit
    if len({p.country for p, _ in right.places}) == 1:
        return True
    return any(_inside(p, unit) or _inside(unit, p) for c in others for p, _ in c.places)


def _qualify(
    left: Candidate, right: Candidate, context: Context, others: list[Candidate] | None = None
) -> bool:
    """Make ``right`` the qualifier of ``left`` if it reads as a unit that ``left`` lies in.

    A name whose every reading lies in another country than a sure unit after it ("Mandoli
    (Bandiagara, Mopti)", "New Brighton (Nelson Mandela Bay, Eastern Cape)", "Selac,
    Kosovo") is a place the gazetteer lacks, placed at that unit."""
    if right.after_in and not (left.strong or left.places):
        return False  # "the OAS in Washington": an organisation, not a place in a unit
    units = [p for p, _ in right.places if p.feature in UNIT_FEATURES]
    later = [p for c in others or [] if c.start > right.start for p, _ in c.places
             if p.feature in UNIT_FEATURES]
    if not left.places and units and later and not any(
        _inside(u, q) for u in units for q in later
    ) and any(p.feature == "city" and _inside(p, q) for p, _ in right.places for q in later):
        return False  # "Barangay Tagapo, Santa Rosa, Laguna": the town in the unit after it
    if not units and not left.places and not right.after_in and not any(
        p.feature in FEATURE_BASE for p, _ in right.places
    ):
        # "Qqqville (Misrata)": a place the gazetteer lacks, by the town it is counted under;
        # not by a continent or sea named like some town ("Mahathir, Asia's longest serving")
        units = [p for p, _ in right.places if p.feature == "city"]
    if not units:
        return False
    fitting = [u for u in units if any(_inside(p, u) for p, _ in left.places)]
    if not fitting:
        if any(p.feature in FEATURE_BASE or (primary and p.feature == "admin1")
               for p, primary in left.places):
            return False  # peers in a list
        if any(primary and p.feature == "city" and p.population >= WORLD_CITY
               for p, primary in left.places):
            return False  # "Los Angeles, Miami": a world city before a unit it is not in
        # a place the gazetteer lacks, or knows only elsewhere in the unit's country; but a
        # city before a unit named after its town is a list of cities ("Oklahoma City, Tulsa")
        if _well_known(left) and any(
            p.feature == "city" and _inside(p, u) for p, _ in right.places for u in units
        ):
            return False
        fitting = [u for u in units if not left.places
                   or any(p.country == u.country for p, _ in left.places)]
        # "Cali, Valle": the unit is some other country's, unless it is sure and the name
        # before it is named as a place and not world-famous ("Barcelona, Liverpool")
        if not fitting and (left.strong or left.settlement_cue) and not any(
            primary and p.population >= WORLD_CITY for p, primary in left.places
        ):
            fitting = [u for u in units if _trusted(u, right, others or [], context)]
        if not fitting:
            return False
    # a unit that nests in a later name of the chain first ("Kirni (Poonch district, J&K)":
    # India's Poonch, not Pakistan's), then in the article's countries ("Kati (Koulikoro)" is
    # Mali's), then in the country whose units hold the biggest place of the name before it
    # ("San Juan (San Juan)": the Argentine city in its province), then the smaller unit
    biggest: Counter[str | None] = Counter()
    for u in fitting:
        for p, _ in left.places:
            if p.population > biggest[u.country] and _inside(p, u):
                biggest[u.country] = p.population
    left.qualifier = max(fitting, key=lambda u: (any(_inside(u, p) for p in later),
                                                 context.share(u.country) > 0,
                                                 biggest[u.country], -_RANK.get(u.feature, 0),
                                                 u.population))
    fitting = [u for u in fitting if u.country == left.qualifier.country]
    right.settlement_cue = True
    if right.after_in and not left.places:
        return True  # "Le Bernardin in New York": the name after "in" keeps its own reading
    right.unit = True
    right.places = tuple((p, pr) for p, pr in right.places if p in fitting) or right.places
    return True


def _inside(place: Place, unit: Place) -> bool:
    if place is unit:
        return False
    if unit.feature == "country":
        return place.country == unit.country
    if unit.feature == "admin2":
        if place.feature != "city" or place.country != unit.country or not (
            place.admin1_code == unit.admin1_code or not unit.admin1_code
        ):
            return False
        km = haversine_km(place.lat, place.lon, unit.lat, unit.lon)
        # the town a district is named after lies in it even when the district's point (the
        # centre of the few towns the sources list in it) is farther from the town
        return km <= ADMIN2_REACH_KM or (
            km <= NAMED_REACH_KM and place.admin1_code is not None and place.name == unit.name)
    return place.admin1_code is not None and place.admin1_code == unit.admin1_code and (
        place.feature != "admin1"
    )
