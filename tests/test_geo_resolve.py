"""Place resolution on short texts through the real spaCy model and the real gazetteer."""

from __future__ import annotations

import pytest

from eventwire.geo import find_places, get_gazetteer, haversine_km, locate_events
from eventwire.model import Document, Event, Evidence
from eventwire.nlp import parse_segments


@pytest.fixture(scope="module")
def gazetteer():
    return get_gazetteer(1000)


def _document(text: str) -> Document:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return Document(doc_id="t", text=text, paragraphs=spans)


def _places(nlp, gazetteer, text: str):
    document = _document(text)
    segments = parse_segments(nlp, [(s, text[s:e]) for s, e in document.paragraphs])
    return document, find_places(document, segments, gazetteer=gazetteer)


def _find(mentions, surface: str):
    hits = [m for m in mentions if m.text == surface and m.lat is not None]
    assert hits, f"{surface!r} not resolved in {[(m.text, m.name) for m in mentions]}"
    return hits[0]


def test_sumy_resolves_to_the_city(nlp, gazetteer):
    text = (
        "A Russian missile struck a residential building in the northern city of Sumy on "
        "Sunday, Ukrainian officials said. Sumy lies near the border with Russia."
    )
    _, mentions = _places(nlp, gazetteer, text)
    sumy = _find(mentions, "Sumy")
    assert sumy.country == "UKR"
    assert haversine_km(sumy.lat, sumy.lon, 50.92, 34.80) < 25


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Ukrainian air defences shot down drones over Odesa, the Ukrainian navy said. "
         "Ukraine says the port of Odesa was hit again.", "Odesa", "UKR"),
        ("North Korean soldiers fight in the Russian-held part of Kursk, Kyiv said. "
         "Russia has not confirmed.", "Kursk", "RUS"),
        ("Protesters marched in Tripoli after clashes between Libyan militias. Libya's "
         "government in Tripoli called for calm.", "Tripoli", "LBY"),
        ("Lebanese troops deployed in Tripoli, Lebanon's second city, after Hezbollah "
         "supporters clashed with rivals in northern Lebanon.", "Tripoli", "LBN"),
        ("Georgian police detained protesters in Tbilisi. Georgia's parliament passed the "
         "foreign agents law.", "Georgia", "GEO"),
        ("Voters in Atlanta queued for hours. Georgia is a swing state in the American "
         "election and Texas is not.", "Georgia", "USA"),
        ("The summit opened in Paris, where French officials welcomed the delegates.",
         "Paris", "FRA"),
    ],
)
def test_ambiguous_names_settled_by_the_article(nlp, gazetteer, text, surface, country):
    _, mentions = _places(nlp, gazetteer, text)
    assert _find(mentions, surface).country == country


def test_paris_texas_by_its_qualifier(nlp, gazetteer):
    _, mentions = _places(nlp, gazetteer, "A tornado damaged homes in Paris, Texas, on Monday.")
    paris = _find(mentions, "Paris")
    assert paris.country == "USA"
    assert paris.admin1 == "Texas"


def test_village_with_its_admin1_qualifier(nlp, gazetteer):
    text = (
        "On 9 May 2020, forces fired 82mm mortars at positions in the area of Sentianivka, "
        "Luhansk. No casualties were reported."
    )
    _, mentions = _places(nlp, gazetteer, text)
    village = _find(mentions, "Sentianivka")
    assert village.country == "UKR" and village.admin1 == "Luhansk"


def test_admin1_by_its_cue_word(nlp, gazetteer):
    text = "Shelling continued in the Kursk region overnight, the Russian governor said."
    _, mentions = _places(nlp, gazetteer, text)
    kursk = next(m for m in mentions if m.text.startswith("Kursk") and m.lat is not None)
    assert kursk.feature == "admin1" and kursk.country == "RUS"


def test_unknown_place_does_not_crash(nlp, gazetteer):
    text = "Fighting was reported near Zzyzxqwerville and in Qqqblorptown on Tuesday."
    document, mentions = _places(nlp, gazetteer, text)
    assert all(m.lat is None for m in mentions if "Zzyzx" in m.text or "Qqq" in m.text)
    for m in mentions:
        assert document.text[m.start : m.end] == m.text


def _event(document: Document, sentence: str, trigger: str) -> Event:
    start = document.text.index(sentence)
    end = start + len(sentence)
    return Event(
        id=Event.make_id("t", start, end, "ASSAULT"), doc_id="t", type="ASSAULT",
        trigger=trigger, evidence=Evidence(text=sentence, start=start, end=end),
    )  # fmt: skip


def test_event_gets_the_city_of_its_sentence(nlp, gazetteer):
    text = (
        "Ukraine said Russia attacked again.\n"
        "A missile struck a building in the northern city of Sumy, killing 11 people."
    )
    document, mentions = _places(nlp, gazetteer, text)
    event = _event(document, "A missile struck a building in the northern city of Sumy, "
                   "killing 11 people.", "struck")
    located = locate_events([event], mentions, document, gazetteer=gazetteer)[0]
    assert located.location is not None
    assert located.location.name == "Sumy" and located.location.precision == 1
    assert located.location.basis == "sentence"
    assert event.location is None  # a new object, the input untouched


def test_country_only_event_has_precision_3(nlp, gazetteer):
    text = "Protesters rallied against the government across Nigeria on Saturday."
    document, mentions = _places(nlp, gazetteer, text)
    event = _event(document, text, "rallied")
    location = locate_events([event], mentions, document, gazetteer=gazetteer)[0].location
    assert location is not None
    assert location.country == "NGA" and location.feature == "country"
    assert location.precision == 3


def test_village_missing_from_gazetteer_falls_back_to_admin1(nlp, gazetteer):
    text = "Shelling hit positions near Qqqvillageka, Donetsk, on Monday."
    document, mentions = _places(nlp, gazetteer, text)
    event = _event(document, text, "Shelling")
    location = locate_events([event], mentions, document, gazetteer=gazetteer)[0].location
    assert location is not None
    assert location.country == "UKR" and location.admin1 == "Donetsk"
    assert location.precision == 2


def test_event_without_any_place_has_no_location(nlp, gazetteer):
    text = "The minister resigned on Friday after the vote."
    document, mentions = _places(nlp, gazetteer, text)
    event = _event(document, text, "resigned")
    assert locate_events([event], mentions, document, gazetteer=gazetteer)[0].location is None


def test_demonyms_are_mentions_of_their_country_but_place_no_event(nlp, gazetteer):
    text = "Syrian forces and North Korean advisers were seen near the border."
    document = _document(text)
    segments = parse_segments(nlp, [(0, text)])
    found = find_places(document, segments, gazetteer=gazetteer)
    demonyms = {m.text: m.country for m in found if m.feature == "demonym"}
    assert demonyms == {"Syrian": "SYR", "North Korean": "PRK"}
    plain = find_places(document, segments, gazetteer=gazetteer, demonyms=False)
    assert not any(m.feature == "demonym" for m in plain)
    event = _event(document, text, "seen")
    assert locate_events([event], found, document, gazetteer=gazetteer)[0].location is None


@pytest.mark.parametrize(
    ("text", "surface", "feature"),
    [
        ("North Korean soldiers fight in the Russian-held part of Kursk, Kyiv said.", "Kursk",
         "admin1"),
        ("Russia shelled Kursk on Monday, Ukrainian officials said.", "Kursk", "city"),
        ("North Korea’s leader visited Moscow.", "North Korea", "country"),
    ],
)
def test_reading_of_the_surface(nlp, gazetteer, text, surface, feature):
    _, mentions = _places(nlp, gazetteer, text)
    assert _find(mentions, surface).feature == feature


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [("Traders of Gedaref closed their shops on Monday.", "Gedaref", "SDN"),
     ("Fishermen of Tartus protested on Monday.", "Tartus", "SYR")],
)
def test_town_tagged_as_an_organisation_is_a_place_when_its_name_is_one_countrys(
        nlp, gazetteer, text, surface, country):
    _doc, mentions = _places(nlp, gazetteer, text)
    assert _find(mentions, surface).country == country


def test_town_tagged_as_an_organisation_stays_out_when_the_text_names_another_country(
        nlp, gazetteer):
    # "Toyota" is a Japanese city, but a text about the US names no Japan
    _doc, mentions = _places(
        nlp, gazetteer, "Toyota workers in Kentucky, United States, went on strike on Monday.")
    assert not any(m.text == "Toyota" and m.lat is not None for m in mentions)


def test_event_sentence_without_a_place_takes_its_paragraphs_first_place(nlp, gazetteer):
    # not the place nearest the trigger, which another sentence names in passing
    text = ("Hundreds of teachers marched in Kharkiv on Monday in support of colleagues in "
            "Poltava. Police detained two of the marchers.")
    document, mentions = _places(nlp, gazetteer, text)
    event = _event(document, "Police detained two of the marchers.", "detained")
    location = locate_events([event], mentions, document, gazetteer=gazetteer)[0].location
    assert location is not None and location.basis == "paragraph"
    assert location.name == "Kharkiv"


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [("In Managua, residents of La Carolina neighbourhood blocked a road on Monday.", "blocked",
      "Managua"),
     ("In Guayaquil, residents of Los Alcazares village blocked a road on Monday.", "blocked",
      "Guayaquil")],
)
def test_small_town_abroad_is_a_stray_next_to_a_city_sure_of_its_country(
        nlp, gazetteer, text, trigger, name):
    # the neighbourhood shares its name with a small town in Spain: that reading, nearer the
    # trigger, does not place the event
    document, mentions = _places(nlp, gazetteer, text)
    event = _event(document, text, trigger)
    location = locate_events([event], mentions, document, gazetteer=gazetteer)[0].location
    assert location is not None and location.name == name


@pytest.mark.parametrize(
    ("text", "surface", "feature", "country"),
    [
        # news datelines in capitals, whatever the model tags them
        ("WINNIPEG — The province said on Monday that the plan would go ahead.", "WINNIPEG",
         "city", "CAN"),
        ("HALIFAX (CP) — Officials said on Monday that the plan would go ahead.", "HALIFAX",
         "city", "CAN"),
        # a province of a million people named alone, tagged as an organisation
        ("SASKATOON — Saskatchewan's Opposition said on Monday that the plan was bad.",
         "Saskatchewan", "admin1", "CAN"),
        # a region's other name inside a longer name, and the country as "USA"
        ("An EU Commission spokesman said the plan was bad.", "EU", "region", None),
        ("It opened plants in Brazil, Germany and the USA.", "USA", "country", "USA"),
        # a state, not a village known by the state's name as another name ("Montana City")
        ("In the United States, Montana lawmakers voted against the plan.", "Montana",
         "admin1", "USA"),
    ],
)
def test_news_style_names(nlp, gazetteer, text, surface, feature, country):
    _doc, mentions = _places(nlp, gazetteer, text)
    mention = _find(mentions, surface)
    assert mention.feature == feature and mention.country == country


def test_a_name_with_the_before_it_is_no_small_town_abroad(nlp, gazetteer):
    # "the Metro" is a railway, not Metro in Indonesia; "the Rukban camp" stays a place
    _doc, mentions = _places(
        nlp, gazetteer, "On Monday, workers of the Metro protested in Mexico City.")
    assert not any(m.text.endswith("Metro") and m.lat is not None for m in mentions)
    assert _find(mentions, "Mexico City").country == "MEX"


def test_a_direction_word_starts_no_small_town_name(nlp, gazetteer):
    # "Central Bank" is not the town "Bank" in the centre of something
    _doc, mentions = _places(
        nlp, gazetteer, "Protesters gathered outside the Central Bank in Beirut on Monday.")
    assert not any("Bank" in m.text and m.lat is not None for m in mentions)


def test_a_currency_named_after_a_country_is_no_context(nlp, gazetteer):
    # "the US dollar" does not put a Lebanese city in Mississippi
    _doc, mentions = _places(
        nlp, gazetteer, "Traders angry at the rising US dollar closed their shops in Sidon.")
    assert _find(mentions, "Sidon").country == "LBN"


def test_a_road_named_after_a_town_does_not_place_the_event_there(nlp, gazetteer):
    text = "Police dispersed a protest on Jalalabad road outside the university in Kabul."
    document, mentions = _places(nlp, gazetteer, text)
    event = _event(document, text, "dispersed")
    location = locate_events([event], mentions, document, gazetteer=gazetteer)[0].location
    assert location is not None and location.name == "Kabul"


def test_a_country_named_with_and_is_read_whole(nlp, gazetteer):
    # the model tags "Trinidad" and "Tobago" apart
    _doc, mentions = _places(
        nlp, gazetteer, "The minister said that Trinidad and Tobago failed to pay on time.")
    mention = _find(mentions, "Trinidad and Tobago")
    assert mention.feature == "country" and mention.country == "TTO"


def test_a_short_abbreviation_is_no_town_or_district(nlp, gazetteer):
    # "BA" and "WA" are also districts in Fiji and Ghana
    _doc, mentions = _places(
        nlp, gazetteer, "Flights to Fiji were cut, and staff in BA and WA offices were told.")
    assert not any(m.text in ("BA", "WA") and m.lat is not None and m.feature != "admin1"
                   for m in mentions)


def test_a_former_name_of_a_big_city_loses_to_a_town_that_bears_it(nlp, gazetteer):
    # Harare was once called Salisbury; the text names England
    _doc, mentions = _places(
        nlp, gazetteer, "Police cordoned off a street in the English city of Salisbury.")
    assert _find(mentions, "Salisbury").country == "GBR"


def test_a_world_city_before_a_unit_it_is_not_in_is_a_list(nlp, gazetteer):
    # Miami and Dallas are also counties; Los Angeles lies in neither
    _doc, mentions = _places(
        nlp, gazetteer, "The firm has offices in Los Angeles, Miami, Dallas and Chicago.")
    for surface, lat, lon in (("Los Angeles", 34.05, -118.24), ("Miami", 25.77, -80.19)):
        mention = _find(mentions, surface)
        assert mention.feature == "city"
        assert haversine_km(mention.lat, mention.lon, lat, lon) < 25


def test_a_unit_that_nests_in_the_next_name_places_the_one_before_it(nlp, gazetteer):
    # Poonch is a district in India's Jammu and Kashmir and in Pakistan's Azad Kashmir
    _doc, mentions = _places(
        nlp, gazetteer,
        "Soldiers traded fire across the LoC in Kirni sector area (Poonch district, J&K).")
    poonch = _find(mentions, "Poonch")
    assert poonch.country == "IND" and poonch.feature == "admin2"
    assert _find(mentions, "J&K").feature == "admin1"


def test_rural_damascus_is_the_governorate(nlp, gazetteer):
    _doc, mentions = _places(nlp, gazetteer, "Shells fell on a farm in Rural Damascus.")
    mention = _find(mentions, "Rural Damascus")
    assert mention.feature == "admin1" and mention.country == "SYR"


def test_a_town_that_begins_a_hospitals_name_places_the_event_last(nlp, gazetteer):
    # the victim went to the hospital; the town it is named after lies elsewhere: the
    # paragraph's place comes first
    text = ("Two women were shot at a party in Hialeah on Sunday, and one was taken to Jackson "
            "Memorial Hospital.")
    document, mentions = _places(nlp, gazetteer, text)
    event = _event(document, "and one was taken to Jackson Memorial Hospital.", "taken")
    location = locate_events([event], mentions, document, gazetteer=gazetteer)[0].location
    assert location is not None and location.name == "Hialeah"


def test_a_town_that_begins_a_buildings_name_places_it_when_nothing_else_does(nlp, gazetteer):
    text = "Gunmen attacked Kabul University on Monday, killing 22 students."
    document, mentions = _places(nlp, gazetteer, text)
    event = _event(document, text, "attacked")
    location = locate_events([event], mentions, document, gazetteer=gazetteer)[0].location
    assert location is not None and location.name == "Kabul"


def test_a_weekday_is_no_place(nlp, gazetteer):
    text = ("According to the Lakeview Police Department, one of the people hurt in Thursday's "
            "shooting has died.")  # Thursday Island, Queensland, is in the gazetteer
    _, mentions = _places(nlp, gazetteer, text)
    assert not [m for m in mentions if m.lat is not None and "Thursday" in m.text]
