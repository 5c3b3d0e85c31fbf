"""Retrieval and grounded answers over UK Parliament written questions on SEND.

import rag
passages = rag.retrieve("how long can the council take to assess my son?", k=5)
"""

from rag.config import Settings, get_settings, set_offline_env

set_offline_env()  # before anything imports huggingface or chromadb

from rag.answer import Answer, Citation, answer  # noqa: E402
from rag.commitments import Commitment, CommitmentGroup  # noqa: E402
from rag.errors import CorpusError, IndexNotReadyError, InvalidQueryError, RagError  # noqa: E402
from rag.facets import corpus_facets  # noqa: E402
from rag.index import BuildReport, build_index  # noqa: E402
from rag.retrieve import Retriever, commitments, default_retriever, retrieve  # noqa: E402
from rag.source import Passage, Source  # noqa: E402

__all__ = [
    "Answer",
    "Citation",
    "answer",
    "Commitment",
    "CommitmentGroup",
    "commitments",
    "BuildReport",
    "CorpusError",
    "IndexNotReadyError",
    "InvalidQueryError",
    "Passage",
    "RagError",
    "Retriever",
    "Settings",
    "Source",
    "build_index",
    "corpus_facets",
    "default_retriever",
    "get_settings",
    "retrieve",
]
