"""The trained models, run with numpy: a cheap linear stage on every message and an embedding stage
where a gate says the message needs a second look (a cascade).

**Cheap stage.** Per kind, a logistic regression over (1) the character 3-, 4- and 5-grams of the folded
words, the words, the word pairs and the emoji, hashed into ``2**BITS`` buckets by a fixed function (the
same in training and at run time, in every process), weighted by one over the square root of their number; and
(2) the context cues of :mod:`samen.signals.rules` (dense, 0 or 1 each), which the model weighs.

**Embedding stage.** Per kind, a logistic regression over the message's multilingual-e5-small embedding
(:mod:`samen.signals.embedding`) and the same cues. Its log-odds are blended with the cheap stage's
(``blend``: two weights and a bias per kind, fitted on the development pool).

**Gate.** A logistic regression over the same hashed n-grams and cues, trained for one question: does the
message hold any abuse at all, against ordinary chat (classes balanced; our grammar's harmless twins are
left to the blend). The embedding stage runs when the cheap stage would nudge (then the blend has the
last word on every nudge), when the message names a protected group and its cheap score reaches
:data:`GROUP_LOOK`, when it has the shape of harm that the gate must not wave through
(:func:`samen.signals.rules.shaped`: a labelling function fires, or an insult, a slur or a sexual word
comes with a laugh), or when the gate's log-odds reach ``gate_threshold``: chosen so that a set share of
everyday chat reaches the embedding stage in all, those sent on anyway counted first (the speed budget).
Elsewhere the cheap stage decides alone. A gate trained for
recall lets through far more harm at the same share of ordinary chat than the cheap stage's own scores
do, which are shaped by the thresholds set for precision (docs/signals.md).

Scores are calibrated so that each kind's threshold (chosen on the development pool) lands on 0.5.
The model file (``data/model.npz``) holds the hashed weights as float16 and everything else as float32.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from samen.signals.embedding import DIM
from samen.signals.rules import shaped

BITS = 18
BUCKETS = 1 << BITS
_MULT = np.uint64(0x9E3779B97F4A7C15)
_PRIME = np.uint64(1099511628211)
_SEEDS = {3: np.uint64(0x3C6EF372), 4: np.uint64(0xA54FF53A), 5: np.uint64(0x510E527F)}
MODEL_KINDS = ("insult", "identity_attack", "sexual", "threat")
MODEL_FILE = "data/model.npz"
#: A message that names a protected group gets the second look from this calibrated cheap score (0.5
#: nudges): hate against a group in a short line is where the cheap stage is weakest, and the band keeps
#: the group lines it reads as plainly harmless (most such everyday chat) out of the expensive stage.
#: Chosen on dev (docs/signals-rounds.md, the seventeenth round).
GROUP_LOOK = 0.1
#: Bumped whenever :func:`features` hashes differently or the file's layout changes.
FEATURES_VERSION = 6

Vector = npt.NDArray[np.float64]


#: Words after which the next :data:`NEGATION_REACH` words are marked as negated.
NEGATORS = frozenset(
    [
        "niet",
        "geen",
        "nooit",
        "niks",
        "niets",
        "noch",
        "not",
        "no",
        "never",
        "isnt",
        "arent",
        "dont",
        "doesnt",
        "wasnt",
        "werent",
        "aint",
        "cant",
        "wont",
        "neither",
        "nor",
    ]
)
NEGATION_REACH = 3


def features(words: Sequence[str], emoji: Sequence[str] = ()) -> npt.NDArray[np.int64]:
    """The hashed feature buckets of a message (with repeats; order does not matter): the character 3-, 4-
    and 5-grams of its words joined by spaces, the words, the pairs of neighbouring words, the words
    within :data:`NEGATION_REACH` after a negation marked as negated (Das and Chen 2001; Pang et al. 2002):
    "moslims zijn niet minderwaardig" then differs from "moslims zijn minderwaardig" by a feature the
    model can weigh against the word, while "X zijn geen mensen" keeps a negated word of its own; and
    each emoji, so that the knife in "ik kom je halen 🔪" weighs as a word would.

    Args:
        words: the message's folded words (:func:`samen.signals.normalize.tokens`).
        emoji: its emoji (:func:`samen.signals.normalize.pictographs`).
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
            marked = [
                i
                for i in range(len(words))
                if any(w in NEGATORS for w in words[max(0, i - NEGATION_REACH) : i])
                and words[i] not in NEGATORS
            ]
            if marked:
                parts.append(hashes[marked] * np.uint64(0x100000001B3) + np.uint64(0x2545F491))
        if emoji:
            signs = np.array([zlib.crc32(e.encode()) for e in emoji], dtype=np.uint64)
            parts.append(signs * np.uint64(0x100000001B3) + np.uint64(0x68E31DA4))
    if not parts:
        return np.zeros(0, dtype=np.int64)
    with np.errstate(over="ignore"):
        mixed = np.concatenate(parts) * _MULT
    return (mixed >> np.uint64(64 - BITS)).astype(np.int64)


#: The value of a cue that is on. Larger than the hashed features' (one over the square root of their
#: number): the few cues then cost less under the same L2 penalty, so the model can lean on them.
CUE_VALUE = 3.0


def cue_vector(names: Sequence[str], on: Collection[str]) -> npt.NDArray[np.float32]:
    """The dense cue features ``(len(names),)``: :data:`CUE_VALUE` where the cue is on, else 0."""
    return np.array([CUE_VALUE if n in on else 0.0 for n in names], dtype=np.float32)


def calibrate(p: Vector, thresholds: Vector) -> Vector:
    """Probabilities mapped piecewise-linearly so that each kind's threshold lands on 0.5 (a threshold of
    1 or more keeps the kind under 0.5: off)."""
    t = np.clip(thresholds, 1e-6, 1.0)
    low = 0.5 * p / t
    high = 0.5 + 0.5 * (p - t) / np.maximum(1.0 - t, 1e-6)
    out: Vector = np.where(t >= 1.0, p * 0.49, np.where(p >= t, high, low))
    return out


def worth_a_look(top: float, cues: Collection[str]) -> bool:
    """Whether a message gets the embedding stage whatever the gate says: the cheap stage would nudge it
    (``top``: its highest calibrated score, 0.5 nudges), it names a protected group (the ``group`` cue)
    and ``top`` reaches :data:`GROUP_LOOK`, or it has the shape of harm (:func:`rules.shaped`).

    The gate learns from everyday chat, where a laugh or a short line is common, so it waved through
    "I hate women." (cheap 0.36; 0.60 embedded; docs/signals-rounds.md, sixteenth and seventeenth rounds) and
    "ik maak je af haha", "i'm gonna murder you" (blend 0.90 and 0.89, never embedded; the thirty-third).
    """
    return top >= 0.5 or ("group" in cues and top >= GROUP_LOOK) or shaped(cues)


def _sigmoid(z: Vector) -> Vector:
    out: Vector = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
    return out


@dataclass(frozen=True)
class Model:
    """Both stages of the cascade (see the module's docstring).

    Attributes:
        kinds: the kinds scored, in column order.
        cues: the names of the dense cue features, in row order.
        hashed: cheap-stage weights per bucket ``(BUCKETS, kinds)``.
        cue_weights: cheap-stage weights per cue ``(cues, kinds)``.
        bias: cheap-stage biases ``(kinds,)``.
        embedding_weights: embedding-stage weights ``(384 + cues, kinds)``, or an empty array (no stage).
        embedding_bias: embedding-stage biases ``(kinds,)``.
        blend: ``(3, kinds)``: weight of the cheap log-odds, of the embedding log-odds, and a bias.
        gate: the gate's weights per bucket ``(BUCKETS,)``, then per cue, then its bias
            ``(BUCKETS + cues + 1,)``.
        gate_threshold: the gate's log-odds from which the embedding stage runs.
        thresholds: per kind, the cheap-stage probability that is reported as 0.5.
        cascade_thresholds: per kind, the same for the blended probability.
        subtypes: the identity subtypes of the subtype head, in column order.
        subtype_weights: subtype head weights per bucket ``(BUCKETS, subtypes)``.
        hidden_weights: ``(384 + cues, hidden)`` when the embedding stage is a one-hidden-layer perceptron
            (ReLU; then ``embedding_weights`` is ``(hidden, kinds)``), or an empty array (a linear head).
        hidden_bias: ``(hidden,)``.
    """

    kinds: tuple[str, ...]
    cues: tuple[str, ...]
    hashed: npt.NDArray[np.float32]
    cue_weights: npt.NDArray[np.float32]
    bias: npt.NDArray[np.float32]
    embedding_weights: npt.NDArray[np.float32]
    embedding_bias: npt.NDArray[np.float32]
    blend: npt.NDArray[np.float32]
    gate: npt.NDArray[np.float32]
    gate_threshold: float
    thresholds: npt.NDArray[np.float32]
    cascade_thresholds: npt.NDArray[np.float32]
    subtypes: tuple[str, ...]
    subtype_weights: npt.NDArray[np.float32]
    hidden_weights: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    hidden_bias: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, np.float32))
    # One contiguous row per kind: summing a row's gathered buckets is several times faster.
    rows: npt.NDArray[np.float32] = field(init=False, repr=False, compare=False)
    subtype_rows: npt.NDArray[np.float32] = field(init=False, repr=False, compare=False)
    hidden64: npt.NDArray[np.float64] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The gate's bucket weights ride along as a last row: one gather serves both.
        rows = np.vstack([self.hashed.T, self.gate[None, :BUCKETS]]) if self.gate.size else self.hashed.T
        object.__setattr__(self, "rows", np.ascontiguousarray(rows))
        object.__setattr__(self, "subtype_rows", np.ascontiguousarray(self.subtype_weights.T))
        # The perceptron's input is float64, so numpy cast the float32 hidden weights (a 6.5 MB copy) on
        # every embedded message: cast once here; the product is the same dgemv on the same values.
        object.__setattr__(self, "hidden64", self.hidden_weights.astype(np.float64))

    @property
    def has_embedding_stage(self) -> bool:
        return self.embedding_weights.size > 0

    def linear_logits(self, buckets: npt.NDArray[np.int64], cues: npt.NDArray[np.float32]) -> Vector:
        """The cheap stage's log-odds per kind, then (with a gate) the gate's: ``(kinds [+ 1],)``."""
        x = cues.astype(np.float64)
        z = x @ self.cue_weights + self.bias
        if self.gate.size:
            z = np.append(z, x @ self.gate[BUCKETS:-1] + self.gate[-1])
        if len(buckets):
            z = z + self.rows.take(buckets, axis=1).sum(axis=1, dtype=np.float64) / np.sqrt(len(buckets))
        out: Vector = np.asarray(z, dtype=np.float64)
        return out

    def cheap_logits(self, buckets: npt.NDArray[np.int64], cues: npt.NDArray[np.float32]) -> Vector:
        """The cheap stage's log-odds per kind."""
        return self.linear_logits(buckets, cues)[: len(self.kinds)]

    def embedding_logits(self, embedding: npt.NDArray[np.float32], cues: npt.NDArray[np.float32]) -> Vector:
        """The embedding stage's log-odds per kind."""
        x = np.concatenate([embedding, cues]).astype(np.float64)
        if self.hidden_weights.size:
            x = np.maximum(x @ self.hidden64 + self.hidden_bias, 0.0)
        out: Vector = x @ self.embedding_weights + self.embedding_bias
        return out

    def cheap(self, cheap_logits: Vector) -> Vector:
        """Calibrated cheap-stage scores per kind (0.5: the threshold), from :meth:`cheap_logits`."""
        return calibrate(_sigmoid(cheap_logits), self.thresholds.astype(np.float64))

    def second_look(self, linear_logits: Vector, calibrated: Vector, cues: Collection[str] = ()) -> bool:
        """Whether the embedding stage runs: the gate passes the message (from :meth:`linear_logits`), or
        :func:`worth_a_look` says so (``calibrated``: :meth:`cheap`'s scores, already computed; ``cues``: the
        names of the message's cues that are on)."""
        if not self.has_embedding_stage:
            return False
        kinds = len(self.kinds)
        gated = len(linear_logits) > kinds and linear_logits[kinds] >= self.gate_threshold
        return bool(gated or worth_a_look(float(calibrated.max()), cues))

    def blended(self, cheap_logits: Vector, embedding_logits: Vector) -> Vector:
        """Calibrated scores of the blended stages."""
        z = self.blend[0] * cheap_logits + self.blend[1] * embedding_logits + self.blend[2]
        return calibrate(_sigmoid(z), self.cascade_thresholds.astype(np.float64))

    def subtype(self, buckets: npt.NDArray[np.int64]) -> str | None:
        """The most likely identity subtype by the subtype head, or None without one."""
        if not self.subtypes or len(buckets) == 0:
            return None
        z = self.subtype_rows.take(buckets, axis=1).sum(axis=1, dtype=np.float64)
        return self.subtypes[int(np.argmax(z))]

    def dump(self) -> bytes:
        """The model as ``.npz`` bytes (hashed weights as float16; written the same way every time)."""
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            kinds=np.array(self.kinds),
            cues=np.array(self.cues),
            hashed=self.hashed.astype(np.float16),
            cue_weights=self.cue_weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            embedding_weights=self.embedding_weights.astype(np.float32),
            embedding_bias=self.embedding_bias.astype(np.float32),
            blend=self.blend.astype(np.float32),
            gate=self.gate.astype(np.float16),
            gate_threshold=np.array(self.gate_threshold, dtype=np.float32),
            thresholds=self.thresholds.astype(np.float32),
            cascade_thresholds=self.cascade_thresholds.astype(np.float32),
            subtypes=np.array(self.subtypes),
            subtype_weights=self.subtype_weights.astype(np.float16),
            hidden_weights=self.hidden_weights.astype(np.float32),
            hidden_bias=self.hidden_bias.astype(np.float32),
            features_version=np.array(FEATURES_VERSION),
        )
        return buffer.getvalue()


#: The most a model file may unpack to (the shipped one unpacks to about 9 MB): a small archive of
#: zeros can otherwise ask for gigabytes before its arrays are judged.
MAX_UNPACKED_BYTES = 64_000_000


def parse_model(blob: bytes) -> Model:
    """A model from ``.npz`` bytes written by :meth:`Model.dump`.

    Raises:
        ValueError: for bytes that are not such a file (an archive this code cannot open, arrays that are
            not finite floats or do not fit its kinds, cues or embedder, more than
            :data:`MAX_UNPACKED_BYTES` unpacked), or a model written for another version of :func:`features`
            or of the file's layout (rebuild it with ``samen signals train``).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ValueError(f"not a model file: it unpacks to {unpacked} bytes")
        return _parse_model(blob)
    # what a damaged or foreign archive raises on its way through zipfile, zlib and numpy
    except (
        EOFError, KeyError, AttributeError, TypeError, IndexError, NotImplementedError, RuntimeError,
        MemoryError, OSError, zlib.error, zipfile.BadZipFile,
    ) as error:  # fmt: skip
        raise ValueError(f"not a model file: {error!r}") from None


def _parse_model(blob: bytes) -> Model:
    loaded = np.load(io.BytesIO(blob), allow_pickle=False)
    if not isinstance(loaded, np.lib.npyio.NpzFile):
        raise ValueError("not a model file: one array, not an .npz archive")
    with loaded as data:
        version = int(data["features_version"]) if "features_version" in data.files else 1
        if version != FEATURES_VERSION:
            raise ValueError(f"model features version {version}, expected {FEATURES_VERSION}: retrain it")
        floats = partial(_floats, data)
        model = Model(
            kinds=tuple(str(k) for k in data["kinds"]),
            cues=tuple(str(c) for c in data["cues"]),
            hashed=floats("hashed"),
            cue_weights=floats("cue_weights"),
            bias=floats("bias"),
            embedding_weights=floats("embedding_weights"),
            embedding_bias=floats("embedding_bias"),
            blend=floats("blend"),
            gate=floats("gate"),
            gate_threshold=float(floats("gate_threshold")),
            thresholds=floats("thresholds"),
            cascade_thresholds=floats("cascade_thresholds"),
            subtypes=tuple(str(s) for s in data["subtypes"]),
            subtype_weights=floats("subtype_weights"),
            hidden_weights=floats("hidden_weights"),
            hidden_bias=floats("hidden_bias"),
        )
    misfit = _misfit(model)
    if misfit:
        raise ValueError(f"not a model file this code can use: {misfit}")
    return model


def _floats(data: np.lib.npyio.NpzFile, key: str) -> npt.NDArray[np.float32]:
    """One array of the file as float32, or ValueError when it holds other values than finite floats."""
    array = data[key]
    if array.dtype.kind != "f":
        raise ValueError(f"not a model file: {key} holds {array.dtype}, not floats")
    with np.errstate(over="ignore"):  # a float64 too large for float32 becomes inf, refused just below
        out = array.astype(np.float32)
    if not np.isfinite(out).all():
        raise ValueError(f"not a model file: {key} holds values that are not finite")
    return out


def _misfit(model: Model) -> str | None:
    """What in a model does not fit its own kinds and cues or this code (its kinds, the hashing's
    :data:`BUCKETS`, the embedder's :data:`~samen.signals.embedding.DIM`), or None when all fits. A file
    that passed reading would otherwise fail at its first message, mid-run."""
    if (
        not model.kinds
        or len(set(model.kinds)) != len(model.kinds)
        or not set(model.kinds) <= set(MODEL_KINDS)
    ):
        return f"kinds {model.kinds}"
    k, c = len(model.kinds), len(model.cues)
    shapes = {
        "hashed": (model.hashed, (BUCKETS, k)),
        "cue_weights": (model.cue_weights, (c, k)),
        "bias": (model.bias, (k,)),
        "thresholds": (model.thresholds, (k,)),
        "cascade_thresholds": (model.cascade_thresholds, (k,)),
        "subtype_weights": (model.subtype_weights, (BUCKETS, len(model.subtypes))),
    }
    if model.gate.size:
        shapes["gate"] = (model.gate, (BUCKETS + c + 1,))
    if model.has_embedding_stage:
        inputs, hidden = DIM + c, model.hidden_weights.shape[-1]
        shapes["embedding_bias"] = (model.embedding_bias, (k,))
        shapes["blend"] = (model.blend, (3, k))
        if model.hidden_weights.size:
            shapes["hidden_weights"] = (model.hidden_weights, (inputs, hidden))
            shapes["hidden_bias"] = (model.hidden_bias, (hidden,))
            shapes["embedding_weights"] = (model.embedding_weights, (hidden, k))
        else:
            shapes["embedding_weights"] = (model.embedding_weights, (inputs, k))
    for name, (array, shape) in shapes.items():
        if array.shape != shape:
            return f"{name} is {array.shape}, not {shape}"
    return None


def shipped_model_path() -> Path:
    """Where the package keeps its model (``data/model.npz``), whether or not the file is there."""
    return Path(str(resources.files("samen.signals").joinpath(MODEL_FILE)))


def load_model() -> Model | None:
    """The shipped model, or None when the package has none."""
    path = shipped_model_path()
    if not path.is_file():
        return None
    return parse_model(path.read_bytes())
