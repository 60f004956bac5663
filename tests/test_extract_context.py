"""The last stages of assembly on Event records: tolls, background, the doer, statements."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import eventwire
from _records import assault
from eventwire.extract.assemble import toll
from eventwire.extract.context import fill_from_context, without_background
from eventwire.model import Count, Event

RUSSIA = {"text": "Russian forces", "name": "Military Forces of Russia", "country": "RUS",
          "sector": "MIL"}  # fmt: skip
KHARKIV = {"name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23, "basis": "sentence"}


def event(start: int = 0, **fields: Any) -> Event:
    return assault(start, **fields)


def count(value: int) -> Count:
    return Count(value=value, text=str(value))


def test_context_toll_is_the_figure_told_most_never_a_sum() -> None:
    assert toll([count(4), None, count(4), count(1)]).value == 4  # type: ignore[union-attr]
    assert toll([None, None]) is None


def test_context_toll_told_first_is_the_whole_when_larger_than_its_parts() -> None:
    # "Three people are dead ... two bailiffs were killed ... killing Zangaro and Kienzle"
    assert toll([count(3), count(2), count(2), count(2)]).value == 3  # type: ignore[union-attr]
    # a part told first, the whole after, each once: the larger
    assert toll([count(1), count(2)]).value == 2  # type: ignore[union-attr]
    # a later figure told once does not outweigh the one told most
    assert toll([count(1), count(1), count(5)]).value == 1  # type: ignore[union-attr]


def test_context_background_goes_when_the_article_tells_recent_news() -> None:
    news = event(0, date={"value": "2024-05-07", "basis": "relative"})
    old = event(100, date={"value": "2017-10-01", "precision": "month"})
    assert without_background([news, old], date(2024, 5, 8)) == [news]
    # an article about an old happening (a trial) keeps it
    assert without_background([old], date(2024, 5, 8)) == [old]
    # a planned attack is no recent news that makes the old one background
    planned = event(200, status="planned")
    assert without_background([old, planned], date(2024, 5, 8)) == [old, planned]
    # a protest is no news of the same kind as an old attack
    protest = event(300, type="PROTEST", mode="demonstrate")
    assert without_background([old, protest], date(2024, 5, 8)) == [old, protest]


def test_context_unnamed_strike_takes_the_one_side_the_article_names() -> None:
    named = event(0, actor=RUSSIA, location=KHARKIV)
    unnamed = event(100, location={**KHARKIV, "name": "Odesa"})
    filled = fill_from_context([named, unnamed])
    assert filled[1].actor is not None and filled[1].actor.country == "RUS"
    assert filled[1].actor.basis == "article"


def test_context_no_side_is_guessed_when_the_article_names_two() -> None:
    ukraine = {"text": "Ukrainian forces", "name": "Military Forces of Ukraine", "country": "UKR",
               "sector": "MIL"}  # fmt: skip
    belgorod = {"name": "Belgorod", "country": "RUS", "basis": "sentence"}
    strikes = [event(0, actor=RUSSIA), event(50, actor=ukraine), event(100)]
    filled = fill_from_context(strikes)
    assert filled[2].actor is None or filled[2].actor.basis != "article"
    # the side struck is not its own striker: a strike in Russia is Ukraine's
    struck = fill_from_context([event(0, actor=RUSSIA), event(50, actor=ukraine),
                                event(100, location=belgorod)])  # fmt: skip
    assert struck[2].actor is not None and struck[2].actor.country == "UKR"


def test_context_a_shooting_does_not_take_the_article_s_striker() -> None:
    shooting = event(100, mode="small-arms", trigger="shot")
    filled = fill_from_context([event(0, actor=RUSSIA), shooting])
    assert filled[1].actor is None or filled[1].actor.basis != "article"


def test_context_statements_are_placed_where_they_were_made_or_nowhere() -> None:
    paragraph = {"name": "Kharkiv", "country": "UKR", "basis": "paragraph"}
    accusation = event(0, type="ACCUSE", mode=None, location=paragraph)
    assert fill_from_context([accusation])[0].location is None
    own = event(0, type="ACCUSE", mode=None, location=KHARKIV)
    assert fill_from_context([own])[0].location is not None
    # an attack keeps the place of its paragraph
    attack = event(0, location=paragraph)
    assert fill_from_context([attack])[0].location is not None


def test_context_a_striker_in_one_war_lends_no_doer_to_another() -> None:
    """A digest of two wars: Russia's strikes on Kharkiv say nothing of drones over Darfur."""
    darfur = {"name": "North Darfur", "country": "SDN", "basis": "sentence"}
    filled = fill_from_context([event(0, actor=RUSSIA, location=KHARKIV),
                                event(50, location=darfur), event(100, location=KHARKIV)])
    assert filled[1].actor is None or filled[1].actor.basis != "article"
    assert filled[2].actor is not None and filled[2].actor.country == "RUS"


def test_a_statement_is_not_placed_where_the_events_it_speaks_of_are() -> None:
    import eventwire

    def place(text: str, type_: str) -> str | None:
        event = next(e for e in eventwire.extract(text) if e.type == type_)
        return event.location.name if event.location else None

    # the place of the content, of a clause beside it, or of another event: not the speaker's
    assert place("The envoy called for both sides to halt attacks in Kharkiv.", "REQUEST") is None
    assert place("As civilians in Belgorod suffer more strikes, the envoy called for restraint.",
                 "REQUEST") is None  # fmt: skip
    # where the statement was made stays
    assert place("Speaking in Geneva, the envoy called for a ceasefire.", "REQUEST") == "Geneva"
    assert place("Ukraine and Russia held talks in Abu Dhabi on Friday.", "CONSULT") == "Abu Dhabi"


def test_actors_without_a_country_belong_where_a_deed_was_not_where_talks_were_held() -> None:
    police = eventwire.extract("Police fired tear gas at protesters in Nairobi on Monday.")
    assert any(e.actor is not None and e.actor.country == "KEN" for e in police), police
    talks = eventwire.extract("Government negotiators held talks in Geneva on Monday.")
    consult = [e for e in talks if e.type == "CONSULT"]
    assert consult and all(e.actor is None or e.actor.country != "CHE" for e in consult), [
        (e.actor, e.location) for e in consult]


def test_an_unplaced_statement_s_state_actors_are_the_article_s_country() -> None:
    text = (
        "Two people were shot dead in Cochabamba, Bolivia, on Friday as police broke up a "
        "blockade by supporters of the ousted president.\n\n"
        "The ombudsman's office said the deaths were caused by gunshot wounds and called on the "
        "interim government to end the use of force.\n\n"
        "Protest leaders said they would keep the roads blocked until the government resigns."
    )
    calls = [e for e in eventwire.extract(text, published="2019-11-16") if e.type == "REQUEST"]
    assert calls and calls[0].location is None
    assert calls[0].recipient is not None and calls[0].recipient.country == "BOL", calls[0]


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        # the one armed group the article names does the killing no sentence names a doer of
        ("Violence in Darfur\n\nThe United Nations accused the RSF of war crimes in West Darfur "
         "on Tuesday.\n\nDozens of villagers were killed in El Geneina on Monday, witnesses "
         "said.", "Rapid Support Forces"),
        # two groups named: whose the killing was is not said
        ("Violence in Darfur\n\nThe United Nations accused the RSF and the SLA of war crimes in "
         "West Darfur on Tuesday.\n\nDozens of villagers were killed in El Geneina on Monday, "
         "witnesses said.", "Unidentified Armed Group (Sudan)"),
        # a group of another land says nothing of a killing in this one
        ("Violence in Sudan\n\nThe United Nations accused the Taliban of abuses in Kabul on "
         "Tuesday.\n\nDozens of villagers were killed in El Geneina, Sudan on Monday, witnesses "
         "said.", "Unidentified Armed Group (Sudan)"),
    ],
)
def test_killing_with_no_doer_is_the_one_group_named(text: str, doer: str) -> None:
    (event,) = [e for e in eventwire.extract(text, published="2026-03-02")
                if e.type == "ASSAULT"]
    assert event.actor is not None and event.actor.name == doer
