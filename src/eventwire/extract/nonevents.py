"""Trigger words that tell no happening of their own, read from the parse: a protest forbidden,
withstood or awaited rather than held, weapons seized rather than used, an attack foiled before
it was made, an aim or terms ("toward a peace deal", "under the agreement"), a word that only
qualifies a thing ("combat aircraft"). ``mentions.no_happening`` asks these. Vocabulary:
``ontology.yaml`` and ``modality.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Token

from .choice import choice_words
from .modality import subjectless_participle
from .modality import words as modality_words
from .ontology import ontology
from .triggers import TriggerMatch, lexicon


def _first_conjunct(word: Token) -> Token:
    """The first of the words ``word`` is joined to by "and" or "or" ("rallies" in "banned
    marches and rallies" is told as "marches" is), or ``word`` itself."""
    while word.dep_ == "conj" and word.head.i != word.i:
        word = word.head
    return word


def protest_not_held(word: Token) -> bool:
    """A protest word that names what is forbidden, withstood or awaited, not a protest held:
    the object of "ban" ("the governor banned rallies"), after "a ban on", "despite" or "ahead of"
    (``protest_not_held`` in ontology.yaml)."""
    words = ontology().protest_not_held
    word = _first_conjunct(word)  # "banned marches and rallies"
    head = word.head
    if (
        word.dep_ == "dobj"
        and head.dep_ == "pcomp"
        and head.head.lower_ in ("of", "with")
        and head.head.head.lemma_.lower() in words["charge_verbs"]
    ):
        return True  # "suspected of organising protests": the charge
    if word.dep_ == "dobj":
        return head.lemma_.lower() in words["verbs"]
    if word.dep_ != "pobj":
        return False
    above = head.head.head if head.head.dep_ == "dobj" else head.head  # "arrested 11 people over"
    if head.lower_ in words["cause_prepositions"] and above.lemma_.lower() in words["cause_verbs"]:
        return True  # "arrested eleven people over the protests": the arrests are the news
    if head.lower_ == "on" and head.head.lemma_.lower() in words["nouns"]:
        return True  # "a ban on demonstrations"
    before = word.doc[max(head.i - 3, 0) : head.i + 1].text.lower()
    return any(before.endswith(p) for p in words["prepositions"])


def seized_weapon(match: TriggerMatch) -> bool:
    """A weapon named as what is seized, found or defused ("recovered rifles, grenades and
    ammunition", "a landmine was defused", "recover cache of grenades"): taken, not used
    (``seizing_verbs``)."""
    word = match.head
    if word.pos_ not in ("NOUN", "PROPN") or not ontology().weapons_in(match.span.text):
        return False  # (a body found is no weapon)
    word = _first_conjunct(word)
    if word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.pos_ == "NOUN":
        word = word.head.head  # "a cache of grenades", "a haul of weapons": the lot is taken
        word = _first_conjunct(word)
    if word.dep_ not in ("dobj", "nsubjpass"):
        return False
    verb = word.head
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    seizing = ontology().seizing_verbs
    return lemma in seizing or (particle is not None and f"{lemma} {particle}" in seizing)


def arrested_over(word: Token) -> bool:
    """Attacks that people are arrested or charged after or over, told as a plural or a run
    ("detained 15 people after a spate of attacks", "charged over attacks on police"): the
    arrests' past, not the news (``protest_not_held`` in ontology.yaml, its cause words)."""
    words = ontology().protest_not_held
    if word.tag_ != "NNS":
        return False  # ("arrested after an attack on Monday that killed five": that attack)
    if word.dep_ == "pobj" and word.head.lower_ == "of" and (
        word.head.head.lemma_.lower() in words["run_nouns"]
    ):
        word = word.head.head  # "a spate of attacks"
    if word.dep_ != "pobj":
        return False
    preposition = word.head
    above = preposition.head
    above = above.head if above.dep_ in ("dobj", "pobj") and above.head.pos_ == "VERB" else above
    return preposition.lower_ in words["cause_prepositions"] and (
        above.lemma_.lower() in words["cause_verbs"]
    )


def foiled(word: Token) -> bool:
    """An attack stopped before it was made: the object of a foiling verb ("foiled an attack"),
    its passive subject ("the attack was thwarted"), or the plan such a verb stops ("foiled a
    plot to bomb a stadium"); ``foiling_verbs`` and ``plan_nouns`` in ontology.yaml."""
    onto = ontology()
    verbs = onto.foiling_verbs
    if word.dep_ in ("xcomp", "acl", "relcl") and word.head.lemma_.lower() in onto.plan_nouns:
        word, verbs = word.head, onto.plan_foiling_verbs  # "a plot to attack": the plot foiled
    elif word.dep_ == "pobj" and word.head.head.lemma_.lower() in onto.plan_nouns:
        word, verbs = word.head.head, onto.plan_foiling_verbs  # "a plot for an attack"
    elif word.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in word.children):
        # the parser hangs "to bomb" on the verb: "thwarted a plot to bomb a stadium"
        plans = [c for c in word.head.children
                 if c.dep_ == "dobj" and c.lemma_.lower() in onto.plan_nouns]  # fmt: skip
        word, verbs = (plans[0], onto.plan_foiling_verbs) if plans else (word, verbs)
    if word.dep_ not in ("dobj", "nsubjpass"):
        return False
    return word.head.lemma_.lower() in verbs


def aimed_at(word: Token) -> bool:
    """A noun named as where something leads or as the terms something is done under, not as
    done: "an effort to steer the sides toward a peace deal", "progress towards a ceasefire",
    "swaps will continue under the agreement" (``frame_prepositions`` in modality.yaml)."""
    return (word.pos_ == "NOUN" and word.dep_ == "pobj"
            and word.head.lower_ in modality_words().frame_prepositions)


def a_scene(word: Token) -> bool:
    """A meeting, a visit or a ceremony named as where or when the clause's deed was done: its
    scene, not the news ("At the Copenhagen summit, Stoltenberg was interviewed", "she had seen
    it on a visit to Kyiv", "on the sidelines of the summit", "Meeting in an emergency session,
    the Assembly adopted a resolution"); ``scene_prepositions`` and the lists after it in
    modality.yaml. Where the clause tells one's presence there ("will represent the EU at the
    summit"), the meeting is its deed."""
    vocab = modality_words()
    if subjectless_participle(word):
        return word.lemma_.lower() in vocab.scene_participles and word.head.pos_ in ("VERB", "AUX")
    if word.pos_ != "NOUN" or word.dep_ != "pobj":
        return False
    preposition = word.head
    journey = word.lemma_.lower() in vocab.journey_nouns
    if preposition.lower_ == "of" and preposition.head.lower_ in vocab.scene_nouns:
        word = preposition.head  # "on the sidelines of the summit", "on the eve of the talks"
        preposition, journey = word.head, True
    if word.dep_ != "pobj" or preposition.dep_ != "prep":
        return False
    scene = preposition.lower_ in vocab.scene_prepositions or (
        preposition.lower_ == "on" and journey)
    deed = preposition.head
    return scene and deed.pos_ in ("VERB", "AUX") and (
        deed.lemma_.lower() not in vocab.presence_verbs)  # "will represent the EU at the summit"


def position_referred_to(word: Token) -> bool:
    """A noun of demands, accusations or threats governed by another verb's preposition: a
    position already taken, referred to, not told ("Putin hasn't budged from his demands",
    "tracing to the ouster and subsequent accusations"); "concluded with a call for action"
    and "insisted on its demands" make one (``position_making_prepositions``,
    ``position_stating_verbs``)."""
    vocab = modality_words()
    word = _first_conjunct(word)
    if word.pos_ != "NOUN" or word.dep_ != "pobj":
        return False
    preposition = word.head
    verb = preposition.head
    return (
        preposition.lower_ not in vocab.position_making_prepositions
        and verb.pos_ == "VERB" and verb.lemma_.lower() not in vocab.light_verbs
        and verb.lemma_.lower() not in vocab.position_stating_verbs
    )


def evaded(word: Token) -> bool:
    """A measure named as what someone escapes or breaks ("helping Russia dodge western
    sanctions", "ships that breach the embargo", "a circumvention of sanctions"): in force
    already, not imposed here (``evasion_verbs``, ``evasion_nouns``)."""
    vocab = modality_words()
    word = _first_conjunct(word)
    if word.pos_ != "NOUN":
        return False
    if word.dep_ == "pobj" and word.head.lower_ == "of":
        return word.head.head.lower_ in vocab.evasion_nouns  # "a circumvention of sanctions"
    return word.dep_ in ("dobj", "nsubjpass") and word.head.lemma_.lower() in vocab.evasion_verbs


def grants_a_fact(word: Token) -> bool:
    """A verb of assent whose clause is a fact granted, not a thing settled: "all accounts
    agreed he yelled", "he conceded that she had been cleared" (``assent_verbs``); a clause of
    what will or should be done is settled ("agreed that talks would resume")."""
    vocab = modality_words()
    if word.pos_ != "VERB" or word.lemma_.lower() not in vocab.assent_verbs:
        return False
    clause = next((c for c in word.children if c.dep_ == "ccomp"), None)
    if clause is None or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False
    duties = vocab.planned_aux | vocab.hypothetical_aux
    return not any(c.dep_ == "aux" and c.lower_ in duties for c in clause.children)


def conceded(word: Token) -> bool:
    """Approval granted on the way to a point that qualifies it: "While commending the efforts
    of the US, she stressed the need for ...", "welcomed the call for a ceasefire but argued
    that ..." (a "while"/"although" clause, or a clause a "but" answers). The point made is
    the speaker's stance; the approval conceded is no deed of its own."""
    if word.pos_ != "VERB":
        return False
    marks = choice_words().concessive_marks
    if word.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks
                                    for c in word.children):
        return True
    for clause in (word, word.head) if word.dep_ == "ccomp" else (word,):
        if any(c.dep_ == "cc" and c.lower_ == "but" for c in clause.children) and any(
                c.dep_ == "conj" and c.pos_ == "VERB" and c.i > word.i for c in clause.children):
            return True
    return False


def answered_for(word: Token) -> bool:
    """A happening named as what someone answers for ("officials responsible for the
    crackdown"): told before or known, not told here (``answerable_adjectives``)."""
    return (word.dep_ == "pobj" and word.head.lower_ == "for"
            and word.head.head.lower_ in modality_words().answerable_adjectives)


def modifies_a_thing(match: TriggerMatch) -> bool:
    """A trigger word that only qualifies another noun, itself no event: "fighter combat
    aircraft", "among allied countries", "an assault rifle", "a refugee-hosting country", or
    that is a word of a name ("rushed to Summit Medical Center")."""
    if len(match.span) > 1:
        return False  # a phrase trigger ("missile strike") is the event itself
    word = match.span[0]
    if match.entry.mode == "territory" and word.head.lower_ == "control":
        return False  # "the army retook control of ...": the verb the tagger took for a noun
    if word.pos_ == "PROPN" and word.ent_type_ in ("ORG", "FAC") and (
        word.i + 1 < len(word.doc) and word.doc[word.i + 1].ent_iob_ == "I"
    ):
        return True  # a word in an institution's or a building's name: "Summit Medical Center"
    if not any(t.pos_ in ("VERB", "AUX") for t in word.sent):
        return False  # a headline parsed as one noun pile: "Warplanes pound rebel positions"
    # (a plural is no modifier: "Hong Kong protests: 800 students under siege" is a headline
    # the parser reads as one noun phrase)
    return word.dep_ in ("compound", "amod") and word.tag_ in ("NN", "JJ", "VBN", "VBG") and (
        word.head.pos_ in ("NOUN", "PROPN")
        # "the blast suspect", "a mediation mission": people and activities named by it
        and word.head.lower_ not in modality_words().role_nouns | modality_words().activity_nouns
    ) and (
        # an adjective describes the thing even where the thing is an event ("opposing demands":
        # the demands, if anything); a noun before an event noun may name its kind ("ceasefire
        # talks"), so there the noun must be no event
        (word.dep_ == "amod" and word.tag_ in ("JJ", "VBG"))
        or not lexicon().find(word.doc[word.head.i : word.head.i + 1])
    )


# relations that open a clause of its own: the climb to a "since" stops there
_OWN_CLAUSE = frozenset({"ROOT", "ccomp", "xcomp", "relcl", "conj", "parataxis", "acl"})


def since_origin(word: Token) -> bool:
    """A happening named as the point a state or a change is measured from: the object of
    "since" ("the first strike since the truce") or in a clause it opens ("prices have tripled
    since the ceasefire began", "hundreds held since the protests erupted"); ``origin_marks``
    in modality.yaml. The trigger's own clause is never its own origin, and an origin told with
a day of the news ("since the army stormed the camp on Monday") is news told as a start
(``origin_news_days``)."""
    vocab = modality_words()
    marks = vocab.origin_marks
    node = word
    for _ in range(6):
        if (node.dep_ == "pobj" and node.head.lower_ in marks) or (
            node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks
                                         for c in node.children)
        ):
            # "since the army stormed the camp on Monday": news told as a start
            return not any(t.lower_ in vocab.origin_news_days for t in node.subtree)
        if node.dep_ in _OWN_CLAUSE or node.head.i == node.i:
            return False
        node = node.head
    return False


def standing_stance(word: Token) -> bool:
    """A verb in the simple present in a clause set beside the news by "though", "while" or
    "whereas" ("inquiries were opened, though Moscow rejects their jurisdiction", "..., while
    Kyiv opposes any deal that cedes land"): a position held, not one taken in the news
    (``contrast_marks`` in modality.yaml)."""
    return word.pos_ == "VERB" and word.tag_ in ("VBZ", "VBP") and word.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in modality_words().contrast_marks for c in word.children
    )
