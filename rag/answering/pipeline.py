"""One pass through a question: understood once, searched once, composed, checked.

    question ──understand──▶ Question ──search──▶ Retrieval ──compose──▶ Draft ──check──▶ Answer

Abstains (and cites nothing) when the question asks what written answers cannot hold,
when nothing was found, or when the best result's confidence is too low.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rag.advocacy import commitments_in
from rag.answering.composer import Composer, ExtractiveComposer
from rag.answering.grounding import check_answer
from rag.answering.render import (
    ADVICE_NOTE,
    abstention_text,
    commitment_list,
    outside_dates_held,
    reading_notes,
    terms_explained,
)
from rag.answering.results import Answer, Citation, Draft
from rag.answering.settings import AnswerSettings
from rag.search import (
    MAX_K,
    Backend,
    Filters,
    Intent,
    Message,
    Retrieval,
    Term,
    default_retriever,
)
from rag.search import explain_terms as glossary_terms_in


def answer(
    question: str,
    *,
    history: Sequence[Message] | None = None,
    k: int = 8,
    retriever: Backend | None = None,
    composer: Composer | None = None,
    settings: AnswerSettings | None = None,
    **filters: Any,
) -> Answer:
    """A grounded answer to ``question``; ``filters`` are those of :func:`rag.retrieve`.

    ``history``: the conversation so far, ``{"role": "user" | "assistant", "content"}``
    messages oldest first (the format Gradio, OpenAI and LangChain share); a follow-up
    is answered as the standalone question it stands for (``Answer.understood_as``).
    """
    settings = settings or AnswerSettings()
    backend = retriever or default_retriever()
    asked = backend.understand(question, history=history)
    wants_commitments = asked.intent is Intent.COMMITMENTS
    found = backend.search(asked, k=MAX_K if wants_commitments else k, filters=Filters.of(filters))
    passages = found.passages
    notes = reading_notes(asked)
    declined = (
        found.answerable is False
        if found.answerable is not None
        else (not passages or passages[0].score < settings.abstain_below)
    )
    if asked.scope_reason or not passages or declined:
        reason = asked.scope_reason
        if not passages and not reason:
            held = [d for s in backend.sources.values() if (d := s.known_date)]
            reason = outside_dates_held(found.filters, held)
        return Answer(
            notes + abstention_text(reason), [], True, passages, question=asked, build=backend.build
        )
    draft = _commitments_draft(found, settings) if wants_commitments else None
    if draft is None:
        composer = composer or ExtractiveComposer(backend.embedder, settings)
        draft = composer.compose(asked, passages)
    check_answer(draft, passages)
    held = backend.sources
    citations = [
        replace(c, refers_to=tuple(held[key] for key in c.source.refers_to if key in held))
        for c in draft.citations
    ]
    explained = _terms_to_explain(citations)[: settings.explained_terms]
    text = notes + draft.text + terms_explained(explained) + "\n\n" + ADVICE_NOTE
    return Answer(text, citations, False, passages, explained, question=asked, build=backend.build)


def _commitments_draft(found: Retrieval, settings: AnswerSettings) -> Draft | None:
    """A dated, cited list of what ministers committed to on the question's topic."""
    groups, seen = [], set()
    for g in commitments_in(found):
        if g.latest.source.key not in seen:  # one promise an answer: more answers shown
            seen.add(g.latest.source.key)
            groups.append(g)
        if len(groups) == settings.max_commitments:
            break
    if not groups:
        return None
    citations = []
    for n, g in enumerate(groups, 1):
        latest = g.latest
        others = sorted({c.date for c in g.made if c.date and c.date != latest.date})
        citations.append(Citation(n, latest.source, latest.sentence, tuple(others)))
    since = found.question.since
    said_since = since if since and found.filters.date_from == since else None
    return Draft(commitment_list(groups, said_since), citations)


def _terms_to_explain(citations: Sequence[Citation]) -> list[Term]:
    seen: dict[str, Term] = {}
    for c in citations:
        for t in glossary_terms_in(c.quote):
            seen.setdefault(t.term, t)
    return list(seen.values())
