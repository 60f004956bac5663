"""The quality gate: eventwire's scores on the dev sets must not fall below the floors pinned
in ``tests/quality_floors.toml`` (the model: trafilatura's tests/eval_gate.py).

Subsets keep the gate to about a minute on two cores: an even spread of 1,000 ACLED rows, 500
UCDP rows, all 322 PLOVER records, the 104 GeoWebNews articles of the check half (``eval gwn
--half check``), an even spread of 200 GVA shooting stories of the check half (``eval
articles``), the GVA articles of 250 incidents (an
even spread of incident ids) for incidents across articles. The data is read in place from
``../shared/data`` beside the repository (or EVENTWIRE_SHARED_DATA); without it the gate is
skipped. The hand-judged conflict articles ([judged]) are checked in test_judged_articles.py.
Raise a floor whenever a change improves a measure; lowering one is an explicit, reviewed
change.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from eventwire.config import load_config, shared_data
from eventwire.errors import EvaluationUnavailableError
from eventwire.evaluate import DEFAULT_PATHS, evaluate
from eventwire.evaluate.gate import below_floors, load_floors
from eventwire.evaluate.result import EvalResult

ROOT = Path(__file__).resolve().parents[1]
DATA = shared_data()
FLOORS = Path(__file__).with_name("quality_floors.toml")
SUBSETS: dict[str, int | None] = {"acled": 1000, "ucdp": 500, "plover": None, "gwn": None,
                                  "articles": 200, "incidents": 250}
# datasets split into a half to tune on and a half to check on: the gate reads the check half
HALVES = {"articles": "check", "gwn": "check"}
# floors checked by a test of their own
ELSEWHERE = {"judged"}
# the measures that must not move when the trigger shortcut is on (DESIGN.md)
SHORTCUT_MEASURES = {
    "acled": ["event_type_accuracy", "sub_event_type_accuracy", "fatalities_exact_deaths",
              "fatalities_zero_none", "date_exact"],
    "plover": ["event_type_accuracy"],
}


def _data(dataset: str) -> Path:
    path = DATA / DEFAULT_PATHS[dataset]
    if not path.exists():
        pytest.skip(f"dev set absent: {path} (the shared data sits beside the repository)")
    return path


def _score(dataset: str, *, shortcut: bool = True) -> EvalResult:
    try:
        return evaluate(dataset, _data(dataset), limit=SUBSETS[dataset],
                        config=load_config(trigger_shortcut=shortcut),
                        half=HALVES.get(dataset, "all"))
    except EvaluationUnavailableError as err:
        pytest.skip(str(err))


@pytest.mark.slow
@pytest.mark.parametrize("dataset", list(SUBSETS))
def test_scores_hold_their_floors(dataset: str) -> None:
    floors = load_floors(FLOORS).get(dataset)
    assert floors, f"no floors pinned for {dataset} in {FLOORS.name}"
    started = time.perf_counter()
    result = _score(dataset)
    elapsed = time.perf_counter() - started
    failures = below_floors(result, floors)
    assert not failures, "quality gate:\n" + "\n".join(failures)
    assert elapsed < 300, f"{dataset} took {elapsed:.0f} s; the gate must stay quick"


@pytest.mark.slow
@pytest.mark.parametrize("dataset", list(SHORTCUT_MEASURES))
def test_trigger_shortcut_changes_no_score(dataset: str) -> None:
    with_it, without = _score(dataset, shortcut=True), _score(dataset, shortcut=False)
    for name in SHORTCUT_MEASURES[dataset]:
        assert with_it.value(name) == without.value(name), (
            f"{dataset}.{name}: {with_it.value(name)} with the shortcut, "
            f"{without.value(name)} without")


# --- the gate's own logic, on results built by hand ----------------------------------------


def _result(**values: float | None) -> EvalResult:
    result = EvalResult("acled", "x", 10, 1.0, {})
    for name, value in values.items():
        unit = "km" if name.endswith("_km") else "share"
        result.add(name, value, 10, unit="per_article" if name.endswith("_per_article") else unit)
    return result


@pytest.mark.parametrize(
    ("values", "floors", "failing"),
    [
        ({"event_type_accuracy": 0.80}, {"event_type_accuracy": 0.80}, []),
        ({"event_type_accuracy": 0.79}, {"event_type_accuracy": 0.80}, ["event_type_accuracy"]),
        ({"location_median_km": 30.0}, {"location_median_km": 40.0}, []),
        ({"location_median_km": 41.0}, {"location_median_km": 40.0}, ["location_median_km"]),
        ({"date_exact": None}, {"date_exact": 0.5}, ["date_exact"]),
        ({"date_exact": None}, {"date_exact": 0.0}, []),
        ({}, {"actor1_country": 0.2}, ["actor1_country"]),
        ({"violent_events_per_article": 5.0}, {"violent_events_per_article": 5.3}, []),
        ({"violent_events_per_article": 5.5}, {"violent_events_per_article": 5.3},
         ["violent_events_per_article"]),
    ],
)
def test_below_floors(values: dict[str, float | None], floors: dict[str, float],
                      failing: list[str]) -> None:
    failures = below_floors(_result(**values), floors)
    assert [line.split(":")[0].split(".")[1] for line in failures] == failing


def test_floors_file_pins_every_dataset_with_numbers_in_range() -> None:
    floors = load_floors(FLOORS)
    assert set(floors) == set(SUBSETS) | ELSEWHERE
    for dataset, table in floors.items():
        for name, floor in table.items():
            assert floor >= 0, f"{dataset}.{name}"
            assert name.endswith(("_km", "_per_article")) or floor <= 1, (
                f"{dataset}.{name} is a share")
