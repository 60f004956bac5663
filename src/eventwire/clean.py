"""Boilerplate and metadata: raw article to Document. (Stub: replaced by the clean helper.)"""

from __future__ import annotations

from datetime import date, datetime

from .config import Config
from .errors import BadDateError, EmptyInputError
from .model import Article, Document


def parse_published(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value if not isinstance(value, datetime) else value.date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise BadDateError(f"cannot read the publication date {value!r}") from None


def clean(article: Article, *, config: Config) -> Document:
    text = article.raw.strip()
    if not text:
        raise EmptyInputError("nothing to read", where=article.source or article.id)
    paragraphs, pos = [], 0
    for block in text.split("\n\n"):
        start = text.index(block, pos)
        paragraphs.append((start, start + len(block)))
        pos = start + len(block)
    return Document(doc_id=article.id, text=text, paragraphs=paragraphs,
                    published=article.published, url=article.url, title=article.title)
