"""Finding commitments: on a topic, through the same hybrid search as ``rag.retrieve``,
or across every answer held."""

from __future__ import annotations

from datetime import date

from rag.advocacy.follow_through import trace
from rag.advocacy.promises import STATUSES, CommitmentGroup, extract_all, group
from rag.errors import RagError
from rag.index import terms
from rag.search import MAX_K, Backend, Filters, Retrieval, default_retriever

TOPIC_ANSWERS = 3  # commitments of this many best answers are kept whatever they name


def commitments(
    topic: str | None = None,
    *,
    answered_by: str | None = None,
    department: str | None = None,
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    status: str | None = None,
    concrete: bool | None = None,
    retriever: Backend | None = None,
) -> list[CommitmentGroup]:
    """What ministers said the government will do, newest promise first.

    With ``topic``, only answers the index finds for it (the same hybrid search as
    :func:`rag.retrieve`, up to 50 answers); without, every answer held. Each group is
    one promise with the answers that made it (``first_date``, ``last_date``,
    ``answers``) and its latest wording, verbatim.

    Each concrete promise (``group.first.concrete``: it names an amount, a number, a
    date or a deliverable) carries what later answers state about it, from every answer
    held: ``status`` (``delivered``, ``repeated``, ``moved``, ``withdrawn`` or ``no later
    mention``) and ``evidence``, the later sentences, oldest first. ``status=`` and
    ``concrete=`` keep only the promises that match.
    """
    if status is not None and status not in STATUSES:
        raise RagError(f"status must be one of {', '.join(STATUSES)}; got {status!r}")
    backend = retriever or default_retriever()
    filters = Filters.parse(
        answered_by=answered_by, department=department, date_from=date_from, date_to=date_to
    )
    if topic is None or not topic.strip():
        found = group(extract_all(s for s in backend.sources.values() if filters.matches(s)))
    else:
        found = commitments_in(backend.search(backend.understand(topic), k=MAX_K, filters=filters))
    trace(found, backend.sources.values())
    return [
        g
        for g in found
        if (status is None or g.status == status)
        and (concrete is None or g.first.concrete == concrete)
    ]


def commitments_in(found: Retrieval, *, best_answers: int = TOPIC_ANSWERS) -> list[CommitmentGroup]:
    """The promises made in the answers a search found, grouped, newest first.

    Long answers cover several topics: beyond the ``best_answers`` best, only the
    promises that name the question's topic are kept (stemmed, with the glossary's
    official terms).
    """
    wanted = found.question.topic_words
    best = {p.source.key for p in found.passages[:best_answers]}
    made = extract_all(p.source for p in found.passages)
    return group(c for c in made if c.source.key in best or wanted & terms(c.sentence))
