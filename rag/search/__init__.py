"""Search: a question understood once (spelling, glossary, period, scope, intent),
then hybrid retrieval with filters over the index."""

from rag.search.conversation import (
    Message,
    Rewriter,
    keeps_words_and_topic,
    leans_on_earlier_turns,
    standalone,
)
from rag.search.facets import corpus_facets
from rag.search.filters import FILTER_NAMES, NO_FILTERS, Filters
from rag.search.glossary import Term, explain_terms
from rag.search.lookup import lookup
from rag.search.periods import Period
from rag.search.question import MAX_QUESTION_CHARS, Intent, Question, understand
from rag.search.retriever import (
    MAX_K,
    Backend,
    Retrieval,
    Retriever,
    default_retriever,
    retrieve,
    set_default_retriever,
)
from rag.search.settings import NO_QUALITY_WEIGHTS, QualityWeights, RetrievalSettings
from rag.search.specifics import as_written
from rag.search.spelling import Correction, Speller

__all__ = [
    "Backend",
    "Correction",
    "FILTER_NAMES",
    "Filters",
    "Intent",
    "MAX_K",
    "MAX_QUESTION_CHARS",
    "Message",
    "NO_FILTERS",
    "NO_QUALITY_WEIGHTS",
    "Period",
    "QualityWeights",
    "Question",
    "Retrieval",
    "RetrievalSettings",
    "Retriever",
    "Speller",
    "Term",
    "as_written",
    "corpus_facets",
    "default_retriever",
    "explain_terms",
    "leans_on_earlier_turns",
    "lookup",
    "retrieve",
    "set_default_retriever",
    "standalone",
    "Rewriter",
    "keeps_words_and_topic",
    "understand",
]
