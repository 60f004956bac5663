"""What one evaluation run produces: measures, per-class scores, a confusion matrix, errors."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .scoring import ClassScore


@dataclass(frozen=True)
class Measure:
    """One figure: its value (``None`` when no row qualified), over how many rows, and what."""

    name: str
    value: float | None
    n: int
    help: str = ""
    unit: str = "share"  # "share" (0..1), "km", "count"


@dataclass
class ErrorCase:
    """One row the system got wrong: the text it read, what the coder said, what we said.

    ``severity`` in [0, 1] ranks errors across kinds (the worst first).
    """

    kind: str
    row_id: str
    text: str
    gold: str
    predicted: str
    severity: float
    note: str = ""


@dataclass
class EvalResult:
    """The scores of one dataset. ``measures`` is keyed by the measure name."""

    dataset: str
    path: str
    rows: int
    seconds: float
    config: dict[str, Any]
    measures: dict[str, Measure] = field(default_factory=dict)
    classes: dict[str, list[ClassScore]] = field(default_factory=dict)  # per target label set
    confusion: dict[str, tuple[list[str], list[list[int]]]] = field(default_factory=dict)
    errors: list[ErrorCase] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # rules and exclusions, said once
    # one dict per judged item where a dataset lists them all (``judged``: every event's verdict)
    details: list[dict[str, Any]] = field(default_factory=list)

    def add(self, name: str, value: float | None, n: int, help: str = "", unit: str = "share"
            ) -> None:
        self.measures[name] = Measure(name, value, n, help, unit)

    def value(self, name: str) -> float | None:
        measure = self.measures.get(name)
        return measure.value if measure else None

    def worst_errors(self, limit: int = 15, *, kind: str | None = None) -> list[ErrorCase]:
        """The errors of highest severity, all kinds or one; ties keep row order."""
        chosen = [e for e in self.errors if kind is None or e.kind == kind]
        return sorted(chosen, key=lambda e: -e.severity)[:limit]

    def error_kinds(self) -> list[str]:
        return list(dict.fromkeys(e.kind for e in self.errors))

    def to_dict(self, *, errors_per_kind: int = 50) -> dict[str, Any]:
        """A JSON-ready dict; keeps the worst ``errors_per_kind`` errors of each kind."""
        return {
            "dataset": self.dataset,
            "path": self.path,
            "rows": self.rows,
            "seconds": round(self.seconds, 2),
            "config": self.config,
            "measures": {k: asdict(m) for k, m in self.measures.items()},
            "classes": {k: [asdict(c) for c in v] for k, v in self.classes.items()},
            "confusion": {k: {"labels": labels, "matrix": matrix}
                          for k, (labels, matrix) in self.confusion.items()},
            "error_counts": {k: sum(e.kind == k for e in self.errors) for k in self.error_kinds()},
            "errors": [asdict(e) for k in self.error_kinds()
                       for e in self.worst_errors(errors_per_kind, kind=k)],
            "notes": self.notes,
            "details": self.details,
        }

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
