"""nlp.parse_segments: one Segment per stretch, in order, with its offset; a stretch repeated in
the same call is parsed once and each repeat gets its own equal Doc."""

from __future__ import annotations

from spacy.language import Language

from eventwire.nlp import LazyTokens, ParseMemo, capitalised, doc_text, parse_segments

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


def test_a_memo_hands_later_windows_a_copy_of_what_it_parsed(nlp: Language) -> None:
    post = "Gunmen attacked a checkpoint near the market on Tuesday, the army said."
    memo = ParseMemo()
    first = parse_segments(nlp, [(0, post), (100, FOOTER)], memo=memo)
    again = parse_segments(nlp, [(500, post)], memo=memo)[0]
    assert memo.docs[post] is not again.doc and first[0].doc is not again.doc
    attrs = ["ORTH", "POS", "TAG", "DEP", "HEAD", "LEMMA", "ENT_TYPE", "ENT_IOB", "SENT_START"]
    assert (first[0].doc.to_array(attrs) == again.doc.to_array(attrs)).all()
    assert (again.start, again.text) == (500, post)
    fresh = parse_segments(nlp, [(0, post)])[0].doc  # as parsed without a memo
    assert (fresh.to_array(attrs) == again.doc.to_array(attrs)).all()


def test_a_memo_keeps_at_most_its_budget_of_characters(nlp: Language) -> None:
    memo = ParseMemo(budget=len(FOOTER) + 10)
    parse_segments(nlp, [(0, FOOTER)], memo=memo)
    parse_segments(nlp, [(0, "Police arrested two men in Lagos on Friday.")], memo=memo)
    assert list(memo.docs) == ["Police arrested two men in Lagos on Friday."]
    assert memo.size == len("Police arrested two men in Lagos on Friday.")


def test_capitalised_and_lazy_tokens_read_as_the_docs_tokens(nlp: Language) -> None:
    doc = nlp("Troops of Ukraine's army entered Kupiansk.\n\nÉmile said   ÅLAND fell.")
    assert capitalised(doc) == [t.text[:1].isupper() for t in doc]
    tokens = LazyTokens(doc)
    assert len(tokens) == len(doc)
    assert [tokens[i].text for i in range(len(doc))] == [t.text for t in doc]
    assert tokens[3] is tokens[3]  # built once
    assert capitalised(nlp("")) == []
