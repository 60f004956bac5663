"""The data that flows through the pipeline: Article -> Document -> Event.

Every field eventwire fills carries the text it came from, so a person can see why each value
is what it is. The event record is versioned (``EVENT_SCHEMA_VERSION``); its JSON schema is
``Event.model_json_schema()`` and a contract test pins it.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EVENT_SCHEMA_VERSION = 1

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

Status = Literal[
    "occurred", "ongoing", "planned", "threatened", "hypothetical", "denied", "negated"
]
COUNTED_STATUSES = frozenset({"occurred", "ongoing"})


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(_Record):
    """One item from a source, before cleaning: raw text or HTML and what the source said of it."""

    id: str
    raw: str
    content_type: Literal["text", "html"] = "text"
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None  # where it came from: a path, feed URL, WARC file


class Document(_Record):
    """A cleaned article: main text with paragraph boundaries, and its metadata."""

    doc_id: str
    text: str
    paragraphs: list[tuple[int, int]] = Field(default_factory=list)  # char spans in text
    title: str | None = None
    published: date | None = None
    url: str | None = None
    site: str | None = None
    language: str | None = None
    dateline: str | None = None  # place named in a dateline ("KYIV, Ukraine (AP) -")


class Evidence(_Record):
    text: str
    start: int
    end: int


class Actor(_Record):
    text: str
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3, or an IGO code such as "IGO"
    sector: str | None = None  # GOV, MIL, REB, POL, CVL, IGO, NGO, MED, ...
    start: int | None = None
    end: int | None = None
    # "text": the text names the actor; "event": the event implies one the text leaves unnamed
    # ("a protest was held": protesters), and ``text`` is the trigger that implies it;
    # "article": the sentence leaves the doer unnamed and the article names it elsewhere
    # ("a missile hit a school" in a story of Russia's strikes), ``text``/``start`` where
    # the article names it; "theatre": no one names the doer of an act of war, and the war
    # fought there and then (resources/theatres.yaml) says whose it was ("a Ukrainian soldier
    # was killed in shelling" in 2017: the DPR's forces), ``text`` the trigger or the weapon
    basis: Literal["text", "event", "article", "theatre"] = "text"


class Location(_Record):
    text: str | None = None
    name: str
    admin1: str | None = None
    country: str | None = None  # ISO3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: int = 1  # ACLED geo_precision: 1 the place, 2 near/part of region, 3 larger region
    feature: str | None = None  # city, admin1, country, region, sea
    basis: Literal["text", "sentence", "paragraph", "article", "dateline"] = "text"
    start: int | None = None
    end: int | None = None


class DateValue(_Record):
    value: date
    precision: Literal["day", "week", "month", "year"] = "day"
    basis: Literal["explicit", "relative", "published"] = "explicit"
    text: str | None = None


class Count(_Record):
    """A number of people killed or injured, with its qualifiers kept.

    ``value`` is the best single estimate; ``low``/``high`` bound it where the text does
    ("at least 8" -> low 8, "over 80" -> low 81, "up to 10" -> high 10).
    """

    value: int
    low: int | None = None
    high: int | None = None
    children: int | None = None
    text: str


class Size(_Record):
    value: int
    low: int | None = None
    high: int | None = None
    unit: str | None = None
    qualifier: str | None = None
    text: str


class Weapon(_Record):
    text: str
    name: str


class Attribution(_Record):
    text: str
    verb: str | None = None


class AcledType(_Record):
    event_type: str
    sub_event_type: str | None = None


class Event(_Record):
    """One coded event: PLOVER type and mode, mappings, roles, place, time, counts, evidence."""

    id: str
    doc_id: str
    type: EventType
    mode: str | None = None
    acled: AcledType | None = None
    cameo: str | None = None
    intensity: float | None = None
    status: Status = "occurred"
    trigger: str | None = None
    actor: Actor | None = None
    recipient: Actor | None = None
    location: Location | None = None
    date: DateValue | None = None
    killed: Count | None = None
    injured: Count | None = None
    size: Size | None = None
    weapon: Weapon | None = None
    attribution: Attribution | None = None
    evidence: Evidence  # the sentence that tells the event first (or best)
    # every other sentence of the article that tells the same happening (its toll, its damage,
    # its witnesses, "the attack" told again), in text order; fields filled from one of them
    # carry that sentence's offsets
    supports: list[Evidence] = Field(default_factory=list)
    confidence: float = 0.5

    @staticmethod
    def make_id(doc_id: str, start: int, end: int, type_: str) -> str:
        key = f"{doc_id}:{start}:{end}:{type_}".encode()
        return hashlib.blake2b(key, digest_size=10).hexdigest()


class PlaceMention(_Record):
    """One place named in a text, resolved to the gazetteer (the output of ``eventwire places``)."""

    doc_id: str
    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None  # ISO3
    feature: str | None = None  # city, admin1, country, region, sea, continent
    population: int | None = None
    score: float | None = None


def doc_id_for(text: str, url: str | None = None) -> str:
    """A stable article id: a hash of its URL when it has one, else of its text."""
    from .bigtext import blake2b_hex  # a long text hashed without a whole copy of it

    return blake2b_hex(url or text, digest_size=8)
