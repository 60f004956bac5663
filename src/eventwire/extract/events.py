"""Events from parsed text: the stages of assembly, in order.

    mentions ─► locate ─► links ─► retellings ─► merge ─► context

1. ``mentions.find_mentions``: one mention per PLOVER type per sentence, each with what its
   own sentence tells (trigger, mode, roles, counts, date, status, attribution, evidence);
   a sentence that only counts the dead is a mention too.
2. locate: each mention's place from its own sentence, else its paragraph (``geo``), when the
   article's place mentions are given.
3. ``links.link``: mentions that tell the same happening (by ``happening.same_happening`` and
   the discourse: "the attack", "it", a toll in the next sentence) join it; then
   ``retellings.retell``: a detail inside a retelling's clause is dropped, a toll told again
   joins the happening it counts.
4. ``assemble.merge``: one event per happening, each field from the sentence that tells it,
   every supporting sentence kept in ``supports``; tolls never summed. The headline's toll
   fills what the body leaves out (``headline.fill_from_headline``).
5. ``context.fill_from_context``: background dropped (happenings dated well before the news),
   the doer of an unnamed strike from the article, statements placed where they were made,
   implied doers last.

``main_event`` picks the one event a single-event coder (ACLED) would write down.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Token

from .. import geo
from ..model import Document, Event, PlaceMention
from ..nlp import Segment
from .actors import localise
from .assemble import merge
from .context import context_words, fill_from_context
from .headline import fill_from_headline, is_headline
from .links import link
from .mentions import Mention, find_mentions
from .modality import subjectless_participle
from .ontology import ontology
from .retellings import retell

# clauses of their own under a trigger's clause: what is placed there is not where it was said
_OTHER_CLAUSES = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "pcomp"})
# clauses that tell what someone said, wanted or found
_BRANCH_CLAUSES = frozenset({"ccomp", "xcomp", "pcomp"})
# state forces and rebels: what they do is recorded wherever it happens
_FORCES = frozenset({"MIL", "COP", "GOV", "REB"})
_KNOWN_CITY = 100_000  # people: a city whose name alone says its country
_VIOLENCE = frozenset({"Violence against civilians", "Battles"})  # ACLED event types
_REMOTE_MODES = frozenset({"missile", "drone", "aerial", "artillery", "explosives", "grenade"})
# among events of one sentence, which one a single-event coder (ACLED) would write down
_ACLED_PRECEDENCE = {
    "Battles": 0, "Explosions/Remote violence": 1, "Violence against civilians": 2,
    "Riots": 3, "Protests": 4, "Strategic developments": 5,
}  # fmt: skip


def extract_events(
    document: Document,
    segments: list[Segment],
    *,
    places: list[PlaceMention] | None = None,
) -> list[Event]:
    """Every happening the parsed segments of a document tell, one event each, in text order.

    With ``places`` (the article's resolved place mentions), every event is located; without,
    none is.
    """
    # the headline retells the body's events: they are coded from the body, and the headline
    # adds what the body leaves out
    body = [s for s in segments if not is_headline(document, s)]
    mentions = _located(find_mentions(document, body), places, document)
    happenings = retell(link(mentions, document, merge), document, merge)
    events = sorted((h.event for h in happenings), key=lambda e: e.evidence.start)
    if places is not None:
        events = geo.place_from_before(events, places, document)
    if len(body) < len(segments):
        headline = find_mentions(document, [s for s in segments if is_headline(document, s)])
        events = fill_from_headline(events, _located(headline, places, document))
    country = _main_country(places) if places else None
    return fill_from_context(events, document.published, country=country)


def _located(mentions: list[Mention], places: list[PlaceMention] | None,
             document: Document) -> list[Mention]:
    """``mentions`` with each event placed (stage 2), where the article's places are given."""
    if places is not None and mentions:
        located = geo.locate_events([m.event for m in mentions], places, document,
                                    hidden=[_other_branches(m) for m in mentions],
                                    last=[_relative_clauses(m) for m in mentions])
        heads: dict[tuple[int, int], set[int]] = {}
        for mention in mentions:
            heads.setdefault(_sentence_key(mention), set()).add(mention.head.i)
        country = _main_country(places)
        # read once per article: the text names nothing political, the country no crime
        crime_in = country if ontology().crime_unrecorded(country, document.text) else None
        for mention, event in zip(mentions, located, strict=True):
            others = heads[_sentence_key(mention)] - {t.i for m in mention.matches for t in m.span}
            placed = _made_there(mention, event, others)
            if placed.location is None and event.location is not None:
                # its sentence's place is another clause's: a body's vote or statement is
                # still placed where the body sits ("the General Assembly adopted a
                # resolution calling for peace in Ukraine")
                placed = placed.model_copy(
                    update={"location": geo.seat_of(placed, document)})
            mention.event = _crime_there(placed, crime_in)
    return mentions


def _main_country(places: list[PlaceMention]) -> str | None:
    """The country most of the article's places lie in (none where two tie), where the text
    names it surely: the country, one of its first-level units, or a city of 100,000 people or
    more by its own name ("Chicago"; not "Colonia ..." of a Mexican town taken for Cologne, nor
    the Mexican state of Hidalgo taken for a Texas county)."""
    counts = Counter(p.country for p in places if p.country)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    country = ranked[0][0]
    sure = any(
        p.country == country and (
            p.feature in ("country", "admin1")
            or (p.feature == "city" and (p.population or 0) >= _KNOWN_CITY
                and geo.normalize(p.text) == geo.normalize(p.name or ""))
        )
        for p in places
    )
    return country if sure else None


def _crime_there(event: Event, crime_in: str | None) -> Event:
    """A shooting, stabbing or arrest by no state force or rebel group, in ``crime_in``, the
    country the article is about where its violence is crime (``ontology.crime_unrecorded``):
    crime, with no ACLED type. A place the article does not otherwise point to may be a
    namesake ("Colonia ..." in Mexico is not Cologne); a terror attack's story tells its
    terror in some sentence, not in every one."""
    acled = event.acled
    if (
        crime_in is None
        or acled is None
        or not (acled.event_type in _VIOLENCE or acled.sub_event_type == "Arrests")
        or event.location is None
        or event.location.country != crime_in
        or (event.actor is not None and event.actor.sector in _FORCES)
    ):
        return event
    return event.model_copy(update={"acled": None})


def _sentence_key(mention: Mention) -> tuple[int, int]:
    return mention.offset, mention.sentence.start


def _other_branches(mention: Mention) -> list[tuple[int, int]]:
    """Spans of the mention's sentence in a complement clause on another branch
    of the parse than the trigger's: neither the trigger's clause, one above it, nor one
    below it ("Even as the arrest eased fears, investigators tried to determine why a street
    in Chelsea was one of the targets": Chelsea is where the targets were, not the arrest).
    A place there tells of something else the sentence says. Adverbial clauses ("when",
    "after", "as") stay: they mostly tell the event's own circumstances."""
    head = mention.head
    clause = next((t for t in (head, *head.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if clause is None:
        return []
    above = {clause.i, *(t.i for t in clause.ancestors)}
    spans = []
    for token in mention.sentence:
        if token.dep_ not in _BRANCH_CLAUSES or token.i in above:
            continue
        if any(a.i == clause.i for a in token.ancestors):
            continue  # a clause below the trigger's tells of the event itself
        if _root(token).i != _root(clause).i:
            continue  # a sentence the parser split in two: the branches say nothing
        left, right = token.left_edge, token.right_edge
        spans.append((mention.offset + left.idx, mention.offset + right.idx + len(right.text)))
    return spans


def _relative_clauses(mention: Mention) -> list[tuple[int, int]]:
    """Spans of relative clauses on a person or thing that do not hold the trigger: they tell
    the person's past or home ("a soldier who had served in Mosul was shot dead in Basra"), so
    their places come after every other place of the sentence; in the progressive they tell
    what the person was doing when it happened ("people who were sheltering in Kharkiv") and
    count as the sentence's own. Last rather than never: "a farmer who had gone to his field
    in X was shot" is placed at X when the sentence names no other place."""
    head = mention.head
    above = {head.i, *(t.i for t in head.ancestors)}
    spans = []
    for token in mention.sentence:
        if token.dep_ != "relcl" or token.tag_ == "VBG" or token.i in above:
            continue
        left, right = token.left_edge, token.right_edge
        spans.append((mention.offset + left.idx, mention.offset + right.idx + len(right.text)))
    return spans


def _root(token: Token) -> Token:
    while token.head.i != token.i:
        token = token.head
    return token


def _made_there(mention: Mention, event: Event, others: set[int]) -> Event:
    """A statement keeps a place of its own sentence only where the place belongs to the
    statement's own clause: "she called for a halt to the strikes in Russia" and "as
    civilians in Russia are affected, she called for ..." name where the strikes and the
    civilians are, not where she spoke (``others``: the heads of the sentence's other
    events)."""
    location = event.location
    if (
        event.type not in context_words().statement_types
        or location is None
        or location.start is None
        or mention.counts_only
    ):
        return event
    at = location.start - mention.offset
    token = next((t for t in mention.sentence if t.idx == at), None)
    if token is None or not _in_other_clause(token, mention.head, others):
        return event
    # an actor named with no country still takes the country the sentence speaks of, as it
    # would from the event's place ("the government said ... attacks in Pakistan")
    country = location.country
    return event.model_copy(update={
        "location": None,
        "actor": localise(event.actor, country),
        "recipient": localise(event.recipient, country),
    })


def _in_other_clause(token: Token, head: Token, others: set[int]) -> bool:
    """Whether ``token`` sits in a clause below the trigger's own one (a complement, an
    adverbial or relative clause), or names where another event of the sentence (``others``)
    took place ("a halt to the strikes in Kharkiv"), rather than in the trigger's clause. A
    participle of the speaker's ("Speaking in Geneva, ...") is the statement's own."""
    own = {head.i, *(t.i for t in head.ancestors)}
    node = token
    while node.i not in own and node.head.i != node.i:
        if node.dep_ in _OTHER_CLAUSES and not subjectless_participle(node):
            return True
        if node.i in others:
            return True
        node = node.head
    return False


_NON_STATE_ARMED = ("REB", "MLT", "CRM")


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
        force = next((e for e in same_sentence
                      if e.acled.sub_event_type == "Excessive force against protesters"), None)
        if force is not None and all(e.acled.event_type != "Riots" for e in same_sentence):
            # "soldiers fired live rounds into the crowd of demonstrators" (a crowd that threw
            # stones first rioted: its riot is the event)
            return force
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
    """An assault on civilians or protesters by someone else than a crowd, and not a beating
    by men of no state (men who attack a crowd that protests with sticks are the event, not
    its protest: "masked men with clubs attacked teachers protesting")."""
    crowd = ("CVL", "PRO", "RIO")
    thugs = event.mode in ("beat", "primitive") and (
        event.actor is not None and event.actor.sector in _NON_STATE_ARMED)
    return (
        event.recipient is not None
        and event.recipient.sector in crowd
        and (event.actor is None or event.actor.sector not in crowd)
        and not thugs
    )


def _trigger_at(event: Event) -> int:
    found = event.evidence.text.find(event.trigger or "")
    return found if found >= 0 else len(event.evidence.text)
