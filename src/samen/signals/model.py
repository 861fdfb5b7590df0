"""A linear model over hashed character and word n-grams, run with numpy.

Features are the character 3-, 4- and 5-grams of the folded message and its words and word pairs, hashed
into ``2**BITS`` buckets by a fixed function (the same in training and at run time, in every process).
Each kind has one weight per bucket; a message's score for a kind is the logistic of the mean weight of
its features plus a bias. The model file (``data/model.npz``) holds the weights as float16, the biases
and, per kind, the threshold that reached the precision we aim for on the development data.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
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


def features(folded: str, words: Sequence[str]) -> npt.NDArray[np.int64]:
    """The hashed feature buckets of a message (with repeats; order does not matter).

    Args:
        folded: the folded message (:func:`samen.signals.normalize.fold`).
        words: its words (:func:`samen.signals.normalize.tokens`).
    """
    data = np.frombuffer(f" {' '.join(words)} ".encode(), dtype=np.uint8).astype(np.uint64)
    parts: list[npt.NDArray[np.uint64]] = []
    with np.errstate(over="ignore"):
        for n, seed in _SEEDS.items():
            if len(data) < n:
                continue
            h = np.full(len(data) - n + 1, seed, dtype=np.uint64)
            for k in range(n):
                h = (h * _PRIME) ^ data[k : len(data) - n + 1 + k]
            parts.append(h)
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

    def scores(self, buckets: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """The probability of each kind for a message's feature buckets."""
        if len(buckets) == 0:
            return np.zeros(len(self.kinds))
        z = self.weights[buckets].sum(axis=0, dtype=np.float64) / np.sqrt(len(buckets)) + self.bias
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
        )
        return buffer.getvalue()


def parse_model(blob: bytes) -> LinearModel:
    """A model from ``.npz`` bytes written by :meth:`LinearModel.dump`."""
    with np.load(io.BytesIO(blob), allow_pickle=False) as data:
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
