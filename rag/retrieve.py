"""Hybrid retrieval: dense (Chroma) and BM25 results fused, one result per source."""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from rag.answer_types import answer_similarity, newer_first, quality_weight
from rag.chunking import split_text
from rag.commitments import CommitmentGroup, extract_all, find_commitments, group
from rag.config import Settings, get_settings
from rag.errors import IndexNotReadyError, InvalidQueryError
from rag.filters import Filters
from rag.index import current_build, open_build_store
from rag.lexical import GENERIC_TERMS, LexicalIndex, record_text, terms
from rag.query import asked_period, prepare_query
from rag.scope import out_of_scope_reason
from rag.source import Passage, Source
from rag.sources_file import read_sources
from rag.spelling import Speller
from vectorstore import Embedder, StoreError, VectorStore

MAX_K = 50
TOPIC_ANSWERS = 3  # commitments of this many best answers are kept whatever they name
DENSE_CHUNKS = 150
LEXICAL_CANDIDATES = 100
DENSE_WEIGHT = 0.6  # shares of the fused score (see _fuse)
LEXICAL_WEIGHT = 0.4
MAX_KEYS_IN_WHERE = 25_000  # above this a metadata filter is cheaper than listing keys
NEAR_DUPLICATE = 90  # rapidfuzz ratio above which two answers say the same thing
# Cosine similarities of MiniLM between a question and a relevant passage sit
# roughly in 0.35-0.75; map that range onto a [0, 1] confidence.
CONFIDENCE_FLOOR = 0.25
CONFIDENCE_CEILING = 0.75
# A question the written answers cannot answer (rag.scope) keeps its ranking, but no
# result's confidence can reach the answer step's threshold.
OUT_OF_SCOPE_FACTOR = 0.3


@dataclass
class _Candidate:
    key: str
    dense_sim: float | None = None  # cosine similarity of the source's best chunk
    bm25: float = 0.0  # BM25 score of the whole record; 0 when BM25 did not find it
    passage: str = ""
    chunk_id: str = ""
    fused: float = 0.0


class Retriever:
    """Everything retrieval needs, opened once and shared across queries (thread-safe reads)."""

    def __init__(
        self, store: VectorStore, lexical: LexicalIndex, sources: Mapping[str, Source]
    ) -> None:
        self.store = store
        self.lexical = lexical
        self.sources = dict(sources)
        self.build = ""  # the build folder's name, when opened from an index folder
        self._allowed_cache: dict[Filters, tuple[str, ...]] = {}
        self.correct_spelling = True
        self._speller: Speller | None = None
        self._speller_lock = threading.Lock()

    @property
    def speller(self) -> Speller:
        """Spelling correction towards this corpus's words, built at the first question."""
        with self._speller_lock:
            if self._speller is None:
                self._speller = Speller(record_text(s) for s in self.sources.values())
            return self._speller

    @classmethod
    def open(cls, settings: Settings | None = None, embedder: Embedder | None = None) -> Retriever:
        settings = settings or get_settings()
        build = current_build(settings)
        sources = read_sources(build)
        if embedder is None:
            from rag.embedding import SentenceEmbedder

            embedder = SentenceEmbedder(settings.model_path)
        try:
            store = open_build_store(embedder, settings, build)
            lexical = LexicalIndex.load(build / "bm25")
        except StoreError as e:
            raise IndexNotReadyError(str(e)) from e
        except (OSError, ValueError) as e:
            raise IndexNotReadyError(
                f"the lexical index in {build} is missing or damaged ({e}): "
                "rebuild with `python -m rag build --rebuild`"
            ) from e
        retriever = cls(store, lexical, sources)
        retriever.build = build.name
        return retriever

    def retrieve(
        self,
        query: str,
        *,
        k: int = 5,
        answered_by: str | None = None,
        department: str | None = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        house: str | None = None,
        answer_type: str | None = None,
    ) -> list[Passage]:
        if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_K:
            raise InvalidQueryError(f"k must be between 1 and {MAX_K}, got {k!r}")
        prepared = prepare_query(query, self.speller if self.correct_spelling else None)
        if date_from is None and date_to is None:
            date_from, date_to = asked_period(prepared.reduced) or (None, None)
        filters = Filters.parse(
            answered_by=answered_by,
            department=department,
            date_from=date_from,
            date_to=date_to,
            house=house,
            answer_type=answer_type,
        )
        allowed = None
        where = None
        if filters.active:
            allowed = self._allowed(filters)
            if not allowed:
                return []
            # The exact keys are both faster for Chroma than range filters (measured at
            # 65k records: 65-220 ms against 200-290 ms) and the same set BM25 is limited to.
            if len(allowed) <= MAX_KEYS_IN_WHERE:
                where = {"source_key": {"$in": list(allowed)}}
            else:
                where = filters.chroma_where(self.sources.values())
        candidates: dict[str, _Candidate] = {}
        hits = self.store.query(prepared.dense, k=DENSE_CHUNKS, where=where)
        for hit in hits:
            key = str(hit.metadata.get("source_key", ""))
            if key not in self.sources or key in candidates:
                continue  # a source's best chunk comes first
            candidates[key] = _Candidate(
                key,
                dense_sim=hit.similarity,
                passage=str(hit.metadata.get("passage", "")),
                chunk_id=hit.id,
            )
        for key, bm25 in self.lexical.search(
            prepared.lexical, k=LEXICAL_CANDIDATES, allowed=allowed
        ):
            if key in self.sources:
                candidates.setdefault(key, _Candidate(key)).bm25 = bm25
        _fuse(candidates.values(), self.sources)
        ranked = sorted(candidates.values(), key=lambda c: c.fused, reverse=True)
        ranked = _newest_first_among_duplicates(ranked[: k + 10], self.sources)[:k]
        factor = OUT_OF_SCOPE_FACTOR if out_of_scope_reason(prepared.reduced) else 1.0
        return [self._passage(c, factor) for c in ranked]

    def _allowed(self, filters: Filters) -> tuple[str, ...]:
        """The keys (sorted) of the sources a filter lets through; advocates repeat filters,
        so the scan and the sort are done once per filter."""
        found = self._allowed_cache.get(filters)
        if found is None:
            found = tuple(sorted(k for k, s in self.sources.items() if filters.matches(s)))
            if len(self._allowed_cache) >= 64:
                self._allowed_cache.clear()
            self._allowed_cache[filters] = found
        return found

    def _passage(self, cand: _Candidate, factor: float) -> Passage:
        source = self.sources[cand.key]
        text = cand.passage or (split_text(source.answer_text) or [source.answer_text])[0]
        relevance = confidence(cand.dense_sim or 0.0)
        return Passage(
            text=text,
            score=round(relevance * factor, 4),
            relevance=relevance,
            source=source,
            rank_score=cand.fused,
            chunk_id=cand.chunk_id,
        )


def _fuse(candidates: Collection[_Candidate], sources: Mapping[str, Source]) -> None:
    """A weighted sum of the two scores, each scaled to [0, 1] over this query's candidates.

    Unlike reciprocal rank fusion this keeps how far ahead a result is: a passage the
    embedding finds very close to a parent's words still wins when BM25, lacking the
    words, misses it (measured in benchmarks/retrieval_ablation.py).
    """
    sims = [c.dense_sim for c in candidates if c.dense_sim is not None]
    low, high = (min(sims), max(sims)) if sims else (0.0, 0.0)
    best_bm25 = max((c.bm25 for c in candidates), default=0.0) or 1.0
    for cand in candidates:
        if cand.dense_sim is None:
            cand.dense_sim = low  # BM25 found it, the embedding did not: the weakest seen
        dense = (cand.dense_sim - low) / (high - low) if high > low else 1.0
        fused = DENSE_WEIGHT * dense + LEXICAL_WEIGHT * cand.bm25 / best_bm25
        cand.fused = fused * quality_weight(sources[cand.key])


def confidence(similarity: float) -> float:
    span = CONFIDENCE_CEILING - CONFIDENCE_FLOOR
    return round(min(1.0, max(0.0, (similarity - CONFIDENCE_FLOOR) / span)), 4)


def _newest_first_among_duplicates(
    ranked: list[_Candidate], sources: Mapping[str, Source]
) -> list[_Candidate]:
    """Where two answers say the same thing, the newer one takes the better place (an
    undated copy counts as the older)."""
    return newer_first(
        ranked,
        lambda c: sources[c.key].date_answered or date.min,
        lambda a, b: answer_similarity(sources[a.key], sources[b.key]) >= NEAR_DUPLICATE,
    )


_default: Retriever | None = None
_lock = threading.Lock()


def default_retriever() -> Retriever:
    """The retriever for the configured index; reopened when a new build is switched in."""
    global _default
    with _lock:
        settings = get_settings()
        if _default is None or _default.build != current_build(settings).name:
            embedder = _default.store.embedder if _default else None  # keep the loaded model
            _default = Retriever.open(settings, embedder=embedder)
        return _default


def reset_default_retriever() -> None:
    global _default
    with _lock:
        _default = None


def retrieve(query: str, **options: object) -> list[Passage]:
    """Top passages for ``query``, best first, at most one per source question.

    Options: ``k`` (1-50, default 5), ``answered_by``, ``department``,
    ``date_from``, ``date_to`` (ISO dates, on the answer date), ``house`` and
    ``answer_type`` (a key of ``rag.answer_types.ANSWER_TYPES``, e.g. "substantive").
    """
    return default_retriever().retrieve(query, **options)  # type: ignore[arg-type]


def commitments(
    topic: str | None = None,
    *,
    answered_by: str | None = None,
    department: str | None = None,
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    retriever: Retriever | None = None,
) -> list[CommitmentGroup]:
    """What ministers said the government will do, newest promise first.

    With ``topic``, only answers the index finds for it (the same hybrid search
    as :func:`retrieve`, up to 50 answers); without, every answer held. Each
    group is one promise with the answers that made it (``first_date``,
    ``last_date``, ``answers``) and its latest wording, verbatim.
    """
    backend = retriever or default_retriever()
    if topic is None or not topic.strip():
        filters = Filters.parse(
            answered_by=answered_by, department=department, date_from=date_from, date_to=date_to
        )
        return find_commitments(backend.sources, filters=filters)
    found = backend.retrieve(
        topic,
        k=MAX_K,
        answered_by=answered_by,
        department=department,
        date_from=date_from,
        date_to=date_to,
    )
    # Long answers cover several topics: beyond the best few answers, keep only the
    # promises that name the topic (stemmed, with the glossary's official terms).
    wanted = terms(prepare_query(topic).lexical) - GENERIC_TERMS
    best = {p.source.key for p in found[:TOPIC_ANSWERS]}
    made = extract_all(p.source for p in found)
    return group(c for c in made if c.source.key in best or wanted & terms(c.sentence))
