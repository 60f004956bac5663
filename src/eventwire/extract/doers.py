"""Who did it: the doer of one event mention, read from its sentence's parse.

The doer is the trigger's subject, passive agent or the modifier of a noun trigger ("Russian
missile attacks"); where the parse loses it, a crowd's subject or a non-state armed group named
before an attack stands in. The target is ``targets.py``'s; the readings both share (whose
forces, who suffers a verb) are ``roles.py``'s. Names come from the actor dictionary
(``resources/actors.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Span, Token

from ..model import Actor
from ..nlp import span_text
from ..resources import news_outlets
from .actors import ActorDictionary, actor_from, noun_phrase
from .modality import in_setting, tells_of
from .modality import words as modality_words
from .roles import (
    ARMED,
    COMBAT,
    DEEDS,
    FORCES,
    HURT,
    came_under,
    done_to,
    owns_its_object,
    prepositions,
    role_words,
    state_forces,
    suffers,
    victim_subject,
)
from .triggers import TriggerMatch

# who finds the dead ("police found the body") is not who killed them
_FINDING = frozenset({"find", "discover", "recover"})
# "Kyiv accused Moscow of shelling the plant": the accused did what the accusation is about
_CHARGING = frozenset({"accuse", "blame", "suspect", "charge", "convict", "condemn", "criticize",
                       "criticise", "indict", "sue"})  # fmt: skip
# non-state armed groups: named before an attack they are its doer even where the parse is lost
_IRREGULAR = frozenset({"REB", "MLT", "CRM"})
_CHARGE_PREPOSITIONS = frozenset({"of", "for", "with", "in", "over"})
_ARRESTING = frozenset({"arrest", "detain", "apprehend", "jail", "imprison", "sentence",
                        "prosecute", "extradite"})  # fmt: skip
_NOT_ACTORS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL"})
_SPEAKER_HOPS = 4
# who a word of protest can itself name: the crowd
_CROWDS = frozenset({"PRO", "RIO"})
# fights whose other side did what befell the side told ("killed in clashes with rebels")
# happenings with no one side as their doer: a modifier tells where or whom, never who
_NO_DOER_NOUNS = frozenset({"toll", "casualty", "casualties", "fighting", "clash", "clashes",
                            "violence", "hostility", "hostilities", "unrest", "bloodshed"})
# deeds a headline tells in the present tense, which the parser may read as nouns
_HEADLINE_VERBS = frozenset({"shell", "strike", "bomb", "pound", "attack", "hit", "raid"})
# prepositions of the deed a passive killing happened in ("killed in Kiev's shelling")
_IN_DEED = frozenset({"in", "during", "amid", "after", "under", "due"})
# deeds whose "of" names the doer ("an attack of Ukrainian military", "aggression of Kiev")
_OF_DOER = frozenset({"attack", "aggression"})
# what forces hold, attacked as a target: "an attack of Ukrainian positions" is on them
_TARGET_NOUNS = frozenset({"position", "post", "outpost", "base", "checkpoint", "convoy",
                           "column", "trench", "barracks", "garrison", "frontline"})


def doer(
    head: Token, actors: ActorDictionary, offset: int, state: str = "GOV", *, seizure: bool = False
) -> Actor | None:
    """Who did it: the subject, the passive agent, or the modifier of a noun trigger."""
    if head.lemma_ in _FINDING and not seizure:
        return None  # "police found the body", "was found dead": the finder did nothing
    accused = _accused_of(head, actors, offset, state) or _claimed(head, actors, offset, state)
    if accused is not None:
        return accused
    if head.pos_ == "NOUN" and (crowd := _crowd_word(head, actors, offset)) is not None:
        return crowd  # "Indian protesters demand": the protesters, not the state "Indian" names
    if head.pos_ in ("NOUN", "PROPN") and not head.tag_.startswith("VB"):
        # "Russian missile attacks", "the Kremlin's decision": a modifier that names someone;
        # not of a toll or a fight, whose modifiers tell where or whom ("Gaza death toll",
        # "Ukraine fighting", "Palestinian casualties")
        modifiers = [] if head.lemma_.lower() in _NO_DOER_NOUNS else _modifiers(
            head, actors, offset, state)
        named = list(_named(modifiers))
        if named and named[0].country:
            return named[0]
        for child in prepositions(head):
            if child.lower_ in ("by", "from", "between"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        # "artillery fire by an unknown party": the agent over a generic word
                        agent = actor_from(pobj, actors, offset, state_sector=state)
                        return agent if agent is not None or not named else named[0]
        if named:
            return named[0]
        found = None
        if head.dep_ == "compound" and head.head.dep_ == "dobj" and (
                head.head.head.lemma_.lower() in modality_words().light_verbs):
            # "forces continued their strike campaign", "launched a bombing campaign": who
            # carries out the deed the noun is named by
            found = subject_doer(head.head.head, actors, offset, state)
        elif (
            head.dep_ in ("dobj", "attr")
            and head.head.pos_ in ("VERB", "AUX")
            and not tells_of(head.head)
            and owns_its_object(head.head)
        ):
            found = doer(head.head, actors, offset, state, seizure=seizure)
        elif came_under(head) is not None:
            found = None  # "positions came under fire": who came under it met the attack
        elif head.dep_ == "pobj" and head.head.head.pos_ in ("VERB", "AUX") and not (
            in_setting(head)
        ):
            found = subject_doer(head.head.head, actors, offset, state)
        # a bare sector word ("military exercises") only when no one else is named
        return found or next((m for m in modifiers if m is not None), None)
    # a deed the parser took for a verb keeps its modifier: "Ukrainian shelling kills three"
    named = next(_named(_modifiers(head, actors, offset, state)), None) if (
        head.lemma_.lower() in DEEDS - _NO_DOER_NOUNS) else None
    if named is not None and named.country:
        return named
    return subject_doer(head, actors, offset, state)


def _modifiers(head: Token, actors: ActorDictionary, offset: int, state: str) -> list[Actor | None]:
    """The actors the words before a noun name, one per modifier (``None`` where none), and
    the words before a modifier that names no one ("a Russian missile strike": Russian)."""
    found = []
    sufferer = done_to(head)
    for child in head.children:
        if child.dep_ not in ("amod", "compound", "poss", "nmod") or child.i > head.i:
            continue
        if sufferer is not None and child.i == sufferer.i:
            continue
        actor = actor_from(child, actors, offset, state_sector=state)
        if child.dep_ == "compound" and (actor is None or child.lower_ in actors.hardware):
            # (a weapon word's own modifier names whose: "a Russian missile strike": Russian)
            actor = next(_named(_modifiers(child, actors, offset, state)), None) or actor
        found.append(actor)
    return found


def _named(modifiers: list[Actor | None]) -> Iterator[Actor]:
    """The modifiers that name someone, not only a kind ("Russian", "the Kremlin's")."""
    return (m for m in modifiers if m is not None and (m.country or m.name))


def _accused_of(head: Token, actors: ActorDictionary, offset: int, state: str) -> Actor | None:
    """The accused of "X accused Y of shelling", "blamed Y for the attack", "Y was charged with
    murder", "Y is charged in the fatal shooting": the doer."""
    while head.dep_ == "pcomp" and head.head.lower_ == "by":
        # "accused Y of undermining the talks by launching missiles": the means has the doer
        # of the deed it is the means of, wherever the parse hangs it
        above = head.head.head
        if above.dep_ == "pcomp":
            head = above
            continue
        if above.lemma_.lower() in _CHARGING and any(
                c.dep_ == "prep" and c.lower_ in _CHARGE_PREPOSITIONS
                for t in (above, *above.children) for c in t.children):
            return _charged(above, actors, offset, state)
        return None
    if head.dep_ not in ("pcomp", "pobj") or head.head.lower_ not in _CHARGE_PREPOSITIONS:
        return None
    verb = head.head.head
    if verb.dep_ == "dobj" and verb.head.lemma_.lower() in _CHARGING:
        verb = verb.head  # "accused [the rebels of shelling]": the charge hung on the accused
    if verb.dep_ == "pobj" and verb.head.lower_ in _CHARGE_PREPOSITIONS:
        verb = verb.head.head  # "charged with criminal homicide for the fatal shooting"
    if verb.lemma_.lower() not in _CHARGING and not _arrests(verb):
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "arrested a man accused of killing his wife": the man the participle describes
        return actor_from(verb.head, actors, offset, state_sector=state)
    return _charged(verb, actors, offset, state)


def _charged(verb: Token, actors: ActorDictionary, offset: int, state: str) -> Actor | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            # "Roof was convicted of murdering", "charged a 17-year-old with killing": the
            # accused, named or not, never whoever accuses
            return actor_from(child, actors, offset, state_sector=state) or _as_written(
                child, offset)
    return None


def _claimed(head: Token, actors: ActorDictionary, offset: int, state: str) -> Actor | None:
    """Who claims the deed: "the Taliban claimed responsibility for shooting down the
    helicopter", "the group took credit for the bombing"."""
    if head.dep_ not in ("pcomp", "pobj") or head.head.lower_ != "for":
        return None
    noun = head.head.head
    if noun.lemma_.lower() not in ("responsibility", "credit") or noun.dep_ != "dobj":
        return None
    if noun.head.lemma_.lower() not in role_words("claiming_verbs"):
        return None
    subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    return actor_from(subject, actors, offset, state_sector=state) or as_named(subject, offset)


def _arrests(verb: Token) -> bool:
    """An arrest, whose prisoner is the suspect of what it is "for", "over" or "in connection
    with": "arrested two men over the killing", "was taken into custody in connection with
    bombings"."""
    if verb.lemma_.lower() in _ARRESTING:
        return True
    return verb.lemma_ in ("take", "hold") and any(
        c.dep_ == "prep" and any(o.lemma_ == "custody" for o in c.children)
        for c in verb.children
    )


def _as_given(span: Span, offset: int) -> Actor:
    """``span`` as an actor, its words as the text gives them (not as the parser saw them: a
    headline's are parsed in sentence case, ``headcase``)."""
    return Actor(text=span_text(span), start=offset + span.start_char, end=offset + span.end_char)


def _as_written(token: Token, offset: int) -> Actor:
    """The words of ``token`` and those before it in its phrase (determiners aside: "a
    17-year-old"), as an actor the dictionary does not code."""
    start = token.left_edge.i
    while start < token.i and token.doc[start].dep_ in ("det", "punct"):
        start += 1
    span = token.doc[start : token.i + 1]
    return _as_given(span, offset)


def subject_doer(
    verb: Token, actors: ActorDictionary, offset: int, state: str = "GOV", hops: int = 0
) -> Actor | None:
    # the agent of a passive; of a gerund used as a noun, its "by": "killed in shelling by
    # Ukrainian troops"
    nominal = verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "pobj")
    for child in verb.children:
        if child.dep_ == "agent" or (nominal and child.dep_ == "prep" and child.lower_ == "by"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    # "killed by sniper fire from the Azerbaijani side": where it came from,
                    # over whoever the deed's own words name ("sniper")
                    agent = next((a for p in pobj.children
                                  if p.dep_ == "prep" and p.lower_ == "from"
                                  for q in p.children if q.dep_ == "pobj"
                                  if (a := actor_from(q, actors, offset, state_sector=state))
                                  and a.sector in ARMED), None) if (
                        pobj.lemma_.lower() in DEEDS) else None
                    agent = agent or actor_from(pobj, actors, offset, state_sector=state)
                    if agent is None and (pobj.pos_ == "NOUN" or pobj.tag_ == "VBG"):
                        # "killed by Ukrainian shelling": whom the deed's modifier names
                        agent = next(_named(_modifiers(pobj, actors, offset, state)), None)
                    return agent
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if passive:
        opponent = _fought_with(verb, actors, offset, state)
        if opponent is not None:
            return opponent
    if passive or suffers(verb) or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "ROOT")):
        # "killed in Kiev's shelling", "died in shelling by Ukrainian troops"
        deed = _deed_doer(verb, actors, offset, state)
        if deed is not None:
            return deed
    subjects = [c for c in verb.children if c.dep_ == "nsubj" or (
        # "Russian shelling in Donetsk Oblast killed three": a deed the parser made a clause
        c.dep_ == "csubj" and c.lemma_.lower() in DEEDS)]
    if subjects and suffers(verb):
        # "two residents died in shelling": the subject is the victim; of a headline's two
        # clauses the parser joined ("forces violated the truce, one soldier killed"), the
        # subject nearest the verb is the victim and the other the doer
        victim = victim_subject(verb)
        subjects = [c for c in subjects if c.i != victim.i and verb.lemma_.lower() in HURT]
        if not subjects:
            return None
    for child in subjects:
        found = actor_from(child, actors, offset, state_sector=state)
        if found is None and child.lemma_.lower() in DEEDS - _NO_DOER_NOUNS:
            # "Russian shelling kills two", "paramilitary shelling killed eight": the deed's
            # modifier names its doer
            found = next(_named(_modifiers(child, actors, offset, state)), None) or next(
                (m for m in _modifiers(child, actors, offset, state)
                 if m is not None and m.sector in ARMED), None)
        if found is not None and found.sector == "CVL" and verb.tag_ == "VBD":
            # a headline's passive read as active: "Civilian killed in troops' shelling"
            found = _deed_doer(verb, actors, offset, state) or found
        if found is not None:
            return found
    if subjects:
        return None
    if verb.dep_ == "ccomp" and any(c.dep_ == "nsubjpass" for c in verb.children):
        return None  # "Ukraine reports two soldiers killed": who tells a loss did not inflict it
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ == "by":
        # "a policy shift by authorizing": the doer of the noun's verb
        return subject_doer(verb.head.head, actors, offset, state, hops + 1) if hops < 4 else None
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
        return subject_doer(governor, actors, offset, state, hops + 1)
    if verb.dep_ == "advcl" and any(
        c.dep_ == "nsubjpass" and any(t.tag_ in ("WDT", "WP") for t in c.subtree)
        for c in verb.children
    ):
        return None  # "launched 138 drones, 110 of which were shot down": not by the launcher
    if verb.dep_ in ("conj", "advcl", "pcomp", "ccomp") and governor.pos_ in ("VERB", "AUX"):
        return subject_doer(governor, actors, offset, state, hops + 1)
    if verb.dep_ == "acl" and governor.pos_ in ("NOUN", "PROPN") and not (
            verb.tag_ in ("VBN", "VBD") and verb.lemma_.lower() in HURT):
        # "the Kremlin's decision to allow", "attacks targeting X": the noun's owner acts;
        # not "one Ukrainian serviceman killed": the noun a harm's participle tells of suffered
        return doer(governor, actors, offset, state)
    if verb.dep_ == "pcomp":
        return subject_doer(governor.head, actors, offset, state, hops + 1)
    return None



def pronoun_subject_verb(verb: Token) -> Token | None:
    """The verb up the clauses ``subject_doer`` climbs whose subject, the doer, is a pronoun
    ("the crimes he faced for murdering nine people", "she left, vowing to fight on"): the
    verb whose "he" or "she" the article's earlier sentences name; ``None`` where a clause on
    the way names its subject, is passive, or the climb ends."""
    for _ in range(_SPEAKER_HOPS):
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")),
                       None)
        if subject is not None:
            return verb if subject.dep_ == "nsubj" and subject.pos_ == "PRON" else None
        governor = verb.head
        if governor.i == verb.i:
            return None
        if verb.dep_ == "xcomp" and not any(c.dep_ in ("dobj", "nsubjpass")
                                            for c in governor.children):
            verb = governor  # (not "allowed them to fight": whom the verb allows does it)
        elif verb.dep_ in ("conj", "advcl") and governor.pos_ in ("VERB", "AUX"):
            verb = governor
        elif verb.dep_ == "pcomp" and governor.dep_ == "prep" and governor.lower_ != "by":
            verb = governor.head  # "he faced for murdering": who faced it murdered
        else:
            return None
    return None

def _deed_doer(verb: Token, actors: ActorDictionary, offset: int, state: str) -> Actor | None:
    """The doer of the deed a passive killing happened in, where the parse hides it: "killed in
    Kiev's shelling of", "killed in Ukrainian troops' shelling", "killed in shelling by Kiev
    forces", "died in shelling by the army": an armed or state side named by the deed's "by" or
    possessive, on a path of deeds and "in/during/amid" from the verb (not "torched by locals",
    "confirmed by police": other deeds' agents)."""
    for token in verb.subtree:
        if token.i == verb.i or not _within_deed(token, verb) or (
            token.i < verb.i and not _fronted(token, verb)
        ):
            continue
        found = None
        if (token.lower_ == "by" and token.dep_ in ("prep", "agent")) or (
                token.lower_ == "from" and token.head.lemma_.lower() in DEEDS):
            # "from" where the deed came from: "sniper fire from the Ukrainian side"
            found = next((a for p in token.children if p.dep_ == "pobj"
                          if (a := actor_from(p, actors, offset, state_sector=state))), None)
        elif token.dep_ == "case" and token.head.i < token.i:
            found = actor_from(token.head, actors, offset, state_sector=state)
        elif token.dep_ in ("amod", "compound", "nmod") and token.i < token.head.i and (
                token.head.lemma_.lower() in DEEDS - _NO_DOER_NOUNS):
            # (not of a fight, whose modifier tells where: "in fresh east Ukraine clashes")
            # "killed in enemy shelling", "died in a Russian drone attack": the deed's modifier
            found = actor_from(token, actors, offset, state_sector=state)
        elif token.dep_ == "pobj" and token.head.lower_ in _IN_DEED and _deed_after(token):
            # "killed amid enemy shelling" parsed with the deed as a verb of its own: the
            # preposition's object is the deed's modifier
            found = actor_from(token, actors, offset, state_sector=state)
        elif token.lower_ == "of" and token.head.lemma_.lower() in _OF_DOER:
            # "killed in an attack of Ukrainian military": the attacker, as "of" after an
            # attack reads in translated war news ("the shelling of X" is X shelled)
            found = next((a for p in token.children if p.dep_ == "pobj"
                          and p.lemma_.lower() not in _TARGET_NOUNS
                          if (a := actor_from(p, actors, offset, state_sector=state))), None)
        if found is not None and found.sector in ARMED:
            return found
    return None


def _fronted(token: Token, verb: Token) -> bool:
    """Whether ``token`` sits in a deed phrase put before the clause ("Due to the enemy
    shelling, a woman died"), not in the subject."""
    node = token
    while node.head.i != verb.i and node.head.i != node.i:
        node = node.head
    return node.dep_ == "prep"


def _deed_after(token: Token) -> bool:
    """Whether the word after ``token`` is a deed the parser read as a verb ("enemy shelling")."""
    after = token.nbor() if token.i + 1 < len(token.doc) else None
    return after is not None and after.tag_.startswith("VB") and after.lemma_.lower() in DEEDS


def _within_deed(token: Token, verb: Token) -> bool:
    """Whether every word between ``token`` and ``verb`` is a deed ("shelling", "fire"), an
    "in/during/amid" or what such a preposition governs."""
    node = token.head
    while node.i != verb.i:
        if not (node.lemma_.lower() in DEEDS or (node.dep_ == "prep" and node.lower_ in _IN_DEED)
                or (node.dep_ == "pobj" and node.head.lower_ in _IN_DEED)
                or (node.dep_ == "poss" and node.head.lemma_.lower() in DEEDS)):
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return True


def _fought_with(verb: Token, actors: ActorDictionary, offset: int, state: str) -> Actor | None:
    """Who the victims of a passive fought: "two soldiers were killed in clashes with rebels",
    "died during a gunfight with police"."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "amid"):
            continue
        for fight in prep.children:
            if fight.dep_ != "pobj" or fight.lemma_.lower() not in COMBAT:
                continue
            for other in fight.children:
                if other.dep_ == "prep" and other.lower_ in ("with", "against"):
                    for pobj in other.children:
                        if pobj.dep_ == "pobj":
                            return actor_from(pobj, actors, offset, state_sector=state)
    return None


def crowd_of(
    matches: list[TriggerMatch], sentence: Span, actors: ActorDictionary, offset: int, sector: str
) -> Actor | None:
    """Whoever protests is a protester (whoever riots a rioter): the trigger's subject."""
    for match in matches:
        head = match.head
        itself = _crowd_word(head, actors, offset) if head.pos_ == "NOUN" else None
        if itself is not None:
            return itself  # "protesters stormed the gate", "vandalism by rioters"
        if head.dep_ == "dobj":  # "taxi drivers organized a protest"
            if head.head.lemma_.lower() not in modality_words().light_verbs:
                continue  # "police broke up a rally": who ends a protest did not hold it
            head = head.head
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN"):
            subjects.append(head.head)  # "interns protested" parsed as a noun with a clause
        for subject in subjects:
            found = actor_from(subject, actors, offset, default_sector=sector)
            if found is not None:
                return found
    # the parser lost the subject: the last plain noun phrase before the trigger (not the one
    # a passive says it was done to: "civilians killed as fighting flares" are no mob; nor
    # who tells of it: "the ministry said thousands of demonstrations took place")
    trigger_at = min(m.span.start for m in matches)
    reporting = modality_words().reporting_verbs
    chunks = [
        chunk
        for chunk in sentence.noun_chunks
        if chunk.end <= trigger_at
        and chunk.root.dep_ not in ("pobj", "dobj", "npadvmod", "nsubjpass")
        and chunk.root.ent_type_ not in _NOT_ACTORS
        and not (chunk.root.dep_ == "nsubj" and chunk.root.head.lemma_.lower() in reporting)
    ]
    for chunk in reversed(chunks):
        found = actor_from(chunk.root, actors, offset, default_sector=sector)
        if found is not None and found.sector not in role_words("not_crowd_sectors"):
            return found  # (police named before a rally broke it up, not held it)
    return None


def _crowd_word(head: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    """The crowd a word of protest itself names ("protesters", "Indian protesters",
    "rioters"), or ``None``."""
    itself = actor_from(head, actors, offset)
    return itself if itself is not None and itself.sector in _CROWDS else None


def uncoded_doer(
    head: Token, offset: int, *, speaker: ActorDictionary | None = None
) -> Actor | None:
    """The trigger's own subject or agent, a name the dictionary does not know ("the PMF
    attacked"): kept as written, with no country or sector, so that no doer is implied where the
    text names one (and a user can add the name to actors.yaml). With ``speaker`` (a statement:
    a demand, a warning, an accusation), the named subject of a clause above it too: who made
    the statement ("DiCarlo concluded with a call for action", "'We reiterate our call ...,'
    said Tom Fletcher"), coded where the dictionary knows it (``speaker``: the dictionary)."""
    above = list(head.ancestors)[:_SPEAKER_HOPS]
    if head.dep_ == "aux" and above:
        above = above[1:]  # "Y must stop": Y is asked; the speaker is above
    for node in [head, *above] if speaker is not None else [head]:
        doers = [c for c in node.children if c.dep_ == "nsubj"]
        doers += [p for c in node.children if c.dep_ == "agent" for p in c.children
                  if p.dep_ == "pobj"]  # fmt: skip
        if node.dep_ == "relcl":
            # "protesters who had marched ... to demand": who "who" is, not a clause above
            doers = [node.head if d.tag_ in ("WP", "WDT") else d for d in doers]
        for doer in doers:
            if _outlet(doer):
                continue  # "..., Reuters reports": the outlet tells the statement
            coded = actor_from(doer, speaker, offset) if speaker is not None else None
            if coded is not None:
                return coded
            # a name: common nouns with no sector are things ("a stray bullet"), not doers
            named = as_named(doer, offset)
            if named is not None:
                return named
    return None


def _outlet(token: Token) -> bool:
    """Whether the noun phrase ``token`` heads names a news outlet (``outlets.yaml``)."""
    phrase = token.doc[token.left_edge.i : token.i + 1].text.casefold()
    return phrase in _reporting_outlets()


@cache
def _reporting_outlets() -> frozenset[str]:
    """The outlets' names, case folded, but for those only ever read as a signature."""
    outlets = news_outlets()
    return frozenset(name.casefold() for group in ("wires", "broadcasters", "signing", "reporting")
                     for name in outlets[group])


def as_named(token: Token, offset: int) -> Actor | None:
    """A proper name the dictionary does not code, kept as written (with its words before it,
    "Ahmad Khan Rahami"), or ``None`` for anything else."""
    if token.pos_ == "NOUN" and token.lemma_.lower() in role_words("speaking_for_owner"):
        # "Ombudsman Nadia Cruz's office said": the office speaks for its owner
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        return as_named(owner, offset) if owner is not None else None
    if token.pos_ == "NOUN" and token.lemma_.lower() in role_words("named_body_nouns"):
        # "Catholic groups called on ...", "Kurdish parties condemned": a body its name or
        # people names, from that word on
        named = [c for c in token.children if c.i < token.i and c.dep_ in ("amod", "compound")
                 and (c.pos_ == "PROPN" or c.ent_type_ == "NORP")]
        if not named:
            return None
        span = token.doc[named[0].i : token.i + 1]
        return _as_given(span, offset)
    if token.pos_ != "PROPN" or token.ent_type_ in _NOT_ACTORS:
        return None
    words = [t for t in noun_phrase(token) if t.i <= token.i and t.dep_ != "det"]
    span = token.doc[words[0].i : token.i + 1]
    return _as_given(span, offset)


def sides_named(token: Token, offset: int) -> Actor | None:
    """The sides of a conflict named together in the plural ("both sides", "the warring
    parties"), as written, or ``None``: whom a call or a demand is made to."""
    if token.pos_ != "NOUN" or token.tag_ != "NNS" or token.lemma_.lower() not in role_words(
            "sides_nouns"):
        return None
    span = token.doc[token.left_edge.i : token.i + 1]
    return _as_given(span, offset)


def irregular_before(
    matches: list[TriggerMatch],
    sentence: Span,
    actors: ActorDictionary,
    offset: int,
    recipient: Actor | None,
) -> Actor | None:
    """A non-state armed group named before the attack ("armed men on a motorcycle carried out
    a drive-by shooting"), for sentences whose parse lost the subject. State forces are left
    out: "police found the body of a man shot dead" names who found it, not who shot."""
    trigger_at = min(m.span.start for m in matches)
    found = _headline_subject(sentence, actors, offset)
    if found is not None:
        return found
    for token in reversed(sentence.doc[sentence.start : trigger_at]):
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod", "nsubjpass"):
            continue
        found = actor_from(token, actors, offset)
        if found is not None and found.sector in _IRREGULAR and (
            recipient is None or found.start != recipient.start
        ):
            return found
    if recipient is not None and recipient.sector in FORCES:
        return _holders(sentence, actors, offset)
    return None


def _headline_subject(sentence: Span, actors: ActorDictionary, offset: int) -> Actor | None:
    """A headline's present tense the parser read as a noun ("Russians shell Kherson region",
    "Enemy shells Nikopol district"): the one to three words before a deed word near the start
    that name an armed side or a people are its doer."""
    words = sentence[: min(4, len(sentence))]
    deed = next((t for t in words if t.i > sentence.start and t.tag_ in ("NN", "NNS", "VBZ", "VBP")
                 and (t.lemma_.lower() in _HEADLINE_VERBS or (
                     # "Ukrainian military fire on bus": fire aimed at someone (not "Factory
                     # fire kills 40")
                     t.lemma_.lower() == "fire" and t.i + 1 < len(t.doc)
                     and t.nbor().lower_ in ("on", "at", "upon")))), None)
    if deed is None or (deed.i + 1 < len(deed.doc) and deed.nbor().tag_.startswith("VB")):
        return None  # ("Gaza strikes kill 12": the deed is the subject, its modifier a place)
    lead = deed.nbor(-1)
    # ("military" is often tagged an adjective before a headline's verb: a sector noun still)
    if (lead.pos_ not in ("NOUN", "PROPN") and lead.lower_ not in actors.nouns) or any(
            t.pos_ not in ("NOUN", "PROPN", "ADJ", "DET")
            for t in sentence.doc[sentence.start : lead.i]):
        return None
    found = actor_from(lead, actors, offset, state_sector="MIL")
    if found is not None and found.country is None and found.sector in FORCES:
        # "Ukrainian military fire on ...": the demonym before a sector word tagged an adjective
        country = next((c for t in sentence.doc[sentence.start : lead.i]
                        if (c := actors.country_of(t.text))), None)
        if country is not None:
            found = state_forces(found, country, found.sector, actors)
    if found is not None and (found.sector in ARMED or (
            found.country is not None and actors.country_of(found.text) == found.country)):
        return found
    return None


def _holders(sentence: Span, actors: ActorDictionary, offset: int) -> Actor | None:
    """Rebels named as who holds the land where a state's forces were hit: "soldiers killed in
    the rebel east", "in rebel-held Donetsk", "in the separatist-controlled area": the doer.
    The rebel word stands before a word of land (no actor) in a place phrase ("in", "near")."""
    doc = sentence.doc
    for token in sentence:
        if token.pos_ not in ("NOUN", "PROPN", "ADJ") or token.i + 1 >= sentence.end:
            continue
        land = doc[token.i + 1]
        if land.text == "-" and token.i + 3 < sentence.end and doc[token.i + 2].lemma_ in (
            "hold", "control", "run"
        ):
            land = doc[token.i + 3]  # "rebel-held Donetsk"
        if land.pos_ not in ("NOUN", "PROPN") or not _in_place_phrase(token):
            continue
        if land.lower_ in actors.nouns or land.lemma_.lower() in actors.nouns:
            continue  # "rebel fighters", "separatist forces": a side, not its land
        found = actor_from(token, actors, offset)
        if found is not None and found.sector in _IRREGULAR:
            return found.model_copy(update={"text": token.text, "start": offset + token.idx,
                                            "end": offset + token.idx + len(token.text)})
    return None


def _in_place_phrase(token: Token) -> bool:
    """Whether ``token`` sits in a phrase of place ("in the rebel east", "near rebel-held X")."""
    node = token
    for _ in range(4):
        if node.dep_ == "prep" and node.lower_ in ("in", "near", "across", "around", "inside"):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False
