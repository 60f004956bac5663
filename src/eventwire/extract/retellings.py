"""Happenings told again, after linking: a detail inside the clause of a sentence that retells
an earlier happening is no happening of its own (``retold_in_its_clause``), and a toll told again
further on joins the happening it counted first (``retold_tolls``). The third stage of assembly,
after ``links.link``; it reads the same discourse words (``resources/links.yaml``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Document, Event
from .happening import actors_compatible, conflict
from .happening import rules as happening_rules
from .links import Comparables, Happening, link_words, named_another, tells_another
from .mentions import VIOLENT_TYPES, Mention


def retell(
    happenings: list[Happening], document: Document, merge: Callable[[list[Mention]], Event]
) -> list[Happening]:
    """The linked happenings without the details retold in another's clause, and with tolls
    told again joined to the happening they count."""
    happenings = retold_in_its_clause(happenings, Comparables(document))
    return retold_tolls(happenings, document, merge)


def retold_in_its_clause(happenings: list[Happening], compare: Comparables) -> list[Happening]:
    """Happenings told only by a word inside the clause of a sentence that retells an earlier
    happening, dropped: news retells what it told with its detail ("[the EU's plan was] a
    warning that we are serious about our sanctions": the warning told before, with what it
    warns of; "the helicopter was shot down while trying to raid a Taliban position": the
    shooting-down told before, with what the crew was doing; "some missiles were intercepted,
    while others struck homes": the strike told before, with what was stopped of it). The
    sentence is already a support of the happening it retells. A word that governs the retold
    one ("police arrested two men after the attack"), says it is another, has a place, day,
    doer or status of its own, or tells violence beside a retold statement ("condemned the
    strike on Odesa") is told on its own."""
    where: dict[int, list[tuple[Mention, Happening]]] = {}
    for happening in happenings:
        for mention in happening.mentions:
            where.setdefault(mention.start, []).append((mention, happening))
    dropped: set[int] = set()
    for happening in happenings:
        if len(happening.mentions) != 1:
            continue
        word = happening.mentions[0]
        if word.counts_only or tells_another(word):
            continue
        for told, retold in where.get(word.start, []):
            if retold is happening or id(retold) in dropped:
                continue
            if retold.mentions[0].start >= word.start or not _held_by(word, told):
                continue  # the sentence tells ``retold`` first, or ``word`` is not its detail
            if _detail_of(word, retold, compare, roles=not _stopped_of(word, told)):
                dropped.add(id(happening))
                break
    return [h for h in happenings if id(h) not in dropped]


def _held_by(word: Mention, told: Mention) -> bool:
    """Whether ``word``'s trigger lies inside the clause of ``told``'s, or is the interception
    of the munitions whose hits ``told`` tells ("some were intercepted, while others struck")."""
    head, upper = word.head, told.head
    if head.dep_ != "conj" and any(t.i == upper.i for t in head.ancestors):
        return True  # (a conjunct is a deed told beside it: "fishermen killed or detained")
    return _stopped_of(word, told)


def _stopped_of(word: Mention, told: Mention) -> bool:
    """Whether ``word`` tells the munitions stopped of the strike whose hits ``told`` tells in
    the same clause ("some missiles were intercepted, while others struck homes")."""
    head, upper = word.head, told.head
    words = link_words()
    return (
        word.event.type == "COERCE"
        and told.event.type == "ASSAULT"
        and upper.head.i == head.i
        and upper.dep_ in ("advcl", "conj")
        and upper.lemma_.lower() in words.hit_verbs
        and any(" ".join(m.entry.lemmas).lower() in words.interception_lemmas
                for m in word.matches)
    )


def _detail_of(word: Mention, retold: Happening, compare: Comparables, *, roles: bool = True
               ) -> bool:
    """Whether nothing but its kind sets ``word`` apart from ``retold``: no status, place, day
    or doer of its own, and no violence that happened beside a retold statement. ``roles``
    off: the air defence that stopped part of a strike is the other side, not another doer."""
    own, told = compare(word.event), compare(retold.event)
    if not roles:
        own = own.model_copy(update={"actor": None, "recipient": None})
    elif own.actor is not None and own.actor.basis == "text" and (
        actors_compatible(told.actor, own.actor) is not True
    ):
        return False  # a doer of its own: "the attack, which came after students protested"
    if own.type in VIOLENT_TYPES and own.status in happening_rules().counted and (
        told.type not in VIOLENT_TYPES
    ):
        return False
    kind = {"type": own.type, "acled": own.acled, "mode": own.mode}
    return conflict(told.model_copy(update=kind), own, by_admin1=True) is None


def retold_tolls(
    happenings: list[Happening],
    document: Document,
    merge: Callable[[list[Mention]], Event],
) -> list[Happening]:
    """Happenings that retell an earlier one's toll joined to it: news repeats its toll ("two
    people were killed ... Smith and Jones both died") where the sentences between name a date
    of their own (the day the victim died, the arraignment) or move out of reach. A violent
    happening whose killed count equals an earlier one's (above zero), that nothing sets apart
    (``happening.conflict``: family, status, a place the text names, a doer; dates only where
    one gives a calendar day or a year) and that is not named another, is that happening."""
    out: list[Happening] = []
    compare = Comparables(document)
    for happening in happenings:
        target = next((h for h in reversed(out) if _same_toll(h, happening, compare)), None)
        if target is None:
            out.append(happening)
            continue
        target.mentions = sorted(target.mentions + happening.mentions, key=lambda m: m.start)
        target.event = merge(target.mentions)
    return out


def _same_toll(told: Happening, later: Happening, compare: Comparables) -> bool:
    a, b = told.event, later.event
    if a.type not in VIOLENT_TYPES or b.type != a.type:
        return False
    if a.killed is None or b.killed is None or a.killed.value != b.killed.value:
        return False
    if a.killed.value <= 0 or named_another(later.mentions[0]):
        return False
    ca, cb = compare(a), compare(b)
    if not (_own_day(ca) or _own_day(cb)):
        ca, cb = ca.model_copy(update={"date": None}), cb.model_copy(update={"date": None})
    return conflict(ca, cb) is None


def _own_day(event: Event) -> bool:
    """Whether the text dates the event to a day by its calendar ("on Jan. 14", "March 3,
    2016") or to a year; a weekday or "last month" may be the day a victim died or a suspect
    was charged, not the day of the shooting."""
    when = event.date
    if when is None:
        return False
    return when.basis == "explicit" or any(ch.isdigit() for ch in when.text or "")
