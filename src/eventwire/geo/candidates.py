"""Candidate place mentions: the stretches of parsed text that may name a place.

spaCy GPE/LOC/FAC entities; ORG/PRODUCT/PERSON/NORP entities and bare capitalised tokens the
gazetteer knows, when the context supports a place reading ("in X", "X region", "city of X",
"X, Ukraine", or a sizeable place in a country the article names). The small English model tags
some cities as ORG or PRODUCT ("Sumy", "Kursk"). Each candidate carries its gazetteer readings;
``resolve`` chooses among them.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..memo import per_document
from ..model import Document
from ..nlp import LazyTokens, Segment, capitalised
from ..resources import load_yaml
from .context import BIG_CITY, Context, dateline_stretch
from .cues import (
    _CONTINUED,
    _DATELINE_TAIL,
    _LOWER_ARTICLE,
    _MONTHS,
    _ORDINAL,
    _POSSESSIVE_END,
    _WEEKDAYS,
    ADMIN_CUES,
    DIRECTION_WORDS,
    FEATURE_BASE,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    SETTLEMENT_TAILS,
    STRONG_LABELS,
    STRUCK_AFTER,
    TOWN,
    UNIT_FEATURES,
    WEAK_LABELS,
    WORLD_CITY,
    Candidate,
    _alike,
    _clean_name,
    _cues,
    _hyphenated,
    _next_word,
    _prev_words,
    _split_commas,
    _well_known,
    _wider_name,
)
from .gazetteer import Gazetteer, normalize
from .people import People, article_people, is_person_name
from .qualifiers import _link_qualifiers
from .unknown import is_building

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
    if places and is_street(seg_text[max(0, start - 80) : start], after):
        places = ()  # "the 6700 block of South Winchester": a street, not the town Winchester
    if places and _CONTINUED.match(after) and not any(
        primary and (p.population >= BIG_CITY or p.feature in FEATURE_BASE
                     or p.feature == "admin1") for p, primary in places
    ):
        places = ()  # "Madinat al Salah" is not Madinah, "Kut e Abdollah" not Al-Kut
    hyphenated = wider is None and _hyphenated(seg_text, start + lead, start + len(text.rstrip()))
    if places and hyphenated and (
        not any((primary or p.feature in FEATURE_BASE) and (
            p.population >= BIG_CITY or p.feature in FEATURE_BASE or p.feature == "admin1")
            for p, primary in places)
    ):  # ("US-China talks": the country's other names count as its own)
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
    if name in _WEEKDAYS:
        places = ()  # "Thursday's shooting": a day, not Thursday Island
    if places and _business(text, seg_text[start + len(text.rstrip()) :]) and not any(
            primary and (p.feature not in ("city", "admin2")
                         or (p.feature == "city" and p.population >= BIG_CITY))
            for p, primary in places):
        places = ()  # "shot outside Boomer's on Airport Road": a bar named for its owner
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


# a dateline the cleaner does not take for one, inside a paragraph or with a glued dash:
# "... TIGER Grant Event. IMMOKALEE – Congressman", "PLEASANTON, Calif.--(BUSINESS WIRE)--",
# "Associated Press WASHINGTON (AP) —": a place in capitals, its state or country, an agency,
# a dash
# (the capital comes first and what stands before it is looked at from behind it: a pattern
# that starts with a character class is scanned for in C, not tried at every position)
_INNER_DATELINE = re.compile(
    r"(?P<place>[A-Z](?:(?<=^[A-Z])|(?<=[.!?:”\")]\s[A-Z])|(?<=\n[A-Z])|(?<=Press\s[A-Z]))"
    r"[A-Z'’.\-]+(?:\s[A-Z][A-Z'’.\-]+){0,2}"
    r"(?:,\s[A-Z][A-Za-z'’.\-]*(?:\s[A-Z][A-Za-z'’.\-]*){0,2})?)"
    r"\s*(?:\((?:[A-Za-z][A-Za-z .&/\-]{1,30})?\)\s*)?(?:--|—|–|-\s)", re.MULTILINE)


@per_document()
def _datelines(document: Document) -> list[tuple[int, str, bool]]:
    """(start, place as written, parsed by spaCy?) of each dateline of the text: the cleaner's,
    whose stretch the parser skips, and capitalised ones inside the text (``_INNER_DATELINE``)."""
    found: list[tuple[int, str, bool]] = []
    stretch = dateline_stretch(document)
    if stretch is not None:
        found.append((stretch[0], stretch[2], False))
    for match in _INNER_DATELINE.finditer(document.text):
        at = match.start("place")
        if stretch is None or not stretch[0] <= at < stretch[1]:
            found.append((at, match.group("place"), True))
    return found


def dateline_candidates(
    document: Document, segments: list[Segment], gazetteer: Gazetteer
) -> list[Candidate]:
    """The places of a news dateline ("COLUMBUS, Ohio (AP) —", "SEOUL, South Korea (CNN) -",
    "HELENA, Mont. (AP) -"): the place the story was filed from and its state or country.

    The parser skips a dateline (it is no sentence), so its names are read here, each part a
    place; the parts after the first qualify it ("Columbus" in Ohio). A part inside a parsed
    segment is left to the entities, unless written in capitals (which the model misses)."""
    out = []
    for at, written, inner in _datelines(document):
        head = written.split(",")[0].strip()
        if inner and not (len(head) > 3 and head.replace(".", "").isupper()):
            continue
        for rel, part in _split_commas(written):
            name = part.strip()
            begin = at + rel + len(part) - len(part.lstrip())
            if not inner and any(s.start <= begin < s.start + len(s.text) for s in segments):
                continue
            places = gazetteer.find(name)
            if name.isupper() and len(name.replace(".", "")) <= 3:
                places = tuple(pp for pp in places if pp[0].feature not in ("city", "admin2"))
            if inner and rel == 0:
                # a word in capitals before a dash is a dateline only as a town or unit
                places = tuple(pp for pp in places if pp[1] and pp[0].feature in (
                    "city", "admin1", "admin2", "country"))
            if not places:
                if rel == 0:
                    break  # "UPDATE —": no dateline
                continue
            out.append(Candidate(begin, begin + len(name), name, name, True,
                                 settlement_cue=rel == 0, places=places))
    return out


_COMPOUND_JOIN = re.compile(r"\s*[-/–]\s*")


def _split_compounds(
    found: list[Candidate], text: str, gazetteer: Gazetteer
) -> list[Candidate]:
    """An unknown name made of well-known places joined by hyphens or slashes ("Asia-Pacific",
    "DPRK-U.S.", "Russia-Ukraine"): a mention of each."""
    out: list[Candidate] = []
    for cand in found:
        parts = _COMPOUND_JOIN.split(cand.text) if not cand.places else []
        if len(parts) < 2 or not all(_well_known(Candidate(
            0, 0, p, p, True, places=gazetteer.find(_clean_name(p)))) for p in parts):
            out.append(cand)
            continue
        at = cand.start
        for part in parts:
            begin = text.find(part, at, cand.end)
            if begin < 0:
                break
            at = begin + len(part)
            name = _clean_name(part)
            out.append(Candidate(begin, begin + len(part), part, name, cand.strong,
                                 places=gazetteer.find(name)))
    return out


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
    taken = [(c.start, c.end) for c in found] + [(c.start, c.end) for c, _ in weak]
    found.extend(c for c in dateline_candidates(document, segments, gazetteer)
                 if not any(a < c.end and c.start < b for a, b in taken))
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
    found = _split_compounds(found, document.text, gazetteer)
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
    for cand, _ in weak:
        if cand.places and _townsfolk(document.text, cand):
            cand.settlement_cue = True  # "an Alexandria woman": from a place
    found.extend(c for c, label in weak if _accept_weak(c, sure, label))
    for cand, label in weak:
        if label == "ORG" and not cand.places and cand.qualifier is None and (
            is_building(cand.name)
        ):
            # "the Altnagelvin Hospital", "Princes Theatre": a building the gazetteer lacks,
            # tagged as an organisation; written only where the text places it (unknown.py)
            cand.building = True
            found.append(cand)
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
    if _next_word(text, cand.end) in SETTLEMENT_TAILS or _townsfolk(text, cand):
        return False
    return is_person_name(text, cand.start, cand.end, people) or _acts_as_person(cand, text)


_POSSESSIVE_ALONE = re.compile(r"\s*(?:[,.;:)]|(?:at|on|in|near|off|along|and|where)\b)")


def _business(text: str, rest: str) -> bool:
    """Whether a possessive name stands alone, with no noun after it ("at Boomer's on Airport
    Road", "inside Denny's."): a shop or bar named after a person, not a town's possessive
    ("Dayton's mayor")."""
    if not text.rstrip().endswith(("'s", "’s")):
        if not rest.startswith(("'s", "’s")):
            return False
        rest = rest[2:]
    return bool(_POSSESSIVE_ALONE.match(rest))


@lru_cache(maxsize=1)
def _person_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_yaml("people.yaml")
    acts = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in data.get("person_acts") or ())
    things = "|".join(re.escape(str(w)) for w in data.get("person_possessions") or ())
    return (re.compile(rf"^,?\s+(?:{acts})\b"),
            re.compile(rf"^(?:[’']s?)\s+(?:{things})\b"))


def _acts_as_person(cand: Candidate, text: str) -> bool:
    """Whether a one-word name does what only a person does ("Silva said", "Cardona is
    accused", "Davis' home"; ``person_acts``, ``person_possessions`` of resources/people.yaml),
    and is no big city or unit, whose "said" is its government's."""
    if " " in cand.name.strip() or any(
            primary and (p.feature not in ("city", "admin2")
                         or (p.feature == "city" and p.population >= BIG_CITY))
            for p, primary in cand.places):
        return False
    acts, things = _person_cues()
    after = text[cand.end : cand.end + 30]
    if things.match(after):
        return True  # "at Davis' home": the preposition is the home's
    before = _prev_words(text, cand.start, 1)
    # "doctors at the hospital in Derry said": the place of those who speak
    return bool(acts.match(after)) and not (before and before[-1] in PLACE_PREPOSITIONS)


@lru_cache(maxsize=1)
def _street_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    yaml = load_yaml("places.yaml")
    openers = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                       for w in yaml.get("street_openers") or ())
    plurals = "|".join(re.escape(str(w)) for w in yaml.get("street_plurals") or ())
    name = r"(?:[A-Z0-9][\w.'’-]*\s+){1,4}"
    before = re.compile(rf"\b(?i:{openers})\s+(?:the\s+)?(?:{name}(?:and|&)\s+)?$")
    after = re.compile(rf"^\s+(?:(?:and|&)\s+{name})?(?:{plurals})\b")
    return before, after


def is_street(before: str, after: str) -> bool:
    """Whether a name between ``before`` and ``after`` is a street as local news writes one:
    after "the 6700 block of" or "the intersection of" (the first or second of two names), or
    before a plural street word ("Pecos and Gowan roads"); see ``street_openers`` of
    resources/places.yaml."""
    opener, plural = _street_cues()
    return bool(opener.search(before) or plural.match(after))


@lru_cache(maxsize=1)
def _townsfolk_nouns() -> frozenset[str]:
    yaml = load_yaml("places.yaml")
    return frozenset(str(w).lower() for key in ("origin_nouns", "townsfolk_nouns")
                     for w in yaml.get(key) or ())


def _townsfolk(text: str, cand: Candidate) -> bool:
    """Whether a name says where someone is from, as news writes it: "an Alexandria woman",
    "a Nenagh councillor", "the Cork mother" (``origin_nouns``, ``townsfolk_nouns`` of
    resources/places.yaml)."""
    before = _prev_words(text, cand.start, 1)
    return bool(before) and before[-1] in ("a", "an", "the") and (
        _next_word(text, cand.end) in _townsfolk_nouns())


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


def _well_known_name(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a word names a place well known enough to stand alone after another name
    ("Bila Kamianka" is one village, "Kyiv Kharkiv" two cities)."""
    return any(primary and (p.population >= BIG_CITY or p.feature in FEATURE_BASE
                            or p.feature in ("admin1", "country"))
               for p, primary in gazetteer.find(name))


# "US-based", "London-born", "Saudi-led": a place before such a word stands alone
_X_BASED = re.compile(r"-(?:based|born|bred|led|backed|owned|made|headquartered|registered|"
                      r"listed|bound|flagged|funded|run|built)\b")
_DOTTED = re.compile(r"^(?:[A-Z]\.){2,3}$|^[A-Z][a-z]{1,4}\.$")


def _token_candidates(
    seg: Segment, seg_text: str, covered: list[bool], gazetteer: Gazetteer
) -> list[Candidate]:
    """Capitalised tokens outside entities that the gazetteer knows (judged by the caller)."""
    doc = seg.doc
    tokens = LazyTokens(doc)  # Token objects only for the tokens looked at
    upper = capitalised(doc)
    out: list[Candidate] = []
    i = 0
    while i < len(upper):
        if covered[i] or not upper[i]:
            i += 1
            continue
        tok = tokens[i]
        # an abbreviation the gazetteer knows with its full stops ("U.S.", "Calif.", "D.C.");
        # not "Gen." or "Sgt.", whatever "Gen" may name
        dotted = not tok.is_alpha and bool(_DOTTED.match(tok.text)) and gazetteer.knows(tok.text)
        if not (tok.is_alpha or dotted) or (
            tok.is_stop and not tok.text.isupper()  # "US" is no stop word "us"
        ):
            i += 1
            continue
        abbreviation = (tok.text.isupper() and len(tok.text) > 1) or dotted  # "US", a pronoun
        # a flash led by its place ("Kharkiv: one killed ...", "Kharkiv region: ..."), or a
        # place a strike hit ("Kupiansk shelled, man wounded")
        led = i + 1 < len(tokens) and (tokens[i + 1].text == ":" or tokens[i + 1].lower_ in (
            ADMIN_CUES | STRUCK_AFTER))
        if (tok.pos_ not in ("PROPN", "NOUN", "ADJ", "X") and not abbreviation) or (
            tok.is_sent_start and tok.pos_ != "PROPN" and not led
        ):
            i += 1
            continue
        prev = tokens[i - 1] if i > 0 else None
        if (
            prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper()
            and not prev.text.isupper() and not gazetteer.knows(prev.text)
            and not _X_BASED.match(seg_text, tok.idx + len(tok.text))
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
