"""Articles: code and store one (text, HTML or a URL to fetch); read one with its events."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy import Connection, or_, select

from ...clean import looks_like_html
from ...errors import InputTooLargeError, NotFoundError, UnsafeUrlError
from ...model import Article, doc_id_for
from ...store import CodedArticle, Store, article_key, schema
from .. import queries
from ..dependencies import Db, Reviewer, Settings, read_access, reading
from ..fetch import FetchPolicy, fetch_article
from ..models import NO_NUL, ArticleIn, ArticleOut
from ..responses import (
    BAD_QUERY,
    KEYED,
    NOT_FOUND,
    TOO_LARGE,
    UNAVAILABLE,
    JSONBody,
    error_response,
)

router = APIRouter(prefix="/api/articles", tags=["articles"], responses=UNAVAILABLE)

ArticleId = Annotated[str, Path(max_length=64, pattern=NO_NUL,
                                description="The article's id.")]

_coding = threading.Lock()  # one article through spaCy at a time; requests queue here


def _pipeline(request: Request) -> Any:
    """The app's pipeline, loaded on the first article (spaCy takes seconds to load)."""
    state = request.app.state
    if getattr(state, "pipeline", None) is None:
        from ...pipeline import Pipeline

        state.pipeline = Pipeline()
    return state.pipeline


def _article(body: ArticleIn, settings: Any, max_bytes: int) -> Article:
    if body.url is not None:
        if not settings.fetch_urls:
            raise UnsafeUrlError("this server does not fetch URLs (fetch_urls is off)")
        policy = FetchPolicy(allow_private=settings.fetch_allow_private,
                             allow_hosts=frozenset(h.lower() for h in settings.fetch_allow_hosts),
                             timeout=settings.fetch_timeout,
                             max_redirects=settings.fetch_max_redirects, max_bytes=max_bytes)
        article = fetch_article(body.url, policy)
    else:
        raw = body.text if body.text is not None else body.html
        assert raw is not None
        size = len(raw.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            raise InputTooLargeError(f"article of {size:,} bytes is over the limit of "
                                     f"{max_bytes:,}")
        html = body.html is not None or (body.text is not None and looks_like_html(raw))
        article = Article(id=doc_id_for(raw), raw=raw, content_type="html" if html else "text",
                          source="api")
    updates: dict[str, Any] = {}
    if body.title:
        updates["title"] = body.title
    if body.published:
        updates["published"] = body.published
    return article.model_copy(update=updates) if updates else article


def _stored_id(conn: Connection, key: Any) -> str | None:
    a = schema.articles.c
    conditions = [a.id == key.id, a.content_hash == key.content_hash]
    if key.canonical_url:
        conditions.append(a.canonical_url == key.canonical_url)
    row = conn.execute(select(a.id).where(or_(*conditions)).limit(1)).first()
    return row.id if row is not None else None


def article_out(conn: Connection, doc_id: str, *, include_rejected: bool = True
                ) -> dict[str, Any] | None:
    a = schema.articles.c
    row = conn.execute(select(schema.articles).where(a.id == doc_id)).first()
    if row is None:
        return None
    events = queries.article_events(conn, doc_id, include_rejected=include_rejected)
    return {"id": row.id, "title": row.title, "url": row.url,
            "published": queries.iso(row.published), "site": row.site,
            "language": row.language, "text": row.text, "n_events": row.n_events,
            "events": [queries.item(e) for e in events]}


@router.post("", response_model=ArticleOut, status_code=201,
             responses={**BAD_QUERY, **KEYED, **TOO_LARGE,
                        400: error_response("Bad input (E1xx), or a URL refused (E202)."),
                        200: {"model": ArticleOut, "description": "Stored already: the stored "
                              "article (created is false)."},
                        502: error_response("The URL could not be fetched (code E200).")})
def create_article(request: Request, body: ArticleIn, settings: Settings, _reviewer: Reviewer,
                   engine: Db) -> Any:
    """Code an article (plain text, HTML, or a URL fetched here) and store it with its events.

    URLs whose host resolves to a non-public address (private, loopback, link-local such as
    cloud metadata) are refused, on the first hop and on every redirect."""
    from ...config import load_config

    max_bytes = load_config().max_bytes
    article = _article(body, settings, max_bytes)
    key = article_key(article)
    with engine.connect() as conn:
        stored = _stored_id(conn, key)
    if stored is None:
        with _coding:
            coded = next(_pipeline(request).process([article]))
        if coded.error is not None:
            raise coded.error
        Store(engine).write_batch([CodedArticle(article, key, document=coded.document,
                                                events=list(coded.events), text=coded.text)])
    with engine.connect() as conn:
        doc_id = stored or _stored_id(conn, key) or article.id
        out = article_out(conn, doc_id)
    if out is None:  # pragma: no cover - written above
        raise NotFoundError(f"article {doc_id!r} was not stored")
    out["created"] = stored is None
    return JSONBody(out, status_code=201 if stored is None else 200)


@router.get("/{article_id}", response_model=ArticleOut, dependencies=[Depends(read_access)],
            responses={**KEYED, **NOT_FOUND})
def get_article(db: Db, article_id: ArticleId,
                include_rejected: Annotated[bool, Query(description="Include events analysts "
                                                        "rejected.")] = False) -> Any:
    """One article with its cleaned text (the events' evidence offsets index it) and events."""
    with reading(db) as conn:
        out = article_out(conn, article_id, include_rejected=include_rejected)
    if out is None:
        raise NotFoundError(f"no article {article_id!r}")
    out["created"] = False
    return JSONBody(out)
