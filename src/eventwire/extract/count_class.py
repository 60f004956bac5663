"""What each number phrase of a sentence counts, read from what stands around it: the noun
phrase after it ("11 [people]", "2 [fatalities]"), a verb before it ("killed 11"), a predicate
after it ("two soldiers were killed"), a tally before it ("death toll rose to 20"); counts joined
by "and" or commas share their verb (``_link``). Each phrase becomes a ``_Mention`` classed
killed, injured or casualties (either), or left unclassed; ``counts`` adds them up.

Pure, no model; phrases come from ``count_phrases``."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .count_persons import (
    _after_apposition,
    _is_age,
    _is_stop_word,
    _matrix_predicate,
    _second_predicate,
)
from .count_phrases import _find_numbers
from .count_words import (
    _CLAUSE_STOP,
    _FOUND,
    _INTRANSITIVE,
    _OBJECT_OK,
    _PUNCT,
    _Num,
    _skip_fillers_back,
    _Toks,
    _Vocab,
)

KILLED, INJURED, MIXED = "killed", "injured", "casualties"
HIT = "hit"  # shot or stabbed, alive or dead: the wounded are those a count of dead leaves
_BODY_WORDS = frozenset({"body", "corpse"})


@dataclass(slots=True)
class _Mention:
    num: _Num
    tail_end: int  # token after the noun phrase
    head: str | None = None  # the noun in the phrase that names the unit
    cls: str | None = None
    how: str = ""  # left | right | noun | inherit | subset | fatal | apposition
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
    past_head = m.kind in ("article", "the")  # "a man found in his car": the man is the head
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
        if v.mixed_pred.match_at(low, j) or v.hit_pred.match_at(low, j):
            break
        # a noun that is itself the count: "toll", "bodies", "wounded", "casualties"
        noun = next(((k, cls, total) for nouns, cls, total in (
            (v.kill_total, KILLED, 1), (v.kill_nouns, KILLED, 0),
            (v.injure_nouns, INJURED, 0), (v.casualty_nouns, MIXED, 0),
        ) if (k := nouns.match_at(low, j))), None)  # fmt: skip
        if noun is not None:
            k, men.cls, total = noun
            men.how = "noun"
            if total:
                men.total = total
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
    if men.head in _BODY_WORDS and men.num.start > 0 and low[men.num.start - 1] in _FOUND:
        men.cls, men.how = KILLED, "left"  # "police found a body"
        men.ev_start = men.num.start - 1
        return
    for ps, cls in ((v.mixed_active, MIXED), (v.kill_active, KILLED), (v.injure_active, INJURED)):
        k = ps.match_ending_at(low, j)
        if k:
            if v.unrealised.match_ending_at(low, j - k):
                return  # "trying to kill two officers": no one died
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
        if men.head in _BODY_WORDS and low[j] in _FOUND:
            break  # "a body was found": (found is an adverb for the living, "found shot")
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
        # "a boy shot while hunting has died": a participle that leaves open whether he lived,
        # then the subject's own verb
        hit = v.hit_pred.match_at(low, j) if j == men.tail_end and not (be or perfect) else 0
        if hit and men.num.kind in ("article", "the", "exact"):
            matrix = _matrix_predicate(v, low, j + hit)
            if matrix > 0:
                j = matrix
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
        if later > 0 and not v.kill_pred.match_at(low, j) and (
                not v.injure_pred.match_at(low, j) or v.kill_pred.match_at(low, later)):
            j = later  # (the wound told first, the death after: "was shot in the back and died")
        break
    if men.head in ("body", "corpse") and j < n and low[j] in _FOUND:
        men.cls, men.how = KILLED, "right"
        men.ev_end = j + 1
        return
    for ps, cls in ((v.mixed_pred, MIXED), (v.kill_pred, KILLED), (v.injure_pred, INJURED),
                    (v.hit_pred, HIT)):
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
        if m.kind == "article" and men.cls == KILLED and v.kill_nouns.match_at(t.low, m.end - 1):
            # "twelve were killed, as rescuers found another body": a body found is one of
            # the dead a toll in the sentence counts, and counts only where none does
            men.weak = True
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


def _source_before(low: list[str], start: int) -> bool:
    """Whether the words before ``start`` open a source: "according to [the coroner]"."""
    return any(low[k : k + 2] == ["according", "to"] for k in range(max(0, start - 3), start))


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
        if ok and gap == [","] and _source_before(low, a.num.start):
            ok = False  # "according to the coroner, two people are dead": a source
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
        elif a.how in ("left", "inherit-l", "apposition"):
            b.cls, b.how = a.cls, "inherit-l"
            if (low[a.tail_end : b.num.start] == [","] and b.num.kind == "the"
                    and a.num.kind == "the" and a.num.value == 1):
                b.how = "apposition"  # "killed Ann Lee, the teacher": one person named twice
