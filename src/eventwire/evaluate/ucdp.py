"""UCDP GED: code each row's source headlines and compare deaths, place and the two sides.

Rules (also written into every result's ``notes``):

- Text: the row's ``source_headline`` field, one headline per paragraph (";" split), each
  closed with a full stop where it has none (else the clean stage takes short unpunctuated
  lines for page chrome and drops them). Its published date: the row's earliest
  ``source_date`` (the news's own date, as a feed gives it; UCDP's event dates are not read).
- Deaths: the largest ``killed`` among counted events (0 when none); "best" is exact equality
  with UCDP's best estimate, "within" is low <= ours <= high.
- Place: the main event's location (a counted event, one with a death toll before others, then
  the most confident; where it lacks a location, the most confident counted event that has
  one), within 25 km of UCDP's point, over rows with where_prec <= 2.
- Violent event found: some counted event is violent (ASSAULT, or one ACLED types as battles,
  explosions or violence against civilians), over rows with a headline that tells something
  (five words or more: many rows' headlines are a bare place name or a report's title).
- Sides, best effort: a side is found when some counted event's actor or recipient matches it:
  "Government of X" by a state actor (sector GOV, MIL, COP, ...) of X's country, or one of no
  sector named by an alias of X's (never X's civilians or armed groups); other sides
  by their name or an alias (``ucdp_side_aliases`` in resources/evaluation.yaml) appearing in
  the actor's name or text, or the actor's name appearing in the side's; "Civilians" (UCDP's
  side B of one-sided violence) by any actor eventwire codes as civilians.
- "Government of X" is found too where a counted violent event of another state's forces
  struck X: its recipient is of X (X's people, towns or forces), or, with none named, it
  happened in X. UCDP counts a state's strikes in another state's land, and the civilians they
  kill, in the dyad of the two states: a coder reading "Russian shelling kills two in Kherson"
  writes Government of Ukraine as side B from just these facts.
- The side measures are given over all rows and, as ``*_told``, over the rows whose
  headlines tell something (as for the violent event): a bare place name or a report's title
  names no side.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..config import Config
from ..model import COUNTED_STATUSES, Actor, Event
from .coding import Progress, code_rows, counted, field_of, max_killed, pick
from .datasets import UcdpRow, country_iso3, load_ucdp, mappings
from .result import ErrorCase, EvalResult
from .scoring import distance_km, median, share, share_within

RULES = [
    "text: source_headline, one headline per paragraph, a full stop added where missing; "
    "published: the earliest source_date",
    "deaths: largest killed among counted events, 0 if none",
    "place: main event (counted, with a toll, most confident), where_prec <= 2, 25 km",
    "violent event found: a counted violent event, over rows with a headline of 5+ words",
    "sides: some counted event's actor/recipient matches the side by country (Government of X) "
    "or by name/alias; Civilians by a civilian actor",
    "sides: Government of X also where another state's forces struck X (recipient of X, or "
    "no recipient and the event in X); *_told over rows with a headline of 5+ words",
]

_STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
_VIOLENT_ACLED = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_TELLING_WORDS = 5
_CIVILIAN_SECTORS = {"CVL", "MED", "HLH"}


def violent(event: Event) -> bool:
    """A political violence event: an attack, or one ACLED would file as violent."""
    return event.type == "ASSAULT" or (
        event.acled is not None and event.acled.event_type in _VIOLENT_ACLED
    )


def tells_something(text: str) -> bool:
    """Whether some headline of the row has enough words to tell an event."""
    return any(len(line.split()) >= _TELLING_WORDS for line in text.split("\n"))


def ucdp_event(events: list[Event]) -> Event | None:
    """The row's main event: counted, with a death toll, then most confident."""
    return pick(events, lambda e: (e.status in COUNTED_STATUSES, e.killed is not None,
                                   e.confidence))


def side_matches(side: str, actor: Actor | None) -> bool:
    """Whether an eventwire actor stands for a UCDP side (see the module's rules)."""
    if actor is None or not side:
        return False
    government = re.match(r"Government of (.+?)(?: \(|$)", side)
    if government:
        iso3 = country_iso3(government.group(1))
        if iso3 and actor.country == iso3 and (actor.sector in _STATE_SECTORS
                                                or actor.sector is None):
            return True
    if side == "Civilians" and actor.sector in _CIVILIAN_SECTORS:
        return True
    if government and actor.sector is not None and actor.sector not in _STATE_SECTORS:
        return False  # "Civilians (Russia)", "Rebel Group (Russia)": a state's people, no state
    said = " ".join(x for x in (actor.name, actor.text) if x).lower()
    if not said:
        return False
    aliases = [side.lower(), *mappings().get("ucdp_side_aliases", {}).get(side, [])]
    if any(re.search(rf"\b{re.escape(a.lower())}(?:s|es)?\b", said) for a in aliases):
        return True
    return bool(actor.name) and actor.name.lower() in side.lower()


def struck_state(side: str, event: Event) -> bool:
    """Whether ``event`` is a violent act of one state's forces against "Government of X": its
    recipient is of X (people, towns, forces), or it names none and happened in X."""
    government = re.match(r"Government of (.+?)(?: \(|$)", side)
    actor = event.actor
    if not government or actor is None or not violent(event):
        return False
    iso3 = country_iso3(government.group(1))
    if not iso3 or actor.country in (None, iso3) or actor.sector not in _STATE_SECTORS:
        return False
    if event.recipient is not None:
        return event.recipient.country == iso3
    return event.location is not None and event.location.country == iso3


def _side_found(side: str, events: list[Event]) -> bool:
    return any(side_matches(side, e.actor) or side_matches(side, e.recipient)
               or struck_state(side, e) for e in counted(events))


def score_ucdp(
    path: Path,
    *,
    limit: int | None = None,
    config: Config,
    progress: Progress | None = None,
    rows: list[UcdpRow] | None = None,
) -> EvalResult:
    """Scores eventwire against UCDP GED rows (see the module's rules)."""
    rows = rows if rows is not None else load_ucdp(path, limit=limit)
    coded, seconds = code_rows(rows, config=config, progress=progress)
    result = EvalResult("ucdp", str(path), len(rows), seconds,
                        {"trigger_shortcut": config.trigger_shortcut, "model": config.model,
                         "limit": limit}, notes=list(RULES))
    best_hit, range_hit, a_hit, b_hit, both_hit, violent_hit = [], [], [], [], [], []
    told: list[tuple[bool, bool]] = []
    distances: list[float | None] = []
    for row, events in zip(rows, coded, strict=True):
        killed = max_killed(events)
        best_hit.append(killed == row.best)
        range_hit.append(row.low <= killed <= max(row.high, row.low))
        if killed != row.best:
            gap = abs(killed - row.best) / max(killed, row.best, 1)
            result.errors.append(ErrorCase("deaths", row.id, row.text,
                                           f"{row.best} ({row.low}-{row.high})", str(killed),
                                           0.2 + 0.6 * gap))
        event = ucdp_event(events)
        if row.where_prec <= 2 and row.lat is not None and row.lon is not None:
            location = field_of(events, event, "location")
            km = None
            if location is not None and location.lat is not None and location.lon is not None:
                km = distance_km(row.lat, row.lon, location.lat, location.lon)
            distances.append(km)
            if km is None or km > 25:
                result.errors.append(ErrorCase(
                    "place", row.id, row.text, f"{row.where} {row.lat},{row.lon}",
                    f"{location.name} ({km:.0f} km)" if km is not None and location is not None
                    else "(none)", 0.5 if km is None else 0.3 + 0.6 * min(1.0, km / 1000)))
        if tells_something(row.text):
            violent_hit.append(any(violent(e) for e in counted(events)))
        found_a, found_b = _side_found(row.side_a, events), _side_found(row.side_b, events)
        a_hit.append(found_a)
        b_hit.append(found_b)
        both_hit.append(found_a and found_b)
        if tells_something(row.text):
            told.append((found_a, found_b))
        if not (found_a and found_b):
            said = "; ".join(
                f"{e.actor.text if e.actor else '-'} -> {e.recipient.text if e.recipient else '-'}"
                for e in counted(events)) or "(no event)"
            result.errors.append(ErrorCase("sides", row.id, row.text,
                                           f"{row.side_a} / {row.side_b}", said, 0.3))
    n = len(rows)
    result.add("deaths_best_exact", share(best_hit), n, "deaths equal UCDP's best estimate")
    result.add("deaths_within_low_high", share(range_hit), n, "deaths within UCDP's low-high")
    result.add("place_within_25km", share_within(distances, 25.0), len(distances),
               "within 25 km of UCDP's point (where_prec <= 2)")
    result.add("place_median_km", median(distances), sum(d is not None for d in distances),
               "median error over rows given coordinates", unit="km")
    result.add("violent_event_found", share(violent_hit), len(violent_hit),
               "a counted violent event (rows with a headline of 5+ words)")
    result.add("side_a_found", share(a_hit), n, "side A among the event's actors")
    result.add("side_b_found", share(b_hit), n, "side B among the event's actors")
    result.add("both_sides_found", share(both_hit), n, "both sides found")
    result.add("side_a_found_told", share([a for a, _ in told]), len(told),
               "side A found (rows with a headline of 5+ words)")
    result.add("side_b_found_told", share([b for _, b in told]), len(told),
               "side B found (rows with a headline of 5+ words)")
    result.add("both_sides_found_told", share([a and b for a, b in told]), len(told),
               "both sides found (rows with a headline of 5+ words)")
    return result
