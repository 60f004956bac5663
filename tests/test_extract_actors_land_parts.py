"""Places named where actors are looked for: a part of a country's land ("east Ukraine",
"northern Mali") is where something happens, never the state acting or struck (a country whose
own name holds such a word stays itself); a place people live in is struck, never striking;
casualties reported are a toll. Headlines written for these tests."""

from __future__ import annotations

import pytest

import eventwire


@pytest.mark.parametrize(
    ("text", "land"),
    [
        ("Death toll rises as fighting intensifies in E. Ukraine.", "Ukraine"),
        ("One killed, three wounded in shelling in east Ukraine.", "Ukraine"),
        ("Two soldiers wounded as clashes spread across northern Mali.", "Mali"),
        ("Heavy shelling in south-eastern Sudan kills five.", "Sudan"),
    ],
)
def test_actors_a_part_of_a_land_is_no_actor(text: str, land: str) -> None:
    events = [e for e in eventwire.extract(text, published="2016-05-05") if e.type == "ASSAULT"]
    assert events, text
    for event in events:
        for role in (event.actor, event.recipient):
            assert role is None or not role.text.endswith(land), (text, role)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("North Korea fired two missiles into the sea.", "PRK"),
        ("South Sudan's army attacked rebel positions.", "SSD"),
    ],
)
def test_actors_a_country_named_with_a_direction_stays_itself(text: str, country: str) -> None:
    event = next(e for e in eventwire.extract(text, published="2016-05-05") if e.actor)
    assert event.actor is not None and event.actor.country == country


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a headline's passive the parser reads as active: the place is what was struck
        ("One dead as hospital hit in central Donetsk shelling.", "hospital"),
        ("Village attacked by gunmen in Zamfara, five killed.", "Village"),
        ("Two hurt as school hit in overnight shelling of Kherson.", "school"),
    ],
)
def test_actors_a_place_people_live_in_is_struck_never_striking(text: str, place: str) -> None:
    event = next(e for e in eventwire.extract(text, published="2016-05-05") if e.type == "ASSAULT")
    assert event.actor is None or event.actor.text != place, event.actor
    assert event.recipient is not None and event.recipient.text == place, event.recipient


@pytest.mark.parametrize(
    ("text", "assault"),
    [
        # casualties someone reports or suffers are an attack's toll; their absence is none
        ("Government and rebels report civilian casualties over the weekend.", True),
        ("Army suffered heavy casualties near the border, officials said.", True),
        ("No casualties were reported after the protest in Nairobi.", False),
        ("The exercise ended without casualties, the navy reported.", False),
    ],
)
def test_actors_casualties_reported_are_a_toll(text: str, assault: bool) -> None:
    events = eventwire.extract(text, published="2019-05-05")
    assert any(e.type == "ASSAULT" for e in events) == assault, events
