"""Records to articles: JSON Lines, JSON and CSV rows share one record shape.

A record is a mapping with ``text`` or ``html`` (the article) and optionally ``id``,
``published``, ``url`` and ``title``. One bad record is one ``Failure`` naming ``file:line``;
the rest of the file is still read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..clean import parse_published
from ..errors import (
    EmptyInputError,
    EventwireError,
    InputTooLargeError,
    MalformedInputError,
    TruncatedInputError,
)
from ..model import Article, doc_id_for
from . import Failure

logger = logging.getLogger(__name__)

RECORD_FIELDS = ("id", "text", "html", "published", "url", "title")


def _text_field(value: Any, name: str, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value)
    raise MalformedInputError(f"field {name!r} must be a string, not {type(value).__name__}",
                              where=where)


def article_from_record(
    record: Mapping[str, Any],
    *,
    where: str,
    text_field: str = "text",
    max_bytes: int | None = None,
) -> Article:
    """The ``Article`` of one record; raises a coded ``InputError`` naming ``where``."""
    if not isinstance(record, Mapping):
        raise MalformedInputError(
            f"expected a JSON object, got {type(record).__name__}", where=where
        )
    html = _text_field(record.get("html"), "html", where)
    text = _text_field(record.get(text_field), text_field, where)
    raw = text if text and text.strip() else html
    if raw is None or not raw.strip():
        raise EmptyInputError(
            f"no article text: the record needs a non-empty {text_field!r} or 'html' field",
            where=where,
        )
    if max_bytes is not None and len(raw.encode("utf-8", "surrogatepass")) > max_bytes:
        raise InputTooLargeError(
            f"article larger than the limit of {max_bytes:,} bytes; raise it with "
            "EVENTWIRE_MAX_BYTES or max_bytes in your config",
            where=where,
        )
    url = _text_field(record.get("url"), "url", where) or None
    title = _text_field(record.get("title"), "title", where) or None
    published_value = record.get("published")
    if published_value is not None and not isinstance(published_value, str):
        published_value = str(published_value)
    try:
        published = parse_published(published_value)
    except EventwireError as err:
        err.where = where
        raise
    given_id = record.get("id")
    article_id = str(given_id) if given_id not in (None, "") else doc_id_for(raw, url)
    return Article(
        id=article_id,
        raw=raw,
        content_type="html" if raw is html else "text",
        url=url,
        title=title,
        published=published,
        source=where,
    )


def read_jsonl(
    lines: Iterable[bytes | str | Failure],
    *,
    source: str,
    text_field: str = "text",
    max_bytes: int | None = None,
) -> Iterator[Article | Failure]:
    """One article (or failure) per non-blank line of a JSON Lines stream.

    A failure from below (a broken gzip member) passes through; a last line without its
    newline that is not whole JSON was cut short (E107), never read as a whole record.
    """
    number = 0
    for line in lines:
        if isinstance(line, Failure):
            yield line
            continue
        number += 1
        where = f"{source}:{number}"
        try:
            if isinstance(line, bytes):
                if max_bytes is not None and len(line) > 4 * max_bytes:
                    raise InputTooLargeError(
                        f"line longer than {4 * max_bytes:,} bytes", where=where
                    )
                try:
                    line = line.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as err:
                    raise MalformedInputError(
                        f"not UTF-8 at byte {err.start}", where=where
                    ) from None
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                if not line.endswith("\n"):
                    raise TruncatedInputError(
                        f"the last line is cut short ({err.msg} at column {err.colno}, no "
                        "newline): not stored", where=where) from None
                raise MalformedInputError(
                    f"bad JSON ({err.msg} at column {err.colno})", where=where
                ) from None
            yield article_from_record(
                record, where=where, text_field=text_field, max_bytes=max_bytes
            )
        except EventwireError as err:
            logger.info("skipped %s", err)
            yield Failure(where, err)


def read_json_document(
    data: str, *, source: str, text_field: str = "text", max_bytes: int | None = None
) -> Iterator[Article | Failure]:
    """Articles from a JSON document: one object, or a list of objects."""
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError as err:
        yield Failure(source, MalformedInputError(
            f"bad JSON ({err.msg} at line {err.lineno}, column {err.colno})", where=source))
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for index, record in enumerate(records):
        where = source if len(records) == 1 and not isinstance(parsed, list) else (
            f"{source}[{index}]")
        try:
            yield article_from_record(
                record, where=where, text_field=text_field, max_bytes=max_bytes
            )
        except EventwireError as err:
            logger.info("skipped %s", err)
            yield Failure(where, err)
