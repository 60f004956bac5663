"""Who "she", "it" and "the agency" stand for (extract/anaphora.py), on texts of our own."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.model import Event


def events_of(text: str, type_: str) -> list[Event]:
    return [e for e in eventwire.extract(text, published="2026-03-02") if e.type == type_]


@pytest.mark.parametrize(
    ("text", "type_", "doer"),
    [
        # a person named in the sentence before, taken up by "she" / "he"
        (
            "The UN political chief, Maria Velasquez, briefed the Security Council on Monday. "
            "She called for an immediate halt to strikes on power plants.",
            "REQUEST",
            "UN political chief",
        ),
        (
            "Foreign Minister Karel Dvorak arrived in Kyiv on Tuesday. He urged allies to speed up "
            "deliveries of air defence systems.",
            "REQUEST",
            "Foreign Minister Karel Dvorak",
        ),
        # an organisation, taken up by "the agency"
        (
            "The World Food Programme said its stocks in Chad would run out in March. The agency "
            "appealed to donors for $200 million.",
            "REQUEST",
            "World Food Programme",
        ),
        # a subject the story keeps by "she" sentence after sentence stays within reach
        (
            "Envoy Lena Moravec addressed the Security Council on Thursday about the fighting "
            "in the east. She described a winter of blackouts in the cities, with water and "
            "heating cut for days at a time and "
            "hospitals running on generators. She told members that schools had moved classes "
            "underground in many towns and that millions of people had left their homes since the "
            "war began. She said "
            "that the number of people in need of assistance had risen sharply over the past three "
            "months, and that funding for the response had fallen to a third of what was required. "
            "She noted that mines and unexploded shells now covered wide stretches of farmland, "
            "and that clearing them would take decades and cost billions. Russia has intensified "
            "its strikes on the power grid this winter. She called for both sides to halt strikes "
            "on power plants.",
            "REQUEST",
            "Envoy Lena Moravec",
        ),
        # "he" as the subject of a clause the deed hangs from ("the crimes he faced for ...")
        (
            "Curtis Vane was sentenced to death in January. In December a jury had found the "
            "defendant guilty on all 33 counts of federal hate crimes he faced for murdering nine "
            "worshippers in a church.",
            "ASSAULT",
            "Curtis Vane",
        ),
        # the subject of a clause above, in the same sentence
        (
            "Moscow denied the report, saying it had struck only military targets.",
            "ASSAULT",
            "Moscow",
        ),
    ],
)
def test_anaphora_doer_is_the_subject_named_before(text: str, type_: str, doer: str) -> None:
    found = events_of(text, type_)
    assert found, f"no {type_} in {text!r}"
    actor = found[0].actor
    assert actor is not None and actor.text == doer
    assert actor.start is not None and text[actor.start : actor.end] == doer  # its evidence


@pytest.mark.parametrize(
    "text",
    [
        # a person's pronoun never takes a state, nor "the agency" a country
        "Russia massed troops near the border in January. She called for calm.",
        "Ethiopia said arrivals from Sudan had doubled. The agency appealed for more funds.",
        # too far back: a new paragraph of other news
        "Minister Hana Novak met the president on Monday.\n\n"
        + "Talks went on. " * 60
        + "She urged both sides to return to the table.",
        # "we" in a quote is the speaker's side, not the last subject
        'The envoy Omar Haddad met rebel leaders on Friday. "We call on the army to withdraw," '
        "a rebel commander said.",
    ],
)
def test_anaphora_leaves_the_doer_unnamed_without_a_fitting_antecedent(text: str) -> None:
    found = [e for e in eventwire.extract(text, published="2026-03-02")
             if e.type in ("REQUEST", "ASSAULT") and e.actor is not None]  # fmt: skip
    assert all(e.actor.basis != "article" for e in found if e.actor is not None)
