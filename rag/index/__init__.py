"""Index: chunks embedded into Chroma, BM25 over whole records, and the sources file,
built atomically (a new build folder, then ``CURRENT`` switched to it)."""

from rag.index.build import (
    BUILDS,
    BuildReport,
    build_index,
    current_build,
    open_build_store,
)
from rag.index.chunking import Chunk, chunk_source, source_metadata, split_text
from rag.index.embedding import (
    ENCODERS,
    SentenceEmbedder,
    base_model_id,
    make_embedder,
    same_model,
)
from rag.index.lexical import GENERIC_TERMS, LexicalIndex, record_text, terms
from rag.index.question_vectors import QuestionVectors
from rag.index.sentence_vectors import (
    SentenceVectors,
    sentence_vectors,
    use_build_sentences,
)
from rag.index.sources_file import read_sources

__all__ = [
    "BUILDS",
    "BuildReport",
    "base_model_id",
    "Chunk",
    "GENERIC_TERMS",
    "LexicalIndex",
    "QuestionVectors",
    "ENCODERS",
    "SentenceEmbedder",
    "SentenceVectors",
    "build_index",
    "chunk_source",
    "current_build",
    "make_embedder",
    "open_build_store",
    "read_sources",
    "record_text",
    "same_model",
    "sentence_vectors",
    "source_metadata",
    "split_text",
    "terms",
    "use_build_sentences",
]
