"""Choosing among a candidate's gazetteer entries: one place per mention.

Each name's entries are scored by kind and population, by the article's countries, by a
qualifier next to it ("Sentianivka, Luhansk"), by cue words ("Kursk region" -> the oblast), and
by nearness to the other places of the article; twice, the second time with the first pass's
unambiguous places as context. One name keeps one sense through the article.

The stages before: ``context.article_context`` (the countries the article talks about),
``candidates.candidates`` (the stretches that may name a place); after: ``mentions``.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .context import BIG_CITY, Context
from .cues import (
    ADMIN2_REACH_KM,
    FEATURE_BASE,
    UNIT_FEATURES,
    Candidate,
)
from .gazetteer import Place, haversine_km, normalize
from .qualifiers import _inside


def _prior(place: Place, primary: bool, cand: Candidate) -> float:
    """How likely a name means this place before context: kind, size, how it is named."""
    if place.feature in FEATURE_BASE:
        score = FEATURE_BASE[place.feature]
    else:
        pop = math.log10(place.population + 10)
        score = pop + max(0.0, pop - 5.5)  # famous cities carry their name far
        if place.feature == "admin1":
            score = max(score - 1.0, 5.0) if cand.admin_cue else score - 2.0
        elif place.feature == "admin2":
            score = max(score - 1.5, 4.5) if cand.admin_cue else score - 3.0
        if place.capital and primary:
            # national capitals are named far beyond their size, by their own name ("Amman"),
            # not by an old one another city bears ("Philadelphia")
            score += 1.5
    if not primary:
        score -= 1.0
    if cand.admin_cue:
        score += 6.0 if place.feature in ("admin1", "admin2") else -2.0
    if cand.unit:
        score += 6.0 if place.feature in UNIT_FEATURES else -2.0
    if cand.settlement_cue and place.feature == "city":
        score += 0.5
    return score


def _score(place: Place, primary: bool, cand: Candidate, context: Context) -> float:
    score = _prior(place, primary, cand)
    if not primary and place.feature == "city" and cand.qualifier is None and any(
        pr and context.share(p.country) for p, pr in cand.places
    ):
        # the name is another place's own, in a country the text names: "the English city of
        # Salisbury" is not Harare, once called Salisbury
        score -= 1.0
    share = context.share(place.country)
    if share:
        score += 1.0 + 3.0 * share
    if place.admin1_code and context.admin1[place.admin1_code]:
        score += 1.5
    if cand.qualifier is not None:
        unit = cand.qualifier
        score += 12.0 if _inside(place, unit) else -3.0
        if unit.feature == "admin2" and place.feature == "city" and (
            haversine_km(place.lat, place.lon, unit.lat, unit.lon) > ADMIN2_REACH_KM
        ):
            score -= 3.0  # inside only by its name: a town near the district's towns first
    if context.points and place.feature in ("city", "admin2", "admin1"):
        near = context.nearest_km(place.lat, place.lon)
        if near < 150:
            score += 1.5
        elif near < 400:
            score += 0.75
    return score


def _best(cand: Candidate, context: Context) -> tuple[Place, float] | None:
    if not cand.places:
        return None
    if cand.qualifier is not None and not any(_inside(p, cand.qualifier) for p, _ in cand.places):
        return None  # a place the gazetteer lacks, in the unit named after it
    scored = [(_score(p, primary, cand, context), p) for p, primary in cand.places]
    score, place = max(scored, key=lambda sp: (sp[0], sp[1].population))
    if place.feature == "city":
        # a country's own name beats a city known by it only as an alias ("in Mexico")
        countries = [(s, p) for (s, p), (_, pr) in zip(scored, cand.places, strict=True)
                     if p.feature == "country" and pr]
        if countries and not any(pr for p, pr in cand.places if p is place):
            score, place = max(countries, key=lambda sp: sp[0])
    small = (place.feature == "city" and place.population < BIG_CITY) or (
        place.feature == "admin2" and not (cand.admin_cue or cand.unit))
    if small and cand.qualifier is None:
        # a country, sea or region beats a small town or a bare district name ("the tropical
        # Atlantic" is neither a town in Iowa nor Atlantic County, "Lebanon" no town in Ohio)
        wide = [(s, p) for s, p in scored if p.feature in FEATURE_BASE]
        if wide:
            score, place = max(wide, key=lambda sp: sp[0])
    if place.feature == "city" and place.population < BIG_CITY and cand.qualifier is None and (
        not cand.unit
    ):
        # "a federal judge in Wyoming": a state or province outranks a small town named like it
        # that lies elsewhere, in a country the text names no more ("Daraa", a town in its own
        # governorate, stays the town)
        primaries = {id(p) for p, primary in cand.places if primary}
        units = [(s, p) for s, p in scored if p.feature == "admin1" and id(p) in primaries
                 and not _inside(place, p) and p.population > place.population
                 and context.share(p.country) >= context.share(place.country)]
        if units:
            score, place = max(units, key=lambda sp: (sp[1].population, sp[0]))
    if place.feature == "country":
        # "the Georgia National Guard" in a story about the United States: a state named like a
        # country, in the country the text talks about more
        states = [(s, p) for s, p in scored if p.feature == "admin1"
                  and context.share(p.country) > 2 * context.share(place.country)]
        if states:
            score, place = max(states, key=lambda sp: (context.share(sp[1].country), sp[0]))
    if place.feature == "admin2" and not (cand.admin_cue or cand.unit):
        # "Beni": the town that gives its district its name, not the district
        towns = [(s, p) for s, p in scored if p.feature == "city" and _inside(p, place)]
        if towns:
            score, place = max(towns, key=lambda sp: (sp[1].population, sp[0]))
    if cand.institution and place.feature in ("admin1", "admin2", "city") and (
        place.population < BIG_CITY or place.feature != "city"
    ) and not (cand.admin_cue or cand.unit):
        # "The Washington Post", "the New York Times": papers, airports and police are named
        # after their city, when a big city of the story's country bears the name
        cities = [(s, p) for s, p in scored if p.feature == "city" and p.population >= BIG_CITY
                  and context.share(p.country) > 0]
        if cities:
            score, place = max(cities, key=lambda sp: (sp[1].population, sp[0]))
    if place.feature == "admin1" and not (cand.admin_cue or cand.unit):
        # "New York", "Kursk": a city named like the unit it lies in is the city; not a
        # village that has the unit's name only as another name ("Montana City")
        primaries = {id(p) for p, primary in cand.places if primary}
        cities = [(s, p) for s, p in scored
                  if p.feature == "city" and p.admin1_code == place.admin1_code
                  and (id(p) in primaries or p.population >= BIG_CITY)]
        if cities:
            score, place = max(cities, key=lambda sp: (sp[1].population, sp[0]))
    return place, score


def resolve(
    cands: list[Candidate], context: Context, text: str = ""
) -> list[tuple[Candidate, Place | None]]:
    """Settle every candidate, twice: the second time with the first pass's places as context.
    With the document's ``text``, names listed with a state read as states (``_peers``)."""
    first = {id(c): _best(c, context) for c in cands}
    confident = Context(countries=Counter(context.countries))
    for cand in cands:
        best = first[id(cand)]
        if best is None or cand.money:
            continue
        place, _ = best
        unambiguous = len({p.country for p, _ in cand.places}) == 1
        if place.country and (unambiguous or place.feature in ("country", "admin1")):
            confident.countries[place.country] += 1
        if place.admin1_code:
            confident.admin1[place.admin1_code] += 1
        if unambiguous and place.feature in ("city", "admin2", "admin1"):
            confident.points.append((place.lat, place.lon))
    # one sense per name per article, chosen by its best-supported mention
    by_name: dict[tuple[str, bool], tuple[Place, float]] = {}
    chosen: list[tuple[Candidate, tuple[Place, float] | None]] = []
    for cand in cands:
        best = _best(cand, _without_self(confident, cand, first[id(cand)]))
        chosen.append((cand, best))
        key = (normalize(cand.name), cand.admin_cue)
        if best and cand.qualifier is None and (key not in by_name or best[1] > by_name[key][1]):
            by_name[key] = best
    out: list[tuple[Candidate, Place | None]] = []
    for cand, best in chosen:
        key = (normalize(cand.name), cand.admin_cue)
        if best is None:
            out.append((cand, None))
        elif cand.qualifier is None and key in by_name:
            out.append((cand, by_name[key][0]))
        else:
            out.append((cand, best[0]))
    return _peers(out, text) if text else out


# "California or Washington", "Oregon and Washington": names listed together are of one kind
_LISTED = re.compile(r"^\s*,?\s*(?:and|or|&)\s+$")


def _peers(
    out: list[tuple[Candidate, Place | None]], text: str
) -> list[tuple[Candidate, Place | None]]:
    """A name listed with a state or province ("California or Washington") is one too, when it
    can be one of the same country."""
    fixed = list(out)
    for i, (cand, place) in enumerate(out):
        if place is None or place.feature == "admin1" or cand.qualifier is not None:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(out):
                continue
            other, other_place = out[j]
            if other_place is None or other_place.feature != "admin1":
                continue
            left, right = (other, cand) if j < i else (cand, other)
            if not _LISTED.match(text[left.end : right.start]):
                continue
            units = [p for p, _ in cand.places
                     if p.feature == "admin1" and p.country == other_place.country]
            if units:
                fixed[i] = (cand, max(units, key=lambda p: p.population))
                break
    return fixed


def _without_self(
    context: Context, cand: Candidate, best: tuple[Place, float] | None
) -> Context:
    """The context less this mention's own first-pass vote (a name must not confirm itself)."""
    if best is None:
        return context
    place = best[0]
    points = [pt for pt in context.points if pt != (place.lat, place.lon)]
    if len(points) == len(context.points) and not place.admin1_code:
        return context
    admin1 = Counter(context.admin1)
    if place.admin1_code:
        admin1[place.admin1_code] -= 1
    return Context(countries=context.countries, admin1=admin1, points=points)
