"""CaseBlind finds what re.IGNORECASE finds, at the same offsets, with the text as given."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.casefold import CaseBlind

_PATTERNS = [
    r"kill|dead|li(?:fe|ves)|(?:shot|hit) in the",
    r"\b(?:in|did|didn’t|killed)\b",
    r"(?<![\w'])(?P<wd>(?:last|this\s+past)\s+)?(?P<wn>monday|sunday)(?![\w])",
    r"[^\W_]+(?:[-'’][^\W_]+)*",
]
# letters of both cases, the four characters IGNORECASE folds to ASCII letters, word joiners
_ALPHABET = "kKiIsSlLdDeEaAfFvVtThHnNmMoOyYwW \n'’-_.İıſK\u212aé1"


@pytest.mark.parametrize("source", _PATTERNS)
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=_ALPHABET, max_size=40))
def test_casefold_matches_as_ignorecase(source: str, text: str) -> None:
    blind, fast = re.compile(source, re.IGNORECASE), CaseBlind(source)
    expected = [(m.span(), m.group(), m.lastgroup) for m in blind.finditer(text)]
    assert [(m.span(), m.group(), m.lastgroup) for m in fast.finditer(text)] == expected
    assert fast.found(text) == bool(expected)


def test_casefold_reads_groups_from_the_text_as_given() -> None:
    found = CaseBlind(r"(?P<m>may|june)\s+(?P<d>\d+)").search("On May 5 they met")
    assert found is not None and found.group("m") == "May" and found.group() == "May 5"
    assert found.span("d") == (7, 8)


def test_casefold_keeps_the_flag_for_capitals_in_the_pattern() -> None:
    assert CaseBlind(r"[A-Z]\w+").bound is None
    assert CaseBlind(r"\x41").bound is None
    assert CaseBlind(r"\W+(?P<x>ab)").bound is not None
