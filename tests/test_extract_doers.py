"""Who did it (extract/doers.py and the actor dictionary), on sentences written for these tests."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.model import Event


def _events(text: str, type_: str) -> list[Event]:
    return [e for e in eventwire.extract(text, published="2026-03-02") if e.type == type_]


@pytest.mark.parametrize(
    ("text", "type_", "doer", "country"),
    [
        # a state's mission abroad acts for its state, not for the land it sits in
        ("The French embassy in Niamey suspended visa services on Monday.", "SANCTION",
         "French embassy", "FRA"),
        ("The embassy in Kabul suspended its operations on Monday.", "SANCTION", "embassy", None),
        # a body a people or a name names: kept as written where the dictionary has no code
        ("Several Catholic groups called on the police to protect churches over Easter.",
         "REQUEST", "Catholic groups", None),
        ("Kurdish parties condemned the arrests of the two mayors.", "ACCUSE", "Kurdish parties",
         None),
        # a word of protest that names the crowd is the crowd, not whoever the clause is about
        ("The bank closed its branch in Lagos after protesters smashed its windows.", "PROTEST",
         "protesters", "NGA"),
        ("Nepali protesters demand the release of the jailed editor.", "PROTEST",
         "Nepali protesters", "NPL"),
    ],
)
def test_doers_name_the_doer(text: str, type_: str, doer: str, country: str | None) -> None:
    found = _events(text, type_)
    assert found, f"no {type_} in {text!r}"
    actor = found[0].actor
    assert actor is not None and actor.text == doer, actor
    assert actor.country == country


@pytest.mark.parametrize(
    ("text", "not_doer"),
    [
        # a happening the clause is dated by: its subject did not make it
        ("The embassy suspended its operations after the attack.", "embassy"),
        ("The consulate in Erbil closed its doors after the protest.", "consulate"),
    ],
)
def test_doers_clause_dated_by_a_happening_did_not_make_it(text: str, not_doer: str) -> None:
    found = [e for e in eventwire.extract(text, published="2026-03-02")
             if e.type in ("ASSAULT", "PROTEST")]  # fmt: skip
    assert found, text
    assert all(e.actor is None or e.actor.text != not_doer for e in found)


@pytest.mark.parametrize(
    ("text", "type_", "role", "words"),
    [
        # the sides of a conflict named together, as written, as whom a call is made to
        ("Foreign Minister Anna Berg called for both sides to halt strikes on power plants.",
         "REQUEST", "recipient", "both sides"),
        ("The mediator urged the warring parties to return to talks in Doha.", "REQUEST",
         "recipient", "the warring parties"),
    ],
)
def test_doers_sides_named_together(text: str, type_: str, role: str, words: str) -> None:
    found = _events(text, type_)
    assert found, f"no {type_} in {text!r}"
    named = getattr(found[0], role)
    assert named is not None and named.text == words, named
