"""Series and escalation flags: counts per place and period, ACLED's surge rule, surprise."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _store_fixtures import db_url, make_article, make_event, pg_url  # noqa: F401
from eventwire.analyze import (
    EscalationSettings,
    Unit,
    backtest_ucdp,
    by_place,
    escalation_flags,
    series,
    surge_flags,
    surprise_flags,
    units_from_store,
    upper_tail,
)
from eventwire.cli import app
from eventwire.config import shared_data
from eventwire.store import CodedArticle, Store, article_key, identified, open_store

MONDAY = date(2024, 1, 1)  # a Monday


def _unit(key: str, day: date, admin1: str = "Sumy", type_: str = "ASSAULT",
          killed: int = 0, country: str = "UKR") -> Unit:
    return Unit(key, day, country, admin1, type_, killed=killed, intensity=-10.0)


def _weeks(counts: list[int], admin1: str = "Sumy") -> list[Unit]:
    """``counts[i]`` incidents in week i after MONDAY, each on that week's Wednesday."""
    return [_unit(f"{admin1}-{w}-{n}", MONDAY + timedelta(weeks=w, days=2), admin1)
            for w, count in enumerate(counts) for n in range(count)]


def test_weekly_series_fills_empty_weeks_with_zeros_for_every_place() -> None:
    units = [_unit("a", MONDAY + timedelta(days=2), killed=3),
             _unit("b", MONDAY + timedelta(days=6), killed=1),
             _unit("c", MONDAY + timedelta(weeks=3), admin1="Odesa", killed=8)]
    points = series(units, interval="week", level="admin1")
    sumy = [(p.period, p.incidents, p.killed) for p in points if p.place == "UKR/Sumy"]
    assert sumy == [(MONDAY, 2, 4), (MONDAY + timedelta(weeks=1), 0, 0),
                    (MONDAY + timedelta(weeks=2), 0, 0), (MONDAY + timedelta(weeks=3), 0, 0)]
    odesa = [p.incidents for p in points if p.place == "UKR/Odesa"]
    assert odesa == [0, 0, 0, 1]  # a quiet week is a zero of the place's series
    assert next(p for p in points if p.place == "UKR/Sumy").intensity == -20.0


def test_daily_series_by_type_and_country() -> None:
    units = [_unit("a", MONDAY, type_="ASSAULT"), _unit("b", MONDAY, type_="PROTEST"),
             _unit("c", MONDAY + timedelta(days=2), type_="PROTEST")]
    points = series(units, interval="day", level="country", by_type=True)
    protests = [(p.period.day, p.incidents) for p in points if p.type == "PROTEST"]
    assert protests == [(1, 1), (2, 0), (3, 1)]
    assert {p.place for p in points} == {"UKR"}


def test_series_respects_since_and_until() -> None:
    units = _weeks([1, 1, 1, 1, 1])
    points = series(units, since=MONDAY + timedelta(weeks=1), until=MONDAY + timedelta(weeks=2),
                    level="admin1")
    assert [p.period for p in points] == [MONDAY + timedelta(weeks=1), MONDAY + timedelta(weeks=2)]


@pytest.mark.parametrize(
    ("counts", "flagged"),
    [
        ([2, 2, 2, 2, 4], True),  # double the mean of the four weeks before
        ([2, 2, 2, 2, 3], False),  # +50% only
        ([0, 0, 0, 0, 2], False),  # below the minimum count
        ([1, 0, 0, 0, 3], True),  # from almost nothing to the minimum
        ([1, 1, 1], False),  # no four weeks before it yet
    ],
)
def test_surge_rule_is_acleds(counts: list[int], flagged: bool) -> None:
    settings = EscalationSettings()
    weekly = by_place(series(_weeks(counts), level="admin1"))
    flags = surge_flags(weekly, settings)
    assert bool(flags) is flagged
    if flagged:
        assert flags[-1].period == MONDAY + timedelta(weeks=len(counts) - 1)


def test_upper_tail_poisson_and_negative_binomial() -> None:
    # Poisson(1): P(X >= 3) = 1 - e^-1 (1 + 1 + 1/2)
    assert upper_tail(3, [1, 1, 1, 1]) == pytest.approx(1 - math.exp(-1) * 2.5)
    # the same mean, overdispersed: a fat tail makes the same count less surprising
    assert upper_tail(6, [0, 0, 3, 0, 0, 3]) > upper_tail(6, [1, 1, 1, 1, 1, 1])
    # a place with nothing in its baseline still has a floor rate
    assert 0 < upper_tail(3, [0] * 12) < 0.001


def test_surprise_fires_on_a_jump_not_on_steady_noise() -> None:
    settings = EscalationSettings()
    noisy = [3, 5, 2, 6, 4, 3, 5, 2, 6, 4, 3, 5, 6, 2, 5]
    assert surprise_flags(by_place(series(_weeks(noisy), level="admin1")), settings) == []
    jump = [*noisy, 25]
    flags = surprise_flags(by_place(series(_weeks(jump), level="admin1")), settings)
    assert [(f.period, f.count) for f in flags] == [(MONDAY + timedelta(weeks=15), 25)]
    assert flags[0].p_value is not None and flags[0].p_value < settings.surprise_alpha


def test_escalation_flags_runs_both_methods_side_by_side() -> None:
    units = _weeks([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 12])
    flags = escalation_flags(units, level="admin1")
    assert {f.method for f in flags} == {"surge", "surprise"}
    assert all(f.period == MONDAY + timedelta(weeks=12) for f in flags)
    only = escalation_flags(units, level="admin1", method="surge",
                            settings=replace(EscalationSettings(), surge_min_count=20))
    assert only == []


def _ucdp() -> Path:
    path = shared_data() / "eval/ucdp-ukraine-2014-2022/ucdp-ged-ukraine-2014-2022.csv"
    if not path.exists():
        pytest.skip(f"UCDP dev rows not found at {path}")
    return path


def test_backtest_on_ucdp_flags_2014_and_the_eve_of_the_invasion() -> None:
    result = backtest_ucdp(_ucdp())
    for method in ("surge", "surprise"):
        summer = result.in_period(method, "war-begins-2014")
        assert {f.place for f in summer} == {"UKR/Donetsk", "UKR/Luhansk"}
    eve = result.in_period("surprise", "before-invasion-2022")
    assert [(f.place, f.period) for f in eve] == [("UKR/Donetsk", date(2022, 2, 21))]
    surge_quiet, _ = result.quiet_rate("surge")
    surprise_quiet, _ = result.quiet_rate("surprise")
    assert surprise_quiet < surge_quiet  # the baseline model is what keeps quiet weeks quiet


def test_backtest_command_prints_both_methods(tmp_path: Path) -> None:
    out = tmp_path / "backtest.json"
    result = CliRunner().invoke(app, ["escalation", "backtest", str(_ucdp()), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "surge" in result.output and "surprise" in result.output
    assert out.read_text().startswith("{")


def test_units_from_store_count_incidents_once_and_skip_rejected(db_url: str) -> None:  # noqa: F811
    from sqlalchemy import insert, update

    from eventwire.store import schema

    store = Store(db_url)
    sunday = date(2024, 11, 17)
    # articles under the ids the store knows them by, events under those articles
    (first, first_key), (second, second_key) = identified(make_article(1)), identified(
        make_article(2))
    one, two = make_event(first.id, 0), make_event(first.id, 1)
    three, planned = make_event(second.id, 2), make_event(second.id, 3, status="planned")
    store.write_batch([CodedArticle(first, first_key, events=[one, two]),
                       CodedArticle(second, second_key, events=[three, planned])])
    engine = open_store(db_url)
    with engine.begin() as conn:
        conn.execute(insert(schema.incidents).values(
            id="inc1", type="ASSAULT", date=sunday, country="UKR", admin1="Sumy", killed=11,
            injured=80, n_events=2, n_sources=2, updated_at=datetime.now()))
        conn.execute(update(schema.events).where(schema.events.c.id.in_([one.id, three.id]))
                     .values(incident_id="inc1"))
    units = units_from_store(engine)
    assert sorted((u.key, u.killed) for u in units) == sorted(
        [("inc1", 11), (two.id, 11)])  # the planned one does not count
    with engine.begin() as conn:
        conn.execute(insert(schema.reviews).values(
            event_id=two.id, verdict="reject", reviewer="analyst",
            created_at=datetime.now()))
    assert [u.key for u in units_from_store(engine)] == ["inc1"]
    assert units_from_store(engine, country="RUS") == []


def test_series_command_reads_the_store(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    article = make_article(1)
    coded = CodedArticle(article, article_key(article), events=[make_event("doc1", 0)])
    Store(db).write_batch([coded])
    result = CliRunner().invoke(app, ["series", "--db", db, "--format", "jsonl",
                                      "--level", "admin1"])
    assert result.exit_code == 0, result.output
    assert '"place": "UKR/Sumy"' in result.output and '"killed": 11' in result.output
    bad = CliRunner().invoke(app, ["series", "--db", db, "--since", "yesterday"])
    assert bad.exit_code != 0 and "--since" in bad.output
    typo = CliRunner().invoke(app, ["series", "--db", db, "--interval", "weak"])
    assert typo.exit_code == 2 and "did you mean week" in typo.output
