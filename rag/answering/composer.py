"""Composers turn the retrieved passages into a draft answer with citations.

The default, :class:`ExtractiveComposer`, needs no language model: it quotes the
sentences of the retrieved answers that best answer the question, verbatim, each with
its [n]. A composer built on a chat model plugs in through :class:`Composer`; its
draft passes the same checks (:func:`rag.answering.grounding.check_answer`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from rag.answering.quotes import SentencePicker
from rag.answering.render import quoted_answer
from rag.answering.results import Citation, Draft
from rag.answering.settings import AnswerSettings
from rag.search import Question
from rag.source import Passage
from rag.text import near_duplicate, newer_first
from vectorstore import Embedder


class Composer(Protocol):
    def compose(self, question: Question, passages: Sequence[Passage]) -> Draft: ...


class ExtractiveComposer:
    """Quotes the sentences of each cited answer that best answer the question (see
    rag.answering.quotes); invents nothing. With no embedder, the question's words choose."""

    def __init__(
        self, embedder: Embedder | None = None, settings: AnswerSettings | None = None
    ) -> None:
        self.embedder = embedder
        self.settings = settings or AnswerSettings()

    def compose(self, question: Question, passages: Sequence[Passage]) -> Draft:
        picker = SentencePicker(question, self.embedder)
        citations: list[Citation] = []
        for n, (passage, twins) in enumerate(choose_sources(passages, self.settings), 1):
            if n == 1:
                quote = picker.quote(
                    passage.source,
                    passage.text,
                    self.settings.lead_sentences,
                    max_words=self.settings.lead_words,
                )
            else:
                quote = picker.quote(
                    passage.source, passage.text, self.settings.sentences_per_source
                )
            citations.append(Citation(n, passage.source, quote, twins))
        shown, budget = len(citations), self.settings.quoted_words
        while budget and shown > 1 and len(quoted_answer(citations, shown).split()) > budget:
            shown -= 1  # the others are cited without a quote: the sources panel has them
        return Draft(quoted_answer(citations, shown), citations)


def choose_sources(
    passages: Sequence[Passage], settings: AnswerSettings
) -> list[tuple[Passage, tuple[date, ...]]]:
    """The sources to cite: the newest of each group of near-identical answers, with the
    dates of the others in its group. The best match leads; of the others, where two are
    about as relevant, the newer first. (Relevance here is the embedding's alone, a weaker
    judge than the ranking, which it must not overrule for the lead.)"""
    best = passages[0].score
    floor = max(settings.abstain_below, best - settings.relative_margin)
    groups: list[list[Passage]] = []
    for p in passages:
        if p.score < floor and p is not passages[0]:
            continue  # the best match is cited whenever the answer step answers at all
        text = p.source.answer_text
        twin = next((g for g in groups if near_duplicate(g[0].source.answer_text, text)), None)
        if twin is not None:
            twin.append(p)
        elif len(groups) < settings.max_cited:
            groups.append([p])
    chosen = []
    for group in groups:
        newest = max(group, key=lambda q: q.source.recency)
        others = [q.source.known_date for q in group if q is not newest]
        chosen.append((newest, tuple(sorted(d for d in others if d is not None))))
    return chosen[:1] + newer_first(
        chosen[1:],
        lambda c: c[0].source.recency if c[0].source.known_date else None,
        lambda a, b: abs(a[0].score - b[0].score) <= settings.equally_relevant,
    )
