"""POST /api/articles codes an article with the real pipeline and stores it with its text;
GET /api/articles/{id} gives it back with its events; ``eventwire ingest`` keeps the text too."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

import _api_fixtures as fx
from _api_fixtures import Api
from eventwire.cli import app as cli
from eventwire.store import open_store, schema

db_url, pg_url, api = fx.db_url, fx.pg_url, fx.api

STORY = ("KHARKIV, Ukraine - A Russian drone struck an apartment block in Kharkiv on Monday, "
         "killing three people and wounding nine, the regional governor said.\n\n"
         "Firefighters worked through the night.")


def test_api_post_text_codes_and_stores_it_with_its_text(api: Api) -> None:
    response = api.client.post("/api/articles", json={"text": STORY, "title": "Drone strike",
                                                      "published": "2024-05-13"},
                               headers=api.headers())
    assert response.status_code == 201, response.text
    article = response.json()
    assert article["created"] is True and article["title"] == "Drone strike"
    assert article["published"] == "2024-05-13"
    text = article["text"]
    assert "apartment block in Kharkiv" in text
    strike = next(e for e in article["events"] if e["type"] == "ASSAULT")
    assert strike["killed"]["value"] == 3
    assert strike["date"]["value"] == "2024-05-13"  # "on Monday", from the published date
    evidence = strike["evidence"]
    assert text[evidence["start"]:evidence["end"]] == evidence["text"]
    assert strike["article"]["id"] == article["id"]
    # it is in the store: the list, the event and the article read it back
    assert strike["id"] in {e["id"] for e in api.events(country="UKR")}
    again = api.client.get(f"/api/articles/{article['id']}").json()
    assert again["text"] == text and [e["id"] for e in again["events"]] == [
        e["id"] for e in article["events"]]
    detail = api.client.get(f"/api/events/{strike['id']}").json()
    assert detail["article"]["text"] == text


def test_api_post_the_same_article_twice_stores_it_once(api: Api) -> None:
    first = api.client.post("/api/articles", json={"text": STORY}, headers=api.headers())
    second = api.client.post("/api/articles", json={"text": STORY + "\n"},
                             headers=api.headers())
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["created"] is False and second.json()["id"] == first.json()["id"]
    assert api.client.get("/api/meta").json()["events"] == 6 + len(first.json()["events"])


def test_api_post_html(api: Api) -> None:
    html = (f"<html><head><title>Kharkiv</title></head><body><nav>Home | World</nav>"
            f"<article><p>{STORY.split(chr(10))[0]}</p></article></body></html>")
    response = api.client.post("/api/articles", json={"html": html}, headers=api.headers())
    assert response.status_code == 201, response.text
    assert "Home | World" not in response.json()["text"]
    assert any(e["type"] == "ASSAULT" for e in response.json()["events"])


@pytest.mark.parametrize("body", [{}, {"text": STORY, "url": "https://example.org/a"},
                                  {"text": ""}, {"text": STORY, "colour": "red"}])
def test_api_post_needs_exactly_one_source(api: Api, body: dict) -> None:
    response = api.client.post("/api/articles", json=body, headers=api.headers())
    assert response.status_code == 422


def test_api_post_unreadable_text_says_why(api: Api) -> None:
    response = api.client.post("/api/articles", json={"text": "   \n  "},
                               headers=api.headers())
    assert response.status_code == 400
    assert response.json()["code"].startswith("E1")


def test_api_get_unknown_article_is_404(api: Api) -> None:
    response = api.client.get("/api/articles/nope")
    assert response.status_code == 404 and response.json()["code"] == "E401"


def test_ingest_stores_the_cleaned_text(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text(STORY, encoding="utf-8")
    db = str(tmp_path / "ingest.db")
    result = CliRunner().invoke(cli, ["ingest", str(source), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    with open_store(db).connect() as conn:
        text = conn.execute(select(schema.articles.c.text)).scalar_one()
    assert text.startswith("KHARKIV, Ukraine - A Russian drone struck")
