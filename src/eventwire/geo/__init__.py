"""Gazetteer and place resolution. (Stub: replaced by the geo helper.)"""

from __future__ import annotations

from ..model import Document, Event, PlaceMention
from ..nlp import Segment


def find_places(document: Document, segments: list[Segment]) -> list[PlaceMention]:
    return []


def locate_events(
    events: list[Event], places: list[PlaceMention], document: Document
) -> list[Event]:
    return events
