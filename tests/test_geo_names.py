"""How names are read in conflict reports: lower-case articles ("al Bab"), a settlement noun
after the name ("Jericho city"), article-aware spelling variants ("Ar-Raqqa"), and where an
event placed only in a unit lands (the unit's people's centre). Real spaCy model, real
gazetteer; invented village names ("Qqq...") are certainly missing from the gazetteer.
"""

from __future__ import annotations

import pytest

from eventwire.geo import find_places, get_gazetteer, haversine_km, locate_events
from eventwire.model import Document, Event, Evidence
from eventwire.nlp import load, parse_segments


@pytest.fixture(scope="module")
def nlp():
    return load()


@pytest.fixture(scope="module")
def gazetteer():
    return get_gazetteer(1000)


def _locate(nlp, gazetteer, text: str):
    document = Document(doc_id="t", text=text, paragraphs=[(0, len(text))])
    segments = parse_segments(nlp, [(0, text)])
    mentions = find_places(document, segments, gazetteer=gazetteer)
    event = Event(
        id=Event.make_id("t", 0, len(text), "ASSAULT"), doc_id="t", type="ASSAULT",
        trigger=None, evidence=Evidence(text=text, start=0, end=len(text)),
    )  # fmt: skip
    return mentions, locate_events([event], mentions, document, gazetteer=gazetteer)[0].location


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        # a lower-case article starts the name
        ("Unidentified gunmen shot and killed two civilians in al Bab on Friday.", 36.37, 37.52),
        ("Rebels looted crops in a village in al-Hasakeh on Saturday.", 36.50, 40.75),
        # a settlement noun after the name is not part of it
        ("On Saturday, rioters set a bank on fire, in Jericho city, after learning of it.", 31.86,
         35.46),
        ("On Sunday, medical interns protested in Bat Galim Square of Haifa city.", 32.79, 34.99),
    ],
)
def test_conflict_report_names_are_placed(nlp, gazetteer, text, lat, lon):
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


@pytest.mark.parametrize("feature", ["admin1", "admin2"])
def test_every_unit_has_a_peoples_centre_inside_its_country(gazetteer, feature):
    rows = gazetteer._con.execute(
        "SELECT geonameid, lat, lon FROM places WHERE feature = ? AND geonameid IS NOT NULL "
        "AND country = 'UKR'", (feature,)).fetchall()
    assert rows
    for geonameid, lat, lon in rows:
        point = gazetteer.unit_point(geonameid)
        assert point is not None
        assert haversine_km(point[0], point[1], lat, lon) < 400  # same unit, not elsewhere
