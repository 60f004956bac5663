"""Train the ACLED sub-event classifier (extract/classify.py) on human-coded ACLED notes.

    python -m eventwire.extract.train [ACLED_CSV] [--out PATH] [--seed 13]

Only the rows of the training half (``classify.in_training_half``) are read for training; the
other half stays held apart for ``eventwire eval acled``. Each training row's notes are coded
by the rules first (the classifier sees what the rules found: PLOVER type, mode, sectors,
weapons, their sub-type), so rows where the rules find no ACLED event teach nothing. The model
is an L2-regularised multinomial logistic regression fitted by full-batch Adam in numpy, from a
fixed seed, so a retrain on the same file and rules gives the same weights. Five-fold
cross-validation inside the training half reports how the combination with the rules would
score at several margins (the margin in use is ``classifier.margin`` in ontology.yaml).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .classify import MODEL_FILE, RuleView, features, hashes, in_training_half, known

logger = logging.getLogger(__name__)

DEFAULT_DATA = Path("eval/acled-2020/acled.csv")  # under the shared data directory
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 2.0)  # 2.0: never overrule the rules


@dataclass(frozen=True)
class Example:
    text: str
    view: RuleView
    label: str
    event_type: str


@dataclass
class Fitted:
    keys: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    classes: list[str]


def rule_examples(path: Path, *, rows_wanted: str = "train") -> list[Example]:
    """Code the chosen half's rows with the rules alone and pair what they found with the
    coder's sub-event type (rows where the rules found no ACLED event are left out)."""
    from ..config import load_config
    from ..evaluate.coding import code_rows
    from ..evaluate.datasets import load_acled
    from . import main_event
    from .ontology import ontology

    want_train = rows_wanted == "train"
    rows = [r for r in load_acled(path) if in_training_half(r.id) == want_train]
    onto = ontology()
    onto.trace = {}
    try:
        coded, _ = code_rows(rows, config=load_config())
        trace = dict(onto.trace)
    finally:
        onto.trace = None
    examples = []
    for row, events in zip(rows, coded, strict=True):
        event = main_event(events)
        if event is None or event.acled is None:
            continue
        view = trace.get((event.evidence.text, event.type)) or RuleView(
            type=event.type,
            mode=event.mode,
            # an actor the event implies (basis "event") was no one when the rules chose
            actor_sector=(
                event.actor.sector if event.actor and event.actor.basis != "event" else None
            ),
            recipient_sector=event.recipient.sector if event.recipient else None,
            weapon_modes=(),
            rule_sub=event.acled.sub_event_type,
        )
        examples.append(Example(event.evidence.text, view, row.sub_event_type, row.event_type))
    return examples


def _matrix(examples: list[Example], keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CSR-style (row pointers, column indices) of the examples' known features."""
    pointers, columns = [0], []
    for example in examples:
        columns.extend(known(keys, hashes(features(example.text, example.view))).tolist())
        pointers.append(len(columns))
    return np.asarray(pointers), np.asarray(columns, dtype=np.int64)


def _scores(pointers: np.ndarray, columns: np.ndarray, weights: np.ndarray,
            bias: np.ndarray) -> np.ndarray:
    sums = np.zeros((len(pointers) - 1, weights.shape[1]), dtype=np.float64)
    filled = np.diff(pointers) > 0  # (reduceat would copy a value into an empty row)
    sums[filled] = np.add.reduceat(weights[columns], pointers[:-1][filled], axis=0)
    return sums + bias


def fit(examples: list[Example], *, seed: int = 13, min_count: int = 2, l2: float = 3e-4,
        steps: int = 300, rate: float = 0.05) -> Fitted:
    """Multinomial logistic regression over the examples' hashed features."""
    counts: Counter[int] = Counter()
    for example in examples:
        counts.update(hashes(features(example.text, example.view)).tolist())
    keys = np.asarray(sorted(k for k, n in counts.items() if n >= min_count), dtype=np.int64)
    classes = sorted({e.label for e in examples})
    index = {c: i for i, c in enumerate(classes)}
    pointers, columns = _matrix(examples, keys)
    row_of = np.repeat(np.arange(len(examples)), np.diff(pointers))
    target = np.zeros((len(examples), len(classes)))
    target[np.arange(len(examples)), [index[e.label] for e in examples]] = 1.0
    rng = np.random.default_rng(seed)
    weights = rng.normal(0.0, 0.01, (len(keys), len(classes)))
    bias = np.zeros(len(classes))
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros_like(bias),
               np.zeros_like(bias)]
    for step in range(1, steps + 1):
        scores = _scores(pointers, columns, weights, bias)
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        error = (probs - target) / len(examples)
        spread = error[row_of]
        grad_w = np.stack([np.bincount(columns, weights=spread[:, c], minlength=len(keys))
                           for c in range(len(classes))], axis=1)
        grad_w += l2 * weights
        grad_b = error.sum(axis=0)
        for i, grad, param in ((0, grad_w, weights), (2, grad_b, bias)):
            moments[i] = 0.9 * moments[i] + 0.1 * grad
            moments[i + 1] = 0.999 * moments[i + 1] + 0.001 * grad**2
            m_hat = moments[i] / (1 - 0.9**step)
            v_hat = moments[i + 1] / (1 - 0.999**step)
            param -= rate * m_hat / (np.sqrt(v_hat) + 1e-8)
    return Fitted(keys, weights, bias, classes)


def save(fitted: Fitted, event_types: dict[str, str], path: Path, note: str) -> None:
    np.savez_compressed(
        path,
        keys=fitted.keys,
        weights=fitted.weights.astype(np.float16),
        bias=fitted.bias.astype(np.float32),
        classes=np.asarray(fitted.classes),
        event_types=np.asarray([event_types[c] for c in fitted.classes]),
        trained_on=np.asarray(note),
    )


def _combined(model, examples: list[Example], margin: float, settings: dict) -> float:
    """Sub-type accuracy of rules + classifier at ``margin`` over ``examples``."""
    hits = 0
    for example in examples:
        choice = example.view.rule_sub
        if example.view.type in settings["types"]:
            allowed = settings["compatible"].get(example.view.type, [])
            best, best_p, rule_p = model.best(example.text, example.view, allowed)
            if best and best != choice and best_p - rule_p > margin:
                choice = best
        hits += choice == example.label
    return hits / max(1, len(examples))


def cross_validate(examples: list[Example], *, seed: int, folds: int = 5) -> dict[float, float]:
    """Mean sub-type accuracy of the combination at each margin, by k-fold CV."""
    from .classify import SubtypeClassifier
    from .ontology import ontology

    settings = ontology().classifier
    order = np.random.default_rng(seed).permutation(len(examples))
    totals = dict.fromkeys(MARGINS, 0.0)
    event_types = {e.label: e.event_type for e in examples}
    for fold in range(folds):
        test_at = set(order[fold::folds].tolist())
        train = [e for i, e in enumerate(examples) if i not in test_at]
        test = [e for i, e in enumerate(examples) if i in test_at]
        fitted = fit(train, seed=seed)
        model = SubtypeClassifier(fitted.keys, fitted.weights, fitted.bias, fitted.classes,
                                  [event_types[c] for c in fitted.classes])
        for margin in MARGINS:
            totals[margin] += _combined(model, test, margin, settings) * len(test)
    return {m: total / len(examples) for m, total in totals.items()}


def main(argv: list[str] | None = None) -> int:
    from ..config import shared_data

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, help="ACLED CSV (default: the dev set)")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[1] / "resources" / MODEL_FILE)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = parser.parse_args(argv)
    data = args.data or shared_data() / DEFAULT_DATA
    examples = rule_examples(data)
    print(f"{len(examples)} training-half rows with a rules event", file=sys.stderr)
    if not args.no_cv:
        for margin, accuracy in cross_validate(examples, seed=args.seed).items():
            print(f"  5-fold CV, margin {margin:.1f}: sub-type accuracy {accuracy:.4f}",
                  file=sys.stderr)
    fitted = fit(examples, seed=args.seed)
    note = (f"{data.name}: the {len(examples)} rows of the training half "
            f"(eventwire.extract.classify.in_training_half) with a rules event; seed {args.seed}")
    save(fitted, {e.label: e.event_type for e in examples}, args.out, note)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB, {len(fitted.keys)} features)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
