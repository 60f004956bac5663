"""To whom: recipients news names by its grammar or leaves to the article (extract/targets.py,
extract/context.py). Sentences written for these tests."""

from __future__ import annotations

import pytest

import eventwire

UKRAINE = ("Russian missiles struck Kharkiv and Odesa on Monday, Ukraine's air force said. "
           "Air defences downed drones over Kyiv and Lviv. ")
INDIA = "Mobs attacked churches in Delhi, Mumbai and Kolkata on Christmas Eve, police said. "


@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipient"),
    [
        # aid by a foreign side, no recipient named: the country the article is about
        (UKRAINE + "Asked about Germany's military aid, the Kremlin spokesman said it would "
         "change nothing.", "AID", "DEU", "UKR"),
        # a foreign side's warning with no one named is addressed to the article's country
        (INDIA + "The US State Department warned of rising attacks on religious minorities.",
         "ACCUSE", "USA", "IND"),
        # a warning told beside a rejection is addressed to the one rejected, not the article
        (UKRAINE + "Russian officials opposed the US plan, warning that it could lead "
         "to a wider war.", "THREATEN", "RUS", "USA"),
        # what a state's embassy does abroad is done to the host state
        ("Pakistan's embassy in Kabul suspended all visa services on Monday.", "SANCTION",
         "PAK", "AFG"),
        # a show of force is aimed at whom it is held near
        ("Russia launched military exercises near Finland on Monday.", "MOBILIZE", "RUS",
         "FIN"),
        # aid "from" others: the subject that tells its coming received it
        ("Ukraine confirmed the arrival of new military aid from partner countries.", "AID",
         None, "UKR"),
    ],
)
def test_recipient_named_by_news_grammar_or_the_article(
    text: str, kind: str, actor: str | None, recipient: str
) -> None:
    events = [e for e in eventwire.extract(text, published="2025-01-10") if e.type == kind]
    assert events, kind
    assert events[0].recipient is not None
    assert events[0].recipient.country == recipient
    assert (events[0].actor.country if events[0].actor else None) == actor


def test_no_recipient_from_the_article_for_its_own_side() -> None:
    # Ukraine's own demand in a story about Ukraine is not addressed to Ukraine
    text = UKRAINE + "Ukraine's foreign minister demanded more air defence systems."
    for event in eventwire.extract(text, published="2025-01-10"):
        if event.type == "REQUEST":
            assert event.recipient is None or event.recipient.basis != "article"


@pytest.mark.parametrize(
    "text",
    [
        "Shelling continued in Kherson overnight, causing casualties among residents.",
        "New attacks were reported in the city, risking further harm to civilians, an official "
        "in Kharkiv said.",
    ],
)
def test_attack_victims_named_as_those_harmed(text: str) -> None:
    attacks = [e for e in eventwire.extract(text, published="2025-01-10") if e.type == "ASSAULT"]
    assert attacks
    assert attacks[0].recipient is not None
    assert attacks[0].recipient.sector == "CVL"


def test_machine_named_again_by_its_noun_keeps_its_country() -> None:
    text = ("Rebels said they shot down a US military helicopter near Logar on Tuesday. A Taliban "
            "spokesman later claimed responsibility for shooting down the helicopter in Kandahar "
            "on Wednesday.")
    events = [e for e in eventwire.extract(text, published="2025-01-10") if e.recipient]
    assert len(events) == 2
    assert {e.recipient.country for e in events if e.recipient} == {"USA"}


def test_international_body_s_warning_is_not_addressed_to_the_land_it_speaks_of() -> None:
    text = ("Israeli strikes hit Gaza City and Khan Younis on Monday. The UN rights office "
            "warned of possible ethnic cleansing.")
    for event in eventwire.extract(text, published="2025-01-10"):
        if event.type == "ACCUSE":
            assert event.recipient is None or event.recipient.basis != "article"


@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipient"),
    [
        ("Serbia and Kosovo agreed to a prisoner exchange on Monday.", "AGREE", "SRB", "XKX"),
        ("Armenia and Azerbaijan signed a peace deal in Geneva.", "AGREE", "ARM", "AZE"),
        ("The leaders of Peru and Chile agreed to hold talks next month.", "AGREE", "PER",
         "CHL"),
    ],
)
def test_sides_joined_by_and_are_each_other_s_recipient(
    text: str, kind: str, actor: str, recipient: str
) -> None:
    events = [e for e in eventwire.extract(text, published="2025-01-10") if e.type == kind]
    assert events, kind
    assert events[0].actor is not None and events[0].actor.country == actor
    assert events[0].recipient is not None and events[0].recipient.country == recipient
