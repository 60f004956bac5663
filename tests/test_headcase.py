"""headcase: a headline In Which Every Word Starts With A Capital is parsed as sentence case
(its common words in lower case, its names as written), and every offset stays that of the
text as given. The texts are our own, in the shapes of headline-case titles."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.extract import main_event
from eventwire.headcase import sentence_case
from eventwire.nlp import _common_words, load


def _sentence_case(text: str) -> str:
    return sentence_case(text, _common_words(load()))


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("Insurgents Gun Down Two Teachers Near Kandahar",
         "Insurgents gun down two teachers near Kandahar"),
        # places named by common words together keep their case; a people keeps it
        ("Rebels Shell Villages In North Kivu As Fighting Spreads",
         "Rebels shell villages in North Kivu as fighting spreads"),
        ("Houthis Fire Missiles At Ship In The Red Sea",
         "Houthis fire missiles at ship in the Red Sea"),
        ("Nigerian Army Says It Freed 40 Hostages",
         "Nigerian army says it freed 40 hostages"),
        # a word in capitals and a common word naming a city of its own keep their case
        ("ELN Rebels Attack Police Post In Cali", "ELN rebels attack police post in Cali"),
    ],
)  # fmt: skip
def test_headline_case_is_parsed_as_sentence_case(text: str, parsed: str) -> None:
    assert _sentence_case(text) == parsed


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents gunned down two teachers near Kandahar on Monday.",  # sentence case
        "Fighting In Kandahar",  # too short to tell
        "The Minister met Officials from Kandahar and Herat to discuss the budget for the year.",
    ],
)
def test_other_lines_are_parsed_as_written(text: str) -> None:
    assert _sentence_case(text) == text


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Insurgents Gun Down Two Teachers Near Kandahar", "Attack"),
        ("Insurgents Storm Army Base In Borno State, Seize Weapons", "Armed clash"),
        ("Militants Gun Down Migrant Worker In Shopian", "Attack"),
    ],
)
def test_headline_case_coded_with_its_offsets_as_given(text: str, sub: str) -> None:
    event = main_event(eventwire.extract(text))
    assert event is not None and event.acled is not None
    assert event.acled.sub_event_type == sub
    assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    for part in (event.actor, event.recipient, event.location):
        if part is not None and part.start is not None and part.end is not None:
            assert text[part.start : part.end] == part.text


def test_common_words_are_kept_per_pipeline_and_freed_with_it() -> None:
    import gc
    import weakref

    import spacy

    blank = spacy.blank("en")  # no lemma tables: no word is common to it
    assert not _common_words(blank)("house")
    assert _common_words(load())("house")  # not the blank pipeline's answer
    gone = weakref.ref(blank)
    del blank
    gc.collect()
    assert gone() is None  # the cache does not keep a pipeline alive
