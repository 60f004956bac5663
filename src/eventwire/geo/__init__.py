"""Gazetteer and place resolution.

- ``find_places(document, segments)``: every place mention in the parsed stretches, with its
  offsets into ``document.text``, resolved to the gazetteer and settled by the article's context.
- ``locate_events(events, places, document)``: each event's ``Location`` from the mentions in
  its sentence, paragraph, the dateline or the article's focus, with ACLED precision.
- ``get_gazetteer(min_population)``: the gazetteer, built once into a cached SQLite file.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from ..config import load_config
from ..model import Document, Event, Location, PlaceMention
from ..nlp import Segment
from .candidates import candidates
from .context import Context, article_context
from .gazetteer import Gazetteer, Place, get_gazetteer, haversine_km, normalize
from .locate import locate_event_places
from .locate import locate_events as _locate_events
from .locate import place_from_before as _place_from_before
from .mentions import demonym_mentions, to_mentions
from .resolve import resolve
from .seats import seat_of as _seat_of

__all__ = [
    "Gazetteer",
    "Place",
    "document_context",
    "find_places",
    "get_gazetteer",
    "haversine_km",
    "locate_event_places",
    "locate_events",
    "normalize",
    "place_from_before",
    "seat_of",
]

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _default_threshold() -> int:
    return load_config().gazetteer_min_population


def _default_gazetteer() -> Gazetteer:
    # get_gazetteer keeps one per process id, so a forked worker opens its own SQLite handle
    return get_gazetteer(_default_threshold())


def find_places(
    document: Document,
    segments: list[Segment],
    *,
    gazetteer: Gazetteer | None = None,
    keep_unresolved: bool = True,
    demonyms: bool = True,
    context: Context | None = None,
) -> list[PlaceMention]:
    """Every place mention in ``segments``, resolved (offsets into ``document.text``).

    Mentions spaCy tags as places but the gazetteer does not know are kept with empty
    coordinates when ``keep_unresolved`` (they let "Village, Region" fall back to the region).
    With ``demonyms`` (the default), "Syrian" or "North Korean" also come out, as mentions of
    their country with ``feature="demonym"``: news names countries by their adjectives as often
    as by their names, and toponym corpora (GeoWebNews, TR-News) count them. They place no
    event (``locate_events`` leaves them out).

    ``context``: the document's ``document_context``, where a long document's places are found
    a window of segments at a time (it reads the whole text; computed here otherwise).
    """
    gazetteer = gazetteer or _default_gazetteer()
    if context is None:
        context = article_context(document, gazetteer)
    found = candidates(document, segments, gazetteer, context)
    resolved = resolve(found, context, document.text)
    mentions = to_mentions(document, resolved, keep_unresolved=keep_unresolved)
    if demonyms:
        mentions = _merge(mentions, demonym_mentions(document, segments, gazetteer))
    logger.debug("%s: %d place mentions", document.doc_id, len(mentions))
    return mentions


def document_context(document: Document, *, gazetteer: Gazetteer | None = None) -> Context:
    """The countries the whole text names (``context.article_context``), for ``find_places``
    over one document's windows (nothing changes it: each use copies what it adds to)."""
    return article_context(document, gazetteer or _default_gazetteer())


def _merge(places: list[PlaceMention], extra: list[PlaceMention]) -> list[PlaceMention]:
    taken = [(m.start, m.end) for m in places]
    kept = [e for e in extra if not any(s < e.end and e.start < t for s, t in taken)]
    return sorted(places + kept, key=lambda m: m.start)


def locate_events(
    events: list[Event],
    places: list[PlaceMention],
    document: Document,
    *,
    gazetteer: Gazetteer | None = None,
    hidden: list[list[tuple[int, int]]] | None = None,
    last: list[list[tuple[int, int]]] | None = None,
) -> list[Event]:
    """New events, each located from the place mentions its evidence supports (or ``None``);
    ``hidden``: per event, spans whose places cannot be its place; ``last``: spans whose
    places place it only where its sentence names no other."""
    if not events:
        return events
    gazetteer = gazetteer or _default_gazetteer()
    located = _locate_events(events, places, document, gazetteer, hidden, last)
    # a body's vote or statement its sentence places nowhere: where the body sits
    return [e if e.location is not None and e.location.basis == "sentence" else
            e.model_copy(update={"location": _seat_of(e, document, gazetteer) or e.location})
            for e in located]


def seat_of(
    event: Event, document: Document, *, gazetteer: Gazetteer | None = None
) -> Location | None:
    """Where the body that ``event``'s sentence names sits ("the General Assembly adopted"
    -> New York), for a vote or statement (``seat_types`` of resources/places.yaml); else
    ``None``."""
    return _seat_of(event, document, gazetteer or _default_gazetteer())


def place_from_before(
    events: list[Event], places: list[PlaceMention], document: Document, *,
    gazetteer: Gazetteer | None = None,
) -> list[Event]:
    """Events nothing placed, placed where the paragraph before theirs is (once linked)."""
    return _place_from_before(events, places, document, gazetteer or _default_gazetteer())
