"""Measures: accuracy, per-class precision/recall/F1, macro-F1, confusion matrix, distances.

Plain functions over plain lists, so each can be checked by hand on a tiny example. Labels are
strings; a prediction the system could not make at all is the label ``UNCODED`` (it counts as
wrong, and as a class of its own in the confusion matrix, but never as a class in macro-F1).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from haversine import Unit, haversine

UNCODED = "(uncoded)"


@dataclass(frozen=True)
class ClassScore:
    """Precision, recall and F1 of one gold class, with its support (gold rows of that class)."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


def accuracy(gold: Sequence[object], predicted: Sequence[object]) -> float | None:
    """Share of positions where ``predicted`` equals ``gold``; ``None`` for no rows."""
    _same_length(gold, predicted)
    if not gold:
        return None
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)


def per_class(gold: Sequence[str], predicted: Sequence[str]) -> list[ClassScore]:
    """Precision, recall and F1 for every gold class, largest class first.

    A class with no predictions has precision 0 (and F1 0), the convention of scikit-learn's
    ``zero_division=0``. ``UNCODED`` is never a gold class, so it never gets a row.
    """
    _same_length(gold, predicted)
    support = Counter(gold)
    made = Counter(predicted)
    hits = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    scores = []
    for label, n in sorted(support.items(), key=lambda kv: (-kv[1], kv[0])):
        if label == UNCODED:
            continue
        precision = hits[label] / made[label] if made[label] else 0.0
        recall = hits[label] / n
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(ClassScore(label, precision, recall, f1, n, made[label]))
    return scores


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float | None:
    """Unweighted mean of the per-class F1 over the gold classes; ``None`` for no rows."""
    scores = per_class(gold, predicted)
    if not scores:
        return None
    return sum(s.f1 for s in scores) / len(scores)


def confusion_matrix(
    gold: Sequence[str], predicted: Sequence[str], *, labels: Sequence[str] | None = None
) -> tuple[list[str], list[list[int]]]:
    """Counts ``matrix[i][j]`` of rows with gold ``labels[i]`` predicted as ``labels[j]``.

    Labels default to the gold classes by size, then any other predicted label, then
    ``UNCODED`` last when it occurs.
    """
    _same_length(gold, predicted)
    if labels is None:
        by_size = [label for label, _ in Counter(gold).most_common()]
        extra = sorted(set(predicted) - set(by_size) - {UNCODED})
        labels = by_size + extra + ([UNCODED] if UNCODED in predicted else [])
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        if g in index and p in index:
            matrix[index[g]][index[p]] += 1
    return list(labels), matrix


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius)."""
    return float(haversine((lat1, lon1), (lat2, lon2), unit=Unit.KILOMETERS))


def share_within(distances: Iterable[float | None], km: float) -> float | None:
    """Share of distances at most ``km``; a ``None`` (nothing predicted) counts as a miss."""
    values = list(distances)
    if not values:
        return None
    return sum(d is not None and d <= km for d in values) / len(values)


def median(values: Iterable[float | None]) -> float | None:
    """Median of the values that are not ``None``; ``None`` if there are none."""
    present = [v for v in values if v is not None and not math.isnan(v)]
    return statistics.median(present) if present else None


def share(flags: Iterable[bool]) -> float | None:
    """Share of true flags; ``None`` for an empty input."""
    values = list(flags)
    return sum(values) / len(values) if values else None


def _same_length(a: Sequence[object], b: Sequence[object]) -> None:
    if len(a) != len(b):
        raise ValueError(f"gold and predicted differ in length: {len(a)} != {len(b)}")
