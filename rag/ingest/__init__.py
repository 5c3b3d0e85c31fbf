"""Ingest: written questions read from API records and saved answer pages into
:class:`rag.Source` records, each labelled with its answer type; and ``fetch``, which
brings the corpus up to date from the official API."""

from rag.ingest.answer_types import ANSWER_TYPES, references, refers_elsewhere
from rag.ingest.corpus import CorpusLoad, Skipped, load_corpus
from rag.ingest.fetch import DEFAULT_TERMS, FetchOptions, FetchReport, fetch

__all__ = [
    "ANSWER_TYPES",
    "CorpusLoad",
    "DEFAULT_TERMS",
    "FetchOptions",
    "FetchReport",
    "Skipped",
    "fetch",
    "load_corpus",
    "references",
    "refers_elsewhere",
]
