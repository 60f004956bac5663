"""Event mentions: one per PLOVER type per sentence, each with what its own sentence tells.

The first stage of assembly (see ``events.extract_events``). A mention is an ``Event`` built
from one sentence alone (trigger, type and mode, roles, counts, date, status, attribution)
plus what later stages need to know of it: its sentence, its trigger matches, and whether it
only counts the dead or wounded ("1 fatality.", "Two of the wounded died."). Whether mentions
tell the same happening is for ``links.py``; how they become one event, ``assemble.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..model import AcledType, Actor, DateValue, Document, Event, Evidence, Weapon
from ..nlp import Segment, doc_text, span_text
from ..resources import load_yaml
from . import counts, dates
from .actors import ActorDictionary, Known, actor_dictionary
from .anaphora import Discourse
from .choice import choose_types, in_complement, primary_match
from .context import context_words
from .doers import crowd_of, doer, irregular_before, pronoun_subject_verb, uncoded_doer
from .drafts import by_doer, by_status, cordon
from .event_dates import SentenceDates, own_date
from .modality import (
    attribution_of,
    commentary,
    framing_of,
    holds_state,
    names_kind,
    passive_state,
    quoted_opinion,
    reported_present,
    status_of,
    tells_of,
)
from .modality import words as modality_words
from .nonevents import (
    a_scene,
    aimed_at,
    answered_for,
    arrested_over,
    conceded,
    evaded,
    foiled,
    grants_a_fact,
    modifies_a_thing,
    position_referred_to,
    protest_not_held,
    seized_weapon,
    since_origin,
    standing_stance,
)
from .ontology import ARMED_SECTORS, Ontology, ontology
from .persons import People
from .roles import (
    DEEDS,
    common_noun,
    firearm,
    organised_side,
    own_deed_reporter,
    people_at_war,
    place_attacked,
    reported_sides,
    role_words,
    speakers_own,
    state_forces,
    state_speaker,
)
from .targets import given_to, named_target, partner_of, recipient_of, victims_of
from .triggers import TriggerEntry, TriggerMatch, lexicon

VIOLENT_TYPES = ("ASSAULT", "PROTEST", "COERCE")
PROPERTY_MODES = frozenset({"arson", "loot"})
_CROWD = frozenset({"CVL", "PRO"})
_NON_STATE_ARMED = frozenset({"REB", "MLT"})
_SEIZURE_MODES = frozenset({"seize", "confiscate"})
_KILLING = frozenset({"kill", "murder", "execute", "behead", "assassinate"})
_UNARMED_MODES = frozenset({"primitive", "disperse"})
# trigger modes a weapon does not override: "clashed ... amid shelling" stays a clash
_FIXED_MODES = frozenset({"clash", "abduct", "sexual", "territory", "arson", "loot", "beat"})
_MATERIAL_TYPES = frozenset({"ASSAULT", "AID", "CONCEDE", "MOBILIZE", "THREATEN", "COERCE"})
# forces a statement names with no country are the speaking state's (``roles.speakers_own``)
_SPEAKERS_OWN = frozenset({"MIL", "COP"})


@dataclass
class Draft:
    """The triggers of one type in one sentence, before they become a mention."""

    type: str
    matches: list[TriggerMatch]
    sentence: Span
    offset: int  # where the sentence's segment starts in the document text
    discourse: Discourse | None = None  # the subjects named before: what "she" stands for
    people: People | None = None  # the titled people named so far: whose "Ms. Lane" is


@dataclass
class Mention:
    """One event as its own sentence tells it."""

    event: Event
    matches: list[TriggerMatch]
    sentence: Span
    offset: int
    counts_only: bool = False  # no trigger: the sentence only counts the dead or wounded
    governed: bool = False  # another event's trigger governs its own ("threatened sanctions")

    @property
    def head(self) -> Token:
        return primary_match(self.matches).head

    @property
    def start(self) -> int:
        return self.event.evidence.start

    @property
    def end(self) -> int:
        return self.event.evidence.end


def find_mentions(document: Document, segments: list[Segment]) -> list[Mention]:
    """Every event mention in the parsed segments of a document, in text order."""
    out: list[Mention] = []
    discourse = Discourse(actor_dictionary())
    people = People(actor_dictionary())
    for segment in segments:
        out.extend(_segment_mentions(document, segment, discourse, people))
    return out


def _segment_mentions(
    document: Document, segment: Segment, discourse: Discourse, people: People
) -> Iterator[Mention]:
    earlier: DateValue | None = None
    for sentence in segment.doc.sents:
        said = dates.find_date_spans(span_text(sentence), document.published)
        when = SentenceDates(said, earlier)
        people.note(sentence, segment.start)  # before its events: "Lane, the UN envoy, said"
        blank = Draft("", [], sentence, segment.start, discourse, people)
        yield from _sentence_mentions(document, blank, when)
        earlier = when.found[0][0] if when.found else earlier
        discourse.note(sentence, segment.start)


def _sentence_mentions(
    document: Document, blank: Draft, when: SentenceDates
) -> Iterator[Mention]:
    """The mentions of one sentence (``blank``: a draft with its sentence and no triggers)."""
    lex, actors, onto = lexicon(), actor_dictionary(), ontology()
    sentence, offset = blank.sentence, blank.offset
    matches = lex.find(sentence)
    if not matches:
        counted = counts_mention(sentence, offset, document, when)
        if counted is not None:
            yield counted
        return
    by_type: dict[str, list[TriggerMatch]] = {}
    for match in matches:
        if not cordon(match, actors):
            by_type.setdefault(match.entry.type, []).append(match)
    built, unreal = [], []
    for type_, same_type in by_type.items():
        for group in (g for told in by_status(same_type, sentence) for g in by_doer(told, actors)):
            draft = replace(blank, type=type_, matches=group)
            head = _primary(draft).head
            if framing_of(head, sentence) is not None:
                unreal.append(head)
            event = build_mention(draft, document, when)  # None where no_happening
            if event is not None:
                built.append((event, group))
    # what a habit or a tally holds in its complement is no happening either
    # ("has ruled out in the past ceding any territory")
    built = [(e, g) for e, g in built
             if not any(in_complement(primary_match(g).head, u) for u in unreal)]  # fmt: skip
    told: set[tuple[str, str | None]] = set()
    for event, group, governed in choose_types(built, onto):  # see extract/choice.py
        event = _crowd_demand(event, onto, sentence, actors)
        key = (event.type, event.actor.text if event.actor else None)
        if key in told:
            continue  # "protesters blocked the highway, demanding ...": one protest
        told.add(key)
        yield Mention(event, list(group), sentence, offset, governed=governed)
    if not any(type_ in VIOLENT_TYPES for type_, _ in told) and not any(
        m.entry.mode == "swap" for m in matches
    ):  # (an exchange of the bodies of the dead tells no deaths)
        # "police are investigating the deaths of two men", "the coroner confirmed a
        # murder-suicide": words about deaths still count them
        counted = counts_mention(sentence, offset, document, when, killed_only=True)
        if counted is not None:
            yield counted


# ---------------------------------------------------------------------------------------------
# one mention from one sentence


def build_mention(draft: Draft, document: Document, when: SentenceDates) -> Event | None:
    """The event one sentence tells with the triggers of one type, or ``None`` when the
    triggers are too weak alone, tell a tally or a habit rather than a happening, or tell a
    dispersal coded as COERCE."""
    actors, onto = actor_dictionary(), ontology()
    sentence, offset = draft.sentence, draft.offset
    primary = _primary(draft)
    if no_happening(draft):
        return None
    actor, recipient = _roles(draft, primary, actors)
    text = span_text(sentence)
    weapons = onto.weapons_in(text) if draft.type in _MATERIAL_TYPES else []
    weapon_modes = {implied for _, implied, _ in weapons}
    if draft.type == "ASSAULT" and weapon_modes == {"disperse"}:
        return None  # tear gas and batons: the dispersal (COERCE) is the event
    mode = _trigger_mode(draft, primary, weapons)
    casualties = counts.parse_casualties(text) if draft.type in VIOLENT_TYPES else None
    killed = casualties.killed if casualties else None
    injured = casualties.injured if casualties else None
    mode = _casualty_mode(draft, mode, killed is not None, injured is not None)
    if draft.type == "ASSAULT" and recipient is None:
        recipient = victims_of(sentence, actors, offset)
    if recipient is not None and recipient.text.lower().split()[-1].removesuffix("s") in (
        DEEDS - actors.hardware
    ):
        recipient = None  # "Enemy drone attack on Nikopol: ...": an attack is no one's target
    mode = _battle_mode(draft.type, mode, actor, recipient, bool(killed or injured), weapon_modes)
    if draft.type == "ASSAULT":
        actor = people_at_war(actor, recipient, mode, bool(killed or injured), actors)
    if (
        draft.type == "ASSAULT"
        and mode is None
        and not (killed or injured)  # "stormed a village and killed 40": an attack on people
        and _stormed_town(primary.head, actor, onto)
    ):
        mode = "territory"
    kind = onto.not_political(mode, text) if draft.type == "ASSAULT" else None
    if kind == "mishap" and primary.head.pos_ == "VERB" and primary.head.lemma_ == "fire":
        kind = None  # "Police fire at crowd": a side fired; "a fire at" a factory is a blaze
    hurt = any(count is not None and count.value > 0 for count in (killed, injured))
    if kind is None and draft.type == "ASSAULT" and actor is None and mode is None and hurt and (
        _after_a_mishap(sentence, offset, document)
    ):
        kind = "mishap"  # "The fire spread through the building. Nine people were killed."
    if kind == "mishap" or (kind == "crime" and not (killed or injured or recipient) and (
        onto.has("ordinary_crime", text)
    )):
        # a disaster or an accident is no one's attack, nor is a theft that hurt no one; any
        # other crime is an assault ACLED does not code (ontology.acled_type)
        return None
    if primary.entry.weight < 0.8 and actor is None and recipient is None:
        return None  # a weak word alone ("allow", "authorization") is not evidence enough
    coding = onto.coding(draft.type, mode)
    one = draft.type == "ASSAULT" and _one_civilian(actor, recipient, mode, sentence, offset, onto)
    lone = one and not _told_as_war_or_mob(span_text(sentence), onto)
    acled = _acled(draft, mode, actor, recipient, primary.head, weapon_modes, lone=lone,
                   one_doer=one)
    if actor is None and acled is not None and acled.event_type == "Riots":
        actor = crowd_of(draft.matches, sentence, actors, offset, "RIO")
    start, end = offset + sentence.start_char, offset + sentence.end_char
    weapon = weapons[0][0] if weapons else None
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
        # "Y must hand over ...": the demand was made; its modal is the trigger, not a doubt
        status="occurred" if primary.head.dep_ == "aux" else status_of(primary.head, sentence),
        trigger=primary.span.text,
        actor=actor,
        recipient=recipient,
        date=own_date(primary.head, sentence, document)
        or when.of([m.head for m in draft.matches], sentence)
        or dates.published_fallback(document.published),
        killed=killed,
        injured=injured,
        size=counts.parse_size(text) if draft.type in ("PROTEST", "MOBILIZE") else None,
        weapon=weapon,
        attribution=attribution_of(primary.head, sentence),
        evidence=Evidence(text=text, start=start, end=end),
        confidence=round(min(0.95, confidence + 0.1), 2),
    )


def no_happening(draft: Draft) -> bool:
    """Whether the triggers tell no happening: a tally over a stretch of time or a habit ("has
    killed 39,000 since October", "has repeatedly warned"), or, for words and pressure, a state
    held, a kind of event named or an aim ("teams continue to support", "prospects for talks",
    "toward a peace deal")."""
    head = _primary(draft).head
    if framing_of(head, draft.sentence) is not None:
        return True
    if draft.type == "PROTEST" and all(protest_not_held(m.head) for m in draft.matches):
        return True  # "judges outlawed the march", "despite demonstrations", "ahead of a rally"
    if draft.type == "ASSAULT" and all(seized_weapon(m) for m in draft.matches):
        return True  # "police recovered rifles and grenades": weapons taken, not used
    if draft.type == "ASSAULT" and all(foiled(m.head) for m in draft.matches):
        return True  # "officers foiled an attack on the consulate": the foiling is the event
    if draft.type == "ASSAULT" and all(arrested_over(m.head) for m in draft.matches):
        return True  # "detained 15 people after a spate of attacks": the arrests are the news
    if all(modifies_a_thing(m) for m in draft.matches):
        return True  # "combat aircraft", "allied countries"
    if draft.type == "SANCTION" and all(evaded(m.head) for m in draft.matches):
        return True  # "helping Russia dodge western sanctions": in force, not imposed here
    if all(since_origin(m.head) for m in draft.matches):
        return True  # "aid has tripled since the ceasefire began": the background measured from
    if all(answered_for(m.head) for m in draft.matches):
        return True  # "officials responsible for the crackdown"
    if all(grants_a_fact(m.head) for m in draft.matches):
        return True  # "all accounts agreed he yelled"
    if draft.type == "SUPPORT" and all(conceded(m.head) for m in draft.matches):
        return True  # "welcomed the call for a ceasefire but argued that ...": the point is news
    if draft.type.lower() in modality_words().position_types and all(
        position_referred_to(m.head) for m in draft.matches
    ):
        return True  # "Putin hasn't budged from his demands"
    return draft.type not in VIOLENT_TYPES and (
        holds_state(head) or all(names_kind(m.head) or aimed_at(m.head) for m in draft.matches)
        or all(a_scene(m.head) for m in draft.matches)  # "At the summit, X was interviewed"
        or all(standing_stance(m.head) for m in draft.matches)  # "..., though Moscow rejects it"
        or quoted_opinion(head, draft.sentence) or commentary(head)
        or (draft.type not in context_words().statement_types
            and (reported_present(head) or passive_state(head)))
    )


_LONE_MODES = frozenset({None, "small-arms", "primitive", "beat"})


def _one_civilian(
    actor: Actor | None,
    recipient: Actor | None,
    mode: str | None,
    sentence: Span,
    offset: int,
    onto: Ontology,
) -> bool:
    """One civilian named as the doer of a shooting, stabbing or beating of a civilian or of no
    one named (``lone_people`` in ontology.yaml): no crowd, so no mob violence ("a man killed
    his neighbour after a dispute", "a man stabbed three worshippers in a terror attack")."""
    if actor is None or actor.basis != "text" or actor.sector != "CVL" or mode not in _LONE_MODES:
        return False
    if recipient is not None and recipient.sector != "CVL":
        return False
    words = actor.text.lower().split()
    if not words or words[-1] not in onto.lone_people:
        return False
    after = doc_text(sentence.doc)[(actor.end or 0) - offset :][:3]
    return not after.startswith(("'s", "’s", "s'"))  # "a woman's kin": her family


def _told_as_war_or_mob(text: str, onto: Ontology) -> bool:
    """Whether a sentence tells a war, a mob or an armed group: one civilian's deed told so is
    political violence still, else it is crime (still an assault: a town's shootings count)."""
    return onto.has("hostile", text) or onto.has("mob", text) or onto.armed_said(text)


def _stormed_town(head: Token, actor: Actor | None, onto: Ontology) -> bool:
    """A place named as what a non-state armed group stormed ("insurgents stormed Kidal",
    "stormed into the town"): taken, ACLED's territory (soldiers storming a town raid it)."""
    if actor is None or actor.sector not in _NON_STATE_ARMED or head.pos_ != "VERB":
        return False
    if head.lemma_.lower() not in onto.taking_verbs:
        return False
    objects = [c for c in head.children if c.dep_ == "dobj"] + [
        o for c in head.children if c.dep_ == "prep" and c.lower_ == "into"
        for o in c.children if o.dep_ == "pobj"
    ]  # fmt: skip
    # (not an organisation's name; the small model tags towns as nations and people too)
    return any(
        (o.pos_ == "PROPN" and o.ent_type_ != "ORG") or o.lemma_.lower() in _TOWN_WORDS
        for o in objects
    )


_TOWN_WORDS = frozenset({"town", "city", "capital", "district"})  # (villages are raided)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _primary(draft: Draft) -> TriggerMatch:
    """The surest trigger; among equals, the one nearest the root ("held a protest" over
    "riot" in "since the prison riot")."""
    return max(
        draft.matches,
        key=lambda m: (m.entry.weight, -_depth(m.head), m.entry.mode is not None),
    )


def _roles(
    draft: Draft, primary: TriggerMatch, actors: ActorDictionary
) -> tuple[Actor | None, Actor | None]:
    """The doer and the target the sentence names for these triggers."""
    sentence, offset = draft.sentence, draft.offset
    state_sector = "MIL" if draft.type in ("ASSAULT", "MOBILIZE", "COERCE") else "GOV"
    actor = recipient = None
    trigger_chars = [(offset + m.span.start_char, offset + m.span.end_char) for m in draft.matches]
    for match in sorted(draft.matches, key=lambda m: m is not primary):
        # whoever finds a weapons cache seizes it ("police recovered 150 bombs")
        seizure = match.entry.mode in _SEIZURE_MODES
        found = actor or doer(match.head, actors, offset, state_sector, seizure=seizure)
        # "a drone attack hit the port": the attack is the event, not who made it; "Russian
        # missiles hit Kyiv": the weapons stand for the forces that fired them
        if found is not None and (
            (match.head.pos_ == "VERB" and found.text.lower().split()[-1] in actors.hardware)
            or not any(a < (found.end or 0) and (found.start or 0) < b for a, b in trigger_chars)
        ):
            actor = found
        for token in match.span:
            recipient = recipient or recipient_of(token, actors, offset)
    if draft.type == "ASSAULT" and actors.struck_place(actor):
        # "Village attacked by gunmen": a place people live in never strikes (the parser took
        # a headline's passive for its doer); the doer is sought on (context._place_struck)
        actor, recipient = None, recipient or actor
    if draft.type == "PROTEST":
        crowd = actor or crowd_of(draft.matches, sentence, actors, offset, "PRO")
        actor = _as_protesters(crowd, actors)
    if actor is None and draft.type == "ASSAULT":
        actor = irregular_before(draft.matches, sentence, actors, offset, recipient)
    if actor is None:
        # words, not deeds: whoever says them is their doer
        speaker = actors if draft.type in context_words().statement_types else None
        actor = uncoded_doer(primary.head, offset, speaker=speaker)
    if actor is None and draft.discourse is not None:
        verb = _own_verb(primary.head)  # "She called for ...": who "she" is, told before
        if verb is not None and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = pronoun_subject_verb(verb) or verb  # "crimes he faced for murdering"
        actor = draft.discourse.resolve(verb, offset) if verb is not None else None
        if actor is None and verb is not None and draft.people is not None:
            # "'... we are working to deliver aid,' she added": the speaker's side, where the
            # article says whose (a state's or a body's person); a bare name says too little
            we = draft.people.who(draft.discourse.speaker_of_we(verb, offset))
            actor = we if we is not None and we.country is not None else None
        if actor is None and draft.type in context_words().statement_types:
            # "'Any settlement must be just,' she said": words quoted are the speaker's
            said = next((t for t in primary.head.ancestors
                         if t.lemma_.lower() in modality_words().reporting_verbs), None)
            actor = draft.discourse.resolve(said, offset) if said is not None else None
    if recipient is None and draft.type in role_words("mutual_types"):
        # "Russia and Ukraine agreed to a prisoner exchange": each side's partner is the other
        recipient = partner_of(primary.head, actor, actors, offset)
    if recipient is None and draft.type != "ASSAULT":
        # (an attack's unknown name may be a village, "attacked Napula": see place_attacked)
        recipient = named_target(primary.head, actors, offset, accusation=draft.type == "ACCUSE")
    if recipient is None and draft.type in role_words("given_to_types"):
        recipient = given_to(primary.head, actors, offset)
    if draft.type == "ASSAULT" and recipient is None:
        # "Mali, jihadists report heavy fighting": the sides that report a fight fought it
        sides = next((found for m in draft.matches
                      if (found := reported_sides(m.head, actors, offset))), [])
        if sides and (actor is None or actor.name in (sides[0].name, sides[1].name)):
            first = actor if actor is not None else sides[0]
            actor, recipient = first, sides[1] if first.name == sides[0].name else sides[0]
    if actor is not None and recipient is not None and actor.text == recipient.text:
        recipient = None
    if actor is not None and actor.country is None and actor.sector in _SPEAKERS_OWN and (
        common_noun(actor, actors)
    ):
        actor = speakers_own(actor, primary.head, actors, offset)
    elif actor is None and (told := own_deed_reporter(primary.head, primary.entry.mode,
                                                      actors, offset)) is not None:
        actor = told  # "police reported the arrest of two men": their own arrest
    elif actor is None and primary.entry.mode == "disrupt":
        # "110 drones were shot down, Ukraine's air force said": by the speaker's forces
        speaker = state_speaker(primary.head, actors, offset)
        if speaker is not None:
            actor = state_forces(speaker, speaker.country, "MIL", actors)
    if draft.people is not None:  # "Ms. Lane", named before as "the UN envoy": the UN's
        actor, recipient = draft.people.who(actor), draft.people.who(recipient)
    return actor, recipient


def _own_verb(head: Token) -> Token | None:
    """The verb whose subject did the trigger's deed: the trigger itself, or the light verb
    taking it as object ("made a call"); not a verb that only speaks of it ("condemned the
    attack")."""
    if head.pos_ in ("VERB", "AUX"):
        return head
    verb = head.head
    if head.dep_ == "dobj" and verb.lemma_.lower() in modality_words().light_verbs:
        return verb
    return None


def _trigger_mode(
    draft: Draft, primary: TriggerMatch, weapons: list[tuple[Weapon, str, int]]
) -> str | None:
    """The mode the triggers and the weapons named give."""
    # burning and looting colour an attack but do not make it one ("attacked ... and set fire")
    modes = [primary.entry.mode] + [m.entry.mode for m in draft.matches if m is not primary]
    if primary.entry.mode not in PROPERTY_MODES and any(m not in PROPERTY_MODES for m in modes):
        modes = [mode for mode in modes if mode not in PROPERTY_MODES]
    mode = next((mode for mode in modes if mode), None)
    # a word of fighting names the event whatever else the sentence tells ("an armed clash
    # between men who had shot two policemen and the police")
    if mode not in _FIXED_MODES and any(
        m.entry.mode == "clash" and m.entry.weight >= 1.0 for m in draft.matches
    ):
        mode = "clash"
    if draft.type == "ASSAULT" and weapons and mode not in _FIXED_MODES:
        # the weapon says more than the verb: "attacked ... with a drone"
        mode = next(implied for _, implied, _ in weapons if implied != "disperse")
    return mode


def _casualty_mode(draft: Draft, mode: str | None, killed: bool, injured: bool) -> str | None:
    if mode in PROPERTY_MODES and (killed or injured):
        return None  # "burned shops and killed a civilian": an attack on people
    if mode == "abduct" and (killed or any(m.head.lemma_ in _KILLING for m in draft.matches)):
        return None  # "kidnapped and killed three men": the killing is the event
    return mode


def _battle_mode(
    type_: str,
    mode: str | None,
    actor: Actor | None,
    recipient: Actor | None,
    hurt: bool,
    weapon_modes: set[str],
) -> str | None:
    """Armed against armed, or small-arms fire at no one named: a battle."""
    if type_ != "ASSAULT":
        return mode
    armed = {actor and actor.sector, recipient and recipient.sector} <= ARMED_SECTORS
    # no one named on either side and no one hurt: the fire was exchanged, not aimed at victims
    unseen_sides = (
        recipient is None and not hurt and (actor is None or actor.sector in ARMED_SECTORS)
    )
    if (armed and (mode is None or "small-arms" in weapon_modes)) or (
        unseen_sides and "small-arms" in weapon_modes
    ):
        return "clash"
    return mode


def _acled(
    draft: Draft,
    mode: str | None,
    actor: Actor | None,
    recipient: Actor | None,
    head: Token,
    weapon_modes: set[str],
    *,
    lone: bool = False,
    one_doer: bool = False,
) -> AcledType | None:
    actors, onto, sentence = actor_dictionary(), ontology(), draft.sentence
    firearms = bool(weapon_modes - _UNARMED_MODES) or any(firearm(t) for t in sentence)
    sources = _sources(sentence, head)
    armed_mentioned = (
        firearms
        or (mode == "clash" and organised_side(head))
        or any(t.lower_ == "armed" or actors.nouns.get(t.lower_) in ARMED_SECTORS
               for t in sentence if t.i not in sources)
    )
    return onto.acled_type(
        draft.type, mode, span_text(sentence),
        actor_sector=actor.sector if actor else None,
        recipient_sector=(
            recipient.sector if recipient else "CVL" if place_attacked(head) else None
        ),
        armed_mentioned=armed_mentioned,
        firearms=firearms,
        context=doc_text(sentence.doc)[sentence.start_char :],
        lone=lone,
        one_doer=one_doer,
    )  # fmt: skip


def _sources(sentence: Span, head: Token) -> set[int]:
    """The tokens of who a sentence says tells it ("police said", "the army reported"): a
    source, not someone in the event (whose trigger, ``head``, a misparse may put among them)."""
    found: set[int] = set()
    for subject in sentence:
        if subject.dep_ == "nsubj" and tells_of(subject.head):
            tokens = {t.i for t in subject.subtree}
            if head.i not in tokens:
                found |= tokens
    return found


def _as_protesters(actor: Actor | None, actors: ActorDictionary) -> Actor | None:
    """Whoever protests is a protester: farmers, residents or students in the street."""
    if actor is None or actor.sector != "CVL":
        return actor
    name = actors.display_name(Known(None, actor.country, "PRO"))
    return actor.model_copy(update={"sector": "PRO", "name": name})


def _crowd_demand(event: Event, onto: Ontology, sentence: Span, actors: ActorDictionary) -> Event:
    """Workers, residents or protesters demanding something in the street are protesting."""
    if event.type != "REQUEST" or event.actor is None or event.actor.sector not in _CROWD:
        return event
    coding = onto.coding("PROTEST", "demonstrate")
    acled = onto.acled_type(
        "PROTEST", "demonstrate", span_text(sentence), actor_sector="PRO", recipient_sector=None,
        context=doc_text(sentence.doc)[sentence.start_char :],
    )  # fmt: skip
    actor = _as_protesters(event.actor, actors)
    return event.model_copy(
        update={"type": "PROTEST", "mode": "demonstrate", "cameo": coding.cameo,
                "intensity": coding.intensity, "acled": acled, "actor": actor}
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# sentences that only count


_CAUSES = "|".join(re.escape(w) for w in load_yaml("casualty_words.yaml")["nonviolent_causes"])
_LEAD_CHARS = 600  # how far back in its paragraph a bare count looks for what it is the toll of
_NONVIOLENT_DEATH = re.compile(
    rf"\b(?:died|dies|dead|deaths?)\b[^.;]{{0,40}}?\b(?:of|from|in|after)\b[^.;]{{0,30}}?"
    rf"\b(?:{_CAUSES})\b",
    re.IGNORECASE,
)
# a sentence that only counts the dead ("9 dead in eastern Ukraine") tells an assault
_CASUALTY_ENTRY = TriggerEntry(lemmas=("casualties",), type="ASSAULT", weight=0.8)


def counts_mention(
    sentence: Span, offset: int, document: Document, when: SentenceDates, *,
    killed_only: bool = False,
) -> Mention | None:
    """A sentence no trigger matched that counts the dead or wounded ("1 fatality.", "Two of
    the wounded died"), as a mention with the count as its trigger; ``None`` otherwise.
    ``killed_only``: only a sentence that counts dead (above zero) is one."""
    found = counts.parse_casualties(span_text(sentence))
    if killed_only and (found.killed is None or found.killed.value <= 0):
        return None
    where = found.killed_span if found.killed is not None else found.injured_span
    if where is None or (found.killed is None and found.injured is None):
        return None
    if _NONVIOLENT_DEATH.search(span_text(sentence)):
        return None  # "a resident died from coronavirus": a death, not an attack
    if _after_a_mishap(sentence, offset, document):
        return None  # "... the bus plunged into a ravine. Eleven passengers died at the scene."
    start = sentence.start_char + where[0]
    span = sentence.doc.char_span(start, sentence.start_char + where[1], "expand")
    if span is None:
        return None
    match = TriggerMatch(_CASUALTY_ENTRY, span)
    event = build_mention(Draft("ASSAULT", [match], sentence, offset), document, when)
    if event is None:
        return None
    return Mention(event, [match], sentence, offset, counts_only=True)


def _after_a_mishap(sentence: Span, offset: int, document: Document) -> bool:
    """Whether deaths counted in a sentence with nothing hostile in it follow, in the same
    paragraph, the telling of a disaster or an accident: they are its toll, no one's attack."""
    onto, text = ontology(), span_text(sentence)
    if onto.has("hostile", text) or onto.has("wounding", text) or onto.weapons_in(text):
        return False
    start = offset + sentence.start_char
    paragraph = next((s for s, e in document.paragraphs if s <= start < e), 0)
    lead = document.text[max(paragraph, start - _LEAD_CHARS):start]
    # ("the apparent accidental shooting ... she died": a shot told is no mishap's toll)
    return onto.not_political(None, lead) == "mishap" and not onto.has("wounding", lead)


def stands_alone(mention: Mention) -> bool:
    """Whether a mention that joins no happening is an event of its own: a count of the dead
    is ("9 dead in eastern Ukraine"); a count of the wounded alone is not ("Two of the wounded
    were in a serious condition" tells no new event). A mention another event's trigger
    governs is that event's content ("threatened new sanctions", "urged them to withdraw",
    "launched an attack, deploying 71 missiles"), unless it is violence that happened ("condemned
    the attack that killed five")."""
    if mention.governed:
        return mention.event.type in VIOLENT_TYPES and mention.event.status in (
            "occurred", "ongoing")
    if not mention.counts_only:
        return True
    killed = mention.event.killed
    return killed is not None and killed.value > 0
