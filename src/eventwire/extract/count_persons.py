"""One person told without a count word, as local news tells its dead: by name ("Kody
Zawalski, 20, was killed"), by pronoun ("He was pronounced dead"), by a headline's bare noun
("Man dies after shooting"), by an article and a person noun ("a man was found dead"), and the
clause shapes around them (appositions set off by commas, relative clauses, a second verb of the
subject). Used by ``count_phrases``, which finds the phrases, and ``count_class``, which decides
what each found person counts for."""

from __future__ import annotations

import re

from .count_words import (
    _CLAUSE_STOP,
    _MONTHS,
    _PUNCT,
    _digit_value,
    _is_digit_token,
    _Num,
    _skip_fillers_back,
    _Toks,
    _Vocab,
)


def _person_after(v: _Vocab, low: list[str], j: int, max_mods: int = 3) -> int:
    """Index after a singular person noun found within max_mods modifiers from j, or -1. An
    age with no noun after it is the person ("the 13-year-old died", "the two year old")."""
    n = len(low)
    k = j
    while k < min(n, j + max_mods + 1):
        age = _age_end(v, low, k)
        if age > 0:
            if _told_of(v, low, age):
                return age  # "the 13-year-old died", "the two year old who ...": the person
            if age >= n or _is_stop_word(v, low, age):
                return -1  # "an 18-year-old is in jail": no person told as a victim here
            k = age  # "a 17 year-old girl", "a 14-year-old Mayfair boy": an age before the noun
            continue
        if _is_stop_word(v, low, k):
            return -1
        m = v.persons.match_at(low, k)
        if m:
            return k + m
        k += 1
    return -1


def _told_of(v: _Vocab, low: list[str], j: int) -> bool:
    """Whether what follows index ``j`` tells what befell the words before it: a relative
    clause, or a predicate of death or wounding after an auxiliary and adverbs ("was later
    pronounced dead", "died")."""
    n = len(low)
    if j >= n or low[j] in _PUNCT or low[j] in ("who", "that"):
        return j >= n or low[j] in ("who", "that", ".", "!", "?")
    j += v.aux.match_at(low, j)
    while j < n and (v.fillers.match_at(low, j) or low[j].endswith("ly")):
        j += max(v.fillers.match_at(low, j), 1)
    return bool(v.kill_pred.match_at(low, j) or v.injure_pred.match_at(low, j))


_AGE = re.compile(r"([a-z]+|\d+)-years?-old")


def _age_end(v: _Vocab, low: list[str], k: int) -> int:
    """Index after an age told at ``k`` ("13-year-old", "17 year-old", "two year old"), or -1."""
    word = low[k]
    found = _AGE.fullmatch(word)
    if found is not None:
        head = found.group(1)
        return k + 1 if head.isdigit() or head in v.number_words else -1
    if not (_is_digit_token(word) or word in v.number_words):
        return -1
    if low[k + 1 : k + 2] == ["year-old"]:
        return k + 2
    if low[k + 1 : k + 3] == ["year", "old"]:
        return k + 3
    return -1


def _is_stop_word(v: _Vocab, low: list[str], k: int) -> bool:
    """Tokens a noun phrase cannot run through: punctuation, clause words, verbs, numbers."""
    w = low[k]
    return (
        w in _PUNCT
        or w in _CLAUSE_STOP
        or w in v.number_words
        or _is_digit_token(w)
        or bool(v.kill_active.match_at(low, k))
        or bool(v.injure_active.match_at(low, k))
        or bool(v.kill_pred.match_at(low, k))
        or bool(v.aux.match_at(low, k))
    )


def _loose_article(v: _Vocab, low: list[str], i: int) -> int:
    """'a drug trafficker was killed', 'assassinated an economic operator': an article and up to
    four words count as one person when a kill/injure verb governs them. Index after, or -1."""
    n = len(low)
    k = i + 1
    while k < n and k <= i + 4 and not _is_stop_word(v, low, k):
        k += 1
    if k == i + 1:
        return -1
    j = _skip_fillers_back(v, low, i - 1)
    if j >= 0 and (
        v.kill_active.match_ending_at(low, j) or v.injure_active.match_ending_at(low, j)
    ):
        if k >= n or low[k] in _PUNCT or low[k] in _CLAUSE_STOP:
            return k
        return -1
    if k < n and low[k] in ("was", "has", "had", "is"):
        a = v.aux.match_at(low, k)
        f = k + a
        while f < n and (v.fillers.match_at(low, f) or low[f].endswith("ly")):
            f += max(v.fillers.match_at(low, f), 1)
        if a and (v.kill_pred.match_at(low, f) or v.injure_pred.match_at(low, f)):
            return k
    return -1


# a name's words: "Smith", "O'Neal", "Jean-Paul", "McDonald"; an initial ("J.") is one letter
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|Mc[A-Z][a-z]+|[A-Z]")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "on", "near", "of", "from", "to", "for", "by",
                                 "with", "into", "outside", "inside", "across"})
_HEADLINE_BREAKS = frozenset({":", "|", "—", "–", "-"})


def _one_person_at(v: _Vocab, t: _Toks, i: int) -> _Num | None:
    """One person told without a count word, as local news tells its dead: a pronoun ("He
    was pronounced dead"), a name ("Kody Zawalski, 20, was killed"), or a headline's bare noun
    ("Man dies after shooting"). Pronouns and names are weak ("the"): they count only as the
    subject of a death predicate and only when the sentence counts no other dead."""
    low, text = t.low, t.text
    if low[i] in v.pronouns:
        return _Num(i, i, i + 1, 1, kind="the")
    if not text[i][:1].isupper():
        return None
    before = low[i - 1] if i > 0 else ""
    if i == 0 or before in _HEADLINE_BREAKS:
        # a headline's subject without an article: "Teen killed in drive-by", with up to two
        # capitalised words of origin before it ("Ukrainian soldier killed", "Gaza teen shot")
        noun = i
        while noun < i + 2 and noun + 1 < len(low) and _origin_word(v, t, noun):
            noun += 1
        k = v.persons.match_at(low, noun)
        if k and not _titles_a_name(v, t, noun + k):
            return _Num(i, noun, noun + k, 1, kind="article")
    if _killed_before(v, low, i):
        # "the shooting death of 16-year-old Kenyon Givens", "shot and killed Marcus Hill",
        # "killing Ortiz and Whitlock" (as many as the names joined)
        end = _name_end(v, t, i, after_verb=True)
        first = i
        while first > 0 and low[first - 1].endswith("-old"):
            first -= 1  # the age belongs to the name, so the verb stands just before it
        if end < 0:
            return None
        end, names = _name_list(v, t, end)
        return _Num(first, i, end, names, kind="the")
    end = _name_end(v, t, i)
    if end < 0:
        return None
    more, names = _name_list(v, t, end)
    if names > 1:
        # "Dana Lee, 18, and Kevin Moss, 16, were killed", "Price and Diaz were shot dead":
        # names joined by "and" as the subject of a plural predicate are as many people
        after = _after_apposition(v, low, more) if more < len(low) and low[more] == "," else more
        if 0 <= after < len(low) and (low[after] in v.plural_starts
                                      or v.kill_pred.match_at(low, after)):
            return _Num(i, i, more, names, kind="the")
        return None
    if low[end : end + 2] == [",", "who"]:
        return _Num(i, i, end, 1, kind="the")  # "striking Anderson, who died at the scene"
    after = _after_apposition(v, low, end) if end < len(low) and low[end] == "," else end
    if after < 0 or after >= len(low) or low[after] not in v.singular_starts:
        return None  # not the subject of a singular predicate: a place, a doer, an outlet
    return _Num(i, i, end, 1, kind="the")


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "my", "our", "your",
                          "this", "that", "these", "those"})


def _name_list(v: _Vocab, t: _Toks, end: int) -> tuple[int, int]:
    """After a name ending before token ``end``: the index after the names joined to it by
    commas and a closing "and" ("Lee, 18, and 25-year-old Kevin Moss", "Ortiz, Hill and
    Reed"), and how many names that makes (1 when no "and" closes a list)."""
    low, n = t.low, len(t.low)
    k, names, pending = end, 1, 0
    while k < n:
        j = k
        if j + 2 < n and low[j] == "," and _is_digit_token(low[j + 1]) and low[j + 2] in (
                ",", "and"):
            j += 2  # the age of the name just read: ", 18,"
        if j + 1 < n and low[j] == "," and low[j + 1] in ("who", "whose"):
            close = next((c for c in range(j + 2, min(n, j + 14)) if low[c] == ","), -1)
            if close < 0:
                break
            j = close  # ", who was celebrating his birthday,": a clause on the name just read
        closing = False
        if j < n and low[j] == ",":
            j += 1
        if j < n and low[j] == "and":
            j, closing = j + 1, True
        elif j == k or low[j - 1] != ",":
            break
        while j < n and (low[j].endswith("-old") or low[j] in ("year", "old")):
            j += 1  # "25-year-old Mary Cole"
        nxt = _name_end(v, t, j, after_verb=True) if j < n and low[j] not in _DETERMINERS else -1
        if nxt < 0:
            break
        k, pending = nxt, pending + 1
        if closing:
            names += pending
            return k, names
    return end, 1


def _origin_word(v: _Vocab, t: _Toks, k: int) -> bool:
    """A capitalised word before a headline's person noun: "Ukrainian", "Gaza", not "The"."""
    word = t.low[k]
    return (t.text[k][:1].isupper() and not v.persons.match_at(t.low, k)
            and word not in _DETERMINERS and word not in _PUNCT and word not in _CLAUSE_STOP)


def _titles_a_name(v: _Vocab, t: _Toks, j: int) -> bool:
    """Whether the noun before token ``j`` is a title of the name that follows ("Judge John
    Hurt said", "Officer Smith"), not a headline's subject ("Man Shot Dead")."""
    if j >= len(t.low) or not _NAME_WORD.fullmatch(t.text[j]):
        return False
    low = t.low
    return not (v.kill_pred.match_at(low, j) or v.injure_pred.match_at(low, j)
                or v.aux.match_at(low, j) or v.fillers.match_at(low, j)
                or v.kill_active.match_at(low, j) or low[j] in v.singular_starts)


def _killed_before(v: _Vocab, low: list[str], i: int) -> bool:
    """Whether a verb or noun of killing governs token ``i`` ("killed", "the death of"), past
    an age ("16-year-old") and fillers."""
    j = i - 1
    while j >= 0 and (low[j].endswith("-old") or low[j] in ("year", "old")):
        j -= 1
    j = _skip_fillers_back(v, low, j)
    return j >= 0 and bool(v.kill_active.match_ending_at(low, j))


def _name_end(v: _Vocab, t: _Toks, i: int, *, after_verb: bool = False) -> int:
    """Index after a person's name that starts at token ``i``, or -1. ``after_verb``: the
    name follows a verb of killing, so a preposition before it ("the death of") is no place."""
    low, text = t.low, t.text
    if i > 0 and (_NAME_WORD.fullmatch(text[i - 1])
                  or (low[i - 1] in _PLACE_PREPOSITIONS and not after_verb)):
        return -1  # inside a name, or a place ("in Chicago")
    if low[i] in v.not_names or low[i] in _MONTHS:
        return -1
    k = i
    title = v.persons.match_at(low, i)
    if title:
        if not _titles_a_name(v, t, i + title):
            return -1
        k = i + title  # "Officer Daniel Ellis": the title is part of the name
    while k < len(low) and k - i < 5:
        if _NAME_WORD.fullmatch(text[k]) and len(text[k]) > 1:
            k += 1
        elif len(text[k]) == 1 and text[k].isupper() and k + 1 < len(low) and low[k + 1] == ".":
            k += 2  # an initial: "John J. Smith"
        else:
            break
    if k == i or low[k - 1] == ".":
        return -1
    if k < len(low) and low[k] == "jr":
        k += 1
    return k


def _after_apposition(v: _Vocab, low: list[str], j: int) -> int:
    """After a subject, skip what commas set beside it (", 34,", ", of Detroit,", ", a
    19-year-old man,", ", identified as Darnell Jones, 27,") and return the index of the word
    that follows, or -1 when the commas hold a clause of their own (a verb, "and ...")."""
    n = len(low)
    pos = j
    for _ in range(3):
        if pos >= n or low[pos] != ",":
            return -1
        first = low[pos + 1] if pos + 1 < n else ""
        relative = first in ("who", "which", "whose")
        close = -1
        for k in range(pos + 1, min(n, pos + 12)):
            w = low[k]
            if w == ",":
                close = k
                break
            if w in (".", ";", ":", "(", ")") and not (w == "." and k > pos + 1
                                                       and len(low[k - 1]) <= 3):
                return -1
            if not relative and ((w in ("and", "or", "but", "while") and k == pos + 1)
                                 or v.aux.match_at(low, k) or v.kill_pred.match_at(low, k)
                                 or v.injure_pred.match_at(low, k)
                                 or v.kill_active.match_at(low, k)):
                return -1
        if close < 0 or close == pos + 1:
            return -1
        pos = close
        nxt = low[pos + 1] if pos + 1 < n else ""
        if nxt != ",":
            if nxt in v.singular_starts or v.aux.match_at(low, pos + 1) or (
                    v.kill_pred.match_at(low, pos + 1) or v.fillers.match_at(low, pos + 1)):
                return pos + 1
            continue
    return -1



def _is_age_after_person(v: _Vocab, t: _Toks, m: _Num) -> bool:
    """"John McLean, 53," and "the man, 45, died": a bare number set off by commas just after
    a name or a person is an age, not a count."""
    if m.qualifier or m.kind != "exact" or m.end != m.num + 1 or m.start < 2:
        return False
    if t.low[m.start - 1] != "," or not 0 < m.value < 120:
        return False
    nxt = t.low[m.end] if m.end < len(t.low) else "."
    before = t.text[m.start - 2]
    return nxt in (",", ".", ";", ")") and (
        bool(_NAME_WORD.fullmatch(before)) or bool(v.persons.match_ending_at(t.low, m.start - 2)))


def _is_age(t: _Toks, j: int) -> bool:
    """Whether the comma at ``j`` opens a bare age (", 22,") after a person."""
    return (j + 2 < len(t.low) and _is_digit_token(t.text[j + 1]) and t.low[j + 2] == ","
            and 0 < (_digit_value(t.text[j + 1]) or 0) < 120)


def _matrix_predicate(v: _Vocab, low: list[str], j: int) -> int:
    """After a relative pronoun: where the subject's own verb starts when the relative clause
    tells no death and the sentence goes on to one ("The girl who was shot inside a home has
    died"), else -1. The clause ends at the first auxiliary after its own verb."""
    if v.kill_pred.match_at(low, j) or (v.aux.match_at(low, j) and v.kill_pred.match_at(
            low, j + v.aux.match_at(low, j))):
        return -1  # the relative clause tells the death itself
    for k in range(j + 2, min(len(low), j + 16)):
        if low[k] in (".", ";", ":", "!", "?") or low[k] in ("who", "which", "that"):
            return -1
        a = v.aux.match_at(low, k)
        if a and low[k] in ("has", "had", "was", "is", "have", "were", "are"):
            return k
        if low[k] in ("died", "dies"):
            return k
    return -1


def _second_predicate(v: _Vocab, low: list[str], j: int) -> int:
    """Index of a death predicate joined by "and" within twelve words of ``j`` ("shot in the
    head and died", "found lying on the floor with a gunshot wound and was pronounced dead"),
    or -1; punctuation or another subject ("and police") stops the search."""
    for k in range(j, min(len(low), j + 13)):
        if low[k] in _PUNCT:
            return -1
        if low[k] == "and":
            f = k + 1
            while f < len(low) and (v.fillers.match_at(low, f) or low[f] in ("later", "then")
                                    or low[f] in ("was", "were", "is", "had", "has")):
                f += max(v.fillers.match_at(low, f), 1)
            return f if f < len(low) and v.kill_pred.match_at(low, f) else -1
    return -1
