"""Event triggers: which words make a sentence an event, and of what PLOVER type.

Two passes over the same vocabulary (``resources/triggers.yaml``):

- ``Lexicon.could_match(text)``: a cheap pre-filter over raw text with one Aho-Corasick
  automaton of surface stems, used to pick the paragraphs worth parsing. It may say yes too
  often, never too rarely.
- ``Lexicon.find(sentence)``: the real match, over the lemmas of a parsed sentence, with the
  part-of-speech and co-occurrence guards of each entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
from spacy.attrs import ENT_TYPE, LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from ..nlp import span_text
from ..resources import load_yaml
from . import senses

_NOT_TRIGGERS = frozenset({"DATE", "TIME"})
# a trigger this sure alone makes a sentence of a long page worth parsing (weaker ones, such
# as "threat", "allow" or "tariff", are coded when the sentence is parsed anyway)
STRONG_WEIGHT = 0.8
_WORD_CHAR = re.compile(r"\w")
_WORD_TAIL = re.compile(r"\w*")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TriggerEntry:
    lemmas: tuple[str, ...]
    type: str
    mode: str | None = None
    pos: str | None = None
    needs: frozenset[str] = frozenset()
    weight: float = 1.0
    # phrases that, standing in the sentence, make the word tell something else
    # ("a hostage release", "withdrew without a fight")
    unless: re.Pattern[str] | None = None
    # the sense the word must have in its sentence (``senses.py``): "warn" only as a threat
    sense: str | None = None


@dataclass(frozen=True)
class TriggerMatch:
    """A trigger found in a sentence: its tokens (a span of the sentence's doc) and entry."""

    entry: TriggerEntry
    span: Span

    @property
    def head(self) -> Token:
        """The token that carries the event: the verb of "open fire", the noun of "air strike"."""
        tokens = list(self.span)
        verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
        if verbs:
            return verbs[0]
        return self.span.root


def _phrases(phrases: list[str] | None) -> re.Pattern[str] | None:
    """One case-blind pattern for an entry's ``unless`` phrases (whole words), or None."""
    if not phrases:
        return None
    alternatives = sorted({re.escape(str(p).lower()) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _stems(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    """Surface stems of a lemma for the pre-filter.

    A phrase is keyed by its longest word (later words win ties: "hold talk" -> "talk"), which
    must stand in any sentence the phrase matches; a word is cut where suffixes start.
    """
    words = lemma.split()
    key = max(reversed(words), key=len)
    stems = {key}
    if key.endswith("e"):
        stems.add(key[:-1])  # strike -> strik(ing)
    if key.endswith("y") and len(key) > 3:
        stems.add(key[:-1] + "i")  # rally -> ralli(es)
    stems.update(irregular.get(key, []))
    return stems


# what may follow a stem in the pre-filter: "attack|s|ed|ing", "abduct|ion", "shell|ing"
_SUFFIXES = frozenset(
    {"", "s", "es", "ed", "d", "ing", "ings", "n", "en", "er", "ers", "ion", "ions", "ies", "ied"}
)


def _forms(word: str) -> set[str]:
    """Surface forms of a guard word, for the pre-filter's co-occurrence check."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    return forms


def _automaton(keys: list[tuple[str, frozenset[str] | None, float]]) -> ahocorasick.Automaton:
    """One automaton over the stems; a stem's value holds the guard words any of its entries
    needs (None when one of them needs nothing)."""
    guards: dict[str, frozenset[str] | None] = {}
    for stem, needed, _ in keys:
        if needed is None or (stem in guards and guards[stem] is None):
            guards[stem] = None
        else:
            guards[stem] = guards.get(stem, frozenset()) | needed
    automaton = ahocorasick.Automaton()
    for stem, needed in guards.items():
        automaton.add_word(stem, (stem, needed))
    if guards:
        automaton.make_automaton()
    return automaton


class Lexicon:
    """The trigger vocabulary, compiled once."""

    def __init__(self, data: dict) -> None:
        irregular = {k: list(v) for k, v in (data.get("irregular") or {}).items()}
        self.by_first: dict[str, list[TriggerEntry]] = {}
        keys: list[tuple[str, frozenset[str] | None, float]] = []  # (stem, guard words, weight)
        for type_, items in data.items():
            if type_ == "irregular":
                continue
            for item in items:
                entry = TriggerEntry(
                    lemmas=tuple(str(item["lemma"]).lower().split()),
                    type=type_,
                    mode=item.get("mode"),
                    pos=item.get("pos"),
                    needs=frozenset(str(n).lower() for n in item.get("needs", [])),
                    weight=float(item.get("weight", 1.0)),
                    unless=_phrases(item.get("unless")),
                    sense=item.get("sense"),
                )
                if entry.sense is not None and not senses.known(entry.sense):
                    raise ValueError(f"triggers.yaml: {item['lemma']!r} names an unknown sense "
                                     f"{entry.sense!r}")
                self.by_first.setdefault(entry.lemmas[0], []).append(entry)
                needed = frozenset(f for n in entry.needs for f in _forms(n)) or None
                if len(entry.lemmas) > 1:  # a phrase also needs its second word
                    words = sorted(entry.lemmas, key=len)
                    needed = frozenset(_forms(words[-2])) | set(irregular.get(words[-2], []))
                for stem in _stems(item["lemma"].lower(), irregular):
                    keys.append((stem, needed, entry.weight))
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e.lemmas))  # longest phrase first
        # one-word entries by their inflected forms, for words the lemmatiser gets wrong
        # ("raped" -> "rap", "burnt" -> "burnt")
        self.by_form: dict[str, list[TriggerEntry]] = {}
        # forms the model may not lemmatise at all ("retook" tagged a noun): only the listed
        # irregular ones, not "killing" ("the killing of" is what an inquiry is about)
        self.irregular_forms = frozenset(f for forms in irregular.values() for f in forms)
        for lemma, entries in self.by_first.items():
            single = [e for e in entries if len(e.lemmas) == 1]
            for form in (_forms(lemma) | set(irregular.get(lemma, []))) - {lemma}:
                self.by_form.setdefault(form, []).extend(single)
        self.automaton = _automaton(keys)
        # the triggers sure enough to make a sentence of a long page worth parsing on their own
        self.strong_automaton = _automaton([k for k in keys if k[2] >= STRONG_WEIGHT])

    def could_match(self, text: str, *, strong: bool = False) -> bool:
        """True when a trigger word (with its guard words, if it has any) stands in ``text``;
        with ``strong``, only a trigger sure enough to stand alone (weight >= STRONG_WEIGHT).

        A cheap pre-filter over raw text: it may say yes too often, never too rarely.
        """
        lowered = text.lower()
        words: set[str] | None = None
        automaton = self.strong_automaton if strong else self.automaton
        for end, (stem, needed) in automaton.iter(lowered):
            start = end - len(stem) + 1
            if start and _WORD_CHAR.match(lowered[start - 1]):
                continue
            tail = _WORD_TAIL.match(lowered, end + 1).group(0)  # type: ignore[union-attr]
            if tail[:1] == stem[-1:]:
                tail = tail[1:]  # a doubled consonant: kidnap-ped, stab-bing, expel-led
            if tail not in _SUFFIXES:
                continue
            if needed is None:
                return True
            if words is None:
                words = set(_WORD.findall(lowered))
            if needed & words:
                return True
        return False

    def find(self, sentence: Span) -> list[TriggerMatch]:
        """Every trigger of a parsed sentence; overlapping phrases resolve to the longest."""
        words_of = _words(sentence.doc)
        lowers = words_of.lowers[sentence.start : sentence.end]
        lemmas = words_of.lemmas[sentence.start : sentence.end]
        dated = words_of.dated[sentence.start : sentence.end]
        words = {*lowers, *lemmas}
        # a plural the lemmatiser left whole, as it does a headline's first word tagged a proper
        # noun ("Rockets land near the embassy"), still meets a guard's singular ("rocket")
        words |= {w[:-1] for w, m in zip(lowers, lemmas, strict=True)
                  if w == m and w.endswith("s") and not w.endswith("ss")}
        matches: list[TriggerMatch] = []
        i = 0
        while i < len(lemmas):
            found = None
            if dated[i]:  # "on 3 March", "at dawn"
                i += 1
                continue
            for entry in self.by_first.get(lemmas[i], ()):
                n = len(entry.lemmas)
                end = _phrase_at(lemmas, lowers, i, entry.lemmas, sentence) if n > 1 else i + 1
                if end is None:
                    continue
                head = sentence[i]
                if entry.pos and n == 1 and not _pos_ok(head, entry.pos):
                    continue
                if entry.needs and not (entry.needs & words):
                    continue
                if entry.unless is not None and entry.unless.search(span_text(sentence)):
                    continue
                found = TriggerMatch(entry, sentence[i:end])  # ("handing it over": all three)
                if entry.sense is not None and not senses.holds(entry.sense, found.head):
                    found = None
                    continue
                break
            if found is None:
                lower = lowers[i]
                # the lemmatiser may miss ("shelling" -> "shell") or not know the word at all
                # ("retook" tagged a noun, its own lemma)
                if lower != lemmas[i] or (
                    lower in self.irregular_forms and lower not in self.by_first
                ):
                    for entry in (*self.by_first.get(lower, ()), *self.by_form.get(lower, ())):
                        needs_ok = not entry.needs or bool(entry.needs & words)
                        pos_ok = not entry.pos or _pos_ok(sentence[i], entry.pos)
                        unless_ok = entry.unless is None or not entry.unless.search(
                            span_text(sentence))
                        sense_ok = entry.sense is None or senses.holds(entry.sense, sentence[i])
                        if len(entry.lemmas) == 1 and needs_ok and pos_ok and unless_ok and (
                            sense_ok
                        ):
                            found = TriggerMatch(entry, sentence[i : i + 1])
                            break
            if found is not None:
                matches.append(found)
                i += len(found.span)
            else:
                i += 1
        return matches


@dataclass(frozen=True)
class _DocWords:
    """A parsed Doc's words as ``find`` reads them, per token: lower case, lemma in lower
    case, and whether an entity marks it as a date or time."""

    lowers: list[str]
    lemmas: list[str]
    dated: list[bool]


_WORDS_KEY = "eventwire.trigger_words"


def _words(doc: Doc) -> _DocWords:
    """The Doc's words, read once per Doc (``find`` runs once per sentence, and reading
    ``lemma_`` token by token builds a Token object each time)."""
    found = doc.user_data.get(_WORDS_KEY)
    if found is None:
        strings = doc.vocab.strings
        not_triggers = {strings.add(label) for label in _NOT_TRIGGERS}
        rows = doc.to_array([LOWER, LEMMA, ENT_TYPE]).tolist() if len(doc) else []
        found = _DocWords(
            lowers=[strings[lower] for lower, _, _ in rows],
            lemmas=[strings[lemma].lower() for _, lemma, _ in rows],
            dated=[ent in not_triggers for _, _, ent in rows],
        )
        doc.user_data[_WORDS_KEY] = found
    return found


def _phrase_at(
    lemmas: list[str], lowers: list[str], i: int, phrase: tuple[str, ...], sentence: Span
) -> int | None:
    """Where the phrase whose lemmas start at position i ends (``None``: not there), allowing
    one determiner, particle or pronoun between words (a phrasal verb's object pronoun sits
    inside it: "handing it over", "set them ablaze")."""
    j = i
    for k, word in enumerate(phrase):
        if j >= len(lemmas):
            return None
        if lemmas[j] != word and lowers[j] != word:
            if (
                k > 0
                and sentence[j].pos_ in ("DET", "PART", "ADP", "PRON")
                and j + 1 < len(lemmas)
                and (lemmas[j + 1] == word or lowers[j + 1] == word)
            ):
                j += 1
            else:
                return None
        j += 1
    return j


def _pos_ok(token: Token, pos: str) -> bool:
    if pos == "VERB":
        if token.i > 0 and token.nbor(-1).lower_ in ("the", "of"):
            return False  # "the wounded", "two of the dead": people, not an act
        return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
    if pos == "NOUN":
        return token.pos_ in ("NOUN", "PROPN") and not token.tag_.startswith("VB")
    return token.pos_ == pos


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon from ``resources/triggers.yaml``, compiled once per process."""
    return Lexicon(load_yaml("triggers.yaml"))
