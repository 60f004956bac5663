"""Series and escalation: what the incidents add up to, per place and period, and when it jumps.

The unit counted is the **incident** (one real-world happening, however many articles told it);
where the store has not clustered an event into an incident yet, the event counts as its own.
Only counted statuses (occurred, ongoing) enter a series.

- ``series``: daily or weekly counts per country or admin1 (optionally per type) of incidents,
  their killed and injured, and their intensity (the sum of their Goldstein scores, negative for
  conflict, so the more negative the more violent), with empty periods filled with zeros.
- Two escalation methods, side by side (``resources/escalation.yaml`` holds their settings):

  * ``surge``, ACLED's rule: a place's count this week is at least ``increase`` (+100%) above
    its mean of the previous ``window`` (4) weeks, and at least ``min_count``. Simple and
    readable; it fires often where counts are small and noisy.
  * ``surprise``: how unlikely this week's count is under the place's own baseline, a negative
    binomial fitted to its previous ``baseline`` (12) weeks, fewer at the start of a series
    but at least the surge window (a Poisson where they show no
    overdispersion, with a floor on the rate so a quiet place can still surprise). It fires when
    the upper-tail probability is below ``alpha``; under the model that is its false-alarm rate
    per place-week. Conflict counts are overdispersed, so the negative binomial keeps a bursty
    front line from firing every other week.

``backtest_ucdp`` runs both on UCDP GED rows (per oblast and week) and reports the weeks each
flags in named periods, and how often each fires in a quiet one.
"""

from __future__ import annotations

import csv
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from .errors import EvaluationError
from .resources import load_yaml

Interval = Literal["day", "week"]
PlaceLevel = Literal["country", "admin1"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One incident (or a lone event) as series count it."""

    key: str
    day: date
    country: str | None
    admin1: str | None
    type: str
    killed: int = 0
    injured: int = 0
    intensity: float = 0.0


@dataclass(frozen=True, slots=True)
class Point:
    """One place, one period: how many incidents, killed, injured and their intensity."""

    period: date
    place: str
    incidents: int
    killed: int
    injured: int
    intensity: float
    type: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"period": self.period.isoformat(), "place": self.place, "type": self.type,
                "incidents": self.incidents, "killed": self.killed, "injured": self.injured,
                "intensity": round(self.intensity, 2)}


@dataclass(frozen=True, slots=True)
class Flag:
    """An escalation flag: a place and week whose count stands out, by one method."""

    method: str
    place: str
    period: date
    count: int
    baseline: float  # the mean of the weeks before it
    score: float  # surge: count / baseline mean (inf when it was 0); surprise: -log10(p)
    p_value: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"method": self.method, "place": self.place, "week": self.period.isoformat(),
                "count": self.count, "baseline": round(self.baseline, 2),
                "score": None if math.isinf(self.score) else round(self.score, 2),
                "p_value": self.p_value}

    def describe(self) -> str:
        why = (f"p={self.p_value:.1e}" if self.p_value is not None
               else f"{self.count} against a mean of {self.baseline:.1f}")
        return f"{self.place}, week of {self.period}: {self.count} incidents ({why}, {self.method})"


# ---------------------------------------------------------------------------------------------
# series


def period_start(day: date, interval: Interval) -> date:
    """The day itself, or the Monday of its ISO week."""
    return day if interval == "day" else day - timedelta(days=day.weekday())


def place_of(unit: Unit, level: PlaceLevel) -> str | None:
    if level == "country":
        return unit.country
    if unit.country is None or unit.admin1 is None:
        return None
    return f"{unit.country}/{unit.admin1}"


def series(
    units: Iterable[Unit],
    *,
    interval: Interval = "week",
    level: PlaceLevel = "country",
    by_type: bool = False,
    since: date | None = None,
    until: date | None = None,
) -> list[Point]:
    """Counts per place (and type) and period, every place's periods filled with zeros from
    ``since`` (or the first incident anywhere) to ``until`` (or the last incident anywhere): a
    week with nothing in a place is a zero of that place's series, not a gap."""
    cells: dict[tuple[str, str | None, date], list[Unit]] = defaultdict(list)
    first = last = None
    for unit in units:
        place = place_of(unit, level)
        if place is None or (since and unit.day < since) or (until and unit.day > until):
            continue
        period = period_start(unit.day, interval)
        cells[(place, unit.type if by_type else None, period)].append(unit)
        first, last = min(first or period, period), max(last or period, period)
    if first is None or last is None:
        return []
    start = period_start(since, interval) if since else first
    end = period_start(until, interval) if until else last
    step = timedelta(days=1 if interval == "day" else 7)
    points = []
    for place, type_ in sorted({(p, t) for p, t, _ in cells}, key=lambda pt: (pt[0], pt[1] or "")):
        period = start
        while period <= end:
            inside = cells.get((place, type_, period), [])
            points.append(Point(period, place, len(inside), sum(u.killed for u in inside),
                                sum(u.injured for u in inside),
                                sum(u.intensity for u in inside), type_))
            period += step
    return points


def by_place(points: Iterable[Point]) -> dict[str, list[Point]]:
    """Points grouped per place (types summed), in period order."""
    merged: dict[tuple[str, date], list[Point]] = defaultdict(list)
    for point in points:
        merged[(point.place, point.period)].append(point)
    grouped: dict[str, list[Point]] = defaultdict(list)
    for (place, period), group in sorted(merged.items()):
        grouped[place].append(Point(period, place, sum(p.incidents for p in group),
                                    sum(p.killed for p in group), sum(p.injured for p in group),
                                    sum(p.intensity for p in group)))
    return dict(grouped)


# ---------------------------------------------------------------------------------------------
# escalation


@dataclass(frozen=True)
class EscalationSettings:
    surge_window: int = 4
    surge_increase: float = 1.0
    surge_min_count: int = 3
    surprise_baseline: int = 12
    surprise_alpha: float = 0.01
    surprise_min_count: int = 3
    surprise_min_rate: float = 0.1

    @classmethod
    def from_yaml(cls) -> EscalationSettings:
        data = load_yaml("escalation.yaml")
        surge, surprise = data.get("surge") or {}, data.get("surprise") or {}
        return cls(
            surge_window=int(surge.get("window", cls.surge_window)),
            surge_increase=float(surge.get("increase", cls.surge_increase)),
            surge_min_count=int(surge.get("min_count", cls.surge_min_count)),
            surprise_baseline=int(surprise.get("baseline", cls.surprise_baseline)),
            surprise_alpha=float(surprise.get("alpha", cls.surprise_alpha)),
            surprise_min_count=int(surprise.get("min_count", cls.surprise_min_count)),
            surprise_min_rate=float(surprise.get("min_rate", cls.surprise_min_rate)),
        )


def surge_flags(weekly: dict[str, list[Point]], settings: EscalationSettings) -> list[Flag]:
    """ACLED's surge rule on weekly counts per place."""
    flags = []
    for place, points in weekly.items():
        for i in range(settings.surge_window, len(points)):
            count = points[i].incidents
            if count < settings.surge_min_count:
                continue
            before = [p.incidents for p in points[i - settings.surge_window : i]]
            mean = sum(before) / len(before)
            if count >= mean * (1.0 + settings.surge_increase):
                score = count / mean if mean else math.inf
                flags.append(Flag("surge", place, points[i].period, count, mean, score))
    return flags


def surprise_flags(weekly: dict[str, list[Point]], settings: EscalationSettings) -> list[Flag]:
    """Weeks whose count is improbable under the place's own negative binomial baseline."""
    flags = []
    for place, points in weekly.items():
        for i in range(settings.surge_window, len(points)):
            count = points[i].incidents
            if count < settings.surprise_min_count:
                continue
            before = [p.incidents for p in points[max(0, i - settings.surprise_baseline) : i]]
            p_value = upper_tail(count, before, min_rate=settings.surprise_min_rate)
            if p_value < settings.surprise_alpha:
                mean = sum(before) / len(before)
                flags.append(Flag("surprise", place, points[i].period, count, mean,
                                  -math.log10(max(p_value, 1e-300)), p_value))
    return flags


def upper_tail(count: int, baseline: list[int], *, min_rate: float = 0.1) -> float:
    """P(X >= count) for X from the baseline weeks: a negative binomial with their mean and
    variance where the variance exceeds the mean, else a Poisson; the rate is at least
    ``min_rate``."""
    mean = max(sum(baseline) / len(baseline), min_rate)
    variance = statistics.pvariance(baseline) if len(baseline) > 1 else 0.0
    if variance > mean:
        r = mean * mean / (variance - mean)
        q = r / (r + mean)

        def log_pmf(x: int) -> float:
            return (math.lgamma(x + r) - math.lgamma(r) - math.lgamma(x + 1)
                    + r * math.log(q) + x * math.log1p(-q))
    else:

        def log_pmf(x: int) -> float:
            return -mean + x * math.log(mean) - math.lgamma(x + 1)

    below = sum(math.exp(log_pmf(x)) for x in range(count))
    return max(0.0, 1.0 - below)


def escalation_flags(
    units: Iterable[Unit],
    *,
    level: PlaceLevel = "admin1",
    method: Literal["surge", "surprise", "both"] = "both",
    settings: EscalationSettings | None = None,
    until: date | None = None,
) -> list[Flag]:
    """Both methods (or one) over weekly series per place, oldest first."""
    settings = settings or EscalationSettings.from_yaml()
    weekly = by_place(series(units, interval="week", level=level, until=until))
    flags = []
    if method in ("surge", "both"):
        flags += surge_flags(weekly, settings)
    if method in ("surprise", "both"):
        flags += surprise_flags(weekly, settings)
    return sorted(flags, key=lambda f: (f.period, f.place, f.method))


# ---------------------------------------------------------------------------------------------
# backtest on UCDP GED


@dataclass
class Backtest:
    """What each method flagged in the named periods, and how often it fires in quiet ones."""

    places: int
    place_weeks: int
    periods: dict[str, tuple[date, date]]
    quiet: tuple[date, date]
    flags: dict[str, list[Flag]] = field(default_factory=dict)

    def in_period(self, method: str, period: str) -> list[Flag]:
        start, end = self.periods[period]
        return [f for f in self.flags[method] if start <= f.period <= end]

    def quiet_rate(self, method: str) -> tuple[int, float]:
        """Flags in the quiet period, and flags per 100 place-weeks there."""
        start, end = self.quiet
        fired = [f for f in self.flags[method] if start <= f.period <= end]
        weeks = ((end - start).days // 7 + 1) * max(self.places, 1)
        return len(fired), 100.0 * len(fired) / weeks

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"places": self.places, "place_weeks": self.place_weeks,
                               "quiet": [d.isoformat() for d in self.quiet], "methods": {}}
        for method in self.flags:
            fired, rate = self.quiet_rate(method)
            out["methods"][method] = {
                "flags": len(self.flags[method]),
                "periods": {name: [f.as_dict() for f in self.in_period(method, name)]
                            for name in self.periods},
                "quiet_flags": fired, "quiet_per_100_place_weeks": round(rate, 2),
            }  # fmt: skip
        return out


def ucdp_units(path: Path) -> Iterator[Unit]:
    """UCDP GED rows as units: the row's start date, its oblast ("Donetsk oblast" -> Donetsk),
    its best death estimate."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                admin1 = (row.get("adm_1") or "").replace(" oblast", "").strip() or None
                try:
                    day = date.fromisoformat(row["date_start"][:10])
                except (KeyError, ValueError):
                    continue
                yield Unit(str(row.get("id")), day, "UKR", admin1, "ASSAULT",
                           killed=int(float(row.get("best") or 0)))
    except (OSError, csv.Error) as err:
        raise EvaluationError(f"cannot read UCDP GED rows: {err}", where=str(path)) from None


def backtest_ucdp(path: Path, settings: EscalationSettings | None = None) -> Backtest:
    """Both methods on UCDP GED Ukraine, weekly per oblast; periods from escalation.yaml."""
    settings = settings or EscalationSettings.from_yaml()
    config = load_yaml("escalation.yaml").get("backtest") or {}
    periods = {name: (date.fromisoformat(str(span[0])), date.fromisoformat(str(span[1])))
               for name, span in (config.get("periods") or {}).items()}
    quiet_span = config.get("quiet") or ["2020-08-03", "2021-10-31"]
    quiet = (date.fromisoformat(str(quiet_span[0])), date.fromisoformat(str(quiet_span[1])))
    units = list(ucdp_units(path))
    weekly = by_place(series(units, interval="week", level="admin1"))
    backtest = Backtest(len(weekly), sum(len(v) for v in weekly.values()), periods, quiet)
    backtest.flags = {"surge": surge_flags(weekly, settings),
                      "surprise": surprise_flags(weekly, settings)}
    return backtest


# ---------------------------------------------------------------------------------------------
# reading the store


def units_from_store(
    engine: Any,
    *,
    country: str | None = None,
    admin1: str | None = None,
    types: Iterable[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Unit]:
    """The store's incidents as units (``store.incident_views``: one per incident, or per
    event not yet in one; counted statuses only; rejected events left out)."""
    from .store.incident_views import incident_views

    views = incident_views(engine, country=country, admin1=admin1, types=types, since=since,
                           until=until)
    return [Unit(v.key, v.day, v.country, v.admin1, v.type, killed=v.killed, injured=v.injured,
                 intensity=v.intensity) for v in views]
