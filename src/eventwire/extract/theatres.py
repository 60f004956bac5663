"""The doer of an act of war no one names, from the war it happened in.

A careful coder (UCDP, ACLED) who reads "a Ukrainian soldier was killed in shelling near
Marinka" in 2017 writes the DPR's forces as the doer: in the war fought there and then, no one
else shelled Ukraine's positions. The wars, their land, dates and two sides are data
(``resources/theatres.yaml``). An event gets a doer from its war (basis ``"theatre"``, with its
trigger as the evidence, so a reviewer sees it is an inference) only where all of these hold:

- it is a battle, a shelling or an air or drone strike that happened (the YAML's ``acts`` and
  ``modes``): never a shooting, a stabbing, a mine or a crime;
- nobody did it by the text: neither its sentence nor the article names a doer (a weapon alone,
  "a drone struck", names none);
- its date (its own, or the article's) lies within one war's dates, and its place, where the
  text gives one, within that war's land (a country named alone is not outside it);
- what it struck belongs to one side: that side's forces ("a Ukrainian soldier"), or, for a
  strike from afar, civilians or a town in land the side held then, or nothing named in such
  a town itself (not "near" it: that may be its own guns firing out). A battle
  with neither side named ("heavy fighting near Debaltseve") is the war's two sides.

"The enemy", "the occupiers" the text names as the doer or the struck are, in one war's land
and days, the side facing that land's state: the DPR's forces in the Donbas of 2017, Russia's
in Ukraine from 2022, Ukraine's in Belgorod; a battle the enemy fought, no one else named, it
fought against that state's forces ("Ukraine reports 40 enemy attacks in the past day").

Without a place, the country the article is about tells the war's land (a country named alone
is not outside it); without either, only the forces struck can tell the war, and only where
their side fights in one war at that date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..geo.gazetteer import loose_key, normalize
from ..model import COUNTED_STATUSES, Actor, Event, Location
from ..resources import load_yaml
from .actors import actor_dictionary, localise
from .ontology import ontology

_STATE = frozenset({"MIL", "COP", "GOV"})
_STATE_MEMBERS = frozenset({"MIL", "COP"})
_PEOPLE = frozenset({"CVL", "HLH", "MED"})  # the people and places a strike hits
_WIDE = frozenset({"country", "admin1", "region", "sea"})  # places that are no town


@dataclass(frozen=True)
class Side:
    name: str
    country: str
    sector: str
    members: frozenset[str]  # sectors of the victims that are this side's

    def owns(self, actor: Actor) -> bool:
        """Whether ``actor`` (a victim) is this side: its forces, or it by name."""
        if actor.name == self.name:
            return True
        if actor.sector not in self.members or actor.basis != "text":
            return False
        if self.sector in _STATE:
            return actor.country == self.country
        return actor.country in (None, self.country)


@dataclass(frozen=True)
class Held:
    side: int
    country: str
    admin1: frozenset[str]  # loose keys
    cities: frozenset[str]  # loose keys; none: the admin1 units whole
    start: date | None
    end: date | None

    def holds(self, where: Location, when: date) -> bool:
        if where.country != self.country or not _within(when, self.start, self.end):
            return False
        if _key(where.admin1) not in self.admin1:
            return False
        if not self.cities:
            return where.feature != "country"
        if where.feature in _WIDE:
            return False  # "Donetsk region" is not the city of Donetsk
        return bool({_key(where.name), _key(where.text)} & self.cities)


@dataclass(frozen=True)
class Theatre:
    name: str
    start: date
    end: date | None
    land: dict[str, frozenset[str]]  # country -> admin1 loose keys (empty: all of it)
    sides: tuple[Side, Side]
    held: tuple[Held, ...]

    def at(self, when: date) -> bool:
        return _within(when, self.start, self.end)

    def covers(self, where: Location) -> bool:
        """Whether ``where`` lies in the war's land; a country named alone is not outside it."""
        units = self.land.get(where.country or "")
        if units is None:
            return False
        return not units or where.admin1 is None or _key(where.admin1) in units

    def holder(self, where: Location, when: date) -> int | None:
        sides = {h.side for h in self.held if h.holds(where, when)}
        return sides.pop() if len(sides) == 1 else None


def _key(name: str | None) -> str:
    return loose_key(normalize(name)) if name else ""


def _within(when: date, start: date | None, end: date | None) -> bool:
    return (start is None or when >= start) and (end is None or when <= end)


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None


def _names(value: object) -> frozenset[str]:
    names = [value] if isinstance(value, str) else list(value or [])  # type: ignore[call-overload]
    return frozenset(_key(str(n)) for n in names)


@dataclass(frozen=True)
class Acts:
    sub_events: frozenset[str]
    from_afar: frozenset[str]
    modes: frozenset[str]
    tolls: frozenset[str]


@lru_cache(maxsize=1)
def acts() -> Acts:
    """What the sides of a war do to each other (``acts``, ``from_afar``, ``modes``)."""
    data = load_yaml("theatres.yaml")
    return Acts(frozenset(data["acts"]), frozenset(data["from_afar"]), frozenset(data["modes"]),
                frozenset(data.get("tolls") or ()))


@lru_cache(maxsize=1)
def theatres() -> tuple[Theatre, ...]:
    """The wars of ``resources/theatres.yaml``."""
    found = []
    for entry in load_yaml("theatres.yaml")["theatres"]:
        sides = tuple(
            Side(s["name"], s["country"], s["sector"], frozenset(
                s.get("members") or (_STATE_MEMBERS if s["sector"] in _STATE else ())))
            for s in entry["sides"])
        held = tuple(
            Held(int(h["side"]), h["country"], _names(h.get("admin1")), _names(h.get("cities")),
                 _day(h.get("from")), _day(h.get("until")))
            for h in entry.get("held") or [])
        found.append(Theatre(
            entry["name"], entry["from"], _day(entry.get("until")),
            {country: _names(units) for country, units in entry["land"].items()},
            (sides[0], sides[1]), held))
    return tuple(found)


def attribute(event: Event, *, country: str | None = None) -> Event:
    """``event`` with the doer its war implies, where the text names none (see the module);
    ``country``: the one the article is about, the war's land for an event placed nowhere
    ("four killed in E. Ukraine fighting")."""
    event = _enemy_named(event, country)
    acled, war_acts = event.acled, acts()
    if _bare_toll(event, war_acts):
        return _war_battle(event, country)
    if (acled is None or acled.sub_event_type not in war_acts.sub_events
            or (event.mode is not None and event.mode not in war_acts.modes)
            or event.status not in COUNTED_STATUSES or event.date is None
            or not _unnamed(event.actor)):
        return event
    when = event.date.value
    where = event.location
    wars = [t for t in theatres() if t.at(when) and (
        t.covers(where) if where is not None else country is None or country in t.land)]
    # "soldiers" with no country are the forces of the land they fell in, as the pipeline
    # reads them once the event is placed (``localise``)
    target = localise(event.recipient, where.country if where is not None else None)
    struck = [(war, side) for war in wars
              if (side := _struck_side(war, target, where, when, acled.sub_event_type)) is not None]
    if struck:
        if where is None and len(struck) > 1:
            return event  # the forces struck fight in two wars: no place, no war
        return _filled(event, *struck[0])
    if (acled.sub_event_type == "Armed clash" and _bystanders(target)
            and (where is not None or country is not None) and len(wars) == 1):
        # fighting with no side named, or naming only the civilians it killed ("civilians
        # killed amid fierce fighting in the east"): a battle of the war's two sides, as ACLED
        # and UCDP code it (the dead are its toll)
        return _filled(event, wars[0], 1, both=True)
    return event


def _enemy_named(event: Event, country: str | None) -> Event:
    """"The enemy", "the occupiers" in one war's land and days: the side facing the state of
    that land ("enemy sniper kills soldier near Avdiivka" in 2019: the DPR's forces, not
    Russia's; "the enemy shelled Belgorod" in 2024: Ukraine's)."""
    if event.date is None or event.type != "ASSAULT":
        return event
    where = event.location
    land = where.country if where is not None else country
    wars = _wars_of(event, country)
    if len(wars) != 1:
        return event
    states = [i for i, side in enumerate(wars[0].sides)
              if side.sector in _STATE and side.country == land]
    if len(states) != 1:
        return event
    enemy = wars[0].sides[1 - states[0]]
    dictionary = actor_dictionary()
    update = {}
    for role in ("actor", "recipient"):
        one = getattr(event, role)
        if (one is not None and one.basis == "text" and one.sector in _STATE
                and one.country != land
                and dictionary.other_side.intersection(one.text.lower().split())):
            update[role] = one.model_copy(update={"name": enemy.name, "country": enemy.country,
                                                  "sector": enemy.sector})
    if ("actor" in update and event.recipient is None and event.acled is not None
            and event.acled.sub_event_type == "Armed clash"):
        # "66 enemy attacks in the past day": the enemy is named by the side it attacks
        update["recipient"] = _side_actor(event, wars[0].sides[states[0]], keep=None)
    return event.model_copy(update=update) if update else event


def _bare_toll(event: Event, war_acts: Acts) -> bool:
    """A toll with no act, doer or victim named ("five killed in the east")."""
    return (event.acled is not None and event.acled.sub_event_type in war_acts.tolls
            and event.mode is None and event.recipient is None and _unnamed(event.actor)
            and (event.killed is not None or event.injured is not None)
            and event.status in COUNTED_STATUSES and event.date is not None)  # fmt: skip


def _war_battle(event: Event, country: str | None) -> Event:
    """A bare toll in one war's land and days as that war's battle (its two sides), else as
    it is."""
    wars = _wars_of(event, country)
    if len(wars) != 1:
        return event
    coding = ontology().coding("ASSAULT", "clash")
    battle = event.model_copy(update={"mode": "clash", "acled": coding.acled,
                                      "cameo": coding.cameo, "intensity": coding.intensity})
    return _filled(battle, wars[0], 1, both=True)


def _wars_of(event: Event, country: str | None) -> list[Theatre]:
    """The wars fought where and when a dated event happened: at its place, or in ``country``
    (the one the article is about) for an event placed nowhere."""
    assert event.date is not None
    where = event.location
    return [t for t in theatres() if t.at(event.date.value) and (
        t.covers(where) if where is not None else country is not None and country in t.land)]


def _bystanders(target: Actor | None) -> bool:
    """No one struck named, or only people no side of a war counts as its own."""
    return target is None or (target.sector in _PEOPLE and target.basis == "text")


def _unnamed(actor: Actor | None) -> bool:
    """No doer named: none, one the event implies, or a weapon alone ("a drone struck")."""
    if actor is None or actor.basis == "event":
        return True
    words = actor.text.lower().split()
    # (or its work: "sniper fire", "a sniper's bullet")
    return (actor.basis == "text" and actor.country is None and bool(words)
            and any(w in actor_dictionary().unsided for w in words[-2:]))


def _struck_side(war: Theatre, target: Actor | None, where: Location | None, when: date,
                 sub_event: str) -> int | None:
    """The side of the war that was struck: the victims' own, or, for a strike from afar on
    people, places or nothing named, the side that held the land."""
    if target is not None and _unnamed(target) and target.basis == "text":
        target = None  # "shot down 20 drones over Kyiv": the weapon is no one struck
    if target is not None:
        owners = [i for i, side in enumerate(war.sides) if side.owns(target)]
        if len(owners) == 1:
            return owners[0]
        if target.sector not in _PEOPLE:
            return None
    if sub_event not in acts().from_afar or where is None:
        return None
    if target is None and where.precision != 1:
        return None  # "explosions near Horlivka" may be its own guns firing out
    return war.holder(where, when)


def _filled(event: Event, war: Theatre, struck: int, *, both: bool = False) -> Event:
    doer = _side_actor(event, war.sides[1 - struck], keep=event.actor)
    update = {"actor": doer}
    if both:
        update["recipient"] = _side_actor(event, war.sides[struck], keep=None)
    return event.model_copy(update=update)


def _side_actor(event: Event, side: Side, *, keep: Actor | None) -> Actor:
    """The side as an actor inferred from the war: a weapon named keeps its words ("Drone"),
    else the trigger is the evidence."""
    if keep is not None and keep.basis == "text":
        return keep.model_copy(update={"name": side.name, "country": side.country,
                                       "sector": side.sector, "basis": "theatre"})
    trigger = event.trigger or event.evidence.text
    at = event.evidence.text.find(trigger)
    start = event.evidence.start + at if at >= 0 else None
    return Actor(text=trigger, name=side.name, country=side.country, sector=side.sector,
                 start=start, end=start + len(trigger) if start is not None else None,
                 basis="theatre")
