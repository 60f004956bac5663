"""Shared helpers for the store/ingest/export tests: databases and hand-made events."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from eventwire.model import (
    AcledType,
    Actor,
    Article,
    Count,
    DateValue,
    Event,
    Evidence,
    Location,
)

PG_BASE = os.environ.get("EVENTWIRE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def pg_available() -> bool:
    import psycopg

    try:
        psycopg.connect(PG_BASE, connect_timeout=3).close()
        return True
    except psycopg.Error:
        return False


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose tables live in a schema of their own, dropped afterwards."""
    import psycopg

    if not pg_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {PG_BASE} (CI must start it)")
        pytest.skip(f"PostgreSQL is not reachable at {PG_BASE}")
    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_BASE, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield f"{PG_BASE}?options=-csearch_path%3D{schema}"
    from eventwire.store.db import open_store

    open_store.cache_clear()
    with psycopg.connect(PG_BASE, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    return request.getfixturevalue("pg_url")


def make_article(n: int, *, url: str | None = None, text: str | None = None) -> Article:
    return Article(id=f"doc{n}", raw=text or f"Article number {n} says something new.",
                   url=url if url is not None else f"https://news.example.com/story/{n}",
                   title=f"Story {n}")


def make_event(doc_id: str, n: int = 0, **overrides) -> Event:  # type: ignore[no-untyped-def]
    from datetime import date

    start = 10 * n
    values = {
        "id": Event.make_id(doc_id, start, start + 60, "ASSAULT"),
        "doc_id": doc_id,
        "type": "ASSAULT",
        "mode": "missile",
        "acled": AcledType(event_type="Explosions/Remote violence",
                           sub_event_type="Shelling/artillery/missile attack"),
        "cameo": "195",
        "intensity": -10.0,
        "status": "occurred",
        "actor": Actor(text="Russian", name="Russia", country="RUS", sector="MIL"),
        "recipient": Actor(text="civilians", name="Civilians (Ukraine)", country="UKR",
                           sector="CVL"),
        "location": Location(text="Sumy", name="Sumy", admin1="Sumy", country="UKR",
                             lat=50.9174, lon=34.7991, geonameid=692194, precision=1,
                             feature="city"),
        "date": DateValue(value=date(2024, 11, 17), precision="day", basis="relative",
                          text="on Sunday"),
        "killed": Count(value=11, low=11, high=11, children=2, text="killed 11 people"),
        "injured": Count(value=80, low=81, text="wounded over 80 others"),
        "evidence": Evidence(text="A Russian missile killed 11 people in Sumy on Sunday.",
                             start=start, end=start + 60),
        "confidence": 0.86,
    }
    values.update(overrides)
    return Event(**values)
