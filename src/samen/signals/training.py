"""``samen signals train``: rebuild ``data/model.npz`` from the shared data sets and our own examples.

Reproducible: the same data gives the same file (fixed hashing, fixed split, fixed seeds). Each kind gets
a logistic regression over the hashed n-grams (scikit-learn's SGD, a development dependency). Its
threshold is the lowest that keeps the precision of the whole pipeline (rules and model together) at
:data:`TARGET_PRECISION` or more on the development pool; where no threshold does, the model is left out
for that kind and the rules alone decide.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from samen.signals.analyzer import MODEL_MIN_WORDS, THRESHOLD, Signals
from samen.signals.corpora import READERS, TRAINING_SETS, Example, own_examples
from samen.signals.lexicon import load_lexicon
from samen.signals.model import BUCKETS, MODEL_FILE, MODEL_KINDS, LinearModel, features
from samen.signals.normalize import fold, tokens
from samen.signals.rules import read_context, unmask

#: A nudge should be right at least this often on the development pool.
TARGET_PRECISION = 0.9
#: How much more one of our own examples counts than one from a shared set.
OWN_WEIGHT = 8.0
#: Sets a kind's model does not learn from: Davidson's "hate" follows slurs and dialect (its README warns of
#: dialect bias), which teaches the identity-attack head to flag words rather than attacks.
LEFT_OUT: dict[str, tuple[str, ...]] = {"identity_attack": ("davidson",)}
#: Inverse regularisation strength of each kind's logistic regression.
C = 4.0
#: The development pool for thresholds: sets whose labels mean what samen's kinds mean.
DEV_SETS = ("own", "convabuse", "edos", "rtp-lx")
#: The fewest nudges a threshold must add before its precision is trusted.
MIN_ADDED = 5
_GRID = tuple(round(float(t), 3) for t in np.arange(0.30, 0.996, 0.005))


class NoSklearn(Exception):
    """scikit-learn (a development dependency) is not installed."""


@dataclass(frozen=True)
class TrainReport:
    """What training wrote."""

    path: Path
    size: int
    docs: int
    seconds: float
    thresholds: dict[str, float]


def matrix(examples: Sequence[Example]) -> object:
    """The hashed feature matrix of examples (scipy CSR, one row per example, rows L2-normalised)."""
    from scipy import sparse

    lexicon = load_lexicon()
    rows: list[npt.NDArray[np.int64]] = []
    for example in examples:
        # The same words the analyser scores: folded, masked words spelt out.
        rows.append(features([unmask(w, lexicon) for w in tokens(fold(example.text))]))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    data = (
        np.concatenate([np.full(len(r), 1 / np.sqrt(max(1, len(r)))) for r in rows]) if rows else np.zeros(0)
    )
    m = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), BUCKETS))
    m.sum_duplicates()
    return m


def gather(root: Path) -> tuple[list[Example], list[Example]]:
    """The training examples and the development pool."""
    train: list[Example] = []
    dev: list[Example] = []
    for example in own_examples():
        (train if example.split == "train" else dev if example.split == "dev" else []).append(example)
    for name in TRAINING_SETS:
        for example in READERS[name](root):
            if example.split == "train":
                train.append(example)
            elif example.split == "dev" and name in DEV_SETS:
                dev.append(example)
    dev.extend(e for e in READERS["rtp-lx"](root) if e.split == "dev")
    return train, dev


def fit(train: Sequence[Example]) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Weights ``(BUCKETS, kinds)`` and biases, one logistic regression per kind."""
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise NoSklearn() from None
    weights = np.zeros((BUCKETS, len(MODEL_KINDS)), dtype=np.float32)
    bias = np.zeros(len(MODEL_KINDS), dtype=np.float32)
    full = matrix(train)
    for k, kind in enumerate(MODEL_KINDS):
        keep = np.array([e.source not in LEFT_OUT.get(kind, ()) for e in train])
        rows = [e for e, kept in zip(train, keep, strict=True) if kept]
        x = full[keep] if not keep.all() else full  # type: ignore[index]
        y = np.array([kind in e.kinds for e in rows])
        weight = np.array([OWN_WEIGHT if e.source == "own" else 1.0 for e in rows])
        clf = LogisticRegression(C=C, solver="liblinear", max_iter=200, random_state=0)
        clf.fit(x, y, sample_weight=weight)
        weights[:, k] = clf.coef_[0]
        bias[k] = clf.intercept_[0]
    return weights, bias


def choose_thresholds(model: LinearModel, dev: Sequence[Example]) -> npt.NDArray[np.float32]:
    """Per kind, the lowest threshold at which the nudges the model adds to the rules' are right at least
    :data:`TARGET_PRECISION` of the time on ``dev`` (right: the message holds some abuse), or 1 (off).

    A nudge is about the message, so "right" is judged at that level: a slur labelled as an insult is
    still a right nudge. At least :data:`MIN_ADDED` added nudges are needed to judge a threshold.
    """
    rules = Signals(load_lexicon(), None)
    thresholds = np.ones(len(MODEL_KINDS), dtype=np.float32)
    by_rules = []
    probabilities = []
    usable = []
    named_groups = []
    for example in dev:
        folded = fold(example.text)
        words = tokens(folded)
        scores = rules.score(folded, words)
        by_rules.append(any(s >= THRESHOLD for k, (s, _, _) in scores.items() if k in MODEL_KINDS))
        probabilities.append(model.scores(features([unmask(w, rules.lexicon) for w in words])))
        ctx = read_context(folded, words)
        quiet = ctx.distancing or ctx.in_group or ctx.laughing or rules.intensifier(words)
        usable.append(len(words) >= MODEL_MIN_WORDS and not quiet)
        named_groups.append(rules.group_named(words) is not None)
    probs = np.array(probabilities)
    truth = np.array([bool(e.kinds) for e in dev])
    fresh = ~np.array(by_rules) & np.array(usable)
    named = np.array(named_groups)
    for k, kind in enumerate(MODEL_KINDS):
        speaks = fresh & named if kind == "identity_attack" else fresh
        for t in _GRID:
            added = speaks & (probs[:, k] >= t)
            if added.sum() < MIN_ADDED:
                continue
            if (added & truth).sum() / added.sum() >= TARGET_PRECISION:
                thresholds[k] = t
                break
    return thresholds


def train_model(root: Path, out: Path | None = None) -> TrainReport:
    """Train the model on ``root`` (the shared data folder) and our examples; write it.

    Args:
        root: the shared data folder (``../shared/data``).
        out: the file to write (default: the package's ``data/model.npz``).
    """
    started = time.perf_counter()
    train, dev = gather(root)
    weights, bias = fit(train)
    model = LinearModel(MODEL_KINDS, weights, bias, np.ones(len(MODEL_KINDS), dtype=np.float32))
    thresholds = choose_thresholds(model, dev)
    model = LinearModel(MODEL_KINDS, weights.astype(np.float16).astype(np.float32), bias, thresholds)
    # Thresholds are chosen on the float32 weights; the float16 copy differs by far less than the grid step.
    blob = model.dump()
    path = out or Path(str(resources.files("samen.signals").joinpath(MODEL_FILE)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(blob)
    return TrainReport(
        path=path,
        size=len(blob),
        docs=len(train),
        seconds=round(time.perf_counter() - started, 1),
        thresholds={k: float(t) for k, t in zip(MODEL_KINDS, thresholds, strict=True)},
    )
