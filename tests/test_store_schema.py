"""The store on real SQLite files and the real PostgreSQL: migrations, writes, queries."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text

import _store_fixtures as fx
from eventwire.errors import EmptyInputError
from eventwire.store import (
    CodedArticle,
    ErrorInfo,
    EventQuery,
    Store,
    article_key,
    create_db_engine,
    identified,
    list_errors,
    select_events,
    upgrade,
)
from eventwire.store import schema as s
from eventwire.store.db import alembic_config

db_url = fx.db_url
pg_url = fx.pg_url
make_article, make_event = fx.make_article, fx.make_event


def _coded(n: int, events: int = 2, **kw) -> CodedArticle:  # type: ignore[no-untyped-def]
    article, key = identified(make_article(n, **kw))
    return CodedArticle(article, key,
                        events=[make_event(article.id, i) for i in range(events)])


def test_store_upgrade_head_equals_metadata(db_url: str) -> None:
    engine = create_db_engine(db_url)
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                s.metadata)
        version = conn.execute(text("select version_num from alembic_version")).scalar_one()
    assert diff == []
    # the newest revision, whichever it is (the branches' migrations are chained at merge)
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert version == head


def test_store_sqlite_is_wal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store(str(tmp_path / "w.db"))
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one().lower() == "wal"


def test_store_write_is_idempotent(db_url: str) -> None:
    store = Store(db_url)
    batch = [_coded(1), _coded(2, events=0), _coded(3, events=3)]
    first = store.write_batch(batch)
    again = store.write_batch(batch)
    assert (first.articles, first.events, first.duplicates) == (3, 5, 0)
    assert (again.articles, again.events, again.duplicates) == (0, 0, 3)
    assert store.counts()["articles"] == 3
    assert store.counts()["events"] == 5


def test_store_same_text_under_another_url_is_stored_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store(str(tmp_path / "d.db"))
    store.write_batch([_coded(1, url="https://news.example.com/a", text="Same words here.")])
    twin = make_article(2, url="https://mirror.example.org/b", text="Same   words here.")
    key = article_key(twin)
    assert store.known([key])
    counts = store.write_batch([CodedArticle(twin, key, events=[make_event(twin.id)])])
    assert counts.articles == 0 and counts.duplicates == 1
    assert store.counts() == {"articles": 1, "events": 2, "ingest_errors": 0, "runs": 0}


@pytest.mark.parametrize("url", ["https://news.example.com/a",
                                 "http://www.news.example.com/a/?utm_source=x"])
def test_store_same_url_other_text_is_a_new_version(tmp_path, url: str) -> None:  # type: ignore[no-untyped-def]
    store = Store(str(tmp_path / "d.db"))
    store.write_batch([_coded(1, url="https://news.example.com/a", text="Six were killed.")])
    update = make_article(2, url=url, text="Eleven were killed.")
    key = article_key(update)
    assert not store.known([key])  # to be coded again
    counts = store.write_batch([CodedArticle(update, key, events=[make_event(update.id, 5)])])
    assert (counts.articles, counts.versions, counts.events) == (0, 1, 1)
    assert store.counts()["articles"] == 1
    assert store.counts()["events"] == 1  # the old version's two events are gone
    with store.engine.connect() as conn:
        versions = conn.execute(select(s.article_versions.c.version)).scalars().all()
        stored = conn.execute(select(s.articles.c.version, s.articles.c.n_events)).one()
    assert sorted(versions) == [1, 2] and tuple(stored) == (2, 1)


def test_store_errors_logged_once_per_fingerprint(db_url: str) -> None:
    store = Store(db_url)
    run = store.start_run(sources=["x"], options={}, engine="local")
    err = ErrorInfo.from_error(EmptyInputError("nothing to read", where="a.txt"),
                               source="a.txt", item="a.txt")
    store.write_batch([], [err], run_id=run)
    store.write_batch([], [err], run_id=run)
    rows = list_errors(store.engine)
    assert len(rows) == 1
    assert rows[0]["code"] == "E101" and rows[0]["run_id"] == run


def test_store_batch_is_atomic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store(str(tmp_path / "a.db"))
    good = _coded(1)
    bad = _coded(2)
    bad.events[0] = make_event("no-such-article")  # foreign key violation mid-batch
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        store.write_batch([good, bad])
    assert store.counts()["articles"] == 0 and store.counts()["events"] == 0


@pytest.mark.parametrize(("query", "expected"), [
    (EventQuery(), 4),
    (EventQuery(country="ukr"), 3),
    (EventQuery(type="protest"), 1),
    (EventQuery(status="planned"), 1),
    (EventQuery(since=date(2024, 11, 18)), 1),
    (EventQuery(until=date(2024, 11, 17)), 3),
    (EventQuery(bbox=(30.0, 45.0, 40.0, 55.0)), 3),
    (EventQuery(min_killed=5), 1),
    (EventQuery(min_killed=3), 2),
    (EventQuery(text="missile"), 3),
    (EventQuery(admin1="sumy"), 3),
    (EventQuery(limit=2), 2),
])
def test_store_query_filters(db_url: str, query: EventQuery, expected: int) -> None:
    from eventwire.model import Count, DateValue, Evidence, Location

    store = Store(db_url)
    article = make_article(1)
    events = [
        make_event(article.id, 0),
        make_event(article.id, 1, status="planned", killed=None),
        make_event(article.id, 2, killed=Count(value=3, text="three")),
        make_event(article.id, 3, type="PROTEST", killed=None,
                   date=DateValue(value=date(2024, 11, 20)),
                   evidence=Evidence(text="Protesters marched in Paris.", start=90, end=120),
                   location=Location(name="Paris", admin1="Ile-de-France", country="FRA",
                                     lat=48.85, lon=2.35)),
    ]
    store.write_batch([CodedArticle(article, article_key(article), events=events)])
    rows = list(select_events(store.engine, query))
    assert len(rows) == expected
    assert all(r["article_url"] == article.url for r in rows)


def test_store_event_record_round_trips(db_url: str) -> None:
    from eventwire.model import Event

    store = Store(db_url)
    coded = _coded(7, events=1)
    store.write_batch([coded])
    (row,) = select_events(store.engine)
    assert Event.model_validate(row["record"]) == coded.events[0]
    assert (row["killed"], row["injured"], row["country"], row["date"]) == (
        11, 80, "UKR", date(2024, 11, 17))
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.events)).scalar_one() == 1


def test_store_keeps_the_cleaned_text_event_offsets_index(db_url: str) -> None:
    from eventwire.model import Document

    article = make_article(7, text="  A missile hit Sumy.  ")
    doc = Document(doc_id=article.id, text="A missile hit Sumy.")
    Store(db_url).write_batch([CodedArticle(article, article_key(article), document=doc)])
    engine = create_db_engine(db_url)
    with engine.connect() as conn:
        stored = conn.execute(select(s.articles.c.text)).scalar_one()
    assert stored == "A missile hit Sumy."


def test_store_upgrade_fills_the_actor_words_of_stored_events(db_url: str) -> None:
    """Migration 0008 fills events.actor_text and recipient_text from the stored records, and
    the triggers of 0006 still say which events a later update changes."""
    from sqlalchemy import MetaData, Table, update

    from eventwire import bench_api

    engine = create_db_engine(db_url)
    upgrade(engine, "0007")
    article, rows = next(bench_api.synthetic_rows(2, seed=5))
    for row in rows:
        del row["actor_text"], row["recipient_text"]
    rows[1]["record"] = {**rows[1]["record"], "recipient": {"text": "the crowd", "name": None}}
    with engine.begin() as conn:
        tables = MetaData()
        conn.execute(Table("articles", tables, autoload_with=conn).insert(), [article])
        conn.execute(Table("events", tables, autoload_with=conn).insert(), rows)
    upgrade(engine)
    with engine.begin() as conn:
        stored = conn.execute(select(s.events.c.id, s.events.c.actor_text,
                                     s.events.c.recipient_text).order_by(s.events.c.id)).all()
        conn.execute(update(s.events).where(s.events.c.id == rows[0]["id"]).values(killed=3))
    with engine.connect() as conn:
        n = conn.execute(select(s.store_generation.c.n)).scalar_one()
        logged = conn.execute(select(s.store_changes.c.event_id)
                              .where(s.store_changes.c.n == n)).scalars().all()
    assert [tuple(r) for r in stored] == [
        (rows[0]["id"], rows[0]["record"]["actor"]["text"], None),
        (rows[1]["id"], rows[1]["record"]["actor"]["text"], "the crowd")]
    assert logged == [rows[0]["id"]]
    engine.dispose()
