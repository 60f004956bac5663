"""Fixtures the test modules share."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.nlp import load


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real spaCy pipeline, loaded once for the whole run."""
    return load()
