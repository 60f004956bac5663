"""A place inside the name of an institution or facility is found and resolved to the place
(GeoWebNews counts them), and a people's adjective is never a town: texts written for these
tests, through the real spaCy model and the real gazetteer."""

from __future__ import annotations

import pytest

from eventwire.geo import find_places, get_gazetteer, haversine_km
from eventwire.model import Document
from eventwire.nlp import parse_segments


@pytest.fixture(scope="module")
def gazetteer():
    return get_gazetteer(1000)


def _places(nlp, gazetteer, text: str):
    document = Document(doc_id="t", text=text, paragraphs=[(0, len(text))])
    segments = parse_segments(nlp, [(0, text)])
    return find_places(document, segments, gazetteer=gazetteer)


@pytest.mark.parametrize(
    ("text", "surface", "lat", "lon"),
    [
        ("Economists at the Kyiv School of Economics put the damage to Ukraine's housing at "
         "$60bn.", "Kyiv", 50.45, 30.52),
        ("Students of Sumy State University sheltered in the basement during the air raid "
         "alert, Ukrainian media reported.", "Sumy", 50.92, 34.80),
        ("Grain ships left Odesa port on Monday under the new Ukrainian corridor.", "Odesa",
         46.48, 30.73),
        ("Doctors at the Kharkiv Regional Hospital treated twelve people after the Russian "
         "strike.", "Kharkiv", 49.99, 36.23),
    ],
)
def test_a_place_inside_an_institution_name_is_found(nlp, gazetteer, text, surface, lat, lon):
    mentions = _places(nlp, gazetteer, text)
    hits = [m for m in mentions if m.text.startswith(surface) and m.lat is not None]
    assert hits, [(m.text, m.name) for m in mentions]
    assert haversine_km(hits[0].lat, hits[0].lon, lat, lon) < 161


@pytest.mark.parametrize(
    ("text", "adjective"),
    [
        ("The poisoning happened in the English city of Salisbury, British police said.",
         "English"),
        ("The company will transfer $500m in Canadian pension obligations to an insurer.",
         "Canadian"),
    ],
)
def test_a_people_s_adjective_is_not_a_town(nlp, gazetteer, text, adjective):
    mentions = _places(nlp, gazetteer, text)
    assert not [m for m in mentions if m.text == adjective and m.feature != "demonym"], (
        [(m.text, m.name, m.country) for m in mentions])
