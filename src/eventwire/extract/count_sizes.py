"""Force and crowd sizes ("up to 10,000 soldiers", "hundreds of protesters") and the number a
short phrase names ("twenty-one", "a dozen"), read with the same number phrases and classing as
casualties (a count of victims is no size). Pure, no model; public through ``counts``."""

from __future__ import annotations

from ..model import Size
from .count_class import _mentions
from .count_persons import _person_after
from .count_words import _blank_brackets, _number_at, _tokenize, _vocab


def parse_size(sentence: str) -> Size | None:
    """The size of a force or crowd: "up to 10,000 North Korean soldiers", "hundreds of
    protesters", "a crowd of thousands". Vague words follow the same ACLED rule as casualties
    ("hundreds" 100, "thousands" 1000); numberless words ("several", "many") give no size.
    Counts of victims are not sizes. Returns the first size in the sentence, or None."""
    if not sentence or not any(c.isalnum() for c in sentence):
        return None
    v = _vocab()
    text = _blank_brackets(sentence)
    t = _tokenize(text)
    low = t.low
    for men in _mentions(v, t):
        m = men.num
        if men.cls is not None or men.subset or m.kind not in ("exact", "vague"):
            continue
        unit = men.head
        if unit is None:
            b = m.start - 1
            if b >= 1 and low[b] == "of" and low[b - 1] in v.size_groups:
                unit = "people"
                m_start_tok = b - 1
                if m_start_tok > 0 and low[m_start_tok - 1] in ("a", "an"):
                    m_start_tok -= 1
            else:
                continue
        else:
            m_start_tok = m.start
        unit_end = men.tail_end if men.head is not None else m.end
        if men.head is not None:
            for k in range(m.end, men.tail_end):
                if low[k] == men.head:
                    unit_end = k + 1
                    break
        start = t.start[m_start_tok]
        end = t.end[max(unit_end, m.end) - 1]
        return Size(
            value=m.value,
            low=m.low,
            high=m.high,
            unit=unit,
            qualifier=m.qualifier,
            text=sentence[start:end],
        )
    return None


# --------------------------------------------------------------------------- numbers


def parse_number(text: str) -> int | None:
    """The number a short phrase names: "10,000", "10 000", "1.5 million", "eleven",
    "twenty-one", "two hundred", "a dozen", "dozens" (12, ACLED's rule), "a child" (1).
    Ordinals ("first", "3rd") and anything with words left over give None."""
    if not text or len(text) > 200:
        return None
    v = _vocab()
    t = _tokenize(text.strip())
    n = len(t)
    if n == 0:
        return None
    num = _number_at(v, t, 0)
    if num is not None:
        value, used, _ = num
        if used == n:
            return value
        return None
    if t.low[0] in ("a", "an", "one"):
        end = _person_after(v, t.low, 1)
        if end == n:
            return 1
    return None
