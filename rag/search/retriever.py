"""Hybrid retrieval: dense (Chroma) and BM25 results fused, one result per source.

``Retriever.understand`` reads a question once (:class:`~rag.search.question.Question`);
``Retriever.search`` finds the passages for it and returns them with the question and
the filters it applied (:class:`Retrieval`), for the answer step to compose from.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from rag.config import Settings, get_settings
from rag.errors import IndexNotReadyError, InvalidQueryError
from rag.index import (
    LexicalIndex,
    QuestionVectors,
    current_build,
    make_embedder,
    open_build_store,
    read_sources,
    record_text,
    same_model,
    split_text,
    use_build_sentences,
)
from rag.search.confidence import SPECIFICS_FROM, features, load_model, read_question
from rag.search.conversation import Message, Rewriter
from rag.search.filters import NO_FILTERS, Filters
from rag.search.fusion import Candidate, confidence, fuse
from rag.search.question import Question, understand
from rag.search.settings import RetrievalSettings
from rag.search.specifics import Mentions
from rag.search.spelling import Speller
from rag.source import Passage, Source
from rag.text import near_duplicate, newer_first
from vectorstore import Embedder, StoreError, VectorStore

MAX_K = 50


@dataclass(frozen=True)
class Retrieval:
    """What a search found, with the question as understood and the filters applied
    (a period the question named included)."""

    question: Question
    filters: Filters
    passages: list[Passage]
    # The learned chance that a passage found addresses what was asked (rag.search.
    # confidence), and whether it is high enough to answer; None without a model.
    confidence: float | None = None
    answerable: bool | None = None
    # the names and years the question asks about that none of the passages mention
    unmentioned: tuple[str, ...] = ()


class Backend(Protocol):
    """What the answer step needs of a retriever (the product's, or a stand-in)."""

    build: str  # which index build answered (for feedback and logs); "" if none

    @property
    def sources(self) -> Mapping[str, Source]: ...  # every record held, by key

    @property
    def embedder(self) -> Embedder | None: ...  # for choosing quotes by meaning

    def understand(
        self, text: str, *, history: Sequence[Message] | None = (), rewrite: Rewriter | None = None
    ) -> Question: ...

    def search(self, question: Question, *, k: int = 5, filters: Filters = ...) -> Retrieval: ...


class Retriever:
    """Everything retrieval needs, opened once and shared across queries (thread-safe reads)."""

    def __init__(
        self,
        store: VectorStore,
        lexical: LexicalIndex,
        sources: Mapping[str, Source],
        *,
        settings: RetrievalSettings | None = None,
        build: str = "",
        questions: QuestionVectors | None = None,
    ) -> None:
        self.store = store
        self.lexical = lexical
        self.questions = questions  # None for an index built before they existed
        self.sources: Mapping[str, Source] = dict(sources)
        self.settings = settings or RetrievalSettings()
        self.build = build  # the build folder's name, when opened from an index folder
        self._allowed_cache: dict[Filters, tuple[str, ...]] = {}
        self._speller: Speller | None = None
        self._speller_lock = threading.Lock()
        self._mentions: Mentions | None = None
        self._mentions_lock = threading.Lock()

    @classmethod
    def open(
        cls,
        settings: Settings | None = None,
        embedder: Embedder | None = None,
        *,
        retrieval: RetrievalSettings | None = None,
    ) -> Retriever:
        settings = settings or get_settings()
        build = current_build(settings)
        sources = read_sources(build)
        if embedder is None:
            embedder = make_embedder(
                settings.encoder, settings.model_path, settings.index_dir / "encoders"
            )
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
        use_build_sentences(build, expected=settings.sentence_vectors)  # for the quotes
        return cls(
            store,
            lexical,
            sources,
            settings=retrieval,
            build=build.name,
            questions=QuestionVectors.load(build),
        )

    def with_settings(self, **changes: Any) -> Retriever:
        """The same index searched with other settings (``dense_weight=1.0``, ...)."""
        other = Retriever(
            self.store,
            self.lexical,
            self.sources,
            settings=replace(self.settings, **changes),
            build=self.build,
            questions=self.questions,
        )
        other._speller = self._speller
        other._mentions = self._mentions
        return other

    @property
    def embedder(self) -> Embedder:
        return self.store.embedder

    @property
    def speller(self) -> Speller:
        """Spelling correction towards this corpus's words, built at the first question."""
        with self._speller_lock:
            if self._speller is None:
                self._speller = Speller(record_text(s) for s in self.sources.values())
            return self._speller

    @property
    def mentions(self) -> Mentions:
        """Which records mention which names, built at the first question that names one
        (a pass over every record: about 0.2 s here, a few seconds at 65,000 records)."""
        with self._mentions_lock:
            if self._mentions is None:
                self._mentions = Mentions(self.sources.values())
            return self._mentions

    def understand(
        self, text: str, *, history: Sequence[Message] | None = (), rewrite: Rewriter | None = None
    ) -> Question:
        return understand(
            text,
            history=history,
            rewrite=rewrite,
            speller=self.speller if self.settings.correct_spelling else None,
            glossary=self.settings.use_glossary,
        )

    def retrieve(
        self,
        query: str,
        *,
        k: int = 5,
        history: Sequence[Message] | None = (),
        **filters: Any,
    ) -> list[Passage]:
        """Top passages for ``query``, best first; see :func:`retrieve`."""
        asked = self.understand(query, history=history)
        return self.search(asked, k=k, filters=Filters.of(filters)).passages

    def search(self, question: Question, *, k: int = 5, filters: Filters = NO_FILTERS) -> Retrieval:
        """The ``k`` best passages for ``question``, at most one per source."""
        if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_K:
            raise InvalidQueryError(f"k must be between 1 and {MAX_K}, got {k!r}")
        filters = filters.within(question.period)
        if filters.active and not self._allowed(filters):
            return Retrieval(question, filters, [])  # nothing to search: no need to embed
        vector = self.embedder.embed_query(question.dense)
        ranked = self.ranked(question, filters, vector)
        model = load_model() if self.settings.learned_confidence else None
        if model is not None and not same_model(self.embedder, model.embedding_model):
            model = None  # learned on another model's similarities
        confidence = None
        if model and ranked:
            embed = self.embedder.embed_query
            read = read_question(question, vector, embed) if model.reads_asks else vector
            confidence = round(model.probability(self.features(question, ranked), read), 4)
        ranked = self._newest_first_among_duplicates(ranked[: k + self.settings.reorder_window])
        factor = self.settings.out_of_scope_factor if question.scope_reason else 1.0
        return Retrieval(
            question,
            filters,
            [self._passage(c, factor) for c in ranked[:k]],
            confidence=confidence,
            answerable=None
            if model is None or confidence is None
            else confidence >= model.decline_below,
            unmentioned=self.unmentioned(question, ranked[:k]),
        )

    def ranked(
        self,
        question: Question,
        filters: Filters = NO_FILTERS,
        vector: Sequence[float] | None = None,
    ) -> list[Candidate]:
        """Every candidate of :meth:`candidates`, fused (``Candidate.fused``), best first."""
        ranked = self.candidates(question, filters, vector)
        fuse(ranked, self.sources, self.settings)
        ranked.sort(key=lambda c: c.fused, reverse=True)
        return ranked

    def candidates(
        self,
        question: Question,
        filters: Filters = NO_FILTERS,
        vector: Sequence[float] | None = None,
    ) -> list[Candidate]:
        """Every source the three searches find for ``question`` within ``filters`` (the
        answer chunks by meaning, whole records by BM25, the MPs' questions by meaning),
        with what each search said of it, before fusion. ``vector``: the embedding of
        ``question.dense``, if the caller has it already."""
        allowed: tuple[str, ...] | None = None
        where = None
        if filters.active:
            allowed = self._allowed(filters)
            if not allowed:
                return []
            # The exact keys are both faster for Chroma than range filters (measured at
            # 65k records: 65-220 ms against 200-290 ms) and the set BM25 is limited to.
            if len(allowed) <= self.settings.max_keys_in_where:
                where = {"source_key": {"$in": list(allowed)}}
            else:
                where = filters.chroma_where(self.sources.values())
        settings = self.settings
        candidates: dict[str, Candidate] = {}
        if vector is None:
            vector = self.embedder.embed_query(question.dense)
        hits = self.store.query(
            question.dense, k=settings.dense_chunks, where=where, embedding=vector
        )
        for hit in hits:
            key = str(hit.metadata.get("source_key", ""))
            if key not in self.sources or key in candidates:
                continue  # a source's best chunk comes first
            candidates[key] = Candidate(
                key,
                dense_sim=hit.similarity,
                passage=str(hit.metadata.get("passage", "")),
                chunk_id=hit.id,
            )
        found = self.lexical.search(
            question.lexical, k=settings.lexical_candidates, allowed=allowed
        )
        for key, bm25 in found:
            if key in self.sources:
                candidates.setdefault(key, Candidate(key)).bm25 = bm25
        if self.questions is not None:
            for key, _ in self.questions.nearest(vector, settings.question_candidates, allowed):
                if key in self.sources:
                    candidates.setdefault(key, Candidate(key))
            for key, sim in self.questions.similarities(vector, candidates).items():
                candidates[key].question_sim = sim
        if question.specifics and settings.names_weight:
            mentions = self.mentions
            for cand in candidates.values():
                cand.names = mentions.share(question.specifics, self.sources[cand.key])
        return list(candidates.values())

    def unmentioned(self, question: Question, found: Sequence[Candidate]) -> tuple[str, ...]:
        """The names and years ``question`` asks about that none of ``found`` mention."""
        if not question.asked_specifics or not found:
            return ()
        return self.mentions.unmentioned(
            question.asked_specifics, [self.sources[c.key] for c in found]
        )

    def features(self, question: Question, ranked: Sequence[Candidate]) -> dict[str, float]:
        """What the confidence model reads (``rag.search.confidence``), for ``ranked``."""
        missing = self.unmentioned(question, ranked[:SPECIFICS_FROM])
        return features(question, ranked, self.sources, missing)

    def _allowed(self, filters: Filters) -> tuple[str, ...]:
        """The keys (sorted) of the sources a filter lets through; advocates repeat filters,
        so the scan and the sort are done once per filter."""
        found = self._allowed_cache.get(filters)
        if found is None:
            found = tuple(sorted(k for k, s in self.sources.items() if filters.matches(s)))
            if len(self._allowed_cache) >= self.settings.cached_filters:
                self._allowed_cache.clear()
            self._allowed_cache[filters] = found
        return found

    def _newest_first_among_duplicates(self, ranked: list[Candidate]) -> list[Candidate]:
        """Where two answers say the same thing, the newer one takes the better place (an
        undated copy counts as the older)."""
        sources = self.sources
        return newer_first(
            ranked,
            lambda c: sources[c.key].recency,
            lambda a, b: near_duplicate(sources[a.key].answer_text, sources[b.key].answer_text),
        )

    def _passage(self, cand: Candidate, factor: float) -> Passage:
        source = self.sources[cand.key]
        text = cand.passage or (split_text(source.answer_text) or [source.answer_text])[0]
        relevance = confidence(
            cand.dense_sim or 0.0,
            floor=self.settings.confidence_floor,
            ceiling=self.settings.confidence_ceiling,
        )
        return Passage(
            text=text,
            score=round(relevance * factor, 4),
            relevance=relevance,
            source=source,
            rank_score=cand.fused,
            chunk_id=cand.chunk_id,
        )


_default: Retriever | None = None
_chosen: Backend | None = None  # set by set_default_retriever: never reopened
_lock = threading.Lock()


def default_retriever() -> Backend:
    """The retriever for the configured index; reopened when a new build is switched in."""
    global _default
    with _lock:
        if _chosen is not None:
            return _chosen
        settings = get_settings()
        if _default is None or _default.build != current_build(settings).name:
            embedder = _default.embedder if _default else None  # keep the loaded model
            _default = Retriever.open(settings, embedder=embedder)
        return _default


def set_default_retriever(retriever: Backend | None) -> None:
    """Make ``retriever`` the one ``rag.retrieve``, ``rag.answer`` and ``rag.commitments``
    use when given none (an index opened with another embedder, say); None goes back to
    the configured index."""
    global _chosen
    with _lock:
        _chosen = retriever


def retrieve(
    query: str,
    *,
    k: int = 5,
    history: Sequence[Message] | None = (),
    retriever: Backend | None = None,
    **filters: Any,
) -> list[Passage]:
    """Top passages for ``query``, best first, at most one per source question.

    ``history``: the conversation so far, as ``{"role", "content"}`` messages, oldest
    first; a follow-up ("what about for under-fives?") is searched with what it follows.

    Filters: ``answered_by``, ``department``, ``date_from``, ``date_to`` (ISO dates, on
    the answer date), ``house`` and ``answer_type`` (a key of ``rag.ANSWER_TYPES``, e.g.
    "substantive"); ``k`` is 1-50. ``retriever``: another index or a stand-in (the
    ``Backend`` protocol); by default the configured index.
    """
    backend = retriever or default_retriever()
    asked = backend.understand(query, history=history)
    return backend.search(asked, k=k, filters=Filters.of(filters)).passages
