"""The measures of `eventwire eval`, checked by hand on tiny inputs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventwire
from eventwire.evaluate.scoring import (
    UNCODED,
    accuracy,
    confusion_matrix,
    distance_km,
    macro_f1,
    median,
    per_class,
    share,
    share_within,
)
from eventwire.evaluate.ucdp import tells_something, violent

GOLD = ["Battles", "Battles", "Protests", "Riots"]
PRED = ["Battles", "Protests", "Protests", UNCODED]


def test_accuracy_counts_uncoded_as_wrong() -> None:
    assert accuracy(GOLD, PRED) == pytest.approx(0.5)
    assert accuracy([], []) is None


def test_accuracy_refuses_unequal_lengths() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        accuracy(["a"], ["a", "b"])


def test_per_class_precision_recall_f1_by_hand() -> None:
    scores = {s.label: s for s in per_class(GOLD, PRED)}
    assert set(scores) == {"Battles", "Protests", "Riots"}  # never a row for UNCODED
    battles, protests, riots = scores["Battles"], scores["Protests"], scores["Riots"]
    assert (battles.precision, battles.recall, battles.support) == (1.0, 0.5, 2)
    assert battles.f1 == pytest.approx(2 / 3)
    assert (protests.precision, protests.recall) == (0.5, 1.0)
    assert protests.f1 == pytest.approx(2 / 3)
    assert (riots.precision, riots.recall, riots.f1, riots.predicted) == (0.0, 0.0, 0.0, 0)


def test_macro_f1_is_the_unweighted_mean_over_gold_classes() -> None:
    assert macro_f1(GOLD, PRED) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert macro_f1([], []) is None


def test_confusion_matrix_rows_gold_columns_predicted() -> None:
    labels, matrix = confusion_matrix(GOLD, PRED)
    assert labels == ["Battles", "Protests", "Riots", UNCODED]
    assert matrix == [[1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]]
    assert sum(map(sum, matrix)) == len(GOLD)


def test_confusion_matrix_keeps_predicted_labels_that_no_row_has() -> None:
    labels, matrix = confusion_matrix(["A"], ["B"])
    assert labels == ["A", "B"]
    assert matrix == [[0, 1], [0, 0]]


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((48.8566, 2.3522), (51.5074, -0.1278), 343.6),  # Paris - London
        ((50.4501, 30.5234), (50.4501, 30.5234), 0.0),
        ((0.0, 0.0), (0.0, 180.0), 20015.1),  # half the equator
    ],
)
def test_distance_km_haversine(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert distance_km(*a, *b) == pytest.approx(km, abs=1.0)


def test_share_within_counts_missing_as_miss_and_median_skips_it() -> None:
    distances = [0.0, 10.0, 30.0, None]
    assert share_within(distances, 25) == pytest.approx(0.5)
    assert median(distances) == pytest.approx(10.0)
    assert share_within([], 25) is None
    assert median([None]) is None
    assert share([True, False, False, False]) == pytest.approx(0.25)


@given(st.lists(st.tuples(st.sampled_from("ABCD"), st.sampled_from("ABCD")), min_size=1))
def test_measures_stay_in_bounds(pairs: list[tuple[str, str]]) -> None:
    gold, pred = [g for g, _ in pairs], [p for _, p in pairs]
    acc, f1 = accuracy(gold, pred), macro_f1(gold, pred)
    assert acc is not None and 0.0 <= acc <= 1.0
    assert f1 is not None and 0.0 <= f1 <= 1.0
    assert accuracy(gold, gold) == 1.0
    assert macro_f1(gold, gold) == 1.0
    _, matrix = confusion_matrix(gold, pred)
    assert sum(map(sum, matrix)) == len(gold)


def test_ucdp_violent_event_counts_only_headlines_that_tell_something() -> None:
    assert not tells_something("Shyrokyne.\nShyrokyne.")
    assert tells_something("Shyrokyne.\nTwo soldiers killed in shelling near Mariupol.")
    (strike,) = eventwire.extract("Two soldiers killed in shelling near Mariupol.")
    assert violent(strike)
