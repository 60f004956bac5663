"""Which triggers of one type in one sentence make one event: apart where one tells what
happened and another what is only asked for or planned (``by_status``), apart where clauses
with doers of their own tell them (``by_doer``); a road blocked by a state's forces is no
protest at all (``cordon``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .actors import ActorDictionary, actor_from
from .modality import status_of
from .ontology import STATE_SECTORS
from .roles import suffers
from .triggers import TriggerMatch

_TOLD = frozenset({"occurred", "ongoing"})


def cordon(match: TriggerMatch, actors: ActorDictionary) -> bool:
    """A road blocked by a state's forces ("until police blocked the road"): a cordon, no
    one's protest."""
    if match.entry.type != "PROTEST" or match.entry.mode != "obstruct":
        return False
    subject = next((c for c in match.head.children if c.dep_ == "nsubj"), None)
    doer = actor_from(subject, actors, 0) if subject is not None else None
    return doer is not None and doer.sector in STATE_SECTORS


def by_status(matches: list[TriggerMatch], sentence: Span) -> list[list[TriggerMatch]]:
    """The triggers of one type in one sentence, apart where one tells what happened and
    another what is only asked for, planned or imagined ("the protests are the largest in years,
    and leaders called for further demonstrations": one protest held, one called for)."""
    told: dict[bool, list[TriggerMatch]] = {}
    for match in matches:
        told.setdefault(status_of(match.head, sentence) in _TOLD, []).append(match)
    if len(told) < 2 or any(
        a.head in b.head.ancestors or b.head in a.head.ancestors
        for a in told[True] for b in told[False]
    ):
        return [matches]  # "ready to host a meeting": one happening, its word and its object
    return list(told.values())


def by_doer(matches: list[TriggerMatch], actors: ActorDictionary) -> list[list[TriggerMatch]]:
    """The triggers of one type in one sentence, split where clauses with subjects of their own
    tell them ("US and Filipino troops launched joint exercises after China held drills around
    Taiwan": two exercises); one group where they share a doer ("attacked the post and shelled
    the town", "the strike killed five, it wounded ten")."""
    groups: dict[int, list[TriggerMatch]] = {}
    subjects: dict[int, str] = {}
    for match in matches:
        verb, subject = _clause_subject(match.head, actors)
        groups.setdefault(verb, []).append(match)
        if subject is not None:
            subjects[verb] = subject
    if len(set(subjects.values())) < 2:
        return [matches]
    # a clause that names no doer of its own joins the one told before it
    split: list[list[TriggerMatch]] = []
    for verb, group in groups.items():
        if verb in subjects or not split:
            split.append(group)
        else:
            split[-1].extend(group)
    return split


def _clause_subject(token: Token, actors: ActorDictionary) -> tuple[int, str | None]:
    """The verb whose clause tells ``token`` (by index) and its doer, if it names one (a
    passive subject is who it was done to: "four were killed when gunmen opened fire" has one
    doer; "the shooting left one dead" names none)."""
    node = token
    for _ in range(6):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if node.pos_ in ("VERB", "AUX") and subjects:
            named = subjects[0]
            doer = named.dep_ == "nsubj" and not suffers(node) and (
                named.pos_ == "PROPN" or actor_from(named, actors, 0) is not None
            )
            return node.i, named.lower_ if doer else None
        if node.head.i == node.i:
            break
        node = node.head
    return node.i, None
