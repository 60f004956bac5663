"""Headline case read as sentence case, for the parser only.

A headline written In Which Every Word Starts With A Capital ("Militants Gun Down Migrant
Worker In Shopian") reads to the small English parser as a string of names: no verb, no
subject, no object. ``sentence_case`` gives the parser the same line with its common words in
lower case, letter for letter (so every offset stays that of the text as given), and keeps the
case of what may be a name: the first word, words in capitals, words the English pipeline's
lemma tables do not know, and common words that name a sizeable place, a country, an admin1
unit or a people (``headline_grammar.yaml``: ``headline_case``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .resources import load_yaml

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_POSSESSIVE = re.compile(r"['’]s$")
# a run of capitalised words (joined by spaces or hyphens) that may name one place together
_RUN = re.compile(r"[A-Z][^\W\d_]*(?:['’][^\W\d_]+)?(?:(?:[ \-]|-[a-z]+-)[A-Z][^\W\d_]*)+")


@dataclass(frozen=True)
class _Rules:
    min_words: int
    max_words: int
    min_capital_share: float
    place_population: int
    common_place_population: int
    function_words: frozenset[str]


@cache
def _rules() -> _Rules:
    data: dict[str, Any] = load_yaml("headline_grammar.yaml")["headline_case"]
    return _Rules(
        min_words=int(data["min_words"]),
        max_words=int(data["max_words"]),
        min_capital_share=float(data["min_capital_share"]),
        place_population=int(data["place_population"]),
        common_place_population=int(data["common_place_population"]),
        function_words=frozenset(str(w).lower() for w in data["function_words"]),
    )


def in_headline_case(text: str) -> bool:
    """Whether ``text`` is one short line whose words after the first start with a capital."""
    rules = _rules()
    if "\n" in text.strip():
        return False
    words = [m.group() for m in _WORD.finditer(text)]
    if not rules.min_words <= len(words) <= rules.max_words:
        return False
    rest = [w for w in words[1:] if not w.isupper()]
    if len(rest) < rules.min_words - 1:
        return False
    capital = sum(w[0].isupper() for w in rest)
    return capital >= rules.min_capital_share * len(rest)


def sentence_case(text: str, known: Any) -> str:
    """``text`` with its common words lower-cased where it is in headline case, else itself.

    ``known(word)`` tells whether a lower-case word is common English (see ``common_word``).
    """
    if not in_headline_case(text):
        return text
    out = list(text)
    kept = _named_runs(text, known)
    first = True
    for found in _WORD.finditer(text):
        word = found.group()
        if first:
            first = False
            continue
        if found.start() in kept:
            continue
        if not word[:1].isupper() or word.isupper() or not word[1:].islower():
            continue
        stem = re.split(r"['’]", word)[0]
        lower = stem.lower()
        if lower not in _rules().function_words and (not known(lower) or _named(stem)):
            continue
        out[found.start()] = word[0].lower()
    return "".join(out)


def _sizeable(place: Any, rare: bool) -> bool:
    """Whether a place is one a headline's capitalised words may name: a unit, a sea or a
    region, a city of ``place_population`` people, or a smaller one named with a word that is
    no common English (for a run of common words: "Gold Mine" is a village somewhere)."""
    rules = _rules()
    return (place.feature != "city" or place.population >= rules.common_place_population
            or (rare and place.population >= rules.place_population))  # fmt: skip


def _named_runs(text: str, known: Any) -> set[int]:
    """Where the words start of each run of two to four capitalised words that names a place
    ("North Kivu", "Red Sea", "Port-au-Prince", "Wad Madani")."""
    from .geo import get_gazetteer
    from .geo.gazetteer import normalize

    gazetteer = get_gazetteer(_threshold())
    starts: set[int] = set()
    for run in _RUN.finditer(text):
        words = list(_WORD.finditer(run.group()))
        for size in range(min(4, len(words)), 1, -1):
            for i in range(len(words) - size + 1):
                a, b = words[i].start(), words[i + size - 1].end()
                places = gazetteer.lookup(normalize(_POSSESSIVE.sub("", run.group()[a:b])))
                rare = not all(_common(w.group().lower(), known) for w in words[i : i + size])
                if any(_sizeable(place, rare) for place, _ in places):
                    starts.update(
                        run.start() + w.start()
                        for w in words[i : i + size]
                        if w.group().lower() not in _rules().function_words
                    )
    return starts


def _common(lower: str, known: Any) -> bool:
    return lower in _rules().function_words or known(lower)


@cache
def _named(word: str) -> bool:
    """Whether a capitalised common word may be a name: a place of some size, a country, an
    admin1 unit or a people."""
    from .geo import get_gazetteer
    from .geo.gazetteer import normalize

    gazetteer = get_gazetteer(_threshold())
    norm = normalize(word)
    if norm in gazetteer.demonyms or norm in gazetteer.country_names:
        return True
    return any(
        place.feature in ("country", "admin1")
        or (place.feature == "city" and place.population >= _rules().common_place_population)
        for place, _ in gazetteer.lookup(norm)
    )


@cache
def _threshold() -> int:
    from .config import load_config

    return load_config().gazetteer_min_population
