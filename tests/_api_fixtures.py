"""Shared helpers for the API tests: a seeded database (SQLite or PostgreSQL), the real app,
and API keys. The articles and events are written here, by hand."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from fastapi.testclient import TestClient

import _store_fixtures as fx
from eventwire.api import ApiSettings, create_app
from eventwire.model import AcledType, Actor, Count, DateValue, Document, Evidence, Location
from eventwire.store import CodedArticle, Store, article_key, open_store
from eventwire.store.apikeys import create_key

db_url = fx.db_url
pg_url = fx.pg_url

SUMY_TEXT = ("Russian missiles struck Sumy on Sunday, killing 11 people, officials said. "
             "Hours later, hundreds of people marched in Odesa against the strikes.")
NAIROBI_TEXT = ("Police fired tear gas at protesters in Nairobi on Tuesday; two people died. "
                "Unions threatened a 100% shutdown_now of the port in Mombasa on Wednesday.")
FIJI_TEXT = "Gunmen attacked a village near Labasa, on Vanua Levu, the police said."


def _span(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(text=sentence, start=start, end=start + len(sentence))


def _place(name: str, admin1: str, country: str, lat: float, lon: float) -> Location:
    return Location(text=name, name=name, admin1=admin1, country=country, lat=lat, lon=lon,
                    precision=1, feature="city")


def seed_articles() -> list[CodedArticle]:
    """Three articles, six events: Ukraine (Sumy, Odesa), Kenya (Nairobi, Mombasa), Fiji."""
    make = fx.make_event
    sumy = fx.make_article(1, text=SUMY_TEXT)
    nairobi = fx.make_article(2, text=NAIROBI_TEXT)
    fiji = fx.make_article(3, text=FIJI_TEXT)
    police = Actor(text="Police", name="Police Forces of Kenya", country="KEN", sector="GOV")
    protesters = Actor(text="protesters", name="Protesters (Kenya)", country="KEN",
                       sector="CVL")
    unions = Actor(text="Unions", name="Labour Group (Kenya)", country="KEN", sector="CVL")
    sumy_events = [
        make(sumy.id, 0, evidence=_span(SUMY_TEXT, SUMY_TEXT.split(". ")[0] + "."),
             date=DateValue(value=date(2024, 11, 17)), confidence=0.9),
        make(sumy.id, 1, type="PROTEST", mode="demonstrate",
             acled=AcledType(event_type="Protests", sub_event_type="Peaceful protest"),
             actor=Actor(text="hundreds of people", name="Protesters (Ukraine)", country="UKR",
                         sector="CVL"), recipient=None,
             location=_place("Odesa", "Odesa", "UKR", 46.4775, 30.7326),
             date=DateValue(value=date(2024, 11, 18)), killed=None, injured=None,
             evidence=_span(SUMY_TEXT, SUMY_TEXT.split(". ")[1]), confidence=0.6),
    ]
    nairobi_events = [
        make(nairobi.id, 0, type="COERCE", mode="crowd control",
             acled=AcledType(event_type="Protests", sub_event_type="Excessive force against "
                             "protesters"), actor=police, recipient=protesters,
             location=_place("Nairobi", "Nairobi Area", "KEN", -1.2833, 36.8167),
             date=DateValue(value=date(2024, 6, 25)),
             killed=Count(value=2, text="two people died"), injured=None,
             evidence=_span(NAIROBI_TEXT, NAIROBI_TEXT.split("; ")[0]), confidence=0.8),
        make(nairobi.id, 1, type="THREATEN", mode="strike", status="threatened",
             acled=AcledType(event_type="Strategic developments", sub_event_type="Other"),
             actor=unions, recipient=None,
             location=_place("Mombasa", "Mombasa", "KEN", -4.0547, 39.6636),
             date=DateValue(value=date(2024, 6, 26)),
             killed=Count(value=5, text="five"), injured=None,
             evidence=_span(NAIROBI_TEXT, NAIROBI_TEXT.split("; ")[1]), confidence=0.3),
    ]
    fiji_events = [
        make(fiji.id, 0, type="ASSAULT", mode="armed attack",
             acled=AcledType(event_type="Violence against civilians", sub_event_type="Attack"),
             actor=Actor(text="Gunmen", name="Unidentified Armed Group (Fiji)", country="FJI",
                         sector="REB"), recipient=None,
             location=_place("Labasa", "Northern", "FJI", -16.4167, 179.3833),
             date=None, killed=None, injured=None, evidence=_span(FIJI_TEXT, FIJI_TEXT),
             confidence=0.5),
        make(fiji.id, 1, type="PROTEST", mode=None, acled=None, actor=None, recipient=None,
             location=None, date=DateValue(value=date(2024, 11, 19)), killed=None,
             injured=None, evidence=_span(FIJI_TEXT, "the police said."), confidence=0.2),
    ]
    out = []
    for article, events, text, published in (
            (sumy, sumy_events, SUMY_TEXT, date(2024, 11, 17)),
            (nairobi, nairobi_events, NAIROBI_TEXT, date(2024, 6, 25)),
            (fiji, fiji_events, FIJI_TEXT, None)):
        document = Document(doc_id=article.id, text=text, title=article.title,
                            published=published, url=article.url, site="news.example.com",
                            language="en")
        out.append(CodedArticle(article, article_key(article), document=document,
                                events=events))
    return out


@dataclass
class Api:
    """The real app on a seeded database, a client, and keys."""

    client: TestClient
    db: str
    key: str

    def headers(self, key: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {key or self.key}"}

    def events(self, **params: object) -> list[dict]:
        """Every event the filters give, all pages read."""
        items, cursor = [], None
        while True:
            query = {**params, **({"cursor": cursor} if cursor else {})}
            response = self.client.get("/api/events", params=query)
            assert response.status_code == 200, response.text
            page = response.json()
            items += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                return items

    def review(self, event_id: str, **body: object) -> dict:
        response = self.client.post(f"/api/events/{event_id}/reviews", json=body,
                                    headers=self.headers())
        assert response.status_code == 201, response.text
        return response.json()


def make_api(db: str, **settings: object) -> Api:
    Store(db).write_batch(seed_articles())
    key, _ = create_key(open_store(db), "analyst")
    app = create_app(ApiSettings(db=db, **settings))  # type: ignore[arg-type]
    return Api(TestClient(app), db, key)


@pytest.fixture
def api(db_url: str) -> Iterator[Api]:
    made = make_api(db_url)
    with made.client:
        yield made
