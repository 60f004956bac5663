"""A person introduced with a title acts as the body's or state's person when named again
(extract/persons.py), on texts of our own."""

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
