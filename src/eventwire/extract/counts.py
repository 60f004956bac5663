"""Casualty counts and force/crowd sizes from one sentence.

Pure, regex-and-token based, no model: a sentence is cut into tokens once, number phrases
("at least eight", "over 80", "dozens of", "a man", "10,000") are found, and each is classed by
what stands around it:

- a verb before it that takes the victims as object: "killed 11 people", "wounding 12";
- a predicate after its noun phrase: "two soldiers were killed", "a man was found dead",
  "3 dead", "one person died"; without an auxiliary the predicate only counts when no object
  follows, so "2 gunmen killed a man" counts the man, not the gunmen;
- a noun that is itself the count: "1 fatality", "resulting in 2 fatalities", "4 bodies";
- a tally: "death toll rose to 20", "[...] fatalities coded as 10" (ACLED notes).

Counts joined by "and" or commas share the verb and are summed ("a child and two women were
killed" = 3, children 1); "including two children" fills ``children`` and adds nothing. Tallies
("N fatalities", "death toll") win over partial counts, since reports and ACLED notes repeat the
count ("a man was found dead ... 1 fatality."). Negations give 0, not None: "no casualties were
reported" -> killed 0 and injured 0.

Decisions, documented here and in resources/numbers.yaml:

- qualifiers are kept (DESIGN): "at least 8" low 8; "over 80"/"more than 80" low 81; "up to 10"
  high 10; "nearly/almost 200" high 199; ``value`` is the best single estimate and always lies
  within [low, high] (so "over 80" has value 81, "nearly 200" value 199);
- vague counts follow ACLED's conservative rule ("tens" 10, "dozens" 12, "hundreds" 100; ACLED
  Fatalities FAQ) and, for numberless quantities, the conventions ACLED coders write into their
  notes ("several"/"some" 3, "unknown number"/"many" 10); vague counts carry no bounds;
- "casualties" alone (and "killed and injured N") is dead *or* wounded: it goes to
  ``Casualties.casualties``, never into ``killed`` or ``injured``;
- bracketed coder remarks ("[size=no report]", "[4 fatalities split across 22 events]") are
  blanked out before parsing (offsets are kept).

Offsets in the result are character offsets into the given string.

Three modules, one job each: ``count_words`` reads the vocabulary, tokens and number phrases;
``count_persons`` finds one person told without a count word (a name, a pronoun, a headline's
bare noun) and the clause shapes around a subject; this module decides what each count counts
(killed, injured, either) and adds them up.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Count, Size
from ..resources import load_yaml
from .count_persons import (
    _after_apposition,
    _is_age,
    _is_age_after_person,
    _is_stop_word,
    _loose_article,
    _matrix_predicate,
    _one_person_at,
    _person_after,
    _second_predicate,
)
from .count_words import (
    _CLAUSE_STOP,
    _FOUND,
    _INTRANSITIVE,
    _MONTHS,
    _OBJECT_OK,
    _PREFILTER,
    _PUNCT,
    _WORD_SPLIT,
    _blank_brackets,
    _is_digit_token,
    _Num,
    _number_at,
    _skip_fillers_back,
    _tokenize,
    _Toks,
    _Vocab,
    _vocab,
)

logger = logging.getLogger(__name__)

__all__ = ["Casualties", "parse_casualties", "parse_number", "parse_size"]

KILLED, INJURED, MIXED = "killed", "injured", "casualties"


@dataclass(frozen=True, slots=True)
class Casualties:
    """What one sentence says of people killed and injured.

    ``casualties`` holds counts that do not say which ("5 casualties", "killing and injuring
    dozens"). Each ``*_span`` is the (start, end) character span of the evidence in the sentence.
    """

    killed: Count | None = None
    injured: Count | None = None
    casualties: Count | None = None
    killed_span: tuple[int, int] | None = None
    injured_span: tuple[int, int] | None = None
    casualties_span: tuple[int, int] | None = None



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
    if (nxt in v.non_person and not v.kill_pred.match_at(low, m.end)) or nxt in _MONTHS:
        return False  # "two shots" is no count of people, "two shot dead" is
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


# --------------------------------------------------------------------------- classing


@dataclass(slots=True)
class _Mention:
    num: _Num
    tail_end: int  # token after the noun phrase
    head: str | None = None  # the noun in the phrase that names the unit
    cls: str | None = None
    how: str = ""  # left | right | noun | inherit | subset | fatal
    total: int = 0  # 0 a count, 1 a tally ("fatalities", "death toll"), 2 a coded tally
    subset: bool = False
    child: bool = False
    inanimate: bool = False
    weak: bool = False
    ev_start: int = 0  # token span of the evidence
    ev_end: int = 0
    apposed: bool = False  # what commas set after it may be skipped ("Two victims, a man ...")


def _tail(v: _Vocab, t: _Toks, m: _Num, starts: set[int]) -> _Mention:
    """The noun phrase after a number, up to 6 tokens: '11 [people]', '2 [pro-Houthi elements]'."""
    low = t.low
    n = len(low)
    men = _Mention(m, m.end, ev_start=m.start, ev_end=m.end)
    if m.kind == "multiple":
        # "a double homicide": the dead, counted only when nothing else in the sentence is
        men.cls, men.how, men.weak = KILLED, "noun", True
        return men
    if m.kind in ("article", "the"):
        head = low[m.end - 1]
        men.head = head
        men.child = head in v.children
    j = m.end
    if j < n and low[j] in v.fatal_adverbs and m.kind in ("exact", "vague"):
        # "shot four people, one fatally": the dead among those just counted (its own "how",
        # so the count before it does not take it for a shared verb)
        men.cls, men.how = KILLED, "fatal"
        men.tail_end = men.ev_end = j + 1
        return men
    # "2,000-strong crowd"
    if j + 1 < n and low[j] == "-" and low[j + 1] == "strong":
        j += 2
    steps = 0
    past_head = False
    while j < n and steps < 8:
        w = low[j]
        if j in starts or v.subset.match_at(low, j):
            break
        if w == "/" and 0 < j + 1 < n and not _is_stop_word(v, low, j + 1):
            j += 1  # "BH/IS fighters"
            continue
        if (
            w == "and"
            and steps > 0
            and j + 1 < n
            and j + 1 not in starts
            and not _is_stop_word(v, low, j + 1)
            and low[j + 1] not in ("the", "a", "an")
        ):
            j += 1  # "Seven GNA soldiers and alleged Syrian mercenaries"
            steps += 1
            continue
        if w in _PUNCT or (w in _CLAUSE_STOP and w not in ("of", "from", "in")):
            break
        if w in v.tail_stops and steps > 0:
            break
        if w in ("in",) and steps == 0:
            break
        if v.kill_pred.match_at(low, j) or v.injure_pred.match_at(low, j):
            break
        if v.mixed_pred.match_at(low, j):
            break
        k = v.kill_total.match_at(low, j)
        if k:
            men.cls, men.how, men.total = KILLED, "noun", 1
            j += k
            break
        k = v.kill_nouns.match_at(low, j)
        if k:
            men.cls, men.how = KILLED, "noun"
            j += k
            break
        k = v.injure_nouns.match_at(low, j)
        if k:
            men.cls, men.how = INJURED, "noun"
            j += k
            break
        k = v.casualty_nouns.match_at(low, j)
        if k:
            men.cls, men.how = MIXED, "noun"
            j += k
            break
        if w in ("of", "from", "in"):
            past_head = True
        if w in v.non_person and not past_head:
            nxt = low[j + 1] if j + 1 < n else ""
            # "3 vehicles" is no count of people; "school bus drivers" is
            if nxt not in v.size_units and not v.persons.match_at(low, j + 1):
                men.inanimate = True
        if w in v.size_units or v.persons.match_at(low, j):
            past_head = True
        if w in v.children:
            men.child = True
        if w in v.size_units and men.head is None:
            men.head = w
        j += 1
        steps += 1
    men.tail_end = j
    men.ev_end = j
    return men


def _class_left(v: _Vocab, t: _Toks, men: _Mention) -> None:
    low = t.low
    j = _skip_fillers_back(v, low, men.num.start - 1)
    if j < 0:
        return
    k = v.subset.match_ending_at(low, j)
    if k:
        men.subset, men.how = True, "subset"
        men.ev_start = j - k + 1
        return
    for ps, cls in ((v.mixed_active, MIXED), (v.kill_active, KILLED), (v.injure_active, INJURED)):
        k = ps.match_ending_at(low, j)
        if k:
            men.cls, men.how = cls, "left"
            men.ev_start = j - k + 1
            return
    # "[...] fatalities coded as 10"
    if j >= 1 and low[j] == "as" and low[j - 1] == "coded":
        for b in range(j - 2, max(-1, j - 14), -1):
            w = low[b]
            if w in (".", ";", "]"):
                break
            if w.startswith(("fatalit", "death", "kill", "dead")):
                men.cls, men.how, men.total = KILLED, "left", 2
                men.ev_start = b
                return
            if w.startswith(("injur", "wound")):
                men.cls, men.how, men.total = INJURED, "left", 2
                men.ev_start = b
                return
        return
    # "death toll rose to 20", "a death toll of 20"
    if low[j] in ("to", "of", "at", "reached", "hit", "is", "was", "now", "stands", "stood"):
        for b in range(j, max(-1, j - 7), -1):
            w = low[b]
            if w in _PUNCT:
                break
            if w == "toll" and b > 0:
                p = low[b - 1]
                if p in ("death", "fatality", "civilian", "final"):
                    men.cls, men.how, men.total = KILLED, "left", 1
                elif p in ("casualty", "injury"):
                    men.cls, men.how, men.total = (MIXED if p == "casualty" else INJURED), "left", 1
                else:
                    continue
                men.ev_start = b - 1
                return


def _class_right(v: _Vocab, t: _Toks, men: _Mention) -> None:
    low = t.low
    n = len(low)
    j = _past_place(v, t, men.tail_end)
    be = perfect = False
    skipped = False
    for _ in range(10):
        if j >= n:
            return
        # "Anderson, who died at the scene": a relative clause set off by a comma
        if (j == men.tail_end and low[j : j + 2] == [",", "who"]
                and men.num.kind in ("article", "the")):
            j += 1
        # "a girl who was shot and killed": the relative clause tells what befell her (one
        # person's; "four other people who were injured" mostly restates a count told before)
        if (j in (men.tail_end, men.tail_end + 1) and low[j] in ("who", "that")
                and not (be or perfect) and men.num.kind in ("article", "the")):
            matrix = _matrix_predicate(v, low, j + 1)
            j = matrix if matrix > 0 else j + 1
            continue
        # "Antonio Brown, 45, of Detroit, was found dead": what the commas set beside it
        if (low[j] == "," and not skipped and not (be or perfect)
                and (men.num.kind in ("article", "the") or _is_age(t, j) or men.apposed)):
            k = _after_apposition(v, low, j)
            if k < 0:
                return
            j, skipped = k, True
            continue
        # "5 civilians (2 men, 2 women, and 1 child) were killed"
        if low[j] == "(" and not skipped:
            close = _closing(low, j)
            if close < 0:
                return
            j, skipped = close + 1, True
            continue
        # "15 Taliban militants including a commander were killed"
        if v.subset.match_at(low, j) and not skipped:
            k = j + v.subset.match_at(low, j)
            while (k < n and k < j + 9 and not v.aux.match_at(low, k) and low[k] not in _PUNCT
                   and not v.kill_pred.match_at(low, k)):  # "one of them died"
                k += 1
            j, skipped = k, True
            continue
        # "to death" after an object: "stabbed a man to death"
        if low[j] == "to" and j + 1 < n and low[j + 1] == "death" and not be:
            men.cls, men.how = KILLED, "right"
            men.ev_end = j + 2
            return
        k = v.aux.match_at(low, j)
        if k:
            words = low[j : j + k]
            if words[0] in ("has", "have", "had") and "been" not in words:
                perfect = True
            else:
                be = True
            j += k
            continue
        k = v.fillers.match_at(low, j)
        if k:
            j += k
            continue
        if low[j].endswith("ly") and len(low[j]) > 4 and low[j] != "fatally":
            j += 1
            continue
        # "was attacked and beaten to death", "were stoned and stabbed to death"
        if (
            be
            and low[j].endswith("ed")
            and j + 2 < n
            and low[j + 1] == "and"
            and (v.kill_pred.match_at(low, j + 2) or v.injure_pred.match_at(low, j + 2))
        ):
            j += 2
            continue
        if low[j] in ("not", "never", "n't") or (low[j] in _PUNCT and low[j] not in ('"', "'")):
            return
        # "was shot multiple times and died later": the second verb of the subject tells it
        later = _second_predicate(v, low, j) if be else -1
        if later > 0 and not v.kill_pred.match_at(low, j) and not v.injure_pred.match_at(low, j):
            j = later
        break
    if men.head in ("body", "corpse") and j < n and low[j] in _FOUND:
        men.cls, men.how = KILLED, "right"
        men.ev_end = j + 1
        return
    for ps, cls in ((v.mixed_pred, MIXED), (v.kill_pred, KILLED), (v.injure_pred, INJURED)):
        k = ps.match_at(low, j)
        if not k:
            continue
        head = low[j]
        if not be and head not in _INTRANSITIVE and not (perfect and head == "died"):
            after = low[j + k] if j + k < n else ""
            if after and after not in _PUNCT and after not in _OBJECT_OK:
                return  # "2 gunmen killed a man": the gunmen are no victims
        if (be is False and perfect is False and men.num.kind in ("article", "the")
                and head not in _INTRANSITIVE):
            # "a man killed ..." is the killer unless nothing follows
            after = low[j + k] if j + k < n else ""
            if after and after not in _PUNCT and after not in _OBJECT_OK:
                return
        if cls == KILLED:
            f = j + k
            if (
                f + 1 < n
                and low[f] in (",", "or", "and")
                and (
                    v.injure_pred.match_at(low, f + 1)
                    or (low[f + 1] in ("or", "and") and v.injure_pred.match_at(low, f + 2))
                )
            ):
                cls = MIXED
        men.cls, men.how = cls, "right"
        men.ev_end = j + k
        return


def _past_place(v: _Vocab, t: _Toks, j: int) -> int:
    """After the people counted, past a place they are of or at when their predicate follows
    it ("Teen at Fort Riley dies", "A man from Dayton was killed"); else ``j``."""
    low, n = t.low, len(t.low)
    if j >= n or low[j] not in ("in", "at", "from", "of", "near"):
        return j
    k = j + 1
    while k < n and k < j + 5 and t.text[k][:1].isupper() and not v.kill_pred.match_at(low, k):
        k += 1
    if k > j + 1 and k < n and (v.kill_pred.match_at(low, k) or v.injure_pred.match_at(low, k)
                                or v.aux.match_at(low, k)):
        return k
    return j


def _closing(low: list[str], j: int) -> int:
    """Index of the ')' closing the '(' at j, within 25 tokens, or -1."""
    depth = 0
    for k in range(j, min(len(low), j + 25)):
        if low[k] == "(":
            depth += 1
        elif low[k] == ")":
            depth -= 1
            if depth == 0:
                return k
    return -1


def _mentions(v: _Vocab, t: _Toks) -> list[_Mention]:
    nums = _find_numbers(v, t)
    starts = {m.start for m in nums}
    out: list[_Mention] = []
    for m in nums:
        men = _tail(v, t, m, starts)
        if men.inanimate and men.cls is None:
            continue
        if men.cls is None:
            _class_left(v, t, men)
        if men.cls is None and not men.subset:
            _class_right(v, t, men)
        if men.cls == MIXED and men.how == "noun":
            _victims_told(v, t, men)
        # "killed four classmates and himself": joined by "and", it shares the verb (_link)
        if m.kind == "self" and men.how != "left" and t.low[m.start - 1 : m.start] != ["and"] and (
                t.low[max(0, m.start - 2) : m.start] != ["and", "then"]):
            continue
        if m.ordinal:
            if men.cls == KILLED and men.how == "right":
                men.total = 1  # "a third person has died": the toll so far
            else:
                m.value = 1  # "a third was wounded": one more person
        if (men.cls == KILLED and m.kind in ("exact", "vague") and not men.total
                and m.start > 0 and t.low[m.start - 1] in v.restating):
            men.total = 1  # "the three dead", "all four victims died": the toll again
        if m.kind == "the" and men.how != "left":
            if men.how == "right" and men.cls == KILLED:
                men.weak = True  # "the man died": counts only when nothing else does
            else:
                men.cls = None
        out.append(men)
    _link(t, out)
    return out


def _victims_told(v: _Vocab, t: _Toks, men: _Mention) -> None:
    """"Two victims died", "both victims were pronounced dead": victims (or casualties) that a
    predicate of death or wounding follows are the dead or the wounded, not either."""
    probe = _Mention(men.num, men.tail_end, ev_start=men.ev_start, ev_end=men.ev_end,
                     apposed=True)
    _class_right(v, t, probe)
    if probe.cls in (KILLED, INJURED):
        men.cls, men.how, men.ev_end = probe.cls, probe.how, probe.ev_end


_REPORTING = frozenset({"said", "says", "told", "reported", "added", "stated", "confirmed"})


def _link(t: _Toks, ms: list[_Mention]) -> None:
    """Counts joined by 'and' or commas share their verb and their subset marker."""
    low = t.low
    links: list[bool] = []
    for a, b in itertools.pairwise(ms):
        gap = low[a.tail_end : b.num.start]
        ok = gap in (["and"], [","], [",", "and"], ["as", "well", "as"], ["&"], ["plus"], ["or"],
                     ["and", "then"])
        if ok and gap == [","] and set(low[b.num.start : b.tail_end + 2]) & _REPORTING:
            ok = False  # "wounding nine, the regional governor said": a source, not a victim
        links.append(ok)
    # right to left: "a child and two women were killed", "2 rebel and 1 military fatality"
    for i in range(len(ms) - 2, -1, -1):
        a, b = ms[i], ms[i + 1]
        if not links[i] or a.cls is not None or a.subset:
            continue
        if b.how in ("right", "inherit-r"):
            a.cls, a.how = b.cls, "inherit-r"
            a.ev_end = b.ev_end
            if a.head is not None or a.child:
                b.weak = False  # "all 3 children and the man died": one list of victims
        elif b.how == "noun" and b.total:
            # one tally split by adjectives: merge the first part into the second
            b.num.value += a.num.value
            b.num.low = None if b.num.low is None else b.num.low + a.num.value
            b.num.high = None if b.num.high is None else b.num.high + a.num.value
            b.ev_start, b.child = a.ev_start, b.child or a.child
            a.how = "merged"
    # left to right: "killed 3 soldiers and 2 civilians", "including two children and a woman"
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        if not links[i] or b.cls is not None or b.subset:
            continue
        if a.subset:
            b.subset, b.how = True, "subset"
        elif a.how in ("left", "inherit-l"):
            b.cls, b.how = a.cls, "inherit-l"


# --------------------------------------------------------------------------- zeros

_ZERO = re.compile(
    r"\b(?:no|zero|without|nor|not\s+(?:\w+\s+){0,2}?any|none|nobody|no[- ]one|neither)\b"
    r"((?:\W+\w+){1,5})",
    re.IGNORECASE,
)
_ZERO_STOP = re.compile(
    r"[.;:!?()]|\b(?:but|however|though|although|that|which|who|claim\w*|responsib\w*|except)\b",
    re.IGNORECASE,
)
_ZERO_KILL = re.compile(
    r"\b(?:fatalit\w*|deaths?|dead|killed|died|loss(?:es)? of (?:life|lives)"
    r"|lives\s+(?:were\s+)?lost|life\s+was\s+lost)\b",
    re.IGNORECASE,
)
_ZERO_INJ = re.compile(r"\b(?:injur\w*|wounded|wounds|hurt|harmed)\b", re.IGNORECASE)
_ZERO_CAS = re.compile(r"\bcasualt\w*|victims\b", re.IGNORECASE)
# "none of the victims were cooperating", "none of the injured were in critical condition": the
# group a negation picks among exists, and its noun is no zero count (what follows may be:
# "none of the victims died")
_PICKED_GROUP = re.compile(r"^\W+(?:of|among)\s+(?:the\s+|those\s+|these\s+|them\b)?\S*",
                           re.IGNORECASE)


def _zeros(text: str) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for m in _ZERO.finditer(text):
        window = m.group(1)
        stop = _ZERO_STOP.search(window)
        if stop:
            window = window[: stop.start()]
        found = []
        group = _PICKED_GROUP.match(window)
        skip = group.end() if group else 0
        for rx, cls in ((_ZERO_KILL, KILLED), (_ZERO_INJ, INJURED), (_ZERO_CAS, MIXED)):
            hit = rx.search(window, skip)
            if hit:
                found.append((cls, hit.end()))
        for cls, end in found:
            span = (m.start(), m.start(1) + end)
            if cls == MIXED:
                out.setdefault(KILLED, span)
                out.setdefault(INJURED, span)
            out.setdefault(cls, span)
    return out


# --------------------------------------------------------------------------- totals


def _combine(ms: list[_Mention]) -> tuple[int, int | None, int | None]:
    value = sum(m.num.value for m in ms)
    low = high = None
    if any(m.num.low is not None for m in ms):
        low = sum(m.num.low if m.num.low is not None else m.num.value for m in ms)
    open_above = any(m.num.low is not None and m.num.high is None for m in ms) or any(
        m.num.kind in ("vague", "unknown") for m in ms
    )
    if any(m.num.high is not None for m in ms) and not open_above:
        high = sum(m.num.high if m.num.high is not None else m.num.value for m in ms)
    return value, low, high


def _aggregate(
    text: str, t: _Toks, ms: list[_Mention], cls: str
) -> tuple[Count, tuple[int, int]] | None:
    own = [m for m in ms if m.cls == cls and not m.subset and m.how != "merged"]
    if any(not m.weak for m in own):
        own = [m for m in own if not m.weak]
    elif len(own) > 1:
        # "The victim, identified as Darnell Jones, succumbed": a person told twice over (a
        # noun and a name, a name and a pronoun) is one person
        own = own[:1]
    if not own:
        return None
    coded = [m for m in own if m.total == 2]
    totals = [m for m in own if m.total == 1]
    if coded:
        chosen = [coded[-1]]
    elif totals:
        chosen = [max(totals, key=lambda m: m.num.value)]
    elif _claims_apart(t, own):
        chosen = [min(own, key=lambda m: m.num.value)]  # two sides' claims: the lowest
    else:
        chosen = own
    value, low, high = _combine(chosen)
    children = sum(m.num.value for m in chosen if m.child)
    # subsets ("including two children") belong to the count just before them
    spans = [(m.ev_start, m.ev_end) for m in chosen]
    last_cls: str | None = None
    for m in ms:
        if m.subset:
            if last_cls == cls and m.child:
                children += m.num.value
                spans.append((m.ev_start, m.ev_end))
        elif m.cls is not None:
            last_cls = m.cls
    tok_s = min(s for s, _ in spans)
    tok_e = max(e for _, e in spans)
    start, end = t.start[tok_s], t.end[max(tok_e - 1, tok_s)]
    count = Count(
        value=value,
        low=low,
        high=high,
        children=min(children, value) if children else None,
        text=text[start:end],
    )
    return count, (start, end)


def _claims_apart(t: _Toks, own: list[_Mention]) -> bool:
    """Whether the counts lie under two different claims of the sentence ("X said ... 133,
    while Y said 55"): a claim verb stands between two of them and another before the first
    or after the last."""
    if len(own) < 2:
        return False
    claims = [k for k, word in enumerate(t.low) if word in _claim_words()]
    if len(claims) < 2:
        return False
    parts = {sum(1 for k in claims if k < m.ev_start) for m in own}
    return len(parts) > 1


@lru_cache(maxsize=1)
def _claim_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_yaml("casualty_words.yaml")["claim_words"])


_CASUALTY_LISTS = (
    "kill_verbs_active", "injure_verbs_active", "kill_predicates", "injure_predicates",
    "kill_nouns_total", "kill_nouns", "injure_nouns", "casualty_nouns", "mixed_verbs_active",
    "mixed_predicates",
)  # fmt: skip


@lru_cache(maxsize=1)
def _casualty_words() -> re.Pattern[str]:
    data = load_yaml("casualty_words.yaml")
    firsts = {str(phrase).split()[0] for key in _CASUALTY_LISTS for phrase in data.get(key, [])}
    words = "|".join(sorted((re.escape(w) for w in firsts), key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def mentions_casualties(text: str) -> bool:
    """Whether ``text`` holds a word ``parse_casualties`` counts from (a cheap pre-filter)."""
    return bool(_casualty_words().search(text))


def parse_casualties(sentence: str) -> Casualties:
    """People killed and injured according to one sentence (see the module doc for the rules)."""
    if not sentence or not _PREFILTER.search(sentence):
        return Casualties()
    v = _vocab()
    text = _blank_brackets(sentence)
    t = _tokenize(text)
    ms = _mentions(v, t)
    result: dict[str, tuple[Count, tuple[int, int]] | None] = {}
    for cls in (KILLED, INJURED, MIXED):
        result[cls] = _aggregate(sentence, t, ms, cls)
    for cls, span in _zeros(text).items():
        if result.get(cls) is None:
            result[cls] = (Count(value=0, text=sentence[span[0] : span[1]]), span)
    k, i, c = result[KILLED], result[INJURED], result[MIXED]
    return Casualties(
        killed=k[0] if k else None,
        injured=i[0] if i else None,
        casualties=c[0] if c else None,
        killed_span=k[1] if k else None,
        injured_span=i[1] if i else None,
        casualties_span=c[1] if c else None,
    )


# --------------------------------------------------------------------------- sizes


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
