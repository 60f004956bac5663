"""Actors: who did it and to whom, normalised to a country (ISO3) and a sector code.

The dictionary (``resources/actors.yaml``, plus country names and demonyms from the
``countryinfo`` package) maps what a text says — "North Korean troops", "the Kremlin",
"US Defense Secretary Lloyd Austin", "protesters" — to a canonical name, country and sector.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as package_files

from spacy.tokens import Span, Token

from ..model import Actor
from ..nlp import span_text
from ..resources import load_yaml

# dependents that belong to an actor's noun phrase ("the [Russian] [missile] attacks")
_PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "case"})
_MAX_NGRAM = 5
_GROUP_SECTORS = frozenset({"REB", "MLT"})  # armed groups no state commands
# nouns that take the sector of the group they belong to
_MEMBERSHIP = frozenset({
    "member", "commander", "leader", "head", "chief", "fighter", "element",
    "group", "number", "dozen", "hundred", "thousand", "band",  # "a group of sellers"
    # who speaks for a group is the group's: "rebel officials", "separatist authorities"
    "official", "spokesman", "spokeswoman", "spokesperson", "authorities",
})  # fmt: skip
# a dash standing apart ("Ukrainian forces - DPR defence ministry", "troops- militia") ends a
# headline's phrase: what follows is the credit, not part of the name
_DASHES = frozenset({"-", "–", "—"})
# "Russia-backed", "Iran-sponsored": the backer of a proxy, not its country
_BACKING = frozenset({"back", "support", "sponsor", "fund", "arm", "align"})


# armed sectors whose members are civilians once off duty or retired (a former minister is
# still a politician)
_ON_DUTY = frozenset({"MIL", "COP", "REB", "MLT"})


@dataclass(frozen=True)
class Known:
    """A dictionary entry: a canonical name (None for generic ones), country and sector."""

    name: str | None
    country: str | None
    sector: str | None


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s$", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _all_names(country_table: dict[str, dict], data: dict) -> list[str]:
    names = [name for info in country_table.values() for name in info["names"]]
    return names + [name for group in (data.get("countries") or {}).values() for name in group]


class ActorDictionary:
    """Names, demonyms, organisations, people, sector nouns and titles, compiled once."""

    def __init__(self, data: dict, country_table: dict[str, dict]) -> None:
        self.country_names: dict[str, str] = {}  # lower-case name or demonym -> ISO3
        self.country_display: dict[str, str] = {}
        for iso3, info in country_table.items():
            self.country_display[iso3] = info["name"]
            for name in info["names"]:
                self.country_names.setdefault(name.lower(), iso3)
        for iso3, names in (data.get("countries") or {}).items():
            for name in names:
                self.country_names[str(name).lower()] = iso3
        # abbreviations match only as written: "CAR" is a country, "Rent-A-Car" and "Us" are not
        self.abbreviations = frozenset(
            name.lower() for name in map(str, _all_names(country_table, data))
            if len(name) > 1 and name.isupper() and name.isalpha()
        )
        self.named: dict[str, Known] = {}  # exact-case name -> entry (organisations, people)
        for group in ("organisations", "people"):
            for item in data.get(group) or []:
                known = Known(item.get("name"), item.get("country"), item.get("sector"))
                if group == "people":
                    known = Known(item["names"][0], item.get("country"), item.get("sector"))
                for name in item["names"]:
                    self.named[_normal(str(name))] = known
        # the armed groups (no state's) the dictionary names, as written: whom an article names
        groups = sorted((n for n, k in self.named.items() if k.sector in _GROUP_SECTORS
                         and k.country not in ("IGO", "NGO")), key=len, reverse=True)
        self._groups = re.compile(
            r"(?<![\w-])(?:" + "|".join(map(re.escape, groups)) + r")(?![\w-])") if groups else None
        self.nouns: dict[str, str] = {}
        for sector, words in (data.get("nouns") or {}).items():
            for word in words:
                self.nouns.setdefault(str(word).lower(), sector)
        self.titles: dict[str, str] = {}
        for sector, words in (data.get("titles") or {}).items():
            for word in words:
                self.titles[str(word).lower()] = sector
        # posts that name their body alone ("Under-Secretary-General"): the body's entry
        self.body_titles: dict[str, Known] = {
            str(title).lower(): self.named[_normal(str(body))]
            for title, body in (data.get("body_titles") or {}).items()}
        self.sectors: dict[str, dict] = data.get("sectors") or {}
        self.hardware = frozenset(str(w).lower() for w in data.get("hardware") or [])
        # weapons and marksmen: named doers whose side the place does not tell
        self.unsided = self.hardware | frozenset(
            str(w).lower() for w in data.get("marksmen") or [])
        self.other_side = frozenset(str(w).lower() for w in data.get("other_side") or [])
        self.abroad = frozenset(str(w).lower() for w in data.get("abroad") or [])
        self.struck_places = frozenset(str(w).lower() for w in data.get("struck_places") or [])
        self.land_parts = frozenset(str(w).lower() for w in data.get("land_parts") or [])
        self.implied: dict[str, str] = data.get("implied") or {}
        self.occupiers: dict[str, str] = {
            str(k): str(v) for k, v in (data.get("occupiers") or {}).items()}
        words = "|".join(re.escape(str(w)) for w in data.get("off_duty") or [])
        # a word ends where a letter does not follow, or at its own hyphen ("ex-" in "ex-soldier")
        self.off_duty = (
            re.compile(rf"(?<!\w)(?:{words})(?:(?<=-)|(?!\w))", re.IGNORECASE) if words else None
        )

    def country_of(self, text: str) -> str | None:
        """ISO3 of a country name, demonym or capital as written ("North Korean" -> PRK)."""
        return self.country_names.get(_normal(text).lower())

    def groups_in(self, text: str) -> list[tuple[str, Known]]:
        """The armed groups the text names ("the RSF operation"), each as written, in order."""
        if self._groups is None:
            return []
        return [(m.group(), self.named[_normal(m.group())]) for m in self._groups.finditer(text)]

    def struck_place(self, actor: Actor | None) -> bool:
        """Whether an actor the text names is a place people live in or gather at
        (``struck_places``: "village", "hospital"), which never strikes: it is struck."""
        return (actor is not None and actor.basis == "text"
                and actor.text.lower().split()[-1] in self.struck_places)

    def display_name(self, known: Known) -> str | None:
        """The ACLED-style canonical name: "Military Forces of Russia", "Civilians (Ukraine)"."""
        if known.name:
            return known.name
        template = (self.sectors.get(known.sector or "") or {}).get("acled_name")
        country = self.country_display.get(known.country or "")
        if not template:
            return country
        if country is None:
            template = template.replace(" of {country}", "").replace(" ({country})", "")
            return template.replace("{country}", "").replace("{name}", "").strip() or None
        return template.format(country=country, name=country)

    def inter_code(self, sector: str | None) -> int | None:
        """ACLED's interaction code (inter1) for a sector."""
        info = self.sectors.get(sector or "")
        return int(info["inter"]) if info and "inter" in info else None

    def _scan(self, tokens: list[Token]) -> tuple[Known | None, str | None, set[int]]:
        """The longest named entry, the first country mention, and the tokens that mention it."""
        named: Known | None = None
        country: str | None = None
        country_tokens: set[int] = set()
        i = 0
        while i < len(tokens):
            step = 1
            for n in range(min(_MAX_NGRAM, len(tokens) - i), 0, -1):
                words = tokens[i : i + n]
                text = _normal("".join(t.text_with_ws for t in words))
                # a name as the dictionary writes it, or capitalised to start a sentence
                key = text if text in self.named or not words[0].is_sent_start else (
                    text[:1].lower() + text[1:])
                if named is None and key in self.named:
                    named, step = self.named[key], n
                    break
                iso3 = self.country_names.get(text.lower())
                if text.lower() in self.abbreviations and not text.isupper():
                    iso3 = None
                if iso3 and (n > 1 or words[0].text[:1].isupper()) and country in (None, iso3):
                    country = iso3
                    country_tokens.update(t.i for t in words)
                    step = n
                    break
            i += step
        return named, country, country_tokens

    def sector_of(self, tokens: list[Token], head: Token) -> str | None:
        """Sector from the head noun ("troops" MIL), a two-word noun, or a title before a name."""
        lower = head.lower_
        prev = head.nbor(-1).lower_ if head.i > 0 else ""
        for key in (f"{prev} {lower}", f"{prev} {head.lemma_.lower()}"):
            if key in self.nouns:
                return self.nouns[key]
        if head.lemma_.lower() in _MEMBERSHIP and prev in self.nouns:
            return self.nouns[prev]  # "militia commander", "rebel fighters": their group's
        for key in (lower, head.lemma_.lower()):
            if key in self.nouns:
                return self.nouns[key]
        for child in head.lefts:  # "police agents", "civilian vehicle": the modifier says it
            if child.dep_ in ("compound", "amod") and child.lower_ in self.nouns:
                return self.nouns[child.lower_]
        if head.lemma_.lower() in _MEMBERSHIP:  # "a member of the 4th Division": its group's
            for prep in head.rights:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                    for group in prep.children:
                        if group.dep_ == "pobj":
                            return self.sector_of(noun_phrase(group), group)
        if head.ent_type_ == "PERSON" or head.pos_ == "PROPN":
            words = [t.text.lower() for t in tokens]
            for n in (3, 2, 1):
                for k in range(len(words) - n + 1):
                    if " ".join(words[k : k + n]) in self.titles:
                        return self.titles[" ".join(words[k : k + n])]
        return None


_STANCES = frozenset({"anti", "pro", "non"})


def noun_phrase(head: Token) -> list[Token]:
    """The tokens of the phrase headed by ``head``: its left modifiers, itself, and "of X"."""
    left = [t for t in head.subtree if t.i < head.i and _attached_within(t, head)]
    tokens = [*left, head]
    for child in head.rights:
        # ("the rebels of sabotaging the truce": a charge the parse hung on the accused, no name)
        if (child.dep_ == "prep" and child.lower_ == "of"
                and not any(c.dep_ == "pcomp" for c in child.children)) or (
            child.dep_ in ("compound", "appos", "flat") and child.i == tokens[-1].i + 1
        ):
            tokens.extend(child.subtree)
    tokens.sort(key=lambda t: t.i)
    # keep the contiguous stretch that ends at the head
    start = head.i
    for t in reversed([t for t in tokens if t.i <= head.i]):
        if t.i in (start, start - 1):
            start = t.i
    return [t for t in tokens if t.i >= start]


def _attached_within(token: Token, head: Token) -> bool:
    node = token
    while node.i != head.i:
        # ("Russia-led forces", "Iran-backed militias": the leader or backer is an npadvmod,
        # kept in the name as an age word is)
        if node.dep_ not in _PHRASE_DEPS and node.dep_ not in ("punct", "prep", "pobj", "cc") and (
            not _age_word(node)
        ):
            return False
        node = node.head
    return True


def _age_word(token: Token) -> bool:
    """A word of an age written before a noun: "a 30-year-old man" (30 and year)."""
    return token.dep_ == "npadvmod" or (token.dep_ == "nummod" and token.head.dep_ == "npadvmod")


def actor_from(
    head: Token | None,
    dictionary: ActorDictionary,
    offset: int,
    *,
    state_sector: str = "GOV",
    default_sector: str | None = None,
) -> Actor | None:
    """The actor a role's head token names, or None when it names nothing we can code.

    A phrase names an actor when its head is a known organisation or person, a sector noun
    ("troops", "protesters"), a titled person, or a country itself ("Russia warned"); a country
    acting as itself gets ``state_sector`` (MIL for violence, GOV otherwise). "Ukrainian energy
    infrastructure" names no actor, unless the event itself says who they are
    (``default_sector``: whoever protests is a protester).
    """
    if head is None or head.pos_ in ("PRON", "DET", "NUM") or _stance_word(head):
        return None
    tokens = noun_phrase(head)
    head, tokens = _before_credit(head, tokens)
    named, country, country_tokens = dictionary._scan(tokens)
    sector = dictionary.sector_of(tokens, head)
    if country is not None and any(t.lemma_ in _BACKING and t.i - 1 in country_tokens | {
            c + 1 for c in country_tokens} for t in tokens):
        # "Russia-backed forces", "Iran-backed militias": a proxy, an armed group of the land
        # it fights in, not the backer's forces
        country, country_tokens = None, set()
        sector = "REB" if sector == "MIL" else sector
    if named is not None and sector == "CVL" and named.sector != "CVL" and (
        dictionary.country_of(head.text) is None and head.pos_ == "NOUN"
    ):
        # "DPR residents": people the name qualifies, not the group's members
        known = Known(None, named.country or country, "CVL")
    elif named is not None:
        known = Known(named.name, named.country or country, named.sector or sector)
    elif sector is not None:
        known = Known(None, country, sector)
    elif country is not None and head.lemma_.lower() == "side" and head.pos_ == "NOUN":
        # "fire from the Ukrainian side", "the Russian side said": the state, as itself
        known = Known(None, country, state_sector)
    elif country is not None and head.i in country_tokens and any(
            t.i not in country_tokens and t.i < head.i and t.lower_ in dictionary.land_parts
            for t in tokens):
        return None  # "fighting intensifies in E. Ukraine": a part of the land, not its state
    elif country is not None and head.i in country_tokens:
        # "Russia warned" is the state; "Palestinians clashed" are people; but "the Russians
        # shelled" in war news are the state's forces, as the definite article says
        people = head.tag_ in ("NNS", "NNPS") and head.lower_.endswith("s") and not (
            state_sector == "MIL" and any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts)
        )
        known = Known(None, country, "CVL" if people else state_sector)
    elif default_sector is not None and head.pos_ in ("NOUN", "PROPN"):
        known = Known(None, country, default_sector)  # "bus drivers protested": protesters
    else:
        return None
    span: Span = head.doc[tokens[0].i : tokens[-1].i + 1]
    if known.sector in _ON_DUTY and dictionary.off_duty is not None:
        # "an off-duty policeman", "a soldier (off duty)", "an officer who was off duty"
        end = tokens[-1].i + 1
        if end < len(head.doc) and head.doc[end].lower_ in ("(", "who"):
            end = min(len(head.doc), end + 6)  # "a soldier (assumed off-duty)"
        around = head.doc[tokens[0].i : end].text
        if dictionary.off_duty.search(around):
            known = Known(None, known.country, "CVL")
    text = whole = span_text(span)
    if text.lower().startswith(("the ", "a ", "an ")):
        text = text.split(" ", 1)[1]
    return Actor(
        text=text,
        name=dictionary.display_name(known),
        country=known.country,
        sector=known.sector,
        start=offset + span.start_char + (len(whole) - len(text)),
        end=offset + span.end_char,
    )


def _before_credit(head: Token, tokens: list[Token]) -> tuple[Token, list[Token]]:
    """The phrase without a credit a spaced dash joins to it: "shelling by Ukrainian forces -
    DPR defence ministry" names Ukrainian forces (the parser often makes the credit's noun the
    head, and the forces its modifier)."""
    dash = next((k for k, t in enumerate(tokens) if t.text in _DASHES and k > 0 and (
        t.whitespace_ or tokens[k - 1].whitespace_)), None)
    if dash is None or head.i < tokens[dash].i:
        return head, tokens  # (a dash inside a phrase: "a response – Operation X – from India")
    before = tokens[:dash]
    nouns = [t for t in before if t.pos_ in ("NOUN", "PROPN")]
    return (nouns[-1], before) if nouns else (head, tokens)


def _stance_word(head: Token) -> bool:
    """"anti-government protests", "pro-Kremlin rallies": who the stance is about, not who acts."""
    doc = head.doc
    return head.i >= 2 and doc[head.i - 1].text == "-" and doc[head.i - 2].lower_ in _STANCES


def implied_actor(
    sub_event_type: str | None, trigger: str, start: int | None, dictionary: ActorDictionary
) -> Actor | None:
    """The actor an event implies where the text names none ("a protest was held": protesters,
    "a man was shot dead": an unidentified armed group), with the trigger as its evidence.

    ACLED's coders write these actors down the same way; the sector comes from ``implied`` in
    actors.yaml, and the country later from where the event happened (``localise``).
    """
    sector = dictionary.implied.get(sub_event_type or "")
    if sector is None:
        return None
    return Actor(
        text=trigger,
        name=dictionary.display_name(Known(None, None, sector)),
        sector=sector,
        start=start,
        end=start + len(trigger) if start is not None else None,
        basis="event",
    )


def localise(actor: Actor | None, country: str | None) -> Actor | None:
    """An actor with no country of its own takes the country where the event happened.

    "Police fired tear gas" in Nairobi are Kenya's police; international and non-state
    organisations (IGO, NGO) and weapons standing for their users ("a drone struck") keep
    having none.
    """
    if actor is None or actor.country is not None or country is None:
        return actor
    if actor.sector in (None, "IGO", "NGO") or actor.country in ("IGO", "NGO"):
        return actor
    dictionary = actor_dictionary()
    words = actor.text.lower().split() if actor.basis == "text" else []
    if words and dictionary.other_side.intersection(words):
        # "the enemy" is not the place's forces; in a war where one side is an occupier, the
        # occupied side's news names it so ("the occupiers shelled Nikopol": Russia's forces)
        occupier = dictionary.occupiers.get(country)
        if occupier is None or actor.sector not in ("MIL", "GOV"):
            return actor
        return actor.model_copy(update={"country": occupier, "name": dictionary.display_name(
            Known(None, occupier, actor.sector))})
    if words and (any(w in dictionary.unsided for w in words[-2:])
                  or words[-1] in dictionary.abroad):
        # a drone, an embassy says nothing of whose it is; nor does a sniper's fire
        return actor
    generic = dictionary.display_name(Known(None, None, actor.sector))
    if actor.name is not None and actor.name != generic:
        # a group the dictionary names that fights in many lands ("Islamic State", "Al Qaeda")
        # is still itself where it fights: it takes the land, but keeps its name
        return actor.model_copy(update={"country": country})
    known = Known(None, country, actor.sector)
    return actor.model_copy(update={"country": country, "name": dictionary.display_name(known)})


def _country_table() -> dict[str, dict]:
    """ISO3 -> display name and every name/spelling/demonym, from ``countryinfo``'s data."""
    table: dict[str, dict] = {}
    data_dir = package_files.files("countryinfo").joinpath("data")
    for entry in data_dir.iterdir():
        if not entry.name.endswith(".json"):
            continue
        info = json.loads(entry.read_text(encoding="utf-8"))
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3 or not info.get("name"):
            continue
        names = {info["name"], *(s for s in info.get("altSpellings", []) if len(s) > 3)}
        if info.get("demonym"):
            names.add(info["demonym"])
        table[iso3] = {"name": info["name"], "names": sorted(names)}
    return table


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    """The actor dictionary, built once per process."""
    return ActorDictionary(load_yaml("actors.yaml"), _country_table())
