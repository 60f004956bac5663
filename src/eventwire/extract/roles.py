"""Whose side: the words and readings the doer and the target of a mention share.

The state behind forces and statements ("Russia's Defence Ministry said troops ...": Russia's
troops; ``speakers_own``, ``state_speaker``), a people at war as its forces, the two sides a
fight's own reports name, who a harm noun was done to and who suffers a verb ("two residents
died"). Who did it is ``doers.py``'s; to whom, ``targets.py``'s. Word lists come from
``resources/roles.yaml``.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ..model import Actor
from ..nlp import span_text
from ..resources import load_yaml
from .actors import ActorDictionary, Known, actor_from
from .modality import governors
from .modality import words as modality_words

FORCES = frozenset({"COP", "MIL"})
# who speaks for a state: its statement's unnamed forces are its own (``speakers_own``)
_STATE_SPEAKERS = frozenset({"GOV", "MIL", "COP"})
_FIREARM_WORDS = frozenset({"shoot", "fire", "gunfire", "gunman", "gunmen", "firearm"})
# verbs of harm whose subject, with no object in a headline, is the one harmed
HURT = frozenset({"kill", "wound", "injure", "hurt"})
# verbs whose subject suffers the deed: "two residents died in shelling" tells the victims
_SUFFERING = frozenset({"die", "perish", "succumb", "drown"})
# men a side "loses" (to the other side's fire): "lost 20 soldiers", "loses 80 troops"
_LOST_MEN = frozenset({"soldier", "troop", "troops", "serviceman", "servicemen", "fighter",
                       "policeman", "policemen", "officer", "marine", "paratrooper", "militiaman",
                       "militiamen"})
# armed and state sides: who can be the doer a sentence names beside its victims
ARMED = frozenset({"MIL", "COP", "REB", "MLT", "GOV"})
# strikes from afar: a deed of a state's forces, not of its people
_FROM_AFAR = frozenset({"artillery", "missile", "aerial", "drone"})
# deeds a killing happens in, whose "by" or possessive names the doer ("in shelling by X")
DEEDS = frozenset({"shelling", "shell", "fire", "attack", "strike", "airstrike", "bombardment",
                    "bombing", "raid", "assault", "offensive", "ambush", "blast", "explosion",
                    "shooting", "gunfire", "sniper", "aggression", "clash", "fighting",
                    "mortar", "rocket", "missile", "drone", "artillery", "bomb", "grenade",
                    "mine", "munition", "shellfire"})  # fmt: skip
# "came under fire", "were under attack", "remained under shelling": the subject was attacked
_MET_UNDER = frozenset({"come", "be", "remain", "fall"})
COMBAT = frozenset({"clash", "clashes", "fighting", "fight", "battle", "firefight", "gunfight",
                     "gunbattle", "shootout", "skirmish", "exchange", "confrontation"})  # fmt: skip


def came_under(head: Token) -> Token | None:
    """The verb of "X came under fire", "the town was under shelling": its subject met the
    attack the noun ``head`` tells (its target, never its doer)."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "under" or prep.head.i == prep.i:
        return None
    verb = prep.head
    return verb if verb.lemma_.lower() in _MET_UNDER else None


@cache
def role_words(key: str) -> frozenset[str]:
    """A word list of ``resources/roles.yaml``."""
    return frozenset(map(str, load_yaml("roles.yaml")[key]))


def done_to(head: Token) -> Token | None:
    """The one a harm noun was done to: its "of" ("the killing of three civilians"), else its
    possessor ("Das's brutal killing", "Navalny's arrest"; not a pronoun, "his arrest")."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in role_words("done_to_nouns"):
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        return next((p for p in prep.children if p.dep_ == "pobj"), None)
    return next((c for c in head.children if c.dep_ == "poss" and c.tag_ != "PRP$"), None)


def owns_its_object(verb: Token) -> bool:
    """Whether the verb's subject made the event its object names: "launched an attack",
    "imposed a curfew", "claimed the bombing"; not "repelled an attack", "broke up a rally"
    (``opposing_verbs`` in modality.yaml)."""
    return verb.lemma_.lower() not in modality_words().opposing_verbs


def suffers(verb: Token) -> bool:
    """Whether the verb's subject suffers the deed: "two residents died in shelling", and a
    headline's passive the parser read as active, a killing or wounding with no object or
    auxiliary ("Occupiers shelled Nikopol; pensioner wounded", "..., two children killed")."""
    if verb.lemma_.lower() in _SUFFERING:
        return True
    if verb.lemma_.lower() == "lose":  # "the army lost 20 soldiers": the army was struck
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _LOST_MEN for c in verb.children)
    return (
        verb.lemma_.lower() in HURT and verb.tag_ in ("VBD", "VBN")
        and verb.dep_ in ("ROOT", "conj", "ccomp", "parataxis")
        and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)
        and not any(c.dep_ in ("dobj", "aux", "auxpass", "attr", "prt", "dative", "xcomp")
                    and not _credit_between(verb, c) for c in verb.children)
        # "troops killed and wounded dozens": the object the verbs share is after the last
        and not any(c.dep_ == "conj" and c.pos_ == "VERB" and any(
            g.dep_ in ("dobj", "conj") for g in c.children) for c in verb.children)
    )


def victim_subject(verb: Token) -> Token | None:
    """The subject nearest before a verb whose subject suffers it (``suffers``)."""
    before = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    return max(before, key=lambda c: c.i) if before else None


def _credit_between(verb: Token, word: Token) -> bool:
    """Whether a spaced dash or a colon stands between ``verb`` and a word after it: "two
    soldiers wounded - JFO HQ", "three soldiers killed: military" (the credit the parser made
    the verb's object)."""
    return any((t.text in ("-", "–", "—") and (t.whitespace_ or t.nbor(-1).whitespace_))
               or t.text == ":" for t in verb.doc[verb.i + 1 : word.i])


def organised_side(head: Token) -> bool:
    """A side of a clash named as an organisation ("clashes between Hamza Division and Ahrar al
    Sham", "MS-13 members clashed with police"): groups with names fight with arms, unlike
    families or villagers."""
    sides = [c for c in head.children if c.dep_ == "nsubj"]
    for prep in prepositions(head):
        if prep.lower_ in ("between", "with"):
            sides += [p for p in prep.children if p.dep_ == "pobj"]
    sides += [c for side in sides for c in side.conjuncts]
    sides += [c for side in sides for c in side.children if c.dep_ in ("compound", "nmod")]
    return any(side.pos_ == "PROPN" and side.ent_type_ in ("ORG", "") for side in sides)


def place_attacked(head: Token) -> bool:
    """"Militants attacked Namava": a place named as the object of an attack, not anyone armed;
    its people are the target (ACLED codes such raids as violence against civilians)."""
    return any(
        child.dep_ == "dobj" and child.pos_ == "PROPN" and child.ent_type_ not in ("ORG", "NORP")
        for child in head.children
    )


def firearm(token: Token) -> bool:
    """A word of shooting: "opened fire" is, "set him on fire" and "set fires" are not."""
    if token.lemma_.lower() not in _FIREARM_WORDS:
        return False
    return token.lemma_.lower() != "fire" or not (
        token.head.lemma_ == "set" or (token.i > 0 and token.nbor(-1).lower_ == "on")
    )


def prepositions(head: Token) -> list[Token]:
    """The prepositions of a trigger, and of the verb it is the subject of ("clashes erupted
    between A and B", "fighting broke out between ...")."""
    preps = [c for c in head.children if c.dep_ == "prep"]
    if head.dep_ == "nsubj" and head.pos_ == "NOUN" and head.head.pos_ == "VERB":
        preps += [c for c in head.head.children if c.dep_ == "prep"]
    if head.dep_ == "dobj" and head.pos_ == "NOUN" and not owns_its_object(head.head):
        # "lauded military aid from Britain": the parser hangs the giver on the verb
        preps += [c for c in head.head.children
                  if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > head.i]
    return preps


def actor_inside(phrase: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    """An actor noun somewhere inside a phrase the parser got wrong (parentheses, lists)."""
    for token in phrase.subtree:
        if token.i != phrase.i and token.pos_ in ("NOUN", "PROPN"):
            found = actor_from(token, actors, offset)
            if found is not None and found.sector is not None:
                return found
    return None


def speakers_own(actor: Actor, head: Token, actors: ActorDictionary, offset: int) -> Actor:
    """Forces a state's statement names with no country are its own: "Russia's Defence
    Ministry said air defences downed 40 drones", "the Israeli military said troops killed
    three militants", "Ukraine's general staff said its forces repelled 12 attacks"; and an
    armed group's, the group's own men ("DPR reports three servicemen killed")."""
    speaker = state_speaker(head, actors, offset)
    if speaker is not None:
        return state_forces(actor, speaker.country, actor.sector, actors)
    if any(child.dep_ == "nsubj" for child in head.children):
        return actor  # "rebels said they shot down the helicopter": the deed's doer is named
    group = _group_speaker(head, actors, offset)
    if group is None:
        return actor
    # "DPR reports three servicemen killed", "rebels say 7 fighters died": an armed group's
    # report of its men tells its own
    return actor.model_copy(update={"name": group.name, "country": group.country,
                                    "sector": group.sector})


def _group_speaker(head: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    """The armed group (rebels, militias) whose statement tells the trigger's event."""
    for node in governors(head)[1:]:
        if node.lemma_.lower() not in modality_words().reporting_verbs:
            continue
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        speaker = actor_from(subject, actors, offset) if subject is not None else None
        if speaker is None or speaker.sector not in ("REB", "MLT"):
            return None
        return speaker
    return None


def state_forces(actor: Actor, country: str | None, sector: str | None,
                 actors: ActorDictionary) -> Actor:
    """``actor`` as the forces (``sector``) of ``country``, with the canonical name."""
    name = actors.display_name(Known(None, country, sector))
    return actor.model_copy(update={"country": country, "sector": sector, "name": name})


def people_at_war(actor: Actor | None, recipient: Actor | None, mode: str | None,
                  harmed: bool, actors: ActorDictionary) -> Actor | None:
    """A people named for a deed of war is its state's forces: "Russians shelled Kherson",
    "Russians struck Kharkiv with missiles", "Russians killed two and wounded nine" (a strike
    from afar, a shooting or an attack that killed or wounded, ``harmed``, or an attack on
    another state's town): a mob or a crowd is named so; not "Palestinians clashed with
    police", nor a people's victims."""
    if (
        actor is None or actor.sector != "CVL" or actor.basis != "text" or actor.country is None
        or actors.country_of(actor.text) != actor.country
    ):
        return actor
    if mode in _FROM_AFAR or (recipient is not None and recipient.sector == "GOV"
                              and recipient.country not in (None, actor.country)) or (
            harmed and mode in (None, "small-arms")):
        return state_forces(actor, actor.country, "MIL", actors)
    return actor


def common_noun(actor: Actor, actors: ActorDictionary) -> bool:
    """Whether an actor is named by common nouns only ("troops", "air defences", "its
    forces"), not by a name or a word the dictionary missed ("Vietnamese-led forces"), nor as
    the other side ("enemy troops")."""
    text = actor.text
    return (
        actor.basis == "text" and text.islower() and not text.startswith("-")
        and not actors.other_side.intersection(text.split())
    )  # fmt: skip


def state_speaker(head: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    """The state (its government, army or police, with its country) whose statement tells the
    trigger's event ("Ukraine's air force said ..."), or ``None``."""
    for node in governors(head)[1:]:
        if node.lemma_.lower() not in modality_words().reporting_verbs:
            continue
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        speaker = actor_from(subject, actors, offset) if subject is not None else None
        if speaker is None or speaker.country is None or speaker.sector not in _STATE_SPEAKERS:
            return None
        return speaker
    return _state_credit(head, actors, offset)


def own_deed_reporter(head: Token, mode: str | None, actors: ActorDictionary,
                      offset: int) -> Actor | None:
    """The forces whose report tells a deed only they do ("police reported the arrest of two
    men", "the army announced the detention of 12 suspects"): who tells an arrest made it,
    where whoever reports a shooting did not. ``roles.yaml``: ``own_deed_modes``,
    ``own_deed_sectors``."""
    if mode not in role_words("own_deed_modes"):
        return None
    tellers = governors(head)[1:]
    if head.dep_ == "dobj":
        tellers.insert(0, head.head)  # "reported the arrest": the verb that tells the noun
    for node in tellers:
        if node.lemma_.lower() not in modality_words().reporting_verbs:
            continue
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        found = actor_from(subject, actors, offset) if subject is not None else None
        if found is not None and found.sector in role_words("own_deed_sectors"):
            return found
        return None
    return None


def _state_credit(head: Token, actors: ActorDictionary, offset: int) -> Actor | None:
    """The state a headline credits after a spaced dash or a colon at its end ("five soldiers
    killed in east - Ukraine military", "two troops killed: Kiev"), as a statement's speaker."""
    sentence = head.sent
    marks = [t for t in sentence if t.i > head.i and (t.text == ":" or (
        t.text in ("-", "–", "—") and (t.whitespace_ or t.nbor(-1).whitespace_)))]
    if not marks:
        return None
    credit = [t for t in sentence if t.i > marks[-1].i and not t.is_punct]
    if not credit or len(credit) > 4 or any(t.pos_ in ("VERB", "AUX") for t in credit):
        return None
    countries = {c for t in credit if (c := actors.country_of(t.text))}
    sector = actors.sector_of(credit, credit[-1]) or "GOV"
    if len(countries) != 1 or sector not in _STATE_SPEAKERS:
        return None
    span = sentence.doc[credit[0].i : credit[-1].i + 1]
    return Actor(text=span_text(span), country=countries.pop(), sector=sector,
                 start=offset + span.start_char, end=offset + span.end_char)


def reported_sides(head: Token, actors: ActorDictionary, offset: int) -> list[Actor]:
    """The two sides of a fight that the sides themselves report together: "Mali, jihadists
    report heavy fighting", "Army and rebels say 12 killed in clashes". News names the parties
    of a battle as its joint sources where it cannot tell who attacked; a coder writes them as
    the battle's two sides. Empty unless the fight (``head``, a word of ``COMBAT``) is told by
    a verb of saying whose subjects code as two different armed or state sides."""
    if head.lemma_.lower() not in COMBAT:
        return []
    said = None
    for step in head.ancestors:
        if step.pos_ in ("VERB", "AUX"):
            if step.lemma_.lower() in modality_words().reporting_verbs:
                said = step
                break
            if step.dep_ in ("dobj", "pobj"):
                continue  # a noun the parser took for a verb: "report rise in fighting"
            if step.lemma_.lower() not in HURT | _SUFFERING:
                return []  # another deed ("ambushed troops after clashes"): not the report
    if said is None:
        return []
    subjects = [c for c in said.children if c.dep_ == "nsubj"]
    subjects += [c for s in subjects for c in s.conjuncts]
    if subjects:  # "Army, rebels say": the parser may hang the first party, a name closed
        # by a comma, as a modifier or a clause of the verb
        first = min(s.i for s in subjects)
        doc = said.doc
        subjects += [c for c in said.children if c.i < first and c.dep_ not in ("nsubj", "punct")
                     and c.pos_ in ("PROPN", "NOUN") and c.right_edge.i + 1 < len(doc)
                     and doc[c.right_edge.i + 1].text == ","]
    sides: list[Actor] = []
    for token in sorted(subjects, key=lambda t: t.i):
        side = actor_from(token, actors, offset, state_sector="MIL")
        if side is None or side.sector not in ARMED:
            return []  # a witness or an official beside them: a source, not a side
        if all(side.name != s.name for s in sides):
            sides.append(side)
    return sides if len(sides) == 2 else []
