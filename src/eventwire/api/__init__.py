"""The REST API (FastAPI) that ``eventwire serve`` runs: events, incidents, series, exports,
articles and reviews, keyed writes, and the dashboard's static files.

>>> from eventwire.api import create_app
>>> app = create_app(ApiSettings(db="events.db"))
"""

from __future__ import annotations

from .main import create_app
from .settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
