"""GET /api/events, /api/events/{id}, /api/incidents, /api/series, /api/meta and the reviews,
on the real app over real SQLite and PostgreSQL databases."""

from __future__ import annotations

import pytest

import _api_fixtures as fx
from _api_fixtures import Api
from _store_fixtures import make_article
from eventwire.store import article_key

db_url, pg_url, api = fx.db_url, fx.pg_url, fx.api


def _places(items: list[dict]) -> list[str | None]:
    return [(item["location"] or {}).get("name") for item in items]


def _by_place(api: Api, name: str) -> dict:
    return next(e for e in api.events(include_rejected="true")
                if (e["location"] or {}).get("name") == name)


def test_api_events_newest_first_undated_last_with_article_and_review(api: Api) -> None:
    items = api.events()
    assert _places(items) == [None, "Odesa", "Sumy", "Mombasa", "Nairobi", "Labasa"]
    sumy = items[2]
    assert sumy["killed"]["value"] == 11 and sumy["evidence"]["text"].startswith("Russian")
    stored_id = article_key(make_article(1, text=fx.SUMY_TEXT)).id  # the store's id for it
    assert sumy["article"] == {"id": stored_id, "title": "Story 1",
                               "url": "https://news.example.com/story/1",
                               "published": "2024-11-17", "site": "news.example.com"}
    assert sumy["review"] == {"state": None, "reviewer": None, "at": None}
    assert sumy["machine"] == {}


@pytest.mark.parametrize(("params", "expected"), [
    ({"country": "ukr"}, ["Odesa", "Sumy"]),
    ({"admin1": "nairobi area"}, ["Nairobi"]),
    ({"type": "protest"}, [None, "Odesa"]),
    ({"acled_type": "Protests"}, ["Odesa", "Nairobi"]),
    ({"status": "threatened"}, ["Mombasa"]),
    ({"actor": "police"}, ["Nairobi"]),  # the actor's name
    ({"actor": "hundreds of"}, ["Odesa"]),  # the actor's text, not its name
    ({"actor": "protesters (kenya)"}, ["Nairobi"]),  # the recipient
    ({"since": "2024-11-17", "until": "2024-11-18"}, ["Odesa", "Sumy"]),
    ({"bbox": "30,44,35,52"}, ["Odesa", "Sumy"]),
    ({"bbox": "178,-20,-178,-10"}, ["Labasa"]),  # across the antimeridian
    ({"q": "tear gas"}, ["Nairobi"]),
    ({"q": "100% shut"}, ["Mombasa"]),
    ({"q": "100%_shut"}, []),  # % and _ are the characters themselves, not wildcards
    ({"q": "%"}, ["Mombasa"]),
    ({"admin1": "x' OR '1'='1"}, []),  # a parameter, never SQL
    ({"q": "'; DROP TABLE events; --"}, []),
], ids=lambda v: str(v))
def test_api_events_filters(api: Api, params: dict, expected: list) -> None:
    assert _places(api.events(**params)) == expected


@pytest.mark.parametrize("sort", ["date", "-date", "killed", "-killed", "confidence",
                                  "-confidence"])
def test_api_events_pages_of_one_give_the_whole_sorted_list(api: Api, sort: str) -> None:
    name = sort.lstrip("-")
    whole = api.events(sort=sort, limit=500)
    paged = api.events(sort=sort, limit=1)
    assert [e["id"] for e in paged] == [e["id"] for e in whole]
    assert len({e["id"] for e in paged}) == 6

    def key(event: dict):
        value = event[name]
        return value.get("value") if isinstance(value, dict) else value

    known = [key(e) for e in whole if key(e) is not None]
    assert known == sorted(known, reverse=sort.startswith("-"))
    assert all(key(e) is None for e in whole[len(known):])  # unknowns come last


@pytest.mark.parametrize(("params", "status"), [
    ({"cursor": "not-a-cursor"}, 400), ({"bbox": "1,2,3"}, 400), ({"bbox": "0,80,10,70"}, 400),
    ({"limit": 0}, 422), ({"limit": 501}, 422), ({"sort": "evidence"}, 422),
    ({"since": "yesterday"}, 422),
])
def test_api_events_bad_queries_are_refused_with_a_reason(api: Api, params: dict,
                                                          status: int) -> None:
    response = api.client.get("/api/events", params=params)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == "E100" if status == 400 else body["detail"]


def test_api_event_detail_has_evidence_article_text_and_history(api: Api) -> None:
    odesa = _by_place(api, "Odesa")
    detail = api.client.get(f"/api/events/{odesa['id']}").json()
    text = detail["article"]["text"]
    evidence = detail["evidence"]
    assert text == fx.SUMY_TEXT
    assert text[evidence["start"]:evidence["end"]] == evidence["text"]
    assert detail["history"] == []
    assert api.client.get("/api/events/nope").json()["code"] == "E403"
    assert api.client.get("/api/events/nope").status_code == 404


def test_api_review_reject_leaves_default_views_and_keeps_history(api: Api) -> None:
    sumy = _by_place(api, "Sumy")
    result = api.review(sumy["id"], verdict="reject", comment="a duplicate of another report")
    assert result["review"]["reviewer"] == "analyst"
    assert result["event"]["review"]["state"] == "rejected"
    assert "Sumy" not in _places(api.events())
    assert "Sumy" not in _places(api.events(country="UKR"))
    assert "Sumy" in _places(api.events(include_rejected="true"))
    assert "Sumy" not in [i["location"] for i in
                          api.client.get("/api/incidents").json()["items"]]
    detail = api.client.get(f"/api/events/{sumy['id']}").json()
    assert [h["verdict"] for h in detail["history"]] == ["reject"]
    assert detail["history"][0]["comment"] == "a duplicate of another report"
    # accepted again, it comes back; both verdicts stay in the history
    api.review(sumy["id"], verdict="accept")
    assert "Sumy" in _places(api.events())
    detail = api.client.get(f"/api/events/{sumy['id']}").json()
    assert [h["verdict"] for h in detail["history"]] == ["reject", "accept"]
    assert detail["review"]["state"] == "accepted"


def test_api_review_edit_shows_reviewed_and_machine_values_everywhere(api: Api) -> None:
    odesa = _by_place(api, "Odesa")
    api.review(odesa["id"], verdict="edit", fields={"killed": 3, "country": "mda",
                                                    "date": "2024-11-16"},
               comment="the march was in Moldova")
    item = next(e for e in api.events(country="MDA"))
    assert item["id"] == odesa["id"]
    assert item["killed"]["value"] == 3 and item["location"]["country"] == "MDA"
    assert item["date"]["value"] == "2024-11-16"
    assert item["machine"] == {"killed": None, "country": "UKR", "date": "2024-11-18"}
    assert item["review"]["state"] == "edited" and item["review"]["reviewer"] == "analyst"
    assert "Odesa" not in _places(api.events(country="UKR"))
    assert "Odesa" in _places(api.events(until="2024-11-16"))
    # a second edit adds to the first; setting a field back to the machine's value drops it
    api.review(odesa["id"], verdict="edit", fields={"country": "UKR", "status": "ongoing"})
    detail = api.client.get(f"/api/events/{odesa['id']}").json()
    assert detail["machine"] == {"killed": None, "date": "2024-11-18", "status": "occurred"}
    assert detail["location"]["country"] == "UKR" and detail["status"] == "ongoing"
    assert [h["fields"] for h in detail["history"]] == [
        {"killed": 3, "country": "MDA", "date": "2024-11-16"},
        {"country": "UKR", "status": "ongoing"}]
    # the series and the exports count the reviewed values
    days = api.client.get("/api/series", params={"country": "UKR"}).json()["points"]
    assert {p["date"]: p["killed"] for p in days}["2024-11-16"] == 3


@pytest.mark.parametrize(("body", "status"), [
    ({"verdict": "edit", "fields": {"evidence": "x"}}, 400),
    ({"verdict": "edit", "fields": {"type": "PICNIC"}}, 400),
    ({"verdict": "edit", "fields": {"lat": 91}}, 400),
    ({"verdict": "edit", "fields": {"killed": -1}}, 400),
    ({"verdict": "edit", "fields": {}}, 400),
    ({"verdict": "accept", "fields": {"killed": 1}}, 400),
    ({"verdict": "maybe"}, 422),
])
def test_api_review_bad_bodies_are_refused_and_change_nothing(api: Api, body: dict,
                                                              status: int) -> None:
    sumy = _by_place(api, "Sumy")
    response = api.client.post(f"/api/events/{sumy['id']}/reviews", json=body,
                               headers=api.headers())
    assert response.status_code == status, response.text
    assert api.client.get(f"/api/events/{sumy['id']}").json()["history"] == []


def test_api_review_of_unknown_event_is_404(api: Api) -> None:
    response = api.client.post("/api/events/nope/reviews", json={"verdict": "accept"},
                               headers=api.headers())
    assert response.status_code == 404


def test_api_reviewed_filter(api: Api) -> None:
    api.review(_by_place(api, "Nairobi")["id"], verdict="accept")
    assert _places(api.events(reviewed="true")) == ["Nairobi"]
    assert "Nairobi" not in _places(api.events(reviewed="false"))
    assert len(api.events(reviewed="false")) == 5


def test_api_series_by_day_and_week_counts_casualties_of_real_events_only(api: Api) -> None:
    days = api.client.get("/api/series", params={"country": "KEN"}).json()
    assert days == {"interval": "day", "points": [
        {"date": "2024-06-25", "events": 1, "killed": 2, "injured": 0},
        {"date": "2024-06-26", "events": 1, "killed": 0, "injured": 0},  # only threatened
    ]}
    weeks = api.client.get("/api/series", params={"interval": "week"}).json()["points"]
    assert weeks == [
        {"date": "2024-06-24", "events": 2, "killed": 2, "injured": 0},
        {"date": "2024-11-11", "events": 1, "killed": 11, "injured": 80},  # Sunday the 17th
        {"date": "2024-11-18", "events": 2, "killed": 0, "injured": 0},
    ]


def test_api_incidents_answer_one_per_event_until_clustering(api: Api) -> None:
    page = api.client.get("/api/incidents", params={"country": "UKR", "limit": 1}).json()
    assert len(page["items"]) == 1 and page["next_cursor"]
    incident = page["items"][0]
    assert incident["location"] == "Odesa" and incident["n_events"] == 1
    assert incident["event_ids"] == [incident["id"]]


def test_api_meta_lists_what_the_filters_offer(api: Api) -> None:
    meta = api.client.get("/api/meta").json()
    assert meta["events"] == 6
    assert meta["countries"] == ["FJI", "KEN", "UKR"]
    assert meta["types"] == ["ASSAULT", "COERCE", "PROTEST", "THREATEN"]
    assert "Protests" in meta["acled_types"] and meta["statuses"] == ["occurred", "threatened"]
    assert meta["dates"] == {"first": "2024-06-25", "last": "2024-11-19"}
    assert meta["reads_keyed"] is False and "killed" in meta["editable_fields"]


def test_api_healthz_names_the_database(api: Api) -> None:
    body = api.client.get("/healthz").json()
    assert body["status"] == "ok" and body["database"] in ("sqlite", "postgresql")


def test_api_box_finds_points_on_its_edges_and_the_grid_lines(api: Api) -> None:
    """The box filter goes through one-degree cells (schema.grid_cell, computed by the
    database): a point on an edge, on a grid line, at a pole or on the antimeridian is found
    by every box that holds it, narrow (through its cells) or wide (past MAX_CELLS)."""
    import random

    from eventwire import bench_api
    from eventwire.api.queries import MAX_CELLS
    from eventwire.store import open_store, schema

    points = [(0.0, 0.0), (-0.5, -0.5), (10.0, 20.0), (9.9999, 19.9999), (-90.0, -180.0),
              (90.0, 180.0), (45.5, 179.99), (-33.0, -70.0), (-33.0001, -70.0001)]
    engine = open_store(api.db)
    with engine.begin() as conn:
        for n, (lat, lon) in enumerate(points):
            [(article, [row])] = list(bench_api.synthetic_rows(1, seed=100 + n))
            article["id"] = row["doc_id"] = f"grid{n}"
            article["canonical_url"] += f"?grid={n}"
            row["id"], row["lat"], row["lon"] = f"grid{n}e0", lat, lon
            row["record"] = {**row["record"], "id": row["id"], "doc_id": row["doc_id"]}
            conn.execute(schema.articles.insert(), [article])
            conn.execute(schema.events.insert(), [row])
    rng = random.Random(4)
    boxes = [(lon, lat, lon, lat) for lat, lon in points]  # the point alone
    boxes += [(lon - 1, lat - 1, lon, lat) for lat, lon in points if lat > -90 and lon > -180]
    boxes += [(-180, -90, 180, 90), (-10, -10, 10, 10), (-71, -34, -70, -33)]
    for _ in range(30):
        west, east = sorted(rng.uniform(-180, 180) for _ in range(2))
        south, north = sorted(rng.uniform(-90, 90) for _ in range(2))
        boxes.append((round(west, 1), round(south, 1), round(east, 1), round(north, 1)))
    narrow = 0
    for west, south, east, north in boxes:
        expected = {f"grid{n}e0" for n, (lat, lon) in enumerate(points)
                    if south <= lat <= north and west <= lon <= east}
        found = {item["id"] for item in api.events(bbox=f"{west},{south},{east},{north}",
                                                   limit=500) if item["id"].startswith("grid")}
        assert found == expected, (west, south, east, north)
        narrow += len(schema.grid_cells(west, south, east, north)) <= MAX_CELLS
    assert 10 < narrow < len(boxes)  # both ways were taken
