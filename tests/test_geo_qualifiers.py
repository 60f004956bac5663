"""Places qualified by their units ("X (Y, Z)", "X, Y"), admin2 units, partial names and
spelling-tolerant lookups, through the real spaCy model and the real gazetteer.

Village names here are invented ("Qqq..."), so they are certainly missing from the gazetteer.
"""

from __future__ import annotations

import pytest

from _geo import locate as _locate
from eventwire.geo import get_gazetteer, haversine_km, normalize
from eventwire.geo.gazetteer import loose_key


@pytest.fixture(scope="module")
def gazetteer():
    return get_gazetteer(500)



@pytest.mark.parametrize(
    ("name", "country", "admin1", "lat", "lon"),
    [("Bungudu", "NGA", "Zamfara", 12.27, 6.56), ("Kaushambi", "IND", "Uttar Pradesh", 25.53,
                                                   81.38)],
)
def test_admin2_units_are_in_the_gazetteer(gazetteer, name, country, admin1, lat, lon):
    units = [p for p, _ in gazetteer.find(name) if p.feature == "admin2"]
    assert units, f"{name} has no admin2"
    assert units[0].country == country and units[0].admin1 == admin1
    assert haversine_km(units[0].lat, units[0].lon, lat, lon) < 40


@pytest.mark.parametrize(
    ("text", "country", "feature", "lat", "lon"),
    [
        # a village the gazetteer lacks, in its admin2 and admin1: placed at the admin2
        ("Gunmen attacked Qqqkarai village (Bungudu LGA, Zamfara) on Friday.",
         "NGA", "admin2", 12.27, 6.56),
        # with only its admin1, at the admin1
        ("Shelling hit positions near Qqqivka, Donetsk, on Monday.",
         "UKR", "admin1", 48.0, 37.8),
        # an unknown two-word name is not read by its first word ("Al" is not Ål in Norway)
        ("Air strikes targeted positions in Al Qqqhisha (Misrata) on Friday.",
         "LBY", None, 32.37, 15.09),
    ],
)
def test_missing_village_placed_at_its_most_specific_unit(nlp, gazetteer, text, country, feature,
                                                          lat, lon):
    mentions, location = _locate(nlp, gazetteer, text)
    assert location is not None, [(m.text, m.name) for m in mentions]
    assert location.country == country
    assert location.precision == 2
    if feature is not None:
        assert location.feature == feature
    assert haversine_km(location.lat, location.lon, lat, lon) < 80
    assert not any(m.country not in (None, country) for m in mentions if m.lat is not None)


def test_place_inside_its_qualifier_wins_over_a_bigger_homonym(nlp, gazetteer):
    _mentions, location = _locate(
        nlp, gazetteer, "Residents blocked roads in San Antonio (Valparaiso) on Saturday.")
    assert location is not None and location.country == "CHL"
    assert haversine_km(location.lat, location.lon, -33.59, -71.61) < 25


def test_a_unit_of_another_country_does_not_unplace_a_city(nlp, gazetteer):
    _mentions, location = _locate(
        nlp, gazetteer, "Residents blocked roads with stones in Cali, Valle del Cauca.")
    assert location is not None and location.country == "COL"
    assert haversine_km(location.lat, location.lon, 3.44, -76.52) < 25


def test_name_modifier_is_not_the_event_place(nlp, gazetteer):
    _mentions, location = _locate(
        nlp, gazetteer,
        "Forces fired mortars at the positions of the Luhansk People's Militia near Qqqove, "
        "Donetsk.")
    assert location is not None and location.admin1 == "Donetsk"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("Ar-Raqqa", "Ar Raqqah", True), ("Mirpurkhas", "Mirpur Khas", True),
     ("Qalqiliyah", "Qalqilyah", True), ("Al-Hasakeh", "Al Hasakah", True),
     ("Donetsk", "Luhansk", False), ("Kramatorsk", "Kramatorske", False)],
)
def test_loose_key(a, b, same):
    assert (loose_key(normalize(a)) == loose_key(normalize(b))) is same


def test_loose_lookup_finds_a_variant_spelling(gazetteer):
    assert not gazetteer.find("Mirpurkhas")
    places = gazetteer.find_loose("Mirpurkhas")
    assert any(p.country == "PAK" for p, _ in places)
    assert all(not primary for _, primary in places)


def test_lower_case_town_noun_is_no_part_of_the_name(nlp, gazetteer):
    # "Kita City" is a name of a ward of Tokyo; "Kita city (Kayes)" is the town in Mali
    _mentions, location = _locate(
        nlp, gazetteer, "Soldiers fired at houses in Kita city (Kayes) on Monday.")
    assert location is not None and location.country == "MLI"
    assert location.feature == "city"
    assert haversine_km(location.lat, location.lon, 13.03, -9.49) < 25


def test_town_named_like_its_district_lies_in_it(nlp, gazetteer):
    # the district's point is the centre of the towns listed in it, 80+ km from Mpanda town
    _mentions, location = _locate(
        nlp, gazetteer, "Unknown gunmen killed a trader in Mpanda (Mpanda, Katavi) on Sunday.")
    assert location is not None and location.feature == "city" and location.precision == 1
    assert haversine_km(location.lat, location.lon, -6.34, 31.07) < 25


@pytest.mark.parametrize(
    ("text", "country", "lat", "lon"),
    [("Residents protested in Ayacucho (Ayacucho) on Friday.", "PER", -13.16, -74.22),
     ("Teachers marched in San Luis (San Luis) on Monday.", "ARG", -33.30, -66.34)],
)
def test_city_named_like_its_unit_is_the_biggest_such_pair(nlp, gazetteer, text, country, lat,
                                                            lon):
    # not the district of that name in another country, though a district is a smaller unit
    _mentions, location = _locate(nlp, gazetteer, text)
    assert location is not None and location.country == country
    assert haversine_km(location.lat, location.lon, lat, lon) < 25


def test_place_named_as_a_landmark_does_not_place_the_event(nlp, gazetteer):
    # "X district north of Y city": the event is in the district, Y only says where that is
    _mentions, location = _locate(
        nlp, gazetteer, "Air raids were reported on Arhab district north of Sanaa city on Monday.")
    assert location is not None and location.name == "Arhab"


def test_unit_named_by_a_generic_word_qualifies_the_place_before_it(nlp, gazetteer):
    # Nigeria has a Bassa LGA in Kogi and one in Plateau State; "Plateau" alone is no place
    _mentions, location = _locate(
        nlp, gazetteer, "Gunmen attacked Qqqkwal village (Bassa LGA, Plateau) on Sunday.")
    assert location is not None and location.admin1 == "Plateau"
    assert haversine_km(location.lat, location.lon, 9.94, 8.74) < 25
    mentions, _location = _locate(nlp, gazetteer, "Hikers crossed the Plateau on Sunday.")
    assert not any(m.lat is not None for m in mentions)
