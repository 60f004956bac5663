"""What a headline tells that the body leaves out.

A story leads with its headline ("2 dead, 4 wounded in drive-by shooting") and then retells the
happening, often in words that give no countable toll ("left a man and woman dead"). The
headline is not coded as events of its own, since it retells the body; but its toll fills the
body's event of the same kind where the body gives none, with the headline kept among the
event's supporting sentences; and where the body tells no attack at all, the headline's attack
stands (a headline's talks or "signs of progress" are the body's to tell).

Only a headline that is part of the text is read (a page's title, or a plain text's first line
that the title repeats): an event's evidence must index the text.
"""

from __future__ import annotations

from ..model import COUNTED_STATUSES, Document, Event
from ..nlp import Segment
from .mentions import Mention

_TOLLS = ("killed", "injured")


def is_headline(document: Document, segment: Segment) -> bool:
    """Whether ``segment`` is the document's title, printed as part of its text."""
    return bool(document.title) and segment.text.strip() == document.title.strip()


def fill_from_headline(events: list[Event], headline: list[Mention]) -> list[Event]:
    """``events`` (the body's, in text order) with the headline's tolls and lone events added."""
    out = list(events)
    for mention in headline:
        told = mention.event
        if told.status not in COUNTED_STATUSES:
            continue
        same_kind = [k for k, e in enumerate(out) if e.type == told.type
                     and e.status in COUNTED_STATUSES]  # fmt: skip
        if not same_kind:
            if told.type == "ASSAULT":
                out.insert(0, told)
            continue
        k = max(same_kind, key=lambda j: (out[j].confidence, -j))
        update = {name: getattr(told, name) for name in _TOLLS
                  if getattr(out[k], name) is None and getattr(told, name) is not None}  # fmt: skip
        if update:
            update["supports"] = [told.evidence, *out[k].supports]
            out[k] = out[k].model_copy(update=update)
    return out
