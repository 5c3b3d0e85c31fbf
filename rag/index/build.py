"""Build or update the index: Chroma vectors, the BM25 index and the sources file.

Every build writes a new folder under ``builds/`` and only then points
``CURRENT`` at it (an atomic rename), so a build that dies at any point leaves
the previous index serving. Vectors of chunks that did not change are copied
from the previous build (chunk ids carry a hash of the embedded text), so only
new or changed chunks are embedded. One build at a time: a file lock.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import filelock
from tqdm import tqdm

import vectorstore
from rag.atomic import write_text_atomically
from rag.config import Settings, get_settings
from rag.errors import IndexBusyError, IndexNotReadyError
from rag.index.chunking import Chunk, chunk_source
from rag.index.embedding import make_embedder
from rag.index.lexical import LexicalIndex
from rag.index.question_vectors import QuestionVectors
from rag.index.sentence_vectors import SentenceVectors
from rag.index.sources_file import write_sources
from rag.ingest.corpus import Skipped, load_corpus
from vectorstore import Embedder, ModelMismatchError, StoreError

EMBED_BATCH = 1024  # texts per encode call: the model sorts each call by length, less padding
COPY_BATCH = 5000  # reused vectors written per call
# 2: question vectors beside the chunks; 3: a wider, repeatable search
# (vectorstore.SEARCH_EF); 4: sentence vectors. A build of another format is redone.
INDEX_FORMAT = 4
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
BUILDS = "builds"
LOCK = "build.lock"


@dataclass
class BuildReport:
    sources: int = 0
    chunks: int = 0
    embedded: int = 0
    reused: int = 0
    deleted: int = 0
    replaced: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    questions_embedded: int = 0
    sentences_embedded: int = 0
    seconds: float = 0.0
    location: str = ""

    def summary(self) -> str:
        lines = [
            f"{self.sources} sources, {self.chunks} chunks in {self.location}",
            (
                f"embedded {self.embedded} new or changed chunks, reused {self.reused}, "
                f"removed {self.deleted}; embedded {self.questions_embedded} questions"
                f" and {self.sentences_embedded} sentences"
                if self.embedded
                or self.deleted
                or self.questions_embedded
                or self.sentences_embedded
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


def current_build(settings: Settings) -> Path:
    """The folder of the build that ``CURRENT`` points at."""
    pointer = settings.index_dir / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise IndexNotReadyError(
            f"no index at {settings.index_dir}: build it with `python -m rag build`"
        ) from None
    folder = settings.index_dir / BUILDS / name
    if not name or not (folder / MANIFEST).exists():
        raise IndexNotReadyError(
            f"{pointer} points at a missing build ({name!r}): "
            "rebuild with `python -m rag build --rebuild`"
        )
    return folder


def open_build_store(
    embedder: Embedder, settings: Settings, build: Path, *, create: bool = False
) -> vectorstore.VectorStore:
    return vectorstore.open_store(embedder, create=create, **_store_location(settings, build))


def _store_location(settings: Settings, build: Path) -> dict[str, Any]:
    """A Chroma server if one is set (one collection per build), else the build folder."""
    return {
        "name": f"{settings.collection}-{build.name}",
        "path": None if settings.chroma_host else build / "chroma",
        "host": settings.chroma_host,
        "port": settings.chroma_port,
    }


def build_index(
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    rebuild: bool = False,
    progress: bool = True,
    embed_batch: int = EMBED_BATCH,
) -> BuildReport:
    """Bring the index in ``settings.index_dir`` up to date with ``settings.corpus_dir``."""
    settings = settings or get_settings()
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(settings.index_dir / LOCK)
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        raise IndexBusyError(
            f"another build is running on {settings.index_dir}: wait for it to finish "
            "(the current index keeps serving meanwhile)"
        ) from None
    try:
        return _build_locked(
            settings, embedder, rebuild=rebuild, progress=progress, embed_batch=embed_batch
        )
    finally:
        lock.release()


def _build_locked(
    settings: Settings,
    embedder: Embedder | None,
    *,
    rebuild: bool,
    progress: bool,
    embed_batch: int,
) -> BuildReport:
    started = time.perf_counter()
    embedder = embedder or make_embedder(
        settings.encoder, settings.model_path, settings.index_dir / "encoders"
    )
    corpus = load_corpus(settings.corpus_dir)
    chunks: list[Chunk] = [c for s in corpus.sources for c in chunk_source(s)]
    fingerprint = _fingerprint(
        embedder.model_id, chunks, corpus.sources, sentence_vectors=settings.sentence_vectors
    )
    report = BuildReport(
        sources=len(corpus.sources),
        chunks=len(chunks),
        replaced=corpus.replaced,
        skipped=corpus.skipped,
    )
    previous = _previous_store(settings, embedder, rebuild=rebuild)
    if previous is not None and not rebuild:
        folder, old = previous
        if _read_manifest(folder).get("fingerprint") == fingerprint:
            report.location = old.location
            report.seconds = time.perf_counter() - started
            return report

    build = settings.index_dir / BUILDS / f"{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
    build.mkdir(parents=True)
    store = open_build_store(embedder, settings, build, create=True)
    reused: dict[str, list[float]] = {}
    if previous is not None:
        held = previous[1].ids()
        report.deleted = len(held - {c.id for c in chunks})
        if not rebuild:
            reused = previous[1].vectors([c.id for c in chunks if c.id in held])
    report.reused = len(reused)
    report.embedded = len(chunks) - len(reused)
    _fill_store(store, chunks, reused, progress=progress, embed_batch=embed_batch)

    previous_questions = QuestionVectors.load(previous[0]) if previous and not rebuild else None
    questions, report.questions_embedded = QuestionVectors.build(
        corpus.sources, embedder, previous_questions
    )
    questions.save(build)
    if settings.sentence_vectors:
        previous_sentences = SentenceVectors.load(previous[0]) if previous and not rebuild else None
        sentences, report.sentences_embedded = SentenceVectors.build(
            corpus.sources, embedder, previous_sentences, progress=progress
        )
        sentences.save(build)
    LexicalIndex.build(corpus.sources).save(build / "bm25")
    write_sources(build, corpus.sources)
    report.location = store.location
    _write_json(
        build / MANIFEST,
        {
            "embedding_model": embedder.model_id,
            "collection": _store_location(settings, build)["name"],
            "sources": report.sources,
            "chunks": report.chunks,
            "skipped": len(report.skipped),
            "fingerprint": fingerprint,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        },
    )
    write_text_atomically(settings.index_dir / CURRENT, build.name)
    _remove_old_builds(settings, keep={build.name, previous[0].name if previous else ""})
    report.seconds = time.perf_counter() - started
    return report


def _previous_store(
    settings: Settings, embedder: Embedder, *, rebuild: bool
) -> tuple[Path, vectorstore.VectorStore] | None:
    """The build now serving and its store, or None if there is none to reuse."""
    try:
        folder = current_build(settings)
    except IndexNotReadyError:
        return None
    try:
        return folder, open_build_store(embedder, settings, folder)
    except ModelMismatchError:
        if rebuild:
            return None
        raise
    except StoreError:
        return None  # vectors gone (e.g. a reset server): embed everything


def _fill_store(
    store: vectorstore.VectorStore,
    chunks: list[Chunk],
    reused: dict[str, list[float]],
    *,
    progress: bool,
    embed_batch: int,
) -> None:
    """Copy reused vectors, embed the rest; metadata always comes from the new chunks."""
    old = [c for c in chunks if c.id in reused]
    fresh = [c for c in chunks if c.id not in reused]
    with tqdm(total=len(old), desc="copying unchanged", unit="chunk", disable=not progress) as bar:
        for start in range(0, len(old), COPY_BATCH):
            batch = old[start : start + COPY_BATCH]
            store.add(
                [c.id for c in batch],
                [c.text for c in batch],
                [c.metadata for c in batch],
                embeddings=[reused[c.id] for c in batch],
            )
            bar.update(len(batch))
    with tqdm(total=len(fresh), desc="embedding chunks", unit="chunk", disable=not progress) as bar:
        for start in range(0, len(fresh), embed_batch):
            batch = fresh[start : start + embed_batch]
            store.add([c.id for c in batch], [c.text for c in batch], [c.metadata for c in batch])
            bar.update(len(batch))


def _fingerprint(
    model_id: str, chunks: list[Chunk], sources: list[Any], *, sentence_vectors: bool
) -> str:
    """Changes whenever anything a build writes would change."""
    digest = hashlib.sha256(f"{INDEX_FORMAT}:{model_id}:{sentence_vectors}".encode())
    for c in chunks:
        digest.update(c.id.encode())
        digest.update(json.dumps(c.metadata, sort_keys=True, default=str).encode())
    for s in sources:
        digest.update(repr(s).encode())
    return digest.hexdigest()


def _remove_old_builds(settings: Settings, keep: set[str]) -> None:
    """Delete builds other than ``keep`` (older ones and any a killed build left half-written)."""
    builds = settings.index_dir / BUILDS
    for folder in builds.iterdir():
        if folder.name in keep or not folder.is_dir():
            continue
        if settings.chroma_host:
            vectorstore.drop_collection(**_store_location(settings, folder))
        shutil.rmtree(folder, ignore_errors=True)
    for legacy in ("chroma", "bm25", "sources.json", MANIFEST):  # the pre-builds/ layout
        path = settings.index_dir / legacy
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink()


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    write_text_atomically(path, json.dumps(data, indent=2))
