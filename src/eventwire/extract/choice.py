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

from ..model import Actor, Event
from ..resources import load_yaml
from .actors import ActorDictionary, Known, actor_dictionary, actor_from
from .modality import in_setting, subjectless_participle, tells_of, verb_of
from .modality import words as modality_words
from .ontology import Ontology
from .roles import came_under, owns_its_object, suffers
from .triggers import TriggerMatch

logger = logging.getLogger(__name__)

_MAX_HOPS = 4
_CLIMB_DEPS = frozenset({"xcomp", "ccomp", "acomp", "conj", "advcl", "oprd"})
_TARGET_PREPS = frozenset({"to", "with", "from", "toward", "towards"})
# relations that open a clause of its own: what sits below tells its own event
_OWN_CLAUSE_DEPS = frozenset({"conj", "advcl", "relcl", "parataxis", "appos", "nsubj", "nsubjpass"})


@dataclass(frozen=True)
class ChoiceWords:
    intent_aux: frozenset[str]
    intent_words: frozenset[str]
    other_words: frozenset[str]
    conditional_marks: frozenset[str]
    carrier_verbs: frozenset[str]
    agent_nouns: frozenset[str]
    cooperative: frozenset[str]
    conflictual: frozenset[str]
    passive_actor_types: frozenset[str]
    governed_factor: float
    governing: tuple[tuple[str, str, str], ...]


@lru_cache(maxsize=1)
def choice_words() -> ChoiceWords:
    """The word lists of ``resources/choice.yaml``, loaded once."""
    data = load_yaml("choice.yaml")
    types = ("cooperative", "conflictual", "passive_actor_types")
    lists = {
        key: frozenset(str(w) if key in types else str(w).lower() for w in data[key])
        for key in ChoiceWords.__dataclass_fields__
        if key not in ("governed_factor", "governing")
    }
    governing = tuple((str(a), str(b), str(c)) for a, b, c in data["governing"])
    return ChoiceWords(**lists, governed_factor=float(data["governed_factor"]), governing=governing)


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
            "VERB",
            "AUX",
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
            if _no_one_intends(node):
                return None
            return True, negated or any(c.dep_ == "neg" for c in node.children)
        if depth and (lemma in vocab.intent_words or node.lower_ in vocab.intent_words):
            return True, negated or any(c.dep_ == "neg" for c in node.children)
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
            return None
        if node.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return None  # a second clause with its own subject has its own tense
        node = node.head
    return None


def _no_one_intends(verb: Token) -> bool:
    """Whether a future or conditional verb states no one's intention: a passive ("support
    will be needed"), a past that did not happen ("would have meant"), or a subject that is
    no one ("the legislation would allow")."""
    children = list(verb.children)
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
        return True
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in children):
        return True
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.pos_ == "NOUN" and subject.ent_type_ == "" and (
        subject.lemma_.lower() not in choice_words().agent_nouns)


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


def _retyped(event: Event, new_type: str, onto: Ontology, **extra: object) -> dict:
    coding = onto.coding(new_type, None)
    return dict(
        id=Event.make_id(event.doc_id, event.evidence.start, event.evidence.end, new_type),
        type=new_type, mode=None, acled=None, cameo=coding.cameo, intensity=coding.intensity,
        **extra,
    )  # fmt: skip


def choose_types(
    built: Sequence[tuple[Event, Sequence[TriggerMatch]]], onto: Ontology
) -> list[tuple[Event, Sequence[TriggerMatch], bool]]:
    """The events of one sentence (each with its trigger matches and whether another event's
    trigger governs its own), re-typed where they state an intention or accede to a demand,
    ranked so that governed events come out less confident, and with roles the clauses above
    their triggers supply."""
    vocab = choice_words()
    heads = [primary_match(group).head for _, group in built]
    # k -> the events whose triggers k's trigger governs
    governs: dict[int, list[int]] = {k: [] for k in range(len(built))}
    for k, head in enumerate(heads):
        ancestors = {t.i for t in head.ancestors}
        for j, other in enumerate(heads):
            if j != k and other.i in ancestors and other.i != head.i:
                governs[j].append(k)
    governed = {k for ks in governs.values() for k in ks}
    content = _contents(heads, [event.type for event, _ in built])
    chosen: list[tuple[Event, Sequence[TriggerMatch], bool]] = []
    for k, (event, group) in enumerate(built):
        update: dict = {}
        if k in governed:
            update["confidence"] = round(event.confidence * vocab.governed_factor, 2)
        else:
            inner = {built[j][0].type for j in governs[k]}
            accede = next((new for gov, sub, new in vocab.governing if gov == event.type
                           and sub in inner), None)  # fmt: skip
            intent = _intent_type(event, heads[k])
            refused = intent == "REJECT" or event.status in ("negated", "denied")
            if accede is not None and refused:
                intent, accede = "REJECT", None  # "would not meet the demands": a rejection
            new_type = accede or intent
            if new_type is not None and new_type != event.type:
                extra = {} if accede else {"status": "occurred"}
                update.update(_retyped(event, new_type, onto, **extra))
        current = event.model_copy(update=update) if update else event
        roles = fill_roles(current, heads[k])
        if current.recipient is None and "recipient" not in roles:
            # "offered to negotiate with Pakistan": the governed event names the other side
            inner_targets = [built[j][0].recipient for j in governs[k]]
            target = next((t for t in inner_targets if t is not None), None)
            actor = roles.get("actor") or current.actor
            if target is not None and (actor is None or actor.text != target.text):
                roles["recipient"] = target
        current = current.model_copy(update=roles) if roles else current
        chosen.append((current, group, k in content))
    # one event per type and doer per sentence: a re-typed event yields to one found by its
    # own word; two doers of one type are two events (``mentions.by_doer``)
    def key(event: Event) -> tuple[str, str | None]:
        return event.type, event.actor.text if event.actor else None

    best: dict[tuple[str, str | None], int] = {}
    for k, (event, _, _) in enumerate(chosen):
        j = best.get(key(event))
        if j is None or event.confidence > chosen[j][0].confidence:
            best[key(event)] = k
    violent_crowds = _crowds_in_the_deed(heads, [event.type for event, _ in built])
    return [item for k, item in enumerate(chosen)
            if best[key(item[0])] == k and k not in violent_crowds]  # fmt: skip


def _crowds_in_the_deed(heads: Sequence[Token], types: Sequence[str]) -> set[int]:
    """The crowds (by index) that are the doer or the target of force in the same sentence:
    "a mob lynched a man", "protesters torched a police station" tell one riot; "security
    forces opened fire on demonstrators", "police fired tear gas at protesters" one protest met
    with force. The deed's event tells it (ACLED types it so), not a protest beside it."""
    involved: set[int] = set()
    for head, kind in zip(heads, types, strict=True):
        if kind == "ASSAULT":
            involved.update(c.i for c in head.children if c.dep_ == "nsubj")
        if kind in ("ASSAULT", "COERCE"):
            involved.update(t.i for t in _targets(head))
    crowds = actor_dictionary().nouns
    # a crowd by its people ("demonstrators"), not by its gathering ("detained 200 at a rally")
    return {k for k, (head, kind) in enumerate(zip(heads, types, strict=True))
            if kind == "PROTEST" and head.i in involved
            and crowds.get(head.lower_) in ("PRO", "RIO")}  # fmt: skip


def _targets(head: Token) -> list[Token]:
    """The objects of a deed: its own, or its light verb's ("fired tear gas at protesters")."""
    verbs = [head, head.head] if head.dep_ == "dobj" else [head]
    found = [c for verb in verbs for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return found + [p for verb in verbs for c in verb.children
                    if c.dep_ == "prep" and c.lower_ in ("on", "at", "against", "upon")
                    for p in c.children if p.dep_ == "pobj"]  # fmt: skip


def _contents(heads: Sequence[Token], types: Sequence[str]) -> set[int]:
    """The events (by index) that are another event's content rather than events of their own:
    the trigger sits in a complement of the other's ("threatened new sanctions", "urged them to
    withdraw", "launched an attack, deploying 71 missiles"; see ``in_complement``). Where the
    other's trigger only carries a noun ("signed a ceasefire deal",
    "provided aid"), the noun is the event and the carrier is its content, unless taking it
    changes the carrier's meaning ("accepted the demand": a concession, ``governing``)."""
    vocab = choice_words()
    carriers = vocab.carrier_verbs | vocab.intent_words | modality_words().light_verbs
    acceding = {(gov, sub) for gov, sub, _ in vocab.governing}
    # a modal trigger stands for its verb: "Iraq must cooperate" is a demand, what is demanded
    # its content
    clause = [h.head if h.dep_ == "aux" else h for h in heads]
    out: set[int] = set()
    for k, head in enumerate(heads):
        for j, upper in enumerate(clause):
            if j == k or upper.i == clause[k].i or not in_complement(head, upper):
                continue
            carried = (
                upper.lemma_.lower() in carriers
                and _object_of(head, upper)
                and (types[j], types[k]) not in acceding
            )
            out.add(j if carried else k)
    return out


def _object_of(noun: Token, verb: Token) -> bool:
    """Whether ``noun`` heads or ends the object of ``verb``: "signed a ceasefire deal",
    "pledged $500 million in military aid"."""
    node = noun
    while node.dep_ in ("pobj", "prep", "compound", "nmod") and node.head.i != node.i:
        node = node.head
    return node.dep_ == "dobj" and node.head.i == verb.i


def in_complement(token: Token, upper: Token) -> bool:
    """Whether ``token`` sits in a complement of ``upper``: reached by climbing through
    objects, complements and prepositions, not through a clause of its own. A participle
    with no subject of its own tells how (it is a complement: "launched attacks, deploying 71
    missiles", "has ruled out ceding territory"), unless it is a word said ("opposed the
    decision, warning that ...": a statement of its own)."""
    node = token
    for _ in range(2 * _MAX_HOPS):
        if node.head.i == node.i:
            return False
        if node.dep_ in _OWN_CLAUSE_DEPS and not _manner(node):
            return False
        node = node.head
        if node.i == upper.i:
            return True
    return False


def _manner(node: Token) -> bool:
    """A participle clause with no subject that tells how the deed above it was done."""
    if not subjectless_participle(node):
        return False
    said = modality_words().reporting_verbs | choice_words().other_words
    return node.lemma_.lower() not in said


def plover_event(events: Sequence[Event]) -> Event | None:
    """The event a PLOVER coder writes for a one-event sentence: one that happened before
    others, then the most confident (governing events outrank the ones they govern, see
    ``choose_types``), then the earliest."""
    best: Event | None = None
    for event in sorted(events, key=lambda e: e.evidence.start):
        key = (event.status in ("occurred", "ongoing"), event.confidence)
        if best is None or key > (best.status in ("occurred", "ongoing"), best.confidence):
            best = event
    if best is not None and best.type == "ASSAULT":
        # "opened an investigation into the killing of ...": the assault is what the
        # accusation governing the sentence is about
        where = best.evidence.text.find(best.trigger or "")
        for event in events:
            if (event.type == "ACCUSE" and event.evidence.start == best.evidence.start
                    and event.status == best.status
                    and 0 <= event.evidence.text.find(event.trigger or "") < where):
                return event
    return best


def fill_roles(event: Event, head: Token) -> dict:
    """Actor and recipient for an event that lacks them, read from the clauses above its trigger.

    - A pronoun subject stands for the subject of the clause above it: "Syria says it is
      willing to withdraw" is Syria's.
    - "X said Y must ...": X makes the demand, Y is its target.
    - The recipient may be the indirect object, "to/with/from Y", or the object of the clause
      the trigger governs: "gave Cambodia aid", "recalled its ambassador from Spain",
      "threatened to strike American bases".
    - An actor with no country takes one its own phrase names outside the part the parser
      kept: "Kenyan and Somali forces", "officials from Sudan".
    Roles the extractor found are kept, except a recipient with no country where the sentence
    names one."""
    actors = actor_dictionary()
    vocab = choice_words()
    offset = event.evidence.start - head.sent.start_char
    state = "MIL" if event.type in ("ASSAULT", "MOBILIZE", "COERCE") else "GOV"
    demand = head.lower_ == "must" and head.dep_ == "aux"
    verb = verb_of(head)
    actor: Actor | None = None
    target: Actor | None = None
    subject: Token | None = None
    node = verb
    # "monitors recorded explosions": whoever reports or witnesses the event did not do it
    hops = -1 if verb.i != head.i and tells_of(verb) else _MAX_HOPS
    if head.dep_ == "dobj" and head.head.i == verb.i and not owns_its_object(verb):
        hops = -1  # "troops repelled an attack": who met it did not make it
    if in_setting(head) or came_under(head) is not None:
        # "soldiers detained 30 people during the protest": not the protesters; "positions
        # came under fire": who came under it met the attack
        hops = -1
    for depth in range(hops + 1):
        # (who dies in an attack is its victim: "two residents died in shelling")
        subjects = [c for c in node.children if c.dep_ == "nsubj" and not suffers(node)]
        if not subjects and event.type in vocab.passive_actor_types:
            subjects = [c for c in node.children if c.dep_ == "nsubjpass"]
        agents = [p for c in node.children if c.dep_ == "agent" for p in c.children
                  if p.dep_ == "pobj"]  # fmt: skip
        found = subjects[0] if subjects else (agents[0] if agents else None)
        if found is not None and found.pos_ != "PRON":
            resolved = actor_from(found, actors, offset, state_sector=state)
            if demand and depth == 0:
                target = resolved  # "Y must ...": Y is asked; the speaker is above
            else:
                actor, subject = resolved, found
                break
        elif found is None and (
            node.dep_ == "ccomp" or any(c.dep_ == "nsubjpass" for c in node.children)
        ):
            break  # a passive or subjectless reported clause: whoever reports it did not do it
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
            break
        node = node.head
    update: dict = {}
    if event.actor is None and actor is not None:
        update["actor"] = actor
    owner = update.get("actor") or event.actor
    if owner is not None and owner.country is None and subject is not None:
        country = _country_around(subject)
        if country is not None:
            update["actor"] = owner = _with_country(owner, country)
    if event.recipient is None or event.recipient.country is None:
        target = target or _indirect_target(verb, actors, offset)
        if (
            target is not None
            and (owner is None or owner.text != target.text)
            and (event.recipient is None or target.country is not None)
        ):
            update["recipient"] = target
    return update


def _country_around(subject: Token) -> str | None:
    """A country named by a phrase's modifiers, their conjuncts, or "from/of X"."""
    dictionary = actor_dictionary()
    for child in subject.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i < subject.i:
            for word in (child, *(c for c in child.children if c.dep_ == "conj")):
                found = dictionary.country_of(word.text)
                if found is not None and word.text[:1].isupper():
                    return found
        if child.dep_ == "prep" and child.lower_ in ("from", "of"):
            for pobj in child.children:
                found = dictionary.country_of(pobj.text) if pobj.dep_ == "pobj" else None
                if found is not None:
                    return found
    return None


def _with_country(actor: Actor, country: str) -> Actor:
    dictionary = actor_dictionary()
    name = dictionary.display_name(Known(None, country, actor.sector))
    return actor.model_copy(update={"country": country, "name": name})


def _indirect_target(verb: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    objects = [c for c in verb.children if c.dep_ == "dobj"]  # "recalled X from Spain"
    clauses = [verb, *objects, *(c for c in verb.children if c.dep_ == "xcomp")]
    for clause in clauses:
        for child in clause.children:
            deps = ("dative",) if clause is verb or clause in objects else ("dobj", "dative")
            if child.dep_ in deps:
                found = actor_from(child, actors, offset)
                if found is not None and (clause is verb or found.country is not None):
                    return found
        for child in clause.children:
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = actor_from(pobj, actors, offset)
                        if found is not None and found.country is not None:
                            return found
    return None
