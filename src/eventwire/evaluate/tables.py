"""Rich tables of evaluation and benchmark results, for the CLI to print."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from .report import format_measure
from .result import EvalResult

if TYPE_CHECKING:
    from ..bench import BenchResult


def measures_table(result: EvalResult) -> Table:
    """One row per measure: value, rows it is over, what it means."""
    rate = f", {result.rows / result.seconds:.1f} rows/s" if result.seconds > 0 else ""
    table = Table(title=f"eventwire eval {result.dataset}: {result.rows} rows in "
                        f"{result.seconds:.1f} s{rate}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("rows", justify="right")
    table.add_column("what")
    for m in result.measures.values():
        table.add_row(m.name, format_measure(m.value, m.unit), str(m.n), m.help)
    return table


def classes_table(result: EvalResult, target: str) -> Table:
    """Per-class precision, recall, F1 and support of one target (e.g. event_type)."""
    table = Table(title=f"{result.dataset} per class: {target}")
    for name in ("class", "precision", "recall", "F1", "support", "predicted"):
        table.add_column(name, justify="left" if name == "class" else "right")
    for c in result.classes.get(target, []):
        table.add_row(c.label, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}",
                      str(c.support), str(c.predicted))
    return table


def errors_table(result: EvalResult, limit: int = 15, *, width: int = 160) -> Table:
    """The worst errors over all kinds, with the text that was read."""
    table = Table(title=f"{result.dataset}: worst {limit} of {len(result.errors)} errors",
                  show_lines=True)
    table.add_column("kind")
    table.add_column("row")
    table.add_column("text", ratio=3)
    table.add_column("coder", ratio=1)
    table.add_column("eventwire", ratio=1)
    for e in result.worst_errors(limit):
        text = e.text if len(e.text) <= width else e.text[: width - 1] + "…"
        table.add_row(e.kind, e.row_id, text, e.gold, e.predicted)
    return table


def summary_table(result: EvalResult) -> Table:
    """One row per judged article (``judged``): events by verdict, precision, recall, fields."""
    rows = [r for r in result.details if r.get("row") == "article"]
    table = Table(title=f"{result.dataset} per article")
    names = ("article", "half", "written", "right", "repeat", "wrong kind", "not an event",
             "precision", "found/listed", "recall", "actor", "recipient", "place")
    for name in names:
        table.add_column(name, justify="left" if name in ("article", "half") else "right")
    for r in rows:
        table.add_row(str(r["article"])[:40], str(r["half"]), str(r["written"]), str(r["right"]),
                      str(r["repeat"]), str(r["wrong kind"]), str(r["not an event"]),
                      format_measure(r["precision"], "share"), f"{r['found']}/{r['required']}",
                      format_measure(r["recall"], "share"), r["actor"], r["recipient"],
                      r["place"])
    return table


def details_table(result: EvalResult, *, width: int = 110) -> Table:
    """Every judged item (``judged``: each event's verdict, then the happenings missed)."""
    rows = [r for r in result.details if r.get("row") != "article"]
    table = Table(title=f"{result.dataset}: {len(rows)} verdicts", show_lines=False)
    for name in ("article", "verdict", "happening", "type/status", "spans", "evidence",
                 "actor -> recipient @ place", "fields off"):
        table.add_column(name)
    for row in rows:
        text = str(row.get("evidence") or "")
        text = text if len(text) <= width else text[: width - 1] + "…"
        spans = ",".join(f"{s}-{e}" for s, e in row.get("spans") or [])
        roles = f"{row.get('actor') or '-'} -> {row.get('recipient') or '-'} @ " \
                f"{row.get('place') or '-'}" if "actor" in row else ""
        off = ",".join(k for k, ok in (row.get("fields") or {}).items() if not ok)
        table.add_row(str(row["article"])[:18], str(row["verdict"]),
                      str(row.get("happening") or ""), f"{row.get('type')} {row.get('status')}",
                      spans, text, roles, off)
    return table


def bench_table(result: BenchResult) -> Table:
    """eventwire and bare spaCy side by side, their ratio and peak RSS per process."""
    mib = 1 << 20
    table = Table(title=f"eventwire bench: {result.articles} articles, {result.words:,} words, "
                        f"{result.workers} process(es), {result.model}")
    for name in ("engine", "articles/s", "words/s", "seconds", "peak RSS/process (MiB)"):
        table.add_column(name, justify="left" if name == "engine" else "right")
    for fig in (result.eventwire, result.spacy):
        table.add_row(fig.name, f"{fig.articles_per_s:.2f}", f"{fig.words_per_s:,.0f}",
                      f"{fig.seconds:.1f}", ", ".join(f"{r / mib:.0f}" for r in fig.peak_rss))
    table.add_row("ratio (eventwire / spaCy)", f"{result.ratio:.2f}x", "", "",
                  f"goal <= {(1 << 30) / mib:.0f}", style="bold")
    for row in result.extra:
        table.add_row(str(row.get("name", "extra")),
                      _num(row.get("articles_per_s")), _num(row.get("words_per_s"), 0),
                      _num(row.get("seconds"), 1), str(row.get("note", "")))
    return table


def _num(value: object, digits: int = 2) -> str:
    return f"{value:,.{digits}f}" if isinstance(value, int | float) else ""
