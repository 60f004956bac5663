"""Whose doer someone is: a titled person named again (extract/persons.py), "we" in a quote,
the one armed group named; approval conceded before a "but" (nonevents), on texts of our own."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.model import Event


def events_of(text: str, type_: str) -> list[Event]:
    return [e for e in eventwire.extract(text, published="2026-03-02") if e.type == type_]


@pytest.mark.parametrize(
    ("text", "type_", "country", "sector", "said"),
    [
        # a title in apposition after the name, with the body named in it
        (
            "Jean Dupont, the UN Under-Secretary-General for Humanitarian Affairs, visited the "
            "camp on Monday.\n\nMr. Dupont condemned the shelling of the hospital.",
            "ACCUSE", "IGO", "IGO", "Dupont",
        ),
        # a post whose name says its body alone
        (
            "Rosemary Lane, Under-Secretary-General for Political Affairs, briefed the Council on "
            "Friday.\n\nMs. Lane called on both sides to agree to a ceasefire.",
            "REQUEST", "IGO", "IGO", "Lane",
        ),
        # a title before the name that names the state
        (
            "Russian Deputy Foreign Minister Ivan Petrenko told reporters on Tuesday that talks "
            "were stalled.\n\nPetrenko accused Washington of prolonging the war.",
            "ACCUSE", "RUS", "GOV", "Petrenko",
        ),
        # the title before the name, in apposition ("the UN envoy, Maria Lopez,")
        (
            "The UN envoy, Maria Lopez, arrived in Aden on Monday.\n\nLopez urged both sides to "
            "release their prisoners.",
            "REQUEST", "IGO", "IGO", "Lopez",
        ),
        # "she", standing for the titled person, is the body's too
        (
            "Rosemary Lane, Under-Secretary-General for Political Affairs, briefed the Council on "
            "Friday.\n\nShe called on both sides to agree to a ceasefire.",
            "REQUEST", "IGO", "IGO", "Lane",
        ),
    ],
)
def test_titled_person_acts_for_their_body(
    text: str, type_: str, country: str, sector: str, said: str
) -> None:
    (event,) = events_of(text, type_)
    assert event.actor is not None and said in event.actor.text
    assert (event.actor.country, event.actor.sector) == (country, sector)


@pytest.mark.parametrize(
    "text",
    [
        # a person with no title stays as written
        "Jean Dupont visited the camp on Monday.\n\nMr. Dupont condemned the shelling of the "
        "hospital.",
        # a description that is no post ("a UN critic") says nothing of whose they are
        "Jean Dupont, a longtime critic of the UN, visited the camp on Monday.\n\nMr. Dupont "
        "condemned the shelling of the hospital.",
    ],
)
def test_untitled_person_stays_as_written(text: str) -> None:
    (event,) = events_of(text, "ACCUSE")
    assert event.actor is not None and "Dupont" in event.actor.text
    assert event.actor.country is None


@pytest.mark.parametrize(
    ("text", "type_", "country"),
    [
        # "we" in a quote the reporting verb gives to a pronoun, told before as a body's person
        (
            "Fighting goes on in the east\n\nRosemary Lane, Under-Secretary-General for "
            "Political Affairs, briefed the Council on Friday.\n\n\"Despite the shelling, we are "
            "working with local partners to deliver food and water to front-line towns,\" she "
            "added.",
            "AID", "IGO",
        ),
        # "we" in a paragraph that a known speaker's "said:" opens
        (
            "Britain pledges more help\n\nSpeaking after the talks on Monday, Sunak said:\n\n"
            "We are going to provide more military aid to Ukraine this spring.",
            "AID", "GBR",
        ),
    ],
)
def test_we_in_a_quote_is_the_speakers_side(text: str, type_: str, country: str) -> None:
    (event,) = events_of(text, type_)
    assert event.actor is not None and event.actor.country == country


@pytest.mark.parametrize(
    "text",
    [
        # the speaker is a bare name: whose side "we" are is not said
        "Aid pledged\n\nSpeaking after the talks on Monday, Jean Moreau said:\n\nWe are going to "
        "provide more military aid to Ukraine this spring.",
        # "we" with no quote and no speaker
        "Aid pledged\n\nWe are going to provide more military aid to Ukraine this spring.",
    ],
)
def test_we_with_no_known_speaker_names_no_doer(text: str) -> None:
    (event,) = events_of(text, "AID")
    assert event.actor is None


def test_paragraph_that_refers_back_brings_the_one_before() -> None:
    # the paragraph before has no trigger: the shortcut parses it for whom "the agency" is
    text = ("Hunger spreads in Chad\n\nThe UN World Food Programme (WFP) said on Tuesday that "
            "Chad faces its worst lean season in a decade.\n\nIn a statement, the agency warned "
            "that it would have to cut rations for millions of people.")
    (event,) = events_of(text, "THREATEN")
    assert event.actor is not None and event.actor.country == "IGO"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # approval conceded on the way to the point made: no SUPPORT of its own
        ("Talks at the UN\n\nThe delegation said it welcomed the call for a truce but argued "
         "that the text would distract from the negotiations.", False),
        ("Talks at the UN\n\nWhile commending the efforts of Qatar to end the war, the envoy "
         "stressed the need for concrete measures.", False),
        # approval as the point made is kept, also after a "but"
        ("Talks at the UN\n\nRussia welcomed the prisoner exchange on Monday.", True),
        ("Talks at the UN\n\nFrance criticised the vote but welcomed the call for talks.", True),
    ],
)
def test_approval_conceded_is_no_support(text: str, kept: bool) -> None:
    assert bool(events_of(text, "SUPPORT")) is kept
