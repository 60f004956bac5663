"""Incidents across outlets, on articles written here: one strike told four ways (tolls of 9,
11, 11 and 12; "Sumy" and "Sumy region"; published on three days; four outlets), a planned
strike on the same city, and an unrelated strike the same day 140 km away. Real pipeline,
real SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

import _store_fixtures as fx
from eventwire.cli import app
from eventwire.config import load_config
from eventwire.ingest.run import ingest
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.store import CodedArticle, Store, article_key, open_store, schema
from eventwire.store.incidents import (
    IncidentQuery,
    rebuild_incidents,
    select_incidents,
    update_incidents,
)

db_url = fx.db_url
pg_url = fx.pg_url
runner = CliRunner()

# (id, url, published, title, text)
STRIKE = [
    ("kyiv", "https://kyivindependent.com/sumy-strike", "2024-11-17",
     "Russian missile kills 11 in Sumy",
     "SUMY - A Russian ballistic missile struck a residential building in the centre of Sumy "
     "on Sunday morning, killing 11 people, including two children, and injuring 84 others, "
     "regional officials said."),
    ("ukrinform", "https://www.ukrinform.net/rubric-regions/sumy-region-attack.html",
     "2024-11-18", "Missile attack on Sumy region",
     "Russian troops launched a missile attack on Sumy region on Sunday, killing nine "
     "civilians, the regional military administration said on Monday."),
    ("wire", "https://www.reuters.com/world/europe/missile-hits-sumy", "2024-11-17",
     "Missile hits Ukraine's Sumy",
     "A Russian missile hit an apartment block in the Ukrainian city of Sumy on Sunday, "
     "killing 11 people and wounding dozens, Ukrainian officials said."),
    ("suspilne", "https://suspilne.media/sumy-toll", "2024-11-19", "Sumy toll rises",
     "Twelve people were killed in Sunday's Russian missile strike on Sumy, regional governor "
     "Volodymyr Artiukh said on Tuesday, as rescuers found another body."),
]
PLANNED = ("warning", "https://news.example.org/sumy-warning", "2024-11-18", "Warning for Sumy",
           "Russia is preparing to launch new missile strikes on Sumy, Ukrainian military "
           "intelligence warned on Monday.")
UNRELATED = ("kharkiv", "https://news.example.org/kharkiv-drone", "2024-11-18",
             "Drone attack on Kharkiv",
             "A Russian drone attack on the city of Kharkiv on Sunday killed two people and "
             "wounded five, the city's mayor said on Monday.")
ALL = [*STRIKE, PLANNED, UNRELATED]


def _write_jsonl(path: Path, items: list[tuple[str, str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for doc_id, url, published, title, text in items:
            out.write(json.dumps({"id": doc_id, "url": url, "published": published,
                                  "title": title, "text": text}) + "\n")
    return path


@pytest.fixture(scope="module")
def coded() -> dict[str, CodedArticle]:
    """The six articles coded once by the real pipeline, keyed by id."""
    articles = [Article(id=i, raw=text, url=url, title=title, published=published)
                for i, url, published, title, text in ALL]
    out = {}
    for c in Pipeline(load_config()).process(articles):
        out[c.article.id] = CodedArticle(c.article, article_key(c.article), document=c.document,
                                         events=list(c.events))
    return out


def _by_doc(engine) -> dict[str, list[dict]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[dict]] = {}
    for row in select_incidents(engine):
        for doc_id in row["record"]["doc_ids"]:
            out.setdefault(doc_id, []).append(row)
    return out


def _partition(engine) -> set[tuple]:  # type: ignore[no-untyped-def]
    """Each incident's id, events and summary (place, date, tolls, sources)."""
    return {(row["id"], frozenset(row["record"]["event_ids"]), row["location"], row["date"],
             row["killed"], row["killed_low"], row["killed_high"], row["injured"],
             row["n_sources"], row["type"], row["status"]) for row in select_incidents(engine)}


def test_ingest_links_one_strike_across_four_outlets(db_url: str, tmp_path: Path) -> None:
    corpus = _write_jsonl(tmp_path / "news.jsonl", ALL)
    ingest([str(corpus)], config=load_config(db=db_url, batch_size=2))
    engine = open_store(db_url)
    # ingest stores an article under its identity (here its URL); the id the file gave it is
    # kept in its meta
    with engine.connect() as conn:
        stored = {meta["source_id"]: id_ for id_, meta in conn.execute(
            select(schema.articles.c.id, schema.articles.c.meta))}
    by_doc = _by_doc(engine)
    strike = {row["id"] for d, _, _, _, _ in STRIKE for row in by_doc[stored[d]]
              if row["status"] == "occurred"}
    assert len(strike) == 1, "the four reports of the Sumy strike are one incident"
    (row,) = [r for r in select_incidents(engine) if r["id"] in strike]
    assert row["record"]["doc_ids"] == sorted(stored[d] for d, *_ in STRIKE)
    assert row["n_sources"] == 4 and row["n_articles"] == 4
    assert row["type"] == "ASSAULT" and row["country"] == "UKR"
    assert row["location"] == "Sumy" and row["geo_precision"] == 1  # the city, not the region
    assert row["date"].isoformat() == "2024-11-17"
    # 9, 11, 11, 12: the largest toll two outlets confirm is 11; the range is 9-12
    assert (row["killed"], row["killed_low"], row["killed_high"]) == (11, 9, 12)
    assert row["first_report"].isoformat() == "2024-11-17"
    assert row["last_report"].isoformat() == "2024-11-19"
    assert row["record"]["fatalities"]["by_source"] == {
        "kyivindependent.com": 11, "ukrinform.net": 9, "reuters.com": 11, "suspilne.media": 12}
    # the planned strike on the same city and the Kharkiv strike stay apart
    planned = [r for r in by_doc[stored["warning"]] if r["type"] == "ASSAULT"]
    assert [r["status"] for r in planned] == ["planned"]
    assert planned[0]["id"] not in strike and planned[0]["n_sources"] == 1
    (kharkiv,) = by_doc[stored["kharkiv"]]
    assert kharkiv["id"] not in strike and kharkiv["location"] == "Kharkiv"
    assert kharkiv["killed"] == 2
    # filters: by toll and by number of outlets
    assert [r["id"] for r in select_incidents(engine, IncidentQuery(min_sources=2))] == [
        row["id"]]
    assert {r["id"] for r in select_incidents(engine, IncidentQuery(
        min_killed=2, country="UKR", counted_only=True))} == {row["id"], kharkiv["id"]}
    assert [r["id"] for r in select_incidents(engine, IncidentQuery(admin1="Sumy",
                                                                     min_killed=1))] == [
        row["id"]]


def _store_in_order(url: str, coded: dict[str, CodedArticle], order: list[str],
                    batch: int) -> Store:
    store = Store(url)
    for start in range(0, len(order), batch):
        chunk = [coded[i] for i in order[start:start + batch]]
        store.write_batch(chunk)
        update_incidents(store.engine, [c.key.id for c in chunk])
    return store


def test_order_of_arrival_changes_nothing(coded: dict[str, CodedArticle],
                                          tmp_path: Path) -> None:
    ids = [i for i, *_ in ALL]
    first = _store_in_order(str(tmp_path / "a.db"), coded, ids, 1)
    expected = _partition(first.engine)
    # the strike, the plan, Kharkiv (intelligence warning of Russia's plan threatens no one)
    assert len(expected) >= 3
    rng = random.Random(7)
    orders = [list(reversed(ids))] + [rng.sample(ids, len(ids)) for _ in range(6)]
    for n, (order, batch) in enumerate(zip(orders, itertools.cycle([1, 2, 3, 6]),
                                           strict=False)):
        store = _store_in_order(str(tmp_path / f"o{n}.db"), coded, order, batch)
        assert _partition(store.engine) == expected, f"order {order} in batches of {batch}"
    # a rebuild from scratch gives the same incidents, and clustering twice changes nothing
    rebuild_incidents(first.engine)
    assert _partition(first.engine) == expected
    update_incidents(first.engine, ids)
    assert _partition(first.engine) == expected


@pytest.mark.postgres
def test_order_of_arrival_changes_nothing_on_postgres(coded: dict[str, CodedArticle],
                                                      pg_url: str, tmp_path: Path) -> None:
    ids = [i for i, *_ in ALL]
    reference = _partition(_store_in_order(str(tmp_path / "ref.db"), coded, ids, 6).engine)
    store = _store_in_order(pg_url, coded, list(reversed(ids)), 1)
    assert _partition(store.engine) == reference


def test_cli_lists_and_exports_incidents(coded: dict[str, CodedArticle],
                                         tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    _store_in_order(db, coded, [i for i, *_ in ALL], 6)
    result = runner.invoke(app, ["incidents", "--db", db, "--format", "jsonl",
                                 "--min-sources", "2"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    for key in ("id", "type", "date", "location", "killed", "injured", "sources", "doc_ids",
                "event_ids"):
        assert key in record
    assert record["sources"] == 4 and record["killed"] == 11
    assert record["location"]["name"] == "Sumy"

    result = runner.invoke(app, ["incidents", "--db", db, "--format", "acled",
                                 "--country", "UKR", "--min-killed", "10"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,year")
    assert len(lines) == 2
    row = lines[1]
    for site in ("kyivindependent.com", "reuters.com", "suspilne.media", "ukrinform.net"):
        assert site in row
    assert "Explosions/Remote violence" in row and ",11," in row

    result = runner.invoke(app, ["incidents", "--db", db, "--format", "geojson"])
    collection = json.loads(result.stdout)
    points = {f["properties"]["location"]: f["geometry"]["coordinates"]
              for f in collection["features"]}
    assert points["Sumy"] == pytest.approx([34.80, 50.92], abs=0.05)
    assert points["Kharkiv"] == pytest.approx([36.25, 50.0], abs=0.1)

    result = runner.invoke(app, ["incidents", "--db", db, "--format", "csv", "--type",
                                 "assault", "--since", "2024-11-17", "--until", "2024-11-17"])
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 3  # the header, the Sumy strike, the Kharkiv strike

    result = runner.invoke(app, ["incidents", "--db", db])
    assert result.exit_code == 0 and "Sumy" in result.stdout and "9-12" in result.stdout
    result = runner.invoke(app, ["incidents", "--db", db, "--since", "last week"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output

    result = runner.invoke(app, ["cluster", "--db", db])
    assert result.exit_code == 0 and "incidents" in result.output


def test_a_batch_stored_but_not_clustered_is_clustered_by_the_next_run(
        coded: dict[str, CodedArticle], tmp_path: Path) -> None:
    from eventwire.alerts import IncidentWatch
    from eventwire.store.incidents import unclustered_docs

    ids = [i for i, *_ in ALL]
    reference = _partition(_store_in_order(str(tmp_path / "ref.db"), coded, ids, 6).engine)
    store = Store(str(tmp_path / "killed.db"))
    store.write_batch([coded[i] for i in ids[:3]])
    update_incidents(store.engine, ids[:3])
    store.write_batch([coded[i] for i in ids[3:]])  # killed before clustering this batch
    assert unclustered_docs(store.engine) == sorted(i for i in ids[3:] if coded[i].events)
    IncidentWatch(store.engine).catch_up()
    assert unclustered_docs(store.engine) == []
    assert _partition(store.engine) == reference
