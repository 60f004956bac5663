"""Choosing among the event types of one sentence, and coding stated intentions.

A sentence often holds triggers of several types: "X urged Y to withdraw" has REQUEST and
RETREAT, "X refused to deploy troops" REJECT and MOBILIZE, "X condemned the attack" ACCUSE and
ASSAULT. The event a coder writes down is the one whose trigger governs the others in the parse;
``choose_types`` keeps every event but lowers the confidence of the governed ones, so that any
"most confident" pick lands on the governing one.

It also codes statements of intent the way PLOVER codes the CAMEO categories: an intention to
cooperate ("will provide aid", "is willing to withdraw") is AGREE, an intention to act against
someone ("said it would boycott", "prepared to impose martial law") is THREATEN, a negated
intention to cooperate ("will not accept") is REJECT. The statement is the event that happened,
so such an event's status is ``occurred``. Word lists: ``resources/choice.yaml``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..model import Event
from ..resources import load_yaml
from .modality import words as modality_words
from .ontology import Ontology
from .triggers import TriggerMatch

logger = logging.getLogger(__name__)

_MAX_HOPS = 4
_CLIMB_DEPS = frozenset({"xcomp", "ccomp", "acomp", "conj", "advcl", "oprd"})


@dataclass(frozen=True)
class ChoiceWords:
    intent_aux: frozenset[str]
    intent_words: frozenset[str]
    other_words: frozenset[str]
    conditional_marks: frozenset[str]
    carrier_verbs: frozenset[str]
    cooperative: frozenset[str]
    conflictual: frozenset[str]
    governed_factor: float


@lru_cache(maxsize=1)
def choice_words() -> ChoiceWords:
    """The word lists of ``resources/choice.yaml``, loaded once."""
    data = load_yaml("choice.yaml")
    lists = {
        key: frozenset(str(w).lower() if key not in ("cooperative", "conflictual") else str(w)
                       for w in data[key])
        for key in ChoiceWords.__dataclass_fields__
        if key != "governed_factor"
    }  # fmt: skip
    return ChoiceWords(**lists, governed_factor=float(data["governed_factor"]))


def primary_match(matches: Sequence[TriggerMatch]) -> TriggerMatch:
    """The match that carries an event of several triggers (the strongest, moded first)."""
    return max(matches, key=lambda m: (m.entry.weight, m.entry.mode is not None))


def stated_intent(head: Token) -> tuple[bool, bool] | None:
    """``(True, negated)`` when the trigger's actor states an intention to do it ("will
    provide", "offered to negotiate", "is not willing to accept"); ``None`` when the trigger is
    no stated intention (done, asked of someone else, refused, conditional)."""
    vocab = choice_words()
    light = modality_words().light_verbs
    node = head
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "pobj"):
        verb = head.head.head if head.dep_ == "pobj" else head.head
        if verb.lemma_.lower() not in vocab.carrier_verbs | light or verb.pos_ not in (
            "VERB", "AUX"
        ):
            return None
        node = verb  # "will impose sanctions": the noun takes its verb's intention
    negated = any(c.dep_ == "neg" for c in node.children)
    for depth in range(_MAX_HOPS + 1):
        if any(c.dep_ == "mark" and c.lower_ in vocab.conditional_marks for c in node.children):
            return None
        lemma = node.lemma_.lower()
        if node is not head and depth and lemma in vocab.other_words:
            return None
        if any(c.dep_ == "aux" and c.lower_ in vocab.intent_aux for c in node.children):
            return True, negated or any(c.dep_ == "neg" for c in node.children)
        if depth and (lemma in vocab.intent_words or node.lower_ in vocab.intent_words):
            return True, negated or any(c.dep_ == "neg" for c in node.children)
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
            return None
        if node.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return None  # a second clause with its own subject has its own tense
        node = node.head
    return None


def _intent_type(event: Event, head: Token) -> str | None:
    vocab = choice_words()
    if event.status not in ("occurred", "planned", "hypothetical", "negated"):
        return None
    found = stated_intent(head)
    if found is None:
        return None
    _, negated = found
    if event.type in vocab.cooperative:
        return "REJECT" if negated else "AGREE"
    if event.type in vocab.conflictual and not negated:
        return "THREATEN"
    return None


def _governed(head: Token, others: list[Token]) -> bool:
    ancestors = {t.i for t in head.ancestors}
    return any(o.i in ancestors for o in others if o.i != head.i)


def choose_types(
    built: Sequence[tuple[Event, Sequence[TriggerMatch]]], onto: Ontology
) -> list[tuple[Event, Sequence[TriggerMatch]]]:
    """The events of one sentence (each with its trigger matches), re-typed where they state
    an intention and ranked so that governed events come out less confident."""
    vocab = choice_words()
    heads = [primary_match(group).head for _, group in built]
    chosen: list[tuple[Event, Sequence[TriggerMatch]]] = []
    for k, (event, group) in enumerate(built):
        update: dict = {}
        others = [h for j, h in enumerate(heads) if j != k]
        if others and _governed(heads[k], others):
            update["confidence"] = round(event.confidence * vocab.governed_factor, 2)
        else:
            new_type = _intent_type(event, heads[k])
            if new_type is not None and new_type != event.type:
                coding = onto.coding(new_type, None)
                update.update(
                    id=Event.make_id(event.doc_id, event.evidence.start, event.evidence.end,
                                     new_type),
                    type=new_type, mode=None, acled=None, cameo=coding.cameo,
                    intensity=coding.intensity, status="occurred",
                )  # fmt: skip
        chosen.append((event.model_copy(update=update) if update else event, group))
    # one event per type per sentence: a re-typed event yields to one found by its own word
    best: dict[str, int] = {}
    for k, (event, _) in enumerate(chosen):
        j = best.get(event.type)
        if j is None or event.confidence > chosen[j][0].confidence:
            best[event.type] = k
    return [item for k, item in enumerate(chosen) if best[item[0].type] == k]


def plover_event(events: Sequence[Event]) -> Event | None:
    """The event a PLOVER coder writes for a one-event sentence: one that happened before
    others, then the most confident (governing events outrank the ones they govern, see
    ``choose_types``), then the earliest."""
    best: Event | None = None
    for event in sorted(events, key=lambda e: e.evidence.start):
        key = (event.status in ("occurred", "ongoing"), event.confidence)
        if best is None or key > (best.status in ("occurred", "ongoing"), best.confidence):
            best = event
    return best
