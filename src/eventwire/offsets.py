"""Offsets that hold: where each character of a cleaned text came from in the text as given.

``clean`` hands the extractors a tidied text (NFC, odd spaces collapsed, chrome lines dropped,
paragraphs joined by a blank line). For plain text it also builds an ``OffsetMap`` from that
text back to the input, and the pipeline moves every span of every event and place mention
through it in one place (``spans_to_source``), so ``input[start:end]`` is the printed text.

A map is a list of pieces that tile the derived text in order. A piece of equal lengths on both
sides (copied text) maps character for character; one of unequal lengths (a run of spaces
collapsed to one, a removed soft hyphen, the blank line standing for whatever lay between two
kept blocks) maps as a whole: a span that starts inside it starts at its source start, one that
ends inside it ends at its source end.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

# derived start, derived end, source start, source end
Piece = tuple[int, int, int, int]


class OffsetMap:
    """A monotone map from positions in a derived text to positions in its source text."""

    __slots__ = ("_starts", "length", "pieces", "source_length")

    def __init__(self, pieces: list[Piece], length: int, source_length: int) -> None:
        self.pieces = pieces
        self.length = length
        self.source_length = source_length
        self._starts = [p[0] for p in pieces]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([(0, length, 0, length)] if length else [], length, length)

    def __repr__(self) -> str:
        return f"OffsetMap({self.pieces!r}, {self.length}, {self.source_length})"

    def start(self, pos: int) -> int:
        """Where a span that starts at ``pos`` of the derived text starts in the source."""
        if not self.pieces:
            return 0
        index = bisect_right(self._starts, pos) - 1
        if index < 0:
            return self.pieces[0][2]
        d0, d1, s0, s1 = self.pieces[index]
        if pos >= d1:
            return s1
        return s0 + (pos - d0) if d1 - d0 == s1 - s0 else s0

    def end(self, pos: int) -> int:
        """Where a span that ends (exclusive) at ``pos`` of the derived text ends in the source."""
        if not self.pieces or pos <= 0:
            return self.start(0) if self.pieces else 0
        index = bisect_right(self._starts, pos - 1) - 1
        if index < 0:
            return self.pieces[0][2]
        d0, d1, s0, s1 = self.pieces[index]
        if pos >= d1:
            return s1
        return s0 + (pos - d0) if d1 - d0 == s1 - s0 else s1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the derived span ``[start, end)``."""
        source_start = self.start(start)
        return source_start, max(source_start, self.end(end))

    def shifted(self, by: int, source_length: int) -> OffsetMap:
        """This map with its source moved ``by`` characters on, inside a source of
        ``source_length``: the map of a window that starts at ``by`` of a longer text."""
        pieces = [(d0, d1, s0 + by, s1 + by) for d0, d1, s0, s1 in self.pieces]
        return OffsetMap(pieces, self.length, source_length)

    def then(self, outer: OffsetMap) -> OffsetMap:
        """This map (derived C to source B) followed by ``outer`` (B to A): one map, C to A."""
        out: list[Piece] = []
        for d0, d1, s0, s1 in self.pieces:
            if d1 - d0 != s1 - s0 or s0 == s1:
                a0 = outer.start(s0)
                out.append((d0, d1, a0, max(a0, outer.end(s1)) if s1 > s0 else a0))
                continue
            index = max(0, bisect_right(outer._starts, s0) - 1)
            while index < len(outer.pieces):
                o0, o1, a0, a1 = outer.pieces[index]
                if o0 >= s1:
                    break
                low, high = max(s0, o0), min(s1, o1)
                if low < high:
                    c0, c1 = d0 + low - s0, d0 + high - s0
                    if o1 - o0 == a1 - a0:
                        out.append((c0, c1, a0 + low - o0, a0 + high - o0))
                    else:
                        out.append((c0, c1, a0, a1))
                index += 1
        return OffsetMap(out, self.length, outer.source_length)


class MappedText:
    """A text and its ``OffsetMap`` into the source it was made from."""

    __slots__ = ("map", "text")

    def __init__(self, text: str, offset_map: OffsetMap) -> None:
        self.text = text
        self.map = offset_map

    @classmethod
    def of(cls, source: str, start: int = 0, end: int | None = None) -> MappedText:
        """``source[start:end]`` copied as it is."""
        end = len(source) if end is None else end
        pieces = [(0, end - start, start, end)] if end > start else []
        return cls(source[start:end], OffsetMap(pieces, end - start, len(source)))

    def slice(self, start: int, end: int) -> MappedText:
        """The stretch ``[start, end)`` of this text, still mapped to the same source."""
        pieces: list[Piece] = []
        all_pieces = self.map.pieces
        index = max(0, bisect_right(self.map._starts, start) - 1)
        while index < len(all_pieces):
            d0, d1, s0, s1 = all_pieces[index]
            index += 1
            if d0 >= end:
                break
            low, high = max(d0, start), min(d1, end)
            if low >= high:
                continue
            if d1 - d0 == s1 - s0:
                pieces.append((low - start, high - start, s0 + low - d0, s0 + high - d0))
            else:
                pieces.append((low - start, high - start, s0, s1))
        return MappedText(self.text[start:end], OffsetMap(pieces, end - start,
                                                          self.map.source_length))

    def strip(self, chars: str | None = None) -> MappedText:
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self.slice(left, max(left, right))

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]
            ) -> MappedText:
        """``pattern.sub(repl, text)``, each replacement mapped to what it replaced."""
        return self.replace(
            (m.start(), m.end(), repl(m) if callable(repl) else repl)
            for m in pattern.finditer(self.text)
        )

    def replace(self, changes: Iterable[tuple[int, int, str]]) -> MappedText:
        """The text with each ``(start, end, new)`` (in order, not overlapping) put in."""
        parts: list[str] = []
        pieces: list[Piece] = []
        pos = length = 0
        for start, end, new in changes:
            if start > pos:
                parts.append(self.text[pos:start])
                pieces.append((length, length + start - pos, pos, start))
                length += start - pos
            if new:
                parts.append(new)
                pieces.append((length, length + len(new), start, end))
                length += len(new)
            pos = end
        if pos == 0 and not pieces:
            return self
        if pos < len(self.text):
            parts.append(self.text[pos:])
            pieces.append((length, length + len(self.text) - pos, pos, len(self.text)))
            length += len(self.text) - pos
        step = OffsetMap(pieces, length, len(self.text))
        return MappedText("".join(parts), step.then(self.map))


def join(parts: Iterable[MappedText], separator: str) -> MappedText:
    """The parts joined by ``separator``, which stands for whatever lay between them."""
    texts: list[str] = []
    pieces: list[Piece] = []
    length = 0
    source_length = 0
    previous_end: int | None = None
    for part in parts:
        source_length = part.map.source_length
        if not part.text:
            continue
        if previous_end is not None:
            texts.append(separator)
            gap_end = max(previous_end, part.map.start(0))
            pieces.append((length, length + len(separator), previous_end, gap_end))
            length += len(separator)
        texts.append(part.text)
        pieces.extend((d0 + length, d1 + length, s0, s1) for d0, d1, s0, s1 in part.map.pieces)
        length += len(part.text)
        previous_end = part.map.end(len(part.text))
    return MappedText("".join(texts), OffsetMap(pieces, length, source_length))


# ---------------------------------------------------------------------------------------------
# moving the spans of records

Record = TypeVar("Record", bound=BaseModel)


def spans_to_source(record: Record, offset_map: OffsetMap, source: str, derived: str) -> Record:
    """``record`` with every span in it (any part with int ``start`` and ``end``) moved from
    ``derived`` to ``source``; a part's ``text`` that was its span's text becomes the source's
    text there (collapsed spaces and line breaks as the user wrote them).

    Generic on purpose: a new kind of span in the event record (a supporting evidence, a second
    place) is moved too, as long as it is a model with ``start`` and ``end``.
    """
    return _moved(record, offset_map, source, derived)


def _moved(value: Any, offset_map: OffsetMap, source: str, derived: str) -> Any:
    if isinstance(value, BaseModel):
        updates: dict[str, Any] = {}
        for name, item in value.__dict__.items():
            if isinstance(item, BaseModel | list):
                moved = _moved(item, offset_map, source, derived)
                if moved is not item:
                    updates[name] = moved
        start, end = value.__dict__.get("start"), value.__dict__.get("end")
        if isinstance(start, int) and isinstance(end, int):
            new_start, new_end = offset_map.span(start, end)
            if (new_start, new_end) != (start, end):
                updates["start"], updates["end"] = new_start, new_end
            text = value.__dict__.get("text")
            # (up to case: a headline's words are parsed in sentence case, headcase.py)
            if isinstance(text, str) and text.lower() == derived[start:end].lower() \
                    and source[new_start:new_end] != text:
                updates["text"] = source[new_start:new_end]
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, list):
        moved_items = [_moved(v, offset_map, source, derived) for v in value]
        return moved_items if any(a is not b for a, b in zip(moved_items, value, strict=True)) \
            else value
    return value
