"""How likely it is that any retrieved answer addresses what was asked: a small logistic
model over what the searches found, learned from labelled questions
(``python -m evaluation.learn_confidence`` writes ``rag/data/confidence.json``).

It replaces a list of topics with evidence: how close the best answer and the best MP's
question are to the question, how much of the question's own words the best record
uses, and whether a scope rule fired.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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
)
MODEL_FILE = "confidence.json"


def features(
    question: Question, candidates: Sequence[Candidate], sources: Mapping[str, Source]
) -> dict[str, float]:
    """The model's inputs; ``candidates`` fused and ranked, best first."""
    top = candidates[0] if candidates else None
    used = terms(record_text(sources[top.key])) if top else set()
    words = question.words
    return {
        "top_dense": (top.dense_sim or 0.0) if top else 0.0,
        "best_dense": max((c.dense_sim or 0.0 for c in candidates), default=0.0),
        "best_question": max((c.question_sim or 0.0 for c in candidates), default=0.0),
        "coverage": len(words & used) / len(words) if words else 0.0,
        "out_of_scope": 1.0 if question.scope_reason else 0.0,
    }


@dataclass(frozen=True)
class ConfidenceModel:
    weights: Mapping[str, float]
    bias: float
    decline_below: float  # the probability under which the answer step declines
    embedding_model: str  # similarities of another model mean something else

    def probability(self, values: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights[name] * values[name] for name in FEATURES)
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load_model() -> ConfidenceModel | None:
    """The learned model shipped in ``rag/data``, or None if there is none."""
    path = resources.files("rag.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return ConfidenceModel(
        data["weights"], data["bias"], data["decline_below"], data["embedding_model"]
    )
