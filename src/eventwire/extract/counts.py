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
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model import Count, Size
from ..resources import load_yaml

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


# --------------------------------------------------------------------------- resources


def _phrases(items: list[Any]) -> tuple[tuple[str, ...], ...]:
    out = {tuple(_WORD_SPLIT.findall(str(item).lower())) for item in items}
    out.discard(())
    return tuple(sorted(out, key=len, reverse=True))


class _PhraseSet:
    """Multi-word phrases matched on lower-cased token lists, longest first."""

    def __init__(self, items: list[Any]) -> None:
        self.phrases = _phrases(items)
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        for p in self.phrases:
            self.by_first.setdefault(p[0], []).append(p)
            self.by_last.setdefault(p[-1], []).append(p)

    def match_at(self, toks: list[str], i: int) -> int:
        """Length (in tokens) of the longest phrase starting at token i, or 0."""
        if i >= len(toks):
            return 0
        for p in self.by_first.get(toks[i], ()):
            if tuple(toks[i : i + len(p)]) == p:
                return len(p)
        return 0

    def match_ending_at(self, toks: list[str], j: int) -> int:
        """Length of the longest phrase ending at token j (inclusive), or 0."""
        if j < 0 or j >= len(toks):
            return 0
        for p in self.by_last.get(toks[j], ()):
            s = j - len(p) + 1
            if s >= 0 and tuple(toks[s : j + 1]) == p:
                return len(p)
        return 0

    def __contains__(self, word: str) -> bool:
        return (word,) in self.by_first.get(word, ())


_WORD_SPLIT = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*|[^\w\s]")


@dataclass(slots=True)
class _Vocab:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    fixed: dict[str, int]
    vague: dict[tuple[str, ...], int]
    vague_unknown: dict[tuple[str, ...], int]
    qualifiers: dict[tuple[str, ...], str]
    qualifier_set: _PhraseSet
    vague_set: _PhraseSet
    kill_active: _PhraseSet
    injure_active: _PhraseSet
    mixed_active: _PhraseSet
    kill_pred: _PhraseSet
    injure_pred: _PhraseSet
    mixed_pred: _PhraseSet
    kill_total: _PhraseSet
    kill_nouns: _PhraseSet
    injure_nouns: _PhraseSet
    casualty_nouns: _PhraseSet
    subset: _PhraseSet
    fillers: _PhraseSet
    aux: _PhraseSet
    persons: _PhraseSet
    children: frozenset[str]
    non_person: frozenset[str]
    labels: frozenset[str]
    size_units: frozenset[str]
    size_groups: frozenset[str]
    pronouns: frozenset[str] = field(default_factory=frozenset)
    singular_starts: frozenset[str] = field(default_factory=frozenset)
    not_names: frozenset[str] = field(default_factory=frozenset)
    fatal_adverbs: frozenset[str] = field(default_factory=frozenset)
    tail_stops: frozenset[str] = field(default_factory=frozenset)
    restating: frozenset[str] = field(default_factory=frozenset)
    number_words: frozenset[str] = field(default_factory=frozenset)


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    nums = load_yaml("numbers.yaml")
    cas = load_yaml("casualty_words.yaml")

    def ints(key: str) -> dict[str, int]:
        return {str(k).lower(): int(v) for k, v in (nums.get(key) or {}).items()}

    def keyed(key: str) -> dict[tuple[str, ...], Any]:
        return {
            tuple(_WORD_SPLIT.findall(str(k).lower())): v for k, v in (nums.get(key) or {}).items()
        }

    def ps(key: str) -> _PhraseSet:
        return _PhraseSet(list(cas.get(key) or []))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in cas.get(key) or [])

    vague = {k: int(v) for k, v in keyed("vague").items()}
    vague_unknown = {k: int(v) for k, v in keyed("vague_unknown").items()}
    qualifiers = {k: str(v) for k, v in keyed("qualifiers").items()}
    v = _Vocab(
        units=ints("units"),
        tens=ints("tens"),
        scales=ints("scales"),
        fixed=ints("fixed"),
        vague=vague,
        vague_unknown=vague_unknown,
        qualifiers=qualifiers,
        qualifier_set=_PhraseSet([" ".join(k) for k in qualifiers]),
        vague_set=_PhraseSet([" ".join(k) for k in (*vague, *vague_unknown)]),
        kill_active=ps("kill_verbs_active"),
        injure_active=ps("injure_verbs_active"),
        mixed_active=ps("mixed_verbs_active"),
        kill_pred=ps("kill_predicates"),
        injure_pred=ps("injure_predicates"),
        mixed_pred=ps("mixed_predicates"),
        kill_total=ps("kill_nouns_total"),
        kill_nouns=ps("kill_nouns"),
        injure_nouns=ps("injure_nouns"),
        casualty_nouns=ps("casualty_nouns"),
        subset=ps("subset_markers"),
        fillers=ps("fillers"),
        aux=ps("auxiliaries"),
        persons=ps("person_nouns"),
        children=words("child_nouns"),
        non_person=words("non_person_units"),
        labels=words("label_words"),
        size_units=words("size_units"),
        size_groups=words("size_groups"),
        pronouns=words("singular_subject_pronouns"),
        singular_starts=words("singular_predicate_starts"),
        not_names=words("not_names"),
        fatal_adverbs=words("fatal_adverbs"),
        tail_stops=words("tail_stops"),
        restating=words("restating_words"),
    )
    v.number_words = frozenset({*v.units, *v.tens, *v.scales})
    return v


# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w-])"  # 10,000
    r"|(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\w,.-]?\d)(?![\w-])"  # 10 000
    r"|\d+(?:\.\d+)?(?![\w-]|-\w)"  # 12, 1.5
    r"|[^\W_]+(?:[-'’.][^\W_]+)*"  # words, 25-year-old, 82mm, pro-Houthi
    r"|[^\w\s]"
)
_DIGITS = re.compile(r"\d[\d,. \u00a0\u202f]*")
_BRACKETS = re.compile(r"\[[^\[\]]*\]")
_PUNCT = frozenset(".,;:!?()[]{}\"“”'‘’/|—–-")

_CLAUSE_STOP = frozenset(
    [
        "and",
        "or",
        "but",
        "nor",
        "who",
        "which",
        "that",
        "whom",
        "whose",
        "where",
        "were",
        "was",
        "is",
        "are",
        "has",
        "have",
        "had",
        "been",
        "be",
        "will",
        "would",
        "after",
        "before",
        "during",
        "when",
        "while",
        "as",
        "by",
        "at",
        "on",
        "near",
        "since",
        "because",
        "than",
        "to",
        "into",
        "for",
        "with",
        "if",
        "then",
        "though",
        "although",
        "whereas",
        "against",
        "toward",
        "towards",
    ]
)
_OBJECT_OK = frozenset(
    [
        "in",
        "on",
        "at",
        "during",
        "after",
        "when",
        "while",
        "as",
        "near",
        "by",
        "following",
        "and",
        "or",
        "amid",
        "since",
        "overnight",
        "yesterday",
        "today",
        "last",
        "this",
        "early",
        "late",
        "inside",
        "outside",
        "across",
        "between",
        "from",
        "with",
        "in",
        "near",
        "around",
        "close",
        "reportedly",
        "allegedly",
        # a day or a time of day after the verb is never its object ("shot and killed Saturday")
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "morning", "afternoon", "evening", "night", "overnight", "tonight", "shortly",
    ]
)
_INTRANSITIVE = frozenset(
    ("dead", "died", "die", "dies", "perished", "succumbed", "slain", "hospitalized",
     "hospitalised", "lost")
)  # fmt: skip
_FOUND = frozenset(["found", "discovered", "recovered", "dumped", "retrieved", "exhumed"])
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_PREFILTER = re.compile(
    r"kill|dead|death|die|injur|wound|hurt|fatal|casualt|bod(?:y|ies)|corpse|li(?:fe|ves)|slain"
    r"|murder|execut|massacr|toll|perish|succumb|lynch|behead|assassin|slaughter|coded as"
    r"|hospitali|victim|harm|gunned",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Toks:
    text: list[str]
    low: list[str]
    start: list[int]
    end: list[int]

    def __len__(self) -> int:
        return len(self.low)


def _tokenize(text: str) -> _Toks:
    t = _Toks([], [], [], [])
    shouting = text.isupper()
    for m in _TOKEN.finditer(text):
        s = m.group()
        t.text.append(s)
        # short all-caps words are acronyms ("IS fighters"), not "is"
        keep = not shouting and 1 < len(s) <= 5 and s.isupper() and s.isalpha()
        t.low.append(s if keep else s.lower())
        t.start.append(m.start())
        t.end.append(m.end())
    return t


def _blank_brackets(text: str) -> str:
    if "[" not in text:
        return text
    return _BRACKETS.sub(lambda m: " " * len(m.group()), text)


def _is_digit_token(tok: str) -> bool:
    return bool(tok) and tok[0].isdigit() and _DIGITS.fullmatch(tok) is not None


def _digit_value(tok: str) -> float | None:
    clean = tok.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    try:
        return float(clean)
    except ValueError:
        return None


# --------------------------------------------------------------------------- numbers


@dataclass(slots=True)
class _Num:
    start: int  # first token (qualifier included)
    num: int  # first token of the number itself
    end: int  # token after the number expression
    value: int
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    kind: str = "exact"  # exact | vague | unknown | article | self


def _word_number(v: _Vocab, low: list[str], i: int) -> tuple[int, int] | None:
    """A spelled-out number starting at token i: (value, tokens used), or None."""
    total = current = 0
    used = 0
    state = "start"  # start | unit | ten | teen | hundred | scale
    j = i
    n = len(low)
    while j < n:
        w = low[j]
        parts = w.split("-") if "-" in w else [w]
        if len(parts) > 1 and not all(p in v.units or p in v.tens for p in parts):
            break
        if (
            len(parts) == 2
            and parts[0] in v.tens
            and parts[1] in v.units
            and state in ("start", "hundred", "scale", "and")
        ):
            current += v.tens[parts[0]] + v.units[parts[1]]
            state = "unit"
        elif len(parts) > 1:
            break
        elif w in v.units and state in ("start", "hundred", "scale", "and", "ten"):
            current += v.units[w]
            state = "unit"
        elif w in v.tens and state in ("start", "hundred", "scale", "and"):
            current += v.tens[w]
            state = "ten"
        elif w == "hundred" and state in ("start", "unit", "a"):
            current = max(current, 1) * 100
            state = "hundred"
        elif w in v.scales and w != "hundred" and state in ("start", "unit", "ten", "hundred", "a"):
            total += max(current, 1) * v.scales[w]
            current = 0
            state = "scale"
        elif w == "a" and state == "start" and j + 1 < n and low[j + 1] in v.scales:
            state = "a"
        elif (
            w == "and"
            and state in ("hundred", "scale")
            and j + 1 < n
            and (low[j + 1] in v.units or low[j + 1] in v.tens or "-" in low[j + 1])
        ):
            state = "and"
        else:
            break
        j += 1
        if state not in ("a", "and"):
            used = j - i
    if used == 0:
        return None
    return total + current, used


def _number_at(v: _Vocab, t: _Toks, i: int) -> tuple[int, int, str] | None:
    """(value, tokens used, kind) for a bare number expression at token i."""
    low = t.low
    n = len(low)
    if i >= n:
        return None
    w = low[i]
    if _is_digit_token(t.text[i]):
        val = _digit_value(t.text[i])
        if val is None:
            return None
        used = 1
        if i + 1 < n and low[i + 1] in v.scales:
            val *= v.scales[low[i + 1]]
            used = 2
        elif val != int(val):
            return None  # "2.5" without a scale is no count of people
        return int(val), used, "exact"
    # vague phrases first: "tens of thousands", "an unknown number of", "dozens"
    k = v.vague_set.match_at(low, i)
    if k:
        key = tuple(low[i : i + k])
        if key in v.vague:
            val, kind = v.vague[key], "vague"
        else:
            val, kind = v.vague_unknown[key], "unknown"
        if i + k < n and low[i + k] == "of" and key[-1] != "of":
            k += 1
        return val, k, kind
    # "a dozen", "a score of", "a couple of"
    j = i + 1 if w in ("a", "an") else i
    if j < n and low[j] in v.fixed:
        used = j - i + 1
        val = v.fixed[low[j]]
        if i + used < n and low[i + used] == "of":
            used += 1
        return val, used, "exact"
    wn = _word_number(v, low, i)
    if wn:
        return wn[0], wn[1], "exact"
    return None


def _person_after(v: _Vocab, low: list[str], j: int, max_mods: int = 3) -> int:
    """Index after a singular person noun found within max_mods modifiers from j, or -1."""
    n = len(low)
    for k in range(j, min(n, j + max_mods + 1)):
        if _is_digit_token(low[k]) and low[k + 1 : k + 2] == ["year-old"]:
            continue  # "a 17 year-old girl": an age
        if _is_stop_word(v, low, k):
            return -1
        m = v.persons.match_at(low, k)
        if m:
            return k + m
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
        k = v.persons.match_at(low, i)
        if k:  # a headline's subject without an article: "Teen killed in drive-by"
            return _Num(i, i, i + k, 1, kind="article")
    if _killed_before(v, low, i):
        # "the shooting death of 16-year-old Kenyon Givens", "shot and killed Marcus Hill"
        end = _name_end(v, t, i, after_verb=True)
        first = i
        while first > 0 and low[first - 1].endswith("-old"):
            first -= 1  # the age belongs to the name, so the verb stands just before it
        return _Num(first, i, end, 1, kind="the") if end > 0 else None
    end = _name_end(v, t, i)
    if end < 0:
        return None
    if low[end : end + 2] == [",", "who"]:
        return _Num(i, i, end, 1, kind="the")  # "striking Anderson, who died at the scene"
    after = _after_apposition(v, low, end) if end < len(low) and low[end] == "," else end
    if after < 0 or after >= len(low) or low[after] not in v.singular_starts:
        return None  # not the subject of a singular predicate: a place, a doer, an outlet
    return _Num(i, i, end, 1, kind="the")


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
    if low[i] in v.not_names or low[i] in _MONTHS or v.persons.match_at(low, i):
        return -1
    k = i
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
            one = _one_person_at(v, t, i)
            if one is not None:
                out.append(one)
                i = one.end
                continue
            if w in ("a", "an", "his", "her", "their", "the", "another"):
                end = _person_after(v, low, i + 1)
                if end < 0 and w in ("a", "an"):
                    end = _loose_article(v, low, i)
                if end > 0:
                    kind = "the" if w == "the" else "article"
                    out.append(_Num(i, i, end, 1, kind=kind))
                    i = end
                    continue
            if w in ("himself", "herself"):
                out.append(_Num(i, i, i + 1, 1, kind="self"))
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
    if nxt in v.non_person or nxt in _MONTHS:
        return False
    if nxt == "-" and m.end + 1 < n and low[m.end + 1] in v.non_person:
        return False
    if prev in _MONTHS or prev in v.labels or prev in ("no", "not"):
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


def _tail(v: _Vocab, t: _Toks, m: _Num, starts: set[int]) -> _Mention:
    """The noun phrase after a number, up to 6 tokens: '11 [people]', '2 [pro-Houthi elements]'."""
    low = t.low
    n = len(low)
    men = _Mention(m, m.end, ev_start=m.start, ev_end=m.end)
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


def _skip_fillers_back(v: _Vocab, low: list[str], j: int) -> int:
    while j >= 0:
        k = v.fillers.match_ending_at(low, j)
        if k:
            j -= k
            continue
        if low[j].endswith("ly") and len(low[j]) > 4 and low[j] not in ("fatally",):
            j -= 1
            continue
        if low[j] in ("the", "a", "an"):
            j -= 1
            continue
        break
    return j


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
    j = men.tail_end
    be = perfect = False
    skipped = False
    for _ in range(10):
        if j >= n:
            return
        # "Anderson, who died at the scene": a relative clause set off by a comma
        if (j == men.tail_end and low[j : j + 2] == [",", "who"]
                and men.num.kind in ("article", "the")):
            j += 1
        # "a girl who was shot and killed": the relative clause tells what befell her
        if j in (men.tail_end, men.tail_end + 1) and low[j] in ("who", "that") and not (
                be or perfect):
            matrix = _matrix_predicate(v, low, j + 1)
            j = matrix if matrix > 0 else j + 1
            continue
        # "Antonio Brown, 45, of Detroit, was found dead": what the commas set beside it
        if (low[j] == "," and not skipped and not (be or perfect)
                and (men.num.kind in ("article", "the") or _is_age(t, j))):
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
        if a and low[k] in ("has", "had", "was", "is", "has been", "had been"):
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
        # "killed four classmates and himself": joined by "and", it shares the verb (_link)
        if m.kind == "self" and men.how != "left" and t.low[m.start - 1 : m.start] != ["and"]:
            continue
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


_REPORTING = frozenset({"said", "says", "told", "reported", "added", "stated", "confirmed"})


def _link(t: _Toks, ms: list[_Mention]) -> None:
    """Counts joined by 'and' or commas share their verb and their subset marker."""
    low = t.low
    links: list[bool] = []
    for a, b in itertools.pairwise(ms):
        gap = low[a.tail_end : b.num.start]
        ok = gap in (["and"], [","], [",", "and"], ["as", "well", "as"], ["&"], ["plus"], ["or"])
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


def _zeros(text: str) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for m in _ZERO.finditer(text):
        window = m.group(1)
        stop = _ZERO_STOP.search(window)
        if stop:
            window = window[: stop.start()]
        found = []
        for rx, cls in ((_ZERO_KILL, KILLED), (_ZERO_INJ, INJURED), (_ZERO_CAS, MIXED)):
            hit = rx.search(window)
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
