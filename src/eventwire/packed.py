"""A long list of records kept small: pickled in chunks, unpickled a chunk at a time.

A coded event as pydantic objects weighs about 6 KB; pickled with 255 others (field names
written once per chunk) about 0.6 KB. An article of tens of megabytes tells tens of thousands
of events: kept as objects they would outweigh the window of text being parsed, so the
pipeline keeps a streamed article's events and places in a ``Packed`` list, and readers
(the store, the exports) take them one chunk at a time as they iterate.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")

CHUNK = 256


class Packed(Sequence[T], Generic[T]):
    """A read-mostly sequence that holds its items pickled, ``CHUNK`` to a chunk."""

    __slots__ = ("_chunks", "_length", "_tail")

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._chunks: list[bytes] = []
        self._tail: list[T] = []
        self._length = 0
        self.extend(items)

    def append(self, item: T) -> None:
        self._tail.append(item)
        self._length += 1
        if len(self._tail) >= CHUNK:
            self._chunks.append(pickle.dumps(self._tail, protocol=pickle.HIGHEST_PROTOCOL))
            self._tail = []

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[T]:
        for chunk in self._chunks:
            yield from pickle.loads(chunk)
        yield from list(self._tail)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("Packed index out of range")
        chunk, at = divmod(index, CHUNK)
        if chunk < len(self._chunks):
            return pickle.loads(self._chunks[chunk])[at]
        return self._tail[at]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Packed({self._length} items in {len(self._chunks)} chunks + {len(self._tail)})"

    def nbytes(self) -> int:
        """Bytes held by the pickled chunks (the tail of objects not counted)."""
        return sum(len(chunk) for chunk in self._chunks)

    def __reduce__(self) -> tuple[Any, ...]:
        # sent to another process as it is held: pickled chunks, not objects
        return (_rebuild, (self._chunks, self._tail, self._length))


def _rebuild(chunks: list[bytes], tail: list[Any], length: int) -> Packed[Any]:
    packed: Packed[Any] = Packed()
    packed._chunks, packed._tail, packed._length = chunks, tail, length
    return packed
