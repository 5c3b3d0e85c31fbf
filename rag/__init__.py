"""Retrieval and grounded answers over UK Parliament written questions on SEND.

import rag
passages = rag.retrieve("how long can the council take to assess my son?", k=5)
reply = rag.answer("how long can the council take to assess my son?")

The pipeline, each stage a package that only uses the ones below it:
ingest (records) -> index (chunks, vectors, BM25) -> search (a Question, then passages)
-> advocacy (commitments) -> answering (quotes, checks, the reply).
"""

from rag.config import Settings, get_settings, set_offline_env

set_offline_env()  # before anything imports huggingface or chromadb

from rag.advocacy import Commitment, CommitmentGroup, commitments  # noqa: E402
from rag.answering import (  # noqa: E402
    Answer,
    AnswerSettings,
    Citation,
    GeneratedComposer,
    Support,
    answer,
    answer_stream,
    chat_model,
)
from rag.errors import (  # noqa: E402
    CorpusError,
    IndexBusyError,
    IndexNotReadyError,
    InvalidQueryError,
    RagError,
)
from rag.index import BuildReport, build_index  # noqa: E402
from rag.ingest import ANSWER_TYPES  # noqa: E402
from rag.search import (  # noqa: E402
    Filters,
    Question,
    Retrieval,
    RetrievalSettings,
    Retriever,
    corpus_facets,
    default_retriever,
    lookup,
    retrieve,
)
from rag.source import Passage, Source  # noqa: E402

__all__ = [
    "ANSWER_TYPES",
    "Answer",
    "AnswerSettings",
    "BuildReport",
    "Citation",
    "Commitment",
    "CommitmentGroup",
    "CorpusError",
    "Filters",
    "GeneratedComposer",
    "IndexBusyError",
    "IndexNotReadyError",
    "InvalidQueryError",
    "Passage",
    "Question",
    "RagError",
    "Retrieval",
    "RetrievalSettings",
    "Retriever",
    "Settings",
    "Source",
    "Support",
    "answer",
    "answer_stream",
    "build_index",
    "chat_model",
    "commitments",
    "corpus_facets",
    "default_retriever",
    "get_settings",
    "lookup",
    "retrieve",
]
