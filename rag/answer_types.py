"""Rules that recognise answers which do not answer the question on their own."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from rag.source import Source

_REFERS = re.compile(
    r"^\s*(?:I|We)\s+(?:would\s+)?refer\s+(?:the\s+(?:hon\.?|noble|right\s+hon\.?)\s+"
    r"(?:and\s+(?:gallant|learned)\s+)?(?:Member|Lady|Lord|Baroness|Gentleman|Friend)"
    r"|my\s+(?:hon\.?|noble|right\s+hon\.?)\s+(?:and\s+(?:gallant|learned)\s+)?(?:Friend|Lord))",
    re.IGNORECASE,
)
# An answer that opens with a cross-reference and says little else only points elsewhere.
_REFERS_MAX_CHARS = 450


def refers_elsewhere(source: Source) -> bool:
    text = source.answer_text
    return bool(_REFERS.match(text)) and len(text) <= _REFERS_MAX_CHARS


def quality_weight(source: Source) -> float:
    """Down-weights answers that are unlikely to be the best one to cite."""
    weight = 1.0
    if source.is_holding:
        weight *= 0.8
    if refers_elsewhere(source):
        weight *= 0.85
    if source.truncated:
        weight *= 0.93
    return weight


def normalise(text: str) -> str:
    """Fold white space and curly apostrophes, which vary between copies of one answer."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def answer_similarity(a: Source, b: Source) -> float:
    """How alike two answers' wording is, from 0 to 100."""
    return fuzz.ratio(normalise(a.answer_text), normalise(b.answer_text))
