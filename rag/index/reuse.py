"""Vectors for a build: those a previous build holds are reused, only the rest embedded."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from tqdm import tqdm

from vectorstore import Embedder


def vectors_reusing(
    texts: Sequence[str],
    reused: Sequence[np.ndarray | None],
    embedder: Embedder,
    *,
    batch: int = 256,
    normalise: bool = False,
    progress: bool = False,
    unit: str = "text",
) -> tuple[np.ndarray, int]:
    """One float32 row per text: its ``reused`` vector where there is one, else embedded
    (in batches; scaled to unit length if ``normalise``); and how many were embedded."""
    fresh = [i for i, v in enumerate(reused) if v is None]
    dims = len(embedder.embed_query("dimension"))
    vectors = np.zeros((len(texts), dims), dtype=np.float32)
    for i, v in enumerate(reused):
        if v is not None:
            vectors[i] = v
    bar = tqdm(total=len(fresh), desc=f"embedding {unit}s", unit=unit, disable=not progress)
    with bar:
        for start in range(0, len(fresh), batch):
            rows = fresh[start : start + batch]
            found = np.asarray(embedder.embed_documents([texts[i] for i in rows]), dtype=np.float32)
            if normalise:
                found /= np.linalg.norm(found, axis=1, keepdims=True).clip(min=1e-9)
            vectors[rows] = found
            bar.update(len(rows))
    return vectors, len(fresh)
