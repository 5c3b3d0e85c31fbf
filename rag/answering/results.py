"""What the answer step returns: an answer, its citations, and a composer's draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rag.ingest import ANSWER_TYPES
from rag.search import Question, Term
from rag.source import Passage, Source


@dataclass(frozen=True)
class Citation:
    n: int
    source: Source
    quote: str
    also_answered: tuple[date, ...] = ()  # dates of near-identical answers
    refers_to: tuple[Source, ...] = ()  # the answers this one points to, where held

    @property
    def answer_type(self) -> str:
        """What kind of answer the cited record is, as a user is shown it."""
        return ANSWER_TYPES.get(self.source.answer_type, self.source.answer_type)


@dataclass(frozen=True)
class Support:
    """A written sentence of the reply, a source it cites, and the sentence of that
    source's answer that supports it (verbatim)."""

    sentence: str
    n: int
    quote: str


@dataclass(frozen=True)
class Answer:
    text: str
    citations: list[Citation]
    abstained: bool
    passages: list[Passage] = field(default_factory=list)
    glossary: list[Term] = field(default_factory=list)
    question: Question | None = None  # the question as understood
    build: str = ""  # the index build that answered
    composer: str = "extractive"  # who wrote the reply: "extractive" or "llm:MODEL"
    supports: tuple[Support, ...] = ()  # for a written reply: each sentence's quote
    checks: tuple[Any, ...] = ()  # for a written reply: every sentence and its checks

    @property
    def understood_as(self) -> str | None:
        """The standalone question answered (a follow-up read with what it follows)."""
        return self.question.standalone if self.question else None


@dataclass(frozen=True)
class Draft:
    """What a composer returns: Markdown with [n] markers and the citations they point to."""

    text: str
    citations: list[Citation]
    composer: str = "extractive"
    checks: tuple[Any, ...] = ()  # rag.answering.support.SentenceCheck, one a sentence
    supports: tuple[Support, ...] = ()
