"""Events from text: triggers, actors, counts, dates, status, attribution, assembled per sentence.

``select_spans`` decides which stretches of a document go through spaCy (the paragraphs the
trigger lexicon can match, when the shortcut is on); ``extract_events`` codes the parsed
stretches; ``main_event`` picks the one a single-event coder would write down.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document
from .events import extract_events, main_event
from .triggers import lexicon

__all__ = ["extract_events", "main_event", "select_spans"]


def select_spans(document: Document, *, shortcut: bool = True) -> Iterator[tuple[int, str]]:
    """The ``(offset, text)`` paragraphs worth parsing: all of them, or those with a trigger."""
    lex = lexicon() if shortcut else None
    for start, end in document.paragraphs:
        text = document.text[start:end]
        if lex is None or lex.could_match(text):
            skip = _dateline_length(text) if document.dateline else 0
            yield start + skip, text[skip:]


_DATELINE_END = re.compile(r"^[^\n]{2,80}?(?:\)\s*|\s)[-–—]+\s+")


def _dateline_length(paragraph: str) -> int:
    """Length of a leading dateline ("KYIV, Ukraine (AP) — "), which is not part of a sentence."""
    match = _DATELINE_END.match(paragraph)
    if match is None or not paragraph[:1].isupper():
        return 0
    head = match.group(0)
    return len(head) if head.split(",")[0].strip().isupper() or "(" in head else 0
