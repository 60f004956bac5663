"""The app built from the environment (``EVENTWIRE_API_*``), for uvicorn's worker processes:
``uvicorn eventwire.api.serve_app:app``."""

from __future__ import annotations

from .main import create_app
from .settings import ApiSettings

app = create_app(ApiSettings())
