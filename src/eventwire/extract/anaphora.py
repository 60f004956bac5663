"""Who "she", "it" and "the agency" stand for: the subject of the sentences before.

News keeps its subject from one sentence to the next: "DiCarlo told the Council the war had
entered its fifth year. She called for a ceasefire"; "The WFP said it was running out of money.
The agency warned that rations would be cut". An event whose doer is such a word takes the
subject of a clause above it in its sentence ("Moscow denied it, saying it provides aid"), else
the nearest subject named before it of a kind the word can stand for: a person for "he" and
"she", a state or an organisation for "it", an organisation for "the agency", any for "they".
The doer keeps the antecedent's words and offsets, with basis "article" (the sentence leaves
the doer unnamed; the article names it there). "We" and "I" are left alone: in a quote they
are the speaker's side.

Vocabulary: ``anaphora`` in ``resources/context.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from spacy.tokens import Span, Token

from ..model import Actor
from ..resources import load_yaml
from .actors import ActorDictionary, actor_from, noun_phrase
from .doers import as_named
from .modality import words as modality_words

Kind = Literal["person", "state", "body"]
_STATE_ENTS = frozenset({"GPE", "NORP"})


@dataclass(frozen=True)
class AnaphoraWords:
    pronouns: dict[str, frozenset[str]]  # pronoun -> the kinds it can stand for
    body_nouns: frozenset[str]  # "the agency", "the ministry": a body named before
    person_nouns: frozenset[str]  # "the minister", "the envoy": a person named before
    reach: int  # how many characters back an antecedent may stand


@lru_cache(maxsize=1)
def anaphora_words() -> AnaphoraWords:
    data = load_yaml("context.yaml")["anaphora"]
    titles = load_yaml("people.yaml").get("person_titles") or ()
    return AnaphoraWords(
        pronouns={str(k).lower(): frozenset(v) for k, v in data["pronouns"].items()},
        body_nouns=frozenset(map(str.lower, data["body_nouns"])),
        person_nouns=frozenset(map(str.lower, data["person_nouns"]))
        | {str(t).rstrip(".").lower() for t in titles},
        reach=int(data["reach"]),
    )


@dataclass
class Discourse:
    """The subjects an article has named so far, in text order: what its pronouns and
    definite descriptions ("the agency") can stand for."""

    actors: ActorDictionary
    subjects: list[tuple[int, Kind, Actor]] = field(default_factory=list)
    # the speaker of a sentence that ends by opening a quote ("Sunak said:"), with where it ends
    opener: tuple[int, Actor] | None = None

    def note(self, sentence: Span, offset: int) -> None:
        """Remember the named subject of the sentence's main clause. A pronoun or a definite
        description ("She highlighted ...", "The agency said ...") tells the one it stands for
        again, here: a subject kept from sentence to sentence stays within reach however long
        the story runs on it."""
        subject = next(
            (c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None
        )
        self.opener = None
        if subject is None:
            return
        if sentence.text.rstrip().endswith(":") and _reports(sentence.root):
            found = self._speaker(sentence.root, offset)
            if found is not None:
                self.opener = (offset + sentence.end_char, found)
        if anaphor_kinds(subject):
            told = self._antecedent(sentence.root, offset, subject)
            if told is not None:
                self.subjects.append((offset + sentence.start_char, *told))
            return
        if subject.pos_ == "PRON":
            return
        kind = _kind_of(subject)
        if kind is None:
            return
        actor = self._actor(subject, offset)
        if actor is not None:
            self.subjects.append((offset + sentence.start_char, kind, actor))

    def resolve(self, verb: Token, offset: int) -> Actor | None:
        """The doer a pronoun or definite subject of ``verb`` stands for, or ``None``."""
        told = self._antecedent(verb, offset)
        return told[1] if told is not None else None

    def speaker_of_we(self, verb: Token, offset: int) -> Actor | None:
        """Whom "we", the subject of ``verb``, stands for in a quote: the one who says it ("'We
        are working to deliver aid,' she added", "Lane said: / We will not give up"), or
        ``None`` where the words are no one's quote. (Not the last subject named: a speaker's
        "we" is their side, seldom who was spoken of before.)"""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ != "we":
            return None
        said = next((t for t in verb.ancestors if _reports(t)), None)
        found = self._speaker(said, offset) if said is not None else None
        here = offset + verb.sent.start_char
        if said is None and self.opener is not None and 0 <= here - self.opener[0] <= _QUOTE_GAP:
            found = self.opener[1]
        return found.model_copy(update={"basis": "article"}) if found is not None else None

    def _speaker(self, said: Token, offset: int) -> Actor | None:
        """Who a reporting verb's subject is: named, or told before ("she added")."""
        subject = next((c for c in said.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        if subject.pos_ == "PRON":
            told = self._antecedent(said, offset)
            return told[1] if told is not None else None
        return self._actor(subject, offset)

    def _antecedent(self, verb: Token, offset: int, subject: Token | None = None
                    ) -> tuple[Kind, Actor] | None:
        """What the pronoun or definite subject of ``verb`` (its active subject unless
        ``subject`` is given) stands for, with its kind."""
        if subject is None:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        kinds = anaphor_kinds(subject) if subject is not None else frozenset()
        if not kinds:
            return None
        for above in verb.ancestors:  # "Moscow denied it, saying it provides aid"
            named = next((c for c in above.children if c.dep_ == "nsubj"), None)
            kind = _kind_of(named) if named is not None and named.pos_ != "PRON" else None
            if kind is not None and kind in kinds:
                found = self._actor(named, offset)
                if found is not None:
                    return kind, found
        here = offset + verb.sent.start_char
        for start, kind, actor in reversed(self.subjects):
            if start >= here:
                continue
            if here - start > anaphora_words().reach:
                return None
            if kind in kinds:
                return kind, actor.model_copy(update={"basis": "article"})
        return None

    def _actor(self, subject: Token, offset: int) -> Actor | None:
        return actor_from(subject, self.actors, offset) or as_named(subject, offset)


@lru_cache(maxsize=1)
def _referring() -> re.Pattern[str]:
    """A pronoun subject, a definite description ("the agency", "the envoy") or a form of
    address before a name ("Ms. Lane"): words that name someone told before."""
    words = anaphora_words()
    nouns = "|".join(re.escape(w) for w in sorted(words.body_nouns | words.person_nouns))
    pronouns = "|".join(re.escape(w) for w in words.pronouns if w != "it")
    return re.compile(rf"\b(?:(?i:{pronouns})\b|[Tt]he (?:{nouns})\b|(?:Mr|Ms|Mrs|Dr)\.? [A-Z])")


def refers_back(sentence: str) -> bool:
    """Whether a paragraph's first sentence names its doer by a word that stands for someone
    told before ("She called for ...", "In a statement, the agency warned ...", "Ms. Lane
    said"): the paragraph before says who (what the trigger shortcut must parse too). "It" is
    left out: it stands for things as often as for states."""
    return _referring().search(sentence) is not None


_QUOTE_GAP = 4  # characters between "X said:" and the quote it opens (a paragraph break)


def _reports(token: Token) -> bool:
    """Whether a word is a verb that reports speech ("said", "added")."""
    return token.pos_ in ("VERB", "AUX") and (
        token.lemma_.lower() in modality_words().reporting_verbs)


def anaphor_kinds(token: Token) -> frozenset[str]:
    """The kinds of antecedent a subject can stand for ("she": a person; "it": a state or an
    organisation; "the agency": an organisation); none for a subject that names someone
    itself."""
    words = anaphora_words()
    if token.pos_ == "PRON":
        return words.pronouns.get(token.lower_, frozenset())
    if token.pos_ != "NOUN" or not any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    ):
        return frozenset()
    if any(c.dep_ in ("amod", "compound", "poss") for c in token.children):
        return frozenset()  # "the Russian ministry", "the UN agency": it names itself
    lemma = token.lemma_.lower()
    if lemma in words.body_nouns:
        return frozenset({"body"})
    if lemma in words.person_nouns:
        return frozenset({"person"})
    return frozenset()


def _kind_of(subject: Token) -> Kind | None:
    """Whether a named subject is a person, a state (or its people) or a body (an
    organisation)."""
    words = anaphora_words()
    if subject.ent_type_ == "PERSON" or any(
        t.lower_.rstrip(".") in words.person_nouns for t in noun_phrase(subject)
    ):
        return "person"
    if subject.ent_type_ in _STATE_ENTS:
        return "state"
    if subject.ent_type_ == "ORG" or subject.lemma_.lower() in words.body_nouns:
        return "body"
    return None
