"""ACLED: code each row's notes (only the notes, no other column) and compare with the coder.

Rules (also written into every result's ``notes``):

- Rows: by default only the held-apart half of the file, the rows the shipped ACLED sub-type
  classifier (extract/classify.py) was NOT trained on (``classify.in_training_half`` splits by a
  stable hash of the row id); ``rows="train"`` scores the training half, ``rows="all"`` the
  whole file, and the notes say which, with the classifier's own training note.
- The row's event: ``eventwire.extract.main_event`` (the extractor's own rule for the main
  event of a text, so that eval and exports agree). No event with an ACLED mapping: the row is
  "(uncoded)", which counts as wrong and is reported on its own.
- Other fields come from that event; where it lacks one, from the most confident other counted
  event that has it.
- Fatalities: the largest ``killed`` among counted events (0 when none). Rows whose notes say
  the deaths were split across events or places are left out of both fatality measures.
- Location: rows with geo_precision 1 or 2; no coordinates counts as a miss; the median is over
  the rows that got coordinates.
- Date: ``event.date.value`` equals ``event_date``. No publication date is given to eventwire,
  only the notes text, so dates must come from the text itself.
- Actor1 country: the country of ACLED's actor1 name ("Military Forces of Yemen (2016-)" ->
  YEM, "Protesters (Israel)" -> ISR; see ``datasets.acled_actor_country``) against
  ``event.actor.country``; rows whose actor1 names no country are left out.
- Actor1 sector: ``event.actor.sector`` is one of the sectors that agree with the row's
  ``inter1`` (``acled_inter_sectors`` in resources/evaluation.yaml).
"""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..errors import EvaluationError
from ..extract import main_event
from ..extract.classify import MODEL_FILE, in_training_half, subtype_classifier
from ..extract.ontology import ontology
from ..model import Event
from .coding import Progress, code_rows, field_of, max_killed
from .datasets import AcledRow, load_acled, mappings, sample
from .result import ErrorCase, EvalResult
from .scoring import (
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

RULES = [
    "event: eventwire.extract.main_event (the earliest sentence with a counted, ACLED-coded "
    "event; within it the most violent ACLED type; a protest about an assault stays a protest)",
    "no event with an ACLED mapping = (uncoded), counted as wrong",
    "fatalities: largest killed among counted events, 0 if none; rows with deaths split "
    "across events excluded",
    "location: geo_precision 1-2 only; missing coordinates = miss; median over located rows",
    "date: event.date.value == event_date; no publication date given",
    "actor1 country: country in actor1's name (state 'X of <Country> (YYYY-)' or "
    "'(<Country>)'), rows naming none excluded",
]


ROW_BASES = ("heldout", "train", "all")


def load_acled_rows(
    path: Path, *, limit: int | None = None, rows: str = "heldout"
) -> list[AcledRow]:
    """The rows to score: the held-apart half (default), the training half or all, then an
    even spread of ``limit`` of them."""
    if rows not in ROW_BASES:
        raise EvaluationError(f"unknown row basis {rows!r}; known: {', '.join(ROW_BASES)}")
    every = load_acled(path)
    if rows != "all":
        every = [r for r in every if in_training_half(r.id) == (rows == "train")]
    return sample(every, limit)


def rows_note(rows: str, count: int) -> str:
    """What the scored rows are, against what the classifier was trained on."""
    onto = ontology()
    model = subtype_classifier() if onto.use_classifier else None
    which = {
        "heldout": "the held-apart half (rows the classifier was not trained on)",
        "train": "the TRAINING half: the classifier was trained on these rows, so its scores "
        "here are not an estimate of accuracy",
        "all": "the whole file, half of it the classifier's training rows",
    }[rows]
    used = (
        f"classifier in use ({MODEL_FILE}, trained on the other half)"
        if model is not None
        else "classifier not in use: rules alone"
    )
    return f"rows: {count} of {which}; split by eventwire.extract.classify.in_training_half; {used}"


def acled_event(events: list[Event]) -> Event | None:
    """The event that stands for an ACLED row: the extractor's own ``main_event`` rule."""
    return main_event(events)


def score_acled(
    path: Path,
    *,
    limit: int | None = None,
    config: Config,
    progress: Progress | None = None,
    rows: list[AcledRow] | None = None,
    basis: str = "heldout",
) -> EvalResult:
    """Scores eventwire against an ACLED CSV (see the module's rules); ``basis`` says which
    rows ``rows`` were drawn from (heldout, train or all)."""
    rows = rows if rows is not None else load_acled_rows(path, limit=limit, rows=basis)
    coded, seconds = code_rows(rows, config=config, progress=progress)
    inter_sectors = {int(k): set(v) for k, v in mappings().get("acled_inter_sectors", {}).items()}

    result = EvalResult("acled", str(path), len(rows), seconds,
                        {"trigger_shortcut": config.trigger_shortcut, "model": config.model,
                         "limit": limit, "rows": basis},
                        notes=[rows_note(basis, len(rows)), *RULES])
    gold_type, pred_type, gold_sub, pred_sub = [], [], [], []
    deaths_hit, zero_hit, split_rows = [], [], 0
    distances: list[float | None] = []
    date_hit, country_hit, sector_hit = [], [], []

    for row, events in zip(rows, coded, strict=True):
        event = acled_event(events)
        p_type = event.acled.event_type if event and event.acled else UNCODED
        p_sub = (event.acled.sub_event_type or UNCODED) if event and event.acled else UNCODED
        gold_type.append(row.event_type)
        pred_type.append(p_type)
        gold_sub.append(row.sub_event_type)
        pred_sub.append(p_sub)
        confidence = event.confidence if event else 0.0
        if p_type != row.event_type:
            result.errors.append(ErrorCase(
                "event_type", row.id, row.text, row.event_type, p_type,
                0.5 + 0.5 * confidence if p_type != UNCODED else 0.5))
        elif p_sub != row.sub_event_type:
            result.errors.append(ErrorCase(
                "sub_event_type", row.id, row.text, row.sub_event_type, p_sub,
                0.3 + 0.3 * confidence))

        if row.fatalities_split:
            split_rows += 1
        else:
            killed = max_killed(events)
            ok = killed == row.fatalities
            (deaths_hit if row.fatalities > 0 else zero_hit).append(ok)
            if not ok:
                gap = abs(killed - row.fatalities) / max(killed, row.fatalities, 1)
                result.errors.append(ErrorCase("fatalities", row.id, row.text,
                                               str(row.fatalities), str(killed), 0.2 + 0.6 * gap))

        location = field_of(events, event, "location")
        if row.geo_precision in (1, 2):
            km = None
            if location is not None and location.lat is not None and location.lon is not None:
                km = distance_km(row.lat, row.lon, location.lat, location.lon)
            distances.append(km)
            if km is None or km > 25:
                result.errors.append(ErrorCase(
                    "location", row.id, row.text, f"{row.lat:.4f},{row.lon:.4f}",
                    f"{location.name} {location.lat},{location.lon} ({km:.0f} km)"
                    if km is not None and location is not None else "(none)",
                    0.5 if km is None else 0.3 + 0.6 * min(1.0, km / 1000)))

        when = field_of(events, event, "date")
        ok = when is not None and when.value == row.event_date
        date_hit.append(ok)
        if not ok:
            days = abs((when.value - row.event_date).days) if when is not None else None
            result.errors.append(ErrorCase(
                "date", row.id, row.text, row.event_date.isoformat(),
                when.value.isoformat() if when is not None else "(none)",
                0.4 if days is None else 0.2 + 0.6 * min(1.0, days / 60)))

        actor = field_of(events, event, "actor")
        if row.actor1_country is not None:
            ok = actor is not None and actor.country == row.actor1_country
            country_hit.append(ok)
            if not ok:
                result.errors.append(ErrorCase(
                    "actor1_country", row.id, row.text, f"{row.actor1_country} ({row.actor1})",
                    f"{actor.country} ({actor.text})" if actor is not None else "(none)", 0.35))
        if row.inter1 in inter_sectors:
            sector_hit.append(actor is not None and actor.sector in inter_sectors[row.inter1])

    result.add("event_type_accuracy", accuracy(gold_type, pred_type), len(rows),
               "event type equals the coder's")
    result.add("event_type_macro_f1", macro_f1(gold_type, pred_type), len(rows),
               "unweighted mean F1 over the six ACLED event types")
    result.add("uncoded", share(p == UNCODED for p in pred_type), len(rows),
               "rows with no event eventwire could map to ACLED")
    result.add("sub_event_type_accuracy", accuracy(gold_sub, pred_sub), len(rows),
               "sub-event type equals the coder's")
    result.add("sub_event_type_macro_f1", macro_f1(gold_sub, pred_sub), len(rows),
               "unweighted mean F1 over the sub-event types present")
    result.add("fatalities_exact_deaths", share(deaths_hit), len(deaths_hit),
               "deaths exact where the coder recorded deaths (>0)")
    result.add("fatalities_zero_none", share(zero_hit), len(zero_hit),
               "0 deaths where the coder recorded none")
    result.add("location_within_25km", share_within(distances, 25.0), len(distances),
               "within 25 km of the coder's point (geo_precision 1-2)")
    result.add("location_median_km", median(distances), sum(d is not None for d in distances),
               "median error over rows given coordinates", unit="km")
    result.add("date_exact", share(date_hit), len(date_hit), "event date equals the coder's")
    result.add("actor1_country", share(country_hit), len(country_hit),
               "actor country equals actor1's country")
    result.add("actor1_sector", share(sector_hit), len(sector_hit),
               "actor sector agrees with actor1's ACLED kind (inter1)")
    result.classes["event_type"] = per_class(gold_type, pred_type)
    result.classes["sub_event_type"] = per_class(gold_sub, pred_sub)
    result.confusion["event_type"] = confusion_matrix(gold_type, pred_type)
    result.confusion["sub_event_type"] = confusion_matrix(gold_sub, pred_sub)
    if split_rows:
        result.notes.append(f"{split_rows} row(s) left out of fatality measures (deaths split)")
    return result
