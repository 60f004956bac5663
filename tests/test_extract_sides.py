# ruff: noqa: E501  (the tables read best with one headline per line)
"""The two sides of war news: who struck and who was struck, as headlines tell them.

Headlines written for these tests, in the shapes war news takes in many wars (Ukraine, Sudan,
Gaza, Myanmar, the Sahel): the doer named by the deed it did ("Russian shelling kills two",
"killed in Kiev's shelling", "in shelling by Kiev forces - ministry"), by the other side's
words for it ("the occupiers", "the enemy"), by the land it holds ("in the rebel east"), or by
another sentence of the article; and the scorer's reading of UCDP sides.
"""

from __future__ import annotations

import pytest

import eventwire
from eventwire.evaluate.ucdp import side_matches, struck_state
from eventwire.model import Actor, Event


def _attack(text: str) -> Event:
    attacks = [e for e in eventwire.extract(text) if e.type == "ASSAULT"]
    assert attacks, text
    return attacks[0]


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # the deed's modifier names its doer
        ("Russian shelling kills two in Kherson", "RUS", "MIL"),
        ("Sudanese army shelling kills five in Omdurman market", "SDN", "MIL"),
        ("Israeli shelling wounded four in southern Lebanon", "ISR", "MIL"),
        # a killing that happened in someone's deed
        ("Woman killed in Kiev's shelling of a village near Horlivka", "UKR", "MIL"),
        ("Civilian killed in Ukrainian troops' shelling of Donetsk suburbs", "UKR", "MIL"),
        ("Two farmers killed in shelling by Malian troops near Mopti", "MLI", "MIL"),
        ("Boy dies in shelling by Myanmar army in Sagaing", "MMR", "MIL"),
        # a credit after a spaced dash is not part of the doer's name
        ("Three killed in shelling by Ukrainian forces - Donetsk separatist authorities", "UKR", "MIL"),
        ("Teacher killed in shelling by Sudanese army - RSF statement", "SDN", "MIL"),
        # "an attack of X" in translated war news: X attacked
        ("Militiaman killed in an attack of Ukrainian military near Horlivka", "UKR", "MIL"),
        ("The aggressor shelled Kherson overnight, wounding two", "RUS", "MIL"),
        ("Russian aviation dropped a guided bomb on a village, injuring two men", "RUS", "MIL"),
        # the doer named before the weapon that named the strike ("a Russian missile strike")
        ("A Russian missile strike on a hotel in Kramatorsk killed one person", "RUS", "MIL"),
        ("An Israeli drone strike on a car in Tyre killed two men", "ISR", "MIL"),
        # who says the deed did not do it
        ("Israeli strikes kill nine in Rafah, Hamas officials say", "ISR", "MIL"),
        # the other side's words for the invader, in the country it invaded
        ("The occupiers shelled Nikopol with heavy artillery overnight, wounding a pensioner", "RUS", "MIL"),
        ("Invaders fired on a village in Sumy region, killing a man", "RUS", "MIL"),
        # a people named for a strike from afar is its state's forces ("Russians shelled")
        ("Russians shelled Kherson region 40 times over the past day, killing one", "RUS", "MIL"),
        ("Russians fired rockets at Nikopol, one person killed", "RUS", "MIL"),
        ("Russians dropped a guided bomb on a village, killing two", "RUS", "MIL"),
        # ... or for a killing or wounding: a mob or a crowd is named so
        ("Russians killed two and wounded nine in Donetsk Oblast over the past day", "RUS", "MIL"),
        ("In the Kharkiv region, Russians killed a man and wounded four people", "RUS", "MIL"),
        # a headline's present tense the parser reads as a noun ("Russians shell ... region")
        ("Russians shell Kherson region 60 times in a day, killing one", "RUS", "MIL"),
        ("Enemy shells Nikopol district with heavy artillery, one person killed", "RUS", "MIL"),
        ("RSF shells El Fasher camp, killing seven", "SDN", "REB"),
        ("Occupiers dropped a guided bomb on Kostiantynivka, killing three people", "RUS", "MIL"),
    ],
)
def test_sides_doer_of_a_war_headline(text: str, country: str, sector: str) -> None:
    actor = _attack(text).actor
    assert actor is not None, text
    assert (actor.country, actor.sector) == (country, sector), (text, actor)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a plural's possessive with a typographic apostrophe names the doer as a plain one does
        ("Boy killed in Israeli troops’ shelling of Khan Younis", "ISR"),
        ("Villager killed in Myanmar soldiers’ raid in Sagaing", "MMR"),
        # the deed's modifier on the way from the killing to the deed ("in enemy shelling"),
        # also where the parser took the deed for a verb of its own ("amid enemy shelling")
        ("Two soldiers killed in enemy shelling near Avdiivka", "RUS"),
        ("Three Ukrainian servicemen killed amid enemy shelling in Donbas", "RUS"),
        ("Three Sudanese soldiers killed amid RSF shelling in El Obeid", "SDN"),
        ("Two soldiers killed in militant mortar fire near Diffa", "NER"),
        # ... and where the deed is put before the clause ("Due to the enemy shelling, ...")
        ("Due to the enemy shelling, a 40-year-old woman died in Kupiansk", "RUS"),
        ("Due to shelling by Sudanese army troops, two traders died in Kadugli market", "SDN"),
        # a deed the parser made a clause of its own, before a speaker's credit
        ("Russian shelling in Donetsk Oblast killed three civilians, the regional administration said", "RUS"),
    ],
)
def test_sides_doer_of_the_deed_a_killing_happened_in(text: str, country: str) -> None:
    actor = _attack(text).actor
    assert actor is not None and actor.country == country, (text, actor)
    assert actor.sector != "CVL" and actor.basis == "text", (text, actor)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # the other side's words with no place to tell whose forces: those of the occupier of
        # the country whose side faces them
        ("Ukrainian troops killed 300 occupiers over the past day", "recipient"),
        ("The enemy shelled Ukrainian positions, killing two soldiers", "actor"),
    ],
)
def test_sides_the_occupier_faced_by_the_occupied(text: str, role: str) -> None:
    side = getattr(_attack(text), role)
    assert side is not None and (side.country, side.sector) == ("RUS", "MIL"), (text, side)


@pytest.mark.parametrize(
    "text",
    [
        # a headline's passive of a strike from afar: what was hit is the target, not the doer
        "Market shelled in El Fasher, five dead",
        "School bombed in Idlib as strikes go on",
        "Three killed, clinic shelled near the front line",
    ],
)
def test_sides_what_was_shelled_is_the_target(text: str) -> None:
    event = _attack(text)
    assert event.actor is None or event.actor.sector != "CVL", (text, event.actor)
    assert event.recipient is not None and event.recipient.sector in ("CVL", "HLH"), (text, event)


@pytest.mark.parametrize(
    ("text", "doer", "target"),
    [
        # two countries named before one noun of a fight: the second is the other side
        ("Ukrainian and Russian forces clash near Kupiansk", "UKR", "RUS"),
        ("Russian and Ukrainian troops fought for control of Bakhmut", "RUS", "UKR"),
        ("Sudanese and Chadian soldiers clashed on the border", "SDN", "TCD"),
    ],
)
def test_sides_two_countries_before_one_noun_of_a_fight(text: str, doer: str, target: str) -> None:
    event = _attack(text)
    assert event.actor is not None and event.actor.country == doer, (text, event.actor)
    assert event.recipient is not None and event.recipient.country == target, (text, event)


def test_sides_two_countries_that_attack_together_are_one_side() -> None:
    event = _attack("Russian and Belarusian troops attacked Kyiv")
    assert event.recipient is None or event.recipient.country != "BLR", event


@pytest.mark.parametrize(
    "text",
    [
        # what is launched or fired is the weapon, not whom it is aimed at
        "Russia launches 70 drones at Ukraine overnight; one killed in Odesa",
        "Houthis fired two missiles at a cargo ship in the Red Sea",
        "The army launched a drone strike on a village in Sagaing, killing four",
    ],
)
def test_sides_the_weapon_launched_is_no_target(text: str) -> None:
    event = _attack(text)
    target = event.recipient
    assert target is None or not any(word in target.text.lower() for word in (
        "drone", "missile", "strike")), (text, target)


@pytest.mark.parametrize(
    "text",
    [
        "Two residents die in shelling of El Fasher",
        "Three villagers die in air raid in Kachin state",
    ],
)
def test_sides_who_dies_did_not_kill(text: str) -> None:
    actor = _attack(text).actor
    assert actor is None or actor.sector != "CVL", (text, actor)


@pytest.mark.parametrize(
    "text",
    [
        # the noun a harm's participle tells of suffered it; its modifier did not do it
        "One Ukrainian serviceman killed, two wounded in Donbas in past 24 hours - Kyiv",
        "One Malian soldier killed, three hurt near Gao on Sunday - army",
    ],
)
def test_sides_the_victims_modifier_is_no_doer(text: str) -> None:
    event = _attack(text)
    assert event.recipient is not None and event.recipient.sector == "MIL", (text, event)
    assert event.actor is None or event.actor.basis != "text" or (
        event.actor.country != event.recipient.country), (text, event.actor)


def test_sides_a_people_in_a_brawl_is_no_army() -> None:
    event = _attack("Palestinians clashed with Israeli police in Jerusalem")
    assert event.actor is not None and event.actor.sector != "MIL", event.actor


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        # verbs that share the object after the last are the doer's deeds, not a flash's harm
        ("Israeli troops killed and wounded dozens of Palestinians in Jenin", "ISR"),
        ("Gunmen killed and abducted villagers in Zamfara", "NGA"),
    ],
)
def test_sides_coordinated_deeds_share_their_object(text: str, doer: str) -> None:
    event = _attack(text)
    assert event.actor is not None and event.actor.country == doer, (text, event.actor)
    assert event.recipient is not None and event.recipient.sector == "CVL"




@pytest.mark.parametrize(
    ("text", "doer", "victims"),
    [
        # a flash's second clause names the harmed, with no auxiliary: one attack, its victims
        ("Occupiers shelled Nikopol; pensioner wounded", "RUS", "pensioner"),
        ("RSF shelled El Fasher market, two children killed", "SDN", "children"),
        ("Russian drones attacked Sumy overnight, woman injured", "RUS", "woman"),
        ("Militants stormed a village near Diffa, three herders killed", None, "herders"),
        ("Kharkiv: one person killed, five injured in Russian strike", "RUS", "person"),
        # a flash's lead before a colon is no subject, and the news after it is its own clause
        ("Sudan: RSF shelling kills four civilians in El Obeid", "SDN", "civilians"),
        ("Enemy drone attack on Nikopol: 72-year-old woman killed", "RUS", "woman"),
        # a headline's credit after a colon is no object of the harm
        ("Three soldiers killed as Boko Haram fighters raid base: army", None, "soldiers"),
        ("Sudanese troops shelled Kadugli, two farmers killed - local monitors", "SDN", "farmers"),
    ],
)
def test_sides_a_flash_clause_of_harm_names_the_victims(text: str, doer: str | None,
                                                         victims: str) -> None:
    attacks = [e for e in eventwire.extract(text) if e.type == "ASSAULT"]
    assert len(attacks) == 1, (text, attacks)
    event = attacks[0]
    assert event.recipient is not None and event.recipient.text.endswith(victims), (text, event)
    assert event.actor is None or event.actor.text != event.recipient.text
    if doer is not None:
        assert event.actor is not None and event.actor.country == doer, (text, event.actor)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Ukrainian soldiers repelled an assault by Russian troops near Robotyne", "UKR"),
        ("Malian troops repulsed an attack by jihadists near Boulkessi", "MLI"),
    ],
)
def test_sides_who_repels_an_attack_was_attacked(text: str, target: str) -> None:
    event = _attack(text)
    assert event.recipient is not None and event.recipient.country == target, (text, event)
    assert event.actor is not None and event.actor.country != target


def test_sides_who_condemns_an_attack_was_not_attacked() -> None:
    event = _attack("The UN condemned the attack on the convoy")
    assert event.recipient is None or event.recipient.name != "United Nations"


def test_sides_victims_of_a_passive_are_no_crowd() -> None:
    # "civilians killed as fighting flares": the civilians are the victims, not a mob
    for event in eventwire.extract("Civilians killed as fighting flares in the north"):
        assert event.actor is None or event.actor.basis != "text" or event.actor.sector != "CVL"


def test_sides_a_name_qualifying_people_makes_them_civilians() -> None:
    event = _attack("Shelling kills two RSF-held Nyala residents")
    assert event.recipient is None or event.recipient.sector in (None, "CVL")
    event = _attack("Four Gaza residents killed in Israeli strike")
    assert event.recipient is not None and event.recipient.sector == "CVL"


@pytest.mark.parametrize(
    "text",
    [
        "Two government soldiers killed in the rebel east",
        "Three soldiers killed in rebel-held territory near Goma",
        "Army officer killed in the jihadist-controlled north",
        "Government soldier killed in rebel east as clashes intensify",
    ],
)
def test_sides_rebels_holding_the_land_killed_the_states_forces(text: str) -> None:
    actor = _attack(text).actor
    assert actor is not None and actor.sector == "REB" and actor.basis == "text", (text, actor)


def test_sides_civilians_in_rebel_land_name_no_doer() -> None:
    # civilians dying in rebel-held land may be the government's victims: no doer is told
    actor = _attack("Four civilians killed in rebel-held Idlib").actor
    assert actor is None or actor.sector != "REB"


def test_sides_the_other_side_named_elsewhere_in_the_article() -> None:
    events = eventwire.extract(
        "Russia-led forces opened fire on Ukrainian positions 12 times on Monday.\n\n"
        "One Ukrainian soldier was killed and two were wounded."
    )
    killed = [e for e in events if e.killed is not None]
    assert killed and killed[0].actor is not None
    assert killed[0].actor.country == "RUS"


def test_sides_no_other_side_when_the_article_names_two() -> None:
    events = eventwire.extract(
        "Fano militiamen and Oromo rebels attacked towns in the region last week.\n\n"
        "Four Ethiopian soldiers were killed on Tuesday."
    )
    killed = [e for e in events if e.killed is not None]
    assert killed
    assert killed[0].actor is None or killed[0].actor.basis != "article"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a civil war's sides are of one land: the soldiers an armed group kills are its state's
        ("Taliban kill 12 soldiers in attack on checkpoint", "AFG"),
        ("Al Shabaab fighters killed four soldiers in an ambush", "SOM"),
        # forces a state's statement names are its own
        ("Ukraine military says one serviceman killed, six wounded", "UKR"),
        ("Israeli military says two soldiers were killed in Gaza fighting", "ISR"),
        # what a headline says happened is a clause, not an object with a participle
        ("Somali army reports five soldiers killed in ambush", "SOM"),
        ("Ukraine says one soldier killed in the east as tensions rise", "UKR"),
        # ... and so is a headline's credit after a spaced dash or a colon
        ("Four soldiers killed in the north, worst toll in weeks - Malian army", "MLI"),
        ("Seven troops killed in fresh clashes: Kiev", "UKR"),
        # who dies is the victim of the fight the sentence tells
        ("Three Ukrainian soldiers die as fighting flares near Horlivka", "UKR"),
    ],
)
def test_sides_victims_forces_of_the_land_or_the_speaker(text: str, country: str) -> None:
    target = _attack(text).recipient
    assert target is not None and (target.country, target.sector) == (country, "MIL"), (text, target)


@pytest.mark.parametrize(
    ("text", "doer", "target"),
    [
        # armies' reports tell the enemy's dead as eliminated, liquidated or neutralised
        ("Ukrainian troops eliminated 600 Russian invaders over the past day", "UKR", "RUS"),
        # raiders across a front line named as the raided side names them
        ("Ukrainian saboteurs killed two in a raid in Bryansk region, Russia says", "UKR", None),
        ("Nigerian troops neutralised five terrorists in Borno", "NGA", "NGA"),
        # bombs launched at a town are a strike, launched by whom the sentence names
        ("Russian forces launch guided aerial bombs at Zaporizhzhia, one killed", "RUS", None),
    ],
)
def test_sides_deeds_of_armies_reports(text: str, doer: str, target: str | None) -> None:
    event = _attack(text)
    assert event.actor is not None and event.actor.country == doer, (text, event.actor)
    if target is not None:
        assert event.recipient is not None and event.recipient.country == target, (text, event)


def test_sides_eliminating_a_subsidy_is_no_attack() -> None:
    events = eventwire.extract("The government wants to eliminate fuel subsidies")
    assert not any(e.type == "ASSAULT" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        # the dead of a strike from afar told by their number alone are people
        "Russian missile strike on Odesa kills four, injures 20",
        "Israeli airstrike in Deir al-Balah kills six",
        "Army shelling of a market in El Fasher killed nine",
    ],
)
def test_sides_a_strikes_dead_told_by_number_are_civilians(text: str) -> None:
    target = _attack(text).recipient
    assert target is not None and (target.sector, target.basis) == ("CVL", "event"), (text, target)


@pytest.mark.parametrize(
    "text",
    [
        # soldiers named as soldiers, and a shooting's dead, stay as told
        "Russian shelling killed two soldiers near Bakhmut",
        "Gunmen shot dead three people at a checkpoint",
    ],
)
def test_sides_no_civilians_implied_where_the_victims_are_told(text: str) -> None:
    target = _attack(text).recipient
    assert target is None or target.basis == "text", (text, target)


@pytest.mark.parametrize(
    "text",
    [
        "Militants violated the ceasefire 14 times in the past 24 hours",
        "Government troops and rebels breached the truce near Kadugli, a monitor said",
        "Separatists violated the cease-fire near Mariupol overnight",
        "Kiev reports violations of the cease-fire near Debaltseve",
        # an army's daily losses told as KIA and WIA
        "Three KIA, seven WIA in the east on Monday - army HQ",
    ],
)
def test_sides_a_ceasefire_violated_is_fighting(text: str) -> None:
    events = eventwire.extract(text)
    assert any(e.type == "ASSAULT" for e in events), text
    assert not any(e.type == "AGREE" for e in events), text


def test_sides_a_proxy_is_an_armed_group_of_its_land() -> None:
    actor = _attack("Iran-backed militias fired rockets at a US base in Syria").actor
    assert actor is not None and actor.country != "IRN" and actor.sector in ("MLT", "REB")
    actor = _attack("Russia-led forces shelled Ukrainian positions near Avdiivka").actor
    assert actor is not None and actor.country == "RUS"


@pytest.mark.parametrize(
    "text",
    [
        "Gaza death toll rises to 40 after overnight bombardment",
        "Sudan fighting kills 28 as talks stall",
        "Six dead in renewed Darfur fighting",
    ],
)
def test_sides_the_place_of_a_toll_or_a_fight_is_no_doer(text: str) -> None:
    for event in eventwire.extract(text):
        assert event.actor is None or event.actor.basis != "text" or event.actor.sector not in (
            "MIL", "GOV"), (text, event.actor)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Woman killed in Russian shelling of Kherson", "UKR"),
        ("Two civilians killed in Russian drone attack on Sumy", "UKR"),
        ("Israeli airstrike on Khan Younis kills five", "PSE"),
        # news of an occupier's war names the land it is fought in by its towns alone
        ("Russian strike on a supermarket in Kostiantynivka kills 16", "UKR"),
        ("Russia says its forces captured a village near Avdiivka", "UKR"),
        # a flash led by its place
        ("Kharkiv: one person killed, five injured in Russian strike on residential area", "UKR"),
        ("Mogadishu: two soldiers killed in Al Shabaab mortar attack", "SOM"),
    ],
)
def test_sides_the_place_an_attack_is_on_is_where_it_happened(text: str, country: str) -> None:
    event = _attack(text)
    assert event.location is not None and event.location.country == country, (text, event)


# --- the scorer's reading of UCDP sides ---------------------------------------------------


def _event(actor: Actor | None, recipient: Actor | None, country: str | None) -> Event:
    record = {
        "id": "e", "doc_id": "d", "type": "ASSAULT", "mode": "artillery",
        "evidence": {"text": "x", "start": 0, "end": 1},
        "actor": actor, "recipient": recipient,
        "location": {"name": "Kherson", "country": country} if country else None,
    }  # fmt: skip
    return Event.model_validate(record)


RUSSIA = Actor(text="Russian shelling", country="RUS", sector="MIL")
KHERSON_PEOPLE = Actor(text="two pensioners", country="UKR", sector="CVL")


@pytest.mark.parametrize(
    ("event", "found"),
    [
        # a state's forces struck another state's people or land: that state is the other side
        (_event(RUSSIA, KHERSON_PEOPLE, "UKR"), True),
        (_event(RUSSIA, None, "UKR"), True),
        # struck in its own land, or the target of another country
        (_event(RUSSIA, None, "RUS"), False),
        (_event(RUSSIA, Actor(text="Georgian troops", country="GEO", sector="MIL"), "UKR"), False),
        # an armed group's attack is no state's war with Ukraine
        (_event(Actor(text="rebels", country="UKR", sector="REB"), KHERSON_PEOPLE, "UKR"), False),
        (_event(None, KHERSON_PEOPLE, "UKR"), False),
    ],
)
def test_sides_state_struck_by_another_states_forces(event: Event, found: bool) -> None:
    assert struck_state("Government of Ukraine", event) is found


@pytest.mark.parametrize(
    ("side", "actor", "found"),
    [
        ("Civilians", Actor(text="villagers", country="SDN", sector="CVL"), True),
        ("Civilians", Actor(text="journalists", country="PSE", sector="MED"), True),
        ("Civilians", Actor(text="soldiers", country="UKR", sector="MIL"), False),
        ("DPR", Actor(text="Donetsk militiaman"), True),
        ("DPR", Actor(text="Russia-led occupation forces", country="RUS", sector="MIL"), True),
        ("LPR", Actor(text="Lugansk republic militia"), True),
        ("DPR", Actor(text="Ukrainian troops", country="UKR", sector="MIL"), False),
        ("Government of Russia (Soviet Union)", Actor(text="occupiers", country="RUS",
                                                      sector="MIL"), True),
        # a state's people or armed groups are not its government, though named after it
        ("Government of Russia (Soviet Union)", Actor(text="Russians", name="Civilians (Russia)",
                                                      country="RUS", sector="CVL"), False),
        ("Government of Russia (Soviet Union)", Actor(text="Russian volunteers",
                                                      country="RUS", sector="REB"), False),
        ("Government of Russia (Soviet Union)", Actor(text="Russian-led forces"), True),
    ],
)
def test_sides_ucdp_side_matches_as_news_names_it(side: str, actor: Actor, found: bool) -> None:
    assert side_matches(side, actor) is found


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # who came under fire met the attack: the target, never its doer
        ("A Malian army convoy came under attack near Gao", "convoy"),
        ("Syrian government positions came under heavy shelling near Saraqeb", "positions"),
    ],
)
def test_sides_who_came_under_fire_was_attacked(text: str, target: str) -> None:
    event = _attack(text)
    assert event.recipient is not None and event.recipient.text.endswith(target), (text, event)
    assert event.actor is None or event.actor.basis != "text", (text, event.actor)


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Chad, Boko Haram report heavy fighting near the lake", {"TCD", "NGA"}),
        ("Myanmar army and Arakan Army report fierce clashes in Rakhine", {"MMR"}),
        ("Somali troops and al-Shabaab fighters say dozens died in fighting near Baidoa", {"SOM"}),
        ("The army and insurgents say nine were killed in clashes near the border", {None}),
    ],
)
def test_sides_who_report_a_fight_together_fought_it(text: str, sides: set[str | None]) -> None:
    attack = _attack(text)
    assert attack.actor is not None and attack.recipient is not None, text
    assert attack.actor.name != attack.recipient.name
    assert {attack.actor.country, attack.recipient.country} <= sides | {None}
    assert {attack.actor.sector, attack.recipient.sector} & {"MIL", "GOV"}


def test_sides_a_witness_beside_a_side_is_no_side() -> None:
    attack = _attack("Police and witnesses said three were killed in clashes in the market")
    assert attack.recipient is None or attack.recipient.sector not in ("MIL", "COP")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the many spellings wires give one armed group
        ("Al-Shabab fighters stormed an army base near Kismayo", "Al Shabaab"),
        ("Shebab militants attacked a police post in Mogadishu", "Al Shabaab"),
        ("Huthi fighters attacked government positions near Marib", "Houthi Movement"),
        ("Islamic State West Africa Province fighters attacked a base in Borno", "Islamic State West Africa Province"),
        ("Nusra Front fighters attacked army positions near Idlib", "Jabhat al-Nusra"),
        ("The Right Sector claimed the attack on the police station", "Right Sector"),
        ("Lugansk Republic fighters shelled a village near the front line", "NAF (Donetsk/Luhansk)"),
        ("DNR forces shelled Ukrainian positions near the airport", "NAF (Donetsk/Luhansk)"),
        ("Fighters of the self-proclaimed Luhansk republic attacked a checkpoint", "NAF (Donetsk/Luhansk)"),
    ],
)
def test_sides_armed_groups_in_their_many_spellings(text: str, name: str) -> None:
    attack = _attack(text)
    assert attack.actor is not None and attack.actor.name == name, (text, attack.actor)


@pytest.mark.parametrize(
    ("text", "doer", "target"),
    [
        # a land's group named with its land ("Sudan's RSF"): the group, not the state
        ("Sudan's RSF shells El Fasher, killing 20 civilians", "Rapid Support Forces", "Civilians (Sudan)"),
        ("Colombian army clashes with ELN rebels near Venezuelan border, five dead", "Military Forces of Colombia", "ELN"),
        ("Police fire at crowd in Nairobi, killing three", "Police Forces of Kenya", None),
        # a group that fights in many lands keeps its name where it fights
        ("Islamic State group kills 12 soldiers in Niger", "Islamic State", "Military Forces of Niger"),
        ("Al-Qaida fighters ambushed a convoy in central Mali, killing nine soldiers", "Al Qaeda", "Military Forces of Mali"),
        ("Nigerian army loses 20 soldiers in Boko Haram ambush", "Boko Haram", "Military Forces of Nigeria"),
    ],
)
def test_sides_of_headlines_in_other_wars(text: str, doer: str, target: str | None) -> None:
    attack = _attack(text)
    assert attack.actor is not None and attack.actor.name == doer, (text, attack.actor)
    if target is not None:
        assert attack.recipient is not None and attack.recipient.name == target, (text, attack)


@pytest.mark.parametrize(
    ("text", "loser", "killed"),
    [
        ("Chadian army loses 14 soldiers in Taliban-style ambush near the lake", "TCD", 14),
        ("Malian army loses 11 soldiers in jihadist attack on its camp", "MLI", 11),
    ],
)
def test_sides_a_side_that_loses_its_men_was_struck(text: str, loser: str, killed: int) -> None:
    attack = _attack(text)
    assert attack.recipient is not None and attack.recipient.country == loser, (text, attack)
    assert attack.actor is None or attack.actor.country != loser
    assert attack.killed is not None and attack.killed.value == killed


@pytest.mark.parametrize("text", ["The ruling party lost 20 seats in the election",
                                  "She lost her job at the factory last year"])
def test_sides_losing_no_men_is_no_attack(text: str) -> None:
    assert not [e for e in eventwire.extract(text) if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    ("text", "doer", "target"),
    [
        ("Two soldiers were killed by sniper fire from the Azerbaijani side, Armenia said", "AZE", "ARM"),
        ("A soldier was wounded in shelling from Indian positions, Pakistan army said", "IND", "PAK"),
        ("The Armenian side shelled Azerbaijani positions overnight", "ARM", "AZE"),
    ],
)
def test_sides_a_states_side_and_where_fire_came_from(text: str, doer: str, target: str) -> None:
    attack = _attack(text)
    assert attack.actor is not None and attack.actor.country == doer, (text, attack.actor)
    assert attack.recipient is not None and attack.recipient.country == target


def test_sides_fire_from_a_direction_names_no_doer() -> None:
    attack = _attack("A farmer was killed in shelling from the north")
    assert attack.actor is None or attack.actor.country is None


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Ukrainian military fire on bus at checkpoint, killing one", "UKR"),
        ("Syrian army fire on protesters in Deraa, killing five", "SYR"),
    ],
)
def test_sides_a_headlines_fire_on_someone_names_its_doer(text: str, doer: str) -> None:
    attack = _attack(text)
    assert attack.actor is not None and attack.actor.country == doer, (text, attack.actor)


def test_sides_a_fire_that_burns_is_no_headline_verb() -> None:
    assert not [e for e in eventwire.extract("Bangladesh factory fire kills 40 workers")
                if e.type == "ASSAULT" and e.actor is not None and e.actor.sector == "MIL"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Ukraine says repulsed separatist attack near the airport", "UKR"),
        ("Kenya says repulsed al-Shabaab attack near the border", "KEN"),
    ],
)
def test_sides_who_says_it_repelled_an_attack_was_attacked(text: str, target: str) -> None:
    attack = _attack(text)
    assert attack.recipient is not None and attack.recipient.country == target, (text, attack)


@pytest.mark.parametrize(
    "text",
    [
        "A jury in Charleston has found the gunman guilty on all 33 counts.",
        "A federal jury convicted the former officer of manslaughter on Friday.",
    ],
)
def test_a_jury_that_convicts_is_the_judiciary(text: str) -> None:
    [verdict] = [e for e in eventwire.extract(text, published="2025-03-10") if e.type == "ACCUSE"]
    assert verdict.actor is not None and verdict.actor.sector == "JUD"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # only forces arrest: the forces reporting an arrest made it
        ("Police reported the arrest of two men suspected of setting fire to the church.", "COP"),
        ("The army announced the detention of 12 suspects in Gao on Monday.", "MIL"),
        # witnesses who report one did not
        ("Witnesses reported the arrest of three activists outside the court.", None),
    ],
)
def test_forces_reporting_an_arrest_made_it(text: str, sector: str | None) -> None:
    [arrest] = [e for e in eventwire.extract(text, published="2025-03-10") if e.type == "COERCE"]
    assert (arrest.actor.sector if arrest.actor else None) == sector


def test_police_reporting_a_shooting_did_not_shoot() -> None:
    [shooting] = eventwire.extract("Police reported a shooting on Main Street on Sunday.",
                                   published="2025-03-10")
    assert shooting.actor is None or shooting.actor.sector != "COP"


def test_an_office_speaks_for_the_one_it_belongs_to() -> None:
    text = ("Public Ombudsman Nadia Cruz's office said the deaths were caused by gunshot wounds "
            "and called on the government to withdraw the troops.")
    [call] = [e for e in eventwire.extract(text, published="2025-03-10") if e.type == "REQUEST"]
    assert call.actor is not None and "Nadia Cruz" in (call.actor.text or "")


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Islamic State militants behead 11 Christians in Nigeria", 11),
        ("Gunmen massacre 30 villagers in Zamfara", 30),
        ("Jihadists execute 12 Muslims accused of spying in central Mali", 12),
    ],
)
def test_sides_killings_told_in_the_present_count_their_civilian_dead(text: str, killed: int) -> None:
    attack = _attack(text)
    assert attack.recipient is not None and attack.recipient.sector == "CVL", (text, attack)
    assert attack.killed is not None and attack.killed.value == killed


def test_sides_a_city_missing_from_geonames_outranks_its_namesakes() -> None:
    attack = _attack("Police officer killed in El Alto clashes with protesters")
    assert attack.location is not None and attack.location.country == "BOL"
    assert attack.recipient is not None and attack.recipient.country == "BOL"


def test_sides_a_shortened_country_name_is_the_country() -> None:
    attack = _attack("Jihadists kill 50 in attack on Burkina army convoy")
    assert attack.recipient is not None and attack.recipient.country == "BFA"
