"""WARC and WARC.gz files (warcio), as the Common Crawl news archive (CC-NEWS) publishes them.

Only HTTP responses with status 2xx and an HTML body become articles; requests, metadata,
revisits and other media are passed over. Records with the same payload digest are read once.
A broken record yields a ``Failure`` and reading goes on at the next record: in a .warc.gz
each record is its own gzip member, so the reader seeks to the next member; in a plain .warc
to the next ``WARC/1.`` header line.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..errors import InputError, MalformedInputError
from ..model import Article, doc_id_for
from . import Failure

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."


def _digest(payload: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode()


def _decode(payload: bytes) -> str:
    from trafilatura.utils import decode_file

    return str(decode_file(payload))


def _describe(err: Exception) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in str(err))
    return f"{type(err).__name__}: {text[:100]}"


def _next_start(stream: BinaryIO, after: int, magic: bytes) -> int | None:
    """The offset of the next ``magic`` after ``after``, or ``None`` at the end of the file."""
    stream.seek(after)
    carry = b""
    position = after
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            return None
        data = carry + chunk
        found = data.find(magic)
        if found >= 0:
            return position - len(carry) + found
        carry = data[-(len(magic) - 1):]
        position += len(chunk)


def _records(stream: BinaryIO, source: str, gzipped: bool) -> Iterator[tuple[int, object]]:
    """(offset, record) for each record, a ``Failure`` for each broken stretch, then resync."""
    magic = _GZIP_MAGIC if gzipped else _WARC_MAGIC
    start = 0
    while True:
        stream.seek(start)
        iterator = ArchiveIterator(stream, check_digests=False)
        last_good: int | None = None
        try:
            for record in iterator:
                last_good = iterator.offset  # where this record starts (absolute)
                yield last_good, record
            return
        except Exception as err:  # warcio raises many kinds on broken input
            # the broken record starts at the first record boundary after the last good one
            broken = start if last_good is None else _next_start(stream, last_good + 1, magic)
            broken = start if broken is None else broken
            where = f"{source}@{broken}"
            yield broken, Failure(where, MalformedInputError(
                f"broken WARC record ({_describe(err)})", where=where))
            resume = _next_start(stream, broken + 1, magic)
            if resume is None:
                return
            start = resume


def read_warc(path: str | Path, *, max_bytes: int | None = None) -> Iterator[Article | Failure]:
    """The HTML pages archived in the WARC (or WARC.gz) file at ``path``."""
    name = str(path)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed in finally, generator-scoped
    except OSError as err:
        yield Failure(name, InputError(f"cannot open the WARC file: {err}", where=name))
        return
    seen: set[str] = set()
    try:
        gzipped = stream.read(3) == _GZIP_MAGIC
        for offset, record in _records(stream, name, gzipped):
            if isinstance(record, Failure):
                yield record
                continue
            item = f"{name}@{offset}"
            try:
                article = _article(record, item=item, source=name, seen=seen,
                                   max_bytes=max_bytes)
            except InputError as err:
                yield Failure(item, err)
                continue
            except Exception as err:  # a record that breaks while its payload is read
                yield Failure(item, MalformedInputError(
                    f"broken WARC record ({_describe(err)})", where=item))
                continue
            if article is not None:
                yield article
    finally:
        stream.close()


def _article(record, *, item: str, source: str, seen: set[str],  # type: ignore[no-untyped-def]
             max_bytes: int | None) -> Article | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_TYPES):
        return None
    payload = record.content_stream().read()
    digest = record.rec_headers.get_header("WARC-Payload-Digest") or _digest(payload)
    if digest in seen:
        logger.debug("%s: same payload as an earlier record, skipped", item)
        return None
    seen.add(digest)
    if max_bytes is not None and len(payload) > max_bytes:
        from ..errors import InputTooLargeError

        raise InputTooLargeError(f"page of {len(payload)} bytes is over the limit of {max_bytes}",
                                 where=item)
    url = record.rec_headers.get_header("WARC-Target-URI")
    html = _decode(payload)
    if not html.strip():
        from ..errors import EmptyInputError

        raise EmptyInputError("empty page", where=item)
    return Article(id=doc_id_for(html, url), raw=html, content_type="html", url=url,
                   source=source)
