"""What is read from a whole document once: a long page is parsed, extracted and geoparsed a
window at a time, and each window asks again for what depends on the whole text (its
paragraphs' starts, its datelines)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from .model import Document

T = TypeVar("T")


def per_document(size: int = 8) -> Callable[[Callable[[Document], T]], Callable[[Document], T]]:
    """Remember what a function of a document gave for the last ``size`` documents (by
    identity: the document is kept with its value, so that its id is not reused meanwhile)."""

    def wrap(read: Callable[[Document], T]) -> Callable[[Document], T]:
        known: dict[int, tuple[Document, T]] = {}

        @wraps(read)
        def remembered(document: Document) -> T:
            found = known.get(id(document))
            if found is not None and found[0] is document:
                return found[1]
            if len(known) >= size:
                known.clear()
            value = read(document)
            known[id(document)] = (document, value)
            return value

        return remembered

    return wrap
