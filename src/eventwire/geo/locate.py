"""Give each event the place its evidence supports, with ACLED precision and an honest basis.

Order of search: the place mentions inside the event's sentence (those named where something
happens first: after "in/near/at", or followed by the unit they lie in, "X (Y, Z)"; not those
that only modify a longer name, "the Luhansk People's Militia"; then the most specific, then
the nearest the trigger); else those of its paragraph; else the article's dateline; else the
article's focus (the place it names most, if it names one place clearly more than any other).
Nothing found -> ``None``: never a guess beyond the text.

A place the gazetteer lacks but the text qualifies with a unit ("Sentianivka, Luhansk",
"Karakai (Bungudu LGA, Zamfara)") is placed at the most specific unit named (admin2 before
admin1 before country), precision 2.

Precision (ACLED ``geo_precision``): 1 the place itself; 2 near a place ("near X", "outskirts
of X", "area of X"), a district (admin2), or a village placed at its unit; 3 a larger region,
admin1, sea or a whole country (country centroid).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from ..model import Document, Event, Location, PlaceMention
from ..resources import load_yaml
from .context import dateline_stretch
from .cues import qualifier_gap
from .gazetteer import Gazetteer, haversine_km, normalize
from .unknown import STAND_IN_FEATURES

SPECIFICITY = {
    "city": 0, "admin2": 1, "admin1": 2, "region": 3, "sea": 3, "country": 4, "continent": 5,
}  # fmt: skip
PRECISION = {
    "city": 1, "admin2": 2, "admin1": 3, "region": 3, "sea": 3, "country": 3, "continent": 3,
}  # fmt: skip
UNITS = ("admin2", "admin1", "region", "country")
STRAY_KM = 50.0  # farther than this from every pinned-down place of the text: a stray reading
BIG_TOWN = 50_000  # a city this size is sure of its country; a smaller town abroad is a stray
_NEAR = re.compile(
    r"\b(near|outside|nearby|close to|around|outskirts of|vicinity of|area of|"
    r"(?:kilometres|kilometers|km|miles) (?:from|of|north of|south of|east of|west of))"
    r"\s+(?:the\s+)?(?:[a-z-]+\s+)?(?:(?:city|town|village) of\s+)?$",
    re.IGNORECASE,
)
# "in the northern and western Philippines", "around Taiwan", "off Yemen": a country named where
# something happened ("thousands of US troops" is no place: people are counted "of" a country)
_LOCATIVE = re.compile(
    r"(?<![Tt]housands )(?<![Hh]undreds )(?<![Dd]ozens )(?<![Mm]illions )"
    r"\b(in|at|near|into|inside|across|throughout|around|off|along|of)\s+(?:the\s+)?"
    r"(?:(?:[a-z-]+(?:ern|ral)|and|or),?\s+){0,4}$"
)
# a place named as the landmark another lies off: "X district west of Y", "X, north of Y",
# "X province south of the capital Y" (the landmark's kind told before its name)
_REFERENCE = re.compile(
    r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+"
    r"of\s+(?:the\s+)?(?:(?:(?:provincial|regional|port|border)\s+)?"
    r"(?:capital|city|town|village)\s+(?:of\s+)?)?$", re.IGNORECASE)
# a road or crossing named after a town: "Murree road", "the Tripoli-Beirut highway"
_ROAD_AFTER = re.compile(r"\s*(?:road|highway|motorway|street|bridge|crossing|checkpoint)\b")
# where one clause of a sentence ends and another, perhaps with its own place, begins: "US
# troops launched exercises in the Philippines, after China held drills around Taiwan",
# "Russia shelled Kharkiv while Ukraine struck Belgorod"
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s+(?:after|while|as|before|when|whereas|but|and|although)\b|"
    r"\s(?:while|whereas|after|before)\s"
)
_POSSESSIVE = re.compile(r"['\u2019]s\b")
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


def _unit_after(
    mention: PlaceMention, places: list[PlaceMention], text: str
) -> PlaceMention | None:
    """The most specific resolved place in the chain that follows ``mention`` ("X, Y (Z)"):
    the first one, unless that is a country and the chain names a smaller unit."""
    chain: list[PlaceMention] = []
    last = mention.end
    for other in places:
        if other.start < mention.end:
            continue
        if not qualifier_gap(text[last : other.start]) or _POSSESSIVE.match(text, other.end):
            break  # "the Inter-Services Intelligence, Pakistan's spy agency": an apposition
        chain.append(other)
        last = other.end
    known = [m for m in chain if m.lat is not None and m.feature in ("city", *UNITS)]
    smaller = [m for m in known if m.feature != "country"]
    return (smaller or known or [None])[0]


def _people_point(
    unit: PlaceMention, gazetteer: Gazetteer | None
) -> tuple[float | None, float | None]:
    """An admin unit's people's centre (where an event inside it most likely is), else its
    point."""
    if gazetteer is not None and unit.geonameid is not None and (
        unit.feature in ("admin1", "admin2")
    ):
        point = gazetteer.unit_point(unit.geonameid)
        if point is not None:
            return round(point[0], 5), round(point[1], 5)
    return unit.lat, unit.lon


def _at_unit(
    mention: PlaceMention, unit: PlaceMention, document: Document, basis: str,
    gazetteer: Gazetteer | None = None,
) -> Location:
    """A place the gazetteer lacks, at the unit the text puts it in (precision 2), at the
    centre of the unit's people rather than its geometric centre."""
    lat, lon = _people_point(unit, gazetteer)
    return Location(
        text=document.text[mention.start : unit.end],
        name=unit.name or unit.text,
        admin1=unit.admin1 or (unit.name if unit.feature == "admin1" else None),
        country=unit.country,
        lat=lat,
        lon=lon,
        geonameid=unit.geonameid,
        precision=2,
        feature=unit.feature,
        basis=basis,  # type: ignore[arg-type]
        start=mention.start,
        end=unit.end,
    )


def _literal(mention: PlaceMention, document: Document) -> bool:
    """Whether a mention names where something happened, not who acted.

    A country (or a union of them, "the EU") named without a locative preposition is mostly an
    actor or a modifier ("the US decision", "Russia warned"), so it places no event; towns and
    regions of a country always may.
    """
    if mention.feature != "country" and not (mention.feature == "region" and not mention.country):
        return True  # a supranational region ("the EU said") is an actor like a country
    before = document.text[max(0, mention.start - 30) : mention.start]
    return bool(_LOCATIVE.search(before)) and not _owner(mention, document)


_OWNED = re.compile(r"['\u2019]s\s+([a-z][a-z-]*)")


@lru_cache(maxsize=1)
def _land_nouns() -> frozenset[str]:
    return frozenset(str(n) for n in load_yaml("places.yaml").get("land_nouns") or [])


def _owner(mention: PlaceMention, document: Document) -> bool:
    """A country named as the owner of a thing that is no land ("into The Gambia's claim",
    "in Russia's war"): who acts, not where (``land_nouns`` of resources/places.yaml keep "in
    Ukraine's east" a place)."""
    owned = _OWNED.match(document.text, mention.end)
    if owned is None:
        return False
    noun = owned.group(1)
    return noun not in _land_nouns() and not noun.endswith(("ern", "ernmost"))


_NAME_AFTER = re.compile(r"^\s?(?:[A-Z][a-z]+|[A-Z]{2,5})(?:'s)?\b")


def _modifier(mention: PlaceMention, places: list[PlaceMention], document: Document) -> bool:
    """A place inside a longer proper name ("the Luhansk People's Militia", "Kabul Bank")."""
    after = document.text[mention.end : mention.end + 30]
    if not _NAME_AFTER.match(after):
        return False
    return not any(p.start > mention.end and p.start - mention.end <= 2 for p in places)


def _origin(mention: PlaceMention, document: Document) -> bool:
    """A person's origin, not where anything happened: "a 23-year-old man from Chicago", "a
    resident of Gary" (``origin_nouns`` of resources/places.yaml), "a Punjab-based gang"."""
    before = document.text[max(0, mention.start - 40) : mention.start]
    return bool(_origin_pattern().search(before) or _BASED.match(document.text, mention.end))


# "Punjab-based gangsters", "a London-based group": where someone is from, not where it happened
_BASED = re.compile(r"-(?:based|born|headquartered)\b")


# a headline's credit: a place alone after a colon or a spaced dash, closing the line ("Seven
# troops killed in fresh clashes: Kiev", "... in past 24 hours - Kyiv"): who said it, by the
# seat of its government, not where it happened
_CREDIT_BEFORE = re.compile(r"(?::|\s[-–—])\s+$")
_CREDIT_AFTER = re.compile(r"[.!?]?[ \t]*(?:\n|$)")


def _credit(mention: PlaceMention, document: Document) -> bool:
    """Whether ``mention`` is a headline's credit (``_CREDIT_BEFORE``), not a place of it."""
    text = document.text
    return bool(_CREDIT_BEFORE.search(text[max(0, mention.start - 3) : mention.start])
                and _CREDIT_AFTER.match(text, mention.end))


@lru_cache(maxsize=1)
def _power_pattern() -> re.Pattern[str]:
    """What follows a city that stands for its power: one of its ``power_nouns`` ("'s
    military"), or on the same line a verb it speaks by (``speaker_verbs``)."""
    def alternatives(words: list[object]) -> str:
        return "|".join(re.escape(str(w)) for w in words)

    nouns = alternatives(load_yaml("places.yaml").get("power_nouns") or [])
    verbs = alternatives(load_yaml("headline_grammar.yaml").get("speaker_verbs") or [])
    return re.compile(rf"(?:(?:['’]s)?\s+(?:{nouns})|[ \t]+(?:{verbs}))\b")


def _power(mention: PlaceMention, document: Document) -> bool:
    """A city named for the government or forces that sit there ("Kiev military said",
    "Kiev troops shell ..."; ``power_nouns`` of resources/places.yaml), or speaking for them
    ("Kiev reports two soldiers killed", "Moscow says ..."; ``speaker_verbs`` of
    headline_grammar.yaml): an actor, and where it reports from is not where it happened."""
    return mention.feature == "city" and bool(_power_pattern().match(document.text,
                                                                      mention.end))


@lru_cache(maxsize=1)
def _origin_pattern() -> re.Pattern[str]:
    nouns = load_yaml("places.yaml").get("origin_nouns") or []
    alternatives = "|".join(sorted((re.escape(str(n)) for n in nouns), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives}),?\s+(?:from|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _options(
    mentions: list[PlaceMention], places: list[PlaceMention], document: Document
) -> list[tuple[PlaceMention, PlaceMention | None]]:
    """(mention, unit) pairs that can place an event: resolved literal mentions (unit None),
    and unresolved ones followed by a unit they lie in; never a person's origin."""
    out: list[tuple[PlaceMention, PlaceMention | None]] = []
    for m in mentions:
        if m.feature == "demonym" or _origin(m, document) or _credit(m, document) or (
            _power(m, document)
        ):
            continue
        if m.lat is not None:
            if _literal(m, document):
                out.append((m, None))
            continue
        unit = _unit_after(m, places, document.text)
        if unit is not None:
            out.append((m, unit))
    return out


def _in_chain(mention: PlaceMention, places: list[PlaceMention], text: str) -> bool:
    """Whether ``mention`` qualifies a place just before it ("in Punjab (Lahore)", "X,
    Y"): it is named where the place before it is, and may be the more specific of the two."""
    before = [p for p in places if p.end <= mention.start and p.lat is not None]
    if not before:
        return False
    last = max(before, key=lambda p: p.end)
    gap = text[last.end : mention.start]
    if not gap.strip() or not qualifier_gap(gap):
        return False
    return bool(_PREP.search(text[max(0, last.start - 30) : last.start]))


def _anchor(
    option: tuple[PlaceMention, PlaceMention | None], places: list[PlaceMention],
    document: Document,
) -> tuple[float, float] | None:
    """The point of an option the text pins down with the unit after it ("Leon, Guanajuato",
    "El Refugio (Ahuachapan)"), or ``None``."""
    m, unit = option
    if unit is not None:
        return (unit.lat, unit.lon) if unit.lat is not None and unit.lon is not None else None
    if m.lat is None or m.lon is None or m.feature not in ("city", "admin2"):
        return None
    after = _unit_after(m, places, document.text)
    if after is None or after.country != m.country or after.feature == "country" or (
        after.lat is None or after.lon is None
    ):
        return None
    return m.lat, m.lon


def _sure_country(
    option: tuple[PlaceMention, PlaceMention | None], places: list[PlaceMention],
    document: Document,
) -> str | None:
    """The country of an option whose reading the text leaves no doubt about: a place the
    text puts in a unit or country ("Villa Canales, Guatemala", "X (Y, Z)") or a city of
    ``BIG_TOWN`` people or more that nothing after it puts elsewhere; else ``None``."""
    m, unit = option
    if unit is not None and unit.feature == "city" and (unit.population or 0) < BIG_TOWN and (
        not any(p.feature == "country" and p.country == unit.country for p in places)
    ):
        # counted under a small town of a country the text does not name ("Gidan Adamu,
        # Zambana"): as sure as the town
        m = unit
    elif unit is not None:
        return unit.country
    if m.feature not in ("city", "admin2"):
        return None
    after = _unit_after(m, places, document.text)
    if after is not None:  # "Valencia, Sangre Grande": not Venezuela's Valencia
        return m.country if after.country == m.country else None
    return m.country if m.feature == "city" and (m.population or 0) >= BIG_TOWN else None


def _pick(
    options: list[tuple[PlaceMention, PlaceMention | None]],
    places: list[PlaceMention],
    document: Document,
    trigger_at: int | None,
) -> tuple[PlaceMention, PlaceMention | None]:
    anchors = [point for point in (_anchor(o, places, document) for o in options) if point]
    sure = {c for c in (_sure_country(o, places, document) for o in options) if c}

    def key(option: tuple[PlaceMention, PlaceMention | None]) -> tuple[int, ...]:
        m, unit = option
        # a town far from every place the text pins down with its unit ("in Leon, Guanajuato,
        # ... in Colonia San Francisco") is mostly a homonym of a part of that place, or a
        # place the story only passes through: the pinned-down places come first; so does a
        # place sure of its country before a small town abroad ("in Tegucigalpa, residents of
        # El Diamante village": a neighbourhood, not the Mexican town)
        far = bool(anchors) and _anchor(option, places, document) is None and (
            m.lat is not None and m.lon is not None
            and m.feature in ("city", "admin2")
            and all(haversine_km(m.lat, m.lon, la, lo) > STRAY_KM for la, lo in anchors)
        )
        town_unit = unit is not None and unit.feature == "city" and (
            (unit.population or 0) < BIG_TOWN)
        placed = unit if town_unit and unit is not None else m
        abroad = bool(sure) and (unit is None or town_unit) and placed.country not in sure and (
            (placed.feature == "city" and (placed.population or 0) < BIG_TOWN)
            or placed.feature == "admin2"
        )
        stray = int(far or abroad)
        before = document.text[max(0, m.start - 30) : m.start]
        if _modifier(m, places, document):
            where = 2
        elif _REFERENCE.search(before) and any(
            o is not m and o.end <= m.start and m.start - o.end < 40 for o, _ in options
        ):
            where = 1  # "Majzar district west of Marib city": Marib is only the landmark
        elif (_PREP.search(before) or _near(document, m) or unit is not None
              or _unit_after(m, places, document.text) is not None
              or _in_chain(m, places, document.text)):
            where = 0
        else:
            where = 1
        distance = abs(m.start - trigger_at) if trigger_at is not None else m.start
        named = "city" if unit is not None else (m.feature or "city")
        # "on Murree road in Rawalpindi": a road named after a town leads there from here
        road = int(bool(_ROAD_AFTER.match(document.text, m.end)))
        return stray, int(not _same_clause(m)), where, SPECIFICITY.get(named, 5), road, distance

    def _same_clause(m: PlaceMention) -> bool:
        if trigger_at is None:
            return True
        low, high = sorted((m.start, trigger_at))
        return not _CLAUSE_BREAK.search(document.text, low, high)

    return min(options, key=key)


def _located(
    option: tuple[PlaceMention, PlaceMention | None], document: Document, basis: str,
    gazetteer: Gazetteer | None = None,
) -> Location:
    mention, unit = option
    if unit is not None:
        return _at_unit(mention, unit, document, basis, gazetteer)
    location = _location(mention, document, basis)
    if mention.feature in ("admin1", "admin2"):
        lat, lon = _people_point(mention, gazetteer)
        location = location.model_copy(update={"lat": lat, "lon": lon})
    return location


def _unresolved(mention: PlaceMention) -> PlaceMention:
    return mention.model_copy(update=dict.fromkeys(
        ("name", "geonameid", "lat", "lon", "admin1", "country", "feature", "population")))


def locate_event_places(
    start: int,
    end: int,
    trigger: str | None,
    places: list[PlaceMention],
    document: Document,
    gazetteer: Gazetteer | None = None,
    *,
    cache: dict[object, object] | None = None,
) -> Location | None:
    """The location of the evidence span ``document.text[start:end]``, or ``None``.

    ``cache`` carries what depends on the document alone (paragraph options, the article's
    focus) from one event to the next, so that locating every event of a long article stays
    linear in its places.
    """
    cache = {} if cache is None else cache
    trigger_at = None
    if trigger:
        found = document.text.find(trigger, start, end)
        trigger_at = found if found >= 0 else None
    places = _usable(places, document, cache)
    starts: list[int] = cache["starts"]  # type: ignore[assignment]
    # the places within the span (they are in order of their start)
    inside = _options(places[bisect_left(starts, start) : bisect_left(starts, end)], places,
                      document)
    # a place that only begins the name of a building ("taken to Jackson Memorial Hospital",
    # "the University of Cincinnati Medical Center") places the event last: the hospital is
    # where the victim went, and the town so named often lies elsewhere
    buildings = [o for o in inside if _in_building(o[0], document)]
    inside = [o for o in inside if o not in buildings]
    if inside:
        return _located(_pick(inside, places, document, trigger_at), document, "sentence",
                        gazetteer)
    found = _beyond_sentence(start, places, document, gazetteer, cache)
    if found is None and buildings:
        return _located(_pick(buildings, places, document, trigger_at), document, "sentence",
                        gazetteer)
    return found


def _usable(
    places: list[PlaceMention], document: Document, cache: dict[object, object]
) -> list[PlaceMention]:
    """The mentions that may place an event, in text order (cached per document)."""
    if "places" not in cache:
        # "Syrian", "Ukrainian": a people's adjective names a country, never an event's place;
        # the dateline's places place an event only by the dateline rule (``_dateline``)
        # a place the gazetteer lacks, written at the unit or town it lies in, is read as
        # unresolved (the unit after it places an event, by ``_unit_after``)
        stretch = dateline_stretch(document)
        cache["places"] = sorted((_unresolved(p) if p.feature in STAND_IN_FEATURES else p
                                  for p in places if p.feature != "demonym" and not (
            stretch is not None and stretch[0] <= p.start < stretch[1])), key=lambda p: p.start)
        cache["starts"] = [p.start for p in cache["places"]]  # type: ignore[attr-defined]
    return cache["places"]  # type: ignore[return-value]


def place_from_before(
    events: list[Event], places: list[PlaceMention], document: Document,
    gazetteer: Gazetteer | None = None,
) -> list[Event]:
    """Events that nothing placed (not their sentences, paragraphs, the dateline nor the
    article's focus), placed where the paragraph before theirs is: news tells where first and
    then what happened there ("A siege ... in and around El Fasher ..." / "Investigators
    concluded that acts of genocide were committed: killing ..."). Once happenings are
    linked: a place borrowed so links no mention to another."""
    cache: dict[object, object] = {}
    out = []
    for event in events:
        if event.location is None:
            usable = _usable(places, document, cache)
            start = event.evidence.start
            index = next((i for i, (a, b) in enumerate(document.paragraphs) if a <= start < b),
                         None)
            before = _paragraph_options(index - 1, usable, document, cache) if index else []
            if before:
                best = _pick(before, usable, document, None)
                event = event.model_copy(
                    update={"location": _located(best, document, "paragraph", gazetteer)})
        out.append(event)
    return out


def _beyond_sentence(
    start: int, places: list[PlaceMention], document: Document, gazetteer: Gazetteer | None,
    cache: dict[object, object],
) -> Location | None:
    """The place of an event its own sentence does not place: its paragraph's; for the
    opening of a story or of an item (``_opening``), the next paragraph's; the dateline's;
    else the article's focus."""
    for index, (p_start, p_end) in enumerate(document.paragraphs):
        if p_start <= start < p_end:
            in_paragraph = _paragraph_options(index, places, document, cache)
            if in_paragraph:
                # the event's own sentence names no place: the paragraph's first place (its
                # lead), not the one nearest the trigger in some other sentence
                best = _pick(in_paragraph, places, document, None)  # type: ignore[arg-type]
                return _located(best, document, "paragraph", gazetteer)
            if index + 1 < len(document.paragraphs) and _opening(index, places, document,
                                                                   cache):
                # a story's lead or an item's subtitle that names no place: news tells
                # where in the paragraph that follows ("The man ... was taken into custody on
                # Monday." / "The frenzied end came on a street in Linden, N.J.")
                after = _paragraph_options(index + 1, places, document, cache)
                if after:
                    best = _pick(after, places, document, None)
                    return _located(best, document, "paragraph", gazetteer)
            break
    if document.dateline and gazetteer is not None:
        location = _dateline(document, gazetteer)
        if location is not None:
            return location
    if "focus" not in cache:
        resolved = [p for p in places if p.lat is not None and p.feature != "demonym"
                    and _literal(p, document)]
        cache["focus"] = _focus(resolved, document)
    return cache["focus"]  # type: ignore[return-value]


def _paragraph_options(
    index: int, places: list[PlaceMention], document: Document, cache: dict[object, object]
) -> list[tuple[PlaceMention, PlaceMention | None]]:
    """The options of the ``index``-th paragraph, buildings aside (cached per document)."""
    p_start, p_end = document.paragraphs[index]
    key = ("paragraph", p_start)
    if key not in cache:
        cache[key] = [o for o in _options(
            [p for p in places if p_start <= p.start < p_end], places, document
        ) if not _in_building(o[0], document)]
    return cache[key]  # type: ignore[return-value]


@lru_cache(maxsize=1)
def _subtitle_words() -> int:
    """How many words a line with no closing stop may have and head an item: the assembly's
    measure (links.yaml), so that an item is opened where its events are told apart."""
    return int(load_yaml("links.yaml")["subtitle_words"])


_CLOSING_STOP = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")")


def _opening(
    index: int, places: list[PlaceMention], document: Document, cache: dict[object, object]
) -> bool:
    """Whether the ``index``-th paragraph opens a story or an item: a subtitle (a line of at
    most ``subtitle_words`` of links.yaml with no closing stop) or a paragraph before which the text
    names no place that could place an event (the lead and the summary over it)."""
    p_start, p_end = document.paragraphs[index]
    line = document.text[p_start:p_end].strip()
    if "\n" not in line and len(line.split()) <= _subtitle_words() and not line.endswith(
        _CLOSING_STOP
    ):
        return True
    # the first paragraph with options, found once per document however many events ask:
    # [the next paragraph to look at, the first with options or None]
    scan = cache.setdefault("opening", [0, None])
    assert isinstance(scan, list)
    while scan[1] is None and scan[0] < index:
        if _paragraph_options(scan[0], places, document, cache):
            scan[1] = scan[0]
        scan[0] += 1
    return scan[1] is None or scan[1] >= index


@lru_cache(maxsize=1)
def _building_after() -> re.Pattern[str]:
    heads = load_yaml("places.yaml").get("local_heads") or []
    words = "|".join(sorted((re.escape(str(w)) for w in heads), key=len, reverse=True))
    return re.compile(rf"(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.&-]*){{0,4}}?\s+(?:{words})\b")


def _in_building(mention: PlaceMention, document: Document) -> bool:
    """Whether a place begins a longer name of a building or ground ("Jackson Memorial
    Hospital", "the University of Cincinnati Medical Center"; ``local_heads`` of
    resources/places.yaml)."""
    if mention.feature not in ("city", "admin2"):
        return False
    after = document.text[mention.end : mention.end + 60]
    return bool(after[:1] == " " and _building_after().match(after))


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
    hidden: list[list[tuple[int, int]]] | None = None,
    last: list[list[tuple[int, int]]] | None = None,
) -> list[Event]:
    """New events, each with the ``Location`` its evidence supports (or ``None``).

    ``hidden``: for each event, spans of text whose places cannot be its place (a clause of
    its sentence that tells something else: "as the arrest calmed fears, investigators asked
    why a market in Mosul was chosen"); such an event is placed as if those places were not
    named. ``last``: spans whose places place the event only where its sentence names no
    other ("a soldier who had served in Mosul was shot dead in Basra")."""
    out = []
    cache: dict[object, object] = {}
    for i, event in enumerate(events):
        spans = hidden[i] if hidden is not None else []
        later = last[i] if last is not None else []
        location = _locate_without(event, places, [*spans, *later], document, gazetteer, cache)
        if later and (location is None or location.basis != "sentence"):
            # ``last``: the sentence names no other place; one of those spans may place it
            again = _locate_without(event, places, spans, document, gazetteer, cache)
            if again is not None and again.basis == "sentence":
                location = again
        out.append(event.model_copy(update={"location": location}))
    return out


def _locate_without(
    event: Event, places: list[PlaceMention], spans: list[tuple[int, int]],
    document: Document, gazetteer: Gazetteer | None, cache: dict[object, object],
) -> Location | None:
    """The event's location with the places inside ``spans`` unnamed."""
    seen = [p for p in places if not any(a <= p.start < b for a, b in spans)] if (
        spans) else places
    return locate_event_places(
        event.evidence.start, event.evidence.end, event.trigger, seen, document, gazetteer,
        cache=cache if len(seen) == len(places) else {},
    )
