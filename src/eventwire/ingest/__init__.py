"""Sources of articles: one module per kind (files, jsonl, feeds, warc, web).

Every reader yields ``Article`` for each item it can read and ``Failure`` for each it cannot,
so one bad item never stops a batch.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import EventwireError


@dataclass(frozen=True)
class Failure:
    """An item a reader could not turn into an article: where it was and what went wrong."""

    source: str
    error: EventwireError

    def __str__(self) -> str:
        return f"{self.source}: {self.error}" if not self.error.where else str(self.error)
