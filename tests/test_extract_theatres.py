# ruff: noqa: E501  (the tables read best with one headline per line)
"""The side an unattributed act of war is attributed to, from the armed conflict it happened in.

A careful coder (UCDP, ACLED) who reads "Ukrainian soldier killed in shelling near Marinka" in
2017 writes the Donbas separatists as its doer: in that war, at that time and place, no one
else shelled Ukraine's positions. The wars, their places, dates and sides are data
(resources/theatres.yaml); the actor so filled says so (basis "theatre").

Headlines written for these tests, in the shapes war news takes; each with the date it was
published (the war is known only by place and date).
"""

from __future__ import annotations

from datetime import date

import pytest

import eventwire
from eventwire.model import Event

# (text, published, the doer the theatre gives as (country, sector); None: no doer inferred)
CASES = [
    # the Donbas war, 2014-2022: Ukraine's forces against the DPR's and LPR's
    ("Two Ukrainian servicemen were wounded in mortar fire near Svitlodarsk", "2017-03-10", ("UKR", "REB")),
    ("A Ukrainian soldier died in shelling near Marinka", "2018-06-02", ("UKR", "REB")),
    # ... a soldier told by the adjective ("military men") is one side's forces, no civilian
    ("Two military men killed in shelling near Marinka", "2019-03-30", ("UKR", "REB")),
    ("Ukrainian army positions near Shyrokyne came under artillery fire overnight, one soldier wounded", "2015-05-20", ("UKR", "REB")),
    # ... the doer named stays the doer named
    ("Separatists shelled Ukrainian positions near Avdiivka, one soldier killed", "2017-01-30", None),
    ("Ukrainian forces shelled Horlivka, killing a woman", "2016-08-01", None),
    # ... civilians in a region both sides shelled: no doer follows from the place; in a city
    # one side held, the shells came from the other (first contact expected none here: the
    # table's writer took "Donetsk" for the region, the gazetteer reads the city, DPR-held)
    ("Two civilians killed by shelling in Donetsk region", "2016-07-01", None),
    ("Two civilians killed by shelling in Donetsk", "2016-07-01", ("UKR", "MIL")),
    # Russia's war on Ukraine, from 24 February 2022
    ("Ukrainian soldier killed in drone attack near Bakhmut", "2023-03-02", ("RUS", "MIL")),
    ("Missile strike on Odesa kills three", "2023-07-20", ("RUS", "MIL")),
    ("Shelling kills two in Nikopol", "2024-05-14", ("RUS", "MIL")),
    ("Shelling of Kherson city kills a man", "2023-05-01", ("RUS", "MIL")),
    ("Drone attack on Belgorod kills two", "2024-01-05", ("UKR", "MIL")),
    ("A woman was killed when shells hit a village in Bryansk region", "2023-06-10", ("UKR", "MIL")),
    # ... named doers stay
    ("Two Russian soldiers killed in a Ukrainian drone strike near Kreminna", "2023-04-02", None),
    ("Russian troops attacked Ukrainian positions near Robotyne", "2023-08-01", None),
    # other wars
    ("Air strike kills six in Khan Younis", "2024-02-10", ("ISR", "MIL")),
    ("Five soldiers killed in clashes with paramilitaries in Darfur", "2023-06-10", ("SDN", "REB")),
    ("Syrian army shelling kills four in Idlib", "2020-03-02", None),
    # outside a war's date or place, and what is not an act of war
    ("A Ukrainian soldier died in shelling near Marinka", "2013-05-01", None),
    ("Two soldiers killed in shelling near the border", "2023-03-02", None),
    ("Man shot dead in Kharkiv robbery", "2023-05-01", None),
    ("Police officer stabbed in Donetsk", "2019-04-11", None),
    ("Gunmen killed three people at a bar in Chicago", "2023-09-09", None),
    ("Two killed as gas explosion hits apartment block in Dnipro", "2023-01-01", None),
    ("A landmine killed a tractor driver in Kharkiv region", "2024-04-04", None),
    ("Three Ukrainian soldiers killed in a road accident near Kyiv", "2023-02-02", None),
]


def _inferred(events: list[Event]) -> list[tuple[str | None, str | None]]:
    return [(e.actor.country, e.actor.sector) for e in events
            if e.actor is not None and e.actor.basis == "theatre"]


@pytest.mark.parametrize(("text", "published", "doer"), CASES)
def test_theatres_doer_of_an_unattributed_act_of_war(text: str, published: str,
                                                     doer: tuple[str, str] | None) -> None:
    events = eventwire.extract(text, published=published)
    inferred = _inferred(events)
    if doer is None:
        assert not inferred, (text, events)
    else:
        assert inferred and inferred[0] == doer, (text, events)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Heavy fighting near Debaltseve kills five", "2015-02-05"),
        ("Fighting rages near Bakhmut, several dead", "2023-01-10"),
    ],
)
def test_theatres_a_battle_with_no_side_named_is_the_wars_two_sides(text: str, published: str) -> None:
    battle = next(e for e in eventwire.extract(text, published=published) if e.type == "ASSAULT")
    assert battle.actor is not None and battle.recipient is not None, battle
    assert {battle.actor.basis, battle.recipient.basis} == {"theatre"}, battle
    assert battle.actor.country != battle.recipient.country or battle.actor.sector != battle.recipient.sector


def test_theatres_a_date_the_text_gives_places_the_war() -> None:
    events = eventwire.extract("On 3 March 2023, a Ukrainian soldier was killed in shelling near Bakhmut")
    assert _inferred(events) == [("RUS", "MIL")], events


def test_theatres_no_date_no_war() -> None:
    assert not _inferred(eventwire.extract("A Ukrainian soldier died in shelling near Marinka"))


def test_theatres_the_published_date_as_a_date_object() -> None:
    events = eventwire.extract("Shelling kills two in Nikopol", published=date(2024, 5, 14))
    assert _inferred(events) == [("RUS", "MIL")], events


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # placed nowhere but in an article about one country: the war's land is that country's
        ("Heavy fighting rages in E. Ukraine, four dead", "2016-03-01"),
        ("Ukraine clashes kill three as truce talks stall", "2017-05-05"),
    ],
)
def test_theatres_the_articles_country_is_the_wars_land(text: str, published: str) -> None:
    event = next(e for e in eventwire.extract(text, published=published) if e.type == "ASSAULT")
    assert event.actor is not None and event.actor.basis == "theatre", (text, event)


@pytest.mark.parametrize(
    "text",
    [
        # a headline's credit is who said it, not where it happened
        "Seven soldiers killed in fresh clashes: Kiev",
        "Three soldiers killed in shelling over the past day - Moscow",
    ],
)
def test_theatres_a_headlines_credit_is_no_place(text: str) -> None:
    event = next(e for e in eventwire.extract(text) if e.type == "ASSAULT")
    assert event.location is None, (text, event.location)


def test_theatres_civilians_killed_amid_fighting_are_no_brawl() -> None:
    # fighting that only names the civilians it killed is a war's, not a crowd's
    event = next(e for e in eventwire.extract("Two civilians killed as fighting flares in the north")
                 if e.type == "ASSAULT")
    assert event.acled is not None and event.acled.sub_event_type != "Mob violence", event.acled


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a flash led by its region, and a town named before the strike that hit it
        ("Mykolaiv region: two men wounded in shelling overnight", "Mykolayiv"),
        ("Kramatorsk shelled again, three wounded", "Kramatorsk"),
    ],
)
def test_theatres_places_a_flash_names_first(text: str, place: str) -> None:
    event = next(e for e in eventwire.extract(text) if e.type == "ASSAULT")
    assert event.location is not None and event.location.name == place, (text, event.location)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # fighting that names only the civilians it killed is a battle of the war's two sides
        ("Civilians killed as fighting flares in eastern Ukraine", "2016-02-10"),
        ("Three civilians killed amid heavy fighting in El Fasher", "2024-05-12"),
    ],
)
def test_theatres_fighting_that_names_only_its_civilian_dead_is_the_sides_battle(
    text: str, published: str
) -> None:
    (coded,) = eventwire.Pipeline().process(
        [eventwire.Article(id="t", raw=text, published=date.fromisoformat(published))])
    event = next(e for e in coded.events if e.type == "ASSAULT")
    assert event.actor is not None and event.actor.basis == "theatre", event.actor
    assert event.recipient is not None and event.recipient.basis == "theatre", event.recipient


@pytest.mark.parametrize(
    ("text", "published", "battle"),
    [
        # a bare toll in a war's land and days: a battle of the war's two sides
        ("Six killed in eastern Ukraine as the truce frays.", "2018-03-02", True),
        ("Two dead in east Ukraine on eve of new ceasefire talks", "2016-08-20", True),
        # the same words outside any war's land, or with a victim or a weapon named, are not
        ("Six killed in northern Nigeria as the truce frays.", "2018-03-02", False),
        ("Two civilians killed in eastern Ukraine on Sunday.", "2016-08-20", False),
    ],
)  # fmt: skip
def test_theatres_a_bare_toll_in_a_war_is_its_battle(text: str, published: str,
                                                     battle: bool) -> None:
    event = next(e for e in eventwire.extract(text, published=published) if e.type == "ASSAULT")
    assert event.acled is not None
    sides = (event.actor and event.actor.basis, event.recipient and event.recipient.basis)
    if battle:
        assert event.acled.sub_event_type == "Armed clash"
        assert sides == ("theatre", "theatre")
    else:
        assert sides != ("theatre", "theatre")


@pytest.mark.parametrize(
    ("text", "published", "enemy"),
    [
        # how the attacked side's news names the other side is the war's other side there and
        # then: the separatists in the Donbas of 2014-2022, Russia's forces from 2022 on
        ("Enemy sniper kills Ukrainian soldier near Avdiivka.", "2019-05-14", ("UKR", "REB")),
        ("The enemy shelled Ukrainian positions near Marinka overnight.", "2017-02-03", ("UKR", "REB")),
        ("Enemy sniper kills Ukrainian soldier near Avdiivka.", "2023-05-14", ("RUS", "MIL")),
        # and in the land of the other side's state, the enemy its news names is Ukraine's
        ("Enemy drones attacked a village in Belgorod region, one man wounded.", "2024-03-01", ("UKR", "MIL")),
    ],
)  # fmt: skip
def test_theatres_the_enemy_is_the_other_side_of_the_war_fought_there(
        text: str, published: str, enemy: tuple[str, str]) -> None:
    event = next(e for e in eventwire.extract(text, published=published) if e.type == "ASSAULT")
    assert event.actor is not None
    assert (event.actor.country, event.actor.sector) == enemy, event.actor


def test_theatres_the_enemy_attacked_the_side_that_names_it_so() -> None:
    text = "Two killed, one wounded amid 30 enemy attacks in Donbas in past day."
    event = next(e for e in eventwire.extract(text, published="2019-03-03") if e.type == "ASSAULT")
    assert event.actor is not None and (event.actor.country, event.actor.sector) == ("UKR", "REB")
    assert event.recipient is not None, event
    assert (event.recipient.country, event.recipient.sector) == ("UKR", "MIL")


def test_theatres_an_armed_groups_report_of_its_men_tells_its_own() -> None:
    text = "DPR reports three servicemen killed in shelling by Ukrainian army."
    event = next(e for e in eventwire.extract(text, published="2018-05-05") if e.type == "ASSAULT")
    assert event.recipient is not None and event.recipient.text == "servicemen"
    assert (event.recipient.country, event.recipient.sector) == ("UKR", "REB"), event.recipient
    assert event.actor is not None and event.actor.sector == "MIL"
