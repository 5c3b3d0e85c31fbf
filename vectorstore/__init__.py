"""The Chroma-backed vector store: the only package that talks to Chroma.

It needs an embedder with ``embed_documents``, ``embed_query`` and a
``model_id`` string; it never lets Chroma choose an embedding function.
"""

from vectorstore.errors import ModelMismatchError, StoreError, StoreUnavailableError
from vectorstore.store import (
    SEARCH_EF,
    Embedder,
    Hit,
    VectorStore,
    drop_collection,
    open_store,
)

__all__ = [
    "SEARCH_EF",
    "Embedder",
    "Hit",
    "ModelMismatchError",
    "StoreError",
    "StoreUnavailableError",
    "VectorStore",
    "drop_collection",
    "open_store",
]
