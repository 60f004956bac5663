"""Which date a sentence's event takes, read from the parse: the date its own noun carries
("sentenced on Tuesday for a shooting in March 2022"), else the sentence's first date phrase
unless that phrase tells another event's time, in a clause beside the trigger's ("talks were
constructive and another round is planned for next week"), else the date told before the
sentence. The phrases themselves are found and resolved by ``dates.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import DateValue, Document
from ..nlp import span_text
from . import dates
from .modality import words as modality_words

# clauses beside or below another, whose date is their own (``_dates_clause``)
_SIDE_CLAUSES = frozenset({"conj", "advcl", "relcl", "ccomp", "xcomp", "parataxis"})


@dataclass(frozen=True)
class SentenceDates:
    """The date phrases of one sentence (value, start, end within it) and the date told
    before it, which a sentence without a date of its own carries on."""

    found: list[tuple[DateValue, int, int]]
    earlier: DateValue | None = None

    def of(self, heads: list[Token], sentence: Span) -> DateValue | None:
        """The date of the event whose triggers are ``heads``: the sentence's first date
        phrase, unless it tells another event's time, in a clause beside them ("talks in Abu
        Dhabi were constructive and another round is planned for next week"): then none; the
        earlier date where the sentence has no date phrase."""
        if not self.found:
            return self.earlier
        value, start, end = self.found[0]
        if len(span_text(sentence)[:start].split()) <= 2:
            return value  # "On 2 May 2020, ...", "Late on Sunday, ...": the whole sentence's
        span = sentence.doc.char_span(sentence.start_char + start, sentence.start_char + end,
                                      alignment_mode="expand")
        if span is None or any(_dates_clause(span.root, head) for head in heads):
            return value
        return None


def _dates_clause(date_head: Token, head: Token) -> bool:
    """Whether a date phrase headed by ``date_head`` dates the clause of ``head``. It does not
    when the word it dates is a noun it hangs from by a preposition ("the killing on 19
    December") or a clause beside or below the trigger's ("... and another round is planned
    for next week") that does not hold the trigger; a report's date ("as reported on 2 May")
    dates what is reported."""
    if head == date_head or head in date_head.ancestors:
        return True
    below, dated = date_head, None
    for token in date_head.ancestors:
        if (token.pos_ in ("VERB", "AUX") and token.dep_ != "acl") or (
            token.pos_ == "NOUN" and below.dep_ == "prep"
        ):
            dated = token
            break
        below = token
    if dated is None or dated == head or dated in head.ancestors:
        return True
    if dated.pos_ == "NOUN":
        return False
    if dated.lemma_.lower() in modality_words().reporting_verbs:
        return True
    return dated.dep_ not in _SIDE_CLAUSES


def own_date(head: Token, sentence: Span, document: Document) -> DateValue | None:
    """The date a noun trigger carries itself ("sentenced on Tuesday for a shooting in March
    2022"): it wins over the sentence's first date, which may be another event's."""
    if head.pos_ != "NOUN":
        return None
    first, last = head.left_edge.i, head.right_edge.i
    for entity in sentence.ents:
        if entity.label_ == "DATE" and first <= entity.start and entity.end - 1 <= last:
            found = dates.resolve_date(entity.text, document.published)
            if found is not None:
                return found
    return None
