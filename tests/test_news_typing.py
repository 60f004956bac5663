"""ACLED typing of news prose: the snippet tables, each new rule, and the trained classifier.

The snippet tables (tests/data/news_snippets*.yaml) and every sentence here are written for
these tests. news_snippets.yaml was written before the news-prose rules (which were then made
from its misses); news_snippets_holdout after them (0.855 typed right at first contact, some
rules fixed on it since); news_snippets_fresh after every rule was final, measured once and
never tuned on (0.929); news_snippets_wires (headlines, flashes, wire leads and one-liners of
other wars, in three batches) labelled before the extractor ran on each batch (first contact
0.783, 0.824 and, for crimes and accidents, 16/30 none), the rules of its change made from
their misses; news_snippets_sealed written with them and run once at the end (0.818);
news_snippets_crime, _unseen, _wars, _passages, _feeds, _captions, _headlines and
_dispatches in batches, each run once before any rule was made from it (their headers give the
first-contact figures). None is ever trained on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import yaml

import eventwire
from eventwire.extract import main_event
from eventwire.extract.classify import (
    RuleView,
    SubtypeClassifier,
    in_training_half,
    subtype_classifier,
)
from eventwire.extract.ontology import ontology
from eventwire.extract.train import Example, fit
from eventwire.extract.triggers import Lexicon
from eventwire.model import Article

DATA = Path(__file__).with_name("data")
TABLES = [
    "news_snippets.yaml",
    "news_snippets_holdout.yaml",
    "news_snippets_fresh.yaml",
    "news_snippets_wires.yaml",
    "news_snippets_sealed.yaml",
    "news_snippets_crime.yaml",
    "news_snippets_unseen.yaml",
    "news_snippets_wars.yaml",
    "news_snippets_passages.yaml",
    "news_snippets_feeds.yaml",
    "news_snippets_captions.yaml",
    "news_snippets_headlines.yaml",
    "news_snippets_dispatches.yaml",
]
NONE = "none"
# ACLED's sub-event types by event type (the labels of the tables)
EVENT_TYPE = {
    "Armed clash": "Battles", "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians", "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests", "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots", "Mob violence": "Riots",
    "Agreement": "Strategic developments", "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
    NONE: NONE,
}  # fmt: skip


@cache
def _coded(table: str) -> tuple[tuple[str, str, str], ...]:
    """(gold sub-type, predicted sub-type or "none", text) for each snippet of a table."""
    rows = yaml.safe_load((DATA / table).read_text(encoding="utf-8"))
    articles = [Article(id=str(i), raw=r["text"]) for i, r in enumerate(rows)]
    coded = list(eventwire.Pipeline().process(articles))
    out = []
    for row, result in zip(rows, coded, strict=True):
        event = main_event(result.events)
        predicted = event.acled.sub_event_type if event and event.acled else NONE
        out.append((row["sub"], predicted, row["text"]))
    return tuple(out)


def _weighted_f1(pairs: list[tuple[str, str]]) -> float:
    gold = Counter(g for g, _ in pairs)
    score = 0.0
    for label, support in gold.items():
        tp = sum(g == p == label for g, p in pairs)
        predicted = sum(p == label for _, p in pairs)
        precision = tp / predicted if predicted else 0.0
        recall = tp / support
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        score += f1 * support / len(pairs)
    return score


def test_tables_are_labelled_with_acled_sub_event_types() -> None:
    for table in TABLES:
        rows = yaml.safe_load((DATA / table).read_text(encoding="utf-8"))
        assert all(r["sub"] in EVENT_TYPE for r in rows), table
    assert sum(len(yaml.safe_load((DATA / t).read_text())) for t in TABLES) >= 80


# floors measured when these rules landed (share typed right), less a little slack
FLOORS = {
    "news_snippets.yaml": {"sub": 0.95, "event_type": 0.94, "weighted_f1": 0.95, "none": 0.9},
    "news_snippets_holdout.yaml": {"sub": 0.9, "event_type": 0.9, "weighted_f1": 0.9,
                                   "none": 0.8},
    "news_snippets_fresh.yaml": {"sub": 0.94, "event_type": 0.89, "weighted_f1": 0.93,
                                 "none": 0.66},
    # measured 0.955 / 0.960 / 0.957, none 50/56
    "news_snippets_wires.yaml": {"sub": 0.93, "event_type": 0.93, "weighted_f1": 0.93,
                                 "none": 0.85},
    # measured 0.864 / 0.864 / 0.835, none 2/3 (first contact 0.818 / 0.818 / 0.775)
    "news_snippets_sealed.yaml": {"sub": 0.8, "event_type": 0.8, "weighted_f1": 0.75,
                                  "none": 0.6},
    # measured 0.857 / 0.871 / 0.876, none 42/50 (before the crime rules: none 20/50); raised
    # 2026-12-07 (headline verbs read as nouns, settlers, sentences: 0.886 sub, 0.902 F1; crime
    # where ACLED records political violence only: 0.943 sub, 0.953 F1, none 46/50; arrests for
    # crime, one doer no mob: 0.957 sub, 0.960 F1, none 47/50)
    "news_snippets_crime.yaml": {"sub": 0.93, "event_type": 0.9, "weighted_f1": 0.94,
                                 "none": 0.92},
    # measured 0.957 sub, 0.958 F1, none 60/65 (first contact, batch by batch: political 52/54,
    # 8/10, 10/10; crime and accidents none 21/30, 10/20, 17/20)
    "news_snippets_unseen.yaml": {"sub": 0.92, "event_type": 0.92, "weighted_f1": 0.92,
                                  "none": 0.85},
    # measured 1.000 sub and F1, none 19/19 (first contact 73/79: political 55/59, none 18/20)
    "news_snippets_wars.yaml": {"sub": 0.96, "event_type": 0.96, "weighted_f1": 0.96,
                                "none": 0.94},
    # measured 0.908 sub, 0.90 F1, none 58/60 (first contact, batch by batch: 24/40, 24/40,
    # 30/40, 28/40, 33/40, 35/40; none 7/10, 6/10, 7/10, 9/10, 8/10, 9/10)
    "news_snippets_passages.yaml": {"sub": 0.88, "event_type": 0.88, "weighted_f1": 0.87,
                                    "none": 0.95},
    # measured 0.988 sub, event type and F1, none 20/20 (first contact, batch by batch: 32/40
    # and 35/40, political 24/30 and 26/30, none 8/10 and 9/10)
    "news_snippets_feeds.yaml": {"sub": 0.97, "event_type": 0.97, "weighted_f1": 0.97,
                                 "none": 0.95},
    # measured 0.901 sub, 0.909 event type, 0.896 F1, none 31/32 (first contact, batch by
    # batch: 78/91 and 24/30, political 57/67 and 18/22, none 21/24 and 6/8)
    "news_snippets_captions.yaml": {"sub": 0.88, "event_type": 0.88, "weighted_f1": 0.87,
                                    "none": 0.93},
    # first contact 65/86 (0.756 sub, 0.779 event type, 0.737 F1), political 42/60, none 23/26;
    # raised 2026-12-07 (short9: Title Case headlines parsed as sentence case, disclaimed
    # terror, 'reported killed', mourned victims, thugs on a crowd, burglary and fire damage):
    # 76/86 (0.884 sub, 0.907 event type, 0.867 F1), political 50/60, none 26/26
    "news_snippets_headlines.yaml": {"sub": 0.86, "event_type": 0.88, "weighted_f1": 0.84,
                                     "none": 0.95},
    # first contact 114/126 (0.905 sub, 0.937 event type, 0.904 F1), political 82/90, none 32/36;
    # raised 2026-12-07 (short11: guard plurals left whole, a pronoun inside a phrasal verb, a
    # flag raised over a place, wh-questions, mishaps in the present, cheating for gain, protests
    # broken up, deaths after force, detainees a crowd demands freed): 122/126 (0.968 sub, 0.968
    # event type, 0.967 F1), political 87/90, none 35/36
    "news_snippets_dispatches.yaml": {"sub": 0.96, "event_type": 0.96, "weighted_f1": 0.96,
                                      "none": 0.97},
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("table", TABLES)
def test_snippets_typed_as_a_coder_would(table: str) -> None:
    coded = _coded(table)
    floors = FLOORS[table]
    wrong = [f"  {g} <- {p}: {t}" for g, p, t in coded if g != p]
    sub_share = 1 - len(wrong) / len(coded)
    assert sub_share >= floors["sub"], f"{sub_share:.3f} typed right; wrong:\n" + "\n".join(wrong)
    type_share = sum(EVENT_TYPE[g] == EVENT_TYPE.get(p, p) for g, p, _ in coded) / len(coded)
    assert type_share >= floors["event_type"], f"event type right {type_share:.3f}"
    assert _weighted_f1([(g, p) for g, p, _ in coded]) >= floors["weighted_f1"]
    nothing = [p == NONE for g, p, _ in coded if g == NONE]
    assert sum(nothing) / len(nothing) >= floors["none"], "disasters/crime given an event"


@pytest.mark.slow
def test_every_event_type_and_sub_type_mostly_right() -> None:
    by_type: dict[str, list[bool]] = defaultdict(list)
    by_sub: dict[str, list[bool]] = defaultdict(list)
    for table in TABLES:
        for gold, predicted, _ in _coded(table):
            right_type = EVENT_TYPE.get(predicted, predicted) == EVENT_TYPE[gold]
            by_type[EVENT_TYPE[gold]].append(right_type)
            by_sub[gold].append(predicted == gold)
    low_types = {t: sum(v) / len(v) for t, v in by_type.items() if sum(v) / len(v) < 0.85}
    assert not low_types, low_types
    low_subs = {s: f"{sum(v)}/{len(v)}" for s, v in by_sub.items() if sum(v) / len(v) < 0.6}
    assert not low_subs, low_subs


# --- one case per new rule ------------------------------------------------------------------


def _sub(text: str) -> str:
    event = main_event(eventwire.extract(text))
    return event.acled.sub_event_type if event and event.acled else NONE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # aircraft that pound or strike: an air strike told by its aircraft
        ("Government jets pounded rebel positions outside the town on Friday.", "Air/drone strike"),
        # chemical weapons named by their gas
        ("Witnesses said the militia fired shells filled with chlorine at the village.",
         "Chemical weapon"),
        # grenades lobbed
        ("A man lobbed a grenade into a crowded bar, wounding six people.", "Grenade"),
        # territory taken by a non-state group, retaken by the state, liberated
        ("Insurgents seized the district headquarters town after a night of fighting.",
         "Non-state actor overtakes territory"),
        ("The army regained control of the border crossing from the militants.",
         "Government regains territory"),
        ("Soldiers liberated three villages in the east, the defence ministry said.",
         "Government regains territory"),
        # handovers and withdrawals without a fight
        ("The militia handed over the airport to the national army on Sunday.",
         "Non-violent transfer of territory"),
        ("The troops withdrew from the hilltop town without a fight.",
         "Non-violent transfer of territory"),
        # new bases
        ("The army set up a new base outside the provincial capital.",
         "Headquarters or base established"),
        # defections, mergers, arming civilians
        ("Dozens of soldiers defected to the rebel side with their weapons.",
         "Change to group/activity"),
        ("Two rebel factions merged to form a single armed group.", "Change to group/activity"),
        # disrupted weapons use: intercepted parcels, defused bombs, downed drones
        ("Customs officers intercepted a parcel bomb addressed to the minister.",
         "Disrupted weapons use"),
        ("Air defences downed eleven drones over the capital overnight.", "Disrupted weapons use"),
        # prisoner swaps are agreements
        ("The two sides exchanged the bodies of fallen soldiers on Tuesday.", "Agreement"),
        # a hostage release is no abduction
        ("The two sides agreed on a hostage release after weeks of talks.", "Agreement"),
        # raids that end in arrests are arrests
        ("Police arrested 40 people in dawn raids on opposition offices.", "Arrests"),
        # state force on protesters told as its own act
        ("Police opened fire on protesters outside the governor's office, killing two.",
         "Excessive force against protesters"),
        ("Soldiers beat demonstrators with rifle butts in the main square.",
         "Excessive force against protesters"),
        # a crowd armed with sticks is no armed group; residents beating thieves are a mob
        ("Youths armed with sticks and stones clashed over grazing land, injuring five.",
         "Mob violence"),
        ("Traders beat a suspected thief to death at the bus station.", "Mob violence"),
        # taken away by men in plain clothes
        ("A student leader was taken away by men in plain clothes and has not been seen since.",
         "Abduction/forced disappearance"),
        ("Gunmen seized 12 worshippers from a church during Sunday mass.",
         "Abduction/forced disappearance"),
        # a day's toll of civilians across a region in a war: shelling
        ("In the Kharkiv region, the occupiers killed two civilians and wounded five in a day.",
         "Shelling/artillery/missile attack"),
        # suicide attackers and explosives-laden cars
        ("A suicide attacker drove an explosives-laden truck into the gate of the base.",
         "Suicide bomb"),
        # fights told as battles, fire traded, assaults repelled
        ("Heavy battles between the army and the rebels raged around the airport.", "Armed clash"),
        ("The two armies traded fire across the border overnight.", "Armed clash"),
        ("The garrison repelled an assault by insurgents on the town.", "Armed clash"),
        # a verb the lemmatiser does not know ("retook")
        ("The army retook the town from the rebels.", "Government regains territory"),
        # a town stormed by an armed group is taken (the tagger calls Kidal a nation here)
        ("Insurgents stormed Kidal at dawn, residents said.",
         "Non-state actor overtakes territory"),
        # ... but a place stormed where people are killed was attacked
        ("Gunmen stormed a hamlet near the border, killing nine herders.", "Attack"),
        # ground taken back whose doer is named only by the sentence around it
        ("The military says it has retaken the town of Hpakant.", "Government regains territory"),
        ("Government forces took back the border town from the militia.",
         "Government regains territory"),
        ("Soldiers dislodged the militants from the hills above the town.",
         "Government regains territory"),
        ("Militants seized army positions near the border after heavy fighting.",
         "Non-state actor overtakes territory"),
        # a headline's "X and Y battle"
        ("Guerrillas and soldiers battle near the border", "Armed clash"),
        # chemical weapons by their agents
        ("Ukraine says Russian troops dropped grenades with chloropicrin on its trenches.",
         "Chemical weapon"),
        # force on a crowd in the present of headlines and in the passive
        ("Security forces fire on protesters in the capital, killing two",
         "Excessive force against protesters"),
        ("Three demonstrators were shot dead by soldiers in the city centre.",
         "Excessive force against protesters"),
        ("Police baton-charged opposition supporters marching to the election office.",
         "Protest with intervention"),
        ("Rioters attacked a police station and burned two vehicles.", "Violent demonstration"),
        # a protest awaited is none held: the arrests are the event
        ("Police detained 50 activists ahead of a planned rally.", "Arrests"),
        ("Students pitched a protest encampment outside the ministry.", "Peaceful protest"),
        # forced recruitment, fighters laying down their arms
        ("The junta announced the conscription of all men aged 18 to 35.",
         "Change to group/activity"),
        ("Eighty rebels laid down their weapons in the provincial capital.",
         "Change to group/activity"),
        ("A journalist was picked up by plainclothes agents and has not been heard from since.",
         "Abduction/forced disappearance"),
        # an ambush on a military column is a battle
        ("Gunmen ambushed a police convoy, killing six officers.", "Armed clash"),
        # an attack foiled did not happen: the foiling is the event
        ("Officers foiled an attack on the consulate, the interior ministry said.",
         "Disrupted weapons use"),
        ("Troops thwarted a plot to bomb a stadium.", "Disrupted weapons use"),
        # ... but forces thwarting an attack on their front fight it off (ACLED's armed clash)
        ("Soldiers thwarted an attack by militants on their post.", "Armed clash"),
        # weapons named as what is recovered are no attack
        ("Soldiers recovered two landmines and a grenade launcher near the border.",
         "Disrupted weapons use"),
        # "a car bomber" is no aircraft
        ("A car bomber struck a checkpoint outside the capital, killing six.", "Suicide bomb"),
        # captives executed
        ("Jihadists executed seven villagers they accused of spying.", "Attack"),
        # control handed over; troops moved
        ("The militia handed control of the oil field to the army on Monday.",
         "Non-violent transfer of territory"),
        ("The army moved reinforcements and tanks to the northern border.",
         "Change to group/activity"),
        # trees uprooted are property destroyed, not a riot
        ("Settlers cut down 80 olive trees in a village near Nablus.",
         "Looting/property destruction"),
        # a protest people are arrested over is before the news
        ("Police detained 14 students over last month's campus protests.", "Arrests"),
        # one man is no mob, and a quarrel's killing is crime: an assault ACLED does not code
        # (as "a man killed his neighbour with a knife" in news_snippets_wires.yaml)
        ("A man hacked his neighbour to death with a machete after a quarrel over a goat.",
         "none"),
        # (news_snippets_feeds) aircraft that hit; a handover as a noun; a strike staged
        # nationwide; a faction splitting off; a claim in a headline is the claimer's deed; a
        # past tense tagged as an adjective; prices that explode and a game's clash are no war
        ("Helicopter gunships hit militant hideouts in the hills on Tuesday, the army said.",
         "Air/drone strike"),
        ("The UN mission completed the handover of its camp in Kidal to the army.",
         "Non-violent transfer of territory"),
        ("Traders staged a nationwide strike against the new tax.", "Peaceful protest"),
        ("A splinter faction split from the rebel movement and set up its own command.",
         "Change to group/activity"),
        ("Rebels claim capture of border town after two days of fighting",
         "Non-state actor overtakes territory"),
        ("Villagers stoned and burned two suspected thieves in Kano, police said.",
         "Mob violence"),
        ("Housing costs exploded last year as the currency collapsed.", "none"),
        ("The midfielder was sent off after a clash with the referee.", "none"),
        # (its second batch) weapons inside what is found; rates explode too; a declaration of
        # principles signed; a headline verb before a credit; arrests after a run of attacks
        ("Soldiers found a stash of mortar shells and rifles in a farmhouse near the border.",
         "Disrupted weapons use"),
        ("Mortgage rates exploded this spring.", "none"),
        ("The junta and an ethnic armed group signed a declaration of principles in Kunming.",
         "Agreement"),
        ("Bandits torch market in Zamfara, residents say", "Looting/property destruction"),
        ("Police arrested 30 people after a wave of arson attacks on mosques.", "Arrests"),
        # (news_snippets_captions) a court's verdict in a headline's active voice is no
        # killing; a cricket match's clash is the game's; a blast that "damages" a thing
        ("Judge sentences former security guard to 30 years for killing a shopkeeper",
         "none"),
        ("Court convicts two men of murdering a moneylender in Karachi", "none"),
        ("Farmer acquitted of shooting a neighbour over a land boundary", "none"),
        ("Australia edge England by two wickets in a tense Ashes clash", "none"),
        ("Fans clashed with police after the semi-final, throwing bottles at officers",
         "Mob violence"),
        ("IED blast damages school building in North Waziristan, classes suspended",
         "Remote explosive/landmine/IED"),
        ("Gas blast damages homes in Lahore, residents evacuated", "none"),
        # a headline's present tense of police stepping in; a road crash told by what hit what
        ("Riot police drag students from a sit-in outside the ministry in Dhaka",
         "Protest with intervention"),
        ("Three soldiers among 12 dead as bus hits truck near Multan", "none"),
        # terror said not to be there is not read; terror said to be there is
        ("Officials say the explosion at a chemical depot was not a terrorist attack", "none"),
        ("Investigators said the blast that killed two at the depot was not terrorism.", "none"),
        ("A bomb exploded at the bus depot in what officials called a terrorist attack.",
         "Remote explosive/landmine/IED"),
        # men with clubs or bars (no armed group) attacking a crowd that protests: a riot, the
        # event rather than the protest; an armed group doing so attacks
        ("Masked men with sticks attacked farmers protesting outside the district office, "
         "injuring eight", "Mob violence"),
        ("Hooded men with clubs attacked nurses protesting outside the hospital, injuring six.",
         "Mob violence"),
        ("Militiamen attacked protesters with machetes in Bunia, killing three", "Attack"),
        # what burglars steal is a crime's; what a fire destroys is no one's doing
        ("Burglars steal computers from a school in Kisangani, police say", "none"),
        ("14:20 GMT Fire at a packed market in Jos destroys 200 shops, fire service says", "none"),
        # (news_snippets_dispatches) a headline's first plural the lemmatiser left whole meets
        # a guard's singular; a mishap in a headline's present; cheating for gain is crime, unless
        # the one held is political; a protest broken up or met with shots in the air; deaths
        # after the force; a pronoun inside a phrasal verb; a flag raised over a place; a
        # detention the crowd demands an end to is its cause
        ("Rockets landed near the airport in Erbil late on Monday.",
         "Shelling/artillery/missile attack"),
        ("Roof collapses at a school in Kano, three pupils dead", "none"),
        ("Fire breaks out at a bus depot in Lagos, nine dead", "none"),
        ("Police arrest two men for swindling pensioners in Accra", "none"),
        ("Police detained an opposition MP accused of swindling investors.", "Arrests"),
        ("A sit-in by teachers was broken up by police in Conakry.", "Protest with intervention"),
        ("Soldiers fired into the air to scatter protesters in Bamako",
         "Protest with intervention"),
        ("Police fired tear gas at protesters in Harare and one later died of his injuries.",
         "Excessive force against protesters"),
        ("The rebels left the town on Friday, handing it over to the army.",
         "Non-violent transfer of territory"),
        ("Insurgents hoisted their flag over the district office in Macomia.",
         "Non-state actor overtakes territory"),
        ("Women blocked the highway in Imphal demanding the release of detained men",
         "Peaceful protest"),
    ],
)
def test_news_prose_rule(text: str, expected: str) -> None:
    assert _sub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A fire at a textile mill killed nine workers overnight.",
        "Flash floods swept away homes and killed 14 people in the valley.",
        "A gas explosion at a block of flats injured seven residents.",
        "Three people died when their car collided with a lorry on the motorway.",
        "A man was shot during a robbery at a jewellery shop.",
        "A military helicopter crashed during a training flight, killing both pilots.",
        "The quake killed more than 100 people in the mountain villages.",
        "A fire tore through a night market, killing five stallholders.",
        "Heavy snowfall killed six villagers in the valley.",
        "A drunk driver killed two cyclists on the coast road.",
        "An explosion at an illegal refinery killed nine people.",
        "A student was stabbed to death outside a nightclub on Saturday.",
        "Two climbers died in a fall on the north face.",
    ],
)
def test_disasters_accidents_and_robberies_are_no_political_violence(text: str) -> None:
    events = eventwire.extract(text)
    violent = [e for e in events if e.acled is not None and e.acled.event_type in (
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")]
    assert not violent, [(e.type, e.acled) for e in violent]


@pytest.mark.parametrize(("text", "expected"), [
    # where ACLED records political violence only, a shooting with nothing political is crime
    ("Two men were shot dead outside a bar in Chicago on Saturday night.", "none"),
    ("A teenager was stabbed to death in Birmingham, England, on Friday.", "none"),
    ("Three people were wounded when a gunman opened fire in a Dallas shopping mall.", "none"),
    # ... and a political one is recorded there too
    ("A far-right extremist shot dead two men at a mosque in Dallas.", "Attack"),
    ("Anarchists attacked a police station in Athens with petrol bombs.",
     "Remote explosive/landmine/IED"),
    # elsewhere, unknown gunmen killing villagers is what ACLED records
    ("Gunmen shot dead two men in a village in Kaduna state on Saturday.", "Attack"),
    ("Unknown gunmen killed a farmer in Michoacán, Mexico.", "Attack"),
])  # fmt: skip
def test_crime_where_acled_records_political_violence_only(text: str, expected: str) -> None:
    assert _sub(text) == expected


@pytest.mark.parametrize(("text", "status"), [
    # a question that asks about a happening takes it as told; one that asks whether it
    # happened, or what if it did, does not
    ("Who is behind the attack on the convoy in Borno?", "occurred"),
    ("Why did police open fire on protesters in Nairobi?", "occurred"),
    ("Was the convoy in Borno attacked by the army?", "hypothetical"),
    ("What if rebels attack the convoy?", "hypothetical"),
])  # fmt: skip
def test_a_question_about_a_happening_tells_it(text: str, status: str) -> None:
    events = [e for e in eventwire.extract(text) if e.type == "ASSAULT"]
    told = any(e.status == "occurred" for e in events)
    assert told == (status == "occurred"), [(e.trigger, e.status) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "A fire started by attackers at a school killed nine pupils.",
        "Gunmen killed two people in an attack on a bus after it crashed into a barrier.",
        "A drone struck a fuel tanker on the highway, killing the driver.",
    ],
)
def test_an_attack_in_a_sentence_of_mishaps_stays_an_attack(text: str) -> None:
    event = main_event(eventwire.extract(text))
    assert event is not None and event.acled is not None, text


@pytest.mark.parametrize(
    "text",
    [
        # a protest named as what is forbidden or withstood is none held
        "Parliament approved the budget despite protests.",
        "The mayor banned demonstrations in the old town.",
        # arrests for ordinary crime are police work
        "Police arrested a man over the theft of a motorbike.",
        "A woman was jailed for killing her estranged husband.",
    ],
)
def test_no_event_where_news_names_a_protest_or_an_arrest_of_no_political_kind(text: str) -> None:
    event = main_event(eventwire.extract(text))
    assert event is None or event.acled is None or event.acled.sub_event_type not in (
        "Peaceful protest", "Arrests"), (text, event and event.acled)


def test_unless_guard_blocks_the_word() -> None:
    lexicon = Lexicon({"ASSAULT": [
        {"lemma": "hostage", "mode": "abduct", "unless": ["hostage release"]},
    ]})  # fmt: skip
    entry = lexicon.by_first["hostage"][0]
    assert entry.unless is not None
    assert entry.unless.search("Talks on a Hostage Release resumed")
    assert not entry.unless.search("hostages released")  # whole phrases only


def test_force_on_crowd_reads_acts_not_what_a_protest_is_about() -> None:
    pattern = ontology().force_on_crowd
    assert pattern.search("Soldiers shot dead five demonstrators in the city")
    assert pattern.search("security forces opened fire on the crowd")
    assert not pattern.search("They protested against the killing of protesters last year")
    assert not pattern.search("Protesters marched peacefully to the square")
    # the passive of headlines: the crowd first, then what was done to it
    assert pattern.search("Two marchers shot dead as troops clear the square")
    assert pattern.search("Four demonstrators were killed in the capital")
    assert not pattern.search("Demonstrators killed a police officer with a rock")


def test_armed_with_sticks_is_not_armed() -> None:
    onto = ontology()
    assert not onto.armed_said("Villagers armed with sticks and machetes clashed over land.")
    assert onto.armed_said("Men armed with rifles and machetes attacked the village.")
    assert onto.armed_said("Armed men attacked the village.")


# --- the classifier --------------------------------------------------------------------------


def _toy_model(classes: list[str], weights: dict[str, list[float]]) -> SubtypeClassifier:
    from eventwire.extract.classify import hashes

    keys = np.concatenate([hashes([name]) for name in weights])
    order = np.argsort(keys)
    matrix = np.asarray(list(weights.values()), dtype=np.float32)[order]
    return SubtypeClassifier(keys[order], matrix, np.zeros(len(classes)), classes,
                             ["Battles"] * len(classes))


def test_classifier_moves_only_to_an_allowed_sub_type_by_the_margin() -> None:
    classes = ["Armed clash", "Attack", "Peaceful protest"]
    model = _toy_model(classes, {"w:ambush": [0.0, 3.0, 6.0]})
    view = RuleView("ASSAULT", None, "MLT", None, (), "Armed clash")
    best, best_p, rule_p = model.best("an ambush on the road", view, ["Armed clash", "Attack"])
    assert best == "Attack"  # "Peaceful protest" is likelier but not allowed for ASSAULT
    assert best_p > rule_p
    plain, _, _ = model.best("nothing known here", view, ["Armed clash", "Attack"])
    assert plain in ("Armed clash", "Attack")


def test_training_split_is_fixed_and_about_half() -> None:
    ids = [f"ROW{i}" for i in range(2000)]
    share = sum(in_training_half(i) for i in ids) / len(ids)
    assert 0.45 < share < 0.55
    assert [in_training_half(i) for i in ids[:50]] == [in_training_half(i) for i in ids[:50]]


def test_fit_learns_separable_labels_reproducibly() -> None:
    def example(text: str, label: str) -> Example:
        return Example(text, RuleView("ASSAULT", None, None, None, (), "Attack"), label, "X")

    examples = [example(f"rebels shelled the town {i}", "Shelling") for i in range(6)] + [
        example(f"gunmen shot villagers {i}", "Attack") for i in range(6)]
    first, second = fit(examples, seed=3, steps=60), fit(examples, seed=3, steps=60)
    assert np.array_equal(first.weights, second.weights)
    model = SubtypeClassifier(first.keys, first.weights, first.bias, first.classes,
                              ["X"] * len(first.classes))
    view = examples[0].view
    assert model.best("rebels shelled the village", view, first.classes)[0] == "Shelling"
    assert model.best("gunmen shot farmers", view, first.classes)[0] == "Attack"


def test_shipped_classifier_loads_small() -> None:
    model = subtype_classifier()
    if model is None:
        pytest.skip("no classifier weights shipped")
    assert len(model.classes) >= 20
    path = Path(eventwire.__file__).parent / "resources" / "acled_classifier.npz"
    assert path.stat().st_size < 2_000_000
