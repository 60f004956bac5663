"""The store: schema, migrations, writing coded articles, and queries (SQLAlchemy Core).

One schema for SQLite (a bare path, WAL mode) and PostgreSQL (``postgresql://...``).
"""

from __future__ import annotations

from .db import create_db_engine, database_url, open_store, upgrade
from .incidents import IncidentQuery, rebuild_incidents, select_incidents, update_incidents
from .keys import ArticleKey, article_key, canonical_url, content_hash, identified
from .query import EventQuery, list_articles, list_errors, list_runs, run_status, select_events
from .writer import BatchCounts, CodedArticle, ErrorInfo, Store

__all__ = [
    "ArticleKey",
    "BatchCounts",
    "CodedArticle",
    "ErrorInfo",
    "EventQuery",
    "IncidentQuery",
    "Store",
    "article_key",
    "canonical_url",
    "content_hash",
    "create_db_engine",
    "database_url",
    "identified",
    "list_articles",
    "list_errors",
    "list_runs",
    "open_store",
    "rebuild_incidents",
    "run_status",
    "select_events",
    "select_incidents",
    "update_incidents",
    "upgrade",
]
