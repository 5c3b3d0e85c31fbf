"""A thin wrapper over one Chroma collection with an explicit embedder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import chromadb
from chromadb.config import Settings

from vectorstore.errors import ModelMismatchError, StoreError, StoreUnavailableError

MODEL_KEY = "embedding_model"
# How widely a query searches the graph: well above the 150 chunks a search asks for.
# At Chroma's default (100) the tail of those 150 changed from one process to the next,
# and rankings with it (test-half MRR@10 moved by up to 0.013 between runs); at 1,000
# results repeat, and the SEND index is in effect searched exhaustively.
SEARCH_EF = 1000
Metadata = Mapping[str, str | int | float | bool]


class Embedder(Protocol):
    model_id: str

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


@dataclass(frozen=True)
class Hit:
    """One chunk returned by a query; ``similarity`` is cosine similarity in [-1, 1]."""

    id: str
    text: str
    metadata: dict[str, Any]
    similarity: float


class VectorStore:
    """One Chroma collection, tied to the embedding model that built it."""

    def __init__(self, collection: Any, embedder: Embedder, *, location: str) -> None:
        self._collection = collection
        self._embedder = embedder
        self.location = location

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    def count(self) -> int:
        return int(self._collection.count())

    def ids(self) -> set[str]:
        """All chunk ids held, paged so that large stores do not load at once."""
        found: set[str] = set()
        offset, page = 0, 5000
        while True:
            got = self._collection.get(include=[], limit=page, offset=offset)
            found.update(got["ids"])
            if len(got["ids"]) < page:
                return found
            offset += page

    def vectors(self, ids: Sequence[str]) -> dict[str, list[float]]:
        """The stored vectors of ``ids`` (those held), paged; lets a new build reuse them."""
        found: dict[str, list[float]] = {}
        for start in range(0, len(ids), 5000):
            got = self._collection.get(ids=list(ids[start : start + 5000]), include=["embeddings"])
            for i, vector in zip(got["ids"], got["embeddings"], strict=True):
                found[i] = [float(x) for x in vector]
        return found

    def add(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[Metadata],
        *,
        embeddings: Sequence[Sequence[float]] | None = None,
    ) -> None:
        """Add chunks, embedding them with the store's embedder unless vectors are given."""
        if not ids:
            return
        vectors = (
            embeddings if embeddings is not None else self._embedder.embed_documents(list(texts))
        )
        self._collection.upsert(
            ids=list(ids),
            documents=list(texts),
            metadatas=[dict(m) for m in metadatas],
            embeddings=[list(map(float, v)) for v in vectors],
        )

    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), 5000):
            self._collection.delete(ids=list(ids[start : start + 5000]))

    def query(
        self,
        text: str,
        *,
        k: int,
        where: dict[str, Any] | None = None,
        embedding: Sequence[float] | None = None,
    ) -> list[Hit]:
        """The ``k`` nearest chunks to ``text``, restricted by ``where`` inside Chroma."""
        vector = embedding if embedding is not None else self._embedder.embed_query(text)
        result = self._collection.query(
            query_embeddings=[list(map(float, vector))],
            n_results=k,
            where=where or None,
            include=["documents", "metadatas", "distances"],
        )
        return [
            Hit(id=i, text=doc or "", metadata=dict(meta or {}), similarity=1.0 - float(dist))
            for i, doc, meta, dist in zip(
                result["ids"][0],
                result["documents"][0],
                result["metadatas"][0],
                result["distances"][0],
                strict=True,
            )
        ]


def _client(path: Path | None, host: str | None, port: int) -> Any:
    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    if host:
        try:
            client = chromadb.HttpClient(host=host, port=port, settings=settings)
            client.heartbeat()
        except Exception as e:  # the client raises several types for "not reachable"
            raise StoreUnavailableError(
                f"cannot reach the Chroma server at {host}:{port} ({e}). Start it with "
                f"`chroma run --path .index/chroma-server --host {host} --port {port}`, "
                "or unset RAG_CHROMA_HOST to use the embedded store."
            ) from e
        return client
    if path is None:
        raise StoreError("either a path or a Chroma server host is needed")
    return chromadb.PersistentClient(path=str(path), settings=settings)


def open_store(
    embedder: Embedder,
    *,
    name: str,
    path: Path | None = None,
    host: str | None = None,
    port: int = 8000,
    create: bool = False,
) -> VectorStore:
    """Open (or, with ``create=True``, create) collection ``name``.

    The collection records ``embedder.model_id``; opening it with another model
    raises :class:`ModelMismatchError`, because its vectors would be meaningless.
    """
    if not create and host is None and (path is None or not Path(path).exists()):
        raise StoreUnavailableError(f"no index at {path}: build it with `python -m rag build`")
    client = _client(path, host, port)
    location = f"chroma://{host}:{port}/{name}" if host else f"{path}/{name}"
    try:
        if create:
            collection = client.get_or_create_collection(
                name=name,
                embedding_function=None,
                metadata={MODEL_KEY: embedder.model_id},
                configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_EF}},
            )
        else:
            collection = client.get_collection(name=name, embedding_function=None)
    except StoreError:
        raise
    except Exception as e:
        if create:
            raise StoreError(f"cannot create collection {name!r} at {location}: {e}") from e
        raise StoreUnavailableError(
            f"no collection {name!r} at {location}: build it with `python -m rag build`"
        ) from e
    built_with = (collection.metadata or {}).get(MODEL_KEY)
    if built_with != embedder.model_id:
        raise ModelMismatchError(
            f"the index at {location} was built with embedding model {built_with!r}, "
            f"not {embedder.model_id!r}; rebuild it with `python -m rag build --rebuild`"
        )
    return VectorStore(collection, embedder, location=location)


def drop_collection(
    *, name: str, path: Path | None = None, host: str | None = None, port: int = 8000
) -> None:
    """Delete collection ``name`` if it exists (used by a full rebuild)."""
    client = _client(path, host, port)
    try:
        client.delete_collection(name)
    except Exception:  # not found: nothing to drop
        return
