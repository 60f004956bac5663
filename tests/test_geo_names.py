"""How names are read in conflict reports: lower-case articles ("al Bab"), a settlement noun
after the name ("Jericho city"), article-aware spelling variants ("Ar-Raqqa"), and where an
event placed only in a unit lands (the unit's people's centre). Real spaCy model, real
gazetteer; invented village names ("Qqq...") are certainly missing from the gazetteer.
"""

from __future__ import annotations

import pytest

from _geo import locate as _locate
from eventwire.geo import get_gazetteer, haversine_km, normalize


@pytest.fixture(scope="module")
def gazetteer():
    return get_gazetteer(1000)



@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        # a lower-case article starts the name
        ("Unidentified gunmen shot and killed two civilians in al Bab on Friday.", 36.37, 37.52),
        ("Rebels looted crops in a village in al-Hasakeh on Saturday.", 36.50, 40.75),
        # a settlement noun after the name is not part of it
        ("On Saturday, rioters set a bank on fire, in Jericho city, after learning of it.", 31.86,
         35.46),
        ("On Sunday, nurses protested in Paris Square of Haifa city.", 32.79, 34.99),
        # "the countryside of X" names X as a place, however the model tags it
        ("Unknown gunmen killed a farmer in the eastern countryside of Hama on Sunday.", 35.13,
         36.76),
    ],
)
def test_conflict_report_names_are_placed(nlp, gazetteer, text, lat, lon):
    mentions, location = _locate(nlp, gazetteer, text)
    assert location is not None, [(m.text, m.name) for m in mentions]
    assert haversine_km(location.lat, location.lon, lat, lon) < 25, location


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        # a capital's fame is its own name's, not an old one another city bears now
        ("Three people were shot in Philadelphia on Sunday.", 39.95, -75.16),
        # old names of capitals still lead to them
        ("Missiles hit Kiev overnight.", 50.45, 30.52),
        ("Troops were deployed in Rangoon.", 16.80, 96.16),
    ],
)
def test_a_capital_is_named_by_its_name_before_its_old_one(nlp, gazetteer, text, lat, lon):
    mentions, location = _locate(nlp, gazetteer, text)
    assert location is not None, [(m.text, m.name) for m in mentions]
    assert haversine_km(location.lat, location.lon, lat, lon) < 25, location


@pytest.mark.parametrize(
    ("name", "country", "found"),
    [("Ar-Raqqa", "SYR", True), ("ar Raqqah", "SYR", True), ("Al-Raqa", "SYR", True),
     ("Rakka", "SYR", False)],
)
def test_short_spelling_variants_need_an_article(gazetteer, name, country, found):
    places = gazetteer.find_loose(name)
    assert any(p.country == country for p, _ in places) is found


def test_village_at_its_unit_lands_where_the_units_people_live(nlp, gazetteer):
    _mentions, location = _locate(
        nlp, gazetteer, "Forces fired mortars at positions near Qqqivka, Luhansk, on Monday.")
    assert location is not None and location.feature == "admin1" and location.precision == 2
    unit = next(p for p, _ in gazetteer.find("Luhansk") if p.feature == "admin1")
    people = gazetteer.unit_point(unit.geonameid)
    assert people is not None
    assert (location.lat, location.lon) == (round(people[0], 5), round(people[1], 5))
    # the people's centre leans to the unit's big towns, away from its geometric centre
    city = next(p for p, _ in gazetteer.find("Luhansk") if p.feature == "city")
    assert haversine_km(*people, city.lat, city.lon) < haversine_km(
        unit.lat, unit.lon, city.lat, city.lon)


def test_every_admin1_unit_has_a_peoples_centre_inside_its_country(gazetteer):
    rows = gazetteer._con.execute(
        "SELECT geonameid, lat, lon FROM places WHERE feature = 'admin1' "
        "AND geonameid IS NOT NULL AND country = 'UKR'").fetchall()
    assert rows
    for geonameid, lat, lon in rows:
        point = gazetteer.unit_point(geonameid)
        assert point is not None
        assert haversine_km(point[0], point[1], lat, lon) < 400  # same unit, not elsewhere


def test_village_at_its_district_lands_at_the_districts_own_point(nlp, gazetteer):
    # a district's main town would pull a people's centre to itself, away from its villages
    _mentions, location = _locate(
        nlp, gazetteer, "Gunmen killed two farmers in Qqqwa village (Bassa LGA, Plateau).")
    assert location is not None and location.feature == "admin2" and location.precision == 2
    unit = next(p for p, _ in gazetteer.find("Bassa") if p.feature == "admin2"
                and p.admin1 == location.admin1)
    assert gazetteer.unit_point(unit.geonameid) is None
    assert haversine_km(location.lat, location.lon, unit.lat, unit.lon) < 0.1


@pytest.mark.parametrize(
    ("text", "country", "lat", "lon", "km"),
    [
        # the name's only readings lie in another country than the sure units after it
        ("Militants attacked the gendarmerie station in Mandoli (Bandiagara, Mopti) and "
         "killed one civilian.", "MLI", 14.35, -3.61, 60),
        ("Residents demonstrated against a cellphone tower in the area of Chatsworth "
         "(eThekwini, KwaZulu-Natal).", "ZAF", -29.86, 31.02, 60),
        # "X in Y": the unit after "in" qualifies the place before it
        ("Clashes took place between two armed families in the town of Karak in Dar'a.",
         "SYR", 32.62, 36.10, 80),
        ("Regime forces shelled Qqqinda in Idleb using artillery fire.", "SYR", 35.9, 36.6, 80),
        # a particle continues a name: "Madinat al Salah" is not Madinah
        ("Forces fired machine guns at the east of Madinat al Salah (Al Hali, Al Hudaydah).",
         "YEM", 14.8, 42.95, 80),
    ],
)
def test_units_after_a_name_place_it(nlp, gazetteer, text, country, lat, lon, km):
    mentions, location = _locate(nlp, gazetteer, text)
    assert location is not None, [(m.text, m.name) for m in mentions]
    assert location.country == country, location
    assert haversine_km(location.lat, location.lon, lat, lon) < km


@pytest.mark.parametrize(
    ("text", "surface", "country", "feature"),
    [
        # a list of well-known cities is not a city qualified by a unit
        ("Many Egyptians support either Real Madrid or Barcelona, Liverpool have gained fans.",
         "Barcelona", "ESP", "city"),
        # a city before a unit named after its town is a list of cities
        ("The largest districts remain shuttered, including Oklahoma City, Tulsa and suburbs.",
         "Oklahoma City", "USA", "city"),
        # an organisation "in" a city leaves the city a city
        ("She cooked at Le Bernardin in New York before she opened her own place.",
         "New York", "USA", "city"),
    ],
)
def test_lists_and_organisations_keep_their_places(nlp, gazetteer, text, surface, country,
                                                   feature):
    mentions, _location = _locate(nlp, gazetteer, text)
    hits = [m for m in mentions if m.text == surface]
    assert hits and hits[0].country == country and hits[0].feature == feature, mentions


@pytest.mark.parametrize(
    ("text", "trigger", "lat", "lon"),
    [
        ("In Hermosillo, Sonora, two armed men attacked a man in Colonia Miguel Hidalgo.",
         "attacked", 29.07, -110.96),
        ("In Sinop, Mato Grosso, a man was killed in a drive-by shooting in Vila Mariana "
         "neighborhood by two armed men.", "shooting", -11.86, -55.50),
    ],
)
def test_place_pinned_by_its_unit_beats_a_far_homonym_of_a_neighbourhood(nlp, gazetteer, text,
                                                                         trigger, lat, lon):
    mentions, location = _locate(nlp, gazetteer, text, trigger)
    assert location is not None, [(m.text, m.name) for m in mentions]
    assert haversine_km(location.lat, location.lon, lat, lon) < 25, location


@pytest.mark.parametrize(("word", "iso3"), [("Indian", "IND"), ("Kyrgyz", "KGZ"),
                                            ("Tajik", "TJK"), ("Saudi", "SAU")])
def test_common_demonyms_count_as_their_country(gazetteer, word, iso3):
    assert gazetteer.demonyms.get(word.lower()) == iso3


@pytest.mark.parametrize(
    ("text", "surface", "country", "feature"),
    [
        # a country's own name beats a city known by it only as an alias, even after "in"
        ("We are going to produce things here in Mexico, everything that we consume.",
         "Mexico", "MEX", "country"),
        # "US" is an abbreviation, not the stop word "us"
        ("In announcing the package, the US State Department described the sale.",
         "US", "USA", "country"),
        # an institution named after its place keeps the place's reading
        ("He is seeking damages from the Toronto Police Services Board, the lawsuit says.",
         "Toronto", "CAN", "city"),
    ],
)
def test_country_names_and_embedded_places(nlp, gazetteer, text, surface, country, feature):
    mentions, _location = _locate(nlp, gazetteer, text)
    hits = [m for m in mentions if m.text.startswith(surface) and m.lat is not None]
    assert hits and hits[0].country == country and hits[0].feature == feature, mentions


def test_a_county_named_after_a_town_is_not_the_town(nlp, gazetteer):
    mentions, _location = _locate(nlp, gazetteer, "Deputies patrolled Morris County on Friday.")
    assert not any(m.text.startswith("Morris") and m.feature == "city" for m in mentions)


@pytest.mark.parametrize(
    ("text", "surface", "feature"),
    [("Wind shear is increasing across the tropical Atlantic, forecasters in Florida said.",
      "Atlantic", "sea"),
     ("Rockets were fired from southern Lebanon overnight, the army said.", "Lebanon",
      "country")],
)
def test_a_sea_or_country_beats_a_small_town_of_its_name(nlp, gazetteer, text, surface, feature):
    mentions, _location = _locate(nlp, gazetteer, text)
    hits = [m for m in mentions if m.text == surface and m.lat is not None]
    assert hits and hits[0].feature == feature, mentions


@pytest.mark.parametrize(
    ("name", "short"),
    [("City of Minsk", "Minsk"), ("Sumska oblast", "Sumska"), ("Commune of Kinshasa", "Kinshasa"),
     ("Isle of Wight", "Isle of Wight")],
)
def test_short_admin_names_drop_the_kind_of_unit(name, short):
    from eventwire.geo.gazetteer import short_admin_name

    assert short_admin_name(name) == short


@pytest.mark.parametrize(
    ("text", "surface", "name", "feature"),
    [
        # news-style abbreviations of states and provinces, with their full stops
        ("A man was shot in Oakland, Calif. on Monday.", "Calif.", "California", "admin1"),
        ("Crews worked near Nelson, B.C. all week.", "B.C.", "British Columbia", "admin1"),
        # a dotted country abbreviation inside an organisation's name
        ("Officials of the U.S. Department of Energy said so.", "U.S.", "United States",
         "country"),
        # the European Union by its abbreviation
        ("Ministers of the EU met to discuss tariffs.", "EU", "European Union", "region"),
    ],
)
def test_abbreviations_name_their_units(nlp, gazetteer, text, surface, name, feature):
    mentions, _ = _locate(nlp, gazetteer, text)
    found = {m.text: (m.name, m.feature) for m in mentions}
    assert found.get(surface) == (name, feature), found


def test_a_union_named_as_an_actor_places_no_event(nlp, gazetteer):
    _, location = _locate(nlp, gazetteer, "The EU condemned the attack on the convoy.")
    assert location is None


@pytest.mark.parametrize(
    ("word", "name"),
    [("European", "Europe"), ("Africans", "Africa"), ("Latin American", "Latin America")],
)
def test_adjectives_of_continents_and_regions_name_them(gazetteer, word, name):
    assert gazetteer.region_demonyms[normalize(word)].name == name


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # the model tags one word; the gazetteer knows the whole name with its particles
        ("Farmers marched in Campo Grande, Mato Grosso do Sul, on Tuesday.",
         "Mato Grosso do Sul", "Mato Grosso do Sul"),
        ("Two men were shot in Santiago de Queretaro on Sunday.", "Santiago de Queretaro",
         "Santiago de Querétaro"),
    ],
)
def test_names_continued_by_particles_are_read_whole(nlp, gazetteer, text, surface, name):
    mentions, _ = _locate(nlp, gazetteer, text)
    assert any(m.text == surface and m.name == name for m in mentions), mentions


def test_one_part_of_a_hyphenated_village_is_not_a_town_of_that_name(nlp, gazetteer):
    # "Qqqa-Kaindy" is a village the gazetteer lacks, not the town Kaindy elsewhere
    mentions, _location = _locate(nlp, gazetteer, "Residents of Qqqa-Kaindy village protested.")
    assert not any(m.name == "Kaindy" for m in mentions), mentions


def test_an_institution_named_after_a_place_places_an_event_when_nothing_else_does(nlp,
                                                                                  gazetteer):
    _, location = _locate(nlp, gazetteer, "Shells fell in the area of Donetsk Airport on Sunday.")
    assert location is not None and location.country == "UKR", location
    assert haversine_km(location.lat, location.lon, 48.02, 37.80) < 25


def test_a_court_of_an_institution_is_no_town(nlp, gazetteer):
    text = "Residents left flowers at the steps of the Court of Justice in Sofia on Friday."
    _, location = _locate(nlp, gazetteer, text)
    assert location is not None and location.name == "Sofia", location


def test_a_unit_named_as_one_qualifies_a_town_of_another_country(nlp, gazetteer):
    # "Qqq..., Trujillo state": the state, not a homonym of the town abroad
    _, location = _locate(nlp, gazetteer, "In Qqqvajal, Trujillo state, residents protested.")
    assert location is not None and location.country == "VEN", location


def test_a_city_in_parentheses_after_its_province_places_the_event(nlp, gazetteer):
    _, location = _locate(nlp, gazetteer, "Patients protested at a clinic in Sindh (Karachi).")
    assert location is not None and location.name == "Karachi", location


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # Zambana is also a village in Italy; the list's villages lie in Nigeria's Donga LGA
        ("Gunmen attacked the villages of Qqqbu, Qqqgida, Zambana, Qqqkwo and Qqqdadin "
         "(Donga, Taraba) at dawn.", "NGA"),
        # Santa Rosa is also a county in Florida; here it is the city in Laguna province, and
        # the name the gazetteer lacks before it does not make it a unit
        ("Officers shot a man at a checkpoint in Barangay Qqqtag, Santa Rosa, Laguna, on "
         "Monday.", "PHL"),
    ],
)
def test_a_homonym_abroad_loses_to_the_chain_it_stands_in(
    nlp, gazetteer, text: str, country: str
) -> None:
    mentions, location = _locate(nlp, gazetteer, text)
    assert location is not None, [(m.text, m.name) for m in mentions]
    assert location.country == country, location
