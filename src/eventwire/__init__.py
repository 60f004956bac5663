"""eventwire: news in, structured, geocoded, sourced political and conflict events out.

>>> import eventwire
>>> events = eventwire.extract("Protesters clashed with police in Nairobi on Monday.")
"""

from __future__ import annotations

from .config import Config, load_config
from .errors import EventwireError
from .model import (
    EVENT_SCHEMA_VERSION,
    Actor,
    Article,
    Count,
    DateValue,
    Document,
    Event,
    Location,
    PlaceMention,
)
from .pipeline import Pipeline, extract, places

__version__ = "0.1.0"

__all__ = [
    "EVENT_SCHEMA_VERSION",
    "Actor",
    "Article",
    "Config",
    "Count",
    "DateValue",
    "Document",
    "Event",
    "EventwireError",
    "Location",
    "Pipeline",
    "PlaceMention",
    "__version__",
    "extract",
    "load_config",
    "places",
]
