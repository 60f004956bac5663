"""nlp: the look-up twins of spaCy's attribute ruler and rule lemmatizer annotate exactly as
spaCy's own components do, on ordinary news wording and on the ruler's rarer patterns (rules of
several tokens, regular expressions, dependency tests, whitespace tokens)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer

from eventwire.nlp import MemoLemmatizer, TableAttributeRuler, load

TEXTS = [
    "Soldiers shelled the outskirts of the town overnight, killing three civilians, the "
    "regional governor said on Tuesday.",
    "Protesters gathered outside parliament and demanded that the minister resign; police "
    "did not intervene.",
    "It is what it is. There are no talks planned, and there's nothing to discuss, they said.",
    "I ai n't gon na do it, y' all. Let 's go, c'mon! We got ta leave. Nothin' happened.",
    "She gets what she wants and got it twice.  Whether he will sign is unclear.\n\nHe has.",
    "They gave it to me and told you about it. Which did he choose? That one.",
    "",
    "   ",
    "\n",
]

ATTRS = ["ORTH", "POS", "TAG", "DEP", "HEAD", "MORPH", "LEMMA", "ENT_TYPE", "ENT_IOB"]


@pytest.fixture(scope="module")
def stock() -> Language:
    return load(fast_rules=False)


def _annotations(nlp: Language, texts: list[str]) -> list[list[tuple]]:
    docs = list(nlp.pipe(texts))
    docs.append(nlp(texts[0]))  # one Doc at a time goes the same way
    return [[(*row, t.lemma_, str(t.morph)) for row, t in zip(d.to_array(ATTRS).tolist(), d,
                                                               strict=True)] for d in docs]


def test_nlp_fast_rules_annotate_as_spacy_does(nlp: Language, stock: Language) -> None:
    assert _annotations(nlp, TEXTS) == _annotations(stock, TEXTS)
    # twice over: the second pass answers from the tables' memory
    assert _annotations(nlp, TEXTS) == _annotations(stock, TEXTS)


def test_nlp_fast_rules_replace_the_components_in_place(nlp: Language, stock: Language) -> None:
    # and the rule that keeps the parser from cutting a sentence mid-phrase runs before it
    rule = "eventwire_no_break_midphrase"
    assert [n for n in nlp.pipe_names if n != rule] == stock.pipe_names
    assert nlp.pipe_names.index(rule) == nlp.pipe_names.index("parser") - 1
    assert isinstance(nlp.get_pipe("attribute_ruler_spacy"), AttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer_spacy"), Lemmatizer)
    assert "attribute_ruler_spacy" in nlp.disabled and "lemmatizer_spacy" in nlp.disabled
    assert isinstance(nlp.get_pipe("attribute_ruler").twin, TableAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer").twin, MemoLemmatizer)
    assert isinstance(stock.get_pipe("attribute_ruler"), AttributeRuler)


def test_nlp_attribute_ruler_with_unknown_operators_stays_spacys(stock: Language) -> None:
    ruler = AttributeRuler(stock.vocab)
    ruler.add([[{"LOWER": "x", "OP": "+"}]], {"POS": "X"})
    assert TableAttributeRuler.from_ruler(ruler) is None
    ruler = AttributeRuler(stock.vocab)
    ruler.add([[{"LOWER": "strike", "TAG": {"IN": ["NN", "VB"]}}]], {"LEMMA": "strike"})
    assert TableAttributeRuler.from_ruler(ruler) is not None
