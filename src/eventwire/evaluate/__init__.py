"""Scoring eventwire against human-coded data: ``eventwire eval DATASET PATH``.

Analysis-side tooling, outside the pipeline stages: it codes each dataset's texts through the
public batch API (``Pipeline(config).process``) and compares the events with what the coders
wrote. One module per dataset (``acled``, ``ucdp``, ``plover``, ``gwn``, ``articles`` for whole
GVA shooting stories, ``judged`` for conflict articles judged by hand, ``incidents`` for the
GVA stories clustered into incidents) holds the rules of its
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
from .articles import load_gva, score_articles
from .coding import Progress
from .datasets import load_plover, load_ucdp
from .gwn import score_gwn
from .judged import score_judged
from .plover import score_plover
from .result import ErrorCase, EvalResult, Measure
from .ucdp import score_ucdp

DATASETS: tuple[str, ...] = ("acled", "ucdp", "gwn", "plover", "articles", "judged",
                             "incidents")

# where each dataset sits under the shared data folder (``../shared/data`` from the repo root)
DEFAULT_PATHS: dict[str, str] = {
    "acled": "eval/acled-2020/acled.csv",
    "ucdp": "eval/ucdp-ukraine-2014-2022/ucdp-ged-ukraine-2014-2022.csv",
    "gwn": "eval/geowebnews/GWN.xml",
    "plover": "eval/plover-gsr/PLOVER_GSR_CAMEO.txt",
    "articles": "eval/gva-incidents",
    "incidents": "eval/gva-incidents",
}
# the judgements live in the repository (tests/data/judged); the articles they judge are read in
# place from the shared data folder (``articles/``)
JUDGED_ARTICLES = "articles"
JUDGED_DEFAULT = "tests/data/judged"

__all__ = [
    "DATASETS",
    "DEFAULT_PATHS",
    "JUDGED_ARTICLES",
    "JUDGED_DEFAULT",
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
    half: str = "all",
    articles: Path | None = None,
    acled_rows: str = "heldout",
) -> EvalResult:
    """Scores eventwire on one dataset. ``limit`` takes an even spread of that many rows.

    ``half`` ("dev", "check" or "all") keeps one half of the rows of the datasets split into a
    half to tune on and a half to check on (``articles``, ``judged``, ``gwn``); ``articles`` is
    the folder of the article files the ``judged`` judgements refer to.

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
    if half not in ("dev", "check", "all"):
        raise EvaluationError(f"unknown half {half!r}; known: dev, check, all")
    if dataset == "articles":
        gva_rows = load_gva(path, half=half, limit=limit)
        if on_total is not None:
            on_total(len(gva_rows[0]))
        return score_articles(path, half=half, limit=limit, config=config, progress=progress,
                              rows=gva_rows)
    if dataset == "judged":
        return score_judged(path, articles=articles, half=half, limit=limit, config=config,
                            progress=progress, on_total=on_total)
    if dataset == "incidents":
        from .incidents import score_incidents

        return score_incidents(path, limit=limit, config=config, progress=progress,
                               on_total=on_total)
    if dataset == "gwn":
        if on_total is not None:
            on_total(0)
        return score_gwn(path, limit=limit, config=config, progress=progress, half=half)
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
