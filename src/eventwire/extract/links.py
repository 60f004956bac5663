"""Which mentions of one article tell the same happening: the discourse of news.

The second stage of assembly. Mentions are read in text order; each joins the latest happening
already told whose fields it agrees with (``happening.same_happening``, the one rule shared
with incident clustering across articles) when the discourse says it is told again: it refers
back ("the attack", "it"), it only counts the dead, it adds nothing that sets it apart (no
place and no date of its own), or it agrees on enough to be it. Otherwise it starts a new
happening. Vocabulary and reach: ``resources/links.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..model import Document, Event
from ..resources import load_yaml
from .happening import rules as happening_rules
from .happening import same_happening
from .mentions import VIOLENT_TYPES, Mention, stands_alone


@dataclass(frozen=True)
class LinkWords:
    anaphoric_determiners: frozenset[str]
    event_pronouns: frozenset[str]
    adjacent_gap: int
    thin_reach_paragraphs: int
    weak_location_bases: frozenset[str]


@lru_cache(maxsize=1)
def link_words() -> LinkWords:
    data = load_yaml("links.yaml")
    return LinkWords(
        anaphoric_determiners=frozenset(map(str.lower, data["anaphoric_determiners"])),
        event_pronouns=frozenset(map(str.lower, data["event_pronouns"])),
        adjacent_gap=int(data["adjacent_gap"]),
        thin_reach_paragraphs=int(data["thin_reach_paragraphs"]),
        weak_location_bases=frozenset(map(str, data["weak_location_bases"])),
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
    for mention in mentions:
        target = _target(mention, happenings, document)
        if target is None:
            if stands_alone(mention):
                happenings.append(Happening([mention], merge([mention])))
            continue
        target.mentions.append(mention)
        target.event = merge(target.mentions)
    return happenings


def _target(
    mention: Mention, happenings: list[Happening], document: Document
) -> Happening | None:
    """The happening ``mention`` retells, or ``None`` when it tells a new one."""
    words = link_words()
    if mention.counts_only and happenings:
        last = happenings[-1]
        gap = mention.start - last.mentions[-1].end
        if last.event.type in VIOLENT_TYPES and 0 <= gap <= words.adjacent_gap:
            return last  # "1 fatality." right after the event it counts
    referring = refers_back(mention)
    thin = adds_nothing(mention)
    threshold = happening_rules().same_threshold
    here = paragraph_of(document, mention.start)
    for happening in reversed(happenings):
        score = same_happening(comparable(happening.event), comparable(mention.event))
        if score <= 0.0:
            continue
        if referring or score >= threshold:
            return happening
        if thin or mention.counts_only:
            told = paragraph_of(document, happening.mentions[-1].start)
            if here - told <= words.thin_reach_paragraphs:
                return happening
    return None


def comparable(event: Event) -> Event:
    """The event with only the fields its text gives: a place found by falling back to the
    dateline or the article's most-named place says nothing of where this mention was."""
    location = event.location
    if location is not None and location.basis in link_words().weak_location_bases:
        return event.model_copy(update={"location": None})
    return event


def refers_back(mention: Mention) -> bool:
    """Whether the trigger refers to an event already told: "the attack", "this strike",
    "Sunday's shooting", "it happened", "the shooting occurred"."""
    if mention.counts_only:
        return False
    words = link_words()
    for match in mention.matches:
        head = match.head
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
    return False


def adds_nothing(mention: Mention) -> bool:
    """Whether the mention's own sentence names neither a place nor a date: it tells more of
    a happening already told rather than another one."""
    event = mention.event
    location = event.location
    if location is not None and location.basis in ("text", "sentence"):
        return False
    when = event.date
    return not (when is not None and when.text and when.text in mention.sentence.text)


def paragraph_of(document: Document, offset: int) -> int:
    """The index of the paragraph that holds ``offset`` (the last one before it)."""
    index = 0
    for k, (start, _end) in enumerate(document.paragraphs):
        if start > offset:
            break
        index = k
    return index
