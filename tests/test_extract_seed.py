"""The seed article: the events a careful human coder would write down (issue 2 acceptance)."""

from __future__ import annotations

import math

import pytest

import eventwire
from eventwire.config import shared_data
from eventwire.model import Event

SEED = shared_data() / "seed" / "seed-article.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found at {SEED}")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return eventwire.extract(SEED.read_text(encoding="utf-8"), published="2024-11-18")


def _one(events: list[Event], type_: str, *words: str) -> Event:
    found = [
        e for e in events if e.type == type_ and all(w in e.evidence.text for w in words)
    ]
    assert found, f"no {type_} event with {words}: {[e.evidence.text[:60] for e in events]}"
    return found[0]


def test_seed_sumy_missile_strike(events: list[Event]) -> None:
    sumy = _one(events, "ASSAULT", "Sumy")
    assert sumy.status == "occurred"
    assert sumy.location is not None and sumy.location.country == "UKR"
    assert _km(sumy.location.lat, sumy.location.lon, 50.92, 34.80) < 25
    assert sumy.killed is not None and sumy.killed.value == 11 and sumy.killed.children == 2
    assert sumy.injured is not None and sumy.injured.low == 81
    assert sumy.weapon is not None and "missile" in sumy.weapon.name
    assert sumy.acled is not None and sumy.acled.event_type == "Explosions/Remote violence"


def test_seed_odesa_strikes(events: list[Event]) -> None:
    odesa = _one(events, "ASSAULT", "Odesa")
    assert odesa.location is not None and odesa.location.country == "UKR"
    assert _km(odesa.location.lat, odesa.location.lon, 46.48, 30.73) < 25
    assert odesa.killed is not None and odesa.killed.low == 8 and odesa.killed.children == 1


def test_seed_north_korean_deployment(events: list[Event]) -> None:
    deployed = _one(events, "MOBILIZE", "10,000")
    assert deployed.actor is not None
    assert (deployed.actor.country, deployed.actor.sector) == ("PRK", "MIL")
    assert deployed.size is not None and deployed.size.high == 10_000
    assert deployed.location is not None and deployed.location.country == "RUS"
    assert "Kursk" in (deployed.location.name + (deployed.location.admin1 or ""))


def test_seed_combat_is_planned_and_attributed(events: list[Event]) -> None:
    combat = _one(events, "ASSAULT", "enter combat")
    assert combat.status == "planned"
    assert combat.actor is not None and combat.actor.country == "PRK"
    assert combat.recipient is not None and combat.recipient.country == "UKR"
    assert combat.attribution is not None and "Lloyd Austin" in combat.attribution.text


def test_seed_atacms_authorisation(events: list[Event]) -> None:
    authorised = [e for e in events if e.weapon and e.weapon.name == "ATACMS"]
    assert authorised
    event = authorised[0]
    assert event.actor is not None and event.actor.country == "USA"
    assert event.recipient is not None and event.recipient.country == "UKR"


def test_seed_threat_of_world_war(events: list[Event]) -> None:
    threat = _one(events, "THREATEN", "third world war")
    assert threat.actor is not None and threat.actor.country == "RUS"


def test_seed_security_council_meeting(events: list[Event]) -> None:
    meeting = _one(events, "CONSULT", "Security Council")
    assert meeting.actor is not None and meeting.actor.sector == "IGO"


def test_seed_zelenskyy_welcomes(events: list[Event]) -> None:
    welcome = _one(events, "SUPPORT", "Zelenskyy")
    assert welcome.actor is not None and welcome.actor.country == "UKR"


def test_seed_events_in_ukraine_and_russia_but_the_council_at_its_seat(events: list[Event]) -> None:
    placed = [e for e in events if e.location is not None]
    assert placed
    # the one event abroad is the Security Council's meeting, placed at the body's seat
    # (places.yaml: seats), not at a namesake
    abroad = [e for e in placed if e.location.country not in {"UKR", "RUS"}]
    assert [(e.type, e.location.name) for e in abroad] == [("CONSULT", "New York City")]


def test_seed_no_chrome_becomes_an_event(events: list[Event]) -> None:
    chrome = ("Connect with us", "Published", "\nNews\n")
    for event in events:
        assert not any(c in event.evidence.text for c in chrome)
        assert len(event.evidence.text) > 40


def test_seed_evidence_offsets_point_into_the_article_as_given(events: list[Event]) -> None:
    raw = SEED.read_text(encoding="utf-8")
    for event in events:
        assert raw[event.evidence.start : event.evidence.end] == event.evidence.text


def test_seed_no_happening_is_coded_twice(events: list[Event]) -> None:
    for place in ("Sumy", "Odesa"):
        told = [e for e in events if e.type == "ASSAULT" and place in e.evidence.text]
        assert len(told) == 1, place
    assert len({e.id for e in events}) == len(events)
    # "recent Russian missile attacks" sums up a series: it is neither an event nor a support
    for event in events:
        texts = [event.evidence.text] + [s.text for s in event.supports]
        assert not any("remains dire" in text for text in texts)
