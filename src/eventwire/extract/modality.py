"""Status and attribution: did it happen, and who says so.

Both walk the dependency path from the trigger up to the sentence root and read the words that
govern it: auxiliaries ("will", "could"), negation, and the verbs that frame an event as planned
("set to", "plans to"), threatened ("threatened to"), denied ("denied that"), or reported
("said", "confirmed", "according to"). The word lists live in ``resources/modality.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..model import Attribution
from ..nlp import span_text
from ..resources import load_yaml

# dependency relations through which a trigger takes the modality of the words above it
_CLAUSE_DEPS = frozenset(
    {"xcomp", "ccomp", "advcl", "acl", "pcomp", "pobj", "prep", "dobj", "conj", "compound",
     "nsubj", "nsubjpass", "attr", "oprd", "agent", "appos", "npadvmod", "amod"}
)  # fmt: skip
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_MAX_HOPS = 5


@dataclass(frozen=True)
class ModalityWords:
    planned_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    planned_verbs: frozenset[str]
    planned_modifiers: frozenset[str]
    threat_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    ongoing_verbs: frozenset[str]
    conditional_marks: frozenset[str]
    negators: frozenset[str]
    reporting_verbs: frozenset[str]
    witness_verbs: frozenset[str]
    light_verbs: frozenset[str]
    container_nouns: frozenset[str]
    commentator_nouns: frozenset[str]
    opposing_verbs: frozenset[str]
    tally_prepositions: frozenset[str]
    tally_stretch_prepositions: frozenset[str]
    tally_stretch_units: frozenset[str]
    tally_stretch_starts: frozenset[str]
    comparison_words: frozenset[str]
    day_parts: frozenset[str]
    habitual_adverbs: frozenset[str]
    habitual_frequency: frozenset[str]
    habitual_time_nouns: frozenset[str]
    example_prepositions: frozenset[str]
    standing_adverbs: frozenset[str]
    trend_verbs: frozenset[str]
    standing_verbs: frozenset[str]
    judging_verbs: frozenset[str]
    need_verbs: frozenset[str]
    topic_nouns: frozenset[str]
    role_nouns: frozenset[str]
    activity_nouns: frozenset[str]
    cessation_verbs: frozenset[str]
    indefinite_determiners: frozenset[str]
    factive_adjectives: frozenset[str]
    prohibiting_verbs: frozenset[str]
    speaker_pronouns: frozenset[str]
    foreboding_words: frozenset[str]
    frame_prepositions: frozenset[str]
    aim_nouns: frozenset[str]
    elapsed_prepositions: frozenset[str]
    setting_prepositions: frozenset[str]
    scene_prepositions: frozenset[str]
    journey_nouns: frozenset[str]
    scene_nouns: frozenset[str]
    scene_participles: frozenset[str]
    presence_verbs: frozenset[str]
    position_types: frozenset[str]
    presupposing_question_words: frozenset[str]
    position_making_prepositions: frozenset[str]
    position_stating_verbs: frozenset[str]
    evasion_verbs: frozenset[str]
    evasion_nouns: frozenset[str]
    answerable_adjectives: frozenset[str]
    contrast_marks: frozenset[str]
    elapsed_units: frozenset[str]
    assent_verbs: frozenset[str]
    negative_subjects: frozenset[str]
    harm_verbs: frozenset[str]
    war_stretch_units: frozenset[str]
    origin_marks: frozenset[str]
    origin_news_days: frozenset[str]


@lru_cache(maxsize=1)
def words() -> ModalityWords:
    data = load_yaml("modality.yaml")
    return ModalityWords(**{key: frozenset(map(str.lower, data[key])) for key in data})


def governors(token: Token) -> list[Token]:
    """The trigger and the words above it whose modality it shares.

    The climb stops at a relative clause (it has its own tense: "the attack that killed three"),
    at a clause set beside it by contrast ("would respond, while Y accused ..."), and
    where a noun is the object of a verb that is not a light verb: "would investigate the
    attack" says nothing of whether the attack happened; "will hold a meeting" does.
    """
    vocab = words()
    chain = [token]
    node = token
    for _ in range(_MAX_HOPS):
        if node.dep_ not in _CLAUSE_DEPS or node.head.i == node.i:
            break
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in vocab.contrast_marks for c in node.children
        ):
            break  # "X would respond, while Y accused ...": set beside it, not under it
        governor = node.head
        if node.dep_ == "pobj" and governor.lower_ == "of" and (
            governor.head.lemma_.lower() in vocab.container_nouns
        ):
            # "the next round of talks", "a new wave of strikes": the round is the talks
            node = governor.head
            chain.append(node)
            continue
        if node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"):
            verb = governor.head if node.dep_ == "pobj" else governor
            if verb.lemma_.lower() not in vocab.light_verbs:
                break
        node = governor
        chain.append(node)
    return chain


def _is_negated(token: Token, vocab: ModalityWords) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in vocab.negators):
            return True
    return False


def _done_to_no_one(verb: Token, vocab: ModalityWords) -> bool:
    """"Nobody has been arrested", "no one was hurt", "none was killed": a verb whose subject
    denies it (its own, not that of a clause above: "no one was hurt in the attack"); not a
    verb of harm, where it counts none ("no one was injured": zero wounded)."""
    if verb.lemma_.lower() in vocab.harm_verbs:
        return False
    return any(
        child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in vocab.negative_subjects
            or (child.lower_ == "one" and _is_negated(child, vocab)))
        for child in verb.children
    )


def framing_of(trigger: Token, sentence: Span) -> str | None:
    """"tally" when the trigger is counted or held over a stretch of time rather than told as
    a happening ("has killed 39,000 since October", "on high alert since the war began", "so
    far this year", "attacks have risen"); "habitual" when it is told as what someone usually
    does ("they usually attack with drones", "shell the town every night"); else ``None``."""
    vocab = words()
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and (
        trigger.head.head.lower_ in vocab.war_stretch_units
    ):
        return "tally"  # "ending five years of fighting": a war's length, not a battle
    clause = [trigger, verb_of(trigger)]
    if any(c.lower_ in vocab.comparison_words for c in trigger.children):
        return None  # "the deadliest attack since 2019": a happening, compared with the past
    if _time_into(trigger, vocab):
        return "tally"  # "three months into the ceasefire": the time it has lasted
    if (trigger.tag_ == "NNS" and trigger.dep_ == "nsubj"
            and trigger.head.lemma_.lower() in vocab.trend_verbs):
        return "tally"  # "attacks on Christians have risen": a trend
    # a stretch of time makes a tally of a clause in the perfect ("have carried out 40 attacks
    # over the past two years"), not of one in the past ("demanded wages for the past months")
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for n in clause for c in n.children)
    for node in clause:
        for child in node.children:
            lower = child.lower_
            if child.dep_ in ("prep", "mark") and lower in vocab.tally_prepositions and not (
                _within_the_day(child, vocab)
            ):
                return "tally"
            if perfect and _stretch(child, vocab):
                return "tally"  # "over the past two years", "so far", "to date"
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in vocab.tally_prepositions for m in child.children
            ):
                return "tally"  # "on high alert since the war began"
            if child.dep_ == "advmod" and lower in vocab.habitual_adverbs:
                return "habitual"
            if child.dep_ == "advmod" and lower in vocab.standing_adverbs and (
                perfect or node.tag_ in _PRESENT_TAGS or node.lemma_ == "be"
                or any(c.dep_ == "auxpass" for c in node.children)
            ):
                # "has repeatedly warned", "have previously launched"; a state held, in any
                # tense: "were already on alert", "is still deployed"
                return "habitual"
            if perfect and child.dep_ == "prep" and lower == "in" and any(
                o.lower_ == "past" and o.dep_ == "pobj" for o in child.children
            ):
                return "habitual"  # "has ruled out in the past"
            if child.dep_ in ("npadvmod", "advmod") and child.lemma_.lower() in (
                vocab.habitual_time_nouns
            ) and any(d.lower_ in vocab.habitual_frequency for d in child.children):
                return "habitual"
    return None


def holds_state(trigger: Token) -> bool:
    """Whether the trigger's clause holds a state in the present rather than telling a deed:
    "humanitarian teams continue to support those affected", "observers remain concerned",
    "groups continue to document abuses, urging accountability" (a participle with no subject
    is told as its clause is)."""
    vocab = words()
    node = trigger
    for _ in range(_MAX_HOPS):
        if node.lemma_.lower() in vocab.standing_verbs and node.tag_ in _PRESENT_TAGS:
            return True
        if (node.dep_ not in _COMPLEMENT_DEPS and not subjectless_participle(node)) or (
            node.head.i == node.i
        ):
            return False
        node = node.head
    return False


def passive_state(trigger: Token) -> bool:
    """Whether a deed is told as a state in the present passive, with no doer: "300,000
    people are cut off from food", "deliveries are blocked". (A stance so told is a statement,
    "Israel is opposed to the plan"; callers ask this of deeds only.)"""
    return trigger.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in _PRESENT_TAGS for c in trigger.children
    ) and not any(c.dep_ == "agent" for c in trigger.children)


def reported_present(trigger: Token) -> bool:
    """Whether a verb trigger in the simple present is what someone said or says is so ("Moscow
    denied the allegations, saying it provides aid to civilians"): a claim of what is usually
    done, not a deed told. (A speech act in the present is made by the saying itself, "said it
    rejects the plan"; callers ask this of deeds only.)"""
    if trigger.tag_ not in _PRESENT_TAGS or trigger.dep_ not in _COMPLEMENT_DEPS:
        return False
    said = trigger.head
    return said.lemma_.lower() in words().reporting_verbs and said.tag_ in ("VBD", "VBG", "VBN")


def names_kind(trigger: Token) -> bool:
    """Whether a noun trigger names a kind of event without telling one: the topic of another
    noun or of an adjective ("prospects for peace talks", "coverage of the meeting", "subject
    to sanctions", "support measures"), an example of a kind ("channels like track-two talks",
    "tools such as sanctions"), or the subject of a verb that judges it ("the
    sanctions have failed"), with no date of its own. See ``resources/modality.yaml``."""
    if trigger.pos_ != "NOUN":
        return False
    if any(t.ent_type_ in ("DATE", "TIME") for t in trigger.subtree):
        return False  # "Friday's talks", "the meeting on Monday"
    if any(c.dep_ in ("acl", "relcl") and c.tag_ in ("VBD", "VBN") for c in trigger.children):
        return False  # "agreements reached during the tour": a clause tells it happened
    vocab, dep, head = words(), trigger.dep_, trigger.head
    if dep == "compound":
        return head.lower_ in vocab.topic_nouns  # "support measures", "aid workers"
    if dep == "pobj" and head.lower_ in vocab.example_prepositions and (
        head.lower_ != "as" or any(c.lower_ == "such" for c in head.children)
        or head.nbor(-1).lower_ == "such"
    ):
        return True  # "channels like track-two talks", "tools such as sanctions": a kind
    if dep == "pobj":
        above = head.head  # "prospects for talks", "subject to sanctions"
        return above.pos_ == "ADJ" or above.lower_ in vocab.topic_nouns
    if dep == "nsubjpass" and head.lemma_.lower() in vocab.need_verbs:
        return True  # "additional support will be needed": lacking, not given
    if dep in ("nsubj", "nsubjpass"):
        return head.lemma_.lower() in vocab.judging_verbs
    return False


def quoted_opinion(trigger: Token, sentence: Span) -> bool:
    """Whether the trigger sits inside a direct quote that is not the speaker telling what they
    do: news quotes people for their view ("'It is time for an unconditional ceasefire'",
    "'Humanitarian teams continue to support those affected'") and tells the happenings in its
    own voice. "'We reiterate our call for ...'" and "'we are working to deliver food'" are
    the speaker's own deed, and a demand ("'Moscow must pay'") the speaker's own words: both
    stand."""
    if trigger.dep_ == "aux" or not _inside_quote(
        trigger.idx - sentence.start_char, span_text(sentence)
    ):
        return False
    speakers = words().speaker_pronouns
    node = trigger
    for _ in range(_MAX_HOPS):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject.lower_ not in speakers
        if node.head.i == node.i:
            break
        node = node.head
    return True


def commentary(trigger: Token) -> bool:
    """Whether the trigger's subject is commentators no one names ("critics accusing Trump of
    being manipulated", "analysts warned"): news gives their view, no one's deed."""
    subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in words().commentator_nouns:
        return False
    return not any(c.pos_ == "PROPN" or c.dep_ == "poss" for c in subject.subtree if c != subject)


def _inside_quote(at: int, text: str) -> bool:
    """Whether ``text[at]`` lies between an opening quotation mark and its closing one (or the
    end of the sentence, for a quote that runs on)."""
    before = text[:at]
    curly = before.count("“") - before.count("”")
    return curly > 0 or before.count('"') % 2 == 1


def _within_the_day(since: Token, vocab: ModalityWords) -> bool:
    """Whether "since" counts from a time of the same day ("killed since early morning",
    "since the start of the day", "since midnight"): a day's report, as wires and war bulletins
    give them, not a tally over months ("since October", "since the war began")."""
    words_ = [t for t in since.subtree if t.i != since.i]
    said = [t.lower_ for t in words_]
    # (a number makes it a day of a longer count: "since day one", "since the 3rd day")
    return any(w in vocab.day_parts for w in said) and not any(
        w in vocab.tally_stretch_units or w in vocab.war_stretch_units for w in said
    ) and not any(t.like_num or t.pos_ == "NUM" for t in words_)


def _stretch(child: Token, vocab: ModalityWords) -> bool:
    """Whether a dependent of the trigger's clause is a stretch of time: "over the past two
    years", "in the last months", "so far", "to date"."""
    lower = child.lower_
    if child.dep_ == "advmod" and lower == "far":
        return any(c.lower_ == "so" for c in child.children)
    if child.dep_ != "prep":
        return False
    objects = [c for c in child.children if c.dep_ == "pobj"]
    if lower == "to":
        return any(o.lower_ == "date" for o in objects)
    return lower in vocab.tally_stretch_prepositions and any(
        o.lower_ in vocab.tally_stretch_units
        and any(c.lower_ in vocab.tally_stretch_starts for c in o.children)
        for o in objects
    )


def _cessation(trigger: Token, vocab: ModalityWords) -> str | None:
    """The status of a trigger a verb of stopping governs ("cease the bombing", "stop
    shooting"): negated when the stopping is demanded, planned or imagined, occurred when it
    was done (what was stopped had happened); ``None`` when no such verb governs it."""
    if trigger.dep_ not in ("dobj", "xcomp") or trigger.head.i == trigger.i:
        return None
    verb = trigger.head
    if verb.lemma_.lower() not in vocab.cessation_verbs:
        return None
    return "occurred" if status_of(verb, trigger.sent) == "occurred" else "negated"


def _presupposes(question: Span, vocab: ModalityWords) -> bool:
    """Whether a question takes its happening as told and asks about it ("Why was a farmer
    shot in his field?", "Who is behind the attack on the convoy?"), as a yes-or-no question
    ("Was the farmer shot?") or "what if" does not."""
    words = [t.lower_ for t in question if t.is_alpha]
    return len(words) > 1 and words[0] in vocab.presupposing_question_words and words[1] != "if"


def status_of(trigger: Token, sentence: Span) -> str:
    """One of occurred, ongoing, planned, threatened, hypothetical, denied, negated."""
    vocab = words()
    if any(a.lower_ == "without" for a in list(trigger.ancestors)[:3]):
        return "negated"  # "took over the barracks without a shot being fired"
    stopped = _cessation(trigger, vocab)
    if stopped is not None:
        return stopped
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "det" and c.lower_ in vocab.indefinite_determiners for c in trigger.children
    ) and any(
        c.dep_ == "aux" and c.lower_ in vocab.hypothetical_aux | vocab.planned_aux
        for c in trigger.head.children
    ):
        return "hypothetical"  # "a pre-emptive strike would", "any attack will be met"
    if trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "any"
                                      for c in trigger.children):
        return "hypothetical"  # "as part of any peace agreement": whichever may come
    if span_text(sentence).rstrip(" \"'”’)").endswith("?") and not _presupposes(sentence, vocab):
        return "hypothetical"  # a question asks whether it happened
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("of", "about") and (
        trigger.head.head.lemma_.lower() in vocab.foreboding_words
    ):
        return "threatened"  # "intelligence warned of an attack", "fears of a new offensive"
    chain = governors(trigger)
    for depth, node in enumerate(chain):
        lemma = node.lemma_.lower()
        below = chain[depth - 1].dep_ if depth else ""
        auxes = [c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")]
        unreal = _infinitive_status(node, vocab)
        if unreal is not None:
            return unreal
        if depth and lemma in vocab.denial_verbs:
            return "denied"
        if depth and lemma in vocab.threat_verbs and below in _COMPLEMENT_DEPS:
            return "threatened"
        if (depth <= 1 and _is_negated(node, vocab)) or (
            depth == 0 and _done_to_no_one(node, vocab)
        ):
            return "negated"
        if any(a in vocab.planned_aux for a in auxes) or _reported_future(node, auxes, vocab):
            return "planned"  # "will deploy"; "announced it would deploy": the future, reported
        if any(a in vocab.hypothetical_aux for a in auxes):
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in vocab.conditional_marks for c in node.children):
            return "hypothetical"
        if node.pos_ == "NOUN" and any(
            c.dep_ == "amod" and c.lower_ in vocab.planned_modifiers for c in node.children
        ):
            return "planned"
        if depth and below in _COMPLEMENT_DEPS:
            if lemma in vocab.planned_verbs:
                return "planned"
            if lemma in vocab.ongoing_verbs:
                return "ongoing"
        if depth and below == "prep" and chain[depth - 1].lower_ == "for" and (
            lemma in vocab.planned_verbs
        ):
            return "planned"  # "called for further demonstrations": what is asked for
        if below == "acl" and chain[depth - 1].tag_ == "VB":
            # "the decision to deploy troops": planned; "an effort to end the war": an aim
            return "hypothetical" if lemma in vocab.aim_nouns else "planned"
    return "occurred"


def _time_into(trigger: Token, vocab: ModalityWords) -> bool:
    """A trigger named to tell how long it has lasted: "three months into the ceasefire", "two
    years into the war"."""
    into = trigger.head
    if trigger.dep_ != "pobj" or into.lower_ not in vocab.elapsed_prepositions:
        return False
    return any(t.lemma_.lower() in vocab.elapsed_units
               for t in (into.head, *(c for c in into.children if c.dep_ == "npadvmod")))


def in_setting(head: Token) -> bool:
    """A noun trigger named as the time or setting of its clause's deed ("detained 30 people
    during the protest"): the clause's subject is not its doer."""
    return head.dep_ == "pobj" and head.head.lower_ in words().setting_prepositions


def subjectless_participle(node: Token) -> bool:
    """A participle clause with no subject or subordinator of its own ("Speaking in Geneva,
    ...", "..., deploying 71 missiles"): it tells how or as whom the clause above acted."""
    return node.dep_ == "advcl" and node.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in node.children
    )


def _infinitive_status(trigger: Token, vocab: ModalityWords) -> str | None:
    """The status of a to-infinitive its own governor leaves undone: a disposition ("eager to
    withdraw", "ready to talk"), a prohibition ("forbidden to cede"), an arrangement ("is to
    host the drills"), what is yet to come ("has yet to respond": negated) or a manner ("how
    to defend"). ``None`` where the governor decides elsewhere ("able to repel", "forced to
    flee", "plans to attack")."""
    if trigger.pos_ != "VERB" or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children
    ):
        return None
    if any(c.dep_ == "advmod" and c.tag_ in ("WRB", "WP") for c in trigger.children):
        return "hypothetical"  # "training on how to defend against chemical weapons"
    governor = trigger.head
    if (
        trigger.dep_ in ("xcomp", "advcl")
        and governor.lemma_.lower() in vocab.need_verbs
        and any(c.dep_ == "auxpass" for c in governor.children)
    ):
        return "hypothetical"  # "more funds will be needed to support the returnees": a need
    if trigger.dep_ != "xcomp":
        return None
    governor = trigger.head
    if any(c.dep_ == "advmod" and c.lower_ == "yet" for c in governor.children):
        return "negated"  # "Moscow is yet to receive an offer", "Hamas has yet to respond"
    if governor.pos_ == "ADJ" and governor.lower_ not in vocab.factive_adjectives:
        return "hypothetical"
    if governor.lemma_.lower() in vocab.prohibiting_verbs:
        return "negated"
    if governor.lemma_ == "be" and governor.pos_ == "AUX":
        return "planned"
    return None


def _reported_future(node: Token, auxes: list[str], vocab: ModalityWords) -> bool:
    """"would" in a clause a verb of saying reports, with no condition: the future as the
    speaker put it ("the US announced it would prohibit all aid"), not a supposition ("it would
    be a mistake if ...")."""
    if "would" not in auxes or node.dep_ != "ccomp" or node.head.i == node.i:
        return False
    if any(c.dep_ == "mark" and c.lower_ in vocab.conditional_marks for c in node.children):
        return False
    if any(c.dep_ == "advcl" and any(m.lower_ in vocab.conditional_marks for m in c.children)
           for c in node.children):
        return False  # "said it would help if it is attacked"
    return node.head.lemma_.lower() in vocab.reporting_verbs


def verb_of(head: Token) -> Token:
    """The verb whose clause a trigger sits in: itself, the verb under "must", or the verb that
    takes a noun trigger as object ("declared a ceasefire", "remained on alert")."""
    node = head
    for _ in range(3):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            return node
        if node.dep_ in ("aux", "auxpass", "dobj", "attr", "oprd", "pobj", "prep", "acomp"):
            node = node.head
        else:
            break
    return node


def tells_of(verb: Token) -> bool:
    """A verb whose subject reports or witnesses what its object names ("monitors recorded
    explosions", "police reported a shooting"): that subject is a source, not the doer."""
    vocab, lemma = words(), verb.lemma_.lower()
    return lemma in vocab.reporting_verbs or lemma in vocab.witness_verbs


def attribution_of(trigger: Token, sentence: Span) -> Attribution | None:
    """Who the sentence says reports the event: "X said/confirmed that ...", "according to X",
    "X observed/recorded <the event>"."""
    vocab = words()
    for token in sentence[:-1]:
        if token.lower_ == "according" and token.nbor(1).lower_ == "to":
            objs = [t for t in token.nbor(1).children if t.dep_ == "pobj"]
            if objs:
                phrase = token.doc[objs[0].left_edge.i : objs[0].right_edge.i + 1]
                return Attribution(text=phrase.text, verb="according to")
    for node in governors(trigger)[1:]:
        if node.lemma_.lower() in vocab.reporting_verbs and node.pos_ in ("VERB", "AUX"):
            found = _told_by(node, ("nsubj", "nsubjpass"))
            if found is not None:
                return found
    verb = verb_of(trigger)  # "observed a total of 57 explosions": the verb that tells of it
    if verb is not trigger and verb.pos_ == "VERB" and tells_of(verb):
        return _told_by(verb, ("nsubj",))
    return None


def _told_by(verb: Token, deps: tuple[str, ...]) -> Attribution | None:
    """The subject of a reporting or witnessing verb, as the attribution it makes."""
    subject = next((c for c in verb.children if c.dep_ in deps), None)
    if subject is None:
        return None
    phrase = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    return Attribution(text=phrase.text, verb=verb.text)
