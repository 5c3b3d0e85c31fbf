"""How likely it is that any retrieved answer addresses what was asked: a small logistic
model over what the searches found, learned from labelled questions
(``python -m evaluation.learn_confidence`` writes ``rag/data/confidence.json``).

It replaces a list of topics with evidence: how close the best answer and the best MP's
question are to the question, how much of the question's own words the best record
uses, whether a scope rule fired, and what kind of question it reads as: a second
small linear model over the question's own embedding, learned from the same labelled
questions, scores how much it reads like a question written answers answer ("what is
the government doing about ...") rather than one they never do (a named child's
place, a bedtime routine, an opinion), whatever the topic's words. It reads the whole
question and, as much, what it asks (:func:`reading`): in a parent's story the ask is
one sentence of several, and the kind is the ask's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from rag.data import learned
from rag.index import record_text, terms
from rag.search.fusion import Candidate
from rag.search.question import Question
from rag.source import Source

FEATURES = (
    "top_dense",  # cosine similarity of the best-ranked source's best chunk
    "best_dense",  # the highest chunk similarity among the candidates
    "best_question",  # the highest similarity to an MP's question
    "coverage",  # share of the question's own words the best-ranked record uses
    "out_of_scope",  # 1 when a scope rule fired (another country, medical, ...)
    "unmentioned",  # share of the names and years it asks about that no best record says
)
SPECIFICS_FROM = 5  # the best records looked in for the names and years asked about
QUESTION_KIND = "question_kind"  # the question-embedding model's score, when there is one
MODEL_FILE = "confidence.json"
READS_ASKS = "question and asks"  # confidence.json's question_kind.reads: see reading()


def features(
    question: Question,
    candidates: Sequence[Candidate],
    sources: Mapping[str, Source],
    unmentioned: Sequence[str],
) -> dict[str, float]:
    """The model's inputs; ``candidates`` fused and ranked, best first; ``unmentioned``,
    the names and years asked about that none of the ``SPECIFICS_FROM`` best mention
    (``Retriever.unmentioned``)."""
    asked = question.asked_specifics
    top = candidates[0] if candidates else None
    used = terms(record_text(sources[top.key])) if top else set()
    words = question.words
    return {
        "top_dense": (top.dense_sim or 0.0) if top else 0.0,
        "best_dense": max((c.dense_sim or 0.0 for c in candidates), default=0.0),
        "best_question": max((c.question_sim or 0.0 for c in candidates), default=0.0),
        "coverage": len(words & used) / len(words) if words else 0.0,
        "out_of_scope": 1.0 if question.scope_reason else 0.0,
        "unmentioned": len(unmentioned) / len(asked) if asked else 0.0,
    }


def asked_text(question: Question) -> str:
    """What the question asks, its ask clauses together (:attr:`Question.asks`)."""
    return " ".join(question.asks) or question.reduced


def reading(question_vector: Sequence[float], asked_vector: Sequence[float]) -> list[float]:
    """What the question-kind model reads: the mean of the embeddings of the question
    (as searched) and of what it asks (:func:`asked_text`)."""
    return ((np.asarray(question_vector) + np.asarray(asked_vector)) / 2).tolist()


def read_question(
    question: Question, vector: Sequence[float], embed_query: Callable[[str], Sequence[float]]
) -> list[float]:
    """:func:`reading` for ``question``, whose embedding as searched is ``vector``;
    ``embed_query`` embeds what it asks, unless that is the text searched (a one-line
    question: no need to embed it again)."""
    asked = asked_text(question)
    return reading(vector, vector if asked == question.dense else embed_query(asked))


@dataclass(frozen=True)
class ConfidenceModel:
    weights: Mapping[str, float]
    bias: float
    decline_below: float  # the probability under which the answer step declines
    embedding_model: str  # similarities of another model mean something else
    # the question-embedding model (see the module's docstring), or None
    kind_weights: tuple[float, ...] | None = None
    kind_bias: float = 0.0
    # the kind model reads reading() (the question and what it asks), not the question's
    # embedding alone as models learned before it did
    reads_asks: bool = False

    def question_kind(self, vector: Sequence[float]) -> float:
        """How much the question reads like one written answers answer (a logit)."""
        if self.kind_weights is None:
            return 0.0
        pairs = zip(self.kind_weights, vector, strict=True)
        return self.kind_bias + math.fsum(w * v for w, v in pairs)

    def probability(
        self, values: Mapping[str, float], vector: Sequence[float] | None = None
    ) -> float:
        """``values`` from :func:`features`; ``vector``, what the kind model reads (the
        question's embedding, the one dense retrieval searched with, or with
        ``reads_asks`` its :func:`reading`), is needed when the model reads the question."""
        z = self.bias + sum(self.weights[name] * values[name] for name in FEATURES)
        if self.kind_weights is not None:
            if vector is None:
                raise ValueError("this confidence model reads the question's embedding")
            z += self.weights[QUESTION_KIND] * self.question_kind(vector)
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load_model() -> ConfidenceModel | None:
    """The learned model shipped in ``rag/data``, or None if there is none."""
    data = learned(MODEL_FILE)
    if data is None:
        return None
    kind = data.get(QUESTION_KIND)
    return ConfidenceModel(
        data["weights"],
        data["bias"],
        data["decline_below"],
        data["embedding_model"],
        tuple(kind["weights"]) if kind else None,
        kind["bias"] if kind else 0.0,
        bool(kind and kind.get("reads") == READS_ASKS),
    )
