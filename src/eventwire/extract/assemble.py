"""One event from the mentions of one happening: each field from the sentence that tells it.

The third stage of assembly. The event is told by its lead mention (the first with a trigger
of its own: news tells a happening first and best in its lead, then adds to it);
every other mention adds what the lead leaves out: the doer from the sentence that names him,
the place and the date from the sentence that gives them, the toll from a later sentence. Each
field keeps the offsets of the sentence it came from (actors and places carry their own, counts
their text), and the event keeps every supporting sentence in ``supports``.

Counts are never summed across sentences: a happening has one toll, and sentences that count
it again ("Four people were killed", "the four victims") repeat it. The figure told most often
wins, the larger among equals; but the first told wins when larger: news tells the whole toll
first (the headline, the lead) and its parts after ("three people are dead ... Two bailiffs
were killed ... killing Zangaro and Kienzle").
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import COUNTED_STATUSES, Count, DateValue, Event, Evidence, Location
from ..nlp import span_text
from .counts import people_hit
from .links import answers_back, is_interception
from .mentions import PROPERTY_MODES, Mention

_ROLE_FIELDS = ("actor", "recipient")
_FIRST_TOLD = ("size", "weapon", "attribution")
_OWN_PLACE = frozenset({"text", "sentence"})


def merge(mentions: list[Mention]) -> Event:
    """The event that ``mentions`` (one happening, in text order) tell together."""
    told = [m for m in mentions if not m.counts_only]
    # an attack and its interception told together: the attack leads, and the interceptor is
    # none of its roles ("launched 71 missiles ... air defences shot down 38")
    stopped = {id(m) for m in told if is_interception(m)}
    attack = [m for m in told if id(m) not in stopped]
    lead = (attack or told or mentions)[0]
    event = lead.event
    if len(mentions) == 1:
        return _with_wounded(event, mentions)
    # an answer told with what it answers ("Moscow has denied such allegations") is the other
    # party's: it lends the happening none of its doer, target, place or date
    answers = {id(m) for m in told if m is not lead and answers_back(m)}
    events = [m.event for m in mentions
              if (not attack or id(m) not in stopped) and id(m) not in answers] or [event]
    update: dict = {
        "supports": _supports(lead, mentions),
        "confidence": max(e.confidence for e in events),
    }
    for name in _ROLE_FIELDS:
        own = getattr(event, name)
        if own is None or own.basis != "text":
            # the doer or target the lead leaves unnamed, from the first sentence naming one
            named = (getattr(e, name) for e in events)
            update[name] = next((a for a in named if a is not None and a.basis == "text"), own)
        elif own.country is None:
            # "the helicopter" of one sentence is "a US Chinook helicopter" of another: the
            # same noun of the same sector, told in full with its country
            update[name] = next((a for e in events if (a := getattr(e, name)) is not None
                                 and a.basis == "text" and a.country and a.sector == own.sector
                                 and _noun(a.text) == _noun(own.text)), own)
    for name in _FIRST_TOLD:
        if getattr(event, name) is None:
            update[name] = next((getattr(e, name) for e in events if getattr(e, name)), None)
    for name in ("killed", "injured"):
        update[name] = toll([getattr(e, name) for e in events])
    update["location"] = _place(event, events)
    update["date"] = _date(event, events)
    if event.mode is None:
        # burning and looting told after an attack colour it, as within one sentence
        moded = next(
            (e for e in events if e.type == event.type and e.mode and e.mode not in PROPERTY_MODES),
            None,
        )
        if moded is not None:
            update.update(mode=moded.mode, acled=moded.acled, cameo=moded.cameo)
    return _with_wounded(event.model_copy(update=update), mentions)


def _noun(text: str) -> str:
    """The last word of an actor's words: the noun it is named by."""
    words = text.lower().split()
    return words[-1] if words else ""


def _with_wounded(event: Event, mentions: list[Mention]) -> Event:
    """The event with the people it hit that it does not count dead counted wounded: news
    tells who was shot in one sentence and who died in another ("Five people were shot
    outside a club ... One of them died at the hospital": four wounded), and a victim shot
    whom no sentence tells dead lived ("A boy was shot Saturday" and no more: one wounded).
    Where the sentences count more wounded than that, their count stands."""
    if event.type != "ASSAULT" or event.status not in COUNTED_STATUSES:
        return event
    hits = [c for m in mentions if (c := people_hit(span_text(m.sentence))) is not None]
    if not hits:
        return event
    hit = _victims_toll(hits)
    dead = event.killed.value if event.killed is not None else 0
    wounded = hit.value - dead
    if wounded <= 0 or (event.injured is not None and event.injured.value >= wounded):
        return event
    return event.model_copy(update={"injured": Count(value=wounded, text=hit.text)})


def toll(values: list[Count | None]) -> Count | None:
    """The one count of a happening told by several sentences: the figure told most often, the
    larger among equals, unless the first told is larger (the whole toll, told before its
    parts); never their sum. Victims told one by one by name ("Ray Dunn, 20, was killed ...
    Maria Ortiz died at the hospital") are as many as their names, where that is more. The
    death of the doer of a shooting of many, told apart ("the gunman killed himself"), adds
    one."""
    told = [c for c in values if c is not None]
    if not told:
        return None
    count = _victims_toll(told)
    doers = [c for c in told if _doer_death(c)]
    if count.value >= 2 and doers and not _DOER.search(count.text):
        # "killed three people ... The gunman then took his own life": a shooting of many
        # told with its doer's death apart; the doer's death adds to the victims' toll
        doer = doers[0]
        return count.model_copy(update={
            "value": count.value + 1,
            "low": None if count.low is None else count.low + 1,
            "high": None if count.high is None else count.high + 1,
            "text": f"{count.text}; {doer.text}",
        })
    return count


# the doer of the deed, dead by his own hand or another's: "killed himself", "the gunman is
# dead", "the suspect was shot and killed by officers"
_DOER = re.compile(r"\b(?:himself|herself|gunman|shooter|suspect|attacker|assailant|killer)\b",
                   re.IGNORECASE)


def _doer_death(count: Count) -> bool:
    return count.value == 1 and bool(_DOER.search(count.text))


def _victims_toll(told: list[Count]) -> Count:
    times = Counter(c.value for c in told)
    best = max(times.values())
    count = max((c for c in told if times[c.value] == best), key=lambda c: c.value)
    if told[0].value > count.value:
        count = told[0]
    names = {name: c for c in told if c.value == 1 and (name := _victim_name(c.text))}
    if len(names) > count.value:
        return Count(value=len(names), text="; ".join(c.text for c in names.values()))
    return count


_NAME = re.compile(r"^(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+(?=[\s,])")
_NOT_NAMES = frozenset({"The", "A", "An", "One", "Another", "Police", "Officials", "Authorities"})


def _victim_name(text: str) -> str | None:
    """The name a one-person count opens with ("Ray Dunn, 20, was killed"), or ``None``."""
    found = _NAME.match(text)
    if found is None or found.group(0).split()[0] in _NOT_NAMES:
        return None
    return found.group(0)


def _supports(lead: Mention, mentions: list[Mention]) -> list[Evidence]:
    seen = {(lead.start, lead.end)}
    out = []
    for mention in mentions:
        span = (mention.start, mention.end)
        if span not in seen:
            seen.add(span)
            out.append(mention.event.evidence)
    return out


def _place(lead: Event, events: list[Event]) -> Location | None:
    """The lead's own place, else the first place a supporting sentence names itself, else
    what the lead's context gave (its paragraph, the dateline)."""
    own_places = [e.location for e in events
                  if e.location is not None and e.location.basis in _OWN_PLACE]
    if lead.location is not None and lead.location.basis in _OWN_PLACE:
        if lead.location.feature == "country":
            # "Three people died during protests in Bolivia" and, told on, "clashes in
            # Senkata, El Alto": the happening's place is the one inside the country
            inside = next((p for p in own_places if p.country == lead.location.country
                           and p.feature not in ("country", "region", "sea", "continent")),
                          None)
            return inside or lead.location
        return lead.location
    return (own_places or [None])[0] or lead.location


def _date(lead: Event, events: list[Event]) -> DateValue | None:
    """The lead's date when the text gives it, else the first date a supporting sentence gives,
    else the lead's (the publication date)."""
    if lead.date is not None and lead.date.basis != "published":
        return lead.date
    dated = next((e.date for e in events if e.date is not None and e.date.basis != "published"),
                 None)  # fmt: skip
    return dated or lead.date
