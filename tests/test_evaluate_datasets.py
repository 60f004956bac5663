"""Loaders of the evaluation sets and their traps, on small files written here."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.evaluate.datasets import (
    acled_actor_country,
    fatalities_split,
    load_acled,
    load_plover,
    load_ucdp,
    parse_acled_date,
    plover_type,
    sample,
    strip_coder_remarks,
)
from eventwire.evaluate.ucdp import side_matches
from eventwire.model import Actor


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9-May-20", date(2020, 5, 9)),
        ("27-Apr-20", date(2020, 4, 27)),
        ("01-Jan-99", date(1999, 1, 1)),
        ("2020-05-09", date(2020, 5, 9)),
    ],
)
def test_parse_acled_date(value: str, expected: date) -> None:
    assert parse_acled_date(value) == expected


@pytest.mark.parametrize("value", ["", "May 9", "32-May-20", "9-Mai-20"])
def test_parse_acled_date_refuses_other_text(value: str) -> None:
    with pytest.raises(ValueError):
        parse_acled_date(value)


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2068, 12, 31)))
def test_parse_acled_date_round_trips(day: date) -> None:
    assert parse_acled_date(f"{day.day}-{day.strftime('%b')}-{day.strftime('%y')}") == day


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        ("Workers marched in the town. [size=no report]", "Workers marched in the town."),
        ("Workers marched. [size=around 50]  ", "Workers marched."),
        ("Workers marched in the town [size=no report", "Workers marched in the town."),
        ("Workers marched. [size=no report}", "Workers marched."),
        ("A soldier was killed [1 fatality split among 12 events].",
         "A soldier was killed."),
        ("Shelling hit Zibane [Ziban] (Anzourou).", "Shelling hit Zibane [Ziban] (Anzourou)."),
        ("No remark here.", "No remark here."),
    ],
)
def test_strip_coder_remarks(notes: str, expected: str) -> None:
    assert strip_coder_remarks(notes) == expected


@given(st.text(max_size=200))
def test_strip_coder_remarks_never_leaves_a_size_remark(notes: str) -> None:
    stripped = strip_coder_remarks(notes)
    assert "[size=" not in stripped
    assert len(stripped) <= len(notes) + 1


@pytest.mark.parametrize(
    ("notes", "split"),
    [
        ("20 fatalities split up between 3 events.", True),
        ("Unknown fatalities coded as 10 and split between the two events.", True),
        ("Unclear fatalities coded as 10 and spread between 3 locations.", True),
        ("[4 fatalities split across 22 events]", True),
        ("The split between fatalities and injuries was not reported.", False),
        ("Three people were killed.", False),
    ],
)
def test_fatalities_split(notes: str, split: bool) -> None:
    assert fatalities_split(notes) is split


@pytest.mark.parametrize(
    ("actor", "iso3"),
    [
        ("Military Forces of Yemen (2016-) Supreme Political Council", "YEM"),
        ("Police Forces of the Philippines (2016-)", "PHL"),
        ("Government of Turkey (2016-)", "TUR"),
        ("Protesters (Israel)", "ISR"),
        ("Unidentified Gang (Mexico)", "MEX"),
        ("Rioters (Democratic Republic of Congo)", "COD"),
        ("Islamic State (West Africa)", None),
        ("Taliban", None),
        ("NAF: United Armed Forces of Novorossiya", None),
        ("Military Forces of Artsakh (2007-)", None),
    ],
)
def test_acled_actor_country(actor: str, iso3: str | None) -> None:
    assert acled_actor_country(actor) == iso3


@pytest.mark.parametrize(
    ("name", "today"),
    [("FIGHT", "ASSAULT"), ("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"),
     ("INVESTIGATE", "ACCUSE"), ("AGREE", "AGREE"), ("assault", "ASSAULT"),
     ("DOCUMENT", None)],
)
def test_plover_type_maps_0_5_names(name: str, today: str | None) -> None:
    assert plover_type(name) == today


def test_sample_spreads_evenly_and_keeps_order() -> None:
    rows = list(range(100))
    assert sample(rows, 4) == [0, 25, 50, 75]
    assert sample(rows, None) == rows
    assert sample(rows, 500) == rows
    assert sample(rows, 0) == []


ACLED_HEADER = ["data_id", "event_id_cnty", "event_date", "event_type", "sub_event_type",
                "actor1", "inter1", "latitude", "longitude", "geo_precision", "notes",
                "fatalities", "country", "iso3"]


def test_load_acled_drops_the_cut_off_row(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ACLED_HEADER)
        writer.writerow(["1", "XYZ1", "3-May-20", "Protests", "Peaceful protest",
                         "Protesters (Kenya)", "6", "-1.29", "36.82", "1",
                         "On 3 May 2020, teachers marched in Nairobi. [size=dozens]", "0",
                         "Kenya", "KEN"])
        writer.writerow(["2", "XYZ2", "4-May-20", "Battles", "Armed clash",
                         "Military Forces of Kenya (2013-)", "1", "", "", "", "", "", "", ""])
    rows = load_acled(path)
    assert len(rows) == 1
    row = rows[0]
    assert row.text == "On 3 May 2020, teachers marched in Nairobi."
    assert row.event_date == date(2020, 5, 3)
    assert (row.actor1_country, row.inter1, row.geo_precision) == ("KEN", 6, 1)


def test_load_ucdp_splits_headlines_into_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "ucdp.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["id", "source_headline", "best", "low", "high",
                                         "latitude", "longitude", "where_prec",
                                         "where_description", "side_a", "side_b"])
        writer.writeheader()
        writer.writerow({"id": "7", "source_headline": "Two soldiers killed;Shelling goes on",
                         "best": "2", "low": "2", "high": "3", "latitude": "48.0",
                         "longitude": "37.8", "where_prec": "1", "where_description": "x",
                         "side_a": "Government of Ukraine", "side_b": "DPR"})
        writer.writerow({"id": "8", "source_headline": ""})
    rows = load_ucdp(path)
    assert len(rows) == 1
    assert rows[0].text == "Two soldiers killed.\n\nShelling goes on."
    assert (rows[0].best, rows[0].low, rows[0].high, rows[0].where_prec) == (2, 2, 3, 1)


def test_load_plover_skips_the_document_header(tmp_path: Path) -> None:
    path = tmp_path / "gsr.txt"
    path.write_text(json.dumps([
        {"id": "D-1", "event": "DOCUMENT", "eventText": "about this file"},
        {"id": "R-1", "event": "FIGHT", "text": "Troops shelled the town.",
         "source": [{"actorText": "Troops", "code": "SYR"}], "mode": "artillery"},
        {"id": "R-2", "event": "DEMAND", "text": "The union asked for higher pay."},
    ]), encoding="utf-8")
    records = load_plover(path)
    assert [(r.id, r.type, r.type_0_5) for r in records] == [
        ("R-1", "ASSAULT", "FIGHT"), ("R-2", "REQUEST", "DEMAND")]
    assert records[0].source_countries == ("SYR",)


@pytest.mark.parametrize(
    ("side", "actor", "matches"),
    [
        ("Government of Ukraine", Actor(text="Ukrainian troops", country="UKR", sector="MIL"),
         True),
        ("Government of Ukraine", Actor(text="Ukrainian protesters", country="UKR",
                                        sector="CVL"), False),
        ("Government of Ukraine", Actor(text="Russian troops", country="RUS", sector="MIL"),
         False),
        ("DPR", Actor(text="rebels"), True),
        ("DPR", Actor(text="pro-Russian separatists"), True),
        ("United Armed Forces of Novorossiya", Actor(text="insurgents"), True),
        ("Maidan", Actor(text="police"), False),
        ("DPR", None, False),
        # other wars' sides, as UCDP names them and as news (and our dictionary) does
        ("IS", Actor(text="Islamic State group", name="Islamic State", sector="REB"), True),
        ("IS", Actor(text="ISWAP fighters", name="Islamic State West Africa Province"), True),
        ("Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", Actor(text="Boko Haram",
                                                             name="Boko Haram"), True),
        ("RSF", Actor(text="paramilitaries", name="Rapid Support Forces"), True),
        ("Ansarallah", Actor(text="Houthi rebels", name="Houthi Movement"), True),
        ("Al-Shabaab", Actor(text="Shebab militants", name="Al Shabaab"), True),
        ("Government of DR Congo (Zaire)", Actor(text="Congolese army", country="COD",
                                                 sector="MIL"), True),
        ("IS", Actor(text="Boko Haram", name="Boko Haram"), False),
    ],
)
def test_ucdp_side_matches(side: str, actor: Actor | None, matches: bool) -> None:
    assert side_matches(side, actor) is matches
