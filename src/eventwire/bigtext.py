"""Whole-text measures of a text of tens of megabytes, without copying it whole.

A Python string holds 4 bytes a character as soon as one character lies beyond the Basic
Multilingual Plane (an emoji): a 60 MB one-line article is then a 240 MB string, and each
``.encode()``, ``.strip()`` or ``re.sub`` of it another copy as large. Sizes, hashes and
blank checks here read such a text a megabyte at a time, with the results the one-shot forms
give (the same byte counts, the same digests).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

CHUNK_CHARS = 1 << 20


def chunks(text: str, size: int | None = None) -> Iterator[str]:
    """``text`` in consecutive pieces of ``size`` characters (default ``CHUNK_CHARS``)."""
    size = size or CHUNK_CHARS
    for start in range(0, len(text), size):
        yield text[start:start + size]


def utf8_size(text: str) -> int:
    """``len(text.encode("utf-8", "surrogatepass"))``."""
    if len(text) <= CHUNK_CHARS:
        return len(text.encode("utf-8", "surrogatepass"))
    return sum(len(piece.encode("utf-8", "surrogatepass")) for piece in chunks(text))


def blake2b_hex(text: str, *, digest_size: int) -> str:
    """``blake2b(text.encode("utf-8", "surrogatepass"), digest_size=...).hexdigest()``."""
    digest = hashlib.blake2b(digest_size=digest_size)
    for piece in chunks(text) if len(text) > CHUNK_CHARS else (text,):
        digest.update(piece.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def is_blank(text: str) -> bool:
    """``not text.strip()`` (``str.strip`` copies a text that ends in a space)."""
    return not text or text.isspace()


def word_cuts(text: str, size: int | None = None) -> Iterator[tuple[int, int]]:
    """``(start, end)`` pieces of about ``size`` characters (default ``CHUNK_CHARS``) that
    tile ``text``, each ending on a character that is not whitespace (but the last): no run of
    spaces spans two pieces."""
    size = size or CHUNK_CHARS
    start, length = 0, len(text)
    while length - start > size:
        cut = start + size
        while cut > start and text[cut - 1].isspace():
            cut -= 1
        if cut == start:  # a megabyte of whitespace: go on to its end
            cut = start + size
            while cut < length and text[cut - 1].isspace():
                cut += 1
            if cut >= length:
                break
        yield start, cut
        start = cut
    yield start, length
