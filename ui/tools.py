"""The corpus as tools for AI assistants: search, fetch one answer, list commitments.

Each function is an API endpoint of the app and, with the MCP server on, an MCP tool:
its name, docstring and type hints are what an assistant sees. Bad arguments raise
``gr.Error`` with the reason, which the assistant receives as the tool's error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr

from rag import CommitmentGroup, Passage, RagError, Source
from rag.advocacy import to_records
from ui.fields import typed

MAX_RESULTS = 20


@dataclass(frozen=True)
class ToolBackends:
    """What the tools call: ``rag.retrieve``, ``rag.lookup`` and ``rag.commitments``
    (or stand-ins with the same signatures)."""

    search: Callable[..., list[Passage]]
    lookup: Callable[[str], list[Source]]
    commitments: Callable[..., list[CommitmentGroup]]


def record(source: Source) -> dict[str, Any]:
    """A written answer as an assistant receives it: who, when, where, the full texts."""
    data = source.as_dict()
    data.pop("extra", None)
    data.pop("origin", None)
    data["date"] = source.date_label
    return data


def _json(data: Any) -> str:
    """Tools return JSON text: what MCP passes to an assistant as it is."""
    return json.dumps(data, ensure_ascii=False, indent=1)


def build_tools(backends: ToolBackends) -> None:
    """Adds the three endpoints to the Blocks being built."""

    def search_written_answers(
        query: str,
        minister: str = "",
        department: str = "",
        date_from: str = "",
        date_to: str = "",
        answer_type: str = "",
        limit: int = 5,
    ) -> str:
        """Search what UK government ministers said in written answers to MPs' questions
        about special educational needs and disabilities (SEND) in England, 2023-2026.

        Args:
            query: what to look for, in plain words (e.g. "EHC plan deadlines", "school transport after 16").
            minister: only answers by this minister (full name, e.g. "Catherine McKinnell"); empty for any.
            department: only answers from a department whose name contains this (e.g. "Education", "Treasury").
            date_from: only answers given on or after this date, YYYY-MM-DD (a tabled month counts where the answer date is not held).
            date_to: only answers given on or before this date, YYYY-MM-DD.
            answer_type: one of substantive, not_held, refers_elsewhere, another_body, holding, corrected; empty for any.
            limit: how many answers to return, 1 to 20.

        Returns:
            JSON: the best-matching written answers, best first: each with id, uin, heading, question_text, answer_text, asked_by, answered_by, department, date, url, answer_type, and the matching passage and a confidence score.
        """
        if not 1 <= int(limit) <= MAX_RESULTS:
            raise gr.Error(f"limit must be between 1 and {MAX_RESULTS}, got {limit}")
        try:
            found = backends.search(
                query,
                k=int(limit),
                answered_by=typed(minister),
                department=typed(department),
                date_from=typed(date_from),
                date_to=typed(date_to),
                answer_type=typed(answer_type),
            )
        except RagError as e:
            raise gr.Error(str(e)) from e
        return _json(
            [{"passage": p.text, "confidence": p.score, **record(p.source)} for p in found]
        )

    def get_written_answer(id_or_uin: str) -> str:
        """Get written answers in full by the API's numeric id (e.g. "1729022") or by the
        question's UIN (e.g. "5508"; several sessions may share one, newest first).

        Args:
            id_or_uin: the written question's id or UIN.

        Returns:
            JSON: the matching written answers with every field held and the official link.
        """
        try:
            found = backends.lookup(id_or_uin)
        except RagError as e:
            raise gr.Error(str(e)) from e
        if not found:
            raise gr.Error(f"no written answer with id or UIN {id_or_uin!r} is held")
        return _json([record(s) for s in found])

    def list_commitments(
        topic: str = "",
        minister: str = "",
        date_from: str = "",
        date_to: str = "",
        status: str = "",
        concrete_only: bool = False,
    ) -> str:
        """List what ministers said the government will do (promises to act, publish or
        fund) in written answers on SEND, quoted word for word, newest first.

        Args:
            topic: what the promises are about (e.g. "SEND reform"); empty for every answer held.
            minister: only promises by this minister (full name); empty for any.
            date_from: only promises made on or after this date, YYYY-MM-DD.
            date_to: only promises made on or before this date, YYYY-MM-DD.
            status: only promises whose later answers say this: delivered, repeated, moved, withdrawn, or "no later mention"; empty for any.
            concrete_only: only concrete promises (naming an amount, a number, a date or a deliverable).

        Returns:
            JSON: one row per promise: latest_date, first_date (with their precision: day, or month where only the month tabled is known), answers (how many answers made it), kind, concrete, deliverable, promised_time, status (what later written answers state about it, not a judgement), status_date, evidence (the later answers' sentences, verbatim, oldest first, each with status, date, minister, uin, link), commitment (verbatim), minister, department, uin, link.
        """
        try:
            groups = backends.commitments(
                typed(topic),
                answered_by=typed(minister),
                date_from=typed(date_from),
                date_to=typed(date_to),
                status=typed(status),
                concrete=True if concrete_only else None,
            )
        except RagError as e:
            raise gr.Error(str(e)) from e
        return _json(to_records(groups))

    gr.api(search_written_answers, api_name="search_written_answers")
    gr.api(get_written_answer, api_name="get_written_answer")
    gr.api(list_commitments, api_name="list_commitments")
