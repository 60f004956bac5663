"""Events from text: triggers, actors, counts, dates, status, attribution, assembled per sentence.

``select_spans`` decides which stretches of a document go through spaCy (the paragraphs the
trigger lexicon can match, when the shortcut is on); ``extract_events`` codes the parsed
stretches; ``main_event`` picks the one a single-event coder would write down.
"""

from __future__ import annotations

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
            yield start, text
