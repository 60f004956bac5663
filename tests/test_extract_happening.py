"""The rule that decides whether two event mentions can tell one happening (happening.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from eventwire.extract.happening import family, is_same_happening, rules, same_happening
from eventwire.model import Event

KYIV = {"name": "Kyiv", "country": "UKR", "lat": 50.45, "lon": 30.52, "feature": "city"}
VASYLKIV = {"name": "Vasylkiv", "country": "UKR", "lat": 50.18, "lon": 30.32, "feature": "city"}
BROVARY = {"name": "Brovary", "country": "UKR", "lat": 50.51, "lon": 30.79, "feature": "city"}
KHARKIV = {"name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23, "feature": "city"}
KYIV_OBLAST = {"name": "Kyiv Oblast", "country": "UKR", "lat": 50.3, "lon": 30.4,
               "feature": "admin1", "precision": 3}  # fmt: skip
UKRAINE = {"name": "Ukraine", "country": "UKR", "lat": 49.0, "lon": 32.0, "feature": "country",
           "precision": 3}  # fmt: skip
DAKAR = {"name": "Dakar", "country": "SEN", "lat": 14.69, "lon": -17.44, "feature": "city"}
RUSSIA_MIL = {"text": "Russian forces", "name": "Military Forces of Russia", "country": "RUS",
              "sector": "MIL"}  # fmt: skip
RUSSIA_GOV = {"text": "Moscow", "name": "Government of Russia", "country": "RUS",
              "sector": "GOV"}  # fmt: skip
UKRAINE_MIL = {"text": "Ukrainian troops", "name": "Military Forces of Ukraine", "country": "UKR",
               "sector": "MIL"}  # fmt: skip
CIVILIANS = {"text": "residents", "name": "Civilians (Ukraine)", "country": "UKR", "sector": "CVL"}


def event(**fields: Any) -> Event:
    record: dict[str, Any] = {
        "id": "x", "doc_id": "d", "type": "ASSAULT", "mode": "missile",
        "evidence": {"text": "A missile hit Kyiv.", "start": 0, "end": 19},
    }  # fmt: skip
    record.update(fields)
    return Event.model_validate(record)


def day(value: str, basis: str = "explicit", precision: str = "day") -> dict[str, str]:
    return {"value": value, "basis": basis, "precision": precision}


def test_happening_family_groups_riots_whatever_the_plover_type() -> None:
    riot = {"event_type": "Riots", "sub_event_type": "Mob violence"}
    assert family(event(type="ASSAULT", acled=riot)) == family(event(type="PROTEST", acled=riot))
    assert family(event(type="ASSAULT")) != family(event(type="PROTEST", mode="demonstrate"))
    assert family(event(type="ACCUSE", mode=None)) != family(event(type="ASSAULT"))


def test_happening_same_strike_told_twice_scores_high() -> None:
    a = event(location=KYIV, date=day("2024-03-02"), actor=RUSSIA_MIL, recipient=CIVILIANS,
              killed={"value": 4, "text": "killed four"})  # fmt: skip
    b = event(location=KYIV, date=day("2024-03-02"), actor=RUSSIA_GOV, recipient=CIVILIANS,
              killed={"value": 4, "text": "four dead"})  # fmt: skip
    assert same_happening(a, b) == pytest.approx(1.0)
    assert is_same_happening(a, b)


def test_happening_is_symmetric() -> None:
    a = event(location=KYIV, date=day("2024-03-02"), actor=RUSSIA_MIL)
    b = event(location=BROVARY, date=day("2024-03-03"), mode="drone")
    assert same_happening(a, b) == same_happening(b, a) > 0


@pytest.mark.parametrize(
    ("changes_a", "changes_b", "why"),
    [
        ({"type": "ASSAULT"}, {"type": "PROTEST", "mode": "demonstrate"}, "family"),
        ({"status": "occurred"}, {"status": "threatened"}, "status"),
        ({"status": "ongoing"}, {"status": "negated"}, "status"),
        ({"status": "planned"}, {"status": "hypothetical"}, "status"),
        ({"location": KYIV}, {"location": KHARKIV}, "place"),
        ({"location": KYIV}, {"location": DAKAR}, "country"),
        ({"date": day("2024-03-02")}, {"date": day("2024-03-09")}, "date"),
        ({"actor": RUSSIA_MIL}, {"actor": UKRAINE_MIL}, "actor"),
        ({"actor": RUSSIA_MIL, "mode": "shelling"}, {"actor": CIVILIANS}, "side"),
    ],
)
def test_happening_conflicting_fields_are_two_happenings(
    changes_a: dict, changes_b: dict, why: str
) -> None:
    assert same_happening(event(**changes_a), event(**changes_b)) == 0.0, why


def test_happening_counted_statuses_go_together() -> None:
    assert same_happening(event(status="occurred"), event(status="ongoing")) > 0
    assert same_happening(event(status="threatened"), event(status="threatened")) > 0


def test_happening_place_tolerance_follows_precision() -> None:
    # a suburb 20 km away can be the city; a town 33 km away only when one is named loosely
    assert same_happening(event(location=KYIV), event(location=BROVARY)) > 0
    assert same_happening(event(location=KYIV), event(location=VASYLKIV)) == 0.0
    assert same_happening(event(location=KYIV_OBLAST), event(location=VASYLKIV)) > 0
    near = {**KYIV, "precision": 2}
    assert same_happening(event(location=near), event(location=VASYLKIV)) > 0
    # a whole country contains its towns but not another country's
    assert same_happening(event(location=UKRAINE), event(location=KHARKIV)) > 0
    assert same_happening(event(location=UKRAINE), event(location=DAKAR)) == 0.0


def test_happening_unplaced_or_undated_mentions_are_not_conflicts() -> None:
    placed = event(location=KYIV, date=day("2024-03-02"))
    assert same_happening(placed, event()) > 0
    # but agreeing on place and date says more than saying nothing
    assert same_happening(placed, event(location=KYIV, date=day("2024-03-02"))) > same_happening(
        placed, event()
    )


def test_happening_date_window_widens_with_precision() -> None:
    a = event(date=day("2024-03-02"))
    assert same_happening(a, event(date=day("2024-03-03"))) > 0
    assert same_happening(a, event(date=day("2024-03-06"))) == 0.0
    assert same_happening(a, event(date=day("2024-02-27", precision="week"))) > 0
    assert same_happening(a, event(date=day("2024-03-06", precision="week"))) == 0.0
    assert same_happening(a, event(date=day("2024-03-01", precision="month"))) > 0
    assert same_happening(a, event(date=day("2024-04-01", precision="month"))) == 0.0
    assert same_happening(a, event(date=day("2024-01-01", precision="year"))) > 0
    assert same_happening(a, event(date=day("2023-01-01", precision="year"))) == 0.0


def test_happening_publication_dates_bound_undated_reports() -> None:
    dated = event(date=day("2024-03-02"))
    undated = event(date=day("2024-03-04", basis="published"))
    # told two days later with no date of its own: within the look-back
    assert same_happening(dated, undated, published_b=date(2024, 3, 4)) > 0
    # told a month later with no date: not the same shooting
    late = event(date=day("2024-04-04", basis="published"))
    assert same_happening(dated, late, published_b=date(2024, 4, 4)) == 0.0
    # a report cannot tell a happening dated after it was published
    assert same_happening(event(date=day("2024-03-10")), undated, published_a=date(2024, 3, 4),
                          published_b=date(2024, 3, 4)) == 0.0  # fmt: skip
    no_date = event()
    assert same_happening(dated, no_date, published_b=date(2024, 3, 3)) > 0
    assert same_happening(dated, no_date, published_b=date(2024, 5, 3)) == 0.0


def test_happening_clash_sides_may_be_told_in_either_order() -> None:
    a = event(mode="clash", actor=RUSSIA_MIL, recipient=UKRAINE_MIL)
    b = event(mode="clash", actor=UKRAINE_MIL, recipient=RUSSIA_MIL)
    assert same_happening(a, b) > 0
    # a one-sided strike told with its sides swapped is another strike
    assert same_happening(event(actor=RUSSIA_MIL, recipient=UKRAINE_MIL),
                          event(actor=UKRAINE_MIL, recipient=RUSSIA_MIL)) == 0.0  # fmt: skip


def test_happening_two_named_bodies_of_no_country_are_two_doers() -> None:
    assembly = {"text": "the General Assembly", "name": "UN General Assembly", "country": "IGO",
                "sector": "IGO"}  # fmt: skip
    envoy = {"text": "the UN envoy", "name": "United Nations", "country": "IGO", "sector": "IGO"}
    call = {"type": "REQUEST", "mode": None, "date": day("2026-02-24")}
    assert same_happening(event(**call, actor=assembly), event(**call, actor=envoy)) == 0.0
    assert same_happening(event(**call, actor=assembly), event(**call, actor=assembly)) > 0
    # a state's government and its leader can be one doer
    putin = {"text": "Putin", "name": "Vladimir Putin", "country": "RUS", "sector": "GOV"}
    assert same_happening(event(**call, actor=RUSSIA_GOV), event(**call, actor=putin)) > 0


def test_happening_implied_actors_do_not_conflict_with_named_ones() -> None:
    implied = {"text": "shot", "name": "Unidentified Armed Group", "sector": "MLT",
               "basis": "event"}  # fmt: skip
    assert same_happening(event(actor=RUSSIA_MIL), event(actor=implied)) > 0


def test_happening_threshold_is_data() -> None:
    assert 0 < rules().same_threshold <= 1
    assert not is_same_happening(event(), event(type="PROTEST", mode="demonstrate"))
