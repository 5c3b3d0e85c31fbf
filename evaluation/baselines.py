"""Baselines measured in the same run as the product: BM25 over whole records, and the
plain LangChain pipeline (1,000-character chunks, the same model, ``similarity_search``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from evaluation.metrics import Ranker
from rag import Filters, Source
from rag.index import LexicalIndex, record_text, source_metadata
from vectorstore import SEARCH_EF

LANGCHAIN_CHUNK_CHARS = 1000


def bm25_baseline(sources: Mapping[str, Source]) -> Ranker:
    index = LexicalIndex.build(sources.values())

    def rank(question: str, filters: dict[str, Any]) -> list[str]:
        f = Filters.of(filters)
        allowed = {k for k, s in sources.items() if f.matches(s)} if f.active else None
        return [k for k, _ in index.search(question, k=10, allowed=allowed)]

    return rank


def langchain_baseline(sources: Mapping[str, Source], embedder: Any, folder: Path) -> Ranker:
    """The plain LangChain pipeline, persisted under ``folder`` so reruns skip embedding."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    client = chromadb.PersistentClient(
        path=str(folder), settings=ChromaSettings(anonymized_telemetry=False)
    )
    store = Chroma(
        client=client,
        collection_name="langchain_baseline",
        embedding_function=_LangChainEmbeddings(embedder),
    )
    # the same repeatable search as the product's index, so runs compare; set once (a
    # write on every run could meet "database is locked" while Chroma still compacts)
    hnsw = (store._collection.configuration or {}).get("hnsw") or {}
    if hnsw.get("ef_search") != SEARCH_EF:
        store._collection.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})
    if store._collection.count() == 0:
        splitter = RecursiveCharacterTextSplitter(chunk_size=LANGCHAIN_CHUNK_CHARS, chunk_overlap=0)
        docs = [
            Document(page_content=record_text(s), metadata=source_metadata(s))
            for s in sources.values()
        ]
        chunks = splitter.split_documents(docs)
        for start in range(0, len(chunks), 256):
            store.add_documents(chunks[start : start + 256])

    def rank(question: str, filters: dict[str, Any]) -> list[str]:
        where = Filters.of(filters).chroma_where(sources.values())
        docs = store.similarity_search(question, k=40, filter=where)
        keys: list[str] = []
        for d in docs:
            if d.metadata["source_key"] not in keys:
                keys.append(d.metadata["source_key"])
        return keys[:10]

    return rank


class _LangChainEmbeddings:
    """Adapts the product's embedder to LangChain's Embeddings interface."""

    def __init__(self, embedder: Any) -> None:
        self._embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return list(self._embedder.embed_documents(texts))

    def embed_query(self, text: str) -> list[float]:
        return list(self._embedder.embed_query(text))
