"""Which sense a trigger word has in its sentence: a warning that threatens, one that accuses
or one that only foresees; pulling out of a place or pulling out a gun; a request of another
side or a question.

A trigger entry of ``resources/triggers.yaml`` names a sense (``sense: threat``); ``holds``
reads the parse around the word and says whether the sentence uses it in that sense. The word
lists and the reasons live in ``resources/senses.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Token

from ..resources import load_yaml


@lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, frozenset[str]]]:
    data = load_yaml("senses.yaml")
    return {
        sense: {key: frozenset(str(w).lower() for w in values) for key, values in lists.items()}
        for sense, lists in data.items()
    }


def _threat(word: Token) -> bool:
    vocab = _words()["threat"]
    if word.pos_ != "VERB":
        return True  # "a warning", "an ultimatum": the noun's weight and roles decide
    inverted = word.i > 0 and word.doc[word.i - 1].text == ","
    for child in word.children:
        if child.dep_ in ("dobj", "dative") and child.pos_ in ("PROPN", "NOUN", "PRON"):
            if inverted and child.i > word.i:
                continue  # "..., warns WFP": the speaker after its words, not the one warned
            return True  # "warned Finland", "warned them"
        if child.dep_ == "ccomp":
            subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
            if any(s.lower_ in vocab["speaker_pronouns"] for s in subjects) and not _where_is(
                child
            ):
                return True  # "warned that it would respond"
            will = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "wo") for c in
                       child.children)
            if will and any(s.lemma_.lower() in vocab["speaker_sides"] for s in subjects):
                return True  # "warned that police will no longer tolerate rallies"
        if child.dep_ == "prep" and child.lower_ in ("of", "against"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in vocab["response_nouns"]:
                    return True  # "warned of retaliation"
    return False


def _where_is(clause: Token) -> bool:
    """Whether a clause only says where or how something is, with no deed and no will in it:
    "warning: 'They are already there in the garrison'" (a fact told, not a threat), unlike
    "warned that we are ready to strike" or "warned it would respond"."""
    return clause.lemma_ == "be" and not any(
        c.dep_ in ("aux", "acomp", "xcomp", "attr", "ccomp", "advcl") for c in clause.children
    )


def _alarm(word: Token) -> bool:
    if word.pos_ != "VERB" or _threat(word):
        return False
    abuse = _words()["alarm"]["abuse_words"]
    return any(
        (t.lemma_.lower() in abuse or t.lower_ in abuse)
        and not any(d.lower_ in ("a", "an") for d in t.children)  # "of an attack" to come
        for t in word.sent
    )


def _withdrawal(word: Token) -> bool:
    vocab = _words()["withdrawal"]
    objects = [c for c in word.children if c.dep_ == "dobj"]
    return not objects or any(o.lemma_.lower() in vocab["withdrawn_nouns"] for o in objects)


def _retreat(word: Token) -> bool:
    """"flee" as a side's retreat ("the militants fled into the forest"), not people driven
    from their homes ("thousands fled the fighting", "millions forced to flee", "families
    fleeing the war"): displacement is no one's event."""
    people = _words()["retreat"]["fleeing_people"]
    node, subject = word, None
    for _ in range(3):
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN", "NUM"):
            subject = node.head  # "families fleeing the war"
            break
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            break
        node = node.head  # "were forced to flee", "attacked the village and fled"
    if subject is None:
        return True
    words = {t.lemma_.lower() for t in subject.subtree}
    return not words & people


def _intransitive(word: Token) -> bool:
    """A verb used without a direct object: "students demonstrated outside parliament", not
    "the talks demonstrated a readiness to compromise"."""
    return not any(c.dep_ == "dobj" for c in word.children)


_NAMED_OBJECTS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP"})


def _headline_verb(word: Token) -> bool:
    """A verb, or a headline's present-tense verb the tagger took for a plural noun: "Russian
    artillery shells Kherson suburbs", "army shells DPR" (a modifier before it, a name after);
    not the munitions ("shells landed in the yard")."""
    if word.pos_ == "VERB":
        return True
    after = word.nbor() if word.i + 1 < len(word.doc) else None
    return (
        word.tag_ == "NNS"
        and after is not None and after.text[:1].isupper()
        and any(c.dep_ in ("compound", "amod") and c.i < word.i for c in word.children)
    )  # fmt: skip


def _place_object(word: Token) -> bool:
    """A verb whose object is a named place or side: "Israel strikes Gaza", "struck Kharkiv
    overnight", "strikes Hamas"; not "struck a deal", "struck a chord"."""
    return any(
        c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.ent_type_ in _NAMED_OBJECTS)
        for c in word.children
    )


def _request(word: Token) -> bool:
    vocab = _words()["request"]
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in word.children) or word.tag_ == "VBN":
        return False  # "was asked", "when asked by TASS": a question put to the speaker
    for child in word.children:
        if child.dep_ in ("dobj", "dative") and child.lower_ in vocab["asked_persons"]:
            return False
        if child.dep_ == "ccomp" and any(
            c.lower_ in vocab["question_marks"] and c.dep_ in ("mark", "advmod")
            for c in child.children
        ):
            return False  # "asked if she had been shot"
    return True


def _conversation(word: Token) -> bool:
    vocab = _words()["conversation"]
    for prep in word.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "to"):
            for partner in prep.children:
                if partner.dep_ != "pobj" or partner.lemma_.lower() in vocab["press_nouns"]:
                    continue
                if partner.pos_ == "PROPN" or partner.lemma_.lower() in vocab["partner_nouns"]:
                    return True
    return False


def _demand(word: Token) -> bool:
    sides = _words()["demand"]["sides"]
    clause = word.head if word.dep_ == "aux" else word
    if _scare_quoted(clause):
        return False  # "they must 'fly'": a figure the writer quotes, no demand on a side
    if clause.dep_ == "ccomp" and clause.head.pos_ == "VERB":
        return True  # "Türk stressed that impunity must end": the speaker demands it
    for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.pos_ == "PROPN" or subject.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
            return True
        if subject.lemma_.lower() in sides or subject.lower_ in ("it", "they", "he", "she"):
            return True  # "Iraq ... it must cooperate": the pronoun stands for a side named
    return False


def _scare_quoted(word: Token) -> bool:
    """Whether ``word`` stands alone between quotation marks ("must “fly”"): a word the
    writer holds at arm's length, a figure of speech or someone's term, not the deed itself."""
    doc = word.doc
    if word.i == 0 or word.i + 1 >= len(doc):
        return False
    before, after = doc[word.i - 1], doc[word.i + 1]
    return before.is_quote and after.is_quote


def _predicate(word: Token) -> bool:
    return word.dep_ not in ("amod", "compound", "acl")


def _blast(word: Token) -> bool:
    """"explode", "explosion" as a blast, not a quantity's sudden growth ("bread prices
    exploded", "an explosion in rents", "a price explosion")."""
    quantities = _words()["blast"]["quantity_nouns"]
    if word.pos_ == "VERB":
        told = [c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        told = [c for c in word.children if c.dep_ == "compound"]
        told += [g for c in word.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                 for g in c.children if g.dep_ == "pobj"]
    return not any(t.lemma_.lower() in quantities for t in told)


def _supported(word: Token) -> Token | None:
    """The head of what "support" takes as its object, if any."""
    return next((c for c in word.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _assistance(word: Token) -> bool:
    """"support" of people in need: help given ("supporting communities caught in the
    crossfire", "to support displaced families")."""
    needy = _words()["assistance"]["needy_nouns"]
    supported = _supported(word)
    return supported is not None and supported.lemma_.lower() in needy


def _endorsement(word: Token) -> bool:
    """"support" of a side, a plan or a cause: backing, not help to people in need."""
    return not _assistance(word)


_SENSES: dict[str, Callable[[Token], bool]] = {
    "threat": _threat,
    "alarm": _alarm,
    "withdrawal": _withdrawal,
    "retreat": _retreat,
    "intransitive": _intransitive,
    "headline_verb": _headline_verb,
    "place_object": _place_object,
    "request": _request,
    "conversation": _conversation,
    "demand": _demand,
    "predicate": _predicate,
    "blast": _blast,
    "assistance": _assistance,
    "endorsement": _endorsement,
}


def holds(sense: str, word: Token) -> bool:
    """Whether ``word`` is used in ``sense`` in its sentence."""
    return _SENSES[sense](word)


def known(sense: str) -> bool:
    """Whether ``sense`` is one ``holds`` can read (checked when the lexicon is loaded)."""
    return sense in _SENSES
