"""Sentences whose trigger words tell no happening of their own, or tell one of another kind:
background measured from ("since the truce began"), positions held ("though Moscow rejects
it"), a statement's preamble ("While welcoming ..., she urged ..."), the items of what is asked
for, adjectives on event nouns, and the sense of "support" and "host".

Every text here is written for these tests, in the shapes news takes: wire copy, live-blog
lines, UN statements, features.
"""

from __future__ import annotations

import pytest

import eventwire

PUBLISHED = "2026-03-10"


def _kinds(text: str) -> list[tuple[str, str]]:
    return sorted((e.type, e.status) for e in eventwire.extract(text, published=PUBLISHED))


def _types(text: str) -> list[str]:
    return sorted(e.type for e in eventwire.extract(text, published=PUBLISHED))


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # a UN statement: the call is the news, the praise before it its preamble
        ("While welcoming the release of the hostages, the envoy urged the group to free the "
         "remaining captives.", ["REQUEST"]),
        ("Though commending the mediators' efforts, the Secretary-General stressed the need for "
         "restraint by all parties.", ["REQUEST"]),
        # UN communique shape: "underscored the need for" is a call
        ("The Council underscored the need for unhindered humanitarian access to the region.",
         ["REQUEST"]),
        # what is asked for, item by item, is the call's content, not aid given
        ("In a video address, the president stressed the importance of air defence and further "
         "military aid.", ["REQUEST"]),
    ],
)
def test_a_statement_and_its_preamble_and_content(text: str, types: list[str]) -> None:
    assert _types(text) == types


@pytest.mark.parametrize(
    "text",
    [
        # a feature's background: the point a change is measured from
        "Food prices in the enclave have nearly doubled since the truce began in the spring.",
        "Imports through the port have slowed since the blockade was imposed last year.",
        # a live-blog line: a stance held, set beside the news by "though"
        "Investigators have opened several inquiries into the abuses, though Moscow rejects "
        "their authority.",
        # a standing habit: what groups keep doing, with the call it carries
        "Rights groups continue to record abuses in the camps, urging donors to fund "
        "protection work.",
    ],
)
def test_background_and_standing_positions_are_no_events(text: str) -> None:
    assert _types(text) == []


def test_an_origin_told_with_a_day_of_the_news_is_still_news() -> None:
    # wire copy: the start of what follows, told with its day
    text = "Since militants stormed the prison on Tuesday, more than 200 inmates have escaped."
    assert "ASSAULT" in _types(text) or _types(text) == []  # never dropped for its "since"
    from eventwire.extract.nonevents import since_origin
    from eventwire.nlp import load

    doc = load()(text)
    stormed = next(t for t in doc if t.lower_ == "stormed")
    assert not since_origin(stormed)
    doc = load()("Aid deliveries have slowed since the ceasefire collapsed in the autumn.")
    ceasefire = next(t for t in doc if t.lower_ == "ceasefire")
    assert since_origin(ceasefire)


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # an adjective on an event noun describes it: "opposing demands" are demands, no
        # rejection
        ("The talks have made little headway, with both sides clinging to opposing demands.",
         ["CONSULT"]),
        # "support" of people in need is aid; of a side or a plan, backing
        ("The agency said the airlift would go on supporting displaced families in the north.",
         ["AID"]),
        ("UNICEF is supporting 30,000 returnee children with school kits, its office said.",
         ["AID"]),
        ("Berlin supports the ceasefire proposal, the chancellor told reporters.", ["SUPPORT"]),
        # hosting drills or refugees is no meeting of sides (the drills are the event)
        ("The northern island will host part of the naval drills next month.", ["MOBILIZE"]),
        ("Jordan hosts hundreds of thousands of refugees from the war.", []),
    ],
)
def test_the_kind_a_word_tells(text: str, types: list[str]) -> None:
    assert _types(text) == types


def test_a_siege_laid_is_force() -> None:
    # a wire lead: a siege laid on a place is coercion by force
    kinds = _kinds("Police laid siege to the campus on Sunday, trapping hundreds of students "
                   "inside.")
    assert ("COERCE", "occurred") in kinds
    assert _types("Soldiers besieged the rebel-held town overnight.") == ["COERCE"]
