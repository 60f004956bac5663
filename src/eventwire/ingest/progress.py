"""The Rich progress bar and summary of ``eventwire ingest`` (on stderr)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from ..store import ErrorInfo
from .run import IngestSummary


class RichReporter:
    """Items read (of the total when known), articles stored, events, errors, articles/s, ETA.

    Each error is one line above the bar; ``finish`` prints a summary table.
    """

    def __init__(self, console: Console | None = None, *, show_bar: bool = True) -> None:
        self.console = console or Console(stderr=True)
        self.show_bar = show_bar
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def start(self, total: int | None) -> None:
        if not self.show_bar:
            return
        self.progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[articles]} articles"),
            TextColumn("{task.fields[events]} events"),
            TextColumn("[red]{task.fields[errors]} errors"),
            TextColumn("{task.fields[rate]:.1f}/s"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.progress.start()
        self.task = self.progress.add_task("ingest", total=total, articles=0, events=0,
                                           errors=0, rate=0.0)

    def advance(self, summary: IngestSummary, items: int) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, advance=items, articles=summary.articles,
                                 events=summary.events, errors=summary.errors,
                                 rate=summary.rate)

    def error(self, info: ErrorInfo) -> None:
        self.console.print(f"[red]error[/red] {escape(str(info))}", highlight=False,
                           soft_wrap=True)

    def finish(self, summary: IngestSummary) -> None:
        if self.progress is not None:
            self.progress.stop()
        table = Table(title=f"ingest run {summary.run_id} ({summary.engine}): {summary.status}")
        for name in ("articles", "events", "skipped", "errors", "seconds", "articles/s"):
            table.add_column(name, justify="right")
        table.add_row(str(summary.articles), str(summary.events), str(summary.skipped),
                      str(summary.errors), f"{summary.seconds:.1f}", f"{summary.rate:.2f}")
        self.console.print(table)
