"""Checks every draft passes before anyone sees it: each citation was retrieved, each
quote is in its source word for word, and each [n] has a citation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answering.results import Draft
from rag.errors import RagError
from rag.source import Passage, Source
from rag.text import normalise

ELISION = " … "  # joins quoted sentences that are not next to each other
_MARKER = re.compile(r"\[(\d+)\]")


class UngroundedAnswerError(RagError):
    """A composed answer cites something it may not (the message says what)."""


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


def check_answer(draft: Draft, retrieved: Sequence[Passage]) -> None:
    """Raise :class:`UngroundedAnswerError` unless every citation and marker is grounded."""
    allowed = {p.source.key for p in retrieved}
    numbers = {c.n for c in draft.citations}
    for c in draft.citations:
        if c.source.key not in allowed:
            raise UngroundedAnswerError(f"[{c.n}] cites {c.source.key}, which was not retrieved")
        if not quote_in_source(c.quote, c.source):
            raise UngroundedAnswerError(
                f"[{c.n}] quote is not in {c.source.key}'s answer: {c.quote[:80]!r}"
            )
    used = {int(m) for m in _MARKER.findall(draft.text)}
    if used - numbers:
        raise UngroundedAnswerError(f"markers without a citation: {sorted(used - numbers)}")
    if numbers - used:
        raise UngroundedAnswerError(f"citations never referred to: {sorted(numbers - used)}")
