"""Places the gazetteer lacks, placed by what the text says around them.

A street, a building, a circuit or a village the gazetteer does not hold is still somewhere the
text says: in the unit named after it ("Snetterton, Norfolk", "Cape Peron in Rockingham", "Le
Bernardin in New York"), or, in a story about one town, in that town ("Royal Street", "the KCOM
Stadium", "in Portroe" in a story datelined or centred there). Such a mention gets the
coordinates of that unit or town, with ``feature`` saying how it was placed:

- ``"inside"``: in the unit named after it (its ``qualifier``);
- ``"local"``: a street, building or village of a story about one town (its dateline's town, or
  the town it names most, at least twice and more than any other).

They are approximate by design, and never place an event (``locate`` reads them as unresolved,
as before).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ..model import Document
from ..resources import load_yaml
from .context import dateline_stretch
from .cues import Candidate
from .gazetteer import Place, normalize

STAND_IN_FEATURES = frozenset({"inside", "local"})
LOCAL_KINDS = ("city", "admin2")


@lru_cache(maxsize=1)
def local_heads() -> frozenset[str]:
    """Last words of names of streets, buildings and grounds (``local_heads`` of
    resources/places.yaml): "Royal Street", "KCOM Stadium", "Oulton Park"."""
    return frozenset(normalize(str(w)) for w in load_yaml("places.yaml").get("local_heads") or ())


def story_town(document: Document, resolved: list[tuple[Candidate, Place | None]]) -> Place | None:
    """The town a story is about: its dateline's town, else the town or district it names most
    (at least twice, and more often than any other)."""
    stretch = dateline_stretch(document)
    if stretch is not None:
        for cand, place in resolved:
            if place is not None and stretch[0] <= cand.start < stretch[1]:
                if place.feature in LOCAL_KINDS:
                    return place
                break
    counts: Counter[int] = Counter()
    by_id: dict[int, Place] = {}
    for _, place in resolved:
        if place is not None and place.feature in LOCAL_KINDS:
            counts[place.geonameid] += 1
            by_id[place.geonameid] = place
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return by_id[top[0][0]]


def _local(cand: Candidate) -> bool:
    """Whether a name reads as a street, a building or a village: a local head word last
    ("Frenchmen Street", "Alder Hey Children's Hospital"), or named as a settlement ("in
    Portroe", "Torkula village"); not an abbreviation, nor a compound of known places
    ("Asia-Pacific")."""
    if cand.name.isupper() or (cand.places and cand.loose):
        return False
    return is_building(cand.name) or (cand.settlement_cue and "-" not in cand.name)


def is_building(name: str) -> bool:
    """Whether a name ends in a word of streets, buildings and grounds ("Frenchmen Street",
    "Alder Hey Children's Hospital", "Oulton Park")."""
    words = name.split()
    return bool(words) and normalize(words[-1]) in local_heads()


def stand_ins(
    document: Document, resolved: list[tuple[Candidate, Place | None]]
) -> dict[int, tuple[Place, str]]:
    """For each unresolved candidate that the text places (by ``id``): the place standing in
    for it and how ("inside", "local")."""
    out: dict[int, tuple[Place, str]] = {}
    town: Place | None = None
    town_known = False
    for cand, place in resolved:
        if place is not None:
            continue
        if cand.qualifier is not None:
            out[id(cand)] = (cand.qualifier, "inside")
            continue
        if not (cand.strong or cand.building) or not _local(cand):
            continue
        if not town_known:
            town, town_known = story_town(document, resolved), True
        if town is not None:
            out[id(cand)] = (town, "local")
    return out
