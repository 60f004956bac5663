"""War headlines in shapes the parser and the rules used to miss: a day's report counted
"since early morning", a marksman named by his work, fighting that "rages", an attack named by
its place ("killed in Donetsk shelling"), a vehicle that hits a mine, and a capital that
reports rather than hosts the news. The texts are our own, from several wars."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.nlp import load, parse_segments

_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _violent(text: str) -> list[eventwire.Event]:
    return [e for e in eventwire.extract(text) if e.status in ("occurred", "ongoing")
            and (e.type == "ASSAULT" or (e.acled is not None and e.acled.event_type in _VIOLENT))]


@pytest.mark.parametrize(
    "text",
    [
        # a day's report: "since" counts from the same day
        "Two soldiers killed in Donbas since early morning - army HQ",
        "Four civilians killed in El Fasher since the start of the day, activists say",
        "Three policemen wounded in Gao since dawn",
        # a marksman named by his work
        "Sniper wounds soldier near Avdiivka",
        "Sniper kills two soldiers in northern Mali",
        # fighting that rages, in the present
        "Fighting rages in Khartoum despite ceasefire talks.",  # (no stop: still missed)
        "Shelling intensifies near Kharkiv",
        # the attack named by its place, closing the line
        "Two civilians killed in Khartoum shelling",
        "Woman killed in Donetsk shelling",
        # a vehicle that hits a mine is blown up, not crashed
        "Three soldiers killed as army truck hits landmine in central Mali",
        "Four killed as minibus hits a mine in Myanmar's Shan state",
        "Army truck hits landmine in Sinai, two soldiers killed",
    ],
)
def test_a_war_headline_tells_violence(text: str) -> None:
    assert _violent(text), eventwire.extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "Israeli strikes have killed 40,000 people in Gaza since October",
        "Five soldiers killed since the start of the year in Mali",
        "Army has shelled the town every day since day one of the war",
    ],
)
def test_a_count_since_a_month_or_a_war_stays_a_tally(text: str) -> None:
    assert not _violent(text), eventwire.extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bus hits truck on highway near Kano, 12 killed",
        "Coal mine collapses in Shan state, nine miners dead",
        "A gas explosion at a coal mine in the north killed nine miners on Monday.",
    ],
)
def test_a_crash_or_a_pit_collapse_is_no_attack(text: str) -> None:
    assert not _violent(text), eventwire.extract(text)


def test_sniper_rifles_are_a_weapon_not_someone_struck() -> None:
    text = ("Militiamen fired machine guns and sniper rifles at houses in the old town of "
            "Taiz on Monday")
    for event in _violent(text):
        assert event.recipient is None or "sniper" not in event.recipient.text.lower()


def test_a_snipers_side_is_not_the_place_s() -> None:
    events = _violent("Sniper wounds soldier near Avdiivka")
    assert events and events[0].actor is not None and events[0].actor.country is None


@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        ("Sniper wounds soldier near Avdiivka", "wounds", "Sniper"),
        ("Fighting rages in Khartoum", "rages", "Fighting"),
        ("Fighting intensifies near Luhansk", "intensifies", "Fighting"),
    ],
)
def test_a_headline_verb_gets_its_subject(text: str, verb: str, subject: str) -> None:
    doc = parse_segments(load(), [(0, text)])[0].doc
    tokens = {t.text: t for t in doc}
    assert tokens[verb].pos_ == "VERB", [(t.text, t.pos_, t.dep_, t.head.text) for t in doc]
    assert tokens[subject].head == tokens[verb] and tokens[subject].dep_ == "nsubj"


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv reports two soldiers killed in Donbas",
        "Kiev says three servicemen wounded in the east",
        "Khartoum says RSF shelling killed five in Omdurman",
    ],
)
def test_a_capital_that_reports_is_not_the_place(text: str) -> None:
    capital = text.split()[0]
    for event in _violent(text):
        assert event.location is None or event.location.text != capital, event.location
