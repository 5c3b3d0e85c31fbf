"""Build or update the index: Chroma vectors, the BM25 index and the sources file.

Incremental by construction: chunk ids carry a content hash, so only chunks
whose id the store lacks are embedded, and chunks no longer produced are deleted.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

import vectorstore
from rag.chunking import Chunk, chunk_source
from rag.config import Settings, get_settings
from rag.corpus import Skipped, load_corpus
from rag.embedding import SentenceEmbedder
from rag.lexical import LexicalIndex
from rag.sources_file import write_sources
from vectorstore import Embedder

EMBED_BATCH = 256
MANIFEST = "manifest.json"


@dataclass
class BuildReport:
    sources: int = 0
    chunks: int = 0
    embedded: int = 0
    deleted: int = 0
    replaced: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    location: str = ""

    def summary(self) -> str:
        lines = [
            f"{self.sources} sources, {self.chunks} chunks in {self.location}",
            (
                f"embedded {self.embedded} new or changed chunks, removed {self.deleted}"
                if self.embedded or self.deleted
                else "index up to date: nothing to embed"
            ),
        ]
        if self.replaced:
            lines.append(f"{self.replaced} duplicate ids: the newest answer was kept")
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)} records:")
            lines.extend(f"  {s.reason}" for s in self.skipped)
        lines.append(f"took {self.seconds:.1f} s")
        return "\n".join(lines)


def _store_location(settings: Settings) -> dict[str, Any]:
    """Where the collection lives: a Chroma server if one is set, else the index folder."""
    return {
        "name": settings.collection,
        "path": None if settings.chroma_host else settings.index_dir / "chroma",
        "host": settings.chroma_host,
        "port": settings.chroma_port,
    }


def open_index_store(
    embedder: Embedder, settings: Settings, *, create: bool = False
) -> vectorstore.VectorStore:
    return vectorstore.open_store(embedder, create=create, **_store_location(settings))


def build_index(
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    rebuild: bool = False,
    progress: bool = True,
) -> BuildReport:
    """Bring the index in ``settings.index_dir`` up to date with ``settings.corpus_dir``."""
    started = time.perf_counter()
    settings = settings or get_settings()
    embedder = embedder or SentenceEmbedder(settings.model_path)
    corpus = load_corpus(settings.corpus_dir)
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    if rebuild:
        vectorstore.drop_collection(**_store_location(settings))
    store = open_index_store(embedder, settings, create=True)

    chunks: list[Chunk] = [c for s in corpus.sources for c in chunk_source(s)]
    held = store.ids()
    wanted = {c.id for c in chunks}
    stale = sorted(held - wanted)
    fresh = [c for c in chunks if c.id not in held]
    store.delete(stale)
    with tqdm(total=len(fresh), desc="embedding chunks", unit="chunk", disable=not progress) as bar:
        for start in range(0, len(fresh), EMBED_BATCH):
            batch = fresh[start : start + EMBED_BATCH]
            store.add([c.id for c in batch], [c.text for c in batch], [c.metadata for c in batch])
            bar.update(len(batch))

    LexicalIndex.build(corpus.sources).save(settings.index_dir / "bm25")
    write_sources(settings.index_dir, corpus.sources)
    report = BuildReport(
        sources=len(corpus.sources),
        chunks=len(chunks),
        embedded=len(fresh),
        deleted=len(stale),
        replaced=corpus.replaced,
        skipped=corpus.skipped,
        location=store.location,
    )
    _write_manifest(settings.index_dir, embedder.model_id, report)
    report.seconds = time.perf_counter() - started
    return report


def _write_manifest(folder: Path, model_id: str, report: BuildReport) -> None:
    manifest = {
        "embedding_model": model_id,
        "sources": report.sources,
        "chunks": report.chunks,
        "skipped": len(report.skipped),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
