"""Scoring eventwire against human-coded data: ``eventwire eval DATASET PATH``.

Analysis-side tooling, outside the pipeline stages: it codes each dataset's texts through the
public batch API (``Pipeline(config).process``) and compares the events with what the coders
wrote. One module per dataset (``acled``, ``ucdp``, ``plover``, ``gwn``) holds the rules of its
comparison in its docstring; ``scoring`` has the measures; ``report`` writes the HTML page;
``gate`` checks results against the pinned floors of the quality gate.

>>> from eventwire.evaluate import evaluate
>>> result = evaluate("plover", Path("../shared/data/eval/plover-gsr/PLOVER_GSR_CAMEO.txt"))
>>> result.value("event_type_accuracy")
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..config import Config, load_config
from ..errors import EvaluationError
from .acled import load_acled_rows, score_acled
from .coding import Progress
from .datasets import load_plover, load_ucdp
from .gwn import score_gwn
from .plover import score_plover
from .result import ErrorCase, EvalResult, Measure
from .ucdp import score_ucdp

DATASETS: tuple[str, ...] = ("acled", "ucdp", "gwn", "plover")

# where each dataset sits under the shared data folder (``../shared/data`` from the repo root)
DEFAULT_PATHS: dict[str, str] = {
    "acled": "eval/acled-2020/acled.csv",
    "ucdp": "eval/ucdp-ukraine-2014-2022/ucdp-ged-ukraine-2014-2022.csv",
    "gwn": "eval/geowebnews/GWN.xml",
    "plover": "eval/plover-gsr/PLOVER_GSR_CAMEO.txt",
}

__all__ = [
    "DATASETS",
    "DEFAULT_PATHS",
    "ErrorCase",
    "EvalResult",
    "Measure",
    "evaluate",
]


def evaluate(
    dataset: str,
    path: Path,
    *,
    limit: int | None = None,
    config: Config | None = None,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
    acled_rows: str = "heldout",
) -> EvalResult:
    """Scores eventwire on one dataset. ``limit`` takes an even spread of that many rows.

    ``on_total`` is told the number of rows before coding starts, ``progress`` is called as
    rows finish (for a progress bar). ``acled_rows`` picks ACLED's held-apart half (default),
    its training half or all rows (see evaluate/acled.py). Raises ``EvaluationError`` for an
    unknown dataset or a missing file, ``MalformedInputError`` for an unreadable one.
    """
    config = config or load_config()
    dataset = dataset.lower()
    if dataset not in DATASETS:
        raise EvaluationError(f"unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")
    if not path.exists():
        raise EvaluationError("no such file or folder", where=str(path))
    if dataset == "gwn":
        if on_total is not None:
            on_total(0)
        return score_gwn(path, limit=limit, config=config, progress=progress)
    if dataset == "acled":
        chosen = load_acled_rows(path, limit=limit, rows=acled_rows)
        if on_total is not None:
            on_total(len(chosen))
        return score_acled(path, limit=limit, config=config, progress=progress, rows=chosen,
                           basis=acled_rows)
    if dataset == "ucdp":
        ucdp_rows = load_ucdp(path, limit=limit)
        if on_total is not None:
            on_total(len(ucdp_rows))
        return score_ucdp(path, limit=limit, config=config, progress=progress, rows=ucdp_rows)
    plover_rows = load_plover(path, limit=limit)
    if on_total is not None:
        on_total(len(plover_rows))
    return score_plover(path, limit=limit, config=config, progress=progress, rows=plover_rows)
