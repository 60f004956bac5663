"""GeoWebNews: toponym resolution, scored by the geo stage's own evaluator.

The geoparser's owner writes ``eventwire.geo.evaluate.score_gwn(path, *, limit=None) -> dict``
(accuracy@161km, accuracy@25km, median km over gold toponyms with coordinates, of what
``eventwire places`` prints for each article's text as given). This module only turns its answer
into an ``EvalResult``; until that function exists, ``score_gwn`` raises
``EvaluationUnavailableError`` with a message saying so. ``half`` ("dev", "check", "all") keeps
the articles to make rules from or those to check them on (``eventwire.geo.evaluate.half_of``).
"""

from __future__ import annotations

import importlib
import inspect
import time
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import EvaluationUnavailableError
from .coding import Progress
from .result import ErrorCase, EvalResult

_KM_KEYS = ("median_km", "mean_km")
_HELP = {
    "recall": "gold toponyms with a resolved mention overlapping them",
    "accuracy_161km": "gold toponyms resolved within 161 km by `eventwire places` (the field's "
                      "accuracy@161km; not found or farther counts wrong)",
    "accuracy_25km": "gold toponyms resolved within 25 km",
    "accuracy_161km_of_found": "within 161 km, of the toponyms found",
    "median_km": "median error of the toponyms found",
    "mean_km": "mean error of the toponyms found",
}


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
    half: str = "all",
) -> EvalResult:
    """GeoWebNews scores from the geo stage's evaluator, as an ``EvalResult``."""
    scorer = _geo_scorer()
    accepted = inspect.signature(scorer).parameters
    options: dict[str, Any] = {"limit": limit}
    misses: list[dict[str, Any]] = []
    for name, value in (("config", config), ("half", half), ("model", config.model),
                        ("min_population", config.gazetteer_min_population),
                        ("misses", misses)):
        if name in accepted:
            options[name] = value
    started = time.perf_counter()
    answer: dict[str, Any] = scorer(path, **options)
    seconds = time.perf_counter() - started
    result = EvalResult("gwn", str(path), int(answer.get("articles") or 0), seconds,
                        {"model": config.model, "limit": limit, "half": half,
                         "gazetteer_min_population": config.gazetteer_min_population},
                        notes=["scored by eventwire.geo.evaluate.score_gwn over every gold "
                               "toponym with coordinates (demonyms and metonymy included), "
                               "from what `eventwire places` prints for the text as given; "
                               f"articles: {half} (--half dev|check|all)"])
    gold = int(answer.get("gold_toponyms") or 0)
    found = int(answer.get("found") or 0)
    for key, value in answer.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if key.startswith(("accuracy", "recall")) or key in _KM_KEYS:
            n = found if key in _KM_KEYS or key.endswith("_of_found") else gold
            result.add(key, float(value), n, _HELP.get(key, ""),
                       unit="km" if key in _KM_KEYS else "share")
    for kind, row in (answer.get("by_type") or {}).items():
        if isinstance(row, dict):
            result.notes.append(f"type {kind}: {row.get('ok_161km')}/{row.get('gold')} within "
                                f"161 km ({row.get('accuracy')})")
    for miss in misses:
        km = miss.get("km")
        got = miss.get("got")
        result.errors.append(ErrorCase(
            "toponym", str(miss.get("article", "")), str(miss.get("context", "")),
            f"{miss.get('gold')} ({miss.get('type')})",
            f"{got} [{miss.get('country')}] {km} km" if got else "(not found)",
            0.5 if not isinstance(km, int | float) else min(1.0, 0.3 + km / 5000)))
    if progress is not None:
        progress(result.rows)
    return result
