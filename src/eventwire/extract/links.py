"""Which mentions of one article tell the same happening: the discourse of news.

The second stage of assembly. Mentions are read in text order; each joins the latest happening
already told whose fields it agrees with (``happening.same_happening``, the one rule shared
with incident clustering across articles) unless the discourse sets it apart: news tells one
happening over many sentences and names a new place, date or doer when it moves on. A mention
that refers back ("the attack", "it") joins at any distance; one that says it is another
("another attack", "Separately, ...") joins only a happening it agrees with on enough to be it;
a sentence that only counts the dead joins the event just told. Vocabulary and reach:
``resources/links.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..clean import SENTENCE
from ..memo import per_document
from ..model import Document, Event
from ..nlp import span_text
from ..resources import load_yaml
from .choice import primary_match
from .happening import (
    conflict,
    families_compatible,
    family,
    same_happening,
    same_speaker,
    statuses_compatible,
)
from .happening import rules as happening_rules
from .mentions import VIOLENT_TYPES, Mention, stands_alone


@dataclass(frozen=True)
class LinkWords:
    anaphoric_determiners: frozenset[str]
    event_pronouns: frozenset[str]
    elaborating_verbs: frozenset[str]
    new_happening_modifiers: frozenset[str]
    new_happening_adverbs: frozenset[str]
    shot_count_adverbs: frozenset[str]
    charge_words: frozenset[str]
    new_happening_openers: tuple[str, ...]
    adjacent_gap: int
    reach_paragraphs: int
    sentences_per_paragraph: int
    weak_location_bases: frozenset[str]
    locative: re.Pattern[str]
    care_place: re.Pattern[str]
    series_modifiers: frozenset[str]
    side_sectors: frozenset[str]
    subtitle_words: int
    sole_antecedent_days: int
    joint_types: frozenset[str]
    interception_lemmas: frozenset[str]
    munitions: frozenset[str]
    hit_verbs: frozenset[str]
    remote_attack_modes: frozenset[str]
    close_range_modes: frozenset[str]
    answer_types: frozenset[str]
    answer_determiners: frozenset[str]
    answered_types: frozenset[str]
    answer_reach_paragraphs: int


@lru_cache(maxsize=1)
def link_words() -> LinkWords:
    data = load_yaml("links.yaml")
    return LinkWords(
        anaphoric_determiners=frozenset(map(str.lower, data["anaphoric_determiners"])),
        event_pronouns=frozenset(map(str.lower, data["event_pronouns"])),
        elaborating_verbs=frozenset(map(str.lower, data["elaborating_verbs"])),
        new_happening_modifiers=frozenset(map(str.lower, data["new_happening_modifiers"])),
        new_happening_adverbs=frozenset(map(str.lower, data["new_happening_adverbs"])),
        shot_count_adverbs=frozenset(map(str.lower, data["shot_count_adverbs"])),
        charge_words=frozenset(map(str.lower, data["charge_words"])),
        new_happening_openers=tuple(str(w).lower() for w in data["new_happening_openers"]),
        adjacent_gap=int(data["adjacent_gap"]),
        reach_paragraphs=int(data["reach_paragraphs"]),
        sentences_per_paragraph=int(data["sentences_per_paragraph"]),
        weak_location_bases=frozenset(map(str, data["weak_location_bases"])),
        series_modifiers=frozenset(map(str.lower, data["series_modifiers"])),
        side_sectors=frozenset(map(str, data["side_sectors"])),
        subtitle_words=int(data["subtitle_words"]),
        sole_antecedent_days=int(data["sole_antecedent_days"]),
        joint_types=frozenset(map(str, data["joint_types"])),
        interception_lemmas=frozenset(map(str.lower, data["interception_lemmas"])),
        munitions=frozenset(map(str.lower, data["munitions"])),
        hit_verbs=frozenset(map(str.lower, data["hit_verbs"])),
        remote_attack_modes=frozenset(map(str, data["remote_attack_modes"])),
        close_range_modes=frozenset(map(str, data["close_range_modes"])),
        answer_types=frozenset(map(str, data["answer_types"])),
        answer_determiners=frozenset(map(str.lower, data["answer_determiners"])),
        answered_types=frozenset(map(str, data["answered_types"])),
        answer_reach_paragraphs=int(data["answer_reach_paragraphs"]),
        care_place=re.compile(
            r"\b(?:" + "|".join(map(re.escape, data["care_verbs"])) + r")\s+(?:at|to)\b[^.;!?]*$",
            re.IGNORECASE,
        ),
        locative=re.compile(
            r"\b(?:" + "|".join(map(re.escape, data["locative_prepositions"])) + r")\s+"
            r"(?:the\s+)?(?:[\w'-]+\s+){0,3}$",
            re.IGNORECASE,
        ),
    )


@dataclass
class Happening:
    """The mentions of one happening so far, and the event they make together."""

    mentions: list[Mention]
    event: Event


def link(
    mentions: list[Mention],
    document: Document,
    merge: Callable[[list[Mention]], Event],
) -> list[Happening]:
    """The happenings of an article, each with its mentions, in order of first telling.

    ``merge`` makes one event of a happening's mentions (``assemble.merge``); links compare a
    new mention with that event, so a happening placed by one sentence and dated by another
    is compared on both.
    """
    happenings: list[Happening] = []
    paragraph = paragraph_finder(document)
    compare = Comparables(document)
    for mention in mentions:
        if sums_up(mention):
            continue  # "recent missile attacks": a series, not a happening
        target = _target(mention, happenings, compare, paragraph)
        if target is None:
            if stands_alone(mention):
                happenings.append(Happening([mention], merge([mention])))
            continue
        target.mentions.append(mention)
        target.event = merge(target.mentions)
    return happenings


def named_another(mention: Mention) -> bool:
    """Whether the trigger is named as another happening ("another shooting", "a second
    attack"); adverbs are left out here ("shot once", "fired again" tell shots, not events)."""
    modifiers = link_words().new_happening_modifiers
    return any(child.dep_ in ("amod", "det", "nummod") and child.lower_ in modifiers
               for match in mention.matches for child in match.head.children)


def _target(
    mention: Mention,
    happenings: list[Happening],
    compare: Comparables,
    paragraph: Callable[[int], int],
) -> Happening | None:
    """The happening ``mention`` retells, or ``None`` when it tells a new one."""
    words = link_words()
    if mention.counts_only:
        for happening in reversed(happenings):
            gap = mention.start - happening.mentions[-1].end
            if happening.event.type in VIOLENT_TYPES and 0 <= gap <= words.adjacent_gap:
                return happening  # "1 fatality." right after the event it counts
    answered = _answered(mention, happenings, compare, paragraph)
    if answered is not None:
        return answered  # "Moscow has denied such allegations": the accusation's answer
    referring = refers_back(mention)
    another = tells_another(mention)
    titled = is_subtitle(mention, compare.document)
    threshold = happening_rules().same_threshold
    here = paragraph(mention.start)
    own = compare(mention.event)
    placed = own.location is not None  # the mention's own sentence names where
    start = mention.start
    own_family = family(own)  # comparable() keeps an event's type and ACLED type: its family
    antecedent = referring and not another
    for happening in reversed(happenings):
        if any(m.start == start for m in happening.mentions):
            continue  # one sentence's events of two types are two events (choice.py chose)
        if (
            not another
            and here - paragraph(happening.mentions[-1].start) <= words.reach_paragraphs
            and _stops_or_is_attack(mention, happening)
        ):
            return happening  # "Russia launched 71 missiles ... 38 were shot down": one attack
        if not antecedent and not families_compatible(family(happening.event), own_family):
            continue  # same_happening is 0.0 ("family"), and only an anaphor looks further
        told_as = _told_as(happening, compare)
        score = same_happening(told_as, own, by_admin1=True)
        if score <= 0.0:
            if referring and not another and _sole_antecedent(mention, happening, happenings,
                                                                told_as, own):
                return happening  # "The shooting happened at 4410 Oak Street"
            continue
        if score >= threshold:
            return happening
        if titled and not referring:
            continue  # a digest's or a live blog's subtitle opens an item of its own
        if referring and not another and happening.event.type == mention.event.type:
            return happening  # "the attack", "the talks", "the meeting": the one just told
        told = paragraph(happening.mentions[-1].start)
        # deeds are told over many sentences; words are each their own statement unless they
        # agree with one on enough to be it, refer back to it, or are the same speaker's same
        # kind of statement told on ("DiCarlo called for ... She also called for ..."), or the
        # same kind told on with no speaker of its own ("The text also calls for ..."); talks
        # are all their parties' at once, so told again naming another party they are the same
        # talks ("Zelensky met Sunak ... Sunak said after the talks")
        if mention.event.type not in VIOLENT_TYPES:
            if (
                not another
                and happening.event.type == mention.event.type
                and (same_speaker(told_as, own) or own.actor is None
                     or mention.event.type in words.joint_types)
                and here - told <= words.reach_paragraphs
            ):
                return happening
            continue
        if referring and not another:
            return happening
        # two places that do not agree (one unresolved, or only the country): two happenings
        apart = placed and told_as.location is not None
        if not (another or apart or _new_side(own, told_as)) and (
            here - told <= words.reach_paragraphs
        ):
            return happening
    if another:
        return None
    return _sole_of_its_kind(mention, happenings, compare, own)


def _answered(
    mention: Mention,
    happenings: list[Happening],
    compare: Comparables,
    paragraph: Callable[[int], int],
) -> Happening | None:
    """The happening a rejection or a denial answers: the claim or the demand told just before
    it, which its object points back at ("Kyiv has firmly rejected this demand", "Moscow has
    denied such allegations"). News tells the answer with what it answers, as one story; the
    same party's own words told on are not an answer (``same_speaker``)."""
    words = link_words()
    if mention.counts_only or not answers_back(mention):
        return None
    latest: tuple[Mention, Happening] | None = None
    for happening in happenings:
        for told in happening.mentions:
            if told.start < mention.start and (latest is None or told.start > latest[0].start):
                latest = (told, happening)
    if latest is None:
        return None
    told, happening = latest
    if told.event.type not in words.answered_types or not statuses_compatible(
        told.event.status, mention.event.status
    ):
        return None
    if paragraph(mention.start) - paragraph(told.start) > words.answer_reach_paragraphs:
        return None
    if same_speaker(compare(told.event), compare(mention.event)):
        return None
    return happening


def answers_back(mention: Mention) -> bool:
    """Whether a rejection or a denial's object points back at what was told ("denied such
    allegations", "rejected this demand", "these claims were denied")."""
    words = link_words()
    if mention.event.type not in words.answer_types:
        return False
    for match in mention.matches:
        objects = [c for c in match.head.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += [g for c in match.head.children if c.dep_ == "prep"
                    for g in c.children if g.dep_ == "pobj"]
        if any(d.dep_ in ("det", "amod", "predet") and d.lower_ in words.answer_determiners
               for o in objects for d in o.children):
            return True
    return False


def _sole_of_its_kind(
    mention: Mention, happenings: list[Happening], compare: Comparables, own: Event
) -> Happening | None:
    """The one violent happening of the mention's kind the article has told, where the mention
    tells nothing that sets it apart: local news tells its one shooting first, then the victim,
    the suspect, the arrest, the neighbours, however far down ("The fourth woman, who was shot
    in the arm, was taken to ..." ten paragraphs after the lead), and a line of its own (a
    photo's caption, a video's title, "Vigil held for girl slain in shooting") retells it. A
    place, a day or a doer of its own that does not agree (places compared by their distance,
    not their state), or a second happening of its kind told already (a digest, a live blog),
    keeps it apart. Only
    deeds done at close range (``close_range_modes``: a shooting, a stabbing) are so told: war
    news tells strikes and battles by the dozen, each in a sentence or two."""
    kind, status = mention.event.type, mention.event.status
    close = link_words().close_range_modes
    if kind not in VIOLENT_TYPES or mention.counts_only or mention.event.mode not in close | {None}:
        return None
    same = [h for h in happenings
            if h.event.type == kind and statuses_compatible(h.event.status, status)]
    if len(same) != 1 or same[0].event.mode not in close:
        return None
    if own.date is not None and not _dated_here(mention):
        own = own.model_copy(update={"date": None})
    if same_happening(_told_as(same[0], compare), own) <= 0.0:
        return None
    return same[0]


def is_interception(mention: Mention) -> bool:
    """Whether the mention tells munitions stopped in flight ("air defences shot down 38
    missiles", "some drones were intercepted"): the defence against an attack, not a deed of
    its own when the article tells the attack."""
    if mention.event.type != "COERCE" or mention.event.mode != "disrupt":
        return False
    words = link_words()
    for match in mention.matches:
        if " ".join(match.entry.lemmas).lower() not in words.interception_lemmas:
            continue
        head = match.head
        if any(c.dep_ in ("advcl", "conj") and c.lemma_.lower() in words.hit_verbs
               for c in head.children):
            return False  # "some were intercepted, while others struck ...": the strike told
        stopped = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        stopped += [c for t in stopped for c in t.conjuncts]
        if any(t.lemma_.lower() in words.munitions for t in stopped):
            return True  # missiles, drones: not a helicopter or a jet with its crew
    return False


def _remote_attack(event: Event) -> bool:
    return event.type == "ASSAULT" and event.mode in link_words().remote_attack_modes


def _stops_or_is_attack(mention: Mention, happening: Happening) -> bool:
    """Whether ``mention`` and ``happening`` are a strike from afar and its interception, in
    either order: news tells one attack by what was launched, what was shot down and what
    hit. A place each names that does not agree keeps them apart ("drones downed over Kursk"
    is no part of a strike on Kharkiv)."""
    told = happening.event
    stops = is_interception(mention)
    if stops:
        pair = _remote_attack(told)
    elif _remote_attack(mention.event) and mention.event.status in ("occurred", "ongoing"):
        pair = all(is_interception(m) for m in happening.mentions)
    else:
        return False
    if not pair or told.status not in ("occurred", "ongoing"):
        return False
    stopper = (mention if stops else happening.mentions[-1]).event.actor
    attacker = told.actor if stops else mention.event.actor
    if stopper is not None and attacker is not None and stopper.country == attacker.country:
        return False  # no side shoots down its own strike: the other side's attack
    ours, theirs = mention.event.location, told.location
    own = ("text", "sentence")
    if ours is None or theirs is None or ours.basis not in own or theirs.basis not in own:
        return True
    return ours.country == theirs.country


def _sole_antecedent(
    mention: Mention, happening: Happening, happenings: list[Happening], told: Event, own: Event
) -> bool:
    """Whether a violent mention that refers back ("the shooting", "Sunday's shooting") can
    only mean ``happening``, the one violent happening of its type told so far, whatever place
    or date its own sentence gives: local news names the street, the block or the building
    after the town ("The shooting happened in the 1600 block of ...", "Officers were called to
    the shooting at ..."), and a weekday read against the wrong day, or the gazetteer's
    namesake of a street or a neighbourhood ("Algiers", "the West Bank" of a US city), is no
    second shooting. So are talks that refer back ("the talks held on Friday and Saturday")
    when the talks told so far were dated by their report ("..., an official said Monday"). A
    doer, a status, a kind or a toll of its own still sets it apart. Only
    happenings of a status it could be count: "the child may have shot himself" imagines no
    second shooting that "during the shooting" could mean."""
    kind, status = mention.event.type, mention.event.status
    if kind not in VIOLENT_TYPES + tuple(link_words().joint_types) or (
        happening.event.type != kind
    ):
        return False
    if sum(h.event.type == kind and statuses_compatible(h.event.status, status)
           for h in happenings) != 1:
        return False
    if told.date is not None and own.date is not None and not _borrowed_date(mention) and (
        abs((told.date.value - own.date.value).days) > link_words().sole_antecedent_days
    ):
        return False  # "last year's nightclub shooting": another one, however told
    if told.killed is not None and own.killed is not None and told.killed.value != own.killed.value:
        return False  # "the attack that killed 12" is not the shootout that killed its doer
    unplaced = {"location": None, "date": None}
    return conflict(told.model_copy(update=unplaced), own.model_copy(update=unplaced)) is None


def _dated_here(mention: Mention) -> bool:
    """Whether the mention's date is one its own sentence gives: a sentence that names no day
    ("Officials say the shooting was unintentional") takes the latest day told before it,
    which may be the day of an arrest or an announcement, not of the deed."""
    when = mention.event.date
    return when is not None and bool(when.text) and when.text in span_text(mention.sentence)


def _borrowed_date(mention: Mention) -> bool:
    """Whether a noun that refers back takes its date from another deed's clause: "Police said
    Thursday they arrested the gunman in the shooting" dates the arrest, not "the shooting". A
    date inside the noun's phrase ("Sunday's shooting", "the shooting on March 3") or of the
    verb it is the subject of ("the shooting happened Friday") is its own."""
    head = primary_match(mention.matches).head
    if head.pos_ != "NOUN" or head.dep_ in ("nsubj", "nsubjpass"):
        return False
    first, last = head.left_edge.i, head.right_edge.i
    return not any(ent.label_ == "DATE" and first <= ent.start and ent.end - 1 <= last
                   for ent in mention.sentence.ents)


def _told_as(happening: Happening, compare: Comparables) -> Event:
    """The happening as told so far, comparable with a new mention: where the place it was
    merged with is not one the text introduces as a place ("Manhattan Blast Suspect
    Arrested"), the latest place one of its mentions does introduce ("in Manhattan")."""
    told = compare(happening.event)
    if told.location is not None or happening.event.location is None:
        return told
    for mention in reversed(happening.mentions):
        placed = compare(mention.event).location
        if placed is not None:
            return told.model_copy(update={"location": placed})
    return told


def _new_side(own: Event, told: Event) -> bool:
    """Whether the mention names a state or armed side as its doer that the happening told so
    far does not ("One person was injured [in Ukraine's drone attack on Slavyansk]. Russian
    forces launched 138 drones at Ukraine overnight": another attack)."""
    doer = own.actor
    if doer is None or doer.basis != "text" or not doer.country:
        return False
    if doer.sector not in link_words().side_sectors:
        return False
    return told.actor is None or told.actor.country != doer.country


class Comparables:
    """``comparable`` of one article's events, each computed once: a happening is compared with
    every mention told after it (the memo holds each event, so that its id stays its own)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.memo: dict[int, tuple[Event, Event]] = {}

    def __call__(self, event: Event) -> Event:
        found = self.memo.get(id(event))
        if found is None or found[0] is not event:
            found = self.memo[id(event)] = (event, comparable(event, self.document))
        return found[1]


def comparable(event: Event, document: Document) -> Event:
    """The event with only the place and date its text gives: a place found by falling back
    to the dateline or the article's most-named place says nothing of where this mention was,
    and neither does a name not introduced as a place ("in", "at", "near": "Hudson" in
    "Marquise Hudson, 2, was shot" is a boy); the publication date says nothing of when. A
    doer a pronoun stands for ("she said") is named: links run before the article lends
    unnamed doers one (``context.fill_from_context``), so "article" is an anaphor's here."""
    update: dict = {}
    if event.actor is not None and event.actor.basis == "article":
        update["actor"] = event.actor.model_copy(update={"basis": "text"})
    if event.date is not None and event.date.basis == "published":
        update["date"] = None  # dated only by publication: the text says nothing of when
    location = event.location
    if location is not None:
        words = link_words()
        weak = location.basis in words.weak_location_bases
        if not weak and location.start is not None:
            # the text before the place, or inside a chain the place ends ("a run called
            # Seaside Semper Five in Seaside Park"), introduces it as where
            before = document.text[max(0, location.start - 40) : location.start]
            chain = (location.text or "").rsplit(" ", 1)[0] + " "
            weak = not (words.locative.search(before) or words.locative.search(chain))
            # "taken to Advocate Christ Medical Center in Oak Lawn, where he later died",
            # "pronounced dead at Northwestern": where a victim was treated or died, not where
            # the shooting was ("dead at the scene in Johnstown" is where it was)
            care = words.care_place.search(document.text[max(0, location.start - 80) :
                                                         location.start])
            weak = weak or (care is not None and "scene" not in care.group(0).lower())
        if weak:
            update["location"] = None
    return event.model_copy(update=update) if update else event


def is_subtitle(mention: Mention, document: Document) -> bool:
    """Whether the mention's sentence is a line of its own, short and with no closing stop: a
    subtitle ("Myanmar's Rohingya called 'Muslim dogs' before attacks") that opens an item of
    a digest or a live blog, not the story told above it."""
    text = document.text
    start, end = mention.start, mention.end
    line = text[start:end].strip()
    return (
        (start == 0 or text[start - 1] == "\n")
        and (end >= len(text) or text[end] == "\n")
        and len(line.split()) <= link_words().subtitle_words
        and not line.endswith((".", "!", "?", ":", ";", '"', "”", "’", "'", ")"))
    )


def refers_back(mention: Mention) -> bool:
    """Whether the trigger refers to an event already told: "the attack", "this strike",
    "Sunday's shooting", "it happened", "the shooting occurred", "this includes delivering"."""
    if mention.counts_only:
        return False
    words = link_words()
    for match in mention.matches:
        head = match.head
        if head.pos_ == "NOUN" and _charged_crime(head, words.charge_words):
            return True
        if head.pos_ in ("NOUN", "PROPN"):
            for child in head.children:
                if child.dep_ in ("det", "poss") and child.lower_ in words.anaphoric_determiners:
                    return True
                if child.dep_ == "poss" and child.ent_type_ in ("DATE", "TIME"):
                    return True  # "Sunday's shooting"
        elif head.pos_ in ("VERB", "AUX"):
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in words.event_pronouns:
                    return True
        if _elaborates(head, words):
            return True  # "This includes delivering hot meals": a part of what was told
    return False


def _elaborates(head: Token, words: LinkWords) -> bool:
    """Whether the trigger is the object or the clause of a verb of including whose subject is
    a pronoun standing for what was just told ("This includes delivering hot meals", "It
    involved shelling the town")."""
    verb = head.head
    if head.dep_ not in ("dobj", "xcomp", "ccomp") or verb.i == head.i:
        return False
    return verb.lemma_.lower() in words.elaborating_verbs and any(
        c.dep_ == "nsubj" and c.lower_ in words.event_pronouns for c in verb.children
    )


def _charged_crime(head: Token, charge_words: frozenset[str]) -> bool:
    """Whether a violent noun names the crime of a charge, a plea or a verdict ("faces a charge
    of murder", "charged with murder", "guilty of manslaughter", "murder charges"): the deed the
    article has told, named by the law, not one of its own."""
    if head.dep_ == "compound":
        return head.head.lemma_.lower() in charge_words
    if head.dep_ != "pobj" or head.head.dep_ != "prep":
        return False
    return head.head.head.lemma_.lower() in charge_words


def tells_another(mention: Mention) -> bool:
    """Whether the sentence says this is another happening than one told before: "another
    attack", "a second shooting", "Separately, ...", "Elsewhere, ..."."""
    words = link_words()
    if named_another(mention) or any(
        child.dep_ == "advmod" and child.lower_ in words.new_happening_adverbs
        and not (child.lower_ in words.shot_count_adverbs and child.i > match.head.i)
        for match in mention.matches for child in match.head.children
    ):
        return True
    opening = span_text(mention.sentence).lstrip(" \"“‘(").lower()
    return any(
        opening.startswith(opener) and not opening[len(opener) : len(opener) + 1].isalpha()
        for opener in words.new_happening_openers
    )


def sums_up(mention: Mention) -> bool:
    """Whether the trigger sums up a series of happenings rather than telling one: a noun
    whose modifier says they recur ("recent attacks", "daily shelling", "repeated strikes")."""
    if mention.counts_only:
        return False
    head = primary_match(mention.matches).head
    if head.pos_ != "NOUN":
        return False
    series = link_words().series_modifiers
    return any(c.dep_ == "amod" and c.lower_ in series for c in head.children)


def paragraph_of(document: Document, offset: int) -> int:
    """How many paragraphs into the article ``offset`` lies (see ``paragraph_finder``)."""
    return paragraph_finder(document)(offset)


def paragraph_finder(document: Document) -> Callable[[int], int]:
    """``paragraph_of`` for many offsets of one document: a bisection over the paragraphs'
    starts (their running maximum, so that the answer is the same for any order).

    Reach is measured in paragraphs because news moves on from one paragraph to the next. A
    paragraph longer than reach in sentences (``reach_paragraphs`` times
    ``sentences_per_paragraph``: a scraped page or a long text on one line, where the breaks
    were lost) is no one paragraph of a story: every ``sentences_per_paragraph`` of its
    sentences count as a paragraph, so that its whole length is not all within reach.
    """
    starts = _paragraph_starts(document)
    return lambda offset: max(bisect_right(starts, offset) - 1, 0)


@per_document()
def _paragraph_starts(document: Document) -> list[int]:
    words = link_words()
    per = words.sentences_per_paragraph
    longest = words.reach_paragraphs * per
    starts: list[int] = []  # each (counted) paragraph's start; its index is its number
    highest = -1
    for start, end in document.paragraphs:
        highest = max(highest, start)
        starts.append(highest)
        if end - start <= longest:
            continue  # too short to hold that many sentences
        sentences = [m.start() for m in SENTENCE.finditer(document.text, start, end)]
        if len(sentences) <= longest:
            continue
        for at in sentences[per::per]:
            highest = max(highest, at)
            starts.append(highest)
    return starts
