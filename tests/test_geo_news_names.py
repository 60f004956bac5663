"""How news names places, through the public ``eventwire.places`` (the path of ``eventwire
places``): datelines, demonyms, abbreviations, places named by what stands in them."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.model import PlaceMention


def _at(text: str, surface: str) -> PlaceMention:
    mentions = eventwire.places(text)
    hits = [m for m in mentions if surface in text[m.start : m.end] and m.lat is not None]
    assert hits, f"{surface!r} not placed in {[(text[m.start:m.end], m.name) for m in mentions]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "surface", "name", "admin1"),
    [
        ("COLUMBUS, Ohio (AP) — The team won again on Saturday night.", "COLUMBUS",
         "Columbus", "Ohio"),
        ("COLUMBUS, Ohio (AP) — The team won again on Saturday night.", "Ohio", "Ohio", "Ohio"),
        ("HELENA, Mont. (AP) — The state and the company agreed on a new contract.", "Mont.",
         "Montana", "Montana"),
        ("HOUSTON (AP) — The guard hit a late shot to win the game.", "HOUSTON", "Houston",
         "Texas"),
    ],
)
def test_dateline_places_are_mentions(text, surface, name, admin1):
    mention = _at(text, surface)
    assert (mention.name, mention.admin1) == (name, admin1)


def test_dateline_places_no_event_beyond_the_dateline_rule():
    text = "KYIV, Ukraine (AP) — Russian troops shelled the town of Sumy, killing three people."
    events = eventwire.extract(text)
    assert events and events[0].location is not None
    assert events[0].location.name == "Sumy"


def test_demonyms_name_their_country():
    text = "Syrian forces and Turkish troops clashed, officials said."
    assert _at(text, "Syrian").country == "SYR"
    assert _at(text, "Turkish").feature == "demonym"


def test_a_place_the_gazetteer_lacks_lies_in_the_unit_named_after_it():
    mention = _at("The race weekend moves to Snetterton, Norfolk, in July.", "Snetterton")
    assert mention.feature == "inside"
    assert mention.name == "Norfolk"


def test_a_street_of_a_local_story_lies_in_its_town():
    text = ("WINNIPEG — Fire crews were called to a house on Assiniboine Avenue on Friday. "
            "Officials said two people had to be evacuated.")
    mention = _at(text, "Assiniboine Avenue")
    assert (mention.feature, mention.name) == ("local", "Winnipeg")


def test_stand_ins_place_no_event():
    text = ("WINNIPEG — A man was shot dead on Assiniboine Avenue on Friday, police said.")
    events = eventwire.extract(text)
    assert events and all(e.location is None or e.location.basis == "dateline" for e in events)


def test_a_state_outranks_a_small_town_named_like_it_elsewhere():
    mention = _at("A federal judge in Wyoming has halted the rule, lawyers said.", "Wyoming")
    assert (mention.feature, mention.name) == ("admin1", "Wyoming")


def test_a_name_listed_with_a_state_is_a_state():
    text = "Workers are moving to western states such as California or Washington this year."
    assert _at(text, "Washington").feature == "admin1"


def test_a_state_named_like_a_country_in_a_story_about_the_united_states():
    text = ("The Georgia National Guard sent a team to Atlanta. The American soldiers joined "
            "police in the United States capital and across the US.")
    mention = _at(text, "Georgia")
    assert (mention.country, mention.feature) == ("USA", "admin1")


def test_a_building_tagged_as_an_organisation_lies_in_the_town_after_it():
    text = ("Doctors at the Altnagelvin Hospital in Derry said the patient was stable. "
            "The hospital in Derry opened a new wing.")
    mention = _at(text, "Altnagelvin Hospital")
    assert mention.feature in ("inside", "local")
    assert mention.name == "Derry"


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("He was poisoned in the English city of Salisbury.", "English", "England"),
        ("A Norwegian research vessel joined the hunt.", "Norwegian", "Norway"),
        ("The nerve agent was developed by the Soviet Union decades ago.", "Soviet Union",
         "Soviet Union"),
    ],
)
def test_adjectives_and_former_states_name_their_place(text, surface, name):
    assert _at(text, surface).name == name


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("A London-based charity said the US-China trade talks stalled.", "US",
         "United States"),
        ("The DPRK-U.S. summit was held in June.", "U.S.", "United States"),
        ("Leaders spoke of peace in Asia-Pacific and the world.", "Asia", "Asia"),
    ],
)
def test_places_joined_by_hyphens_are_each_named(text, surface, name):
    assert _at(text, surface).name == name


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        ("An Alexandria woman was charged after a fire in Rapides Parish, deputies said.",
         "Alexandria", "Louisiana"),
    ],
)
def test_a_town_before_a_noun_of_its_people_is_a_place(text, surface, admin1):
    assert _at(text, surface).admin1 == admin1


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        ("PLEASANTON, Calif.--(BUSINESS WIRE)--The company said sales rose.", "PLEASANTON",
         "California"),
        ("Congressman speaks at grant event. IMMOKALEE – The congressman spoke on Monday.",
         "IMMOKALEE", "Florida"),
    ],
)
def test_datelines_inside_the_text_are_read(text, surface, admin1):
    assert _at(text, surface).admin1 == admin1


def test_a_word_in_capitals_before_a_dash_is_no_place_unless_a_town():
    assert eventwire.places("UPDATE — The meeting was moved to a later date.") == []


def test_a_list_of_cities_is_no_chain_of_units():
    text = "After stops in Washington, New York and Boston, the prince will visit Houston."
    assert _at(text, "Washington").admin1 == "Columbia"
    assert _at("He was born in Paris, Texas, and moved away.", "Paris").admin1 == "Texas"


def test_a_continent_is_no_town_that_counts_the_name_before_it():
    text = "Mahathir, Asia's longest serving leader, will run again in Malaysia."
    assert _at(text, "Asia").feature == "continent"


def test_a_demonym_mention_leaves_out_the_article_before_it():
    mentions = eventwire.places("The Syrian-born coach spoke on Monday.")
    assert [m.text for m in mentions if m.feature == "demonym"] == ["Syrian"]


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Russian forces shelled Kherson overnight, killing two civilians.", "Kherson", "UKR"),
        ("Pro-Russian separatists shelled Mariupol on Monday.", "Mariupol", "UKR"),
        ("Ukrainian troops recaptured Kupiansk after a week of fighting.", "Kupiansk", "UKR"),
    ],
)
def test_the_object_of_a_war_verb_is_a_place_though_tagged_a_person(text, surface, country):
    assert _at(text, surface).country == country


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("CHICAGO -- A man was shot in the 4500 block of South Winchester on Monday night.",
         "Winchester"),
        ("DETROIT -- Police found him in the 900 block of Lansing late Sunday.", "Lansing"),
        ("DAYTON -- The crash happened at the intersection of Main and Springfield on Friday.",
         "Springfield"),
        ("LAS VEGAS -- The shooting happened near North Pecos and East Gowan roads on Sunday.",
         "Pecos"),
    ],
)
def test_a_street_named_like_a_town_is_not_that_town(text, street):
    # local news places a crime on "the 4500 block of X" or at "X and Y roads": X is a street
    # of the story's town, never the town X elsewhere
    towns = [m for m in eventwire.places(text)
             if street in text[m.start : m.end] and m.feature in ("city", "admin2")]
    assert not towns, [(m.name, m.admin1) for m in towns]


def test_a_town_after_block_words_that_are_no_street_cue_stays_a_town():
    mention = _at("DAYTON -- The council will vote on a block of new laws in Springfield.",
                  "Springfield")
    assert mention.feature == "city"


def test_a_possessive_name_standing_alone_is_a_business_not_a_town():
    # a bar or diner named after its owner ("Boomer's", "Denny's") is no town Boomer; a town's
    # possessive before a noun stays the town
    text = ("BOCA RATON -- Officers responded to reports of someone being shot at Boomer's at "
            "3100 Airport Road on Saturday. The mayor said Dayton's police acted fast.")
    towns = [m for m in eventwire.places(text)
             if "Boomer" in text[m.start : m.end] and m.feature in ("city", "admin2")]
    assert not towns, [(m.name, m.admin1) for m in towns]
    assert _at(text, "Dayton").feature == "city"
