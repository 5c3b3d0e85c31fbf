"""Parse records in the official Written Questions API's JSON shape.

Accepts a bare record (one line of ``docs_corpus``), a single-question
response (``{"value": {...}, "links": [...]}``) and a list response
(``{"totalResults": n, "results": [{"value": ...}, ...]}``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from rag.errors import CorpusError
from rag.ingest.departments import department_asked
from rag.ingest.html_text import html_to_text
from rag.source import Source

# The API's list view cuts answers at 255 characters and appends "...".
LIST_VIEW_CUT = 255


def records_in(payload: Any, origin: str) -> Iterator[dict[str, Any]]:
    """Yield the question records inside any of the API's response shapes."""
    if isinstance(payload, dict) and isinstance(payload.get("results"), list):
        for item in payload["results"]:
            yield from records_in(item, origin)
    elif isinstance(payload, dict) and isinstance(payload.get("value"), dict):
        yield payload["value"]
    elif isinstance(payload, dict):
        yield payload
    else:
        raise CorpusError(f"{origin}: expected a JSON object, got {type(payload).__name__}")


def parse_record(record: dict[str, Any], origin: str) -> Source:
    """Turn one API record into a :class:`Source`; raises :class:`CorpusError` if unusable."""
    missing = [f for f in ("id", "questionText", "answerText") if not record.get(f)]
    if missing:
        raise CorpusError(f"{origin}: missing field {missing[0]!r}")
    try:
        record_id = int(record["id"])
    except (TypeError, ValueError) as e:
        raise CorpusError(f"{origin}: field 'id' must be a number, got {record['id']!r}") from e
    corpus_meta = record.get("_corpus") or {}
    raw_answer = str(record["answerText"])
    answer = html_to_text(raw_answer)
    truncated = bool(corpus_meta.get("answerTruncated")) or answer_looks_cut(raw_answer)
    original = html_to_text(str(record.get("originalAnswerText") or "")) or None
    question = html_to_text(str(record["questionText"]))
    department = _text(record.get("answeringBodyName"))
    asked = department_asked(question) if department is None else None
    return Source(
        key=f"wq:{record_id}",
        id=record_id,
        uin=_text(record.get("uin")),
        heading=_text(record.get("heading")),
        question_text=question,
        answer_text=answer,
        house=_text(record.get("house")),
        asked_by=_member_name(record.get("askingMember")),
        answered_by=_member_name(record.get("answeringMember")),
        department=department or asked,
        department_from_question=asked is not None,
        date_tabled=parse_api_date(record.get("dateTabled"), origin, "dateTabled"),
        date_answered=parse_api_date(record.get("dateAnswered"), origin, "dateAnswered"),
        truncated=truncated,
        is_holding=bool(record.get("answerIsHolding")),
        is_correction=bool(record.get("answerIsCorrection")),
        original_answer_text=original,
        tabled_month=_text(corpus_meta.get("tabledMonth")),
        origin=origin,
    )


def parse_api_date(value: Any, origin: str, field: str) -> date | None:
    if value in (None, ""):
        return None
    text = str(value)
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as e:
        raise CorpusError(
            f"{origin}: field {field!r} has an unknown date format {text!r} "
            "(expected ISO 8601, e.g. 2024-01-31T00:00:00)"
        ) from e


def answer_looks_cut(raw_answer: str) -> bool:
    """True when an answer reads like the list view's 255 characters plus "..."."""
    stripped = raw_answer.rstrip()
    return stripped.endswith("...") and len(stripped) <= LIST_VIEW_CUT + 3


def _member_name(member: Any) -> str | None:
    if isinstance(member, dict):
        return _text(member.get("name"))
    return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
