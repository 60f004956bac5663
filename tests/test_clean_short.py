"""clean() of short texts: a headline alone is its own body; labels and credits are cut, not
the story; wrapped lines are one sentence again; the map leads back to the input."""

from __future__ import annotations

import pytest

from eventwire.clean import clean_mapped
from eventwire.config import Config
from eventwire.errors import EmptyInputError
from eventwire.model import Article, Document
from eventwire.offsets import OffsetMap


def _clean(raw: str, **fields: object) -> tuple[Document, OffsetMap | None]:
    article = Article(id="s", raw=raw, source="test", **fields)  # type: ignore[arg-type]
    return clean_mapped(article, config=Config())


def _paragraphs(doc: Document) -> list[str]:
    return [doc.text[s:e] for s, e in doc.paragraphs]


@pytest.mark.parametrize("raw", [
    "In the Luhansk region, the occupiers killed two and wounded six civilians in a day",
    "Gunmen kill nine worshippers at mosque in northwest Nigeria",
    "police disperse crowd in Harare",
    "Kabul blast",
    "Source: three soldiers killed in Kidal ambush",
    "Read more: gunmen kill five in Zamfara",
    "Explosions heard in Kharkiv",
])
def test_a_text_that_is_only_a_headline_is_its_own_body(raw: str) -> None:
    doc, mapping = _clean(raw)
    assert doc.text.strip()
    assert mapping is not None
    start, end = mapping.span(0, len(doc.text))
    assert doc.text.casefold() in raw.casefold() or raw[start:end].endswith(doc.text[-5:])
    assert doc.title is None  # no headline apart from the body, so nothing is skipped as one


@pytest.mark.parametrize("raw", ["Advertisement\n\nShare\n\nSubscribe", "Share this\n|\n•", "  "])
def test_only_page_furniture_is_still_refused(raw: str) -> None:
    with pytest.raises(EmptyInputError):
        _clean(raw)


@pytest.mark.parametrize(("raw", "kept"), [
    ("BREAKING: Gunmen kill 12 in Zamfara village raid", "Gunmen kill 12 in Zamfara village raid"),
    ("Breaking news - Troops retake airport in Khartoum", "Troops retake airport in Khartoum"),
    ("JUST IN: Blast hits market in Peshawar", "Blast hits market in Peshawar"),
    ("UPDATE 3-Protesters storm parliament in Dhaka", "Protesters storm parliament in Dhaka"),
    ("Three killed as shelling hits Kherson - Reuters", "Three killed as shelling hits Kherson"),
    ("Three killed as shelling hits Kherson (Reuters)", "Three killed as shelling hits Kherson"),
    ("Riot police detain dozens in Istanbul | AFP", "Riot police detain dozens in Istanbul"),
    ("Drone hits Odesa port, two injured #Odesa #Ukraine", "Drone hits Odesa port, two injured"),
    ("\u26a1\ufe0f Drone hits Odesa port, two injured", "Drone hits Odesa port, two injured"),
    ("(Reuters) - Israeli strikes killed 20 in Gaza", "Israeli strikes killed 20 in Gaza"),
    # what only looks like a credit stays
    ("Troops killed 3 militants in Borno (Nigeria)",
     "Troops killed 3 militants in Borno (Nigeria)"),
    ("More than 800 refugees returned via La Guajira.",
     "More than 800 refugees returned via La Guajira."),
    ("(Reuters: Jane Example) Police fired tear gas in Lima.",
     "(Reuters: Jane Example) Police fired tear gas in Lima."),
    ("Breaking: rebels", "Breaking: rebels"),  # too little would be left
])
def test_alert_labels_and_credits_are_cut_from_the_block(raw: str, kept: str) -> None:
    doc, mapping = _clean(raw)
    assert doc.text == kept
    assert mapping is not None
    start, end = mapping.span(0, len(doc.text))
    assert raw[start:end] == kept


def test_all_capitals_are_read_in_title_case_at_the_same_offsets() -> None:
    raw = "GUNMEN KILL 12 IN ZAMFARA VILLAGE RAID"
    doc, mapping = _clean(raw)
    assert doc.text == "Gunmen Kill 12 In Zamfara Village Raid"
    assert mapping is not None and mapping.span(18, 25) == (18, 25)


def test_a_line_wrapped_mid_sentence_is_joined_and_a_headline_is_not() -> None:
    raw = ("Shelling kills two in Kherson\r\n"
           "Russian shelling killed two civilians in Kherson on Monday,\r\n"
           "the regional governor said.\r\n")
    doc, mapping = _clean(raw)
    assert _paragraphs(doc) == [
        "Shelling kills two in Kherson",
        "Russian shelling killed two civilians in Kherson on Monday, the regional governor said.",
    ]
    assert mapping is not None
    start, end = mapping.span(*doc.paragraphs[1])
    assert raw[start:end] == ("Russian shelling killed two civilians in Kherson on Monday,\r\n"
                              "the regional governor said.")


def test_a_blank_line_is_never_joined_over() -> None:
    doc, _ = _clean("Police said the march was peaceful and\n\nthe organisers agreed.")
    assert len(doc.paragraphs) == 2


def test_a_headline_printed_twice_is_kept_once() -> None:
    raw = ("Rebels seize town in eastern Congo\n\nRebels seize town in eastern Congo\n\n"
           "Rebels seized the town of Example on Sunday after heavy fighting, residents said.")
    doc, _ = _clean(raw)
    assert _paragraphs(doc)[:2] == ["Rebels seize town in eastern Congo",
                                    "Rebels seized the town of Example on Sunday after heavy "
                                    "fighting, residents said."]


def test_title_given_apart_from_plain_text_stays_metadata() -> None:
    doc, mapping = _clean("Rebels attacked an army post near Goma on Sunday.", title="Goma attack")
    assert doc.title == "Goma attack"
    assert doc.text == "Rebels attacked an army post near Goma on Sunday."
    assert mapping is not None


def test_html_has_no_map() -> None:
    doc, mapping = _clean("<html><body><p>Rebels attacked an army post near Goma on Sunday, "
                          "killing four soldiers, officials said.</p></body></html>",
                          content_type="html")
    assert "Goma" in doc.text
    assert mapping is None


@pytest.mark.parametrize("raw", [
    "Explosions in Kharkiv\nthe mayor reports hits in two districts",
    "Three killed in shelling\nthe governor said rescuers are at the scene",
])
def test_a_short_headline_over_a_lowercase_line_is_not_glued_to_it(raw: str) -> None:
    doc, _ = _clean(raw)
    assert _paragraphs(doc) == raw.split("\n")
