"""BM25 over whole records (heading, question and answer), persisted with the index."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from rag.source import Source

KEYS_FILE = "keys.json"


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(texts: Sequence[str], *, return_ids: bool = True) -> Any:
    """BM25's tokens: English stop words removed, Snowball-stemmed."""
    return bm25s.tokenize(
        list(texts), stopwords="en", stemmer=_stemmer(), return_ids=return_ids, show_progress=False
    )


def record_text(source: Source) -> str:
    return " ".join(filter(None, [source.heading, source.question_text, source.answer_text]))


class LexicalIndex:
    """BM25 scores for source records; filters are applied as a weight mask in the query."""

    def __init__(self, model: bm25s.BM25, keys: list[str]) -> None:
        self._model = model
        self.keys = keys
        self._position = {k: i for i, k in enumerate(keys)}

    @classmethod
    def build(cls, sources: Iterable[Source]) -> LexicalIndex:
        sources = list(sources)
        model = bm25s.BM25()
        model.index(tokenize([record_text(s) for s in sources]), show_progress=False)
        return cls(model, [s.key for s in sources])

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._model.save(str(folder))
        (folder / KEYS_FILE).write_text(json.dumps(self.keys), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        model = bm25s.BM25.load(str(folder), mmap=True)
        keys = json.loads((folder / KEYS_FILE).read_text(encoding="utf-8"))
        return cls(model, keys)

    def search(
        self, query: str, *, k: int, allowed: Collection[str] | None = None
    ) -> list[tuple[str, float]]:
        """Top ``k`` (key, BM25 score) pairs, only among ``allowed`` keys when given."""
        if not self.keys:
            return []
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self.keys), dtype=np.float32)
            for key in allowed:
                if key in self._position:
                    mask[self._position[key]] = 1.0
            if not mask.any():
                return []
        tokens = tokenize([query])
        if not tokens.vocab or not any(tokens.ids):
            return []
        k = min(k, len(self.keys))
        docs, scores = self._model.retrieve(
            tokens, k=k, show_progress=False, weight_mask=mask, n_threads=1
        )
        return [
            (self.keys[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0
        ]


def terms(text: str) -> set[str]:
    """The stemmed content words of ``text``, as BM25 sees them."""
    tokens = tokenize([text], return_ids=False)
    return set(tokens[0]) if tokens else set()


# Words in nearly every SEND answer say nothing about which sentence is on topic.
GENERIC_TERMS = terms(
    "school schools child children young people local authority authorities department "
    "government special educational needs send sen support education pupils"
)
