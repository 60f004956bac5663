"""To whom it was done: the target of one event mention, read from its sentence's parse.

The target is the trigger's object, passive subject, "on/against X" or the second side of
"between A and B"; where the parse loses it, the victims of a killing stand in; where the
dictionary codes no one, a name the trigger is done to is kept as written. Names come from the
actor dictionary (``resources/actors.yaml``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Actor
from ..nlp import span_text
from .actors import ActorDictionary, Known, actor_from
from .doers import as_named, sides_named
from .roles import (
    COMBAT,
    DEEDS,
    FORCES,
    HURT,
    actor_inside,
    came_under,
    common_noun,
    done_to,
    prepositions,
    role_words,
    speakers_own,
    suffers,
    victim_subject,
)

# verbs whose object is the weapon or the strike sent at the target
_LAUNCH = frozenset({"launch", "fire", "drop", "hurl", "lob", "send", "carry"})
_OBJECT_PREPS = frozenset({"on", "against", "at", "upon", "into", "with", "toward", "towards"})
# verbs whose subject met an attack, its target: "troops repelled an assault by X"
_MET_ATTACK = frozenset({"repel", "repulse", "resist", "survive", "withstand", "fend"})
# verbs a speaker tells its own deed by
_SAYING = frozenset({"say", "report", "claim", "announce", "confirm"})


def recipient_of(head: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    """To whom: the object, the passive subject, "on/against X", or the second of "between";
    forces with no country that a state's statement names are its own ("Ukraine's military
    says two servicemen were killed")."""
    found = _recipient_of(head, actors, offset)
    if found is not None and found.country is None and found.sector in FORCES and (
        common_noun(found, actors)
    ):
        return speakers_own(found, head, actors, offset)
    return found


def _recipient_of(head: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    if head.dep_ == "acl" and head.tag_ in ("VBN", "VBD") and head.lemma_.lower() in HURT:
        # "Kharkiv: one person killed, five injured in a Russian strike": the noun the
        # participle tells of is the one harmed
        found = actor_from(head.head, actors, offset)
        if found is not None:
            return found
    victim = victim_subject(head) if suffers(head) else None
    for child in head.children:
        if child.dep_ == "dobj" and _launched(head, child, actors):
            continue
        if child.dep_ in ("dobj", "nsubjpass") or (victim is not None and child.i == victim.i):
            found = actor_from(child, actors, offset) or actor_inside(child, actors, offset)
            if found is not None:
                return found
    sufferer = done_to(head)
    if sufferer is not None:
        found = actor_from(sufferer, actors, offset) or as_named(sufferer, offset)
        if found is not None:
            return found
    # "a strike campaign against X": the preposition hangs on the noun the deed names
    bearers = [head, head.head] if head.dep_ == "compound" else [head]
    for child in (c for bearer in bearers for c in bearer.children):
        if child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and not _instrument(child, pobj, actors):
                    found = actor_from(pobj, actors, offset)
                    if found is not None:
                        return found
    if head.lemma_.lower() in role_words("show_of_force_nouns") or head.lower_ in role_words(
            "show_of_force_nouns"):
        # "China held drills around Taiwan": a show of force is aimed at whom it is held near
        # (the preposition may hang on the verb that holds it)
        holders = [head, head.head] if head.dep_ == "dobj" else [head]
        for child in (c for h in holders for c in h.children if c.dep_ == "prep"):
            if child.lower_ in role_words("aimed_near_preps"):
                for pobj in (p for p in child.children if p.dep_ == "pobj"):
                    found = actor_from(pobj, actors, offset)
                    if found is not None:
                        return found
    for child in prepositions(head):
        if child.lower_ == "between":
            firsts = [p for p in child.children if p.dep_ == "pobj"]
            if firsts:
                seconds = [c for c in firsts[0].children if c.dep_ == "conj"]
                if seconds:
                    return actor_from(seconds[0], actors, offset)
                paired = _second_of_pair(firsts[0], actors, offset)
                if paired is not None:
                    return paired
    if head.lemma_.lower() in COMBAT:
        # "Ukrainian and Russian forces clash": the forces of the second country named
        for child in head.children:
            paired = _second_of_pair(child, actors, offset) if child.dep_ == "nsubj" else None
            if paired is not None:
                return paired
    if head.dep_ == "dobj" and head.pos_ == "NOUN" and head.head.i != head.i:
        # "conducted attacks on X": the preposition may hang on the light verb
        for child in head.head.children:
            if child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS:
                for pobj in child.children:
                    found = actor_from(pobj, actors, offset) if pobj.dep_ == "pobj" else None
                    if found is not None:
                        return found
    if head.dep_ == "nsubj" and head.pos_ == "NOUN":  # "Rockets hit two apartment blocks"
        for child in head.head.children:
            if child.dep_ == "dobj":
                return actor_from(child, actors, offset)
    met = came_under(head)
    if met is not None:  # "Ukrainian positions came under artillery fire"
        for child in met.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return actor_from(child, actors, offset)
    if head.dep_ == "dobj" and head.head.lemma_.lower() in _MET_ATTACK:
        # "Ukrainian soldiers repelled an assault by Russian troops": who met it was attacked
        met_by = head.head
        for child in met_by.children:
            if child.dep_ == "nsubj":
                return actor_from(child, actors, offset)
        if met_by.dep_ == "ccomp" and met_by.head.lemma_.lower() in _SAYING:
            # a headline drops the "it": "Ukraine says repulsed separatist attack" tells the
            # speaker's own defence
            for child in met_by.head.children:
                if child.dep_ == "nsubj":
                    return actor_from(child, actors, offset, state_sector="MIL")
    return None


def _second_of_pair(phrase: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    """The second side of forces named by two countries before one noun ("Ukrainian and
    Russian forces", "between Russian and Ukrainian troops"): the second country's forces."""
    first = actor_from(phrase, actors, offset, state_sector="MIL")
    if first is None or first.sector not in FORCES:
        return None
    for modifier in phrase.lefts:
        named = actors.country_of(modifier.text)
        for other in modifier.children:
            country = actors.country_of(other.text) if other.dep_ == "conj" else None
            if named is not None and country is not None and country != named:
                name = actors.display_name(Known(None, country, first.sector))
                return Actor(text=span_text(other.doc[other.i : other.i + 1]), name=name,
                             country=country, sector=first.sector, start=offset + other.idx,
                             end=offset + other.idx + len(other.text))
    return None


def _launched(verb: Token, thing: Token, actors: ActorDictionary) -> bool:
    """"Russia launched 70 drones at Ukraine", "launched a missile strike on Odesa": what is
    launched, fired or dropped is the weapon or the strike, never whom it is aimed at."""
    if verb.lemma_.lower() not in _LAUNCH:
        return False
    return thing.lower_ in actors.hardware or thing.lemma_.lower() in DEEDS or any(
        c.dep_ == "compound" and c.lower_ in actors.hardware for c in thing.children)


def _instrument(prep: Token, pobj: Token, actors: ActorDictionary) -> bool:
    """"shelled the district with heavy artillery": what it was done with, not to whom."""
    return prep.lower_ == "with" and pobj.lower_ in actors.hardware


def given_to(head: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    """To whom a thing given went: "to X" on the trigger or on the verb it is the object of
    ("provides that support to Volodymyr and Ukraine", "delivered aid to Gaza"), the first of
    its conjuncts the dictionary codes, else a name as written."""
    holders = [head, head.head] if head.dep_ in ("dobj", "nsubjpass") else [head]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ not in ("prep", "dative") or prep.lower_ != "to":
                continue
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                named = [pobj, *pobj.conjuncts]
                found = next((a for t in named if (a := actor_from(t, actors, offset))), None)
                if found is not None:
                    return found
                return next((a for t in named if (a := as_named(t, offset))), None)
    return _receiver(head, actors, offset)


def _receiver(head: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    """Who a thing given went to, told as the subject of the clause that tells its coming ("Kyiv
    confirmed the arrival of military aid from partner countries"): the subject of the nearest
    verb above it, where the giver is told by "from" (so the subject is not the giver)."""
    verb = next((t for t in head.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or not any(c.dep_ == "prep" and c.lower_ == "from" for c in head.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return actor_from(subject, actors, offset) if subject is not None else None


def named_target(
    head: Token, actors: ActorDictionary, offset: int, *, accusation: bool = False
) -> Actor | None:
    """To whom, where the dictionary codes no one: a named person or group the trigger is done
    to ("police arrested Rahami", "Roof was arrested", "the killing of Dipu Chandra Das"), kept
    as written; and for an accusation, the one it says did wrong ("alleges that Myanmar
    committed genocide", "said the RSF operation bore the hallmarks of genocide")."""
    targets = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    targets += [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    # "called for both sides to halt": the one a "for X to do" clause asks
    targets += [s for c in head.children if c.dep_ in ("advcl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                for s in c.children if s.dep_ == "nsubj"]  # fmt: skip
    if accusation:
        for clause in (c for c in head.children if c.dep_ == "ccomp"):
            for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                found = actor_from(subject, actors, offset) or actor_inside(subject, actors, offset)
                if found is not None:
                    return found
                targets.append(subject)
    return next((found for t in targets
                 if (found := as_named(t, offset) or sides_named(t, offset))), None)


def partner_of(head: Token, actor: Actor | None, actors: ActorDictionary,
               offset: int) -> Actor | None:
    """The other side of a deed two do together, named beside the doer in its subject: "Russia
    and Ukraine agreed to a prisoner exchange", "Armenia and Azerbaijan signed a peace deal",
    "the leaders of India and Pakistan agreed to meet": the first one joined by "and" that the
    dictionary codes as another than the doer."""
    verb = head.head if head.dep_ in ("dobj", "nsubj") and head.pos_ == "NOUN" else head
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        sides = [subject, *subject.conjuncts]
        for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                sides += [pobj, *pobj.conjuncts]  # "the leaders of India and Pakistan"
        for side in sides[1:]:
            found = actor_from(side, actors, offset)
            if found is not None and (actor is None or found.name != actor.name):
                return found
    return None


_HARM = frozenset({"kill", "wound", "injure"})


def _harm_told(word: Token) -> bool:
    """A noun of harm, or a verb whose object is one ("risking harm to civilians", where the
    parser hangs the "to" on the verb)."""
    harms = role_words("harm_to_nouns")
    return word.lemma_.lower() in harms or any(
        c.dep_ == "dobj" and c.lemma_.lower() in harms for c in word.children)
_LOSSES = frozenset({"casualty", "casualties", "death", "deaths", "victim", "victims"})


def victims_of(sentence: Span, actors: ActorDictionary, offset: int) -> Actor | None:
    """Whom the sentence says were killed or hurt: "killed three civilians", "two soldiers
    were wounded", "one civilian was reported killed", "resulted in civilian casualties",
    "three soldiers die", "harm to civilians"."""
    for token in sentence:
        head = token.head
        harmed = head.lemma_ in _HARM or any(  # "was reported killed", "were said to be hurt"
            c.dep_ in ("xcomp", "oprd", "ccomp") and c.lemma_ in _HARM for c in head.children
        )
        if (token.dep_ in ("dobj", "nsubjpass") and harmed) or (
            token.dep_ == "nsubj" and suffers(head) and token == victim_subject(head)
        ):  # (and who dies: "three soldiers die as fighting flares")
            found = actor_from(token, actors, offset)
            if found is not None:
                return found
        if token.dep_ == "amod" and head.lower_ in _LOSSES:  # "civilian casualties"
            found = actor_from(token, actors, offset)
            if found is not None:
                return found
        if token.dep_ == "pobj" and head.lower_ in ("to", "among") and _harm_told(head.head):
            found = actor_from(token, actors, offset)  # "risking further harm to civilians"
            if found is not None:
                return found
    return None
