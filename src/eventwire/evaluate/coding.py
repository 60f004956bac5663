"""Running eventwire over evaluation rows, and choosing "the" event of a row.

Rows are coded through the public batch API, ``Pipeline(config).process(articles)``, never one
``extract()`` call per row. A row whose text eventwire cannot read gets no events.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from ..config import Config
from ..model import COUNTED_STATUSES, Article, Event
from ..pipeline import Pipeline

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]  # called with the number of rows just finished


def code_texts(
    items: Iterable[tuple[str, str] | tuple[str, str, date | None]], *, config: Config,
    progress: Progress | None = None,
) -> Iterator[tuple[str, list[Event]]]:
    """``(row id, events)`` for each ``(row id, text)`` or ``(row id, text, published)``, in
    order, coded in batches."""
    pipeline = Pipeline(config)
    articles = (Article(id=item[0], raw=item[1], published=item[2] if len(item) > 2 else None)
                for item in items)
    for coded in pipeline.process(articles):
        if coded.error is not None:
            logger.info("row %s not coded: %s", coded.article.id, coded.error)
        if progress is not None:
            progress(1)
        yield coded.article.id, list(coded.events)


def code_rows(
    rows: Sequence[Any], *, config: Config, progress: Progress | None = None
) -> tuple[list[list[Event]], float]:
    """The events of each row's ``.text`` (rows carry ``.id``, and may carry ``.published``:
    the date of the news the row was coded from), and the seconds coding took."""
    started = time.perf_counter()
    coded = [events for _, events in code_texts(
        ((r.id, r.text, getattr(r, "published", None)) for r in rows), config=config,
        progress=progress)]  # fmt: skip
    return coded, time.perf_counter() - started


def counted(events: list[Event]) -> list[Event]:
    """The events that happened (``occurred`` or ``ongoing``)."""
    return [e for e in events if e.status in COUNTED_STATUSES]


def pick(events: list[Event], key: Callable[[Event], Any]) -> Event | None:
    """The event with the highest ``key``; among equals the earliest in the text."""
    best: Event | None = None
    for event in sorted(events, key=lambda e: e.evidence.start):
        if best is None or key(event) > key(best):
            best = event
    return best


def main_event(events: list[Event]) -> Event | None:
    """The row's main event: a counted one before any other, then the most confident."""
    return pick(events, lambda e: (e.status in COUNTED_STATUSES, e.confidence))


def field_of(events: list[Event], main: Event | None, name: str) -> Any:
    """A field of the main event; where the main event lacks it, the field of the most
    confident other counted event that has it (one row of coded data tells one event, which
    eventwire may split over several sentences)."""
    if main is not None and getattr(main, name) is not None:
        return getattr(main, name)
    others = [e for e in counted(events) if getattr(e, name) is not None]
    chosen = pick(others, lambda e: e.confidence)
    return getattr(chosen, name) if chosen is not None else None


def max_killed(events: list[Event]) -> int:
    """Deaths a row reports: the largest ``killed`` among counted events, 0 where none.

    The largest, not the sum: one row of coded data tells one event, and its several sentences
    often repeat the same toll.
    """
    values = [e.killed.value for e in counted(events) if e.killed is not None]
    return max(values, default=0)
