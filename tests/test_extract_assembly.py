"""One happening, one event: whole texts in the shapes news takes (texts written for these tests).

The stages (extract/mentions.py -> links.py -> assemble.py -> context.py) run on real parses;
each case says how many happenings a careful coder would write down and what each carries.
"""

from __future__ import annotations

import pytest

import eventwire
from eventwire.extract.links import link_words, paragraph_of
from eventwire.model import COUNTED_STATUSES, Document, Event

PUBLISHED = "2024-05-08"


def _violent(events: list[Event]) -> list[Event]:
    return [e for e in events if e.type == "ASSAULT" and e.status in COUNTED_STATUSES]


def _code(text: str) -> list[Event]:
    return eventwire.extract(text, published=PUBLISHED)


LOCAL_CRIME = "\n\n".join(
    [
        "Man killed in shooting outside Riverside bar",
        "A 34-year-old man was shot and killed outside a bar in Riverside early Sunday, "
        "police said.",
        "Officers were called to the 400 block of Main Street at about 1:30 a.m. after "
        "reports of shots fired.",
        "They found the victim lying in the parking lot with a gunshot wound to the chest. "
        "He was pronounced dead at the scene.",
        "Witnesses told police a man in a dark hoodie fired several shots before running "
        "off on foot.",
        "A second man was grazed by a bullet and treated at a hospital.",
        "Police have not made an arrest. Anyone with information about the shooting is "
        "asked to call the department.",
    ]
)


def test_assembly_local_crime_story_is_one_shooting() -> None:
    events = _violent(_code(LOCAL_CRIME))
    assert len(events) == 1, [e.evidence.text for e in events]
    shooting = events[0]
    assert shooting.killed is not None and shooting.killed.value == 1
    # the sentences that retell it are kept as its supporting evidence, in text order
    assert len(shooting.supports) >= 2
    starts = [s.start for s in shooting.supports]
    assert starts == sorted(starts)
    assert all(s.start != shooting.evidence.start for s in shooting.supports)


def test_assembly_supporting_spans_point_into_the_text() -> None:
    from eventwire.pipeline import Pipeline

    article = eventwire.Article(id="crime", raw=LOCAL_CRIME, published=PUBLISHED)  # type: ignore[arg-type]
    coded = next(Pipeline().process([article]))
    assert coded.document is not None
    for event in coded.events:
        for span in [event.evidence, *event.supports]:
            assert coded.document.text[span.start : span.end] == span.text


WIRE = "\n\n".join(
    [
        "KYIV, Ukraine (AP) — Russian missiles struck the city of Kharkiv on Tuesday, "
        "killing four people and wounding 17, regional officials said.",
        "The strike hit a residential building and a school in the city's north, the "
        "regional governor said. Rescuers were still searching the rubble on Tuesday "
        "evening.",
        "Further south, a drone attack on the port of Odesa killed two dock workers and set"
        " a grain warehouse on fire, the navy said.",
        "Ukraine's air force said it shot down 20 of the 25 drones launched overnight.",
    ]
)


def test_assembly_wire_copy_codes_each_strike_once_at_its_place() -> None:
    events = _violent(_code(WIRE))
    places = sorted(e.location.name for e in events if e.location is not None)
    assert "Kharkiv" in places and "Odesa" in places
    kharkiv = [e for e in events if e.location is not None and e.location.name == "Kharkiv"]
    assert len(kharkiv) == 1
    assert kharkiv[0].killed is not None and kharkiv[0].killed.value == 4
    assert kharkiv[0].injured is not None and kharkiv[0].injured.value == 17
    # "The strike hit a residential building": the same strike, told again
    assert any("residential building" in s.text for s in kharkiv[0].supports)
    odesa = [e for e in events if e.location is not None and e.location.name == "Odesa"]
    assert len(odesa) == 1 and odesa[0].killed is not None and odesa[0].killed.value == 2


def test_assembly_unnamed_strike_takes_the_article_s_striking_side() -> None:
    text = (
        "Russian forces launched a barrage of missiles at Ukrainian cities overnight, the air "
        "force said.\n\nIn Lviv, far from the front, a missile hit a warehouse on Wednesday, "
        "the mayor said. Nobody was hurt."
    )
    strikes = _violent(_code(text))
    assert strikes and all(e.actor is not None and e.actor.country == "RUS" for e in strikes)


def test_assembly_counts_in_a_later_sentence_join_their_event() -> None:
    text = (
        "Militants attacked a police post in Garissa on Monday night, officials said.\n\n"
        "Two officers were killed and three wounded in the attack, the county commissioner "
        "said."
    )
    events = _violent(_code(text))
    assert len(events) == 1
    assert events[0].killed is not None and events[0].killed.value == 2
    assert events[0].injured is not None and events[0].injured.value == 3


@pytest.mark.parametrize(
    "text",
    [
        # the street or neighbourhood after the town, a namesake abroad in the gazetteer
        "Four people were wounded in a shooting early Sunday in Queens, police said.\n\n"
        "The shooting happened outside a deli in South Jamaica.",
        "Two men were killed and a woman was hurt in a shooting inside a home in Albuquerque "
        "late Monday night.\n\nOfficers were called to the shooting at a house near Wyoming "
        "and Menaul around 11 p.m.",
        "Police are investigating a shooting on the West Bank that left one man dead and a "
        "toddler hurt.\n\nThe chief spoke to reporters about the shooting in Algiers late "
        "Friday.",
        # a weekday a few days off: the day police spoke, not a second shooting
        "A 6-year-old boy was critically wounded in a shooting at an apartment in Dubuque on "
        "Sunday.\n\nOn Thursday, police said the evidence so far shows the shooting was an "
        "accident.",
    ],
)
def test_assembly_the_shooting_told_once_is_the_one_it_refers_to(text: str) -> None:
    events = _violent(_code(text))
    assert len(events) == 1, [e.evidence.text for e in events]


def test_assembly_last_year_s_shooting_is_not_the_one_told() -> None:
    text = (
        "One man was killed in a shooting at a Cincinnati bar early Sunday, police said.\n\n"
        "Officials said a fight led to the shooting and that there was no sign of terrorism "
        "like last year's nightclub shooting in Orlando, which killed 49 people."
    )
    events = _violent(_code(text))
    assert sum(e.killed.value for e in events if e.killed) == 1


def test_assembly_the_attack_with_a_toll_of_its_own_is_not_the_one_told() -> None:
    text = (
        "A police officer shot dead a man wanted across Europe during a routine check in Milan "
        "on Friday.\n\nInvestigators believe he had fled Germany days after the attack on a "
        "Christmas market in Berlin that killed 12 people."
    )
    events = _violent(_code(text))
    assert events[0].killed is not None and events[0].killed.value == 1


def test_assembly_a_toll_told_twice_is_not_summed() -> None:
    text = (
        "Four people were killed when gunmen opened fire on a bus near Kaduna on Friday, "
        "police said.\n\nThe four victims were traders returning from a market, a police "
        "spokesman said. All four were killed at the scene."
    )
    events = _violent(_code(text))
    assert sum(e.killed.value for e in events if e.killed) == 4


def test_assembly_another_attack_is_another_event() -> None:
    text = (
        "Gunmen attacked a village in Zamfara state on Saturday, killing 12 people, residents "
        "said.\n\nIn another attack on Sunday, bandits raided a market in Katsina state and "
        "abducted 30 traders, police said."
    )
    events = _violent(_code(text))
    assert len(events) == 2


def test_assembly_background_with_its_own_date_is_not_news() -> None:
    text = (
        "A suicide bomber killed nine people at a checkpoint in Mogadishu on Tuesday, police "
        "said.\n\nThe attack came weeks after the city marked the anniversary of the October "
        "2017 truck bombing, which killed more than 500 people at the same junction."
    )
    events = _violent(_code(text))
    assert len(events) == 1
    assert events[0].killed is not None and events[0].killed.value == 9


def test_assembly_an_article_about_an_old_happening_keeps_it() -> None:
    text = (
        "A man was sentenced to life in prison on Tuesday for a shooting in March 2022 that "
        "killed two people at a nightclub in Leeds.\n\nThe court heard he fired six shots "
        "into the crowd."
    )
    events = _violent(_code(text))
    assert len(events) == 1
    assert events[0].date is not None and events[0].date.value.year == 2022


@pytest.mark.parametrize(
    "sentence",
    [
        # tallies and standing states over a stretch of time
        "Israeli strikes have killed more than 30,000 people in Gaza since October, officials say.",
        "Armed groups have carried out more than 40 attacks in the province over the past years.",
        "Troops along the border have been on high alert since the war began.",
        # habits and generic statements
        "The militants usually attack convoys with roadside bombs, the analyst said.",
        "Gunmen raid the villages every night, residents say.",
        # series summed up
        "Recent missile attacks on energy infrastructure have left millions without power.",
    ],
)  # fmt: skip
def test_assembly_tallies_habits_and_series_are_no_event(sentence: str) -> None:
    text = f"{sentence} The government has promised to rebuild."
    assert _violent(_code(text)) == []


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        # unnamed commentators give a view, not a deed
        ("The truce is fragile, with critics accusing the junta of stalling on elections.", False),
        ("Analysts accused both armies of ignoring the ceasefire terms.", False),
        # named ones make a statement
        ("UN experts accused the army of war crimes in the west of the country.", True),
    ],
)
def test_assembly_commentators_views_are_no_statement(sentence: str, words: bool) -> None:
    assert any(e.type == "ACCUSE" for e in _code(sentence)) is words


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("A pre-emptive strike would be a grave mistake, the minister said.", None),
        # what is urged is the request's content, not an event of its own
        ("The UN urged both sides to cease the bombing of residential areas.", None),
        ("Will the army attack the city before the rains come?", None),
    ],
)
def test_assembly_hypotheticals_questions_and_negations_are_not_counted(
    sentence: str, status: str | None
) -> None:
    events = _code(f"{sentence} Talks are expected to resume next week in Geneva.")
    assert _violent(events) == []
    # imagined and negated events are not written at all (context.yaml: unwritten_statuses)
    assert all(e.status not in ("hypothetical", "negated") for e in events)
    if status is not None:
        assert any(e.type == "ASSAULT" and e.status == status for e in events)


def test_assembly_two_sides_claims_are_not_summed() -> None:
    text = (
        "Russia said its forces killed 130 Ukrainian soldiers near Bakhmut on Monday, while "
        "Ukraine said 55 Russian troops died in the fighting. Both claims could not be "
        "verified."
    )
    events = _violent(_code(text))
    assert events and all(e.killed is None or e.killed.value in (130, 55) for e in events)


def test_assembly_live_blog_keeps_items_apart() -> None:
    text = (
        "09:12 Overnight shelling killed two civilians in Kherson, the regional governor said."
        "\n\n09:40 Poland's foreign minister arrived in Kyiv for talks with his Ukrainian "
        "counterpart.\n\n10:05 A drone struck a power substation in Sumy region, cutting "
        "electricity to 3,000 homes, local authorities said.\n\n10:30 Four people were "
        "wounded when a guided bomb hit a market in Kostiantynivka, prosecutors said."
    )
    events = _violent(_code(text))
    places = {e.location.name for e in events if e.location is not None}
    assert len(events) == 3, [e.evidence.text for e in events]
    assert len(places) == 3


def test_assembly_a_digest_s_subtitle_opens_an_item_of_its_own() -> None:
    text = (
        "World news in brief\n\nAirstrikes hit camps across the north of the enclave on "
        "Tuesday, the health ministry said, killing seven people.\n\nAid groups said "
        "deliveries had slowed.\n\nVillagers in Rakhine describe raids by soldiers\n\n"
        "Survivors told investigators that troops burned homes and shot fleeing residents in "
        "2017, killing at least 40 people in one village."
    )
    events = _violent(_code(text))
    strikes = [e for e in events if "Airstrikes" in e.evidence.text]
    assert len(strikes) == 1 and strikes[0].killed is not None
    assert strikes[0].killed.value == 7, [s.text for s in strikes[0].supports]
    assert not any("Rakhine" in s.text for s in strikes[0].supports)


def test_assembly_reach_in_a_paragraph_too_long_to_be_one_is_counted_in_sentences() -> None:
    words = link_words()
    per = words.sentences_per_paragraph
    longest = words.reach_paragraphs * per
    sentence = "Markets were calm in the north on Monday. "
    short = sentence * 3
    long = sentence * (longest + 1)  # a scraped page on one line: its breaks were lost
    text = short + "\n\n" + long + "\n\n" + short
    starts = [0, len(short) + 2, len(short) + 2 + len(long) + 2]
    pieces = [short, long, short]
    paragraphs = [(a, a + len(p.strip())) for a, p in zip(starts, pieces, strict=True)]
    document = Document(doc_id="x", text=text, paragraphs=paragraphs)
    assert paragraph_of(document, 5) == 0 and paragraph_of(document, starts[1]) == 1
    # every `per` sentences of the long paragraph count as one paragraph
    assert paragraph_of(document, starts[1] + len(sentence) * per) == 2
    last = -(-(longest + 1) // per)
    assert paragraph_of(document, starts[2] - 3) == last
    assert paragraph_of(document, starts[2]) == last + 1
    # a paragraph no longer than reach is one paragraph, however many sentences it holds
    within = sentence * longest
    document = Document(doc_id="y", text=within, paragraphs=[(0, len(within))])
    assert paragraph_of(document, len(within) - 3) == 0


def test_assembly_headline_and_body_tell_one_happening() -> None:
    text = (
        "Police shoot dead knife attacker in Marseille\n\n"
        "French police shot dead a man who attacked passers-by with a knife in Marseille on "
        "Monday, wounding two, the interior ministry said. The attacker was killed at the "
        "scene after officers opened fire, the ministry said."
    )
    events = _violent(_code(text))
    assert len(events) == 1


def test_assembly_victims_named_one_by_one_are_counted_by_name() -> None:
    text = (
        "Two people died after a shooting outside a bar in Gary on Sunday, police said.\n\n"
        "Ray Dunn, 20, was killed at the scene. Maria Ortiz, 34, died later at the hospital."
    )
    events = _violent(_code(text))
    assert [e.killed.value for e in events if e.killed] == [2]
    retold = _violent(_code("A gunman killed Ray Dunn, 20, in Gary on Sunday. Dunn was "
                            "pronounced dead at the scene, police said."))  # fmt: skip
    assert [e.killed.value for e in retold if e.killed] == [1]


def test_assembly_words_quoted_are_the_speakers_own_statement_told_on() -> None:
    text = ("The envoy called for an immediate ceasefire in the east on Tuesday.\n\n"
            "\u201cBoth sides must return to the table,\u201d she said.")
    requests = [e for e in _code(text) if e.type == "REQUEST"]
    assert len(requests) == 1, [(e.trigger, e.actor) for e in requests]


def test_assembly_a_statement_told_on_without_its_speaker_is_the_same_statement() -> None:
    text = ("The foreign minister called on both sides to open talks on a ceasefire on Monday.\n\n"
            "The appeal came as shelling continued near the border.\n\n"
            "The text also calls for the release of all prisoners held since the spring.")
    requests = [e for e in _code(text) if e.type == "REQUEST"]
    assert len(requests) == 1, [(e.trigger, e.actor) for e in requests]
    # another speaker's call is another statement
    two = ("The foreign minister called on both sides to open talks on Monday.\n\n"
           "The opposition leader called for new elections.")
    assert len([e for e in _code(two) if e.type == "REQUEST"]) == 2


@pytest.mark.parametrize(("sentence", "written"), [
    # assent to a fact grants it; nothing is settled
    ("All the witnesses agreed he fired first.", False),
    ("The minister conceded that the army had made mistakes in the north.", False),
    ("He admitted that the convoy had been turned back.", False),
    # assent to what will be done settles it
    ("The two sides agreed that talks would resume next week.", True),
    ("The rebels agreed to a ceasefire on Sunday.", True),
])  # fmt: skip
def test_assembly_assent_to_a_fact_is_no_agreement(sentence: str, written: bool) -> None:
    agreed = [e for e in _code(sentence) if e.type in ("AGREE", "CONCEDE")]
    assert bool(agreed) == written, [(e.type, e.trigger) for e in agreed]


TALKS_RETOLD = (
    "Ukrainian President Volodymyr Zelensky held talks with Polish President Andrzej Duda in "
    "Warsaw on Tuesday.\n\n"
    "Duda discussed air defence and grain exports with his guest, officials said."
)
TALKS_APART = (
    "Ukrainian President Volodymyr Zelensky held talks with Polish President Andrzej Duda in "
    "Warsaw on Tuesday.\n\n"
    "Separately, French President Emmanuel Macron held talks with German Chancellor Olaf "
    "Scholz in Paris."
)


@pytest.mark.parametrize(("text", "meetings"), [(TALKS_RETOLD, 1), (TALKS_APART, 2)])
def test_talks_told_again_naming_another_party_are_the_same_talks(
    text: str, meetings: int
) -> None:
    consults = [e for e in _code(text) if e.type == "CONSULT"]
    assert len(consults) == meetings


STRIKE_AND_INTERCEPTION = (
    "Russia fired 45 missiles and 300 drones at Ukrainian cities overnight, the air force said "
    "on Tuesday.\n\n"
    "Air defences shot down 30 of the missiles and 270 drones, it said."
)
STRIKE_AND_DOWNED_HELICOPTER = (
    "Russia fired 45 missiles and 300 drones at Ukrainian cities overnight, the air force said "
    "on Tuesday.\n\n"
    "Separately, rebels shot down an army helicopter near the border."
)


def test_munitions_shot_down_are_part_of_the_strike_they_stopped() -> None:
    events = [e for e in _code(STRIKE_AND_INTERCEPTION) if e.status in COUNTED_STATUSES]
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "drone")]
    [strike] = events
    assert strike.actor is not None and strike.actor.country == "RUS"
    assert any("shot down" in told.text for told in strike.supports)


def test_a_helicopter_shot_down_is_no_interception() -> None:
    events = [e for e in _code(STRIKE_AND_DOWNED_HELICOPTER) if e.status in COUNTED_STATUSES]
    assert len(events) == 2


def test_assembly_a_shot_counted_after_its_verb_is_the_shooting_told() -> None:
    # "shot once" counts a shot; "once" before a verb ("had once robbed") tells another time
    text = ("A 16-year-old boy was killed in Maple Grove on Saturday while cleaning a rifle, "
            "the sheriff said.\n\n"
            "The rifle went off and the boy was shot once in the chest, killing him.")
    violent = _violent(_code(text))
    assert len(violent) == 1, [(e.trigger, e.evidence.text) for e in violent]
    assert violent[0].killed is not None and violent[0].killed.value == 1


def test_assembly_an_imagined_shooting_is_no_antecedent_of_the_shooting() -> None:
    # "may have shot himself" imagines; "during the shooting" still means the one that happened
    text = ("A 5-year-old boy who shot himself inside an apartment in Eastfield County on "
            "Friday has died, the medical examiner said.\n\n"
            "Deputies said the boy may have found the pistol and accidentally shot himself.\n\n"
            "The shooting happened in the 200 block of Birch Lane in Cedar Park.\n\n"
            "His sister was in the next room during the shooting and was not hurt.")
    violent = _violent(_code(text))
    assert len(violent) == 1, [(e.trigger, e.evidence.text) for e in violent]


def test_assembly_the_shooting_inside_an_arrest_takes_no_date_of_its_own() -> None:
    # "Police said Thursday they arrested ... the gunman in the shooting": Thursday is the
    # arrest's day, not the shooting's, told as last weekend's
    text = ("Glendale police have made an arrest in the fatal shooting that took place last "
            "weekend outside a bowling alley.\n\n"
            "Police said Thursday they arrested Dale Rivers, 23, identified by witnesses as "
            "the gunman in the shooting, without incident.")
    violent = _violent(_code(text))
    assert len(violent) == 1, [(e.trigger, e.evidence.text) for e in violent]


@pytest.mark.parametrize("charge", [
    "He faces a charge of murder and is being held without bail.",
    "He was charged with murder and is being held without bail.",
    "He is being held without bail on murder charges.",
])  # fmt: skip
def test_assembly_the_crime_of_a_charge_is_the_deed_told(charge: str) -> None:
    text = ("A man was shot and killed outside a gas station in Fairview on Tuesday night, "
            "police said.\n\n"
            "Officers arrested Tom Baker, 31, on Wednesday afternoon. " + charge)
    violent = _violent(_code(text))
    assert len(violent) == 1, [(e.trigger, e.evidence.text) for e in violent]


def _mention_of(sentence: str, trigger: str):  # a stand-in with what the link tests read
    from types import SimpleNamespace

    from eventwire.nlp import load

    doc = load()(sentence)
    head = next(t for t in doc if t.text == trigger)
    entry = SimpleNamespace(weight=1.0, mode=None)
    return SimpleNamespace(matches=[SimpleNamespace(head=head, entry=entry)], sentence=doc[:],
                           counts_only=False)


@pytest.mark.parametrize(("sentence", "trigger", "another"), [
    ("The gun went off and the boy was shot once, killing him.", "shot", False),
    ("The man was struck once in the head.", "struck", False),
    ("The gunman had once attacked a neighbour.", "attacked", True),
    ("The store was robbed again on Sunday.", "robbed", True),
])  # fmt: skip
def test_links_once_after_its_verb_counts_shots(sentence: str, trigger: str,
                                                another: bool) -> None:
    from eventwire.extract.links import tells_another

    assert tells_another(_mention_of(sentence, trigger)) is another


@pytest.mark.parametrize(("sentence", "trigger", "referring"), [
    ("He faces a charge of murder.", "murder", True),
    ("He was charged with murder on Friday.", "murder", True),
    ("She pleaded guilty to manslaughter.", "manslaughter", True),
    ("He is held on murder charges.", "murder", True),
    ("A murder shocked the town.", "murder", False),
    ("Police are investigating a murder in the park.", "murder", False),
])  # fmt: skip
def test_links_the_crime_of_a_charge_refers_back(sentence: str, trigger: str,
                                                 referring: bool) -> None:
    from eventwire.extract.links import refers_back

    assert refers_back(_mention_of(sentence, trigger)) is referring


@pytest.mark.parametrize(("sentence", "borrowed"), [
    ("Police said Thursday they arrested the gunman in the shooting.", True),
    ("The shooting happened Friday night.", False),
    ("Police arrested a man in Sunday's shooting.", False),
    ("Police arrested a man in the March 3 shooting.", False),
])  # fmt: skip
def test_links_a_shooting_named_in_an_arrest_borrows_its_date(sentence: str,
                                                             borrowed: bool) -> None:
    from eventwire.extract.links import _borrowed_date

    assert _borrowed_date(_mention_of(sentence, "shooting")) is borrowed


def test_assembly_the_hospital_a_victim_was_taken_to_is_no_second_place() -> None:
    text = ("A 34-year-old man was shot and killed on the South Side of Chicago on Tuesday "
            "night, police said.\n\n"
            "Officers found him lying on a sidewalk in the 7800 block of South Halsted Street.\n\n"
            "The man was shot several times and taken to Advocate Christ Medical Center in "
            "Oak Lawn, where he later died.")
    violent = _violent(_code(text))
    assert len(violent) == 1, [(e.trigger, e.evidence.text) for e in violent]
    assert violent[0].killed is not None and violent[0].killed.value == 1
    # "dead at the scene in Johnstown" is where it happened: the town still sets it apart
    apart = ("A man was shot and killed in Rock Falls on Saturday, deputies said.\n\n"
             "A woman was shot and pronounced dead at the scene in a field in Johnstown.")
    assert len(_violent(_code(apart))) == 2



@pytest.mark.parametrize(("sentence", "trigger", "referring"), [
    ("This included delivering medicine and drinking water to the old city.", "delivering",
     True),
    ("It involved shelling the villages north of the river.", "shelling", True),
    ("The plan includes delivering medicine to the old city.", "delivering", False),
])  # fmt: skip
def test_links_what_this_includes_refers_back(sentence: str, trigger: str,
                                              referring: bool) -> None:
    from eventwire.extract.links import refers_back

    assert refers_back(_mention_of(sentence, trigger)) is referring


def test_assembly_the_talks_told_once_are_the_ones_referred_to() -> None:
    text = ("Negotiations to end the war are yielding signs of progress, a senior official said "
            "Monday.\n\nTalks between envoys of the two governments in Geneva in recent days "
            "were constructive, the spokesman told journalists.\n\nOfficials revealed few "
            "details of the talks held on Friday and Saturday.")
    talks = [e for e in _code(text) if e.type == "CONSULT"]
    assert len(talks) == 1, [(e.trigger, e.date) for e in talks]

@pytest.mark.parametrize(("text", "killed", "injured"), [
    # the people hit in one sentence, the dead among them in another: the rest are wounded
    ("Six people were shot outside a music hall in Millbrook late Friday, police said.\n\n"
     "One of the victims, a 40-year-old man, died at the hospital on Saturday.", 1, 5),
    # a victim shot whom no sentence tells dead lived
    ("A 15-year-old girl was shot on Elm Avenue in Fairview on Sunday evening.\n\n"
     "Investigators have not named a suspect.", None, 1),
    # a count of the wounded larger than the hit less the dead stands
    ("Two men were shot in Lakeside early Monday.\n\n"
     "In all, four people were injured in the shooting, police said.", None, 4),
])  # fmt: skip
def test_assembly_people_shot_whom_no_sentence_tells_dead_are_wounded(
    text: str, killed: int | None, injured: int
) -> None:
    violent = _violent(_code(text))
    assert len(violent) == 1, [(e.trigger, e.evidence.text) for e in violent]
    event = violent[0]
    assert (event.killed.value if event.killed else None) == killed
    assert event.injured is not None and event.injured.value == injured


_FAR_VICTIM = "\n\n".join([
    "Two men were shot and killed outside a laundromat in Brookhaven on Friday night, police "
    "said.",
    "Officers arrived at about 10 p.m. and found the men in the parking lot.",
    "Detectives said the gunman fled in a gray sedan.",
    "Neighbors said they heard a dozen pops and ran inside.",
    "\"We were just folding clothes,\" one customer said.",
    "The owner said the business would stay closed through the weekend.",
    "A vigil is planned for Sunday evening at a nearby church.",
    "The city council member for the district called for more patrols.",
    "A third man, who was shot in the hand, drove himself to a clinic and was released.",
])


def test_assembly_a_victim_told_far_down_joins_the_one_shooting() -> None:
    violent = _violent(_code(_FAR_VICTIM))
    assert len(violent) == 1, [(e.trigger, e.evidence.text) for e in violent]
    assert violent[0].killed is not None and violent[0].killed.value == 2
    # a shooting told elsewhere far down stays apart
    elsewhere = _FAR_VICTIM.replace("A third man, who was shot in the hand,",
                                    "In Dallas, a man who was shot in the hand on Tuesday")
    assert len(_violent(_code(elsewhere))) == 2


def test_assembly_a_line_of_its_own_retells_the_one_shooting() -> None:
    text = ("A 16-year-old boy was shot in the leg on a basketball court in Glenwood on "
            "Thursday afternoon, police said.\n\n"
            "The teen wounded has been identified as Marcus Bell of Glenwood\n\n"
            "The boy was taken to a hospital and is expected to recover.")
    violent = _violent(_code(text))
    assert len(violent) == 1, [(e.trigger, e.evidence.text) for e in violent]


def test_assembly_a_day_carried_from_a_charge_sets_no_shooting_apart() -> None:
    # the last sentence names no day: the one before it (the charge's) is not the deed's
    text = ("A 15-year-old girl was shot and killed in Maplewood on May 3, police said.\n\n"
            "The county prosecutor announced on Tuesday that police arrested a 16-year-old boy "
            "Monday and charged him with manslaughter. Detectives say the shooting was not "
            "deliberate.")
    violent = _violent(eventwire.extract(text, published="2024-06-01"))
    assert len(violent) == 1, [(e.trigger, e.date, e.evidence.text) for e in violent]


@pytest.mark.parametrize("text", [
    "The interior ministry accused the rebels of blocking food convoys to the northern "
    "villages on Tuesday. The rebel command has denied such allegations, saying the roads "
    "are open.",
    "The government demanded on Friday that the militia hand over its heavy weapons. The "
    "militia has firmly rejected this demand.",
])
def test_assembly_a_denial_of_what_was_just_told_is_part_of_it(text: str) -> None:
    # the answer to an accusation or a demand ("denied such allegations", "rejected this
    # demand") is told with it: one happening, not two (issue 13)
    events = [e for e in _code(text) if e.status in COUNTED_STATUSES]
    assert len(events) == 1, [(e.type, e.evidence.text) for e in events]


def test_assembly_a_denial_of_something_else_is_its_own() -> None:
    text = ("The interior ministry accused the rebels of blocking food convoys on Tuesday. "
            "The rebel command rejected the peace plan.")
    events = [e for e in _code(text) if e.status in COUNTED_STATUSES]
    assert len(events) == 2, [(e.type, e.evidence.text) for e in events]


def test_assembly_a_landmark_south_of_the_capital_does_not_set_a_strike_apart() -> None:
    # "south of the capital X": X is the landmark the place lies off, not where it happened
    text = ("Rebels said they shot down an army helicopter which crashed in Parwan province, "
            "north of the capital Kabul, on Tuesday.\n\n"
            "\u201cThe helicopter was shot down over Parwan and destroyed,\u201d a rebel "
            "spokesman said.")
    events = [e for e in _code(text) if e.status in COUNTED_STATUSES]
    assert len(events) == 1, [(e.type, e.location and e.location.name) for e in events]
    assert events[0].location is not None and events[0].location.name != "Kabul"


def test_assembly_a_machine_named_in_full_later_gives_its_country() -> None:
    # "the helicopter" of the lead is "a US Chinook helicopter" of the quote that retells it
    text = ("Rebels said they shot down the helicopter in Parwan province on Tuesday.\n\n"
            "\u201cA US Chinook helicopter was shot down over Parwan,\u201d a rebel spokesman "
            "said.")
    events = [e for e in _code(text) if e.status in COUNTED_STATUSES]
    assert len(events) == 1, [(e.type, e.recipient) for e in events]
    assert events[0].recipient is not None and events[0].recipient.country == "USA"


# a sentence that retells a happening told before, with a word inside its clause that tells
# what it was about or what else was going on (retellings.retold_in_its_clause)
RETOLD_WITH_DETAIL = {
    "shot-down-while-attacking": (
        "Rebels said they shot down an army helicopter in Kassala province on Monday.\n\n"
        '"The army helicopter was shot down and burned while trying to attack our positions '
        'near the river," a rebel spokesman said.',
        "COERCE",
    ),
    "intercepted-while-others-struck": (
        "Russian forces launched a massive missile and drone attack on the city of Dnipro "
        "overnight, officials said.\n\n"
        "Some of the missiles were intercepted, while others struck apartment blocks and a "
        "power plant.",
        "ASSAULT",
    ),
    "shot-down-while-others-hit": (
        "Russia fired dozens of drones at Odesa overnight, the regional governor said.\n\n"
        "Most of the drones were shot down, while others hit a port warehouse and a grain "
        "terminal.",
        "ASSAULT",
    ),
}


@pytest.mark.parametrize("name", sorted(RETOLD_WITH_DETAIL))
def test_assembly_a_detail_of_a_retold_happening_is_no_happening_of_its_own(name: str) -> None:
    text, kind = RETOLD_WITH_DETAIL[name]
    events = [e for e in _code(text) if e.status in COUNTED_STATUSES]
    assert [e.type for e in events] == [kind], [(e.type, e.trigger) for e in events]
    assert len(events[0].supports) == 1  # the retelling sentence is its support


# what only looks like such a detail: a deed with a doer of its own inside the clause, a deed
# that governs the retold one, a deed told beside it as a conjunct
TOLD_BESIDE = {
    "relative-clause-with-its-own-doer": (
        "Gunmen attacked a police station in the city of Kano on Friday, killing three "
        "officers.\n\nThe attack, which came a day after students protested in the city over "
        "fuel prices, was the deadliest this year.",
        {"ASSAULT", "PROTEST"},
    ),
    "arrest-after-the-shooting": (
        "A gunman opened fire at a market in Riverside on Saturday, killing two people.\n\n"
        "Police arrested two men on Monday after the shooting.",
        {"ASSAULT", "COERCE"},
    ),
    "killed-or-detained": (
        "Israeli forces carried out airstrikes across Gaza on Monday, officials said.\n\n"
        "There are reports of fishermen being shot or detained off the coast of Gaza.",
        {"ASSAULT", "COERCE"},
    ),
}


@pytest.mark.parametrize("name", sorted(TOLD_BESIDE))
def test_assembly_a_deed_told_beside_a_retold_one_stays(name: str) -> None:
    text, kinds = TOLD_BESIDE[name]
    events = [e for e in _code(text) if e.status in COUNTED_STATUSES]
    assert {e.type for e in events} == kinds, [(e.type, e.trigger) for e in events]


@pytest.mark.parametrize(("sentence", "violent"), [
    ("The crash came a day after the rebels swapped two foreign hostages for three of their "
     "commanders held by the government.", False),
    ("The two sides exchanged hostages at a border crossing on Tuesday.", False),
    ("Gunmen seized 12 hostages at a hotel in the capital on Sunday.", True),
    ("The militants took 30 hostages and later traded insults with police negotiators.", True),
])
def test_assembly_hostages_swapped_are_no_hostages_taken(sentence: str, violent: bool) -> None:
    assert bool(_violent(_code(sentence))) is violent
