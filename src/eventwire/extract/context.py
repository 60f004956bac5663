"""What the article tells beyond the sentence: the last stage of assembly.

- The doer of a strike the sentence leaves unnamed ("a missile hit a school") is the one side
  the article names making such strikes elsewhere ("Russia launched 40 missiles overnight"),
  when it names exactly one that is not the side struck.
- A statement is placed where it was made (its own sentence, or the dateline), or nowhere; not
  where the paragraph's or the article's event happened.
- What did not happen or is only imagined (negated, hypothetical) is not written down.
- A happening the text dates well before publication is background when the article also
  tells a recent one of its kind: the news is the latest, the rest explains it.
- The doer of an attack on one side's forces that the sentence leaves unnamed ("three soldiers
  were killed") is the one armed side the article names against them elsewhere ("Russia-led
  forces violated the ceasefire 13 times", "the army's battle to oust pro-Russian gunmen").
- A place people live in or gather at is never the doer of an attack, but what it struck.
- "The occupiers" or "the enemy" with no place named are the occupier of the country whose
  side faces them (actors.yaml ``occupiers``).
- The dead of a strike from afar told by their number alone are civilians (implied).
- An act of war no one names the doer of, in a known war's land and time, was done by the side
  facing the one it struck (``theatres.attribute``, resources/theatres.yaml).
- A killing or an attack on the ground no sentence names the doer of was done by the one armed
  group the article names (actors.yaml organisations of sectors REB, MLT), in that group's land.
- An event with no doer named anywhere gets the one it implies (``actors.implied_actor``): done
  last, so that merging and type choice still see the actor as missing.

Vocabulary: ``resources/context.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..model import COUNTED_STATUSES, Actor, DateValue, Event
from ..resources import load_yaml
from .actors import Known, actor_dictionary, implied_actor, localise
from .happening import family
from .theatres import attribute


@dataclass(frozen=True)
class ContextWords:
    unnamed_doer_modes: frozenset[str]
    implied_victims_modes: frozenset[str]
    striking_sectors: frozenset[str]
    opponent_sectors: frozenset[str]
    state_sectors: frozenset[str]
    statement_types: frozenset[str]
    statement_place_bases: frozenset[str]
    unwritten_statuses: frozenset[str]
    addressed_types: frozenset[str]
    body_addressed_types: frozenset[str]
    mission_nouns: frozenset[str]
    background_days: int


@lru_cache(maxsize=1)
def context_words() -> ContextWords:
    data = load_yaml("context.yaml")
    lists = {key: frozenset(map(str, data[key])) for key in data
             if key not in ("background_days", "anaphora")}
    return ContextWords(**lists, background_days=int(data["background_days"]))


def fill_from_context(events: list[Event], published: date | None = None, *,
                      country: str | None = None) -> list[Event]:
    """The article's events with what their sentences leave out filled from the rest, and
    without the background (``published``: the article's publication date; ``country``: the
    one the article is about, where it names one surely)."""
    unreal = context_words().unwritten_statuses
    events = without_background([e for e in events if e.status not in unreal], published)
    events = _named_again(events)
    doers = _strikers(events)
    sides = _armed_sides(events)
    groups = _groups_named(events)
    filled = []
    for event in events:
        event = _occupier_faced(_article_doer(_place_struck(event), doers))
        event = _opponent(_same_land(event), sides)
        event = attribute(_statement_place(event), country=country)
        event = _group_named(event, groups)
        event = _mission_host(_home_actors(_implied_victims(_with_implied_actor(event)), country))
        filled.append(event)
    addressees = _addressees(filled)
    return [_home_recipient(e, addressees.get(e.evidence.start), country) for e in filled]


def _addressees(events: list[Event]) -> dict[int, Actor]:
    """The recipient each sentence names for a statement or a deed of the kinds news addresses
    to someone (by the sentence's start): "opposed the US decision, warning that ..." warns
    the US."""
    words = context_words()
    kinds = words.statement_types | words.addressed_types
    found: dict[int, Actor] = {}
    for event in events:
        if event.type in kinds and event.recipient is not None and event.recipient.basis == "text":
            found.setdefault(event.evidence.start, event.recipient)
    return found


def _state_of(country: str, text: str | None = None) -> Actor:
    """The government of ``country``, a recipient the context gives (named by ``text``)."""
    name = actor_dictionary().display_name(Known(None, country, "GOV"))
    return Actor(text=text or name, name=name, country=country, sector="GOV", basis="article")


def _mission_host(event: Event) -> Event:
    """What a state's embassy or mission in another state does is done to the host: "Bangladesh's
    high commission in New Delhi suspended visa services" is a step against India (the place
    the sentence gives, in another country than the mission's own)."""
    actor, where = event.actor, event.location
    if (event.recipient is not None or actor is None or actor.basis != "text"
            or actor.country is None or where is None or where.country in (None, actor.country)
            or where.basis not in ("text", "sentence")):
        return event
    text = f" {actor.text.lower()} "
    if not any(f" {noun} " in text for noun in context_words().mission_nouns):
        return event
    return event.model_copy(update={"recipient": _state_of(where.country, where.text)})


def _home_recipient(event: Event, addressee: Actor | None, country: str | None) -> Event:
    """Aid, a demand, an accusation, a threat or a sanction that names no recipient is
    addressed to the one its sentence addresses another statement to ("opposed the US
    decision, warning that it could lead to war"), else, by a foreign side, to the country the
    article is about: "Britain's military aid" in a story about Ukraine, "a US commission
    warned of attacks on minorities" in one about India. News names whom such a deed is for
    once, then leaves it out."""
    actor = event.actor
    if (event.recipient is not None or actor is None or actor.basis != "text"
            or event.type not in context_words().addressed_types):
        return event
    if addressee is not None and addressee.name != actor.name:
        return event.model_copy(update={"recipient": addressee})
    if country is None or actor.country in (None, country):
        return event
    if (actor.country in ("IGO", "NGO") or actor.sector in ("IGO", "NGO")) and (
            event.type not in context_words().body_addressed_types):
        return event
    return event.model_copy(update={"recipient": _state_of(country)})


def _named_again(events: list[Event]) -> list[Event]:
    """A state's forces struck, named by their machine with no country ("claimed responsibility
    for shooting down the helicopter"), are those the article names by the same machine with
    their country ("a US Chinook helicopter was shot down"): news names a thing once in full,
    then by its noun alone (actors.yaml ``hardware``)."""
    words = context_words()
    hardware = actor_dictionary().hardware

    def noun(actor: Actor | None) -> str | None:  # the machine a state's forces are named by
        if actor is None or actor.basis != "text" or actor.sector not in words.state_sectors:
            return None
        last = actor.text.lower().split()[-1:]
        return last[0] if last and last[0] in hardware else None

    full: dict[tuple[str, str | None], Actor] = {}
    for event in events:
        for actor in (event.actor, event.recipient):
            if actor is not None and actor.country is not None and (key := noun(actor)):
                full.setdefault((key, actor.sector), actor)

    def again(actor: Actor | None) -> Actor | None:
        key = noun(actor)
        if actor is None or actor.country is not None or key is None:
            return actor
        named = full.get((key, actor.sector))
        if named is None:
            return actor
        return actor.model_copy(update={"country": named.country, "name": named.name})

    return [e if (r := again(e.recipient)) is e.recipient
            else e.model_copy(update={"recipient": r}) for e in events]


def _home_actors(event: Event, country: str | None) -> Event:
    """An event placed nowhere (a statement made where the text does not say) whose state
    actors have no country takes the one the article is about: "called on the 'interim'
    government" in a story from Bolivia is Bolivia's government, "called on authorities" in one
    from India India's police. (An event with a place takes the place's country later; meetings
    are held abroad; people and armed groups may be anyone's, in a digest of many lands.)"""
    if event.location is not None or country is None or event.type == "CONSULT":
        return event
    states = context_words().state_sectors

    def home(actor: Actor | None) -> Actor | None:
        return localise(actor, country) if actor is not None and actor.sector in states else actor

    actor, recipient = home(event.actor), home(event.recipient)
    if actor is event.actor and recipient is event.recipient:
        return event
    return event.model_copy(update={"actor": actor, "recipient": recipient})


def without_background(events: list[Event], published: date | None) -> list[Event]:
    """The events that are news: a happening the text dates well before publication is
    background when the article also tells a recent one of its kind (the news is the latest;
    "the 2009 shooting on the same base" is told to explain it). An article about an old
    happening (a trial, an anniversary, an arrest) keeps it: an old toll is dropped only when a
    recent happening of its kind has a toll of its own."""
    if published is None:
        return events
    limit = published - timedelta(days=context_words().background_days)

    def old(event: Event) -> bool:
        when = event.date
        return when is not None and when.basis != "published" and _last_day(when) < limit

    recent = [e for e in events if e.status in COUNTED_STATUSES and not old(e)]
    kinds = {family(e) for e in recent}
    # a follow-up (an arrest, a charge, a funeral) names the happening it follows up again
    # ("the shooting"): an old toll is background only when the news tells a toll of its own
    tolled = {family(e) for e in recent if _tolled(e)}
    return [e for e in events
            if not (old(e) and family(e) in (tolled if _tolled(e) else kinds))]


def _tolled(event: Event) -> bool:
    return event.killed is not None or event.injured is not None


def _last_day(when: DateValue) -> date:
    """The last day a date can stand for ("in March": the end of March)."""
    span = {"day": 0, "week": 6, "month": 30, "year": 365}.get(when.precision, 0)
    return when.value + timedelta(days=span)


def _strikers(events: list[Event]) -> list[tuple[Actor, set[str]]]:
    """The doers the article names for its strikes from afar, one per country, each with the
    countries its named strikes hit."""
    words = context_words()
    by_country: dict[str, Actor] = {}
    theatres: dict[str, set[str]] = {}
    for event in events:
        actor = event.actor
        if (
            event.type == "ASSAULT"
            and event.mode in words.unnamed_doer_modes
            and actor is not None
            and actor.basis == "text"
            and actor.country
            and actor.sector in words.striking_sectors
        ):
            by_country.setdefault(actor.country, actor)
            if event.location is not None and event.location.country:
                theatres.setdefault(actor.country, set()).add(event.location.country)
    return [(actor, theatres.get(country, set())) for country, actor in by_country.items()]


def _article_doer(event: Event, strikers: list[tuple[Actor, set[str]]]) -> Event:
    """A strike with no doer named: the one side the article names striking, unless that side
    is the one struck (its own towns, its own forces) or strikes elsewhere: where its strikes
    are placed, in their countries; where not, in the countries of the sides named (a digest of
    two wars: Russia's strikes say nothing of drones over Darfur)."""
    if event.actor is not None or event.type != "ASSAULT":
        return event
    if event.mode is not None and event.mode not in context_words().unnamed_doer_modes:
        return event  # a shooting or a stabbing: its doer is not the side that strikes
    struck = {
        event.location.country if event.location else None,
        event.recipient.country if event.recipient else None,
    }
    where = event.location.country if event.location else None
    parties = {a.country for a, _ in strikers}
    sides = [a for a, theatre in strikers if a.country not in struck and (
        where is None or where in theatre or (not theatre and where in parties))]
    if len(sides) != 1:
        return event
    doer = sides[0].model_copy(update={"basis": "article"})
    return event.model_copy(update={"actor": doer})


def _groups_named(events: list[Event]) -> list[Actor]:
    """The armed groups (no state's: actors.yaml organisations of sectors REB, MLT) the
    article's sentences name, one per group, as first written."""
    dictionary = actor_dictionary()
    found: dict[str | None, Actor] = {}
    for event in events:
        for said, known in dictionary.groups_in(event.evidence.text):
            found.setdefault(known.name, Actor(
                text=said, name=dictionary.display_name(known), country=known.country,
                sector=known.sector, basis="article"))
    return list(found.values())


def _group_named(event: Event, groups: list[Actor]) -> Event:
    """A killing or an attack on the ground no one is named doing ("investigators concluded
    that acts of genocide were committed: killing members of protected groups") was done by
    the one armed group the article names ("the RSF operation bore the characteristics of
    genocide"), when it names one only, of the land the deed happened in, and not as the one
    struck. (Strikes from afar are more often a state's: ``_article_doer``.)"""
    if (event.actor is not None or event.type != "ASSAULT" or len(groups) != 1
            or event.mode in context_words().unnamed_doer_modes):
        return event
    group = groups[0]
    where = event.location.country if event.location is not None else None
    if where not in (None, group.country) or (
            event.recipient is not None and event.recipient.name == group.name):
        return event
    return event.model_copy(update={"actor": group})


def _place_struck(event: Event) -> Event:
    """A place people live in or gather at never strikes ("One dead as hospital hit in Donetsk
    shelling": the parser took a headline's passive for its doer): it is what was struck
    (actors.yaml ``struck_places``)."""
    actor = event.actor
    if event.type != "ASSAULT" or not actor_dictionary().struck_place(actor):
        return event
    recipient = event.recipient if event.recipient is not None else actor
    return event.model_copy(update={"actor": None, "recipient": recipient})


def _occupier_faced(event: Event) -> Event:
    """"The occupiers", "the enemy" with no place to say whose forces they are: the occupier
    of the country whose side faces them ("Ukraine's forces killed 800 occupiers", "the enemy
    shelled Ukrainian positions"), as where the event happened in that country."""
    dictionary = actor_dictionary()
    pairs = ((event.actor, event.recipient, "actor"), (event.recipient, event.actor, "recipient"))
    for one, other, role in pairs:
        if (one is None or other is None or one.country is not None or one.basis != "text"
                or one.sector not in ("MIL", "GOV")
                or not dictionary.other_side.intersection(one.text.lower().split())):
            continue
        occupier = dictionary.occupiers.get(other.country or "")
        if occupier is not None and occupier != other.country:
            name = dictionary.display_name(Known(None, occupier, one.sector))
            return event.model_copy(update={role: one.model_copy(
                update={"country": occupier, "name": name})})
    return event


def _same_land(event: Event) -> Event:
    """A state's forces named with no country, fighting an armed group of a country, are that
    country's: "Taliban kill 12 soldiers", "troops killed three rebels in Darfur" (a civil war's
    sides are of one land; the place, where given, says so too)."""
    actor, target = event.actor, event.recipient
    if event.type != "ASSAULT" or actor is None or target is None:
        return event
    where = event.location.country if event.location is not None else None
    words = context_words()
    for one, other, role in ((actor, target, "recipient"), (target, actor, "actor")):
        if (one.country is not None and where in (None, one.country)
                and one.sector in words.opponent_sectors
                and one.sector not in words.state_sectors and other.country is None
                and other.sector in words.state_sectors and other.basis == "text"
                and not actor_dictionary().other_side.intersection(other.text.lower().split())):
            name = actor_dictionary().display_name(Known(None, one.country, other.sector))
            return event.model_copy(update={role: other.model_copy(
                update={"country": one.country, "name": name})})
    return event


def _armed_sides(events: list[Event]) -> list[Actor]:
    """The armed sides the article names, one per side (``_side``): every event's doer, and the
    target of every attack, that is a state's forces or an armed group the text names."""
    armed = context_words().opponent_sectors
    found: dict[tuple[str | None, bool], Actor] = {}
    for event in events:
        for actor in (event.actor, event.recipient if event.type == "ASSAULT" else None):
            if actor is not None and actor.basis == "text" and actor.sector in armed:
                found.setdefault(_side(actor), actor)
    return list(found.values())


def _side(actor: Actor) -> tuple[str | None, bool]:
    """A side: its country and whether it is a state's (forces, police, government)."""
    return actor.country, actor.sector in context_words().state_sectors


def _opponent(event: Event, sides: list[Actor]) -> Event:
    """An attack on one side's forces with no doer named: the one other armed side the article
    names, when it names exactly one. Another side is a state's where the target is an armed
    group's (or the other way round), or of another country where both name one ("troops" with
    no country may be the target's own)."""
    target = event.recipient
    if event.actor is not None or event.type != "ASSAULT" or target is None:
        return event
    if target.sector not in context_words().opponent_sectors:
        return event
    others = [a for a in sides if _side(a)[1] != _side(target)[1] or (
        a.country is not None and target.country is not None and a.country != target.country)]
    if len(others) != 1:
        return event
    doer = others[0].model_copy(update={"basis": "article"})
    return event.model_copy(update={"actor": doer})


def _statement_place(event: Event) -> Event:
    words = context_words()
    location = event.location
    if (
        event.type in words.statement_types
        and location is not None
        and location.basis not in words.statement_place_bases
    ):
        return event.model_copy(update={"location": None})
    return event


def _implied_victims(event: Event) -> Event:
    """The dead and wounded of a strike from afar told by their number alone ("a missile strike
    on Odesa kills four", "shelling of Kherson killed two and wounded five") are people, as war
    news names soldiers as soldiers: the event implies civilians, with the count as evidence."""
    words = context_words()
    count = event.killed or event.injured
    if (event.type != "ASSAULT" or event.recipient is not None or count is None
            or count.text is None or event.mode not in words.implied_victims_modes):
        return event
    if event.actor is not None and event.actor.sector not in words.striking_sectors:
        return event
    name = actor_dictionary().display_name(Known(None, None, "CVL"))
    victims = Actor(text=count.text, name=name, sector="CVL", basis="event")
    return event.model_copy(update={"recipient": victims})


def _with_implied_actor(event: Event) -> Event:
    """An event whose text names no doer gets the one it implies (see ``implied_actor``)."""
    if event.actor is not None or event.acled is None or event.trigger is None:
        return event
    at = event.evidence.text.find(event.trigger)
    start = event.evidence.start + at if at >= 0 else None
    actor = implied_actor(event.acled.sub_event_type, event.trigger, start, actor_dictionary())
    return event if actor is None else event.model_copy(update={"actor": actor})
