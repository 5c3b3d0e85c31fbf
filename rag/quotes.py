"""Choosing what to quote from a cited answer: the sentences that answer the question.

Sentences are scored by meaning (the embedding model, against the whole question
and against each thing it asks: "How long can they take, and is anyone doing
anything about it?" asks two things), plus a little for sharing the question's
words, plus a little for holding a number or a date when the question asks how
long, how many, how much or when. The best few are quoted verbatim in the
answer's order; sentences that are not next to each other are joined by " … ".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence

import numpy as np

from rag.answer_types import normalise
from rag.chunking import split_sentences
from rag.html_text import paragraphs
from rag.lexical import terms
from rag.source import Source
from vectorstore import Embedder

ELISION = " … "
CACHED_SENTENCES = 20_000  # sentence vectors kept between questions (about 30 MB)
WORDS_WEIGHT = 0.2  # term overlap, scaled to [0, 1] within the answer
NUMBER_WEIGHT = 0.1  # a figure or date, when the question asks for one
_QUESTION_WORD = (
    r"(?:which|what|how|when|where|who|whether|can|could|do|does|did|is|are|will|would|"
    r"should|has|have|must)\b"
)
_ASKS = re.compile(rf"(?<=[.?!])\s+|,?\s+(?:and|or)\s+(?={_QUESTION_WORD})", re.IGNORECASE)
_ASKING = re.compile(_QUESTION_WORD, re.IGNORECASE)
_WANTS_FIGURE = re.compile(
    r"\bhow\s+(?:long|many|much|often|soon|quickly)\b|\bwhen\b|\bdeadline|\btime\s+limit"
    r"|\bwhat\s+(?:share|proportion|percentage|figures?|number|amount|date)\b",
    re.IGNORECASE,
)
_TABLE_ROW = re.compile(r"\S(?: {3,}|\t)\S")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)  # its digits are not figures
_FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|hundred|thousand|million|billion|annual(?:ly)?|weekly|monthly|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|spring|summer|autumn|winter)\b",
    re.IGNORECASE,
)


_cache: dict[tuple[str, str], np.ndarray] = {}
_cache_lock = threading.Lock()


def _vectors(embedder: Embedder, sentences: Sequence[str]) -> np.ndarray:
    """Sentence vectors, embedded once: the same answers are cited again and again."""
    model = str(getattr(embedder, "model_id", id(embedder)))
    with _cache_lock:
        known = {s: _cache.get((model, s)) for s in sentences}
    missing = [s for s, v in known.items() if v is None]
    if missing:
        found = np.asarray(embedder.embed_documents(missing), dtype=np.float32)
        known.update(zip(missing, found, strict=True))
        with _cache_lock:
            if len(_cache) + len(missing) > CACHED_SENTENCES:
                _cache.clear()
            _cache.update({(model, s): v for s, v in zip(missing, found, strict=True)})
    return np.stack([known[s] for s in sentences])


def asks(question: str) -> list[str]:
    """The things a question asks, one per clause ("..., and does the council ...?")."""
    parts = [p.strip() for p in _ASKS.split(question) if p and p.strip()]
    asking = [p for p in parts if "?" in p or _ASKING.match(p)]
    return asking or parts[-1:]


def sentences_of(source: Source) -> list[str]:
    return [s for para in paragraphs(source.answer_text) for s in split_sentences(para)]


def quote_in_source(quote: str, source: Source) -> bool:
    """True when every part of ``quote`` (parts joined by " … ") appears word for word
    in the source's answer, in the order quoted."""
    if not quote.strip():
        return False
    text = normalise(source.answer_text)
    at = 0
    for part in quote.split(ELISION):
        found = text.find(normalise(part), at)
        if not part.strip() or found < 0:
            return False
        at = found + len(normalise(part))
    return True


class SentencePicker:
    """Scores an answer's sentences against one question; reused for every cited answer."""

    def __init__(
        self, question: str, wanted: Mapping[str, float], embedder: Embedder | None
    ) -> None:
        self.wanted = wanted
        self.wants_figure = bool(_WANTS_FIGURE.search(question))
        self.embedder = embedder
        self.questions = (
            np.asarray(embedder.embed_documents([question, *asks(question)]))
            if embedder is not None
            else None
        )

    def quote(self, source: Source, passage: str, n: int) -> str:
        """The ``n`` best sentences of the answer, verbatim, in their order."""
        sentences = sentences_of(source)
        if not sentences:
            return source.answer_text
        scores = self._scores(sentences, passage)
        # A row of a table (cells laid out with runs of spaces) reads as noise in a quote.
        if not all(_TABLE_ROW.search(x) for x in sentences):
            scores = np.where([bool(_TABLE_ROW.search(x)) for x in sentences], -np.inf, scores)
        n = min(n, int(np.isfinite(scores).sum()))
        picked = sorted(int(i) for i in np.argsort(-scores, kind="stable")[:n])
        parts: list[str] = []
        for i in picked:
            joined = f"{parts[-1]} {sentences[i]}" if parts and i - 1 in picked else ""
            if joined and quote_in_source(joined, source):  # next to each other in the text
                parts[-1] = joined
            else:
                parts.append(sentences[i])
        return ELISION.join(parts)

    def _scores(self, sentences: Sequence[str], passage: str) -> np.ndarray:
        words = np.array([sum(self.wanted.get(t, 0.0) for t in terms(s)) for s in sentences])
        words = words / (words.max() or 1.0)
        figures = np.array(
            [
                1.0 if self.wants_figure and _FIGURE.search(_URL.sub(" ", s)) else 0.0
                for s in sentences
            ]
        )
        if self.embedder is None or self.questions is None:
            # No model: the words decide, then the passage retrieval matched.
            meaning = words + np.array([0.1 if s in passage else 0.0 for s in sentences])
        else:
            meaning = (_vectors(self.embedder, sentences) @ self.questions.T).max(axis=1)
        return meaning + WORDS_WEIGHT * words + NUMBER_WEIGHT * figures
