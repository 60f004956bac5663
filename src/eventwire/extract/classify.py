"""A learned second opinion on the ACLED sub-event type, where the rules stop generalising.

The rules (``ontology.Ontology.acled_type``) find the event and give it a PLOVER type, a mode,
actors and an ACLED sub-event type, each with its evidence. This module holds a multinomial
logistic regression over hashed word n-grams of the evidence sentence plus the rules' own
findings (PLOVER type, mode, sectors, weapon modes, the rules' ACLED sub-type), trained on
human-coded ACLED notes (``eventwire.extract.train``). It never finds an event the rules did not
find, and may only move the sub-event type to one the rules' PLOVER type can take
(``classifier.compatible`` in resources/ontology.yaml), when it is surer of that one than of the
rules' choice by ``classifier.margin``.

The weights ship as ``resources/acled_classifier.npz`` (numpy only at run time): the sorted
hashes of the features seen in training, a float16 weight matrix, the biases and the class
names. Features are hashed with CRC-32, which is stable across processes and platforms.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

import numpy as np

from ..model import AcledType

MODEL_FILE = "acled_classifier.npz"
# ACLED notes open with the date ("On 9 May 2020, ..."); news does not: drop it so that the
# model learns the event's words, not the notes' house style
_NOTE_DATE = re.compile(r"^\s*on (?:or about |around )?\d{1,2} \w+ \d{4}(?: \([^)]*\))?,?\s*")
_TOKEN = re.compile(r"[a-z][a-z'-]*|\d+")
_DIGITS = re.compile(r"\d+")


def in_training_half(row_id: str) -> bool:
    """Whether an ACLED row (by its id) is in the half the shipped classifier was trained on.

    A fixed split by a stable hash of the id, so that training, ``eventwire eval acled`` and
    the quality gate agree on which rows the model has seen without storing a list.
    """
    return zlib.crc32(f"eventwire-split:{row_id}".encode()) % 2 == 0


@dataclass(frozen=True)
class RuleView:
    """What the rules found about one event: the classifier's non-text features."""

    type: str
    mode: str | None
    actor_sector: str | None
    recipient_sector: str | None
    weapon_modes: tuple[str, ...]
    rule_sub: str | None


def words(text: str) -> list[str]:
    """The sentence's words as the classifier sees them: lower case, numbers as 0."""
    lowered = _NOTE_DATE.sub("", text.lower())
    return [_DIGITS.sub("0", t) for t in _TOKEN.findall(lowered)]


def features(text: str, view: RuleView) -> list[str]:
    """Feature strings of one event: word unigrams and bigrams, and the rules' findings."""
    tokens = words(text)
    found = [f"w:{t}" for t in tokens]
    found += [f"b:{a}_{b}" for a, b in pairwise(tokens)]
    found += [
        f"r:type={view.type}",
        f"r:mode={view.mode}",
        f"r:type_mode={view.type}/{view.mode}",
        f"r:actor={view.actor_sector}",
        f"r:recipient={view.recipient_sector}",
        f"r:pair={view.actor_sector}/{view.recipient_sector}",
        f"r:sub={view.rule_sub}",
    ]
    found += [f"r:weapon={m}" for m in view.weapon_modes]
    return found


def hashes(names: Iterable[str]) -> np.ndarray:
    """Stable 32-bit hashes of feature names (unique, sorted)."""
    return np.unique(np.fromiter((zlib.crc32(n.encode()) for n in names), dtype=np.int64))


def known(keys: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Positions in the sorted ``keys`` of those ``wanted`` hashes that are there."""
    at = np.searchsorted(keys, wanted)
    inside = at < len(keys)
    at, wanted = at[inside], wanted[inside]
    return at[keys[at] == wanted]


class SubtypeClassifier:
    """The shipped weights, and the rule that combines them with the rules' choice."""

    def __init__(
        self,
        keys: np.ndarray,
        weights: np.ndarray,
        bias: np.ndarray,
        classes: list[str],
        event_types: list[str],
    ) -> None:
        self.keys = keys
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.classes = classes
        self.index = {c: i for i, c in enumerate(classes)}
        self.event_type_of = dict(zip(classes, event_types, strict=True))

    def probabilities(self, text: str, view: RuleView) -> np.ndarray:
        """The model's probability of each sub-event type (``self.classes`` order)."""
        rows = known(self.keys, hashes(features(text, view)))
        scores = self.bias + self.weights[rows].sum(axis=0)
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def best(self, text: str, view: RuleView, allowed: Iterable[str]) -> tuple[str, float, float]:
        """The likeliest allowed sub-type, its probability and the rules' choice's."""
        probs = self.probabilities(text, view)
        candidates = [c for c in allowed if c in self.index]
        rule_p = float(probs[self.index[view.rule_sub]]) if view.rule_sub in self.index else 0.0
        if not candidates:
            return view.rule_sub or "", rule_p, rule_p
        top = max(candidates, key=lambda c: probs[self.index[c]])
        return top, float(probs[self.index[top]]), rule_p

    def acled(self, sub_event_type: str) -> AcledType:
        return AcledType(
            event_type=self.event_type_of[sub_event_type], sub_event_type=sub_event_type
        )

    @classmethod
    def load(cls, data: dict[str, np.ndarray]) -> SubtypeClassifier:
        return cls(
            keys=data["keys"],
            weights=data["weights"],
            bias=data["bias"],
            classes=[str(c) for c in data["classes"]],
            event_types=[str(c) for c in data["event_types"]],
        )


@lru_cache(maxsize=1)
def subtype_classifier() -> SubtypeClassifier | None:
    """The shipped classifier, or None when its weights are absent (rules alone)."""
    path = resources.files("eventwire.resources").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        return SubtypeClassifier.load({k: data[k] for k in data.files})
