"""Hand judgements of real articles: the happenings a careful coder lists, read from YAML.

One YAML file per article (``tests/data/judged/*.yaml``) names the article file (read in place
from the shared ``articles/`` folder, never copied), the sha256 of its content (a changed file is
detected and left out, with the reason), and the happenings a careful human coder (ACLED-style)
would write. A happening gives its PLOVER type(s), status, date, actor, recipient, place,
killed/injured where the text gives them, and its *anchors*: the character offsets
``[start, end)`` in the article file of the sentences that tell it (offsets, not text)::

    article: 30-example.txt
    sha256: 9f86d0...
    published: 2019-11-20
    kind: wire            # wire, live, digest, feature, editorial, bulletin
    half: dev             # dev: rules may be tuned on it; check: held apart
    happenings:
      - id: crash
        summary: helicopter shot down, two soldiers killed   # the judge's own words
        plover: [ASSAULT]                # the first is the coder's type; others also right
        acled: Battles/Armed clash
        status: occurred                 # or a list: [occurred, ongoing]
        date: 2019-11-19
        actor: {names: [Taliban], country: AFG, sectors: [REB, INS]}
        recipient: {country: USA, sectors: [MIL]}
        place: {names: [Logar], country: AFG, lat: 34.0, lon: 69.2, km: 60}
        killed: 2
        anchors: [[0, 138], [408, 561]]
        optional: false       # true: a defensible event a coder might leave out; coding it is
                              # right, missing it costs no recall

``align`` maps a stretch of eventwire's cleaned text back to offsets in the article file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import MalformedInputError
from ..model import EVENT_TYPES, Actor, Location
from .scoring import distance_km

STATUS_GROUPS: dict[str, str] = {
    "occurred": "happened", "ongoing": "happened",
    "planned": "unreal", "threatened": "unreal", "hypothetical": "unreal",
    "denied": "denied", "negated": "denied",
}

# PLOVER's quad classes, the material-conflict one split as ACLED splits it (a protest is not
# an attack, an attack not a troop build-up): a type read within the same family tells the
# same kind of thing; a judge lists every type a careful coder could give a happening
TYPE_FAMILIES: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT"), "verbal cooperation"),
    **dict.fromkeys(("CONCEDE", "COOPERATE", "AID", "RETREAT"), "material cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal conflict"),
    "PROTEST": "protest",
    **dict.fromkeys(("ASSAULT", "COERCE"), "force"),
    **dict.fromkeys(("SANCTION", "MOBILIZE"), "pressure"),
}


@dataclass(frozen=True)
class GoldActor:
    names: tuple[str, ...] = ()
    country: str | None = None
    sectors: tuple[str, ...] = ()

    def agrees(self, actor: Actor | None) -> bool:
        """An actor agrees when it carries one of the names (in its name or its text), or when
        its country and sector are those given (either may be left open, not both)."""
        if actor is None:
            return False
        said = f"{actor.name or ''} | {actor.text}".lower()
        if any(_word_in(name.lower(), said) for name in self.names):
            return True
        if self.country is None and not self.sectors:
            return False
        return ((self.country is None or actor.country == self.country)
                and (not self.sectors or actor.sector in self.sectors))


@dataclass(frozen=True)
class GoldPlace:
    names: tuple[str, ...] = ()
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    km: float = 25.0

    def agrees(self, location: Location | None) -> bool:
        """Within ``km`` of the point where both have one; else by name and country; a place
        given only by its country agrees with any location in that country."""
        if location is None:
            return False
        if self.lat is not None and self.lon is not None and location.lat is not None \
                and location.lon is not None:
            return distance_km(self.lat, self.lon, location.lat, location.lon) <= self.km
        country_ok = self.country is None or location.country == self.country
        if not self.names:
            return self.country is not None and country_ok
        said = " | ".join(x for x in (location.name, location.text, location.admin1) if x)
        return country_ok and any(_word_in(n.lower(), said.lower()) for n in self.names)


@dataclass(frozen=True)
class Happening:
    id: str
    summary: str
    types: tuple[str, ...]
    statuses: tuple[str, ...]
    anchors: tuple[tuple[int, int], ...]
    acled: str | None = None
    date: date | None = None
    actor: GoldActor | None = None
    recipient: GoldActor | None = None
    place: GoldPlace | None = None
    killed: int | None = None
    injured: int | None = None
    optional: bool = False

    @property
    def families(self) -> set[str]:
        return {TYPE_FAMILIES[t] for t in self.types}

    @property
    def status_groups(self) -> set[str]:
        return {STATUS_GROUPS[s] for s in self.statuses}


@dataclass(frozen=True)
class Judgement:
    source: Path  # the YAML file
    article: str  # the article file's name
    sha256: str
    published: date | None
    kind: str
    half: str
    happenings: tuple[Happening, ...]

    @property
    def required(self) -> list[Happening]:
        return [h for h in self.happenings if not h.optional]


def _word_in(needle: str, haystack: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack))


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    raise ValueError(f"expected a string or a list, got {value!r}")


def _actor(value: object) -> GoldActor | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(f"an actor is a mapping, got {value!r}")
    actor = GoldActor(names=_strings(value.get("names")), country=value.get("country"),
                      sectors=_strings(value.get("sectors")))
    if not actor.names and actor.country is None and not actor.sectors:
        raise ValueError("an actor needs names, a country or sectors")
    return actor


def _place(value: object) -> GoldPlace | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(f"a place is a mapping, got {value!r}")
    lat, lon = value.get("lat"), value.get("lon")
    place = GoldPlace(names=_strings(value.get("names")), country=value.get("country"),
                      lat=float(lat) if lat is not None else None,
                      lon=float(lon) if lon is not None else None,
                      km=float(value.get("km", 25.0)))
    if not place.names and place.country is None and place.lat is None:
        raise ValueError("a place needs names, a country or a point")
    return place


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _happening(item: dict[str, Any], size: int) -> Happening:
    types = _strings(item.get("plover"))
    unknown = [t for t in types if t not in EVENT_TYPES]
    if not types or unknown:
        raise ValueError(f"plover: PLOVER types expected, got {list(types)}")
    statuses = _strings(item.get("status", "occurred"))
    if not statuses or any(s not in STATUS_GROUPS for s in statuses):
        raise ValueError(f"status: unknown {list(statuses)}")
    anchors = []
    for pair in item.get("anchors") or []:
        start, end = (int(x) for x in pair)
        if not 0 <= start < end <= size:
            raise ValueError(f"anchor {pair} outside the article (0..{size})")
        anchors.append((start, end))
    if not anchors:
        raise ValueError("a happening needs at least one anchor")
    killed, injured = item.get("killed"), item.get("injured")
    return Happening(
        id=str(item["id"]), summary=str(item.get("summary", "")), types=types,
        statuses=statuses, anchors=tuple(anchors), acled=item.get("acled"),
        date=_date(item.get("date")), actor=_actor(item.get("actor")),
        recipient=_actor(item.get("recipient")), place=_place(item.get("place")),
        killed=int(killed) if killed is not None else None,
        injured=int(injured) if injured is not None else None,
        optional=bool(item.get("optional", False)))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_judgement(path: Path, *, size: int | None = None) -> Judgement:
    """One judgement file. ``size`` (the article's length in characters) bounds the anchors.

    Raises ``MalformedInputError`` (naming the file and the happening) when it is not valid.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise MalformedInputError(f"cannot read judgement: {err}", where=str(path)) from None
    if not isinstance(data, dict) or not data.get("article") or not data.get("sha256"):
        raise MalformedInputError("a judgement needs article and sha256", where=str(path))
    happenings = []
    seen: set[str] = set()
    for index, item in enumerate(data.get("happenings") or []):
        try:
            if not isinstance(item, dict) or "id" not in item:
                raise ValueError("each happening is a mapping with an id")
            happening = _happening(item, size if size is not None else 10**9)
            if happening.id in seen:
                raise ValueError(f"id {happening.id!r} given twice")
        except (KeyError, TypeError, ValueError) as err:
            raise MalformedInputError(f"happening {index + 1}: {err}", where=str(path)) from None
        seen.add(happening.id)
        happenings.append(happening)
    half = str(data.get("half", "dev"))
    if half not in ("dev", "check"):
        raise MalformedInputError(f"half must be dev or check, not {half!r}", where=str(path))
    try:
        published = _date(data.get("published"))
    except ValueError as err:
        raise MalformedInputError(f"published: {err}", where=str(path)) from None
    return Judgement(source=path, article=str(data["article"]), sha256=str(data["sha256"]),
                     published=published, kind=str(data.get("kind", "")), half=half,
                     happenings=tuple(happenings))


def article_problem(judgement: Judgement, articles: Path) -> str | None:
    """Why the judged article cannot be scored (absent, or changed since it was judged)."""
    path = articles / judgement.article
    if not path.is_file():
        return f"{judgement.article}: article absent from {articles}"
    if sha256_of(path) != judgement.sha256:
        return f"{judgement.article}: changed since it was judged (sha256 differs)"
    return None


# --- from eventwire's cleaned text back to the article file --------------------------------

_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def _key(text: str) -> tuple[str, list[int]]:
    """The text with invisible characters dropped and every run of whitespace one space,
    and for each character kept its offset in ``text``."""
    chars: list[str] = []
    where: list[int] = []
    for offset, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        where.append(offset)
    return "".join(chars), where


class Aligner:
    """Finds stretches of eventwire's cleaned text in the article file, whitespace and
    invisible characters aside; among several places the one nearest the expected offset."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.key, self.where = _key(original)

    def locate(self, snippet: str, *, near: int = 0) -> tuple[int, int] | None:
        """``[start, end)`` of ``snippet`` in the original text, or ``None``."""
        needle = _key(snippet)[0].strip()
        if not needle:
            return None
        hits = []
        at = self.key.find(needle)
        while at >= 0:
            hits.append(at)
            at = self.key.find(needle, at + 1)
        if not hits:
            return None
        best = min(hits, key=lambda h: abs(self.where[h] - near))
        return self.where[best], self.where[best + len(needle) - 1] + 1
