"""Fusing the dense and BM25 results into one ranking, and the confidence of a result."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from rag.ingest import refers_elsewhere
from rag.search.settings import QualityWeights, RetrievalSettings
from rag.source import Source


@dataclass
class Candidate:
    """One source found by either search, with what each search said of it."""

    key: str
    dense_sim: float | None = None  # cosine similarity of the source's best chunk
    bm25: float = 0.0  # BM25 score of the whole record; 0 when BM25 did not find it
    question_sim: float | None = None  # cosine similarity to the record's MP's question
    names: float = 0.0  # share of the names and years the question gives that it mentions
    passage: str = ""
    chunk_id: str = ""
    fused: float = 0.0


def quality_weight(source: Source, weights: QualityWeights) -> float:
    """How much less likely ``source`` is to be the best answer to cite (1.0: not at all)."""
    weight = 1.0
    if source.is_holding:
        weight *= weights.holding
    if refers_elsewhere(source):
        weight *= weights.refers_elsewhere
    if source.truncated:
        weight *= weights.truncated
    return weight


def fuse(
    candidates: Collection[Candidate], sources: Mapping[str, Source], settings: RetrievalSettings
) -> None:
    """Sets each candidate's ``fused`` score (higher is better).

    Fusion ``"score"``: a weighted sum of the two scores, each scaled to [0, 1] over this
    query's candidates. Unlike reciprocal rank fusion (``"rrf"``: 1/(rrf_k + rank) from
    each list) this keeps how far ahead a result is: a passage the embedding finds very
    close to a parent's words still wins when BM25, lacking the words, misses it
    (measured in benchmarks/retrieval_ablation.py).
    """
    sims = [c.dense_sim for c in candidates if c.dense_sim is not None]
    low, high = (min(sims), max(sims)) if sims else (0.0, 0.0)
    asked = [c.question_sim for c in candidates if c.question_sim is not None]
    q_low, q_high = (min(asked), max(asked)) if asked else (0.0, 0.0)
    best_bm25 = max((c.bm25 for c in candidates), default=0.0) or 1.0
    dense_weight, lexical_weight = settings.dense_weight, settings.lexical_weight
    rrf = settings.fusion == "rrf"
    reciprocal = _reciprocal_ranks(candidates, settings) if rrf else {}
    for cand in candidates:
        if cand.dense_sim is None:
            cand.dense_sim = low  # BM25 found it, the embedding did not: the weakest seen
        if rrf:
            fused = reciprocal.get(cand.key, 0.0)
        else:
            dense = (cand.dense_sim - low) / (high - low) if high > low else 1.0
            question = (
                ((cand.question_sim or q_low) - q_low) / (q_high - q_low) if q_high > q_low else 0.0
            )
            fused = (
                dense_weight * dense
                + lexical_weight * cand.bm25 / best_bm25
                + settings.question_weight * question
                + settings.names_weight * cand.names
            )
        cand.fused = fused * quality_weight(sources[cand.key], settings.quality)


def _reciprocal_ranks(
    candidates: Collection[Candidate], settings: RetrievalSettings
) -> dict[str, float]:
    """weight / (rrf_k + rank), summed over the lists a candidate is in."""
    dense = sorted(
        (c for c in candidates if c.dense_sim is not None), key=lambda c: -(c.dense_sim or 0.0)
    )
    lexical = sorted((c for c in candidates if c.bm25 > 0), key=lambda c: -c.bm25)
    scores: dict[str, float] = {}
    for ranked, weight in ((dense, settings.dense_weight), (lexical, settings.lexical_weight)):
        for rank, c in enumerate(ranked, 1):
            scores[c.key] = scores.get(c.key, 0.0) + weight / (settings.rrf_k + rank)
    return scores


def confidence(similarity: float, *, floor: float, ceiling: float) -> float:
    """A cosine similarity mapped onto [0, 1] between ``floor`` and ``ceiling``."""
    return round(min(1.0, max(0.0, (similarity - floor) / (ceiling - floor))), 4)
