"""Events from text: triggers, actors, counts, dates, status, attribution, assembled per sentence.

``select_spans`` decides which stretches of a document go through spaCy (the paragraphs the
trigger lexicon can match, when the shortcut is on); ``extract_events`` codes the parsed
stretches; ``main_event`` picks the one a single-event coder would write down.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..clean import SENTENCE, dateline_span
from ..model import Document
from .anaphora import refers_back
from .counts import mentions_casualties, tells_casualties
from .events import extract_events, main_event
from .triggers import lexicon

__all__ = ["extract_events", "main_event", "select_spans"]


def select_spans(document: Document, *, shortcut: bool = True) -> Iterator[tuple[int, str]]:
    """The ``(offset, text)`` stretches worth parsing.

    Without the shortcut, every paragraph. With it, a short paragraph (a wire story's usual
    one to four sentences) goes whole when one of its sentences holds a trigger, so the event's
    neighbours (places, dates, "1 fatality.") stay with it; a long one (scraped pages often
    have a single paragraph) gives only its sentences with a sure trigger or a whole phrase
    the casualty counter reads, each with the sentence after it when that one holds such a
    phrase (``tells_casualties``: "in" alone, the first word of "in critical condition", made
    nearly every sentence of a long page worth parsing).
    """
    lex = lexicon() if shortcut else None
    before: tuple[int, str] | None = None  # the last short paragraph passed over
    for start, end in document.paragraphs:
        dateline = dateline_span(document.text[start:end]) if document.dateline else None
        skip = dateline[1] if dateline else 0  # "KYIV, Ukraine (AP) — " is no sentence
        start += skip
        text = document.text[start:end]
        if lex is None:
            yield start, text
            continue
        sentences = [(m.start(), m.end()) for m in SENTENCE.finditer(text)]
        if len(sentences) <= _SHORT_PARAGRAPH:
            if any(
                lex.could_match(text[a:b]) or mentions_casualties(text[a:b]) for a, b in sentences
            ):
                if before is not None and refers_back(text[:_OPENING]):
                    yield before  # who "she", "the agency", "Ms. Lane" are: told just before
                yield start, text
                before = None
            else:
                before = (start, text)
            continue
        before = None
        keep = [
            lex.could_match(text[a:b], strong=True) or tells_casualties(text[a:b])
            for a, b in sentences
        ]
        for i in range(len(sentences) - 1):
            if keep[i] and not keep[i + 1]:
                a, b = sentences[i + 1]
                keep[i + 1] = tells_casualties(text[a:b])
        run: tuple[int, int] | None = None
        for (a, b), wanted in zip(sentences, keep, strict=True):
            if wanted:
                run = (run[0], b) if run else (a, b)
            elif run:
                yield start + run[0], text[run[0] : run[1]]
                run = None
        if run:
            yield start + run[0], text[run[0] : run[1]]


_SHORT_PARAGRAPH = 4
_OPENING = 160  # characters: a paragraph's opening, where it names its doer ("Ms." ends no
# sentence, whatever SENTENCE says)
