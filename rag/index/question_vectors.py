"""One vector per written question (its heading and the MP's question), for comparing a
user's question with the question a minister answered, beside the answer chunks.

Saved with each build as a float32 matrix (1.5 KB a record) and memory-mapped when
opened; a rebuild embeds only questions whose text changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from rag.index.reuse import vectors_reusing
from rag.source import Source
from vectorstore import Embedder

VECTORS = "questions.npy"
KEYS = "questions.json"
MAX_QUESTION_CHARS = 1000  # all-MiniLM-L6-v2 reads about this much


def question_text(source: Source) -> str:
    text = f"{source.heading}: {source.question_text}" if source.heading else source.question_text
    return text[:MAX_QUESTION_CHARS]


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


class QuestionVectors:
    """Normalised question vectors, one row per source key."""

    def __init__(self, keys: Sequence[str], digests: Sequence[str], vectors: np.ndarray) -> None:
        self.keys = list(keys)
        self.digests = list(digests)
        self.vectors = vectors
        self._row = {k: i for i, k in enumerate(self.keys)}

    @classmethod
    def build(
        cls,
        sources: Iterable[Source],
        embedder: Embedder,
        previous: QuestionVectors | None = None,
        batch: int = 256,
    ) -> tuple[QuestionVectors, int]:
        """The vectors for ``sources`` and how many were embedded (the rest reused)."""
        sources = list(sources)
        texts = [question_text(s) for s in sources]
        digests = [_digest(t) for t in texts]
        old = {}
        if previous is not None:
            old = {
                (k, d): previous.vectors[i]
                for i, (k, d) in enumerate(zip(previous.keys, previous.digests, strict=True))
            }
        reused = [old.get((s.key, d)) for s, d in zip(sources, digests, strict=True)]
        vectors, embedded = vectors_reusing(texts, reused, embedder, batch=batch, normalise=True)
        return cls([s.key for s in sources], digests, vectors), embedded

    def save(self, folder: Path) -> None:
        np.save(folder / VECTORS, self.vectors)
        (folder / KEYS).write_text(
            json.dumps({"keys": self.keys, "digests": self.digests}), encoding="utf-8"
        )

    @classmethod
    def load(cls, folder: Path) -> QuestionVectors | None:
        """The build's question vectors, or None for a build made before they existed."""
        if not (folder / VECTORS).exists():
            return None
        data = json.loads((folder / KEYS).read_text(encoding="utf-8"))
        return cls(data["keys"], data["digests"], np.load(folder / VECTORS, mmap_mode="r"))

    def similarities(self, query: Sequence[float], keys: Iterable[str]) -> dict[str, float]:
        """Cosine similarity of ``query`` (normalised) to each key's question."""
        keys = [k for k in keys if k in self._row]
        if not keys:
            return {}
        rows = np.asarray([self._row[k] for k in keys])
        sims = self.vectors[rows] @ np.asarray(query, dtype=np.float32)
        return dict(zip(keys, sims.tolist(), strict=True))

    def nearest(
        self, query: Sequence[float], k: int, allowed: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` questions nearest ``query`` (among ``allowed`` keys when given)."""
        if allowed is not None:
            found = self.similarities(query, allowed)
            return sorted(found.items(), key=lambda kv: -kv[1])[:k]
        sims = self.vectors @ np.asarray(query, dtype=np.float32)
        top = np.argsort(-sims)[:k]
        return [(self.keys[int(i)], float(sims[i])) for i in top]
