"""Answer types: rules, tested on the corpus's real answers, for what kind of answer a
record is. Every record gets one label at index time (the first rule that holds, in
the order of ``ANSWER_TYPES``); a reference to another answer is resolved to that
record when the corpus holds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime

from rag.source import Source
from rag.text import first_sentence

# label -> what a user is shown
ANSWER_TYPES = {
    "holding": "holding answer",
    "refers_elsewhere": "refers to another answer",
    "not_held": "information not held",
    "another_body": "a matter for another body",
    "corrected": "corrected answer",
    "substantive": "substantive answer",
}

_REFERS = re.compile(
    r"^\s*(?:I|We)\s+(?:would\s+)?refer\s+(?:the\s+(?:hon\.?|noble|right\s+hon\.?)\s+"
    r"(?:and\s+(?:gallant|learned)\s+)?(?:Member|Lady|Lord|Baroness|Gentleman|Friend)"
    r"|my\s+(?:hon\.?|noble|right\s+hon\.?)\s+(?:and\s+(?:gallant|learned)\s+)?(?:Friend|Lord))",
    re.IGNORECASE,
)
# An answer that opens with a cross-reference and says little else only points elsewhere.
_REFERS_MAX_CHARS = 450


_NOT_HELD = re.compile(
    r"\b(?:do|does|did)\s+not\s+(?:hold|collect|record|routinely\s+collect|centrally\s+hold)\b"
    r"|\b(?:is|are)\s+not\s+(?:held|collected|recorded|routinely\s+collected)\b"
    r"|\bnot\s+(?:held|collected)\s+centrally\b"
    r"|\bdisproportionate\s+cost\b"
    r"|\binformation\s+(?:requested\s+)?is\s+not\s+(?:available|held)\b",
    re.IGNORECASE,
)
_ANOTHER_BODY = re.compile(
    r"\b(?:is|are|remains?)\s+(?:a\s+|entirely\s+a\s+)?matters?\s+for\b"
    r"|\bresponsibility\s+for\s+.{3,80}?\s+(?:lies|rests)\s+with\b"
    r"|\boperationally\s+independent\b",
    re.IGNORECASE,
)
# "to the answer of 13 February 2024 to Question 12002" / "to PQ 12002" / "UIN 12002"
_REFERENCE = re.compile(
    r"(?:(?:answer|response|reply)\s+(?:of|given\s+on)\s+"
    r"(?P<date>\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\s+)?"
    r"to\s+(?:Questions?|PQs?|UINs?)\s+(?P<uins>\d{1,7}(?:(?:\s*,\s*|\s+and\s+)\d{1,7})*)",
    re.IGNORECASE,
)


def answer_type(source: Source) -> str:
    """The record's label: a key of :data:`ANSWER_TYPES`."""
    if source.is_holding:
        return "holding"
    if refers_elsewhere(source):
        return "refers_elsewhere"
    opening = first_sentence(source.answer_text)
    if _NOT_HELD.search(opening):
        return "not_held"
    if _ANOTHER_BODY.search(opening):
        return "another_body"
    if source.is_correction:
        return "corrected"
    return "substantive"


def references(text: str) -> list[tuple[str, date | None]]:
    """The (UIN, answer date) pairs an answer refers to."""
    found = []
    for m in _REFERENCE.finditer(text):
        when = _parse_day(m.group("date"))
        for uin in re.findall(r"\d+", m.group("uins")):
            found.append((uin, when))
    return found


def label_answers(sources: Iterable[Source]) -> list[Source]:
    """Every source with its answer type, and references resolved to records held."""
    sources = list(sources)
    by_uin: dict[str, list[Source]] = {}
    for s in sources:
        if s.uin:
            by_uin.setdefault(s.uin, []).append(s)
    out = []
    for s in sources:
        label = answer_type(s)
        refers: list[str] = []
        if label == "refers_elsewhere":
            for uin, when in references(s.answer_text):
                held = by_uin.get(uin, [])
                exact = [h for h in held if when is None or h.date_answered == when]
                refers.extend(h.key for h in (exact or held) if h.key != s.key)
        out.append(replace(s, answer_type=label, refers_to=tuple(dict.fromkeys(refers))))
    return out


def _parse_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return datetime.strptime(" ".join(text.split()), "%d %B %Y").date()
    except ValueError:
        return None


def refers_elsewhere(source: Source) -> bool:
    text = source.answer_text
    return bool(_REFERS.match(text)) and len(text) <= _REFERS_MAX_CHARS
