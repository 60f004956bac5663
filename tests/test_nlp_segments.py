"""nlp.parse_segments: one Segment per stretch, in order, with its offset; a stretch repeated in
the same call is parsed once and each repeat gets its own equal Doc."""

from __future__ import annotations

from spacy.language import Language

from eventwire.nlp import doc_text, parse_segments

FOOTER = "Sign up for our newsletter to stay informed about the news each day."


def test_parse_segments_repeats_share_a_parse_not_a_doc(nlp: Language) -> None:
    stretches = [(0, FOOTER), (80, "Police arrested two men in Lagos on Friday."), (200, FOOTER)]
    segments = parse_segments(nlp, stretches)
    assert [(s.start, s.text) for s in segments] == stretches
    first, _, again = segments
    assert first.doc is not again.doc
    attrs = ["ORTH", "POS", "TAG", "DEP", "HEAD", "LEMMA", "ENT_TYPE", "ENT_IOB"]
    assert (first.doc.to_array(attrs) == again.doc.to_array(attrs)).all()
    assert [e.text for e in first.doc.ents] == [e.text for e in again.doc.ents]
    assert again.end == 200 + len(FOOTER)


def test_doc_text_is_the_docs_text(nlp: Language) -> None:
    doc = nlp("Troops withdrew from the town.  Residents returned.\n")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)


def test_no_sentence_starts_at_a_lower_case_word_after_a_word(nlp: Language) -> None:
    text = ("At 9:30 a.m., three pipe bombs tied together blew apart a trash can just before the "
            "start of a charity run in Seaside Park. Police closed the beach.")
    starts = [s.text.split()[0] for s in nlp(text).sents]
    assert starts == ["At", "Police"], starts
