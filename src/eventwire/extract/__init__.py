"""Events from parsed text. (Stub while the core is written.)"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Event
from ..nlp import Segment


def select_spans(document: Document, *, shortcut: bool = True) -> Iterator[tuple[int, str]]:
    for start, end in document.paragraphs:
        yield start, document.text[start:end]


def extract_events(document: Document, segments: list[Segment]) -> list[Event]:
    return []
