"""Events from parsed sentences: trigger, type and mode, roles, counts, date, status, evidence.

One event per PLOVER type per sentence: "a missile strike killed 11 people and wounded 80" is one
ASSAULT, found by three triggers. A sentence that only adds to the event before it ("The clashes
left 20 dead.", "1 fatality.") is folded into that event rather than made a new one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Actor, DateValue, Document, Event, Evidence
from ..nlp import Segment, doc_text
from ..resources import load_yaml
from . import counts, dates
from .actors import (
    ActorDictionary,
    Known,
    actor_dictionary,
    actor_from,
    implied_actor,
    noun_phrase,
)
from .choice import choose_types
from .modality import attribution_of, status_of, tells_of
from .ontology import ARMED_SECTORS, Ontology, ontology
from .triggers import TriggerEntry, TriggerMatch, lexicon

_OBJECT_PREPS = frozenset({"on", "against", "at", "upon", "into", "with", "toward", "towards"})
_ANAPHORIC_DETS = frozenset({"the", "this", "these", "that", "those", "such"})
_VIOLENT_TYPES = ("ASSAULT", "PROTEST", "COERCE")
_CROWD = frozenset({"CVL", "PRO"})
# who finds the dead ("police found the body") is not who killed them
_FINDING = frozenset({"find", "discover", "recover"})
_SEIZURE_MODES = frozenset({"seize", "confiscate"})
_KILLING = frozenset({"kill", "murder", "execute", "behead", "assassinate"})
# non-state armed groups: named before an attack they are its doer even where the parse is lost
_IRREGULAR = frozenset({"REB", "MLT", "CRM"})
_PROPERTY_MODES = frozenset({"arson", "loot"})
_NOT_ACTORS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL"})
_UNARMED_MODES = frozenset({"primitive", "disperse"})
_FIREARM_WORDS = frozenset({"shoot", "fire", "gunfire", "gunman", "gunmen", "firearm"})
# trigger modes a weapon does not override: "clashed ... amid shelling" stays a clash
_FIXED_MODES = frozenset({"clash", "abduct", "sexual", "territory", "arson", "loot", "beat"})
# weapons whose use can be stopped or go wrong (intercepted, defused, exploded prematurely)
_REMOTE_MODES = frozenset({"missile", "drone", "aerial", "artillery", "explosives", "grenade"})
_MATERIAL_TYPES = frozenset({"ASSAULT", "AID", "CONCEDE", "MOBILIZE", "THREATEN", "COERCE"})
# among events of one sentence, which one a single-event coder (ACLED) would write down
_ACLED_PRECEDENCE = {
    "Battles": 0, "Explosions/Remote violence": 1, "Violence against civilians": 2,
    "Riots": 3, "Protests": 4, "Strategic developments": 5,
}  # fmt: skip


@dataclass
class _Draft:
    """The triggers of one type in one sentence, before they become an event."""

    type: str
    matches: list[TriggerMatch]
    sentence: Span
    offset: int  # where the sentence's segment starts in the document text


def extract_events(document: Document, segments: list[Segment]) -> list[Event]:
    """Every event in the parsed segments of a document, in text order."""
    lex, actors, onto = lexicon(), actor_dictionary(), ontology()
    published = document.published
    events: list[Event] = []
    for segment in segments:
        if document.title and segment.text.strip() == document.title.strip():
            continue  # the headline retells the body's events; code them from the body
        last_date: DateValue | None = None
        previous: Event | None = None
        for sentence in segment.doc.sents:
            text = sentence.text
            found = dates.resolve_date(text, published)
            if found is not None:
                last_date = found
            matches = lex.find(sentence)
            if not matches:
                folded = _fold_counts(previous, sentence, segment.start, events)
                # counts right after a violent event retell it ("Two of the wounded ...")
                matches = [] if folded is not None else _casualty_trigger(sentence)
                if not matches:
                    previous = folded
                    continue
            by_type: dict[str, list[TriggerMatch]] = {}
            for match in matches:
                by_type.setdefault(match.entry.type, []).append(match)
            built = []
            for type_, group in by_type.items():
                draft = _Draft(type_, group, sentence, segment.start)
                event = _build(draft, document, actors, onto, found or last_date)
                if event is not None:
                    built.append((event, group))
            for event, group in choose_types(built, onto):  # see extract/choice.py
                event = _crowd_demand(event, onto, sentence)
                if previous is not None and _continues(event, previous, group):
                    events[-1] = previous = _merge(previous, event)
                    continue
                events.append(event)
                previous = event
    return [_with_implied_actor(event, actors) for event in events]


def _with_implied_actor(event: Event, actors: ActorDictionary) -> Event:
    """An event whose text names no doer gets the one it implies (see ``implied_actor``); done
    last, so that merging and type choice still see the actor as missing."""
    if event.actor is not None or event.acled is None or event.trigger is None:
        return event
    at = event.evidence.text.find(event.trigger)
    start = event.evidence.start + at if at >= 0 else None
    actor = implied_actor(event.acled.sub_event_type, event.trigger, start, actors)
    return event if actor is None else event.model_copy(update={"actor": actor})


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _as_protesters(actor: Actor | None, actors: ActorDictionary) -> Actor | None:
    """Whoever protests is a protester: farmers, residents or students in the street."""
    if actor is None or actor.sector != "CVL":
        return actor
    name = actors.display_name(Known(None, actor.country, "PRO"))
    return actor.model_copy(update={"sector": "PRO", "name": name})


def _crowd_demand(event: Event, onto: Ontology, sentence: Span) -> Event:
    """Workers, residents or protesters demanding something in the street are protesting."""
    if event.type != "REQUEST" or event.actor is None or event.actor.sector not in _CROWD:
        return event
    coding = onto.coding("PROTEST", "demonstrate")
    acled = onto.acled_type(
        "PROTEST", "demonstrate", sentence.text, actor_sector="PRO", recipient_sector=None,
        context=doc_text(sentence.doc)[sentence.start_char :],
    )  # fmt: skip
    actor = _as_protesters(event.actor, actor_dictionary())
    return event.model_copy(
        update={"type": "PROTEST", "mode": "demonstrate", "cameo": coding.cameo,
                "intensity": coding.intensity, "acled": acled, "actor": actor}
    )  # fmt: skip


def _build(
    draft: _Draft,
    document: Document,
    actors: ActorDictionary,
    onto: Ontology,
    when: DateValue | None,
) -> Event | None:
    sentence, offset = draft.sentence, draft.offset
    # the surest trigger; among equals, the one nearest the root ("held a protest" over "riot"
    # in "since the prison riot")
    primary = max(
        draft.matches,
        key=lambda m: (m.entry.weight, -_depth(m.head), m.entry.mode is not None),
    )
    head = primary.head
    state_sector = "MIL" if draft.type in ("ASSAULT", "MOBILIZE", "COERCE") else "GOV"
    actor = recipient = None
    trigger_chars = [(offset + m.span.start_char, offset + m.span.end_char) for m in draft.matches]
    for match in sorted(draft.matches, key=lambda m: m is not primary):
        # whoever finds a weapons cache seizes it ("police recovered 150 bombs")
        seizure = match.entry.mode in _SEIZURE_MODES
        found = actor or _actor(match.head, actors, offset, state_sector, seizure=seizure)
        # "a drone attack hit the port": the attack is the event, not who made it
        if found is not None and not any(
            a < (found.end or 0) and (found.start or 0) < b for a, b in trigger_chars
        ):
            actor = found
        for token in match.span:
            recipient = recipient or _recipient(token, actors, offset)
    if draft.type == "PROTEST":
        actor = _as_protesters(actor or _crowd(draft, actors, offset, "PRO"), actors)
    if actor is None and draft.type == "ASSAULT":
        actor = _irregular_before(draft, actors, offset, recipient)
    if actor is None:
        actor = _uncoded_doer(head, offset)
    if actor is not None and recipient is not None and actor.text == recipient.text:
        recipient = None
    status = status_of(head, sentence)
    # burning and looting colour an attack but do not make it one ("attacked ... and set fire")
    modes = [primary.entry.mode] + [m.entry.mode for m in draft.matches if m is not primary]
    if primary.entry.mode not in _PROPERTY_MODES and any(m not in _PROPERTY_MODES for m in modes):
        modes = [mode for mode in modes if mode not in _PROPERTY_MODES]
    mode = next((mode for mode in modes if mode), None)
    # a word of fighting names the event whatever else the sentence tells ("an armed clash
    # between men who had shot two policemen and the police")
    if mode not in _FIXED_MODES and any(
        m.entry.mode == "clash" and m.entry.weight >= 1.0 for m in draft.matches
    ):
        mode = "clash"
    weapons = onto.weapons_in(sentence.text) if draft.type in _MATERIAL_TYPES else []
    weapon = weapons[0][0] if weapons else None
    weapon_modes = {implied for _, implied, _ in weapons}
    if draft.type == "ASSAULT" and weapon_modes:
        if weapon_modes == {"disperse"}:
            return None  # tear gas and batons: the dispersal (COERCE) is the event
        if mode not in _FIXED_MODES:
            # the weapon says more than the verb: "attacked ... with a drone"
            mode = next(m for _, m, _ in weapons if m != "disperse")
    casualties = counts.parse_casualties(sentence.text) if draft.type in _VIOLENT_TYPES else None
    killed = casualties.killed if casualties else None
    injured = casualties.injured if casualties else None
    if mode in _PROPERTY_MODES and (killed or injured):
        mode = None  # "burned shops and killed a civilian": an attack on people
    if mode == "abduct" and (killed or any(m.head.lemma_ in _KILLING for m in draft.matches)):
        mode = None  # "kidnapped and killed three men": the killing is the event
    if draft.type == "ASSAULT" and recipient is None and (killed or injured):
        recipient = _victims(sentence, actors, offset)
    size = counts.parse_size(sentence.text) if draft.type in ("PROTEST", "MOBILIZE") else None
    armed = {actor and actor.sector, recipient and recipient.sector} <= ARMED_SECTORS
    # no one named on either side and no one hurt: the fire was exchanged, not aimed at victims
    unseen_sides = (
        recipient is None
        and not (killed or injured)
        and (actor is None or actor.sector in ARMED_SECTORS)
    )
    if draft.type == "ASSAULT" and (
        (armed and (mode is None or "small-arms" in weapon_modes))
        or (unseen_sides and "small-arms" in weapon_modes)
    ):
        mode = "clash"  # armed against armed, or small-arms fire at no one named: a battle
    if draft.type == "ASSAULT" and onto.no_political_violence(mode, sentence.text):
        return None  # a disaster, an accident or a robbery is no one's attack (ontology.py)
    if primary.entry.weight < 0.8 and actor is None and recipient is None:
        return None  # a weak word alone ("allow", "authorization") is not evidence enough
    coding = onto.coding(draft.type, mode)
    firearms = bool(weapon_modes - _UNARMED_MODES) or any(_firearm(t) for t in sentence)
    acled = onto.acled_type(
        draft.type, mode, sentence.text,
        actor_sector=actor.sector if actor else None,
        recipient_sector=(
            recipient.sector if recipient else "CVL" if _place_attacked(head) else None
        ),
        armed_mentioned=firearms or (mode == "clash" and _organised_side(head)) or any(
            t.lower_ == "armed" or actors.nouns.get(t.lower_) in ARMED_SECTORS for t in sentence
        ),
        firearms=firearms,
        context=doc_text(sentence.doc)[sentence.start_char :],
    )  # fmt: skip
    if actor is None and acled is not None and acled.event_type == "Riots":
        actor = _crowd(draft, actors, offset, "RIO")
    start = offset + sentence.start_char
    end = offset + sentence.end_char
    event_date = when
    if event_date is None:
        event_date = dates.published_fallback(document.published)
    confidence = 0.45 * primary.entry.weight + 0.1 * sum(
        x is not None for x in (actor, recipient, killed or injured, weapon)
    )
    return Event(
        id=Event.make_id(document.doc_id, start, end, draft.type),
        doc_id=document.doc_id,
        type=draft.type,
        mode=mode,
        acled=acled,
        cameo=coding.cameo,
        intensity=coding.intensity,
        status=status,
        trigger=primary.span.text,
        actor=actor,
        recipient=recipient,
        date=event_date,
        killed=killed,
        injured=injured,
        size=size,
        weapon=weapon,
        attribution=attribution_of(head, sentence),
        evidence=Evidence(text=sentence.text, start=start, end=end),
        confidence=round(min(0.95, confidence + 0.1), 2),
    )


def _actor(
    head: Token, actors: ActorDictionary, offset: int, state: str = "GOV", *, seizure: bool = False
) -> Actor | None:
    """Who did it: the subject, the passive agent, or the modifier of a noun trigger."""
    if head.lemma_ in _FINDING and not seizure:
        return None  # "police found the body", "was found dead": the finder did nothing
    if head.pos_ in ("NOUN", "PROPN") and not head.tag_.startswith("VB"):
        # "Russian missile attacks", "the Kremlin's decision": a modifier that names someone
        modifiers = [
            actor_from(child, actors, offset, state_sector=state)
            for child in head.children
            if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < head.i
        ]
        named = [m for m in modifiers if m is not None and (m.country or m.name)]
        if named and named[0].country:
            return named[0]
        for child in _prepositions(head):
            if child.lower_ in ("by", "from", "between"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        # "artillery fire by an unknown party": the agent over a generic word
                        agent = actor_from(pobj, actors, offset, state_sector=state)
                        return agent if agent is not None or not named else named[0]
        if named:
            return named[0]
        found = None
        if (
            head.dep_ in ("dobj", "attr")
            and head.head.pos_ in ("VERB", "AUX")
            and not tells_of(head.head)
        ):
            found = _actor(head.head, actors, offset, state, seizure=seizure)
        elif head.dep_ == "pobj" and head.head.head.pos_ in ("VERB", "AUX"):
            found = _subject(head.head.head, actors, offset, state)
        # a bare sector word ("military exercises") only when no one else is named
        return found or next((m for m in modifiers if m is not None), None)
    return _subject(head, actors, offset, state)


def _subject(
    verb: Token, actors: ActorDictionary, offset: int, state: str = "GOV", hops: int = 0
) -> Actor | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return actor_from(pobj, actors, offset, state_sector=state)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    for child in subjects:
        found = actor_from(child, actors, offset, state_sector=state)
        if found is not None:
            return found
    if subjects:
        return None
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ == "by":
        # "a policy shift by authorizing": the doer of the noun's verb
        return _subject(verb.head.head, actors, offset, state, hops + 1) if hops < 4 else None
    if hops >= 4 or verb.head.i == verb.i:
        return None
    governor = verb.head
    if verb.dep_ == "xcomp":
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        for child in governor.children:  # object control: "allow North Korean soldiers to fight"
            if infinitive and child.dep_ in ("dobj", "nsubjpass") and child.i < verb.i:
                found = actor_from(child, actors, offset, state_sector=state)
                if found is not None:
                    return found
        return _subject(governor, actors, offset, state, hops + 1)
    if verb.dep_ in ("conj", "advcl", "pcomp", "ccomp") and governor.pos_ in ("VERB", "AUX"):
        return _subject(governor, actors, offset, state, hops + 1)
    if verb.dep_ == "acl" and governor.pos_ in ("NOUN", "PROPN"):
        # "the Kremlin's decision to allow", "attacks targeting X": the noun's owner acts
        return _actor(governor, actors, offset, state)
    if verb.dep_ == "pcomp":
        return _subject(governor.head, actors, offset, state, hops + 1)
    return None


def _organised_side(head: Token) -> bool:
    """A side of a clash named as an organisation ("clashes between Hamza Division and Ahrar al
    Sham", "MS-13 members clashed with police"): groups with names fight with arms, unlike
    families or villagers."""
    sides = [c for c in head.children if c.dep_ == "nsubj"]
    for prep in _prepositions(head):
        if prep.lower_ in ("between", "with"):
            sides += [p for p in prep.children if p.dep_ == "pobj"]
    sides += [c for side in sides for c in side.conjuncts]
    sides += [c for side in sides for c in side.children if c.dep_ in ("compound", "nmod")]
    return any(side.pos_ == "PROPN" and side.ent_type_ in ("ORG", "") for side in sides)


def _place_attacked(head: Token) -> bool:
    """"Militants attacked Namava": a place named as the object of an attack, not anyone armed;
    its people are the target (ACLED codes such raids as violence against civilians)."""
    return any(
        child.dep_ == "dobj" and child.pos_ == "PROPN" and child.ent_type_ not in ("ORG", "NORP")
        for child in head.children
    )


def _firearm(token: Token) -> bool:
    """A word of shooting: "opened fire" is, "set him on fire" is not."""
    if token.lemma_.lower() not in _FIREARM_WORDS:
        return False
    return token.lower_ != "fire" or not (
        token.head.lemma_ == "set" or (token.i > 0 and token.nbor(-1).lower_ == "on")
    )


def _prepositions(head: Token) -> list[Token]:
    """The prepositions of a trigger, and of the verb it is the subject of ("clashes erupted
    between A and B", "fighting broke out between ...")."""
    preps = [c for c in head.children if c.dep_ == "prep"]
    if head.dep_ == "nsubj" and head.pos_ == "NOUN" and head.head.pos_ == "VERB":
        preps += [c for c in head.head.children if c.dep_ == "prep"]
    return preps


def _recipient(head: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    """To whom: the object, the passive subject, "on/against X", or the second of "between"."""
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            found = actor_from(child, actors, offset) or _actor_inside(child, actors, offset)
            if found is not None:
                return found
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = actor_from(pobj, actors, offset)
                    if found is not None:
                        return found
    for child in _prepositions(head):
        if child.lower_ == "between":
            firsts = [p for p in child.children if p.dep_ == "pobj"]
            if firsts:
                seconds = [c for c in firsts[0].children if c.dep_ == "conj"]
                if seconds:
                    return actor_from(seconds[0], actors, offset)
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
    return None


def _crowd(draft: _Draft, actors: ActorDictionary, offset: int, sector: str) -> Actor | None:
    """Whoever protests is a protester (whoever riots a rioter): the trigger's subject."""
    for match in draft.matches:
        head = match.head
        if head.dep_ == "dobj":  # "taxi drivers organized a protest"
            head = head.head
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN"):
            subjects.append(head.head)  # "interns protested" parsed as a noun with a clause
        for subject in subjects:
            found = actor_from(subject, actors, offset, default_sector=sector)
            if found is not None:
                return found
    # the parser lost the subject: the last plain noun phrase before the trigger
    trigger_at = min(m.span.start for m in draft.matches)
    chunks = [
        chunk
        for chunk in draft.sentence.noun_chunks
        if chunk.end <= trigger_at
        and chunk.root.dep_ not in ("pobj", "dobj", "npadvmod")
        and chunk.root.ent_type_ not in _NOT_ACTORS
    ]
    for chunk in reversed(chunks):
        found = actor_from(chunk.root, actors, offset, default_sector=sector)
        if found is not None:
            return found
    return None


def _uncoded_doer(head: Token, offset: int) -> Actor | None:
    """The trigger's own subject or agent, a name the dictionary does not know ("the PMF
    attacked"): kept as written, with no country or sector, so that no doer is implied where the
    text names one (and a user can add the name to actors.yaml)."""
    doers = [c for c in head.children if c.dep_ == "nsubj"]
    doers += [p for c in head.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    for doer in doers:
        # a name: common nouns with no sector are things ("a stray bullet"), not doers
        if doer.pos_ == "PROPN" and doer.ent_type_ not in _NOT_ACTORS:
            words = [t for t in noun_phrase(doer) if t.i <= doer.i and t.dep_ != "det"]
            span = head.doc[words[0].i : doer.i + 1]
            return Actor(text=span.text, start=offset + span.start_char, end=offset + span.end_char)
    return None


def _irregular_before(
    draft: _Draft, actors: ActorDictionary, offset: int, recipient: Actor | None
) -> Actor | None:
    """A non-state armed group named before the attack ("armed men on a motorcycle carried out
    a drive-by shooting"), for sentences whose parse lost the subject. State forces are left
    out: "police found the body of a man shot dead" names who found it, not who shot."""
    trigger_at = min(m.span.start for m in draft.matches)
    for token in reversed(draft.sentence.doc[draft.sentence.start : trigger_at]):
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod", "nsubjpass"):
            continue
        found = actor_from(token, actors, offset)
        if found is not None and found.sector in _IRREGULAR and (
            recipient is None or found.start != recipient.start
        ):
            return found
    return None


def _actor_inside(phrase: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    """An actor noun somewhere inside a phrase the parser got wrong (parentheses, lists)."""
    for token in phrase.subtree:
        if token.i != phrase.i and token.pos_ in ("NOUN", "PROPN"):
            found = actor_from(token, actors, offset)
            if found is not None and found.sector is not None:
                return found
    return None


def _victims(sentence: Span, actors: ActorDictionary, offset: int) -> Actor | None:
    for token in sentence:
        if token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_ in ("kill", "wound", "injure"):
            found = actor_from(token, actors, offset)
            if found is not None:
                return found
    return None


def _continues(event: Event, previous: Event, group: list[TriggerMatch]) -> bool:
    """Whether ``event`` retells ``previous`` ("The clashes left 20 dead") rather than adds one."""
    if event.type != previous.type or event.status != previous.status:
        return False
    if event.evidence.start - previous.evidence.end > 2:
        return False
    head = max(group, key=lambda m: m.entry.weight).head
    anaphoric = any(c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETS for c in head.children) or (
        head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in head.children)
    )
    return anaphoric or (event.actor is None and event.recipient is None)


def _merge(first: Event, second: Event) -> Event:
    """One event told over two adjacent sentences."""
    update: dict = {
        "evidence": Evidence(
            text=f"{first.evidence.text} {second.evidence.text}",
            start=first.evidence.start,
            end=second.evidence.end,
        )
    }
    for name in ("actor", "recipient", "killed", "injured", "size", "weapon", "attribution"):
        if getattr(first, name) is None and getattr(second, name) is not None:
            update[name] = getattr(second, name)
    # burning and looting told after an attack colour it, as within one sentence
    if first.mode is None and second.mode is not None and second.mode not in _PROPERTY_MODES:
        update.update(mode=second.mode, acled=second.acled, cameo=second.cameo)
    return first.model_copy(update=update)


_CAUSES = "|".join(re.escape(w) for w in load_yaml("casualty_words.yaml")["nonviolent_causes"])
_NONVIOLENT_DEATH = re.compile(
    rf"\b(?:died|dies|dead|deaths?)\b[^.;]{{0,40}}?\b(?:of|from|in|after)\b[^.;]{{0,30}}?"
    rf"\b(?:{_CAUSES})\b",
    re.IGNORECASE,
)
# a sentence that only counts the dead ("9 dead in eastern Ukraine") tells an assault
_CASUALTY_ENTRY = TriggerEntry(lemmas=("casualties",), type="ASSAULT", weight=0.8)


def _casualty_trigger(sentence: Span) -> list[TriggerMatch]:
    """The count of the dead as the trigger of a sentence no word of ours matched."""
    found = counts.parse_casualties(sentence.text)
    # deaths only: "Two of the wounded were in a serious condition" tells no new event
    count, where = found.killed, found.killed_span
    if count is None or count.value == 0 or where is None:
        return []
    if _NONVIOLENT_DEATH.search(sentence.text):
        return []  # "a resident died from coronavirus": a death, not an attack
    start = sentence.start_char + where[0]
    span = sentence.doc.char_span(start, sentence.start_char + where[1], "expand")
    return [TriggerMatch(_CASUALTY_ENTRY, span)] if span is not None else []


def _fold_counts(
    previous: Event | None, sentence: Span, offset: int, events: list[Event]
) -> Event | None:
    """A sentence with casualties but no trigger ("1 fatality.") adds to the event before it."""
    if previous is None or previous.type not in _VIOLENT_TYPES or events[-1] is not previous:
        return None
    start = offset + sentence.start_char
    if start - previous.evidence.end > 2:
        return None
    found = counts.parse_casualties(sentence.text)
    update: dict = {}
    if found.killed is not None and previous.killed is None:
        update["killed"] = found.killed
    if found.injured is not None and previous.injured is None:
        update["injured"] = found.injured
    if not update:
        return previous
    update["evidence"] = Evidence(
        text=f"{previous.evidence.text} {sentence.text}",
        start=previous.evidence.start,
        end=offset + sentence.end_char,
    )
    events[-1] = previous.model_copy(update=update)
    return events[-1]


def main_event(events: Iterable[Event]) -> Event | None:
    """The event a single-event coder (ACLED) would write down for a short text.

    The earliest sentence with an event that happened and that ACLED codes; within it, ACLED's
    most violent category. Without such an event, the earliest event of all.
    """
    candidates = [e for e in events if e.status in ("occurred", "ongoing")] or list(events)
    coded = [e for e in candidates if e.acled is not None]
    if coded:
        first = min(e.evidence.start for e in coded)
        same_sentence = [e for e in coded if e.evidence.start == first]
        protest = next((e for e in same_sentence if e.type == "PROTEST"), None)
        if protest is not None and all(
            _trigger_at(e) >= _trigger_at(protest) or _done_to_crowd(e)
            for e in same_sentence
            if e.type == "ASSAULT"
        ):
            # "protested against the torture of ...", "families whose sons were kidnapped held a
            # sit-in": the assault is the topic
            return protest
        disrupted = next(
            (e for e in same_sentence if e.acled.sub_event_type == "Disrupted weapons use"), None
        )
        if disrupted is not None and all(
            e.mode in _REMOTE_MODES for e in same_sentence if e.type == "ASSAULT"
        ):
            return disrupted  # "intercepted a missile fired at", "mines exploded prematurely"
        return min(same_sentence, key=lambda e: _ACLED_PRECEDENCE.get(e.acled.event_type, 9))
    return min(candidates, key=lambda e: e.evidence.start, default=None)


def _done_to_crowd(event: Event) -> bool:
    """An assault on civilians or protesters by someone else than a crowd."""
    crowd = ("CVL", "PRO", "RIO")
    return (
        event.recipient is not None
        and event.recipient.sector in crowd
        and (event.actor is None or event.actor.sector not in crowd)
    )


def _trigger_at(event: Event) -> int:
    found = event.evidence.text.find(event.trigger or "")
    return found if found >= 0 else len(event.evidence.text)
