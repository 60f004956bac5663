"""The quality gate: accuracy floors pinned per dataset and measure, checked in ``make test``.

Floors live in ``tests/quality_floors.toml``::

    [acled]
    event_type_accuracy = 0.62   # a share: the measure must not fall below it
    location_median_km = 40.0    # a distance (unit km): the measure must not rise above it
    violent_events_per_article = 5.3   # a mean per article (unit per_article): a ceiling too

Raise a floor whenever the extractor improves; lowering one takes an explicit change to the
file, reviewed like code (the model: trafilatura's tests/eval_gate.py).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..errors import ConfigError
from .result import EvalResult

TOLERANCE = 1e-9
# units of measures where less is better: their pinned value is a ceiling, not a floor
CEILING_UNITS = frozenset({"km", "per_article"})


def load_floors(path: Path) -> dict[str, dict[str, float]]:
    """``{dataset: {measure: floor}}`` from a TOML file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"cannot read quality floors: {err}", where=str(path)) from None
    floors: dict[str, dict[str, float]] = {}
    for dataset, table in data.items():
        if not isinstance(table, dict):
            continue
        floors[dataset] = {k: float(v) for k, v in table.items()
                           if isinstance(v, int | float) and not isinstance(v, bool)}
    return floors


def below_floors(result: EvalResult, floors: dict[str, float]) -> list[str]:
    """One line per measure of ``result`` that is worse than its floor (empty: all hold).

    A share must be at least its floor; a distance (unit ``km``) or a mean per article (unit
    ``per_article``) at most it. A floored measure the result lacks, or could not compute,
    fails unless its floor is 0.
    """
    failures = []
    for name, floor in sorted(floors.items()):
        measure = result.measures.get(name)
        if measure is None or measure.value is None:
            if floor > 0:
                failures.append(f"{result.dataset}.{name}: not measured (floor {floor})")
            continue
        if measure.unit in CEILING_UNITS:
            if floor > 0 and measure.value > floor + TOLERANCE:
                unit = " km" if measure.unit == "km" else " per article"
                failures.append(f"{result.dataset}.{name}: {measure.value:.2f}{unit}, "
                                f"above the ceiling {floor:.2f}{unit}")
        elif measure.value < floor - TOLERANCE:
            failures.append(f"{result.dataset}.{name}: {measure.value:.4f} below the floor "
                            f"{floor:.4f}")
    return failures
