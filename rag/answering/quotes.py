"""Choosing what to quote from a cited answer: the sentences that answer the question.

Each sentence is described by a few numbers (:data:`FEATURES`): how close it is in
meaning to the question and to each thing it asks ("How long can they take, and is
anyone doing anything about it?" asks two things), the question's words it shares,
whether it holds a figure when the question asks how long, how many, how much or when,
where it stands in the answer, whether it is short, and whether it lies in the passage
retrieval matched. A linear score over them ranks the sentences; its weights are learned
from which sentences hold the facts a good answer states (``rag/data/quotes.json``,
written by ``python -m evaluation.learn_quotes``), else hand-set. The best few are
quoted verbatim in the answer's order; sentences that are not next to each other are
joined by " … ".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from rag.answering.grounding import ELISION, quote_in_source
from rag.data import learned
from rag.index import same_model, sentence_vectors, terms
from rag.search import Question
from rag.source import Source
from rag.text import MONTH, sentences
from vectorstore import Embedder

MODEL_FILE = "quotes.json"
FEATURES = (
    "meaning",  # closest similarity to the question or one of its asks
    "words",  # the question's words it shares, scaled to [0, 1] within the answer
    "figure",  # holds a figure or date, when the question asks for one
    "first",  # opens the answer
    "position",  # where it stands, 0 (first) to 1 (last)
    "in_passage",  # in the passage retrieval matched
    "short",  # under 8 words: "Yes." or a heading, seldom the answer itself
)
ASKED_WORD_WEIGHT = 2.0  # a word the question uses counts twice one the glossary adds
_WANTS_FIGURE = re.compile(
    r"\bhow\s+(?:long|many|much|often|soon|quickly)\b|\bwhen\b|\bdeadline|\btime\s+limit"
    r"|\bwhat\s+(?:share|proportion|percentage|figures?|number|amount|date)\b",
    re.IGNORECASE,
)
_TABLE_ROW = re.compile(r"\S(?: {3,}|\t)\S")
_LIST_ITEM = re.compile(r"(?:[•·▪●◦*–-]|\(?[a-z0-9]{1,3}\))\s")  # "• a decision", "(b) the"
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)  # its digits are not figures
_FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|hundred|thousand|million|billion|annual(?:ly)?|weekly|monthly|"
    rf"{MONTH}|spring|summer|autumn|winter)\b",
    re.IGNORECASE,
)


def _joined(before: str, sentence: str, source: Source) -> str | None:
    """Two sentences next to each other in the answer, as the answer writes them (some
    answers lost the space between sentences: "schools.The department")."""
    for space in (" ", ""):
        if quote_in_source(before + space + sentence, source):
            return before + space + sentence
    return None


def _lead_in(said: Sequence[str], i: int) -> int | None:
    """For an item of a list, the sentence that introduces the list ("… decisions,
    including:"): an item quoted alone has lost the half of the sentence it completes."""
    if not _LIST_ITEM.match(said[i]):
        return None
    j = i - 1
    while j >= 0 and _LIST_ITEM.match(said[j]):
        j -= 1
    return j if j >= 0 and said[j].rstrip().endswith(":") else None


@dataclass(frozen=True)
class QuoteModel:
    """Weights of the sentence score, one per feature; learned for one embedding model."""

    weights: Mapping[str, float]
    embedding_model: str = ""
    passage_only: bool = True  # weigh only the matched passage's sentences, if it has prose

    def scores(self, values: np.ndarray) -> np.ndarray:
        return values @ np.array([self.weights.get(name, 0.0) for name in FEATURES])


# Before any was learned: meaning, a fifth for the words, a tenth for a wanted figure.
HAND_SET = QuoteModel({"meaning": 1.0, "words": 0.2, "figure": 0.1})


@lru_cache(maxsize=1)
def load_quote_model() -> QuoteModel | None:
    """The learned model shipped in ``rag/data``, or None if there is none."""
    data = learned(MODEL_FILE)
    if data is None:
        return None
    return QuoteModel(data["weights"], data["embedding_model"], data["passage_only"])


class SentencePicker:
    """Scores an answer's sentences against one question; reused for every cited answer.

    With no embedder, the question's words choose. ``model``: the weights (by default
    the learned ones, where they were learned on ``embedder``'s model, else hand-set).
    """

    def __init__(
        self, question: Question, embedder: Embedder | None, model: QuoteModel | None = None
    ) -> None:
        self.wanted: Mapping[str, float] = {t: 1.0 for t in question.related_words} | {
            t: ASKED_WORD_WEIGHT for t in question.words
        }
        self.wants_figure = bool(_WANTS_FIGURE.search(question.reduced))
        self.embedder = embedder
        if model is None:
            learned = load_quote_model()
            usable = learned is not None and same_model(embedder, learned.embedding_model)
            model = learned if usable else HAND_SET
        self.model: QuoteModel = model
        self.questions = (
            np.asarray(embedder.embed_documents([question.reduced, *question.asks]))
            if embedder is not None
            else None
        )

    def quote(self, source: Source, passage: str, n: int, max_words: int | None = None) -> str:
        """The ``n`` best sentences of the answer, verbatim, in their order; the best always,
        the others only while the quote stays within ``max_words``."""
        said = sentences(source.answer_text)
        if not said:
            return source.answer_text
        scores = np.full(len(said), -np.inf)
        weighed, values = self.features(said, passage)
        scores[weighed] = self.model.scores(values)
        n = min(n, int(np.isfinite(scores).sum()))
        best_first = [int(i) for i in np.argsort(-scores, kind="stable")[:n]]
        chosen = best_first[:1]
        for i in best_first[1:]:
            size = sum(len(said[j].split()) for j in [*chosen, i])
            if max_words is None or size <= max_words:
                chosen.append(i)
        # a list item comes with its lead-in, even past max_words: it is half its sentence
        lead_ins = {j for i in chosen if (j := _lead_in(said, i)) is not None}
        picked = sorted(set(chosen) | lead_ins)
        parts: list[str] = []
        for i in picked:
            joined = _joined(parts[-1], said[i], source) if parts and i - 1 in picked else None
            if joined:
                parts[-1] = joined
            else:
                parts.append(said[i])
        return ELISION.join(parts)

    def features(self, said: Sequence[str], passage: str) -> tuple[list[int], np.ndarray]:
        """Of an answer's sentences ``said`` (:func:`rag.text.sentences`), those weighed
        (their indexes) and their :data:`FEATURES`, one row each. A row of a table (cells
        laid out with runs of spaces) reads as noise in a quote: it is weighed only when
        the answer has nothing else."""
        table = {i for i, s in enumerate(said) if _TABLE_ROW.search(s)}
        prose = [i for i in range(len(said)) if i not in table] or list(range(len(said)))
        in_passage = [i for i in prose if passage and said[i] in passage]
        weighed = (in_passage or prose) if self.model.passage_only else prose
        chosen = [said[i] for i in weighed]
        words = np.array([sum(self.wanted.get(t, 0.0) for t in terms(s)) for s in chosen])
        words = words / (words.max() or 1.0)
        figures = [
            1.0 if self.wants_figure and _FIGURE.search(_URL.sub(" ", s)) else 0.0 for s in chosen
        ]
        if self.embedder is None or self.questions is None:
            meaning = words
        else:
            meaning = (sentence_vectors(self.embedder, chosen) @ self.questions.T).max(axis=1)
        last = max(1, len(said) - 1)
        kept = set(in_passage)
        values = np.column_stack(
            [
                meaning,
                words,
                figures,
                [1.0 if i == 0 else 0.0 for i in weighed],
                [i / last for i in weighed],
                [1.0 if i in kept else 0.0 for i in weighed],
                [1.0 if len(s.split()) < 8 else 0.0 for s in chosen],
            ]
        )
        return weighed, values
