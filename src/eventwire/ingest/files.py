"""Articles from files, folders, globs and standard input.

Formats by extension (each may end in ``.gz``): ``.txt`` (and anything else: plain text),
``.html``/``.htm``, ``.json`` (one object or a list), ``.jsonl``/``.ndjson`` (one object per
line), ``.csv`` (a text column). ``input_format`` forces one of ``text|html|jsonl|csv|json``.
Every item read yields an ``Article`` or a ``Failure``; nothing here raises for one bad item.

``read_inputs`` takes command-line arguments: an ``http(s)://`` URL is fetched
(``ingest.web``), anything else is a path, folder, glob or ``-``.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO

from ..bigtext import is_blank
from ..config import Config
from ..errors import (
    BinaryInputError,
    EmptyInputError,
    EventwireError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    UnreadablePathError,
)
from ..model import Article, doc_id_for
from . import Failure
from .jsonl import article_from_record, read_json_document, read_jsonl

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = Config().max_bytes
INPUT_FORMATS = ("auto", "text", "html", "jsonl", "json", "csv")
_SUFFIX_FORMAT = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv",
}  # fmt: skip
# a JSON document is read whole; allow it this many articles' worth of bytes
_JSON_DOCUMENT_FACTOR = 10


def _too_large(size: int, max_bytes: int, where: str) -> InputTooLargeError:
    return InputTooLargeError(
        f"{size:,} bytes is over the limit of {max_bytes:,}; raise it with "
        "EVENTWIRE_MAX_BYTES or max_bytes in your config",
        where=where,
    )


def decode_bytes(data: bytes, *, where: str) -> str:
    """Text of ``data``: UTF-8, else the encoding charset-normalizer finds; binary is refused."""
    if b"\x00" in data[:8192]:
        # UTF-16 text has NULs too; it starts with a byte order mark
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                return data.decode("utf-16")
            except UnicodeDecodeError:
                pass
        raise BinaryInputError("binary data (NUL bytes), not text", where=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        first_bad = err.start
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise BinaryInputError(
            f"cannot decode the bytes (not UTF-8 at byte {first_bad}, and no other encoding "
            "fits); not a text file?",
            where=where,
        )
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise BinaryInputError(
            f"cannot decode the bytes (not UTF-8 at byte {first_bad})", where=where
        ) from None
    logger.debug("%s: decoded as %s", where, best.encoding)
    return text


def _format_of(name: str, input_format: str) -> tuple[str, bool]:
    """(format, gzipped) of a file name, ``input_format`` winning over the extension."""
    path = Path(name.lower())
    gz = path.suffix == ".gz"
    if gz:
        path = path.with_suffix("")
    if input_format != "auto":
        return input_format, gz
    return _SUFFIX_FORMAT.get(path.suffix, "text"), gz


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:200]
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"<"):
        return "html"
    return "text"


def _read_limited(stream: IO[bytes], limit: int, where: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputTooLargeError(
            f"over the limit of {limit:,} bytes; raise it with EVENTWIRE_MAX_BYTES or "
            "max_bytes in your config",
            where=where,
        )
    return data


def _one_article(data: bytes, fmt: str, where: str) -> Article:
    if not data or data.isspace():  # not data.strip(): a copy of a file that ends in a space
        raise EmptyInputError("empty file", where=where)
    text = decode_bytes(data, where=where)
    if is_blank(text):
        raise EmptyInputError("nothing to read (only whitespace)", where=where)
    content_type = "html" if fmt == "html" else "text"
    return Article(id=doc_id_for(text), raw=text, content_type=content_type, source=where)


def _read_csv(
    stream: BinaryIO, *, source: str, text_column: str, max_bytes: int
) -> Iterator[Article | Failure]:
    text_stream = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    csv.field_size_limit(max(max_bytes * 4, 131072))
    reader = csv.DictReader(text_stream)
    try:
        columns = reader.fieldnames or []
    except (csv.Error, UnicodeDecodeError) as err:
        yield Failure(source, MalformedInputError(f"cannot read the CSV header: {err}",
                                                  where=source))
        return
    if text_column not in columns and "html" not in columns:
        yield Failure(source, MalformedInputError(
            f"no {text_column!r} column (columns: {', '.join(columns) or 'none'}); "
            "name the text column with --text-column", where=source))
        return
    row_number = 1
    while True:
        row_number += 1
        where = f"{source}:{row_number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as err:
            yield Failure(where, MalformedInputError(f"bad CSV row: {err}", where=where))
            return  # the reader cannot resynchronise after a broken row
        try:
            record = {k: v for k, v in row.items() if k is not None and v not in (None, "")}
            yield article_from_record(
                record, where=where, text_field=text_column, max_bytes=max_bytes
            )
        except EventwireError as err:
            logger.info("skipped %s", err)
            yield Failure(where, err)


def _open(path: str, gz: bool) -> BinaryIO:
    raw = open(path, "rb")  # noqa: SIM115 - closed by the caller's with-block
    return gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw  # type: ignore[return-value]


def read_file(
    path: str,
    *,
    input_format: str = "auto",
    text_column: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Failure]:
    """The articles of one file (one for text and HTML, one per record for JSONL/JSON/CSV)."""
    fmt, gz = _format_of(path, input_format)
    try:
        size = os.path.getsize(path)
        if fmt in ("text", "html") and not gz and size > max_bytes:
            raise _too_large(size, max_bytes, path)
        if fmt == "json" and not gz and size > max_bytes * _JSON_DOCUMENT_FACTOR:
            raise _too_large(size, max_bytes * _JSON_DOCUMENT_FACTOR, path)
        if gz and fmt in ("jsonl", "text", "html"):
            yield from _read_gzip(path, fmt, text_column=text_column, max_bytes=max_bytes)
            return
        with _open(path, gz) as stream:
            if fmt == "jsonl":
                yield from read_jsonl(stream, source=path, text_field=text_column,
                                      max_bytes=max_bytes)
            elif fmt == "csv":
                yield from _read_csv(stream, source=path, text_column=text_column,
                                     max_bytes=max_bytes)
            elif fmt == "json":
                data = _read_limited(stream, max_bytes * _JSON_DOCUMENT_FACTOR, path)
                if not data.strip():
                    raise EmptyInputError("empty file", where=path)
                yield from read_json_document(decode_bytes(data, where=path), source=path,
                                              text_field=text_column, max_bytes=max_bytes)
            else:
                article = _one_article(_read_limited(stream, max_bytes, path), fmt, path)
                yield article  # the bytes are not kept alive while the article is coded
    except EventwireError as err:
        logger.info("skipped %s", err)
        yield Failure(path, err)
    except PermissionError:
        yield Failure(path, UnreadablePathError("cannot read the file: permission denied",
                                                where=path))
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as err:
        yield Failure(path, InputError(f"cannot read the file: {err}", where=path))


def _read_gzip(path: str, fmt: str, *, text_column: str,
               max_bytes: int) -> Iterator[Article | Failure]:
    """A gzip file member by member: a broken member is one failure, the rest is read."""
    from .gz import lines, members

    with open(path, "rb") as raw:
        pieces = members(raw, where=path, hold=min(max_bytes, 8 << 20))
        if fmt == "jsonl":
            yield from read_jsonl(lines(pieces), source=path, text_field=text_column,
                                  max_bytes=max_bytes)
            return
        data: list[bytes] = []
        size = 0
        for piece in pieces:
            if isinstance(piece, Failure):
                yield Failure(path, piece.error)  # one article: a broken member breaks it
                return
            size += len(piece.data)
            if size > max_bytes:
                raise _too_large(size, max_bytes, path)
            data.append(piece.data)
    yield _one_article(b"".join(data), fmt, path)


def _read_stdin(
    *, input_format: str, text_column: str, max_bytes: int
) -> Iterator[Article | Failure]:
    source = "<stdin>"
    stream = sys.stdin.buffer
    if input_format == "jsonl":
        yield from read_jsonl(stream, source=source, text_field=text_column, max_bytes=max_bytes)
        return
    if input_format == "csv":
        yield from _read_csv(stream, source=source, text_column=text_column,
                             max_bytes=max_bytes)
        return
    try:
        limit = max_bytes * (_JSON_DOCUMENT_FACTOR if input_format in ("auto", "json") else 1)
        data = _read_limited(stream, limit, source)
        fmt = _sniff(data) if input_format == "auto" else input_format
        if fmt == "jsonl":
            yield from read_jsonl(io.BytesIO(data), source=source, text_field=text_column,
                                  max_bytes=max_bytes)
        elif fmt == "json":
            yield from read_json_document(decode_bytes(data, where=source), source=source,
                                          text_field=text_column, max_bytes=max_bytes)
        else:
            if len(data) > max_bytes:
                raise _too_large(len(data), max_bytes, source)
            yield _one_article(data, fmt, source)
    except EventwireError as err:
        yield Failure(source, err)


def _is_known(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix in _SUFFIX_FORMAT


def _expand(arg: str) -> Iterator[str] | Failure:
    try:
        return _expand_path(arg)
    except PermissionError as err:
        where = err.filename or arg
        return Failure(arg, UnreadablePathError(
            f"cannot read {where!r}: permission denied", where=arg))
    except OSError as err:
        return Failure(arg, UnreadablePathError(f"cannot read: {err.strerror or err}", where=arg))


def _expand_path(arg: str) -> Iterator[str] | Failure:
    path = Path(arg)
    if path.is_dir():
        return iter(sorted(
            str(p) for p in path.rglob("*")
            if p.is_file() and _is_known(p) and not any(
                part.startswith(".") for part in p.relative_to(path).parts)
        ))
    if path.exists():
        return iter([arg])
    if any(ch in arg for ch in "*?["):
        matches = sorted(m for m in glob.glob(arg, recursive=True) if os.path.isfile(m))
        if matches:
            return iter(matches)
        return Failure(arg, InputError("no file matches this pattern", where=arg))
    return Failure(arg, InputError("no such file or folder", where=arg))


def read_paths(
    paths: Iterable[str],
    *,
    input_format: str = "auto",
    text_column: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Failure]:
    """Articles from files, folders (recursive, known extensions), globs and ``-`` (stdin)."""
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {', '.join(INPUT_FORMATS)}")
    for arg in paths:
        if arg == "-":
            yield from _read_stdin(input_format=input_format, text_column=text_column,
                                   max_bytes=max_bytes)
            continue
        expanded = _expand(arg)
        if isinstance(expanded, Failure):
            yield expanded
            continue
        for path in expanded:
            yield from read_file(path, input_format=input_format, text_column=text_column,
                                 max_bytes=max_bytes)


def is_url(arg: str) -> bool:
    """Whether a command-line argument names a web page (``http://`` or ``https://``)."""
    return arg[:8].lower().startswith(("http://", "https://"))


def read_inputs(
    args: Iterable[str],
    *,
    input_format: str = "auto",
    text_column: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 20.0,
) -> Iterator[Article | Failure]:
    """Articles from command-line arguments: URLs are fetched, everything else is read as paths.

    The network is used only for arguments that are URLs.
    """
    for arg in args:
        if is_url(arg):
            from .web import fetch_url

            yield fetch_url(arg, timeout=timeout, max_bytes=max_bytes)
        else:
            yield from read_paths([arg], input_format=input_format, text_column=text_column,
                                  max_bytes=max_bytes)
