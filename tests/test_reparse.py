"""reparse: headlines' passives without their auxiliary are read as passives, so the one killed
is the victim, not the doer; active clauses keep their doer. The texts are our own, in the
shapes of headlines, flashes and wire copy."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.nlp import load, parse_segments


def _doc(text: str):
    return parse_segments(load(), [(0, text)])[0].doc


@pytest.mark.parametrize(
    ("text", "patient"),
    [
        ("Ukrainian soldier killed in clashes in rebel east", "soldier"),
        ("Nine border guards killed near the Afghan frontier", "guards"),
        ("Policeman killed in Dagestan attack", "Policeman"),
        ("Journalist abducted in Idlib", "Journalist"),
        ("Two shot dead as police storm protest camp", "Two"),
        ("Three stabbed to death in Kano market", "Three"),
        ("Teen shot and killed in Baltimore", "Teen"),
        ("Gaza teen shot dead by Israeli troops", "teen"),
        # a noun with its reduced relative, object of a mourning verb
        ("Villagers mourn a herder shot dead by soldiers near Kidal", "herder"),
    ],
)
def test_reparse_headline_passive_makes_the_victim_the_subject_of_a_passive(
    text: str, patient: str
) -> None:
    doc = _doc(text)
    token = next(t for t in doc if t.text == patient)
    assert token.dep_ == "nsubjpass", [(t.text, t.dep_, t.head.text) for t in doc]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Rebels seized the airport after two days of fighting", "Rebels"),
        ("Security forces shot and killed four protesters in the capital", "forces"),
        ("Gunmen have killed six villagers in Zamfara", "Gunmen"),
        ("Police arrested 40 demonstrators outside parliament", "Police"),
        ("Troops advanced on the town overnight", "Troops"),
    ],
)
def test_reparse_leaves_active_clauses_alone(text: str, subject: str) -> None:
    doc = _doc(text)
    assert next(t for t in doc if t.text == subject).dep_ == "nsubj"


@pytest.mark.parametrize(
    ("text", "victims", "killed"),
    [
        ("Ukrainian soldier killed in clashes in rebel east", "Military Forces of Ukraine", 1),
        ("Serviceman killed, one civilian injured in shelling near Horlivka", None, 1),
        ("Two protesters shot dead in Kyiv", "Protesters (Ukraine)", 2),
        ("Two shot dead as riot police storm protest camp in Minsk", None, 2),
        ("Policeman killed in Dagestan attack", "Police Forces of Russia", 1),
        # a report's auxiliaries dropped: "were reported killed"
        ("Three Malian soldiers reported killed in ambush near Boni", "Military Forces of Mali",
         3),
        ("Four Nigerian soldiers reported killed in Borno", "Military Forces of Nigeria", 4),
    ],
)
def test_headline_victims_are_recipients_with_their_toll(
    text: str, victims: str | None, killed: int
) -> None:
    events = [e for e in eventwire.extract(text) if e.type == "ASSAULT"]
    assert events, text
    event = events[0]
    assert event.killed is not None and event.killed.value == killed
    if victims is not None:
        assert event.recipient is not None and event.recipient.name == victims
        assert event.actor is None or event.actor.name != victims


def test_the_russians_at_war_are_its_forces_and_palestinians_are_people() -> None:
    (strike,) = eventwire.extract("In the Donetsk region, the Russians killed three and "
                                  "wounded eight civilians in a day")
    assert strike.actor is not None and strike.actor.name == "Military Forces of Russia"
    assert strike.acled is not None and strike.acled.event_type != "Riots"
    clash = eventwire.extract("Palestinians clashed with Israeli troops in Hebron")[0]
    assert clash.actor is not None and clash.actor.sector != "MIL"


def test_the_enemy_is_not_the_forces_of_the_place_it_attacked() -> None:
    (event,) = eventwire.extract("One Ukrainian serviceman wounded amid 14 enemy attacks in "
                                 "Donbas in past 24 hours")
    assert event.actor is not None and event.actor.country != "UKR"
    assert event.recipient is not None and event.recipient.name == "Military Forces of Ukraine"


def test_who_reports_a_loss_did_not_inflict_it() -> None:
    (event,) = eventwire.extract("Ukraine reports two soldiers killed, 16 truce breaches")
    assert event.killed is not None and event.killed.value == 2
    assert event.actor is None or event.actor.country != "UKR"


def test_the_agent_of_a_gerund_is_the_doer_of_the_killing_it_tells() -> None:
    (event,) = eventwire.extract("Three militiamen killed in shelling by Ukrainian troops "
                                 "over the past day, the separatists said")
    assert event.actor is not None and event.actor.name == "Military Forces of Ukraine"
    assert event.killed is not None and event.killed.value == 3


@pytest.mark.parametrize(
    ("text", "verb", "subject", "obj"),
    [
        ("Protesters torch police station in Dakar", "torch", "Protesters", "station"),
        ("Rioters loot shops in Lagos suburb", "loot", "Rioters", "shops"),
        ("Militants storm army post in northern Mali", "storm", "Militants", "post"),
        ("Afghan commandos battle Taliban for district centre", "battle", "commandos", "Taliban"),
        # a past-tense verb read as the adjective of its object ("helicopter-fired rockets")
        ("A helicopter fired rockets at the convoy.", "fired", "helicopter", "rockets"),
        ("Witnesses said a helicopter fired rockets at the convoy.", "fired", "helicopter",
         "rockets"),
    ],
)
def test_a_headline_verb_read_as_a_noun_heads_its_line(
    text: str, verb: str, subject: str, obj: str
) -> None:
    doc = _doc(text)
    tokens = {t.text: t for t in doc}
    assert tokens[verb].pos_ == "VERB", [(t.text, t.pos_, t.dep_, t.head.text) for t in doc]
    assert tokens[subject].head == tokens[verb] and tokens[subject].dep_ == "nsubj"
    assert tokens[obj].head == tokens[verb] and tokens[obj].dep_ == "dobj"


@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        # a singular side and its verb read as a plural noun with a modifier
        ("Sudan's RSF shells El Fasher, killing 20 civilians", "shells", "RSF"),
        ("Colombian army clashes with ELN rebels near the border", "clashes", "army"),
        ("M23 clashes with Congolese army near Goma", "clashes", "M23"),
        # a collective noun's verb read as a noun ("police" are many)
        ("Police fire at crowd in Nairobi, killing three", "fire", "Police"),
    ],
)
def test_a_sides_present_verb_read_as_a_noun_heads_its_line(
    text: str, verb: str, subject: str
) -> None:
    doc = _doc(text)
    tokens = {t.text: t for t in doc}
    assert tokens[verb].pos_ == "VERB", [(t.text, t.pos_, t.dep_, t.head.text) for t in doc]
    assert tokens[subject].head == tokens[verb] and tokens[subject].dep_ == "nsubj"


@pytest.mark.parametrize("text", ["Mortar shells near Donetsk.", "Heavy fire in Bakhmut."])
def test_a_weapon_or_a_noun_before_the_word_is_no_side(text: str) -> None:
    doc = _doc(text)
    assert all(t.pos_ != "VERB" for t in doc), [(t.text, t.pos_, t.dep_) for t in doc]


@pytest.mark.parametrize("text", [
    "A storm hit the coast on Sunday.",
    "The police raid on the compound was condemned.",
    "Fire crews fought the blaze for hours.",
])  # fmt: skip
def test_nouns_in_clauses_with_a_verb_stay_nouns(text: str) -> None:
    doc = _doc(text)
    nouns = [t for t in doc if t.lower_ in ("storm", "raid", "fire")]
    assert all(t.pos_ in ("NOUN", "PROPN") for t in nouns), [(t.text, t.pos_) for t in doc]


@pytest.mark.parametrize(("text", "word", "head"), [
    ("Coverage focused on battlefield claims and support measures for troops.", "support",
     "measures"),
    ("The army sent tanks and attack helicopters to the border.", "attack", "helicopters"),
])  # fmt: skip
def test_a_noun_read_as_a_verb_before_a_noun_modifies_it(text: str, word: str, head: str) -> None:
    doc = _doc(text)
    token = next(t for t in doc if t.text == word)
    assert token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.text == head, [
        (t.text, t.pos_, t.dep_, t.head.text) for t in doc]
    (coded,) = eventwire.Pipeline().process([eventwire.Article(id="k", raw=text)])
    assert not coded.events  # a kind of measure, a kind of helicopter: no happening
