"""The words around a name that say what it is: cue-word lists, size thresholds, the text
helpers that read a name's neighbours, and ``Candidate``, a stretch of text that may name a place.

Shared by ``candidates`` (finding the stretches), ``qualifiers`` ("X, Y" chains) and ``resolve``
(choosing among a name's gazetteer entries).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .context import BIG_CITY
from .gazetteer import Gazetteer, Place, normalize

STRONG_LABELS = frozenset({"GPE", "LOC", "FAC"})
WEAK_LABELS = frozenset({"ORG", "PRODUCT", "PERSON", "NORP", "WORK_OF_ART", "EVENT", "LAW"})
ADMIN_CUES = frozenset({
    "region", "oblast", "province", "governorate", "state", "district", "county", "prefecture",
    "regions", "oblasts", "provinces", "districts", "raion", "rayon", "municipality", "lga",
    "subdivision", "township", "tehsil", "counties",
})  # fmt: skip
UNIT_FEATURES = ("admin2", "admin1", "country")
_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}  # most specific first
ADMIN2_REACH_KM = 60.0  # a place this near an admin2's centre, in its admin1, is taken as inside
NAMED_REACH_KM = 150.0  # ... and a town of the admin2's own name this near
# between a place and the unit that qualifies it: "X, Y", "X (Y", "X village, Y", "X district (Y"
_QUALIFIER_GAP = re.compile(r"^\s*(?:(?:[a-z][a-z\-]*|[A-Z]{2,4})\s*){0,2}[,(]\s*$")
# "X in Y", "X area in Y", "X in rural Y": a unit after "in" qualifies the place before it
_QUALIFIER_IN = re.compile(
    r"^\s+(?:(?:area|areas|village|town|city|district|subdistrict|sub-district|neighborhood|"
    r"neighbourhood|camp|front|countryside|outskirts|suburb|suburbs|region|province|"
    r"governorate|county|municipality|commune|sector|axis|plain|plains|desert|farms|valley|"
    r"mountains|base|checkpoint|crossing|border|road)\s+)?in\s+(?:the\s+)?"
    r"(?:(?:rural|central|[a-z]+ern|north|south|east|west)\s+)?$"
)


_ORDINAL = re.compile(
    r"\d+(?:st|nd|rd|th)|(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|"
    r"Eleventh|Twelfth|[A-Z][a-z]+(?:teenth|tieth))"
)


def qualifier_gap(gap: str) -> int:
    """How the text between two names joins them: 1 as "X, Y" / "X (Y", 2 as "X in Y", 0 not."""
    if _QUALIFIER_GAP.match(gap):
        return 1
    return 2 if _QUALIFIER_IN.match(gap) else 0
SETTLEMENT_NOUNS = frozenset({
    "city", "town", "village", "capital", "port", "settlement", "hamlet", "suburb", "outskirts",
    "area", "centre", "center", "municipality", "cities", "towns", "villages", "region",
    "province", "state", "part", "parts", "north", "south", "east", "west",
    "countryside", "vicinity", "suburbs", "environs", "district", "governorate", "county",
    "estate", "retreat",  # "the prime minister's country estate of Chequers"
})  # fmt: skip
PLACE_PREPOSITIONS = frozenset({
    "in", "near", "at", "from", "to", "into", "outside", "across", "around", "toward",
    "towards", "inside", "throughout", "via", "through", "between", "over",
    "outskirts", "nearby", "within",
})  # fmt: skip
# verbs of war whose object is a place ("shelled Kherson", "recaptured Kupiansk"): a name the
# small model tags as a person right after one of them is read as a place, as after "in"
PLACE_OBJECT_VERBS = frozenset({
    "shelled", "shell", "shells", "shelling", "bombed", "bomb", "bombs", "bombing", "pounded",
    "pound", "pounds", "pounding", "struck", "strikes", "striking", "captured", "capture",
    "captures", "recaptured", "recapture", "recaptures", "retook", "retake", "retakes",
    "liberated", "liberate", "liberates", "seized", "seize", "seizes", "entered", "enter",
    "enters", "besieged", "encircled", "stormed", "storm", "storms", "evacuated", "evacuate",
    "attacked", "attack", "attacks", "hit", "hits", "targeted", "target", "targets",
})  # fmt: skip
# a strike from afar's participle right after a name: only places are shelled or bombed
# ("Kupiansk shelled, man wounded", "Shebekino shelled again"), so the name is read as one
STRUCK_AFTER = frozenset({"shelled", "bombed", "bombarded", "pounded"})
# attacks whose object is a place ("a drone attack on Sumy", "the shelling of Kherson",
# "an airstrike on Khan Younis"): the name after "on"/"of" is read as a place, as after "in"
ATTACK_NOUNS = frozenset({
    "attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "shelling", "bombing",
    "bombardment", "raid", "raids", "assault", "offensive", "siege",
})  # fmt: skip
# weapons dropped or fired on a place ("dropped a guided bomb on Kupiansk", "rained missiles on
# Kyiv"): the name after "on" is read as a place, as after an attack
WEAPONS_ON = frozenset({
    "bomb", "bombs", "missile", "missiles", "rocket", "rockets", "drone", "drones", "shell",
    "shells", "munitions", "projectiles",
})  # fmt: skip
DIRECTION_WORDS = frozenset({
    "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
    "southeastern", "southwestern", "north", "south", "east", "west", "northeast", "northwest",
    "southeast", "southwest", "upper", "lower", "greater", "downtown", "occupied", "russian-held",
    "rebel-held", "government-held",
})  # fmt: skip
FEATURE_BASE = {"country": 9.5, "continent": 9.0, "region": 9.0, "sea": 9.0}
# nouns after a name that say it is a settlement: "Haifa city", "Afdaki town"
SETTLEMENT_TAILS = frozenset({
    "city", "town", "village", "villages", "neighborhood", "neighbourhood", "suburb",
})  # fmt: skip
# nouns after "the X" that make X a place: "the Rukban camp", "the Rumbek area"
PLACE_NOUNS = SETTLEMENT_TAILS | ADMIN_CUES | frozenset({
    "camp", "area", "areas", "community", "countryside", "front", "frontline", "axis",
    "sector", "outskirts", "suburbs", "town", "towns", "cities",
})  # fmt: skip
# a lower-case Arabic article before a capitalised name: "al Bab", "al-Hasakeh"
# or a lower-case prefix of a Bantu name: "eThekwini", "iLembe", "KwaZulu" is upper already
_LOWER_ARTICLE = re.compile(r"^(?:(?:al|el|ad|ar|as|ash|at|az|an)[ \-]|[a-z]{1,2})(?=[A-Z])")
# a particle after a name that continues it: "Madinat al Salah", "Sol de America",
# "Kut e Abdollah", "Qasr Bin Ghashir", "Shar-i-Shali"
_CONTINUED = re.compile(
    r"^(?:\s+(?:de|da|do|dos|das|del|della|di|du|al|el|e|i|bin|ibn|ul|la|le|des)[\s\-]+"
    r"|\s+(?:Bin|Ibn|Abu|Umm)\s+|-(?:i|e|ul|al|el|ud|ur)-)[A-Z]"
)
_MONTHS = frozenset(calendar.month_name[1:])
_WEEKDAYS = frozenset(calendar.day_name)
WORLD_CITY = 1_000_000  # a city this size is read as a place wherever it is named
TOWN = 20_000  # a town this size, the only place of its name, is read as a place when tagged ORG


@dataclass
class Candidate:
    """A stretch of text that may name a place, before resolution."""

    start: int  # in document.text
    end: int
    text: str  # the surface form, as in the text
    name: str  # the name to look up (without "the", "'s", "region", ...)
    strong: bool  # a GPE/LOC/FAC entity
    admin_cue: bool = False  # "X region", "X oblast"
    settlement_cue: bool = False  # "city of X", "in X"
    qualifier: Place | None = None  # the most specific unit of "X, Y" or "X (Y, Z)"
    unit: bool = False  # read as the unit that qualifies the place before it
    after_in: bool = False  # joined to the name before it by "in" ("Kinda in Idleb")
    institution: bool = False  # names an institution after it ("Slidell Police")
    after_the: bool = False  # written with "the" before it ("the Metro", "the Seray")
    money: bool = False  # names a currency ("the US dollar"): no evidence of where a story is
    # its readings are only names spelled nearly like it ("Leyen": Leiden) or named by a part
    # of it ("West Midlands": Midlands)
    loose: bool = False
    partial: bool = False  # ... named by a part of it: only in a country the article names
    building: bool = False  # a street or building the gazetteer lacks, tagged as no place
    places: tuple[tuple[Place, bool], ...] = ()


# ---------------------------------------------------------------------------------------------
# candidate mentions

_POSSESSIVE = re.compile(r"[’']s?$")
_POSSESSIVE_END = re.compile(r"[’']s$")


def _clean_name(text: str) -> str:
    name = _POSSESSIVE.sub("", text.strip()).strip(" ,;:\"“”()")
    if name.endswith(".") and "." not in name[:-1]:
        name = name[:-1]  # a sentence's full stop, not an abbreviation's ("U.S.")
    if name.lower().startswith("the "):
        name = name[4:]
    return name


def _prev_words(doc_text: str, start: int, n: int = 3) -> list[str]:
    return [w.lower().strip(",.") for w in doc_text[max(0, start - 40) : start].split()[-n:]]


def _next_word(doc_text: str, end: int) -> str:
    words = doc_text[end : end + 24].split()
    return words[0].lower().strip(",.;:") if words else ""


# "Sumy State University", "the Kursk Regional Hospital": a unit word inside the name of a
# school or hospital says the place before it is the town it serves, not a unit
# ("the Donetsk Regional Administration" governs the oblast and stays one)
_STATE_INSTITUTION = re.compile(
    r"\s+(?:State|Regional|District|Provincial|County|Oblast)\s+(?:[A-Z]\w+\s+){0,2}"
    r"(?:University|College|School|Institute|Academy|Hospital|Museum|Theatre|Library)\b")


def _cues(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(admin cue after, settlement/place cue before) around text[start:end]."""
    following = _next_word(text, end)
    admin = following in ADMIN_CUES and not _STATE_INSTITUTION.match(text, end)
    before = _prev_words(text, start)
    while before and (before[-1] in ("the", "a") or before[-1] in DIRECTION_WORDS):
        before.pop()
    settlement = following in SETTLEMENT_TAILS or following in STRUCK_AFTER or (bool(before) and (
        before[-1] in PLACE_PREPOSITIONS or before[-1] in PLACE_OBJECT_VERBS
        or (before[-1] == "of" and len(before) > 1 and before[-2] in SETTLEMENT_NOUNS)
        or (before[-1] in ("on", "of") and len(before) > 1 and before[-2] in ATTACK_NOUNS)
        or (before[-1] == "on" and len(before) > 1 and before[-2] in WEAPONS_ON)
    ))
    # "the Russian-held part of Kursk", "parts of Donetsk": an area, read as the region
    area = len(before) > 1 and before[-1] == "of" and before[-2] in ("part", "parts")
    name = text[start:end]
    if not settlement and name.isupper() and len(name) > 2 and _DATELINE_TAIL.match(
        text, end
    ):
        settlement = True  # a dateline: "WINNIPEG —", "WASHINGTON (AP) —", "HELENA, Mont. (AP)"
    led = text[:start].rstrip(" \t")
    if not settlement and text.startswith(":", end) and (not led or led.endswith("\n")):
        settlement = True  # a flash led by its place: "Kharkiv: one killed in Russian strike"
    return admin or area, settlement


# what follows the place of a news dateline: its state or country, the agency, a dash
_DATELINE_TAIL = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([A-Za-z]{2,12}\)\s*[—–-]*|[—–]|--?\s)")


# lower-case particles inside place names: "Martinez de la Torre", "Kut e Abdollah",
# "Khabb wa ash Shaaf", "Mato Grosso do Sul", "Shar-i-Shali"
_PARTICLES = (
    r"(?:de|da|do|dos|das|del|della|di|du|al|el|e|i|wa|bin|ibn|ul|la|le|les|los|las|des|y|"
    r"ash|as|ad|ar|az|an|at|en|van|von|der|den|sur|and)"
)
_CAPITALISED = r"[A-Z][^\W\d_]*(?:['’][^\W\d_]+)?"
# one more word of a name, after it: "-Kaindy", " Khurmato", " do Sul", " de la Torre"
_JOIN_RIGHT = re.compile(rf"(?:-|[ \t]+)(?:{_PARTICLES}[ \t\-]+){{0,2}}{_CAPITALISED}")
# one more word of a name, before it: "Acha-", "Catole do ", "San Andres de "
_JOIN_LEFT = re.compile(
    rf"(?<![\w'’\-]){_CAPITALISED}(?:-|[ \t]+)(?:{_PARTICLES}[ \t\-]+){{0,2}}$"
)


def _wider_name(
    text: str, start: int, end: int, gazetteer: Gazetteer
) -> tuple[int, int] | None:
    """The longest name the gazetteer knows that holds ``text[start:end]`` and continues it
    by hyphens, capitalised words or particles ("Martinez" in "Martinez de la Torre", "Rocha"
    in "Catole do Rocha", "Mato Grosso" in "Mato Grosso do Sul", "Bashy" in "At-Bashy");
    the small model often tags only one word of such a name."""
    # most names are followed by a lower-case word and preceded by one: no regex for them
    if not (_may_join(text[end : end + 12], after=True)
            or _may_join(text[max(0, start - 12) : start], after=False)):
        return None
    rights = [end]
    for _ in range(3):
        match = _JOIN_RIGHT.match(text, rights[-1])
        if match is None:
            break
        rights.append(match.end())
    lefts = [start]
    for _ in range(3):
        match = _JOIN_LEFT.search(text, max(0, lefts[-1] - 40), lefts[-1])
        if match is None:
            break
        lefts.append(match.start())
    if len(rights) == 1 and len(lefts) == 1:
        return None
    spans = sorted(((a, b) for a in lefts for b in rights if (a, b) != (start, end)),
                   key=lambda ab: ab[0] - ab[1])
    for a, b in spans:
        if gazetteer.knows(text[a:b]):
            return a, b
    return None


_PARTICLE_WORDS = frozenset(_PARTICLES.strip("(?:)").split("|"))


def _may_join(near: str, *, after: bool) -> bool:
    """Whether the few characters after (or before) a name may continue it: a hyphen, or a
    word that is capitalised or a particle."""
    if not near:
        return False
    if near[0 if after else -1] == "-":
        return True
    words = near.split()
    if not words or near[0 if after else -1] not in " \t":
        return False
    word = (words[0] if after else words[-1]).strip("([\"'“‘")
    return word[:1].isupper() or word.lower() in _PARTICLE_WORDS


def _hyphenated(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one part of a hyphenated name ("Kaindy" in
    "Acha-Kaindy", "Cali" in "Xaaji-Cali"): another capitalised word is joined to it."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return (len(before) == 2 and before[1] == "-" and before[0].isalpha()
            and bool(_JOIN_LEFT.search(text, max(0, start - 40), start))) or (
        len(after) == 2 and after[0] == "-" and after[1].isupper())


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|the|la|le|les|los|las)[ \-]")


def _alike(one: str, other: str) -> bool:
    """Whether two names of a place start alike ("Kiev" and "Kyiv"), unlike a translation or
    a nickname ("White House" for Casablanca, "Google" for Topeka); an article before either
    does not count ("Qamishli", "Al Qamishli")."""
    return _ARTICLE.sub("", normalize(one))[:1] == _ARTICLE.sub("", normalize(other))[:1]


def _well_known(cand: Candidate) -> bool:
    """A name known well enough to stand out inside a longer one ("Boston" in "Boston Globe",
    "US" in "US State Department", "EU" in "EU Aviation Strategy": the other names of a
    country or region count as its own)."""
    return any((primary or p.feature in FEATURE_BASE) and (
        p.population >= BIG_CITY or p.feature in FEATURE_BASE or p.feature == "admin1"
    ) for p, primary in cand.places)


def _split_commas(text: str) -> list[tuple[int, str]]:
    """The pieces of an entity between commas and parentheses ("Chatsworth (eThekwini")."""
    if "," not in text and "(" not in text and ")" not in text:
        return [(0, text)] if text.strip() else []  # most entities: no regex
    return [(m.start(), m.group()) for m in re.finditer(r"[^,()]+", text) if m.group().strip()]
