"""Repairs of the parser's reading of headline grammar.

The small English model learned from edited prose, where a passive has its auxiliary ("a
soldier was killed"). Headlines, flashes and posts drop it ("Ukrainian soldier killed in
clashes", "Two protesters shot dead in Kyiv"), and the parser then reads the one killed as the
verb's doer (``nsubj``), or the whole line as a noun phrase ("soldier" with the participle
"killed" hanging from it). ``repair`` rewrites these to the passive clause they stand for: the
participle heads the clause and the one it was done to is its ``nsubjpass``, as the extractor
reads "a soldier was killed".

A clause is a reduced passive when its verb has a subject before it and no auxiliary or
object, and the verb is one that news always gives an object (``headline_grammar.yaml``:
"Policeman killed in Dagestan", tagged simple past or participle alike) or a participle with an
agent ("Hospital hit by missiles"); "840 families evacuated" is its own doer. A
headline that is a noun phrase whose noun carries a participle ("Nine soldiers killed near
Donetsk") is the same clause.

Tagging slips are mended too: a capitalised name at the start of a headline taken for a
pronoun ("Houthis claim drone attack") is a proper noun, since pronouns are a closed class; a
verb read as a noun ("Protesters torch police station"), a past-tense verb read as an adjective
("a helicopter fired rockets at the convoy") and a noun read as a verb before a noun ("support
measures", "attack helicopters") are given back their part of speech and their clause.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from .resources import load_yaml

_CLAUSE_HEADS = frozenset({"ROOT", "conj", "ccomp", "parataxis"})
_ACTIVE_MARKS = frozenset(
    {"aux", "auxpass", "dobj", "dative", "nsubjpass", "xcomp", "ccomp", "attr"}
)
_SUBJECT_TAGS = frozenset({"NOUN", "PROPN", "NUM"})
_SUBORDINATORS = frozenset({"as", "after", "when", "while"})


@cache
def _object_verbs() -> frozenset[str]:
    return frozenset(load_yaml("headline_grammar.yaml")["object_verbs"])


@cache
def _reporting_verbs() -> frozenset[str]:
    return frozenset(load_yaml("headline_grammar.yaml")["reporting_verbs"])


@cache
def _participles_read_as_nouns() -> dict[str, str]:
    return dict(load_yaml("headline_grammar.yaml")["participles_read_as_nouns"])


@cache
def _verbs_read_as_nouns() -> frozenset[str]:
    return frozenset(load_yaml("headline_grammar.yaml")["verbs_read_as_nouns"])


@cache
def _fight_news_verbs() -> frozenset[str]:
    return frozenset(load_yaml("headline_grammar.yaml")["fight_news_verbs"])


def repair(doc: Doc) -> Doc:
    """``doc`` with headline-style reduced passives rewritten (in place; returned for chaining)."""
    # one Token object each, for all four passes (iterating a Doc builds a new one per token
    # and pass); the passes change annotations, never the tokens, so the objects stay good
    tokens = list(doc)
    for token in tokens:
        if token.tag_ == "NN" and token.lemma_.lower() in _verbs_read_as_nouns():
            _read_as_present_verb(token)
        elif token.tag_ in ("NNS", "VBZ") and token.dep_ == "compound" and (
            token.lemma_.lower() in _verbs_read_as_nouns()
            or token.lower_.removesuffix("s") in _verbs_read_as_nouns()
        ):
            _read_as_present_verb(token, singular=True)  # "Sniper wounds soldier"
        elif token.tag_ == "VBG" and token.dep_ == "ROOT":
            _gerund_read_as_verb(token)
            _gerund_after_place(token)
        elif token.tag_ == "VBG" and token.dep_ == "advcl":
            _gerund_after_place(token)
        elif token.tag_ == "NNS" and token.dep_ == "ROOT" and (
            token.lemma_.lower() in _verbs_read_as_nouns()
        ):
            _read_as_singular_present_verb(token)
            if token.pos_ != "VERB":
                _subject_read_as_compound(token)
        elif token.tag_ in ("NNS", "VBZ") and token.dep_ == "ROOT":
            _subject_read_as_compound(token)
        elif token.tag_ in ("NN", "NNS") and token.lemma_.lower() in _reporting_verbs():
            _report_read_as_noun(token)
        elif token.tag_ == "JJ" and token.lower_.endswith("ed"):
            _adjective_read_for_verb(token)
        elif token.tag_ in ("VBD", "VBN") and token.dep_ == "amod":
            _read_as_past_verb(token)
        elif token.tag_ in ("VB", "VBP") and token.dep_ == "conj" and token.head.pos_ == "NOUN":
            _read_as_noun_modifier(token)
        elif token.tag_ in ("VB", "VBP") and token.dep_ == "compound" and (
            token.head.pos_ == "NOUN" and token.head.i == token.i + 1
        ):
            token.pos_, token.tag_ = "NOUN", "NN"  # "attack helicopters": a noun's modifier
    for token in tokens:
        if token.pos_ in ("PRON", "DET") and token.text[:1].isupper() and not token.is_stop:
            # "Houthis claim drone attack": a name the tagger took for a pronoun (pronouns and
            # determiners are a closed class, all of them stop words)
            token.pos_, token.tag_ = "PROPN", "NNPS" if token.lower_.endswith("s") else "NNP"
        if token.pos_ == "NOUN" and token.lower_ in _participles_read_as_nouns():
            _read_as_participle(token)
        if token.dep_ == "ROOT" and token.pos_ in ("NOUN", "PROPN", "NUM"):
            _raise_participle(token)
        elif token.dep_ == "nsubj" and token.pos_ in _SUBJECT_TAGS:
            _split_subordinate(token)
        elif token.dep_ == "dobj" and token.pos_ in _SUBJECT_TAGS:
            _report_clause(token)
    for token in tokens:
        if token.text == ":":
            _colon_flash(token)
        elif token.dep_ == "ROOT" and token.tag_ in ("VBD", "VBN"):
            _reported_participle(token)
    for token in tokens:
        subject = _reduced_passive_subject(token)
        if subject is not None:
            subject.dep_ = "nsubjpass"
    return doc


def _colon_flash(colon: Token) -> None:
    """A flash's lead and its news either side of a colon ("Ukraine: Russian shelling kills
    four", "Drone attack on Nikopol: woman killed"): the lead is no subject of the news, and
    the news after the colon is a clause of its own, not a relative clause of the lead."""
    sentence = colon.sent
    for token in sentence:
        if token.i > colon.i and token.pos_ == "VERB" and token.head.i < colon.i and (
            token.dep_ in ("relcl", "acl")
        ) and any(c.dep_ == "nsubj" and c.i > colon.i for c in token.children):
            token.head = sentence.root
            token.dep_ = "parataxis"
        elif token.i < colon.i and token.dep_ == "nsubj" and token.head.i > colon.i:
            verb = token.head
            # (the parser may hang the news's subject on the lead: "...: woman killed")
            news = [c for c in token.children if c.dep_ == "appos" and colon.i < c.i < verb.i]
            if news:
                news[0].head, news[0].dep_ = verb, "nsubj"
            if news or any(c.dep_ in ("nsubj", "nsubjpass") and c.i > colon.i
                           for c in verb.children):
                token.dep_ = "dep"


def _reported_participle(verb: Token) -> None:
    """"Two soldiers reported killed in Donbas", "Three journalists reported kidnapped": a
    headline's passive report with its auxiliaries dropped ("were reported (to have been)
    killed"). The parser makes the victims the subject of the reporting verb; they are the
    participle's, done to (``nsubjpass``), and the report has no speaker of its own."""
    if verb.lemma_.lower() not in _reporting_verbs():
        return
    children = list(verb.children)
    if any(c.dep_ in ("aux", "auxpass", "dobj", "nsubjpass") for c in children):
        return
    subject = next((c for c in children if c.dep_ == "nsubj" and c.pos_ in _SUBJECT_TAGS), None)
    participle = next((c for c in children if c.dep_ in ("xcomp", "oprd") and c.tag_ == "VBN"
                       and c.lemma_.lower() in _object_verbs() and c.i > verb.i), None)  # fmt: skip
    if subject is None or participle is None or subject.i > verb.i:
        return
    if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in participle.children):
        return
    participle.dep_ = "ccomp"
    subject.head, subject.dep_ = participle, "nsubjpass"


def _adjective_read_for_verb(word: Token) -> None:
    """"Residents ... lynched and set fire to 13 suspected gang members": a past tense the
    parser took for an adjective although it heads a clause (its own subject, or a verb joined
    to it); read as the headline verb it is, with that verb's lemma."""
    if word.dep_ not in ("ROOT", "ccomp", "conj", "advcl") or not any(
        c.dep_ == "nsubj" or (c.dep_ == "conj" and c.pos_ == "VERB") for c in word.children
    ):
        return
    text = word.lower_
    stems = [text[:-2], text[:-1], text[:-3] + "y"]
    if len(text) > 4 and text[-3] == text[-4]:
        stems.append(text[:-3])  # "stabbed"
    verbs = _verbs_read_as_nouns()
    lemma = next((stem for stem in stems if stem in verbs), None)
    if lemma is not None:
        word.pos_, word.tag_, word.lemma_ = "VERB", "VBD", lemma


def _report_read_as_noun(noun: Token) -> None:
    """"RSF claims capture of army base", "Army confirms death of commander": a verbless line
    whose reporting verb the parser took for a compound noun of the news after it. The verb
    heads the line, the name before it is its subject and the news its object (what the side
    claims is the side's own deed)."""
    news = noun.head
    if noun.dep_ != "compound" or news.dep_ != "ROOT" or news.i != noun.i + 1:
        return
    sentence = noun.sent
    if noun.i == sentence.start or any(t.pos_ in ("VERB", "AUX") for t in sentence):
        return
    subject = noun.doc[noun.i - 1]
    if subject.pos_ not in ("PROPN", "NOUN") or subject.head.i not in (noun.i, news.i):
        return
    for child in [c for c in news.children if c.i < noun.i and c.i != subject.i]:
        child.head = subject  # "Sudan's" RSF, not Sudan's capture
    noun.pos_, noun.tag_, noun.dep_ = "VERB", "VBZ" if noun.tag_ == "NNS" else "VBP", "ROOT"
    noun.head = noun
    subject.head, subject.dep_ = noun, "nsubj"
    news.head, news.dep_ = noun, "dobj"


def _read_as_present_verb(noun: Token, *, singular: bool = False) -> None:
    """"Protesters torch police station": a verbless line whose plural subject and present verb
    the parser read as a compound noun; the verb heads the line, the noun phrase after it is its
    object and what follows that phrase hangs from the verb. With ``singular``, the verb has its
    "-s" and its subject is one, a name or a noun that names a side ("Sniper wounds soldier",
    "Army shells village"; "Mortar shells village" stays a noun phrase)."""
    if singular:
        head = noun.head
        subject = noun.doc[noun.i - 1] if noun.i > noun.sent.start else None
        if head.dep_ != "ROOT" or head.i < noun.i or subject is None or (
                subject.tag_ not in ("NN", "NNP") or subject.head.i not in (noun.i, head.i)) or (
                subject.pos_ != "PROPN" and subject.lemma_.lower() not in _doer_nouns()) or any(
                t.pos_ in ("VERB", "AUX") for t in noun.sent if t.i != noun.i):
            return
        _make_verb(noun, subject, head, "VBZ")
        return
    if noun.dep_ == "ROOT":
        # the tree is the clause's; only the tag is the noun's ("Militants storm army post")
        children = {c.dep_ for c in noun.children}
        if {"nsubj", "dobj"} <= children:
            noun.pos_, noun.tag_ = "VERB", "VBP"
        else:
            _read_as_singular_present_verb(noun)  # "Police fire at crowd": "police" is many
        return
    head = noun.head
    if noun.dep_ == "compound" and head.dep_ in ("nsubj", "dep") and head.i > noun.i:
        _credited_present_verb(noun)
        return
    if noun.dep_ != "compound" or head.dep_ != "ROOT" or head.i < noun.i:
        return
    subject = noun.doc[noun.i - 1] if noun.i > 0 else None
    if subject is None or subject.tag_ not in ("NNS", "NNPS") or subject.head.i not in (
            noun.i, head.i) or any(t.pos_ in ("VERB", "AUX") for t in noun.sent):
        return
    _make_verb(noun, subject, head, "VBP")


def _make_verb(noun: Token, subject: Token, head: Token, tag: str) -> None:
    """``noun`` made the line's verb, ``subject`` its subject and ``head`` (the noun phrase the
    parser made of the line) its object; what follows that phrase hangs from the verb."""
    noun.pos_, noun.tag_, noun.dep_ = "VERB", tag, "ROOT"
    noun.head = noun
    subject.head, subject.dep_ = noun, "nsubj"
    head.head, head.dep_ = noun, "dobj"
    for child in [c for c in head.rights if c.dep_ in ("prep", "punct", "advmod", "npadvmod")]:
        child.head = noun


def _gerund_read_as_verb(gerund: Token) -> None:
    """"Fighting rages in Khartoum", "Shelling intensifies near Kharkiv": a line whose subject,
    a word of fighting, the parser read as a gerund heading the line and whose present verb it
    read as that gerund's plural object (``fight_news_verbs``). The verb heads the line and the
    fighting is its subject."""
    after = gerund.doc[gerund.i + 1] if gerund.i + 1 < gerund.sent.end else None
    if after is None or after.head.i != gerund.i or after.tag_ not in ("NNS", "VBZ") or (
            after.lower_ not in _fight_news_verbs()) or (
            gerund.lemma_.lower() not in _verbs_read_as_nouns()
            and gerund.lower_.removesuffix("ing") not in _verbs_read_as_nouns()):
        return
    after.pos_, after.tag_, after.dep_ = "VERB", "VBZ", "ROOT"
    after.head = after
    for child in [c for c in gerund.children if c.i > after.i]:
        child.head = after
    gerund.pos_, gerund.tag_ = "NOUN", "NN"
    gerund.head, gerund.dep_ = after, "nsubj"


def _gerund_after_place(gerund: Token) -> None:
    """"Woman killed in Donetsk shelling", "Two civilians killed in Khartoum shelling": the
    attack named by its place ("the Donetsk shelling") closes the line, and the parser took the
    place for the preposition's object and the attack for a verb of its own, heading the line
    or a clause. The attack is the preposition's object and the place its modifier; the
    participle heads the line with the one it was done to as its passive subject."""
    if gerund.dep_ == "POS" or gerund.pos_ == "NOUN":
        return
    place = gerund.doc[gerund.i - 1] if gerund.i > gerund.sent.start else None
    if place is None or place.dep_ != "pobj" or place.pos_ != "PROPN" or (
            place.head.dep_ != "prep") or (
            gerund.lemma_.lower() not in _verbs_read_as_nouns()
            and gerund.lower_.removesuffix("ing") not in _verbs_read_as_nouns()):
        return
    prep = place.head
    clause = prep.head
    subjects = [c for c in gerund.children if c.dep_ == "nsubj"]
    if any(c.dep_ not in ("punct", "nsubj") for c in gerund.children):
        return
    if gerund.dep_ == "ROOT":
        # "Two civilians killed in Khartoum shelling": the victims and their participle hang
        # from the attack
        if len(subjects) != 1 or clause.head.i != subjects[0].i or clause.dep_ != "acl" or (
                clause.tag_ not in ("VBN", "VBD")):
            return
        subject = subjects[0]
        clause.head, clause.dep_ = clause, "ROOT"
        subject.head, subject.dep_ = clause, "nsubjpass"
        for child in [c for c in gerund.children if c.dep_ == "punct"]:
            child.head = clause
    elif gerund.head.i != clause.i or subjects:
        return
    gerund.pos_, gerund.tag_ = "NOUN", "NN"
    gerund.head, gerund.dep_ = prep, "pobj"
    place.head, place.dep_ = gerund, "compound"


def _subject_read_as_compound(verb: Token) -> None:
    """"Fighting rages in Khartoum", "Army shells village": the line's present verb heads it,
    but the parser hung its subject from it as a modifier (``compound``). The word before the
    verb is its subject when it is a word of fighting before a verb of ``fight_news_verbs``, or
    a name or a side before a verb of ``verbs_read_as_nouns``."""
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if before is None or before.head.i != verb.i or before.dep_ != "compound" or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or any(
            t.pos_ in ("VERB", "AUX") for t in verb.sent if t.i not in (verb.i, before.i)):
        return
    fighting = before.lemma_.lower() in _verbs_read_as_nouns() or (
        before.lower_.removesuffix("ing") in _verbs_read_as_nouns())
    side = before.tag_ in ("NN", "NNP") and (
        before.pos_ == "PROPN" or before.lemma_.lower() in _side_nouns())
    verbs = _verbs_read_as_nouns()
    if not ((verb.lower_ in _fight_news_verbs() and fighting) or (
            side and (verb.lemma_.lower() in verbs or verb.lower_.removesuffix("s") in verbs)
            and any(c.dep_ in ("dobj", "prep", "appos") for c in verb.rights))):
        return
    verb.pos_, verb.tag_ = "VERB", "VBZ"
    before.dep_ = "nsubj"
    if fighting:
        before.pos_, before.tag_ = "NOUN", "NN"


def _read_as_singular_present_verb(noun: Token) -> None:
    """"Sudan's RSF shells El Fasher", "Colombian army clashes with ELN rebels", "Police fire at
    crowd": a verbless line whose subject and present verb the parser read as a noun with its
    modifier. Only where the word before it names a side (a name, or a noun such as "army" or
    "police" in actors.yaml) and a phrase follows: "Mortar shells near Donetsk" stays shells.
    The verb heads the line; the modifiers of the old noun are the subject's ("Sudan's" RSF,
    "Colombian" army), and a name set beside it is its object."""
    subject = noun.doc[noun.i - 1] if noun.i > noun.sent.start else None
    if subject is None or subject.head.i != noun.i or subject.dep_ not in ("compound", "nmod") or (
            subject.tag_ not in ("NN", "NNP")) or any(
            t.tag_ in ("VBZ", "VBP", "VBD", "MD") or t.pos_ == "AUX" for t in noun.sent):
        return
    if subject.pos_ != "PROPN" and subject.lemma_.lower() not in _side_nouns():
        return
    after = [c for c in noun.rights if c.dep_ in ("appos", "prep", "dobj", "npadvmod")]
    if not after:
        return
    for child in [c for c in noun.lefts if c.i < subject.i]:
        child.head = subject
    noun.pos_, noun.tag_ = "VERB", "VBZ" if noun.tag_ == "NNS" else "VBP"
    subject.dep_ = "nsubj"
    for child in after:
        if child.dep_ == "appos":
            child.dep_ = "dobj"


@cache
def _side_nouns() -> frozenset[str]:
    """The nouns that name a side (actors.yaml ``nouns``), weapons apart: "army", "police"."""
    data = load_yaml("actors.yaml")
    hardware = {str(w).lower() for w in data.get("hardware") or []}
    return frozenset(str(w).lower() for words in (data.get("nouns") or {}).values()
                     for w in words if str(w).lower() not in hardware)


@cache
def _doer_nouns() -> frozenset[str]:
    """The nouns that name a side, weapons that stand for it included ("Sniper wounds soldier",
    "Drone hits school"): with one of them before it, a word with a verb's "-s" before a noun
    is the verb."""
    data = load_yaml("actors.yaml")
    return frozenset(str(w).lower() for words in (data.get("nouns") or {}).values()
                     for w in words)


def _credited_present_verb(noun: Token) -> None:
    """"M23 and Kinshasa sign declaration of principles in Doha, Qatar's foreign ministry
    says": a headline verb read as a noun whose phrase the parser made a second subject of the
    credit's reporting verb. The verb heads the reported clause (the credit's complement), the
    names before it are its subject and the noun phrase after it its object."""
    head = noun.head
    credit = head.head
    if credit.lemma_.lower() not in _reporting_verbs() or not any(
        c.dep_ == "nsubj" and c.i > head.i for c in credit.children
    ):
        return  # the reporting verb has a subject of its own after the news
    subject = next((c for c in [*head.lefts, *noun.lefts] if c.i < noun.i
                    and c.dep_ in ("nmod", "compound") and c.pos_ in ("PROPN", "NOUN")), None)
    if subject is None:
        return
    noun.pos_, noun.tag_, noun.dep_ = "VERB", "VBP", "ccomp"
    noun.head = credit
    subject.head, subject.dep_ = noun, "nsubj"
    head.head, head.dep_ = noun, "dobj"


def _read_as_past_verb(verb: Token) -> None:
    """"A helicopter fired rockets at the convoy": a past-tense verb the parser took for an
    adjective of the noun after it, with the noun before it hung from it as a modifier
    (``npadvmod``, as in "a helicopter-fired rocket"); the verb heads the clause in the noun's
    place, the noun before it is its subject, the noun after it its object."""
    head = verb.head
    subject = verb.doc[verb.i - 1] if verb.i > 0 else None
    if head.i <= verb.i or subject is None or subject.head.i != verb.i or (
            subject.dep_ != "npadvmod" or subject.pos_ not in ("NOUN", "PROPN")):
        return
    for determiner in [c for c in head.children if c.dep_ == "det" and c.i < subject.i]:
        determiner.head = subject  # "A helicopter": the subject's article
    if head.dep_ == "ROOT":
        verb.head, verb.dep_ = verb, "ROOT"
    else:
        verb.head, verb.dep_ = head.head, "ccomp"  # "said a helicopter fired rockets"
    verb.pos_, verb.tag_ = "VERB", "VBD"
    subject.dep_ = "nsubj"
    head.head, head.dep_ = verb, "dobj"
    for child in [c for c in head.rights if c.dep_ in ("prep", "punct", "advmod", "npadvmod")]:
        child.head = verb


def _read_as_noun_modifier(word: Token) -> None:
    """"battlefield claims and support measures": a noun before a noun, joined to a noun, that
    the parser took for a verb with an object; it modifies the noun after it, which is the
    conjunct."""
    noun = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    if noun is None or noun.head.i != word.i or noun.dep_ != "dobj" or noun.pos_ != "NOUN" or any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "neg") for c in word.children):
        return
    noun.head, noun.dep_ = word.head, "conj"
    for child in [c for c in word.children if c.i > noun.i]:
        child.head = noun
    word.head, word.dep_ = noun, "compound"
    word.pos_, word.tag_ = "NOUN", "NN"


def _reduced_passive_subject(verb: Token) -> Token | None:
    # a participle the parser made an object with a subject of its own is a noun with its
    # reduced relative ("mourn a farmer shot dead by settlers", "protest over a student killed
    # by police"): the noun is what was done to
    object_clause = verb.dep_ in ("dobj", "pobj") and verb.tag_ == "VBN"
    if (verb.dep_ not in _CLAUSE_HEADS and not object_clause) or verb.pos_ != "VERB":
        return None
    if verb.tag_ not in ("VBN", "VBD"):
        return None
    if verb.lemma_ not in _object_verbs() and not (
        verb.tag_ == "VBN" and any(child.dep_ == "agent" for child in verb.children)
    ):
        return None  # "840 families evacuated": a participle of its own doer
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    if len(subjects) != 1 or _active(verb):
        return None
    subject = subjects[0]
    return subject if subject.pos_ in _SUBJECT_TAGS and subject.i < verb.i else None


def _read_as_participle(noun: Token) -> None:
    """"Two shot dead": the noun "shot" with its number is the verb with its subject."""
    after = noun.nbor() if noun.i + 1 < len(noun.doc) else None
    if after is None or after.lower_ != "dead":
        return
    noun.pos_, noun.tag_ = "VERB", "VBN"
    noun.lemma_ = _participles_read_as_nouns()[noun.lower_]
    if after.head == noun:
        after.dep_ = "oprd"
    for child in noun.lefts:
        if child.dep_ in ("nummod", "compound", "amod") and child.pos_ in _SUBJECT_TAGS:
            child.dep_ = "nsubj"


def _active(verb: Token) -> bool:
    """An auxiliary or an object, its own or a coordinated verb's: "Security forces
    shot and killed four protesters" shares its object."""
    return any(
        child.dep_ in _ACTIVE_MARKS
        or (child.dep_ == "conj" and any(c.dep_ in _ACTIVE_MARKS for c in child.children))
        for child in verb.children
    )


def _split_subordinate(noun: Token) -> None:
    """"Two soldiers killed as militants attack army post": the parser takes "soldiers" for the
    subject of "attack", with "killed" hanging from it. The participle heads the line and the
    clause after "as" (or "after", "when", "while") is subordinate to it."""
    verb = noun.head
    participle = _participle_of(noun)
    if participle is None or verb.i < participle.i or _active(participle) or noun.i > verb.i:
        return
    link = next((c for c in participle.rights if c.lower_ in _SUBORDINATORS and not list(
        c.children)), None)
    if link is None or not link.i < verb.i or not any(
        c.dep_ == "nsubj" and c.i > link.i for c in verb.children
    ):
        return
    head_dep, head_head = verb.dep_, verb.head
    participle.head = participle if head_dep == "ROOT" else head_head
    participle.dep_ = head_dep
    noun.head = participle
    noun.dep_ = "nsubjpass"
    verb.head = participle
    verb.dep_ = "advcl"
    link.head = verb
    link.dep_ = "mark"
    for mark in [c for c in verb.children if c.dep_ == "punct" and c.i > verb.i]:
        mark.head = participle


def _participle_of(noun: Token) -> Token | None:
    """The past participle hanging from a noun after it ("soldiers killed in ..."); a verb
    news always gives an object counts though tagged simple past ("servicemen killed amid
    shelling")."""
    return next((c for c in noun.rights if c.dep_ == "acl" and (
        c.tag_ == "VBN" or (c.tag_ == "VBD" and c.lemma_ in _object_verbs()))), None)


def _report_clause(noun: Token) -> None:
    """"Ukraine says one soldier killed in east": what a headline says happened is a clause
    (the passive it stands for), not the thing said with a participle hanging from it."""
    verb = noun.head
    participle = _participle_of(noun)
    if participle is None or _active(participle) or verb.lemma_ not in _reporting_verbs():
        return
    participle.head = verb
    participle.dep_ = "ccomp"
    noun.head = participle
    noun.dep_ = "nsubjpass"


def _raise_participle(noun: Token) -> None:
    """"Nine soldiers killed in ..." parsed as the noun with a participle: the participle heads."""
    participle = _participle_of(noun)
    if participle is None or _active(participle):
        return
    trailing = [child for child in noun.rights if child.dep_ == "punct" and child.i > participle.i]
    participle.head = participle
    participle.dep_ = "ROOT"
    noun.head = participle
    noun.dep_ = "nsubjpass"
    for mark in trailing:
        mark.head = participle
