"""Choosing what to quote from a cited answer: the sentences that answer the question.

Sentences are scored by meaning (the embedding model, against the whole question
and against each thing it asks: "How long can they take, and is anyone doing
anything about it?" asks two things), plus a little for sharing the question's
words, plus a little for holding a number or a date when the question asks how
long, how many, how much or when. Only the sentences of the passage retrieval matched
are weighed when it holds whole sentences. The best few are quoted verbatim in the
answer's order; sentences that are not next to each other are joined by " … ".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence

import numpy as np

from rag.answering.grounding import ELISION, quote_in_source
from rag.index import terms
from rag.search import Question
from rag.source import Source
from rag.text import MONTH, sentences
from vectorstore import Embedder

CACHED_SENTENCES = 20_000  # sentence vectors kept between questions (about 30 MB)
WORDS_WEIGHT = 0.2  # term overlap, scaled to [0, 1] within the answer
NUMBER_WEIGHT = 0.1  # a figure or date, when the question asks for one
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


_cache: dict[tuple[str, str], np.ndarray] = {}
_cache_lock = threading.Lock()


def sentence_vectors(embedder: Embedder, said: Sequence[str]) -> np.ndarray:
    """Sentence vectors, embedded once: the same answers are cited again and again."""
    model = str(getattr(embedder, "model_id", id(embedder)))
    with _cache_lock:
        known = {s: _cache.get((model, s)) for s in said}
    missing = [s for s, v in known.items() if v is None]
    if missing:
        found = np.asarray(embedder.embed_documents(missing), dtype=np.float32)
        known.update(zip(missing, found, strict=True))
        with _cache_lock:
            if len(_cache) + len(missing) > CACHED_SENTENCES:
                _cache.clear()
            _cache.update({(model, s): v for s, v in zip(missing, found, strict=True)})
    return np.stack([known[s] for s in said])


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


class SentencePicker:
    """Scores an answer's sentences against one question; reused for every cited answer.

    With no embedder, the question's words choose.
    """

    def __init__(
        self,
        question: Question,
        embedder: Embedder | None,
        *,
        words_weight: float = WORDS_WEIGHT,
        number_weight: float = NUMBER_WEIGHT,
    ) -> None:
        self.wanted: Mapping[str, float] = {t: 1.0 for t in question.related_words} | {
            t: ASKED_WORD_WEIGHT for t in question.words
        }
        self.wants_figure = bool(_WANTS_FIGURE.search(question.reduced))
        self.embedder = embedder
        self.words_weight = words_weight
        self.number_weight = number_weight
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
        # A row of a table (cells laid out with runs of spaces) reads as noise in a quote.
        table = {i for i, s in enumerate(said) if _TABLE_ROW.search(s)}
        prose = [i for i in range(len(said)) if i not in table] or list(range(len(said)))
        # The matched passage's sentences (see the module's docstring), if it has prose.
        matched = [i for i in prose if passage and said[i] in passage] or prose
        scores = np.full(len(said), -np.inf)
        scores[matched] = self._scores([said[i] for i in matched])
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

    def _scores(self, said: Sequence[str]) -> np.ndarray:
        words = np.array([sum(self.wanted.get(t, 0.0) for t in terms(s)) for s in said])
        words = words / (words.max() or 1.0)
        figures = np.array(
            [1.0 if self.wants_figure and _FIGURE.search(_URL.sub(" ", s)) else 0.0 for s in said]
        )
        if self.embedder is None or self.questions is None:
            meaning = words
        else:
            meaning = (sentence_vectors(self.embedder, said) @ self.questions.T).max(axis=1)
        return meaning + self.words_weight * words + self.number_weight * figures
