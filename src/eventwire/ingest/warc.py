"""WARC and WARC.gz files (warcio), as the Common Crawl news archive (CC-NEWS) publishes them.

Only HTTP responses with status 2xx and an HTML body become articles; requests, metadata,
revisits and other media are passed over. Records with the same payload digest are read once.
Every record is read to the last good byte: eventwire checks the framing itself (gzip member
checksums, Content-Length against the bytes that follow, the block digest when the record has
one) and hands warcio only whole records to parse. A record cut short, corrupt, or longer or
shorter than its Content-Length says is one ``Failure`` with its byte offset, never stored;
reading goes on at the next gzip member (.warc.gz) or ``WARC/1.`` line (.warc).
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..errors import (
    CorruptInputError,
    EventwireError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    TruncatedInputError,
)
from ..model import Article, doc_id_for
from . import Failure
from .gz import GZIP_MAGIC, members, next_magic

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_WARC_MAGIC = b"WARC/1."


def _digest(payload: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode()


def _decode(payload: bytes) -> str:
    from trafilatura.utils import decode_file

    return str(decode_file(payload))


def _describe(err: Exception) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in str(err))
    return f"{type(err).__name__}: {text[:100]}"


_HEADER_LIMIT = 1 << 16  # a WARC header block longer than this is not one


def _frames(stream: BinaryIO, *, where: str, base: int = 0,
            max_bytes: int | None = None) -> Iterator[tuple[int, bytes] | Failure]:
    """(offset, record bytes) for each whole WARC record of an uncompressed ``stream``, a
    ``Failure`` for each record that is cut short, longer or shorter than its Content-Length
    says, or fails its block digest; reading goes on at the next ``WARC/1.`` line.

    ``base`` is the stream's offset in the file (for a gzip member's records).
    """
    stream.seek(0, 2)
    size = stream.tell()
    pos = 0
    while pos < size:
        stream.seek(pos)
        head = stream.read(_HEADER_LIMIT)
        item = f"{where}@{base + pos}"
        if not head.strip(b"\r\n"):
            return  # trailing blank lines
        end = head.find(b"\r\n\r\n")
        problem: EventwireError | None = None
        if not head.startswith(b"WARC/"):
            if pos + len(head) >= size and b"WARC/".startswith(head[:5]):
                problem = TruncatedInputError("WARC record cut short by the end of the file "
                                              "in its first line; not stored", where=item)
            else:
                problem = CorruptInputError(f"bytes at {base + pos:,} are not a WARC record",
                                            where=item)
        elif end < 0:
            problem = (TruncatedInputError("WARC record header cut short by the end of the "
                                           "file; not stored", where=item)
                       if pos + len(head) >= size else
                       CorruptInputError("WARC record header without its end", where=item))
        else:
            header = head[:end]
            length = _content_length(header)
            block_start = pos + end + 4
            broken = _broken_header(header)
            if broken is not None:
                # the header lines carry no checksum: a stretch cut out of them shows only as
                # a line that is no "Name: value", or a WARC-Type gone
                problem = CorruptInputError(f"WARC record header {broken}", where=item)
            elif length is None:
                problem = CorruptInputError("WARC record without a Content-Length",
                                            where=item)
            else:
                problem, next_pos = _check_frame(stream, header, block_start, length,
                                                 size=size, item=item, max_bytes=max_bytes)
                if problem is None:
                    stream.seek(pos)
                    yield base + pos, stream.read(next_pos - pos)
                    pos = next_pos
                    continue
        yield Failure(item, problem)
        resume = next_magic(stream, pos + 1, _WARC_MAGIC)
        if resume is None:
            return
        pos = resume


def _broken_header(header: bytes) -> str | None:
    """What is wrong with a WARC record's header lines, or ``None``: every line after the first
    is "Name: value" (or continues the one before with a space or a tab), and a WARC-Type is
    among them."""
    for line in header.split(b"\r\n")[1:]:
        if line and line[:1] not in (b" ", b"\t") and b":" not in line:
            return f"line {line[:40]!r} is not 'Name: value'"
    if _header(header, b"warc-type") is None:
        return "without a WARC-Type"
    return None


def _content_length(header: bytes) -> int | None:
    for line in header.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                return int(value.strip())
            except ValueError:
                return None
    return None


def _header(header: bytes, wanted: bytes) -> str | None:
    for line in header.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == wanted:
            return value.strip().decode("latin-1")
    return None


def _check_frame(stream: BinaryIO, header: bytes, block_start: int, length: int, *,
                 size: int, item: str,
                 max_bytes: int | None) -> tuple[EventwireError | None, int]:
    """Whether the block ends where Content-Length says, followed by CRLF CRLF and the next
    record (or the end); its digest when it has one. Returns (problem, next record offset)."""
    block_end = block_start + length
    if block_end + 4 > size:
        later = next_magic(stream, block_start, _WARC_MAGIC)
        if later is None:
            return TruncatedInputError(
                f"WARC record cut short: its Content-Length is {length:,} bytes but the file "
                f"ends {size - block_start:,} bytes into it; not stored", where=item), size
        return CorruptInputError(
            f"WARC record shorter than its Content-Length ({length:,} bytes): it would take "
            "the next record's bytes; not stored", where=item), size
    stream.seek(block_end)
    tail = stream.read(64)
    rest = tail[4:].lstrip(b"\r\n")
    at_end = block_end + len(tail) >= size
    next_ok = rest.startswith(b"WARC/") or (at_end and b"WARC/".startswith(rest[:5]))
    if not tail.startswith(b"\r\n\r\n") or (rest and not next_ok):
        return CorruptInputError(
            f"WARC record does not end where its Content-Length ({length:,} bytes) says: "
            "bytes are missing or added; not stored", where=item), size
    next_pos = block_end + 4 + (len(tail) - 4 - len(rest) if rest else 0)
    if rest == b"":
        next_pos = block_end + len(tail)
    if max_bytes is not None and length > 4 * max_bytes:
        return InputTooLargeError(f"WARC record of {length:,} bytes is over the limit of "
                                  f"{max_bytes:,}", where=item), next_pos
    digest = _header(header, b"warc-block-digest")
    if digest and digest.lower().startswith("sha1:"):
        stream.seek(block_start)
        if _digest(stream.read(length)) != "sha1:" + digest[5:].upper():
            return CorruptInputError("WARC record fails its block digest (its bytes changed); "
                                     "not stored", where=item), next_pos
    return None, next_pos


def _records(stream: BinaryIO, source: str, gzipped: bool,
             max_bytes: int | None) -> Iterator[tuple[int, object]]:
    """(offset, warcio record) for each whole record; (offset, Failure) for each broken one."""
    if gzipped:
        hold = 4 * (max_bytes or 5_000_000) + _HEADER_LIMIT
        too_large: int | None = None
        for piece in members(stream, where=source, hold=hold):
            if isinstance(piece, Failure):
                yield 0, piece
                continue
            if not piece.last or too_large == piece.offset:
                too_large = piece.offset
                if piece.last:
                    item = f"{source}@{piece.offset}"
                    yield piece.offset, Failure(item, InputTooLargeError(
                        f"WARC record over {hold:,} bytes", where=item))
                continue
            frames = _frames(io.BytesIO(piece.data), where=source, base=piece.offset,
                             max_bytes=max_bytes)
            for frame in frames:
                if isinstance(frame, Failure):
                    yield piece.offset, frame
                    continue
                yield from _parsed(frame[0], frame[1], source)
        return
    for frame in _frames(stream, where=source, max_bytes=max_bytes):
        if isinstance(frame, Failure):
            yield 0, frame
            continue
        yield from _parsed(frame[0], frame[1], source)


def _parsed(offset: int, data: bytes, source: str) -> Iterator[tuple[int, object]]:
    item = f"{source}@{offset}"
    try:
        for record in ArchiveIterator(io.BytesIO(data), check_digests=False):
            yield offset, record
            return
    except Exception as err:  # warcio raises many kinds on broken input
        yield offset, Failure(item, MalformedInputError(
            f"broken WARC record ({_describe(err)})", where=item))


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
        gzipped = stream.read(3) == GZIP_MAGIC or name.lower().endswith(".gz")
        for offset, record in _records(stream, name, gzipped, max_bytes):
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
