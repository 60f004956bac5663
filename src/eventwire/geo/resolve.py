"""Place mentions: find them in parsed text and settle each on one gazetteer entry.

1. ``context.article_context``: the countries the whole article talks about, counted cheaply over
   ``document.text`` with one Aho-Corasick automaton of country names and demonyms (not every
   paragraph is parsed), plus the dateline.
2. ``candidates``: spaCy GPE/LOC/FAC entities; ORG/PRODUCT/PERSON/NORP entities and bare
   capitalised tokens the gazetteer knows, when the context supports a place reading ("in X",
   "X region", "city of X", "X, Ukraine", or a sizeable place in a country the article names).
   The small English model tags some cities as ORG or PRODUCT ("Sumy", "Kursk").
3. ``resolve``: each name's gazetteer entries scored by kind and population, by the article's
   countries, by a qualifier next to it ("Sentianivka, Luhansk"), by cue words ("Kursk
   region" -> the oblast), and by nearness to the other places of the article. One name keeps
   one sense through the article.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..model import Document, PlaceMention
from ..nlp import Segment
from ..resources import load_yaml
from .context import BIG_CITY, Context
from .gazetteer import Gazetteer, Place, haversine_km, normalize
from .people import People, article_people, is_person_name

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
})  # fmt: skip
PLACE_PREPOSITIONS = frozenset({
    "in", "near", "at", "from", "to", "into", "outside", "across", "around", "toward",
    "towards", "inside", "throughout", "via", "through", "between", "over",
    "outskirts", "nearby", "within",
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
    settlement = following in SETTLEMENT_TAILS or (bool(before) and (
        before[-1] in PLACE_PREPOSITIONS
        or (before[-1] == "of" and len(before) > 1 and before[-2] in SETTLEMENT_NOUNS)
    ))
    # "the Russian-held part of Kursk", "parts of Donetsk": an area, read as the region
    area = len(before) > 1 and before[-1] == "of" and before[-2] in ("part", "parts")
    name = text[start:end]
    if not settlement and name.isupper() and len(name) > 2 and _DATELINE_TAIL.match(
        text, end
    ):
        settlement = True  # a dateline: "WINNIPEG —", "WASHINGTON (AP) —", "HELENA, Mont. (AP)"
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


_ARMED_GROUPS = frozenset({"REB", "MLT", "MIL", "CRM"})


@lru_cache(maxsize=1)
def organisation_names() -> frozenset[str]:
    """The names of the armed groups ``resources/actors.yaml`` knows (normalised): a group
    named like a town ("Hamas", "Wagner") is the group in news. Unions and agencies ("the
    EU", "the AU") are also the places they cover, and stay readable as such."""
    entries = load_yaml("actors.yaml").get("organisations") or []
    return frozenset(normalize(str(n)) for e in entries if e.get("sector") in _ARMED_GROUPS
                     for n in e.get("names") or () if len(str(n)) > 3)  # "IS" is a word


def _make(
    seg: Segment, seg_text: str, start: int, end: int, text: str, strong: bool,
    gazetteer: Gazetteer, *, widen: bool = True, window: bool = False,
) -> Candidate | None:
    lead = len(text) - len(text.lstrip())
    wider = _wider_name(seg_text, start + lead, start + len(text.rstrip()), gazetteer) if (
        widen) else None
    if wider is not None:
        start, end = wider
        text = seg_text[start:end]
    name = _clean_name(text)
    if normalize(name) in organisation_names():
        return None  # "Hamas" is not Hamm, "Wagner" no town Wagner: actors.yaml names them
    if not name or (not name[:1].isupper() and not _LOWER_ARTICLE.match(name)):
        words = name.split()
        if words and words[0].lower() in DIRECTION_WORDS:
            name = " ".join(words[1:])
        if not name or not name[:1].isupper():
            return None
    if not strong and (normalize(name) in gazetteer.demonyms
                       or normalize(name) in gazetteer.region_demonyms):
        return None  # "English", "Canadian": a people's adjective, not the US town so named
    places = gazetteer.find(name)
    if text.rstrip().endswith(".") and not name.endswith("."):
        # an abbreviation whose full stop _clean_name took for the sentence's ("Calif.")
        places = gazetteer.find(name + ".") or places
    tail_cue = loose = partial = False
    words = name.split()
    if places and len(words) > 1 and words[-1] in SETTLEMENT_TAILS:
        # "Hays city", "Gaalkacyo town": a lower-case noun describes the place, it is not part
        # of its name, even when some other place is known by the whole ("Hays City",
        # Kansas); the towns and districts called by the bare name are readings too
        bare = [pp for pp in gazetteer.find(" ".join(words[:-1]))
                if pp[0].feature in ("city", "admin2") and pp not in places]
        if bare:
            name, places, tail_cue = " ".join(words[:-1]), places + tuple(bare), True
    if not places:
        if len(words) > 1 and words[-1].lower() in SETTLEMENT_TAILS:
            name = " ".join(words[:-1])  # "Jericho city"
            places = gazetteer.find(name)
            words = words[:-1]
            tail_cue = True
        if len(words) > 1 and words[-1].lower() in ADMIN_CUES:
            places = gazetteer.find(" ".join(words[:-1]))
            name = " ".join(words[:-1])
            admin_cue = True
        elif len(words) > 1 and words[0].lower() in DIRECTION_WORDS:
            # "Northern Syria", "Central Kursk"; but "the Central Bank" is no town "Bank"
            name = " ".join(words[1:])
            places = tuple(pp for pp in gazetteer.find(name) if pp[0].feature != "city"
                           or pp[0].population >= BIG_CITY)
            admin_cue = False
            partial = bool(places)  # "West Midlands" is no part of Zimbabwe's Midlands
        else:
            admin_cue = False
        if not places and (text.strip()[:1].isupper() or _LOWER_ARTICLE.match(name)) and (
            len(words) <= 3
        ):
            places = gazetteer.find_loose(name)  # "Ar-Raqqa" for "Ar Raqqah"
            loose = bool(places)
    else:
        admin_cue = False
    if not places and window:
        return None  # a window of the token scan keeps only names the gazetteer knows
    after = seg_text[start + len(text) : start + len(text) + 40]
    following = after.split(maxsplit=2)
    if following and _ORDINAL.fullmatch(following[0]) and len(following) > 1:
        following = following[1:]  # "Northwest Seventh Avenue", "West 125th Street"
    if following and following[0][:1].isupper() and (
        normalize(following[0].strip(",.;:")) in gazetteer.name_heads
    ):
        places = ()  # "Morris County", "Liverpool Academy": not the place itself
    if places and _CONTINUED.match(after) and not any(
        primary and (p.population >= BIG_CITY or p.feature in FEATURE_BASE
                     or p.feature == "admin1") for p, primary in places
    ):
        places = ()  # "Madinat al Salah" is not Madinah, "Kut e Abdollah" not Al-Kut
    hyphenated = wider is None and _hyphenated(seg_text, start + lead, start + len(text.rstrip()))
    if places and hyphenated and (
        not any(primary and (p.population >= BIG_CITY or p.feature in FEATURE_BASE
                             or p.feature == "admin1") for p, primary in places)
    ):
        places = ()  # "Acha-Kaindy" is not Kaindy, "Xaaji-Cali" no town "Cali" nearby
    if text.strip().isupper() and len(name.replace(".", "")) <= 3:
        # "EU", "US", "UK", "WA": an abbreviation names a country, region or state, never a
        # town or district "Eu" or "Wa"
        places = tuple(pp for pp in places if pp[0].feature not in ("city", "admin2"))
    elif text.strip().isupper() and len(name) <= 5 and not _DATELINE_TAIL.match(
        seg_text, start + len(text)
    ):
        # "TASS", "RUSI", "NATO": an acronym names an agency or a body, not a small town
        # abroad (a dateline's "GAZA —" or a city of some size may still be meant)
        places = tuple(pp for pp in places if pp[0].feature not in ("city", "admin2")
                       or (pp[1] and pp[0].population >= BIG_CITY))
    if name in _MONTHS and re.match(r"\s+\d", seg_text[start + len(text) : start + 8 + len(
        text)]):
        places = ()  # "in March 2022": a month, not March in Cambridgeshire
    offset = seg.start + start
    lead = len(text) - len(text.lstrip())
    surface = _POSSESSIVE_END.sub("", text.strip())  # "North Korea’s" -> "North Korea"
    cand = Candidate(offset + lead, offset + lead + len(surface), surface, name, strong,
                     places=places, loose=loose or partial, partial=partial)
    full = seg_text
    cand.institution = bool(following) and (
        normalize(following[0].strip(",.;:")) in gazetteer.institution_heads)
    cand.money = bool(following) and (
        normalize(following[0].strip(",.;:")) in gazetteer.currency_words)
    cand.after_the = (text.lstrip()[:4].lower() == "the " or (
        seg_text[max(0, start - 4) : start].lower() == "the ")) and (
        _next_word(seg_text, start + len(text)) not in PLACE_NOUNS)  # "the Rukban camp"
    after_admin, settlement = _cues(full, start, start + len(text))
    cand.admin_cue = admin_cue or after_admin
    cand.settlement_cue = settlement or tail_cue
    return cand


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|the|la|le|les|los|las)[ \-]")


def _alike(one: str, other: str) -> bool:
    """Whether two names of a place start alike ("Kiev" and "Kyiv"), unlike a translation or
    a nickname ("White House" for Casablanca, "Google" for Topeka); an article before either
    does not count ("Qamishli", "Al Qamishli")."""
    return _ARTICLE.sub("", normalize(one))[:1] == _ARTICLE.sub("", normalize(other))[:1]


def _accept_weak(cand: Candidate, context: Context, label: str) -> bool:
    """Whether a non-place entity or bare token the gazetteer knows is read as a place."""
    if cand.qualifier is not None or cand.unit:
        return True  # "Khutir Vilny, Luhansk": a name qualified by a unit is a place
    if not cand.places:
        return False
    if cand.admin_cue:
        return True
    if cand.institution and any(
        (context.share(p.country) > 0 and (p.population >= TOWN or p.feature != "city"))
        or p.population >= BIG_CITY or p.feature in UNIT_FEATURES
        for p, primary in cand.places if primary
    ):
        return True  # "Slidell Police", "Donetsk Airport": an institution named after a place
    if cand.settlement_cue:
        # "in X" is a place reading, unless the only places called X lie in countries the
        # article does not talk about and are small ("outside the Seray", "in Congress")
        total = sum(context.countries.values())
        return not total or any(
            context.share(p.country) > 0 or p.population >= BIG_CITY
            or p.feature in ("country", "region", "sea", "continent")
            for p, _ in cand.places
        )
    for place, primary in cand.places:
        if label == "PERSON":
            if place.feature == "city" and place.population >= BIG_CITY and (
                context.share(place.country) > 0
            ):
                return True  # "Police disperse Kiev protest": a big city of the story's country
            if not primary:
                continue
            # "Jordan", "Georgia" are people too: a person-tagged name is a place only when
            # it is a multi-word unit ("Tamil Nadu") or a unit of a country the article names
            if place.feature in ("country", "admin1", "region") and (
                " " in cand.name or context.share(place.country) > 0
            ):
                return True
            continue
        if place.feature in ("country", "region", "sea", "continent"):
            return True
        if place.feature in ("admin1", "city") and context.share(place.country) > 0 and (
            place.population >= BIG_CITY
        ):
            return True
        if primary and place.feature in ("city", "admin1") and place.population >= WORLD_CITY:
            return True  # a world city, or a province of a million ("Manitoba's Premier")
    return label in ("ORG", "NORP", "PRODUCT") and _one_country_town(cand, context)


def _one_country_town(cand: Candidate, context: Context) -> bool:
    """Whether every reading of a name lies in one country, the text names no other country,
    and the name's main reading is a town of some size or a province ("the Mayor of Tyr",
    "Tulkarm refugee camp", "Hama Airbase"): the small model tags such names as organisations
    when an institution follows them."""
    countries = {p.country for p, _ in cand.places}
    if len(countries) != 1:
        return False
    country = next(iter(countries))
    if sum(context.countries.values()) and not context.share(country):
        return False
    return any(primary and (p.feature == "admin1" or (
        p.feature == "city" and p.population >= TOWN)) for p, primary in cand.places)


def candidates(
    document: Document, segments: list[Segment], gazetteer: Gazetteer, context: Context
) -> list[Candidate]:
    """Every stretch that names a place, from entities and known capitalised tokens."""
    found: list[Candidate] = []
    weak: list[tuple[Candidate, str]] = []
    people = article_people(segments, gazetteer)
    for seg in segments:
        doc = seg.doc
        seg_text = seg.text  # Doc.text is built from the tokens on each access
        covered = [False] * len(doc)
        for ent in doc.ents:
            if ent.label_ not in STRONG_LABELS and ent.label_ not in WEAK_LABELS:
                continue
            strong = ent.label_ in STRONG_LABELS
            if ent.label_ == "NORP" and normalize(_clean_name(ent.text)) in gazetteer.demonyms:
                continue
            # "Sentianivka, Luhansk" may come as one entity: split at commas
            made = []
            for rel, part in _split_commas(ent.text):
                begin = ent.start_char + rel
                cand = _make(seg, seg_text, begin, begin + len(part), part, strong, gazetteer)
                if cand is not None:
                    made.append(cand)
            if not any(c.places for c in made) and len(ent) > 1:
                lead = _institution_place(seg, seg_text, ent, gazetteer, ent.label_)
                if lead is not None and not lead.institution:
                    lead.institution = True  # named after it, with more words to scan
                    weak.append((lead, ent.label_))
                elif lead is not None:
                    # "Donetsk Airport", "the Suffolk Times": the place the name is after
                    weak.append((lead, ent.label_))
                    made = [lead]
                    strong = False
            if not any(c.places for c in made) and len(ent) > 1 and (
                not strong or _known_parts(ent, gazetteer)
            ):
                # "Greece Italy", "Boston Globe": the token scan finds the known parts; an
                # unknown name stays a candidate a unit may qualify ("Khutir Vilny, Luhansk");
                # a person's name has no parts that are places ("Vladimir Putin")
                if ent.label_ == "PERSON" and any(
                    people.inside(c.start, c.end) for c in made
                ):
                    # nor is it a place a unit after it qualifies ("Cleve Wootson Jr., The
                    # Washington Post": a byline)
                    for i in range(ent.start, ent.end):
                        covered[i] = True
                    continue
                weak.extend((c, ent.label_) for c in made)
                continue
            for cand in made:
                if strong:
                    found.append(cand)
                else:
                    weak.append((cand, ent.label_))
            if made:
                for i in range(ent.start, ent.end):
                    covered[i] = True
                for cand in made:  # a name widened past the entity ("Martinez de la Torre")
                    if cand.start < seg.start + ent.start_char or (
                        cand.end > seg.start + ent.end_char
                    ):
                        wide = doc.char_span(cand.start - seg.start, cand.end - seg.start,
                                             alignment_mode="expand")
                        for i in range(wide.start, wide.end) if wide is not None else ():
                            covered[i] = True
        weak.extend((c, "") for c in _token_candidates(seg, seg_text, covered, gazetteer))
    # weak readings are judged with the countries of the sure places as extra context
    sure = Context(countries=Counter(context.countries))
    for cand in found:
        countries = {p.country for p, _ in cand.places}
        if len(countries) == 1 and None not in countries and not cand.money:
            sure.countries[next(iter(countries))] += 1
    found.sort(key=lambda c: c.start)
    weak.sort(key=lambda cl: cl[0].start)
    for cand in [*found, *(c for c, _ in weak)]:
        if cand.after_the and cand.places and not cand.institution:
            # towns take no article: "the Metro", "the Seray", "the Palma bridge" name a
            # thing, not the town of Metro or Saray abroad (a town of a country the text
            # names, a world city, or a name with its own "The" may still be meant)
            # nor does a city's other name that starts unlike its own: "the White House" is
            # not Casablanca
            cand.places = tuple(pp for pp in cand.places if not (
                pp[0].feature == "city" and not pp[0].name.startswith("The ") and (
                    not (pp[1] or _alike(pp[0].name, cand.name))
                    or (pp[0].population < WORLD_CITY and not sure.share(pp[0].country)))))
        if cand.loose:
            # a near spelling is a reading only in a country the article talks about, or
            # when every such spelling lies in one country ("Leyen" is not Leiden or Rennes)
            countries = {p.country for p, _ in cand.places}
            cand.places = tuple(pp for pp in cand.places if sure.share(pp[0].country)) or (
                cand.places if len(countries) == 1 and not cand.partial else ())
    every = sorted(found + [c for c, _ in weak], key=lambda c: c.start)
    generic = [c for c in every if not c.places and normalize(c.name) in gazetteer.generic_units]
    for cand in generic:  # "Bassa LGA, Plateau": a unit named by a generic word
        cand.places = tuple((u, True) for u in gazetteer.generic_units[normalize(cand.name)])
    _link_qualifiers(every, document.text, sure)
    for cand in generic:
        if not cand.unit:
            cand.places = ()  # "the Plateau" alone names no unit
    for cand, _ in weak:
        if cand.qualifier is None and not cand.unit and not cand.settlement_cue:
            # a name spaCy does not tag as a place, known to the gazetteer only as another
            # name of a city that starts unlike it, is some other thing ("Google": once
            # Topeka), unless a unit after it or "in" before it says it is a place ("Human
            # villages (Qaatabah)", "installed in Echmiadzin")
            cand.places = tuple(pp for pp in cand.places if pp[1] or pp[0].feature != "city"
                                or _alike(pp[0].name, cand.name))
    found.extend(c for c, label in weak if _accept_weak(c, sure, label))
    found.sort(key=lambda c: c.start)
    return [c for c in found if not _person(c, document.text, people)]


_PLACE_OF = re.compile(r"\b(?:city|town|village|region|province|oblast|port|capital) of\s+$",
                       re.IGNORECASE)


def _person(cand: Candidate, text: str, people: People) -> bool:
    """Whether a candidate is a person's name (``people.is_person_name``) that nothing in the
    text names as a place: a unit after it, "X region", "the city of X", "X, Y"."""
    if cand.admin_cue or cand.qualifier is not None or cand.unit:
        return False
    if _PLACE_OF.search(text[max(0, cand.start - 30) : cand.start]):
        return False
    if _next_word(text, cand.end) in SETTLEMENT_TAILS:
        return False
    return is_person_name(text, cand.start, cand.end, people)


_PLACE_TAIL = re.compile(r"\s*(?:\(|,|(?:village|villages|town|area|district|camp)\b)")
_NAME_GLUE = frozenset({"of", "and", "for", "the", "'s", "’s", "&", "-"})


def _institution_place(
    seg: Segment, seg_text: str, ent: object, gazetteer: Gazetteer, label: str = ""
) -> Candidate | None:
    """The place an institution's name starts with, when a word of it after the place says it
    is one ("Donetsk Airport", "Beverly Hills Police Department", "Suffolk Times", "Kyiv
    School of Economics": what follows the head is the institution's own)."""
    tokens = list(ent)  # type: ignore[call-overload]
    if tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    heads = [normalize(t.text) in gazetteer.institution_heads for t in tokens]
    for k in range(min(3, len(tokens) - 1), 0, -1):
        span = tokens[:k]
        # the place's words, then capitalised words up to the head ("Slidell Police",
        # "Donetsk Filtration Station"); not "Court of Justice in Sofia"
        first_head = next((i for i in range(k, len(tokens)) if heads[i]), None)
        headless = False
        if first_head is not None:
            rest = tokens[k : first_head + 1]
        elif label in ("ORG", "FAC") and not _PLACE_TAIL.match(
            seg_text, tokens[-1].idx + len(tokens[-1].text)
        ):
            # an organisation named after its place without a known head ("Winnipeg Fire
            # Paramedic Service", "the Allendale Woman's Club"): two or more words of its own
            # (one more word makes a place's name, "Bali Doogle village", "Bab Ghaliq (X)")
            rest = [t for t in tokens[k:] if t.lower_ not in _NAME_GLUE]
            if len(rest) < 2:
                continue
            headless = True
        else:
            continue
        if any(heads[:k]) or not rest or not all(
            t.text[:1].isupper() for t in [*span, *rest]
        ):
            continue
        start, end = span[0].idx, span[-1].idx + len(span[-1].text)
        if gazetteer.knows(seg_text[start:end]):
            cand = _make(seg, seg_text, start, end, seg_text[start:end], False, gazetteer)
            if cand is not None and cand.places:
                # a name without a known head may hold more places ("Armenia-Italy
                # Friendship Group", "Marine Energy Wales Conference"): the caller scans it on
                cand.institution = not headless
                return cand
    return None


def _known_parts(ent: object, gazetteer: Gazetteer) -> bool:
    """Whether every capitalised word of an unknown name is a known country or region by itself
    ("Greece Italy"); otherwise the name is one place the gazetteer lacks ("Al Hishah"), whose
    parts must not be read as places ("Al" is not Ål)."""
    words = [t.text for t in ent if t.is_alpha and t.text[:1].isupper()]  # type: ignore[attr-defined]
    return bool(words) and all(
        any(p.feature in ("country", "admin1", "region", "continent") or
            p.population >= BIG_CITY for p, primary in gazetteer.find(w) if primary)
        for w in words
    )


def _well_known(cand: Candidate) -> bool:
    """A name known well enough to stand out inside a longer one ("Boston" in "Boston Globe",
    "US" in "US State Department", "EU" in "EU Aviation Strategy": the other names of a
    country or region count as its own)."""
    return any((primary or p.feature in FEATURE_BASE) and (
        p.population >= BIG_CITY or p.feature in FEATURE_BASE or p.feature == "admin1"
    ) for p, primary in cand.places)


def _well_known_name(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a word names a place well known enough to stand alone after another name
    ("Bila Kamianka" is one village, "Kyiv Kharkiv" two cities)."""
    return any(primary and (p.population >= BIG_CITY or p.feature in FEATURE_BASE
                            or p.feature in ("admin1", "country"))
               for p, primary in gazetteer.find(name))


def _split_commas(text: str) -> list[tuple[int, str]]:
    """The pieces of an entity between commas and parentheses ("Chatsworth (eThekwini")."""
    if "," not in text and "(" not in text and ")" not in text:
        return [(0, text)] if text.strip() else []  # most entities: no regex
    return [(m.start(), m.group()) for m in re.finditer(r"[^,()]+", text) if m.group().strip()]


_DOTTED = re.compile(r"^(?:[A-Z]\.){2,3}$|^[A-Z][a-z]{1,4}\.$")


def _token_candidates(
    seg: Segment, seg_text: str, covered: list[bool], gazetteer: Gazetteer
) -> list[Candidate]:
    """Capitalised tokens outside entities that the gazetteer knows (judged by the caller)."""
    doc = seg.doc
    tokens = list(doc)  # one Token object each (doc[i] builds a new one on every access)
    out: list[Candidate] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if covered[i] or not tok.text[:1].isupper():
            i += 1
            continue
        # an abbreviation the gazetteer knows with its full stops ("U.S.", "Calif.", "D.C.");
        # not "Gen." or "Sgt.", whatever "Gen" may name
        dotted = not tok.is_alpha and bool(_DOTTED.match(tok.text)) and gazetteer.knows(tok.text)
        if not (tok.is_alpha or dotted) or (
            tok.is_stop and not tok.text.isupper()  # "US" is no stop word "us"
        ):
            i += 1
            continue
        abbreviation = (tok.text.isupper() and len(tok.text) > 1) or dotted  # "US", a pronoun
        if (tok.pos_ not in ("PROPN", "NOUN", "ADJ", "X") and not abbreviation) or (
            tok.is_sent_start and tok.pos_ != "PROPN"
        ):
            i += 1
            continue
        prev = tokens[i - 1] if i > 0 else None
        if (
            prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper()
            and not prev.text.isupper() and not gazetteer.knows(prev.text)
        ):
            i += 1  # inside a longer name ("Air Zimbabwe", "Robinson College Cambridge")
            continue
        best: Candidate | None = None
        for j in range(min(len(tokens), i + 4), i, -1):
            last = tokens[j - 1]
            if not last.text[:1].isupper() or any(covered[k] for k in range(i, j)):
                continue
            start, end = tok.idx, last.idx + len(last.text)
            # the windows themselves span particles and hyphens forwards; only a single word
            # may widen, backwards over a stop word the scan never starts at ("At Tuhayat")
            cand = _make(seg, seg_text, start, end, seg_text[start:end], False, gazetteer,
                         widen=j == i + 1, window=True)
            if cand is None:
                continue
            following = tokens[j] if j < len(tokens) else None
            head = (
                following is not None and following.pos_ == "PROPN" and following.is_alpha
                and following.text[:1].isupper() and not following.text.isupper()
                and not _well_known_name(following.text, gazetteer)
                and normalize(following.text) not in gazetteer.institution_heads
            )
            if head and not _well_known(cand):
                continue  # the head of a longer name ("Bat Galim", "Vila Kennedy", "Al Hishah")
            if cand.places:
                best = cand
                break
        if best is not None:
            out.append(best)
            i = j
            continue
        i += 1
    return out


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
    for chain in chains:
        for i, left in enumerate(chain[:-1]):
            for right in chain[i + 1 :]:
                others = [c for c in chain[i + 1 :] if c is not right]
                if _qualify(left, right, context, others):
                    break


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
    if not units and not left.places and not right.after_in:
        # "Qqqville (Misrata)": a place the gazetteer lacks, by the town it is counted under
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


# ---------------------------------------------------------------------------------------------
# resolution


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
        if place.capital:
            score += 1.5  # national capitals are named far beyond their size
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


def resolve(cands: list[Candidate], context: Context) -> list[tuple[Candidate, Place | None]]:
    """Settle every candidate, twice: the second time with the first pass's places as context."""
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
    return out


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


def demonym_mentions(
    document: Document, segments: list[Segment], gazetteer: Gazetteer
) -> list[PlaceMention]:
    """Demonyms and country adjectives ("Syrian", "North Korean") as mentions of their country,
    and adjectives of continents and regions ("European", "Latin American") as mentions of them.

    Not places: only for measures (GeoWebNews counts them) and users who ask for them.
    """
    out: list[PlaceMention] = []
    for seg in segments:
        doc = seg.doc
        i = 0
        while i < len(doc):
            tok = doc[i]
            if not tok.text[:1].isupper() or not tok.is_alpha:
                i += 1
                continue
            for width in (2, 1):
                span = doc[i : i + width]
                if len(span) < width:
                    continue
                norm = normalize(span.text)
                iso3 = gazetteer.demonyms.get(norm)
                if iso3 is None and norm.endswith("s"):
                    iso3 = gazetteer.demonyms.get(norm[:-1])
                country = gazetteer.countries.get(iso3 or "")
                if country is None:
                    # "European", "African": the continent or region the adjective names
                    country = gazetteer.region_demonyms.get(norm) or (
                        gazetteer.region_demonyms.get(norm[:-1]) if norm.endswith("s") else None)
                if country is not None:
                    out.append(PlaceMention(
                        doc_id=document.doc_id, text=span.text,
                        start=seg.start + span.start_char, end=seg.start + span.end_char,
                        name=country.name, geonameid=country.geonameid,
                        lat=round(country.lat, 5), lon=round(country.lon, 5),
                        country=country.country, feature="demonym",
                    ))  # fmt: skip
                    i += width - 1
                    break
            i += 1
    return out


def to_mentions(
    document: Document, resolved: list[tuple[Candidate, Place | None]], *, keep_unresolved: bool
) -> list[PlaceMention]:
    mentions: list[PlaceMention] = []
    last_end = -1
    for cand, place in resolved:
        if cand.start < last_end:
            continue  # overlapping stretches: the first wins
        if place is None and not (keep_unresolved and (cand.strong or cand.qualifier)):
            continue
        last_end = cand.end
        mentions.append(
            PlaceMention(
                doc_id=document.doc_id,
                text=document.text[cand.start : cand.end],
                start=cand.start,
                end=cand.end,
                name=place.name if place else None,
                geonameid=place.geonameid if place else None,
                lat=round(place.lat, 5) if place else None,
                lon=round(place.lon, 5) if place else None,
                admin1=place.admin1 if place else None,
                country=place.country if place else None,
                feature=place.feature if place else None,
                population=place.population if place and place.population else None,
            )
        )
    return mentions
