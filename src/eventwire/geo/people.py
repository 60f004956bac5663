"""People's names are not places: which candidate place names are really a person's.

News names a person in full once ("President Vladimir Putin", "Ursula von der Leyen") and then
by surname ("Putin said", "von der Leyen"), or with a title ("Mr Lynch"). The small spaCy model
tags most of these as PERSON, but not all, and the gazetteer has a town for many first names
and surnames (Vladimir, Volodymyr, Churchill, Lynch). The rules here, from how news writes
names, not from any one text:

- a word inside a PERSON entity of two words or more is part of a person's name;
- the surnames of those entities, wherever else the article writes them, name the person, and
  so do their first names unless a place's cue comes before ("support to Volodymyr and
  Ukraine", not "in Vladimir");
- a capitalised name right after a person's title ("Mr", "President", "Gen.") is a person's,
  and so is a name right before one of the article's surnames ("Vladimir Putin" untagged).

A cue that makes a place of the word overrides all of this ("the city of Vladimir", "Vladimir
region", "Lynch, Kentucky").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from ..nlp import Segment
from .gazetteer import Gazetteer, normalize

_POSSESSIVE = re.compile(r"[’']s?$")


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """The titles of ``resources/people.yaml``, without their full stops."""
    text = resources.files("eventwire.resources").joinpath("people.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return frozenset(str(t).rstrip(".") for t in data.get("person_titles") or ())


@dataclass
class People:
    """What the article says about who is named: the token spans of PERSON entities and the
    surnames and first names they give (normalised)."""

    spans: list[tuple[int, int]] = field(default_factory=list)  # document offsets
    surnames: set[str] = field(default_factory=set)
    first_names: set[str] = field(default_factory=set)

    def inside(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.spans)


_WORD_BEFORE = re.compile(r"([A-Z][\w\-]*)\.?\s+$")
_WORD_AFTER = re.compile(r"^\s+([A-Z][\w\-’']*)")
_NOBILIARY = re.compile(r"\b(?:[Vv]on|[Vv]an)(?: (?:der|den|de))?\s+$")
_TITLE_AFTER = re.compile(r"^(?:[’']s)?\s+([A-Za-z][a-z\-]*)")


def article_people(segments: list[Segment], gazetteer: Gazetteer) -> People:
    """PERSON entities of two or more capitalised words, and their last words (surnames).

    The small model tags a few places as people, or a person with the place they serve: a name
    the gazetteer knows whole ("Tamil Nadu") is no person, and leading words that name a
    country, unit or big city ("US Trade Representative Robert Lighthizer", "Kharkiv Governor
    Oleh Syniehubov") stay outside the person's span. A last word that names a well-known place
    or heads place names ("City", "Street") is no surname."""
    people = People()
    titles = person_titles()
    for seg in segments:
        for ent in seg.doc.ents:
            if ent.label_ != "PERSON" or gazetteer.knows(ent.text) or _placed(
                seg.text, ent.start_char, ent.end_char
            ):
                continue
            words = [t for t in ent if t.is_alpha and t.text[:1].isupper()]
            while len(words) > 2 and (
                _placeish(words[0].text, gazetteer) or words[0].text in titles
            ):
                words = words[1:]
            if len(words) < 2 or all(gazetteer.knows(w.text) for w in words):
                continue  # "Avdiivka Bakhmut": a list of places
            last = words[-1]  # "Stanley Uzoaru,Owerri": the person ends at the last name
            people.spans.append((seg.start + words[0].idx, seg.start + last.idx + len(last.text)))
            first = normalize(words[0].text)
            if not (_placeish(words[0].text, gazetteer) or _well_known(first, gazetteer)):
                people.first_names.add(first)
            surname = normalize(_POSSESSIVE.sub("", words[-1].text))
            if surname in gazetteer.name_heads or surname in _UNIT_WORDS or _placeish(
                words[-1].text, gazetteer
            ) or _well_known(surname, gazetteer):
                continue
            people.surnames.add(surname)
    return people


# words around a name that make it a place whatever the model's tag: "in Bali Doogle", "Bani
# Siyah villages (Razih, Sadah)", "Khutir Vilny, Luhansk"
_PLACE_BEFORE = re.compile(
    r"\b(?:in|near|into|outside|around|villages?|towns?)\s+(?:the\s+)?"
    r"(?:(?:rural|central|north|south|east|west|[a-z]+ern)\s+)?$")
_PLACE_AFTER = re.compile(
    r"^(?:\s+(?:village|villages|town|towns|city|area|district|camp|region|province|"
    r"neighbou?rhood|countryside|outskirts)\b|\s*\([A-Z])")


def _placed(text: str, start: int, end: int) -> bool:
    return bool(_PLACE_BEFORE.search(text[max(0, start - 20) : start])
                or _PLACE_AFTER.match(text[end : end + 20]))


# last words of a mis-tagged name that are no surname: "Benue State", "Kursk Region"
_UNIT_WORDS = frozenset({"state", "region", "province", "oblast", "district", "county", "city",
                         "governorate", "town", "village", "jr", "sr"})


def _placeish(word: str, gazetteer: Gazetteer) -> bool:
    """A word that names a country or unit by any of its names, or a big city by its own."""
    return any(p.feature in ("country", "admin1", "region", "continent")
               or (primary and p.population >= 100_000)
               for p, primary in gazetteer.lookup(normalize(word)))


def _well_known(name: str, gazetteer: Gazetteer) -> bool:
    return any(primary and (p.feature in ("country", "admin1", "region", "continent", "sea")
                            or p.population >= 100_000)
               for p, primary in gazetteer.lookup(name))


def after_title(text: str, start: int) -> bool:
    """Whether ``text[start:]`` follows a person's title, directly ("Mr Lynch") or after a
    first name ("President Vladimir Putin" at "Putin")."""
    titles = person_titles()
    before = text[max(0, start - 40) : start]
    match = _WORD_BEFORE.search(before)
    if match is None:
        return False
    if match.group(1) in titles:
        return True
    # one capitalised word between: "President Vladimir Putin", "Gen. Valery Gerasimov"
    rest = before[: match.start()]
    inner = _WORD_BEFORE.search(rest)
    return inner is not None and inner.group(1) in titles


def is_person_name(text: str, start: int, end: int, people: People) -> bool:
    """Whether the name at ``text[start:end]`` is (part of) a person's name by the rules above."""
    title = _TITLE_AFTER.match(text[end : end + 40])
    if title is not None and title.group(1).capitalize() in person_titles():
        # "Odesa Mayor Hennadiy Trukhanov", "Odesa's mayor": the place a title is of
        return False
    if people.inside(start, end) or _NOBILIARY.search(text[max(0, start - 12) : start]):
        return True  # "von der Leyen", "van Gogh": a particle of a family name
    name = normalize(text[start:end].strip())
    if name in people.surnames:
        return True
    if name in people.first_names and not _placed(text, start, end):
        return True  # "support to Volodymyr and Ukraine": the president, called by his name
    if after_title(text, start):
        return True
    following = _WORD_AFTER.match(text[end : end + 40])
    # a first name: the word after it is one of the article's surnames ("Vladimir Putin")
    return following is not None and normalize(_POSSESSIVE.sub("", following.group(1))) in (
        people.surnames)
