"""One pass through a question: understood once, searched once, composed, checked.

    question ──understand──▶ Question ──search──▶ Retrieval ──compose──▶ Draft ──check──▶ Answer

Abstains (and cites nothing) when the question asks what written answers cannot hold,
when nothing was found, or when the best result's confidence is too low. The reply is
quoted from the answers (the default), or written by the chat model ``RAG_LLM`` names,
sentence by sentence, each checked (:mod:`rag.answering.generated`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from rag.advocacy import commitments_in
from rag.answering.chat_model import configured_chat_model
from rag.answering.composer import Composer, ExtractiveComposer
from rag.answering.generated import GeneratedComposer, Written
from rag.answering.grounding import check_answer
from rag.answering.render import (
    ADVICE_NOTE,
    CLOSEST_ANSWER,
    WRITTEN_NOTE,
    abstention_text,
    commitment_list,
    not_mentioned,
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
    ``composer``: who writes the reply; by default the chat model ``RAG_LLM`` names,
    else quotes (:class:`ExtractiveComposer`).
    """
    *_, done = answer_stream(
        question,
        history=history,
        k=k,
        retriever=retriever,
        composer=composer,
        settings=settings,
        **filters,
    )
    assert isinstance(done, Answer)
    return done


def answer_stream(
    question: str,
    *,
    history: Sequence[Message] | None = None,
    k: int = 8,
    retriever: Backend | None = None,
    composer: Composer | None = None,
    settings: AnswerSettings | None = None,
    **filters: Any,
) -> Iterator[str | Answer]:
    """As :func:`answer`, for a reply written as it comes: yields the reply so far each
    time a written sentence passes its checks (text), then the :class:`Answer`."""
    settings = settings or AnswerSettings()
    backend = retriever or default_retriever()
    if composer is None:
        model = configured_chat_model()
        composer = (
            GeneratedComposer(model, backend.embedder, settings)
            if model is not None
            else ExtractiveComposer(backend.embedder, settings)
        )
    rewrite = composer.rewrite if isinstance(composer, GeneratedComposer) else None
    # a chat model, where there is one, rewrites follow-ups (the rules guard it)
    extra = {"rewrite": rewrite} if rewrite is not None else {}
    asked = backend.understand(question, history=history, **extra)
    wants_commitments = asked.intent is Intent.COMMITMENTS
    found = backend.search(asked, k=MAX_K if wants_commitments else k, filters=Filters.of(filters))
    passages = found.passages
    notes = reading_notes(asked)
    declined = (
        found.answerable is False
        if found.answerable is not None
        else (not passages or passages[0].score < settings.abstain_below)
    )
    # A scope rule is one piece of the decline model's evidence (it declines what the rules
    # catch on its own); only without a learned model does the rule decide by itself.
    ruled_out = asked.scope_reason is not None and found.answerable is None
    if ruled_out or not passages or declined:
        reason = asked.scope_reason
        if not passages and not reason:
            held = [d for s in backend.sources.values() if (d := s.known_date)]
            reason = outside_dates_held(found.filters, held)
        if declined and passages and not reason:
            reason = not_mentioned(found.unmentioned)
        yield Answer(
            notes + abstention_text(reason), [], True, passages, question=asked, build=backend.build
        )
        return
    if asked.scope_reason:  # answered all the same: the reader should know
        notes += f"*{asked.scope_reason}*\n\n"
    if found.unmentioned:
        notes += f"*{not_mentioned(found.unmentioned, below=True)}*\n\n"
    draft = _commitments_draft(found, backend, settings) if wants_commitments else None
    if draft is None and isinstance(composer, GeneratedComposer):
        written: list[str] = []
        for event in composer.stream(asked, passages):
            if isinstance(event, Written):
                written.append(event.text)
                yield notes + " ".join(written)
            else:
                draft = event
    elif draft is None:
        draft = composer.compose(asked, passages)
    assert draft is not None
    check_answer(draft, passages)
    held = backend.sources
    citations = [
        replace(c, refers_to=tuple(held[key] for key in c.source.refers_to if key in held))
        for c in draft.citations
    ]
    explained = _terms_to_explain(citations)[: settings.explained_terms]
    written = "\n\n" + WRITTEN_NOTE if draft.composer != "extractive" else ""
    text = notes + draft.text + terms_explained(explained) + written + "\n\n" + ADVICE_NOTE
    yield Answer(
        text,
        citations,
        False,
        passages,
        explained,
        question=asked,
        build=backend.build,
        composer=draft.composer,
        supports=draft.supports,
        checks=draft.checks,
    )


def _commitments_draft(
    found: Retrieval, backend: Backend, settings: AnswerSettings
) -> Draft | None:
    """A dated, cited list of what ministers committed to on the question's topic; led by
    the best answer found when it holds none of the promises listed ("has the government
    committed to ...?" is often answered "there are no plans to ...")."""
    groups, seen = [], set()
    for g in commitments_in(found):
        if g.latest.source.key not in seen:  # one promise an answer: more answers shown
            seen.add(g.latest.source.key)
            groups.append(g)
        if len(groups) == settings.max_commitments:
            break
    if not groups:
        return None
    lead = None
    if found.passages[0].source.key not in seen:
        lead = ExtractiveComposer(backend.embedder, settings).compose(
            found.question, found.passages[:1]
        )
    citations = list(lead.citations) if lead else []
    for n, g in enumerate(groups, len(citations) + 1):
        latest = g.latest
        others = sorted({c.date for c in g.made if c.date and c.date != latest.date})
        citations.append(Citation(n, latest.source, latest.sentence, tuple(others)))
    since = found.question.since
    said_since = since if since and found.filters.date_from == since else None
    listed = commitment_list(groups, said_since, first=2 if lead else 1)
    text = f"{CLOSEST_ANSWER}\n\n{lead.text}\n\n{listed}" if lead else listed
    return Draft(text, citations)


def _terms_to_explain(citations: Sequence[Citation]) -> list[Term]:
    seen: dict[str, Term] = {}
    for c in citations:
        for t in glossary_terms_in(c.quote):
            seen.setdefault(t.term, t)
    return list(seen.values())
