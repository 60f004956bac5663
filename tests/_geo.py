"""Locating one short text end to end (spaCy, find_places, locate_events), for the geo tests."""

from __future__ import annotations

from spacy.language import Language

from eventwire.geo import Gazetteer, find_places, locate_events
from eventwire.model import Document, Event, Evidence, Location, PlaceMention
from eventwire.nlp import parse_segments


def locate(
    nlp: Language, gazetteer: Gazetteer, text: str, trigger: str | None = None
) -> tuple[list[PlaceMention], Location | None]:
    """The place mentions of ``text`` and the location of an event told by all of it."""
    document = Document(doc_id="t", text=text, paragraphs=[(0, len(text))])
    segments = parse_segments(nlp, [(0, text)])
    mentions = find_places(document, segments, gazetteer=gazetteer)
    event = Event(
        id=Event.make_id("t", 0, len(text), "ASSAULT"), doc_id="t", type="ASSAULT",
        trigger=trigger, evidence=Evidence(text=text, start=0, end=len(text)),
    )  # fmt: skip
    return mentions, locate_events([event], mentions, document, gazetteer=gazetteer)[0].location
