"""GeoWebNews: toponym resolution, scored by the geo stage's own evaluator.

The geoparser's owner writes ``eventwire.geo.evaluate.score_gwn(path, *, limit=None) -> dict``
(accuracy@161km, accuracy@25km, median km over gold toponyms with coordinates). This module
only turns its answer into an ``EvalResult``; until that function exists, ``score_gwn`` raises
``EvaluationUnavailableError`` with a message saying so.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import EvaluationUnavailableError
from .coding import Progress
from .result import ErrorCase, EvalResult

_KM_KEYS = ("median_km", "mean_km")


def _geo_scorer() -> Any:
    try:
        module = importlib.import_module("eventwire.geo.evaluate")
        return module.score_gwn
    except (ImportError, AttributeError):
        raise EvaluationUnavailableError(
            "GeoWebNews scoring needs eventwire.geo.evaluate.score_gwn, which the geo stage "
            "does not provide yet; the dataset is wired and will run once it does") from None


def score_gwn(
    path: Path,
    *,
    limit: int | None = None,
    config: Config,
    progress: Progress | None = None,
) -> EvalResult:
    """GeoWebNews scores from the geo stage's evaluator, as an ``EvalResult``."""
    scorer = _geo_scorer()
    started = time.perf_counter()
    answer: dict[str, Any] = scorer(path, limit=limit)
    seconds = time.perf_counter() - started
    result = EvalResult("gwn", str(path), int(answer.get("articles", answer.get("n", 0)) or 0),
                        seconds, {"model": config.model, "limit": limit},
                        notes=["scored by eventwire.geo.evaluate.score_gwn"])
    n = int(answer.get("toponyms", answer.get("gold", answer.get("n", 0))) or 0)
    for key, value in answer.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if key.startswith(("accuracy", "acc", "share", "recall", "precision", "f1")) \
                or key in _KM_KEYS:
            result.add(key, float(value), n, unit="km" if key in _KM_KEYS else "share")
    for error in answer.get("errors", []) or []:
        if isinstance(error, dict):
            km = error.get("km")
            severity = 0.5 if not isinstance(km, int | float) else min(1.0, 0.3 + km / 1000)
            result.errors.append(ErrorCase(
                str(error.get("kind", "toponym")), str(error.get("doc_id", error.get("id", ""))),
                str(error.get("text", error.get("context", ""))), str(error.get("gold", "")),
                str(error.get("predicted", "")), float(severity)))
    return result
