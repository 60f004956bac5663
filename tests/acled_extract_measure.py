"""Measure parse_casualties and resolve_date on the ACLED 2020 dev set, read in place.

Run: ``.venv/bin/python tests/acled_extract_measure.py [--errors N]`` from the repo root.
The data (../shared/data/eval/acled-2020/acled.csv) is never copied into the repository.

- casualties: share of rows where ``parse_casualties(notes).killed.value`` equals ACLED's
  ``fatalities`` (None counts as 0), apart for rows with fatalities > 0 and == 0. Rows whose
  note splits a tally across events ("N fatalities split across M events") are left out: there
  the note's number is not the row's.
- dates: share of rows where ``resolve_date(notes, published)`` equals ``event_date``, with
  ``published`` None and with ``published`` = event date + (0..7 days, fixed per row).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from eventwire.config import shared_data
from eventwire.extract.counts import parse_casualties
from eventwire.extract.dates import resolve_date

# the shared data beside the repository, or where EVENTWIRE_SHARED_DATA says
ACLED_CSV = shared_data() / "eval/acled-2020/acled.csv"
_TRAILING_REMARKS = re.compile(r"(?:\s*\[[^\[\]]*\])+\s*$")
_SPLIT = re.compile(
    r"\bsplit\b|\bdivided\b|\bspread\s+(?:between|across|over)\b|\bacross\s+\d+\s+events\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Row:
    notes: str
    fatalities: int
    event_date: date
    row_id: str


def load_rows(path: Path = ACLED_CSV) -> list[Row]:
    """Complete rows of the ACLED dev set; the last, truncated row is dropped."""
    rows: list[Row] = []
    with path.open(newline="", encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    for r in raw[:-1]:  # the last row is cut off mid-record
        try:
            rows.append(
                Row(
                    notes=r["notes"],
                    fatalities=int(r["fatalities"]),
                    event_date=datetime.strptime(r["event_date"], "%d-%b-%y").date(),
                    row_id=r["event_id_cnty"],
                )
            )
        except (KeyError, ValueError, TypeError):
            continue
    return rows


def clean_notes(notes: str) -> str:
    """Notes without their trailing bracketed coder remarks ("[size=no report]")."""
    return _TRAILING_REMARKS.sub("", notes)


def is_split(notes: str) -> bool:
    return bool(_SPLIT.search(notes))


@dataclass(slots=True)
class Score:
    right: int = 0
    total: int = 0

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def measure_casualties(
    rows: list[Row],
) -> tuple[Score, Score, list[tuple[Row, int | None]]]:
    """(score on rows with fatalities > 0, score on rows with 0, wrong rows with our value)."""
    pos, zero = Score(), Score()
    wrong: list[tuple[Row, int | None]] = []
    for row in rows:
        if is_split(row.notes):
            continue
        killed = parse_casualties(clean_notes(row.notes)).killed
        got = killed.value if killed is not None else 0
        score = pos if row.fatalities > 0 else zero
        score.total += 1
        if got == row.fatalities:
            score.right += 1
        else:
            wrong.append((row, killed.value if killed else None))
    return pos, zero, wrong


def _lag(row: Row) -> int:
    return sum(map(ord, row.row_id)) % 8


def measure_dates(rows: list[Row], *, with_published: bool) -> tuple[Score, list[tuple[Row, str]]]:
    score = Score()
    wrong: list[tuple[Row, str]] = []
    for row in rows:
        published = row.event_date + timedelta(days=_lag(row)) if with_published else None
        found = resolve_date(clean_notes(row.notes), published)
        score.total += 1
        if found is not None and found.value == row.event_date:
            score.right += 1
        else:
            wrong.append((row, repr(found)))
    return score, wrong


def error_categories(wrong: list[tuple[Row, int | None]]) -> Counter[str]:
    cats: Counter[str] = Counter()
    for row, got in wrong:
        if got is None:
            cats["missed (gold > 0, none found)" if row.fatalities else "?"] += 1
        elif row.fatalities == 0:
            cats["found kills where ACLED codes 0"] += 1
        elif got > row.fatalities:
            cats["too high"] += 1
        else:
            cats["too low"] += 1
    return cats


def report(n_errors: int = 0) -> Iterator[str]:
    rows = load_rows()
    pos, zero, wrong = measure_casualties(rows)
    yield f"rows: {len(rows)} (split-tally rows excluded from casualties)"
    yield f"casualties fatalities>0: {pos.share:.3f} ({pos.right}/{pos.total})"
    yield f"casualties fatalities==0: {zero.share:.3f} ({zero.right}/{zero.total})"
    for cat, n in error_categories(wrong).most_common():
        yield f"  {n:4d} {cat}"
    for row, got in wrong[:n_errors]:
        yield f"  gold={row.fatalities} got={got} | {clean_notes(row.notes)[:400]}"
    for flag in (False, True):
        score, dwrong = measure_dates(rows, with_published=flag)
        label = "published=event+0..7d" if flag else "published=None"
        yield f"dates ({label}): {score.share:.3f} ({score.right}/{score.total})"
        for row, got in dwrong[:n_errors]:
            yield f"  gold={row.event_date} got={got} | {row.notes[:200]}"


if __name__ == "__main__":
    n = int(sys.argv[sys.argv.index("--errors") + 1]) if "--errors" in sys.argv else 0
    if not ACLED_CSV.exists():
        sys.exit(f"ACLED dev set not found at {ACLED_CSV}")
    for line in report(n):
        sys.stdout.write(line + "\n")
