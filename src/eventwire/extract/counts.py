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

Five modules, one job each: ``count_words`` reads the vocabulary, tokens and number phrases;
``count_persons`` finds one person told without a count word (a name, a pronoun, a headline's
bare noun) and the clause shapes around a subject; ``count_phrases`` finds the phrases of a
sentence that may count people; ``count_class`` decides what each counts (killed, injured,
either) from its context and links counts that share a verb; this module adds them up into a
sentence's ``Casualties`` (``count_sizes`` reads force and crowd sizes and bare numbers, and
``parse_size`` and ``parse_number`` are public here).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from ..casefold import CaseBlind
from ..model import Count
from ..resources import load_yaml
from .count_class import HIT, INJURED, KILLED, MIXED, _Mention, _mentions
from .count_sizes import parse_number, parse_size
from .count_words import _PREFILTER, _WORD_SPLIT, _blank_brackets, _tokenize, _Toks, _vocab

logger = logging.getLogger(__name__)

__all__ = ["Casualties", "parse_casualties", "parse_number", "parse_size", "people_hit"]


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
    own = [m for m in ms if m.cls == cls and not m.subset and m.how not in ("merged", "apposition")]
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


def _survivors(
    text: str, t: _Toks, ms: list[_Mention], killed: tuple[Count, tuple[int, int]] | None
) -> tuple[Count, tuple[int, int]] | None:
    """The wounded of a sentence that counts people hit beside its dead: those hit less the
    dead among them ("Two men shot, one killed", "14 shot, one fatally"), or the others hit
    after the dead ("a man was killed and two others were shot"); ``None`` where the sentence
    tells no dead (whether the hit lived is not said)."""
    if killed is None:
        return None
    dead_at = killed[1][0]
    hits = [m for m in ms if m.cls == HIT and m.num.kind in ("exact", "vague")]
    if len(hits) != 1:
        return None
    hit = hits[0]
    if t.start[hit.num.start] < dead_at:
        wounded = hit.num.value - killed[0].value
    elif {"other", "others"} & set(t.low[hit.num.start : hit.tail_end]):
        wounded = hit.num.value
    else:
        return None
    if wounded <= 0:
        return None
    start, end = t.start[hit.ev_start], t.end[max(hit.ev_end - 1, hit.ev_start)]
    return Count(value=wounded, text=text[start:end]), (start, end)


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
# the counter's other words a count is read from: "a double homicide", "the death toll",
# "[...] fatalities coded as 10"
_COUNTED_LISTS = ("multiple_death_nouns", "murder_suicide_nouns")
_COUNTED_WORDS = ("toll", "coded")


@lru_cache(maxsize=1)
def _casualty_words() -> CaseBlind:
    data = load_yaml("casualty_words.yaml")
    firsts = {str(phrase).split()[0] for key in _CASUALTY_LISTS for phrase in data.get(key, [])}
    words = "|".join(sorted((re.escape(w) for w in firsts), key=len, reverse=True))
    return CaseBlind(rf"\b(?:{words})\b")


@lru_cache(maxsize=1)
def _casualty_phrases() -> dict[str, tuple[frozenset[str], ...]]:
    """The counter's phrases as sets of words, keyed by each phrase's longest word."""
    data = load_yaml("casualty_words.yaml")
    keyed: dict[str, set[frozenset[str]]] = {}
    items = [p for key in (*_CASUALTY_LISTS, *_COUNTED_LISTS) for p in data.get(key, [])]
    for item in [*items, *_COUNTED_WORDS]:
        words = _WORD_SPLIT.findall(str(item).lower())
        if words:
            keyed.setdefault(max(reversed(words), key=len), set()).add(frozenset(words))
    return {key: tuple(phrases) for key, phrases in keyed.items()}


def mentions_casualties(text: str) -> bool:
    """Whether ``text`` holds a word ``parse_casualties`` counts from (a cheap pre-filter):
    the first word of one of its phrases, which is often a word of any sentence ("in" of
    "in critical condition", "did" of "did not survive")."""
    return _casualty_words().found(text)


def tells_casualties(text: str) -> bool:
    """Whether ``text`` holds a whole phrase ``parse_casualties`` counts from ("in critical
    condition", "did not survive", "killed"): every word of it, in any order (a cheap
    pre-filter, narrower than ``mentions_casualties``: it says yes only where that does)."""
    if not _casualty_words().found(text):
        return False
    words = set(_WORD_SPLIT.findall(text.lower()))
    phrases = _casualty_phrases()
    return any(words.issuperset(p) for w in words if w in phrases for p in phrases[w])


def parse_casualties(sentence: str) -> Casualties:
    """People killed and injured according to one sentence (see the module doc for the rules)."""
    if not sentence or not _PREFILTER.found(sentence):
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
    if result[INJURED] is None:
        result[INJURED] = _survivors(sentence, t, ms, result[KILLED])
    k, i, c = result[KILLED], result[INJURED], result[MIXED]
    return Casualties(
        killed=k[0] if k else None,
        injured=i[0] if i else None,
        casualties=c[0] if c else None,
        killed_span=k[1] if k else None,
        injured_span=i[1] if i else None,
        casualties_span=c[1] if c else None,
    )


@lru_cache(maxsize=1)
def _hit_words() -> CaseBlind:
    firsts = {str(p).split()[0] for p in load_yaml("casualty_words.yaml")["hit_predicates"]}
    return CaseBlind(r"\b(?:" + "|".join(sorted(map(re.escape, firsts))) + r")\b")


@lru_cache(maxsize=4096)
def people_hit(sentence: str) -> Count | None:
    """How many people ``sentence`` tells were shot or stabbed, alive or dead ("Five people were
    shot", "a boy was shot in the leg"), or ``None``. Whether they lived the sentence does not
    say; the happening's other sentences may (``assemble.merge``). Those told dead ("shot and
    killed") are counted as killed, not here; vague numbers ("several people were shot") are
    not counted."""
    if not sentence or not _hit_words().found(sentence):
        return None
    text = _blank_brackets(sentence)
    t = _tokenize(text)
    # a vague number ("many people shot", "multiple people were shot") tells no one how many
    # lived: only counts the sentence gives exactly are read
    told = [m for m in _mentions(_vocab(), t) if m.num.kind not in ("vague", "unknown")]
    hit = _aggregate(sentence, t, told, HIT)
    return hit[0] if hit else None
