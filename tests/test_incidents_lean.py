"""Clustering in bounded memory: lean events link as whole ones do, an article's context read
one event at a time is the one ``in_context`` reads, and incidents summarised a few at a time
are the incidents summarised all at once. Events made here (``bench.synthetic_mentions``: one
to five outlets per happening), stored with the store's own writer, real SQLite."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import select

from eventwire.bench import synthetic_mentions
from eventwire.cluster import (
    ArticleContext,
    LeanEvents,
    Mention,
    components,
    in_context,
    link_score,
    with_context,
)
from eventwire.model import Article, Event, Evidence, Location
from eventwire.store import CodedArticle, Store, article_key, schema
from eventwire.store import incidents as store_incidents
from eventwire.store.incidents import rebuild_incidents, update_incidents


def _mentions(n: int = 400) -> list[Mention]:
    out = []
    for k, m in enumerate(synthetic_mentions(n, seed=3)):
        event = m.event
        if k % 7 == 0:  # some unplaced: they take their article's place
            event = event.model_copy(update={"location": None})
        if k % 5 == 0:  # and a supporting sentence with a name in it
            event = event.model_copy(update={"supports": [
                Evidence(text=f"Witness Zorabel saw it ({k}).", start=0, end=10)]})
        out.append(Mention(event=event, published=m.published, site=m.site, title=f"T{k % 3}"))
    return out


def test_lean_events_keep_what_linking_reads_and_share_equal_parts() -> None:
    lean = LeanEvents()
    records = [m.event.model_dump(mode="json") for m in _mentions(50)]
    events = [lean(r) for r in records]
    assert all(e.evidence.text == "" and e.supports == [] for e in events)
    by_place: dict[tuple, Location] = {}
    for event in events:
        if event.location is not None:
            key = (event.location.name, event.location.lat, event.location.lon)
            assert by_place.setdefault(key, event.location) is event.location
    assert len(by_place) < sum(e.location is not None for e in events)
    whole = in_context(_mentions(50))
    contexts = {m.doc_id: (m.signature, m.article_place) for m in whole}
    thin = [with_context(Mention(event=e, published=m.published, site=m.site, title=m.title),
                         *contexts[m.doc_id]) for e, m in zip(events, _mentions(50), strict=True)]
    scores = [link_score(a, b) for a, b in pairwise(whole)]
    assert any(scores)
    assert [link_score(a, b) for a, b in pairwise(thin)] == scores


def test_article_context_read_one_event_at_a_time_is_in_context() -> None:
    mentions = _mentions()
    expected = {m.id: (m.signature, m.article_place, m.event.location) for m in
                in_context(mentions)}
    read: dict[str, ArticleContext] = {}
    for m in mentions:
        read.setdefault(m.doc_id, ArticleContext()).add(m)
    for m in mentions:
        got = with_context(m, *read[m.doc_id].result())
        assert (got.signature, got.article_place, got.event.location) == expected[m.id]


def test_one_article_alone_is_one_incident_per_event() -> None:
    one = [m for m in in_context(_mentions()) if m.doc_id == "h0r0"]
    many = [Mention(event=m.event.model_copy(update={"id": f"{m.id}{k}"}), published=m.published)
            for k in range(50) for m in one]
    assert len(components(many, fresh={m.id for m in many})) == len(many)


def _store(path: Path, mentions: list[Mention]) -> Store:
    store = Store(str(path))
    by_doc: dict[str, list] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m.event)
    coded = []
    for doc, events in sorted(by_doc.items()):
        article = Article(id=doc, raw=f"text of {doc}", url=f"https://{doc}.example/a",
                          published=mentions[0].published)
        coded.append(CodedArticle(article, article_key(article), events=events))
    store.write_batch(coded)
    return store


def _state(store: Store) -> tuple[list, list]:
    with store.engine.connect() as conn:
        rows = [{k: v for k, v in r._mapping.items() if k != "updated_at"}
                for r in conn.execute(select(schema.incidents).order_by(schema.incidents.c.id))]
        links = conn.execute(select(schema.events.c.id, schema.events.c.incident_id)
                             .order_by(schema.events.c.id)).all()
    return rows, links


@pytest.mark.parametrize("batch", [1, 7])
def test_incidents_summarised_in_small_batches_are_those_of_one_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int) -> None:
    mentions = _mentions()
    docs = sorted({m.doc_id for m in mentions})
    half = set(docs[::2])
    whole = _store(tmp_path / "whole.db", mentions)
    update_incidents(whole.engine, sorted(half))
    update_incidents(whole.engine, [d for d in docs if d not in half])
    expected = _state(whole)
    assert len(expected[0]) < len(mentions)  # outlets' reports were linked

    monkeypatch.setattr(store_incidents, "_SUMMARY_EVENTS", batch)
    small = _store(tmp_path / f"small{batch}.db", mentions)
    update_incidents(small.engine, sorted(half), keep_changes=False)
    changes = update_incidents(small.engine, [d for d in docs if d not in half])
    assert changes and _state(small) == expected
    rebuild_incidents(small.engine)
    assert _state(small) == expected


def test_one_long_article_alone_is_an_incident_per_event_then_joined_by_another(
        tmp_path: Path) -> None:
    def as_doc(doc: str, mentions: list[Mention]) -> list[Mention]:
        return [Mention(event=m.event.model_copy(update={
            "doc_id": doc, "id": Event.make_id(doc, k, k + 1, m.event.type)}),
            published=m.published) for k, m in enumerate(mentions)]

    long = as_doc("long", _mentions(300))
    store = _store(tmp_path / "long.db", long)
    update_incidents(store.engine, ["long"], keep_changes=False)
    rows, links = _state(store)
    assert len(rows) == len(long) and all(incident for _, incident in links)
    rebuild_incidents(store.engine)
    assert _state(store) == (rows, links)
    # another outlet retells some of its happenings: they join the long article's incidents
    other = as_doc("other", _mentions(300)[:40])
    _store_more(store, other)
    update_incidents(store.engine, ["other"])
    joined = _state(store)
    assert any({"long", "other"} <= set(row["record"]["doc_ids"]) for row in joined[0])
    rebuild_incidents(store.engine)
    assert _state(store) == joined


def _store_more(store: Store, mentions: list[Mention]) -> None:
    article = Article(id=mentions[0].doc_id, raw=f"text of {mentions[0].doc_id}",
                      url=f"https://{mentions[0].doc_id}.example/a",
                      published=mentions[0].published)
    store.write_batch([CodedArticle(article, article_key(article),
                                    events=[m.event for m in mentions])])
