"""A linear model over hashed character and word n-grams, run with numpy.

Features are the character 3-, 4- and 5-grams of the folded words, the words and the word pairs, hashed
into ``2**BITS`` buckets by a fixed function (the same in training and at run time, in every process).
Each kind has one weight per bucket; a message's score for a kind is the logistic of the sum of its
features' weights over the square root of their number, plus a bias. The model file (``data/model.npz``)
holds the weights as float16, the biases and, per kind, the threshold that reached the precision we aim
for on the development data.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import numpy.typing as npt

BITS = 18
BUCKETS = 1 << BITS
_MASK64 = np.uint64((1 << 64) - 1)
_MULT = np.uint64(0x9E3779B97F4A7C15)
_PRIME = np.uint64(1099511628211)
_SEEDS = {3: np.uint64(0x3C6EF372), 4: np.uint64(0xA54FF53A), 5: np.uint64(0x510E527F)}
MODEL_KINDS = ("insult", "identity_attack", "sexual", "threat")
MODEL_FILE = "data/model.npz"
#: Bumped whenever :func:`features` hashes differently: a model trained on other buckets is refused.
FEATURES_VERSION = 2


def features(words: Sequence[str]) -> npt.NDArray[np.int64]:
    """The hashed feature buckets of a message (with repeats; order does not matter): the character 3-, 4-
    and 5-grams of its words joined by spaces, the words, and the pairs of neighbouring words.

    Args:
        words: the message's folded words (:func:`samen.signals.normalize.tokens`).
    """
    data = np.frombuffer(f" {' '.join(words)} ".encode(), dtype=np.uint8).astype(np.uint64)
    parts: list[npt.NDArray[np.uint64]] = []
    with np.errstate(over="ignore"):
        # Grow the n-gram hashes one character at a time: h holds the hashes of every n-character window.
        h = data
        for n in range(2, max(_SEEDS) + 1):
            if len(data) < n:
                break
            h = (h[:-1] * _PRIME) ^ data[n - 1 :]
            if n in _SEEDS:
                parts.append(h ^ _SEEDS[n])
        if words:
            hashes = np.array([zlib.crc32(w.encode()) for w in words], dtype=np.uint64)
            parts.append(hashes * np.uint64(0x100000001B3) + np.uint64(7))
            if len(hashes) > 1:
                parts.append((hashes[:-1] * _PRIME) ^ (hashes[1:] + np.uint64(0x5BD1E995)))
    if not parts:
        return np.zeros(0, dtype=np.int64)
    with np.errstate(over="ignore"):
        mixed = np.concatenate(parts) * _MULT
    return (mixed >> np.uint64(64 - BITS)).astype(np.int64)


@dataclass(frozen=True)
class LinearModel:
    """Weights ``(BUCKETS, kinds)``, biases and per-kind thresholds of the hashed n-gram model."""

    kinds: tuple[str, ...]
    weights: npt.NDArray[np.float32]
    bias: npt.NDArray[np.float32]
    thresholds: npt.NDArray[np.float32]
    # One contiguous row per kind: summing a row's gathered buckets is several times faster.
    rows: npt.NDArray[np.float32] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", np.ascontiguousarray(self.weights.T))

    def scores(self, buckets: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """The probability of each kind for a message's feature buckets."""
        if len(buckets) == 0:
            return np.zeros(len(self.kinds))
        z = self.rows.take(buckets, axis=1).sum(axis=1, dtype=np.float64) / np.sqrt(len(buckets)) + self.bias
        z = np.clip(z, -30.0, 30.0)
        probabilities: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-z))
        return probabilities

    def calibrated(self, buckets: npt.NDArray[np.int64]) -> dict[str, float]:
        """Scores mapped so that each kind's threshold lands on 0.5 (the reporting threshold)."""
        raw = self.scores(buckets)
        out: dict[str, float] = {}
        for kind, p, t in zip(self.kinds, raw, self.thresholds, strict=True):
            t = float(min(max(t, 1e-6), 1.0))
            if t >= 1.0:
                out[kind] = float(p) * 0.49
            elif p >= t:
                out[kind] = 0.5 + 0.5 * float(p - t) / (1.0 - t)
            else:
                out[kind] = 0.5 * float(p) / t
        return out

    def dump(self) -> bytes:
        """The model as ``.npz`` bytes (weights stored as float16)."""
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            kinds=np.array(self.kinds),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
            features_version=np.array(FEATURES_VERSION),
        )
        return buffer.getvalue()


def parse_model(blob: bytes) -> LinearModel:
    """A model from ``.npz`` bytes written by :meth:`LinearModel.dump`.

    Raises:
        ValueError: for a model whose features were hashed by another version of :func:`features`
            (rebuild it with ``samen signals train``).
    """
    with np.load(io.BytesIO(blob), allow_pickle=False) as data:
        version = int(data["features_version"]) if "features_version" in data.files else 1
        if version != FEATURES_VERSION:
            raise ValueError(f"model features version {version}, expected {FEATURES_VERSION}: retrain it")
        return LinearModel(
            kinds=tuple(str(k) for k in data["kinds"]),
            weights=data["weights"].astype(np.float32),
            bias=data["bias"].astype(np.float32),
            thresholds=data["thresholds"].astype(np.float32),
        )


def load_model() -> LinearModel | None:
    """The shipped model, or None when the package has none (the rules still work without it)."""
    path = resources.files("samen.signals").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return parse_model(path.read_bytes())
