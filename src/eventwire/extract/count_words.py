"""Reading counts of people: the casualty vocabulary (resources/numbers.yaml and
resources/casualty_words.yaml, loaded once), tokens with their offsets, and number phrases
("at least eight", "a dozen", "twenty-one", "10,000", "dozens of"). Pure, no model.

What a number counts, and of whom, is decided by ``count_class`` (victims of a verb, a
predicate, a tally) and ``count_persons`` (one person told by name, pronoun or bare noun)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..casefold import CaseBlind
from ..resources import load_yaml

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
    hit_pred: _PhraseSet
    unrealised: _PhraseSet
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
    plural_starts: frozenset[str] = field(default_factory=frozenset)
    multiples: dict[str, int] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    multiple_nouns: _PhraseSet | None = None
    murder_suicide: _PhraseSet | None = None
    charge_words: frozenset[str] = field(default_factory=frozenset)
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
        hit_pred=ps("hit_predicates"),
        unrealised=ps("unrealised_openers"),
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
        plural_starts=words("plural_predicate_starts"),
        multiples={str(k).lower(): int(n)
                   for k, n in (cas.get("multiple_death_words") or {}).items()},
        multiple_nouns=ps("multiple_death_nouns"),
        ordinals={str(k).lower(): int(n) for k, n in (cas.get("toll_ordinals") or {}).items()},
        murder_suicide=ps("murder_suicide_nouns"),
        charge_words=words("charge_words"),
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
_PREFILTER = CaseBlind(
    r"kill|dead|death|die|injur|wound|hurt|fatal|casualt|bod(?:y|ies)|corpse|li(?:fe|ves)|slain"
    r"|murder|execut|massacr|toll|perish|succumb|lynch|behead|assassin|slaughter|coded as"
    r"|hospitali|victim|harm|gunned|homicide|slaying|passed away|surviv|saved|revived|resuscitat"
    r"|(?:shot|struck|hit|grazed) in the|grazed|gunshot wound"
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
    kind: str = "exact"  # exact | vague | unknown | article | the | self | multiple
    ordinal: bool = False  # "a third person": the toll so far when that person died


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
