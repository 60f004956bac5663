"""The number phrases of one sentence that may count people: digits and words with their
qualifiers and ranges ("at least eight", "2 to 4"), one person told by an article, a name or an
ordinal ("a man", "a third victim"), a crime named by its toll ("a double homicide"), "both";
numbers that count no people (years, times, money, labels, "two shots") are left out.

What each phrase counts is decided by ``count_class``. Pure, no model."""

from __future__ import annotations

import re

from .count_persons import (
    _is_age_after_person,
    _loose_article,
    _one_person_at,
    _person_after,
)
from .count_words import (
    _CLAUSE_STOP,
    _MONTHS,
    _PUNCT,
    _WORD_SPLIT,
    _is_digit_token,
    _Num,
    _number_at,
    _Toks,
    _Vocab,
)


def _find_numbers(v: _Vocab, t: _Toks) -> list[_Num]:
    low = t.low
    n = len(low)
    out: list[_Num] = []
    i = 0
    while i < n:
        q = v.qualifier_set.match_at(low, i)
        qual = None
        j = i
        if q:
            num = _number_at(v, t, i + q)
            if num:
                qual = " ".join(t.text[i : i + q]).lower()
                j = i + q
        num = _number_at(v, t, j)
        if num is None:
            w = low[i]
            nth = _ordinal_person(v, t, i)
            if nth is not None:
                out.append(nth)
                i = nth.end
                continue
            one = _one_person_at(v, t, i)
            if one is not None:
                if one.kind == "article":
                    _pair(v, low, one, headline=True)
                out.append(one)
                i = one.end
                continue
            if w in ("a", "an", "his", "her", "their", "the", "another"):
                end = _person_after(v, low, i + 1)
                if end < 0 and w in ("a", "an"):
                    end = _loose_article(v, low, i)
                if end < 0 and w in ("a", "an"):
                    end = _a_body(low, i)
                if end > 0:
                    kind = "the" if w == "the" else "article"
                    one = _Num(i, i, end, 1, kind=kind)
                    _pair(v, low, one)
                    out.append(one)
                    i = one.end
                    continue
            if w in ("himself", "herself"):
                out.append(_Num(i, i, i + 1, 1, kind="self"))
            multiple = _multiple_deaths(v, low, i)
            if multiple is not None:
                out.append(multiple)
                i = multiple.end
                continue
            if w == "both" and _both_people(v, low, i):
                out.append(_Num(i, i, i + 1, 2))
                i += 1
                continue
            end = _bare_object(v, low, i)
            if end > 0:
                out.append(_Num(i, i, end, 1, kind="article"))
                i = end
                continue
            i += 1
            continue
        value, used, kind = num
        m = _Num(i, j, j + used, value, kind=kind)
        if qual:
            _apply_qualifier(v, m, qual)
        # ranges: "2 to 4", "2-4", "between 2 and 4": the low end is the conservative value
        r = j + used
        if (
            kind == "exact"
            and r + 1 < n
            and (
                low[r] in ("to", "-", "–")
                or (low[r] == "and" and i > 0 and low[i - 1] == "between")
            )
        ):
            upper = _number_at(v, t, r + 1)
            if upper and upper[2] == "exact" and upper[0] > value:
                m.end = r + 1 + upper[1]
                m.low, m.high, used = value, upper[0], m.end - j
                if i > 0 and low[i - 1] == "between":
                    m.start = i - 1
        if _acceptable(v, t, m):
            out.append(m)
        i = j + used
    return out


def _ordinal_person(v: _Vocab, t: _Toks, i: int) -> _Num | None:
    """"a third person", "a second victim", "another" ... at token ``i``: one person told with an
    ordinal ("A third person has died", headline "Second victim dies"); its value is the
    ordinal until ``_mentions`` knows what befell the person."""
    low = t.low
    headline = (i == 0 or low[i - 1] in (":", "|", "—", "–")) and t.text[i][:1].isupper()
    if low[i] in ("a", "an") and i + 1 < len(low) and low[i + 1] in v.ordinals:
        first = i + 1
    elif headline and low[i] in v.ordinals:
        first = i
    else:
        return None
    end = _person_after(v, low, first + 1, max_mods=2)
    if end < 0:
        if first == i or (first + 1 < len(low) and low[first + 1] in ("of", "time", "round")):
            return None  # "a third of the victims", "a second time"
        end = first + 1  # "a third died"
    return _Num(i, first, end, v.ordinals[low[first]], kind="article", ordinal=True)


def _multiple_deaths(v: _Vocab, low: list[str], i: int) -> _Num | None:
    """A crime named by its toll: "a double homicide" (2), "the triple murder" (3), "a double
    murder-suicide" (3), "a murder-suicide" (2), at token ``i``; ``None`` otherwise."""
    assert v.multiple_nouns is not None and v.murder_suicide is not None
    if any(w in v.charge_words for w in low[max(0, i - 4) : i]):
        return None  # "charged with double homicide": a charge, not a toll
    times = v.multiples.get(low[i], 0)
    if times:
        k = v.multiple_nouns.match_at(low, i + 1)
        if not k:
            return None
        extra = 1 if v.murder_suicide.match_at(low, i + 1) else 0
        return _Num(i, i, i + 1 + k, times + extra, kind="multiple")
    k = v.murder_suicide.match_at(low, i)
    if k and not (i > 0 and (low[i - 1] in v.multiples or low[i - 1].startswith("attempt"))):
        return _Num(i, i, i + k, 2, kind="multiple")
    return None


def _both_people(v: _Vocab, low: list[str], i: int) -> bool:
    """Whether "both" at ``i`` counts two people: "both men died", "both of them", "killing
    both" (not "were both killed", which leaves the count to its subject)."""
    nxt = low[i + 1] if i + 1 < len(low) else "."
    if nxt in v.size_units or v.casualty_nouns.match_at(low, i + 1) or (
            nxt == "of" and low[i + 2 : i + 3] in (["them"], ["the"])):
        return True
    return i > 0 and (nxt in _PUNCT or nxt in ("at", "in", "on", "inside", "outside")) and bool(
        v.kill_active.match_ending_at(low, i - 1) or v.injure_active.match_ending_at(low, i - 1))


def _pair(v: _Vocab, low: list[str], m: _Num, *, headline: bool = False) -> None:
    """A person noun joined to the one just read without an article of its own: "a man and
    woman were found dead", headline "Man, woman dead after shooting" (two people)."""
    j = m.end
    if j + 1 >= len(low) or not (low[j] == "and" or (headline and low[j] == ",")):
        return
    end = _person_after(v, low, j + 1, max_mods=1)
    if end < 0 or (end < len(low) and v.persons.match_at(low, end)):
        return
    m.end, m.value = end, m.value + 1


def _bare_object(v: _Vocab, low: list[str], i: int) -> int:
    """A headline's object without its article, right after a verb of killing or wounding:
    "US strike kills militia commander", "Sniper wounds soldier" (one person). Index after it,
    or -1."""
    if i == 0 or not (v.kill_active.match_ending_at(low, i - 1)
                      or v.injure_active.match_ending_at(low, i - 1)):
        return -1
    end = _person_after(v, low, i, max_mods=2)
    if end < 0 or (end < len(low) and low[end] not in _PUNCT and low[end] not in _CLAUSE_STOP
                   and low[end] not in ("in", "at", "near", "on", "outside", "after", "as")):
        return -1  # "kills militia commanders' aides": not the phrase's end
    return end


def _apply_qualifier(v: _Vocab, m: _Num, qual: str) -> None:
    rule = v.qualifiers.get(tuple(_WORD_SPLIT.findall(qual)), "approx")
    m.qualifier = qual
    if m.kind != "exact":
        if rule == "min":
            m.low = m.value
        return
    n = m.value
    if rule == "min":
        m.low = n
    elif rule == "above":
        m.value = m.low = n + 1
    elif rule == "max":
        m.high = n
    elif rule == "below":
        m.value = m.high = max(n - 1, 0)


def _acceptable(v: _Vocab, t: _Toks, m: _Num) -> bool:
    """False for numbers that are no count of people: years, dates, labels, units, times."""
    low = t.low
    n = len(low)
    first = t.text[m.num]
    nxt = low[m.end] if m.end < n else ""
    prev = low[m.start - 1] if m.start > 0 else ""
    headline_hit = (m.start == 0 or prev in _PUNCT) and v.hit_pred.match_at(low, m.end)
    if (nxt in v.non_person and not v.kill_pred.match_at(low, m.end) and not headline_hit
            ) or nxt in _MONTHS:
        return False  # "two shots" is no count of people, "two shot dead" or "4 shot, 1
        # killed" is
    if nxt == "-" and m.end + 1 < n and low[m.end + 1] in v.non_person:
        return False
    if prev in _MONTHS or prev.lower() in v.labels or prev in ("no", "not"):
        return False
    if _is_age_after_person(v, t, m):
        return False
    if _is_digit_token(first):
        if m.qualifier is None and m.end == m.num + 1 and re.fullmatch(r"(1[89]|20)\d\d", first):
            return False  # a year
        if nxt in (":", "/") or prev in (":", "/", "$", "£", "€", "#"):
            return False  # a time, a fraction, money, a label
        if nxt == "." and m.end + 1 < n and _is_digit_token(t.text[m.end + 1]):
            return False
    return True


_BODY_WORDS = frozenset({"body", "corpse"})


def _a_body(low: list[str], i: int) -> int:
    """ "a body", "a man's body", "a dead body" at ``i``: one person's remains (whether found,
    ``count_class`` decides). Index after it, or -1."""
    for k in range(i + 1, min(len(low), i + 4)):
        if low[k] in _BODY_WORDS:
            return k + 1 if low[k + 1 : k + 2] != ["of"] else -1  # "a body of water"
        if low[k] in _PUNCT or _is_digit_token(low[k]):
            return -1
    return -1
