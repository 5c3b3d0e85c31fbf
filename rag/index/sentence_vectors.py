"""One vector per sentence of the answers, for choosing what to quote.

The answer step weighs every sentence of each answer it cites against the question
(``rag.answering.quotes``). Embedding them when a question comes in costs most of an
answer's time the first time an answer is cited, so a build embeds them all once
(3,312 distinct sentences, 5 MB, for the SEND corpus), saved as a float32 matrix beside
the sentences' digests and memory-mapped when opened; a rebuild embeds only sentences
it has not seen. :func:`sentence_vectors` looks there first, then in a cache of those
embedded on demand (a build made before sentence vectors existed, a new answer).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from rag.index.reuse import vectors_reusing
from rag.source import Source
from rag.text import sentences
from vectorstore import Embedder

log = logging.getLogger(__name__)

VECTORS = "sentences.npy"
DIGESTS = "sentences.json"
CACHED_SENTENCES = 20_000  # embedded on demand and kept between questions (about 30 MB)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class SentenceVectors:
    """The vectors of a build's answer sentences, by the sentence's digest."""

    def __init__(self, model_id: str, digests: Sequence[str], vectors: np.ndarray) -> None:
        if vectors.ndim != 2 or len(vectors) != len(digests):
            raise ValueError(f"{len(digests)} sentences but vectors of shape {vectors.shape}")
        self.model_id = model_id
        self.vectors = vectors
        self._row = {d: i for i, d in enumerate(digests)}

    @property
    def digests(self) -> list[str]:
        return list(self._row)

    def get(self, sentence: str) -> np.ndarray | None:
        return self._by_digest(_digest(sentence))

    def _by_digest(self, digest: str) -> np.ndarray | None:
        row = self._row.get(digest)
        return None if row is None else self.vectors[row]

    @classmethod
    def build(
        cls,
        sources: Iterable[Source],
        embedder: Embedder,
        previous: SentenceVectors | None = None,
        *,
        batch: int = 256,
        progress: bool = False,
    ) -> tuple[SentenceVectors, int]:
        """The vectors of every sentence of ``sources``' answers and how many were
        embedded (the rest reused from ``previous``, if built with the same model)."""
        said = list(dict.fromkeys(s for source in sources for s in sentences(source.answer_text)))
        if previous is not None and previous.model_id != embedder.model_id:
            previous = None
        digests = [_digest(s) for s in said]
        reused = [previous._by_digest(d) if previous is not None else None for d in digests]
        vectors, embedded = vectors_reusing(
            said, reused, embedder, batch=batch, progress=progress, unit="sentence"
        )
        return cls(embedder.model_id, digests, vectors), embedded

    def save(self, folder: Path) -> None:
        np.save(folder / VECTORS, self.vectors)
        (folder / DIGESTS).write_text(
            json.dumps({"embedding_model": self.model_id, "digests": self.digests}),
            encoding="utf-8",
        )

    @classmethod
    def load(cls, folder: Path) -> SentenceVectors | None:
        """The build's sentence vectors, or None for a build made without them or with
        damaged ones (they only save time: quotes then embed sentences as they need)."""
        if not (folder / VECTORS).exists():
            return None
        try:
            data = json.loads((folder / DIGESTS).read_text(encoding="utf-8"))
            vectors = np.load(folder / VECTORS, mmap_mode="r")
            return cls(data["embedding_model"], data["digests"], vectors)
        except (OSError, ValueError, KeyError, TypeError) as e:
            log.warning(
                "the sentence vectors in %s are damaged (%s): quotes will embed sentences "
                "as they need them; `python -m rag build --rebuild` makes them again",
                folder,
                e,
            )
            return None


_built: dict[str, SentenceVectors] = {}  # by embedding model: the index opened last
_cache: dict[tuple[str, str], np.ndarray] = {}
_lock = threading.Lock()


def use_build_sentences(build: Path, *, expected: bool = True) -> None:
    """Let quotes read ``build``'s sentence vectors before embedding any; say so if it
    has none though ``expected`` (an index built before they existed)."""
    vectors = SentenceVectors.load(build)
    if vectors is not None:
        with _lock:
            _built[vectors.model_id] = vectors
    elif expected:
        log.warning(
            "the index in %s has no sentence vectors (built before they existed): answers "
            "are slower the first time they quote an answer; `python -m rag build` adds them",
            build,
        )


def sentence_vectors(embedder: Embedder, said: Sequence[str]) -> np.ndarray:
    """The vectors of ``said``: from the opened build's, else embedded once and cached
    (the same answers are cited again and again). An embedder without a ``model_id``
    could be any model: its vectors are neither looked up nor kept."""
    model = str(getattr(embedder, "model_id", "") or "")
    if not model:
        return np.asarray(embedder.embed_documents(list(said)), dtype=np.float32)
    with _lock:
        built = _built.get(model)
        known = {s: built.get(s) if built is not None else None for s in said}
        known.update({s: _cache.get((model, s)) for s, v in known.items() if v is None})
    missing = [s for s, v in known.items() if v is None]
    if missing:
        found = np.asarray(embedder.embed_documents(missing), dtype=np.float32)
        known.update(zip(missing, found, strict=True))
        with _lock:
            if len(_cache) + len(missing) > CACHED_SENTENCES:
                _cache.clear()
            _cache.update({(model, s): v for s, v in zip(missing, found, strict=True)})
    return np.stack([known[s] for s in said])
