"""The page cache of GET /api/events, the store's generation that keeps it current, the direct
answer of plain queries, and cursor pages under inserts, on real SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, select, update

import _api_fixtures as fx
from _api_fixtures import Api
from eventwire import bench_api
from eventwire.api import ApiSettings, create_app
from eventwire.api.cache import CACHE_HEADER, cache_key
from eventwire.api.direct import plan
from eventwire.store import open_store, schema
from eventwire.store.reviews import add_review

db_url, pg_url, api = fx.db_url, fx.pg_url, fx.api
CACHE = CACHE_HEADER.decode()


def _generation(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(schema.store_generation.c.n)).scalar_one())


def _get(api: Api, **params: str) -> tuple[dict, str | None]:
    response = api.client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json(), response.headers.get(CACHE)


def _insert(engine: Engine, n_events: int, *, seed: int) -> list[str]:
    """Events written as another process would: straight into the tables."""
    ids = []
    with engine.begin() as conn:
        for article, rows in bench_api.synthetic_rows(n_events, seed=seed):
            article["id"] = f"s{seed}{article['id']}"
            article["content_hash"] += str(seed)
            article["canonical_url"] += f"?s={seed}"
            conn.execute(schema.articles.insert(), [article])
            for row in rows:
                row["id"], row["doc_id"] = f"s{seed}{row['id']}", article["id"]
                row["record"] = {**row["record"], "id": row["id"], "doc_id": row["doc_id"]}
                ids.append(row["id"])
            conn.execute(schema.events.insert(), rows)
    return ids


def test_api_cache_key_ignores_the_order_of_names_not_of_repeats() -> None:
    assert cache_key(b"country=UKR&limit=5") == cache_key(b"limit=5&country=UKR")
    assert cache_key(b"q=a%20b") == cache_key(b"q=a+b")
    # the last of a repeated name wins in the route: its order is part of the key
    assert cache_key(b"country=UKR&country=KEN") != cache_key(b"country=KEN&country=UKR")


def test_api_generation_moves_in_every_writing_transaction(db_url: str) -> None:
    engine = open_store(db_url)
    start = _generation(engine)
    [event_id, *_] = _insert(engine, 3, seed=1)
    after_insert = _generation(engine)
    assert after_insert > start
    with engine.begin() as conn:
        conn.execute(update(schema.articles).values(title="Renamed"))
    assert _generation(engine) > after_insert
    before_review = _generation(engine)
    add_review(engine, event_id, verdict="accept", reviewer="analyst")
    after_review = _generation(engine)
    assert after_review > before_review
    with engine.begin() as conn:
        conn.execute(delete(schema.event_reviews))
    assert _generation(engine) > after_review
    settled = _generation(engine)
    with engine.begin() as conn:  # reads leave it alone
        conn.execute(select(schema.events.c.id)).all()
    assert _generation(engine) == settled


def test_api_cache_serves_a_repeated_page_and_a_review_at_once(api: Api) -> None:
    first, state = _get(api, country="UKR", limit="5")
    again, state_again = _get(api, limit="5", country="UKR")  # the same query, reordered
    assert (state, state_again) == ("miss", "hit") and again == first
    sumy = next(item for item in first["items"] if item["location"]["name"] == "Sumy")
    api.review(sumy["id"], verdict="edit", fields={"killed": 12}, comment="recount")
    page, state = _get(api, country="UKR", limit="5")
    assert state == "miss"  # the review moved the generation
    edited = next(item for item in page["items"] if item["id"] == sumy["id"])
    assert edited["killed"]["value"] == 12 and edited["machine"] == {"killed": 11}
    assert edited["review"]["state"] == "edited"
    api.review(sumy["id"], verdict="reject")
    page, _ = _get(api, country="UKR", limit="5")
    assert sumy["id"] not in [item["id"] for item in page["items"]]


def test_api_cache_sees_writes_of_other_processes(api: Api) -> None:
    before, _ = _get(api, limit="500")
    _get(api, limit="500")
    new_ids = _insert(open_store(api.db), 4, seed=2)  # another engine, as another process
    after, state = _get(api, limit="500")
    assert state == "miss"
    assert set(new_ids) <= {item["id"] for item in after["items"]}
    assert len(after["items"]) == len(before["items"]) + 4


def test_api_cache_and_direct_answers_are_the_routes(db_url: str) -> None:
    """The direct answer and the cached one are byte for byte what the route gives (reached
    here through keyed reads, which never take the direct path)."""
    open_made = fx.make_api(db_url)
    keyed = TestClient(create_app(ApiSettings(db=db_url, reads="keyed")))
    queries = [{}, {"country": "ukr"}, {"type": "PROTEST", "sort": "date"},
               {"bbox": "178,-20,-178,-10"}, {"q": "100% shut"}, {"limit": "2"},
               {"since": "2024-11-17", "until": "2024-11-18", "sort": "-killed"},
               {"actor": "police", "include_rejected": "true"}, {"reviewed": "false"}]
    with open_made.client, keyed:
        for params in queries:
            cursor: str | None = None
            while True:
                query = {**params, **({"cursor": cursor} if cursor else {})}
                route = keyed.get("/api/events", params=query, headers=open_made.headers())
                direct = open_made.client.get("/api/events", params=query)
                cached = open_made.client.get("/api/events", params=query)
                assert CACHE not in route.headers
                assert (direct.headers[CACHE], cached.headers[CACHE]) == ("miss", "hit")
                assert route.status_code == direct.status_code == cached.status_code == 200
                assert direct.content == route.content == cached.content, query
                assert direct.headers["content-type"] == route.headers["content-type"]
                cursor = route.json()["next_cursor"]
                if not cursor:
                    break


@pytest.mark.parametrize("query", [
    b"country=UKR&country=KEN",  # repeated
    b"colour=red",  # unknown
    b"country=",  # empty
    b"reviewed=1",  # another spelling of a boolean
    b"since=20241117",  # another spelling of a date
    b"limit=0", b"limit=501", b"limit=05", b"sort=size",
    b"bbox=1,2,3", b"cursor=bm90IGEgY3Vyc29y",
    b"q=" + b"a" * 201,
])
def test_api_direct_leaves_unusual_queries_to_the_route(api: Api, query: bytes) -> None:
    assert plan(query, open_store(api.db)) is None
    response = api.client.get("/api/events?" + query.decode())
    assert response.headers[CACHE] == "miss"  # the route's own answer
    again = api.client.get("/api/events?" + query.decode())
    assert again.status_code == response.status_code
    if response.status_code != 200:  # an error is answered again, never kept
        assert again.headers[CACHE] == "miss" and again.json() == response.json()


def test_api_errors_are_never_cached(api: Api) -> None:
    for _ in range(2):
        response = api.client.get("/api/events", params={"bbox": "1,2,3"})
        assert response.status_code == 400 and response.headers[CACHE] == "miss"
        response = api.client.get("/api/events", params={"limit": "0"})
        assert response.status_code == 422 and response.headers[CACHE] == "miss"


def test_api_keyed_reads_are_not_cached(db_url: str) -> None:
    made = fx.make_api(db_url, reads="keyed")
    with made.client:
        for _ in range(2):
            response = made.client.get("/api/events", headers=made.headers())
            assert response.status_code == 200 and CACHE not in response.headers
        assert made.client.get("/api/events").status_code == 401


def _pages(client: TestClient, params: dict[str, str]) -> Iterator[list[dict]]:
    cursor = None
    while True:
        response = client.get("/api/events",
                              params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        page = response.json()
        yield page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return


@pytest.mark.parametrize("sort", ["-date", "date", "-killed", "confidence"])
def test_api_cursor_pages_give_every_row_once_under_inserts(api: Api, sort: str) -> None:
    engine = open_store(api.db)
    _insert(engine, 40, seed=3)
    before = {item["id"] for item in api.events(include_rejected="true")}
    seen: list[str] = []
    seeds = itertools.count(10)
    rng = random.Random(sort)
    for items in _pages(api.client, {"sort": sort, "limit": "7", "include_rejected": "true"}):
        seen += [item["id"] for item in items]
        if rng.random() < 0.7:  # new events, of every date, between pages
            _insert(engine, rng.randrange(1, 6), seed=next(seeds))
    assert len(seen) == len(set(seen))  # no row twice
    assert before <= set(seen)  # every row there at the start, once


@pytest.mark.postgres
@pytest.mark.parametrize("ping_after_idle_s", [0.0, 3600.0])
def test_api_engine_pings_an_idle_connection_and_replaces_a_dead_one(
        pg_url: str, monkeypatch: pytest.MonkeyPatch, ping_after_idle_s: float) -> None:
    import psycopg
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from _store_fixtures import PG_BASE
    from eventwire.api import main

    engine = main.api_engine(pg_url, threads=1)
    with engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with psycopg.connect(PG_BASE, autocommit=True) as admin:  # the server drops it
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    monkeypatch.setattr(main, "PING_AFTER_IDLE_S", ping_after_idle_s)
    if ping_after_idle_s:  # used again at once: no ping, the dead connection fails once
        with pytest.raises(OperationalError), engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    with engine.connect() as conn:  # idle long enough: pinged, replaced, answers
        assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() != pid
    engine.dispose()


def test_api_item_cache_holds_one_generation_and_drops_the_oldest() -> None:
    from eventwire.api.queries import ItemCache

    items = ItemCache(max_bytes=10)
    assert items.view(5) == {}
    items.put(5, "a", b"1234")
    items.put(5, "b", b"5678")
    items.put(4, "c", b"x")  # written from an older generation's read: not kept
    assert items.view(5) == {"a": b"1234", "b": b"5678"}
    items.put(5, "d", b"90ab")  # past 10 bytes: the oldest goes
    assert items.view(5) == {"b": b"5678", "d": b"90ab"}
    assert items.view(4) is None  # a reader of an older generation reads the database
    assert items.view(6) == {}  # a newer generation starts empty


def test_api_items_kept_by_one_page_show_a_review_in_another(api: Api) -> None:
    ukraine, _ = _get(api, country="UKR")  # reads the Sumy event whole, keeps its item
    sumy = next(item for item in ukraine["items"] if item["location"]["name"] == "Sumy")
    api.review(sumy["id"], verdict="edit", fields={"injured": 40})
    assaults, state = _get(api, type="ASSAULT")  # another page that lists it, never asked
    assert state == "miss"
    edited = next(item for item in assaults["items"] if item["id"] == sumy["id"])
    assert edited["injured"]["value"] == 40 and edited["review"]["state"] == "edited"


def test_api_pages_asked_again_outlast_pages_asked_once() -> None:
    from eventwire.api.cache import Pages

    pages = Pages(max_bytes=100)
    pages.put(("/e", "country=UKR"), 1, [], b"x" * 10)
    assert pages.get(("/e", "country=UKR"), 1) is not None  # asked again: protected
    for n in range(50):  # a flood of date ranges asked once each
        pages.put(("/e", f"since={n}"), 1, [], b"y" * 10)
    assert pages.get(("/e", "country=UKR"), 1) is not None
    assert len(pages) == 10 and pages.bytes == 100
    assert pages.get(("/e", "since=0"), 1) is None  # the oldest asked once left first
    assert pages.get(("/e", "since=49"), 1) is not None


def test_api_pages_keep_the_newest_generation_and_hold_their_bytes() -> None:
    from eventwire.api.cache import Pages

    pages = Pages(max_bytes=100)
    key = ("/e", "type=PROTEST")
    pages.put(key, 2, [], b"new")
    pages.put(key, 1, [], b"older")  # a slower read of an older generation: not kept
    assert pages.get(key, 2) == (2, [], b"new", None)
    assert pages.get(key, 3) is None  # a newer generation: the page is stale
    pages.put(key, 3, [], b"newest")  # a protected key stays protected
    assert key in pages.protected and pages.get(key, 3) == (3, [], b"newest", None)
    assert pages.bytes == len(b"newest") and pages.protected_bytes == len(b"newest")
    for n in range(40):  # protected pages past their share go back on probation, then out
        pages.put(("/e", str(n)), 3, [], b"z" * 10)
        pages.get(("/e", str(n)), 3)
    assert pages.protected_bytes <= 80 and pages.bytes <= 100
    assert pages.bytes == sum(len(p[2]) for p in [*pages.probation.values(),
                                                  *pages.protected.values()])


def test_api_page_asked_at_once_by_many_is_read_once() -> None:
    import asyncio
    import threading
    import time

    from eventwire.api.cache import PageCache

    class Generation:
        async def current(self) -> int:
            return 7

    reads: list[int] = []
    lock = threading.Lock()

    def plan(query: bytes):  # type: ignore[no-untyped-def]
        def read(generation: int, _items: object) -> bytes:
            with lock:
                reads.append(generation)
            time.sleep(0.05)  # long enough for the others to arrive meanwhile
            return b'{"items":[],"next_cursor":null}'
        return read if query != b"fail=1" else None

    async def route(_scope, _receive, send) -> None:  # type: ignore[no-untyped-def]
        await send({"type": "http.response.start", "status": 400, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    cache = PageCache(route, reader=Generation(), max_bytes=10_000, direct=plan)  # type: ignore[arg-type]

    async def get(query: bytes) -> tuple[int, bytes]:
        sent: list[dict] = []

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": "/api/events", "query_string": query}
        await cache(scope, None, send)  # type: ignore[arg-type]
        return sent[0]["status"], sent[1]["body"]

    async def many() -> list[tuple[int, bytes]]:
        # the same page in two spellings, five times at once
        return await asyncio.gather(*[get(b"a=1&b=2" if n % 2 else b"b=2&a=1")
                                      for n in range(5)])

    answers = asyncio.run(many())
    assert reads == [7] and not cache.flights
    assert {answer for answer in answers} == {(200, b'{"items":[],"next_cursor":null}')}
    assert asyncio.run(get(b"fail=1"))[0] == 400  # no direct read: the route answers


def _ids(page: dict) -> list[str]:
    return [item["id"] for item in page["items"]]


def test_api_review_keeps_the_pages_that_cannot_show_its_event(api: Api) -> None:
    kenya, _ = _get(api, country="KEN")
    ukraine, _ = _get(api, country="UKR")
    everything, _ = _get(api)
    assert [_get(api, country="KEN")[1], _get(api, country="UKR")[1]] == ["hit", "hit"]
    sumy = next(item for item in ukraine["items"] if item["location"]["name"] == "Sumy")
    api.review(sumy["id"], verdict="edit", fields={"killed": 13})
    assert _get(api, country="KEN") == (kenya, "hit")  # cannot list the Sumy event
    for params in ({"country": "UKR"}, {}):  # list it: read again, with the edit
        page, state = _get(api, **params)
        assert state == "miss"
        assert next(i for i in page["items"] if i["id"] == sumy["id"])["killed"]["value"] == 13
    assert _ids(_get(api)[0]) == _ids(everything)


def test_api_edit_that_moves_an_event_into_a_filter_reads_that_filter_again(api: Api) -> None:
    fiji, _ = _get(api, country="FJI")
    kenya, _ = _get(api, country="KEN")
    protests, _ = _get(api, type="PROTEST")
    nairobi = next(i for i in kenya["items"] if i["location"]["name"] == "Nairobi")
    assert nairobi["id"] not in _ids(fiji) + _ids(protests)
    api.review(nairobi["id"], verdict="edit", fields={"country": "FJI"})
    moved, state = _get(api, country="FJI")  # did not list it: its filter now matches
    assert state == "miss" and nairobi["id"] in _ids(moved)
    left, state = _get(api, country="KEN")  # listed it
    assert state == "miss" and nairobi["id"] not in _ids(left)
    assert _get(api, type="PROTEST") == (protests, "hit")  # neither
    # rejected, then accepted again: back in the pages its filters make
    api.review(nairobi["id"], verdict="reject")
    assert nairobi["id"] not in _ids(_get(api, country="FJI")[0])
    _get(api, country="FJI")
    api.review(nairobi["id"], verdict="accept")
    back, state = _get(api, country="FJI")
    assert state == "miss" and nairobi["id"] in _ids(back)


def test_api_review_reads_again_the_page_whose_cursor_depends_on_it(api: Api) -> None:
    """A page depends on the event past its end too: its presence gives the page a cursor."""
    first, _ = _get(api, country="KEN", limit="1", sort="-confidence")
    assert first["next_cursor"]
    assert _get(api, country="KEN", limit="1", sort="-confidence")[1] == "hit"
    [last] = [i for i in api.events(country="KEN") if i["id"] not in _ids(first)]
    api.review(last["id"], verdict="reject")
    page, state = _get(api, country="KEN", limit="1", sort="-confidence")
    assert state == "miss" and _ids(page) == _ids(first) and page["next_cursor"] is None


def test_api_store_changes_name_the_events_of_a_review_and_nothing_else(db_url: str) -> None:
    import asyncio

    from eventwire.api.cache import generation_reader

    engine = open_store(db_url)
    [first, second, *_] = _insert(engine, 3, seed=3)
    reader = generation_reader(engine)
    assert reader is not None

    async def changes(write) -> list | None:  # type: ignore[no-untyped-def]
        before = await reader.current()
        write()
        return await reader.changes(before, await reader.current())

    def update_article() -> None:
        with engine.begin() as conn:
            conn.execute(update(schema.articles).values(title="Renamed"))

    def review_and_insert() -> None:
        add_review(engine, second, verdict="accept", reviewer="analyst")
        _insert(engine, 1, seed=4)

    async def run() -> None:
        edited = await changes(lambda: add_review(engine, first, verdict="edit",
                                                  reviewer="analyst", fields={"killed": 9}))
        assert edited is not None and [e.id for e in edited] == [first]
        assert edited[0].review_state == "edited" and edited[0].country
        assert await changes(update_article) is None  # an article: everything may change
        assert await changes(review_and_insert) is None  # an insert among them
        with engine.connect() as conn:  # one generation ago, nothing recorded: a doubt
            n = int(conn.execute(select(schema.store_generation.c.n)).scalar_one())
        assert await reader.changes(n - 1, n) is None

    asyncio.run(run())
    engine.dispose()


def test_api_may_list_says_no_only_where_the_database_would() -> None:
    from eventwire.api.queries import EventState, Filters, may_list

    event = EventState(id="e", country="UKR", admin1="Sumy", type="ASSAULT", status="occurred",
                       actor="Military Forces of Russia", actor_text="Russian missiles",
                       date=date(2024, 11, 17), lat=50.9, lon=34.8, evidence="Missiles hit Sumy")
    yes = [Filters(), Filters(country=" ukr"), Filters(admin1="SUMY"), Filters(actor="russ"),
           Filters(actor="MISSILES"), Filters(q="hit sumy"), Filters(since=date(2024, 11, 17)),
           Filters(bbox=(30, 45, 40, 55)), Filters(bbox=(170, 45, 35, 55)),
           Filters(reviewed=False), Filters(admin1="Сумы"), Filters(q="ё")]  # beyond ASCII: a doubt
    no = [Filters(country="KEN"), Filters(admin1="Odesa"), Filters(type="PROTEST"),
          Filters(actor="police"), Filters(q="drone"), Filters(until=date(2024, 11, 16)),
          Filters(bbox=(35, 45, 40, 55)), Filters(bbox=(170, 45, 30, 55)),
          Filters(reviewed=True), Filters(status="planned")]
    assert all(may_list(f, event) for f in yes)
    assert not any(may_list(f, event) for f in no)
    rejected = EventState(id="r", review_state="rejected")
    assert not may_list(Filters(), rejected)
    assert may_list(Filters(include_rejected=True), rejected)
    assert not may_list(Filters(since=date(2024, 1, 1)), EventState(id="undated"))
