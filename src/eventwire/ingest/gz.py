"""Gzip files read member by member, to the last good byte.

``gzip.GzipFile`` stops at the first broken member and loses everything after it. Here each
member is decompressed on its own (``zlib``, which checks its CRC and length); a member that
is corrupt or cut short becomes one coded ``Failure`` naming its byte offset, and reading
resumes at the next gzip header. A member's data is handed on only once its checksum holds,
unless it grows past ``hold`` bytes (one huge member): then it streams on in pieces, and a
failure at its end is still reported.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import CorruptInputError, TruncatedInputError
from . import Failure

GZIP_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Piece:
    """Decompressed bytes of the member at ``offset``; ``last``: the member ends here, checked."""

    offset: int
    data: bytes
    last: bool


def next_magic(stream: BinaryIO, after: int, magic: bytes) -> int | None:
    """The offset of the next ``magic`` at or after ``after``, or ``None`` at the end."""
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


def members(stream: BinaryIO, *, where: str, hold: int = 8 << 20,
            size: int | None = None) -> Iterator[Piece | Failure]:
    """The pieces of every readable member of a gzip ``stream``, and one ``Failure`` for each
    broken stretch (corrupt members, bytes that are not gzip, a member cut short by the end of
    the file), naming where it starts and where reading resumed."""
    if size is None:
        stream.seek(0, 2)
        size = stream.tell()
    offset = 0
    broken: tuple[int, str, type] | None = None  # where a broken stretch began, why, which
    # the first member of the broken stretch that ran on to the end of the file unended. Its
    # deflate data may have run over whole members: a stretch cut out of the middle glues a
    # member's head to another's tail, and deflate has no check that stops it reading foreign
    # bytes. So reading goes on at the next header; the file is cut only if none reads.
    cut_at: int | None = None
    while offset < size:
        stream.seek(offset)
        if stream.read(3) == GZIP_MAGIC:
            member = _Member(stream, offset, hold)
            first = next(member, None)
            if first is not None:
                if broken is not None:
                    yield _stretch(where, broken, offset)
                    broken = cut_at = None
                yield first
                yield from member
                if member.failure is None and member.end is not None:
                    offset = member.end
                    continue
            reason = member.failure or "invalid compressed data"
            if reason.startswith("cut"):
                cut_at = offset if cut_at is None else cut_at
                reason = "a member that does not end before the members after it"
            if broken is None:
                broken = (offset, reason, CorruptInputError)
        elif broken is None:
            broken = (offset, "bytes that are not gzip data", CorruptInputError)
        offset = _resume(stream, offset + 1, size)
    if broken is not None and cut_at is not None:
        item = f"{where}@{broken[0]}"
        yield Failure(item, TruncatedInputError(
            f"gzip member at byte {cut_at:,} is cut short by the end of the file (byte "
            f"{size:,}); what it held is not stored", where=item))
    elif broken is not None:
        yield _stretch(where, broken, None)


def _resume(stream: BinaryIO, after: int, size: int) -> int:
    found = next_magic(stream, after, GZIP_MAGIC)
    return size if found is None else found


def _stretch(where: str, broken: tuple[int, str, type], resumed: int | None) -> Failure:
    start, reason, kind = broken
    item = f"{where}@{start}"
    then = (f"; reading resumed at byte {resumed:,}" if resumed is not None
            else "; nothing readable after it")
    return Failure(item, kind(f"gzip data at byte {start:,} is corrupt ({reason}); what it "
                              f"held is not stored{then}", where=item))


class _Member:
    """Decompress one member: iterate for its pieces; ``end`` or ``failure`` after."""

    def __init__(self, stream: BinaryIO, offset: int, hold: int) -> None:
        self.stream, self.offset, self.hold = stream, offset, hold
        self.end: int | None = None
        self.failure: str | None = None
        self._pieces = self._run()

    def __iter__(self) -> _Member:
        return self

    def __next__(self) -> Piece:
        return next(self._pieces)

    def _run(self) -> Iterator[Piece]:
        stream, offset = self.stream, self.offset
        stream.seek(offset)
        inflater = zlib.decompressobj(31)
        pending: list[bytes] = []
        pending_size = consumed = 0
        handed_on = False
        try:
            while not inflater.eof:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                consumed += len(chunk)
                while chunk:
                    data = inflater.decompress(chunk, _CHUNK * 16)
                    chunk = inflater.unconsumed_tail
                    if data:
                        pending.append(data)
                        pending_size += len(data)
                    if pending_size > self.hold:  # one huge member: on it goes, unchecked yet
                        handed_on = True
                        yield Piece(offset, b"".join(pending), last=False)
                        pending, pending_size = [], 0
        except zlib.error as err:
            self.failure = _reason(err)
            return
        if not inflater.eof:
            self.failure = "cut" if not handed_on else "cut short"
            return
        self.end = offset + consumed - len(inflater.unused_data)
        yield Piece(offset, b"".join(pending), last=True)


def _reason(err: zlib.error) -> str:
    text = str(err)
    if "incorrect data check" in text:
        return "its checksum does not match"
    if "incorrect length check" in text:
        return "its length does not match"
    return "invalid compressed data"


def lines(pieces: Iterator[Piece | Failure]) -> Iterator[bytes | Failure]:
    """Lines (with their newline, the last maybe without) from gzip pieces; failures pass
    through, and the part of a line a broken member held goes with its failure."""
    buffer = b""
    for piece in pieces:
        if isinstance(piece, Failure):
            buffer = b""  # the rest of that line was in the broken member
            yield piece
            continue
        data = buffer + piece.data
        start = 0
        while (end := data.find(b"\n", start)) >= 0:
            yield data[start:end + 1]
            start = end + 1
        buffer = data[start:]
    if buffer:
        yield buffer
