"""Whose person someone is: the title the article introduced them with.

News names a person once in full with the post they hold ("Rosemary Lane, the UN
Under-Secretary-General for Political Affairs, told the Council ...", "Russian Deputy Foreign
Minister Ivan Petrov said ...", "the UN envoy, Maria Lopez, arrived ...") and then by the
surname alone ("Ms. Lane warned ...", "Petrov accused Washington ..."). What the person does
later is done as that body's or that state's person: the actor keeps the words the text names
them by, and takes the name, country and sector the title gives (actors.yaml: organisations,
countries, titles; ``body_titles`` for posts that name their body alone, "Under-Secretary-
General"). A person introduced with no such title stays as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..model import Actor
from .actors import ActorDictionary, Known, actor_from, noun_phrase
from .anaphora import anaphora_words

_ADDRESS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"})


@dataclass
class People:
    """The titled people an article has named so far, by surname (lower case)."""

    actors: ActorDictionary
    known: dict[str, Known] = field(default_factory=dict)

    def note(self, sentence: Span, offset: int) -> None:
        """Remember each person the sentence names with a title that says whose they are
        (first telling wins: a later "the minister" does not rename them)."""
        for ent in sentence.ents:
            if ent.label_ != "PERSON" or len(ent) < 1:
                continue
            surname = ent[-1].text.lower()
            if surname in self.known:
                continue
            known = self._titled(ent.root, offset)
            if known is not None:
                self.known[surname] = known

    def who(self, actor: Actor | None) -> Actor | None:
        """The actor as the titled person the article introduced, where it names one by the
        name alone ("Ms. Lane", "Petrov"); else the actor unchanged."""
        if actor is None or actor.name is not None or actor.country is not None:
            return actor
        words = [w.strip(".,").lower() for w in actor.text.split()]
        words = [w for w in words if w and w not in _ADDRESS]
        if not words or len(words) > 4:
            return actor
        known = self.known.get(words[-1])
        if known is None:
            return actor
        return actor.model_copy(update={
            "name": self.actors.display_name(known), "country": known.country,
            "sector": known.sector})

    def _titled(self, head: Token, offset: int) -> Known | None:
        """What the title around a person's name says of them: a title before the name
        ("Russian Deputy Foreign Minister Ivan Petrov"), or a title in apposition after it
        ("Maria Lopez, UN special envoy for Yemen") or before it ("the UN envoy, Maria
        Lopez")."""
        phrases = [head]
        phrases += [c for c in head.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")]
        if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN"):
            phrases.append(head.head)
        for title in phrases:
            if title is not head and not self._is_title(title):
                continue
            found = actor_from(title, self.actors, offset)
            if found is not None and found.country is not None and found.sector is not None:
                return Known(found.name, found.country, found.sector)
            body = self._body_title(title) if title is not head else None
            if body is not None:
                return body
        return None

    def _body_title(self, title: Token) -> Known | None:
        """The body a post's own name says ("Under-Secretary-General for Political Affairs")."""
        said = "".join(t.text_with_ws for t in noun_phrase(title)).lower()
        return next((self.actors.body_titles[post] for post in sorted(
            self.actors.body_titles, key=len, reverse=True) if post in said), None)

    def _is_title(self, token: Token) -> bool:
        """Whether a noun is a post a person holds ("envoy", "Under-Secretary-General")."""
        words = {token.lower_, token.lemma_.lower()}
        words |= {t.lower_ for t in noun_phrase(token) if t.i < token.i}
        return bool(words & (self.actors.titles.keys() | anaphora_words().person_nouns))

