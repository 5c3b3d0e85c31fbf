"""What retrieval can be tuned by, with the values the product ships with.

Every number that shapes a ranking lives here, named, so that a variant is built by
passing values (``replace(RetrievalSettings(), fusion="rrf")``), never by patching.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rag.data import shipped
from rag.errors import InvalidQueryError

# Fusion weights learned from labelled questions by `python -m evaluation.learn_ranking`.
_LEARNED = shipped("ranking.json")

Fusion = Literal["score", "rrf"]
FUSIONS = ("score", "rrf")


@dataclass(frozen=True)
class QualityWeights:
    """Down-weights for answers unlikely to be the best one to cite (1.0: no change)."""

    holding: float = 0.8
    refers_elsewhere: float = 0.85
    truncated: float = 0.97  # a quarter of the corpus is cut at 255 characters: 0.93 was too much


NO_QUALITY_WEIGHTS = QualityWeights(holding=1.0, refers_elsewhere=1.0, truncated=1.0)


@dataclass(frozen=True)
class RetrievalSettings:
    """How questions are read and results ranked; the defaults are the product's."""

    # Shares of the fused score (fusion "score"): the answer chunks by meaning, BM25, and
    # the user's question against the MP's question; learned (rag/data/ranking.json).
    dense_weight: float = _LEARNED["dense_weight"]
    lexical_weight: float = _LEARNED["lexical_weight"]
    question_weight: float = _LEARNED["question_weight"]
    # Added in proportion to the share of the question's names and years a record
    # mentions ("We're in County Durham ..."): its embedding and BM25 weigh a place
    # name as one word among many; learned too (fusion "score" only).
    names_weight: float = _LEARNED.get("names_weight", 0.0)
    fusion: Fusion = "score"
    rrf_k: int = 60  # reciprocal rank fusion's constant (fusion "rrf")
    dense_chunks: int = 150  # chunks the embedding search returns (several per source)
    lexical_candidates: int = 100  # records BM25 returns
    question_candidates: int = 50  # records whose MP's question is nearest the user's
    # Results beyond the k asked for that may still move up when a newer answer says
    # the same thing as one ranked above it.
    reorder_window: int = 10
    quality: QualityWeights = field(default_factory=QualityWeights)
    # MiniLM's cosine similarities between a question and a relevant passage sit
    # roughly in 0.25-0.75; that range maps onto a [0, 1] confidence.
    confidence_floor: float = 0.25
    confidence_ceiling: float = 0.75
    # A question written answers cannot answer (rag.search.scope) keeps its ranking,
    # but no result's confidence can reach the answer step's threshold.
    out_of_scope_factor: float = 0.3
    max_keys_in_where: int = 25_000  # above this a metadata filter is cheaper than keys
    cached_filters: int = 64  # filters whose matching keys are kept between queries
    learned_confidence: bool = True  # rag/data/confidence.json, where it is shipped
    correct_spelling: bool = True
    use_glossary: bool = True

    def __post_init__(self) -> None:
        if self.fusion not in FUSIONS:
            raise InvalidQueryError(
                f"fusion must be one of {', '.join(FUSIONS)}, got {self.fusion!r}"
            )
        weights = (self.dense_weight, self.lexical_weight, self.question_weight)
        if self.names_weight < 0:
            raise InvalidQueryError(f"names_weight must be at least 0, got {self.names_weight}")
        if min(weights) < 0 or not any(weights):
            raise InvalidQueryError(
                "dense_weight, lexical_weight and question_weight must be at least 0 and not "
                f"all 0, got {self.dense_weight}, {self.lexical_weight} and {self.question_weight}"
            )
        for name in ("rrf_k", "dense_chunks", "lexical_candidates", "cached_filters"):
            if getattr(self, name) < 1:
                raise InvalidQueryError(f"{name} must be at least 1, got {getattr(self, name)}")
        if not 0 <= self.confidence_floor < self.confidence_ceiling <= 1:
            raise InvalidQueryError(
                "confidence_floor must be below confidence_ceiling, both in [0, 1], got "
                f"{self.confidence_floor} and {self.confidence_ceiling}"
            )
