"""PLOVER gold-standard records: code each sentence and compare its event type.

Rules (also written into every result's ``notes``):

- Gold types are the file's PLOVER 0.5 names moved to today's 16 (FIGHT -> ASSAULT, DEMAND ->
  REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE; ``plover_0_5_types`` in
  resources/evaluation.yaml, after the PLOVER repository's CAMEO2PLOVER-2021 table). The
  DOCUMENT record is the file's own header and is skipped.
- The sentence's event: a counted one (occurred/ongoing) before others, then the most
  confident, then the earliest. No event: "(uncoded)", counted as wrong. (The CAMEO manual's
  examples include threats, demands and plans, so status only orders, it never excludes.)
- Source country: over records whose gold source has an ISO3 country code, the main event's
  actor country is one of them.
"""

from __future__ import annotations

from pathlib import Path

import pycountry

from ..config import Config
from ..model import EVENT_TYPES
from .coding import Progress, code_rows, main_event
from .datasets import PloverRecord, load_plover
from .result import ErrorCase, EvalResult
from .scoring import UNCODED, accuracy, confusion_matrix, macro_f1, per_class, share

RULES = [
    "gold: PLOVER 0.5 names mapped to today's 16 types (FIGHT->ASSAULT, DEMAND->REQUEST, "
    "DISAPPROVE/INVESTIGATE->ACCUSE)",
    "event: counted first, then most confident, then earliest; none = (uncoded)",
]


def _is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


def score_plover(
    path: Path,
    *,
    limit: int | None = None,
    config: Config,
    progress: Progress | None = None,
    rows: list[PloverRecord] | None = None,
) -> EvalResult:
    """Scores eventwire's event types against PLOVER gold-standard records."""
    rows = rows if rows is not None else load_plover(path, limit=limit)
    coded, seconds = code_rows(rows, config=config, progress=progress)
    result = EvalResult("plover", str(path), len(rows), seconds,
                        {"trigger_shortcut": config.trigger_shortcut, "model": config.model,
                         "limit": limit}, notes=list(RULES))
    gold, predicted, country_hit = [], [], []
    for row, events in zip(rows, coded, strict=True):
        event = main_event(events)
        said = event.type if event is not None else UNCODED
        gold.append(row.type)
        predicted.append(said)
        if said != row.type:
            note = f"PLOVER 0.5: {row.type_0_5}" + (f", mode {row.mode}" if row.mode else "")
            result.errors.append(ErrorCase(
                "event_type", row.id, row.text, row.type,
                f"{said} ({event.trigger or ''})" if event is not None else said,
                0.5 + 0.5 * event.confidence if event is not None else 0.5, note))
        countries = [c for c in row.source_countries if _is_country(c)]
        if countries:
            country = event.actor.country if event is not None and event.actor else None
            country_hit.append(country in countries)
    labels = [*sorted(set(gold) | (set(predicted) & set(EVENT_TYPES)))]
    if UNCODED in predicted:
        labels.append(UNCODED)
    result.add("event_type_accuracy", accuracy(gold, predicted), len(rows),
               "main event's type equals the gold type")
    result.add("event_type_macro_f1", macro_f1(gold, predicted), len(rows),
               "unweighted mean F1 over the gold types")
    result.add("uncoded", share(p == UNCODED for p in predicted), len(rows),
               "sentences with no event")
    result.add("source_country", share(country_hit), len(country_hit),
               "actor country among the gold source countries")
    result.classes["event_type"] = per_class(gold, predicted)
    result.confusion["event_type"] = confusion_matrix(gold, predicted, labels=labels)
    return result
