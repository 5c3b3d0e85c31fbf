"""LangChain integration: a ``BaseRetriever`` over the product's hybrid retrieval."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from rag.search import FILTER_NAMES, Filters, default_retriever
from rag.source import Passage


class WrittenAnswersRetriever(BaseRetriever):
    """Documents are passages; ``metadata`` carries the full source and the confidence."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    k: int = 5
    answered_by: str | None = None
    department: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    house: str | None = None
    answer_type: str | None = None
    retriever: Any = None  # a rag.search.Backend; default: the configured index

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        options = {name: getattr(self, name) for name in FILTER_NAMES}
        options.update({k: v for k, v in kwargs.items() if k in FILTER_NAMES})
        k = int(kwargs.get("k", self.k))
        backend = self.retriever or default_retriever()
        found = backend.search(backend.understand(query), k=k, filters=Filters.of(options))
        return [to_document(p) for p in found.passages]


def to_document(passage: Passage) -> Document:
    s = passage.source
    return Document(
        page_content=passage.text,
        id=passage.chunk_id or s.key,
        metadata={
            "score": passage.score,
            "relevance": passage.relevance,
            "key": s.key,
            "id": s.id,
            "uin": s.uin,
            "heading": s.heading,
            "question_text": s.question_text,
            "house": s.house,
            "asked_by": s.asked_by,
            "answered_by": s.answered_by,
            "department": s.department,
            "date_tabled": s.date_tabled.isoformat() if s.date_tabled else None,
            "date_answered": s.date_answered.isoformat() if s.date_answered else None,
            "url": s.url,
            "truncated": s.truncated,
            "answer_type": s.answer_type,
            "refers_to": list(s.refers_to),
        },
    )
