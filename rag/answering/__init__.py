"""Answering: grounded answers composed from what search found, every quote checked."""

from rag.answering.composer import Composer, ExtractiveComposer, choose_sources
from rag.answering.grounding import (
    ELISION,
    UngroundedAnswerError,
    check_answer,
    quote_in_source,
)
from rag.answering.pipeline import answer
from rag.answering.quotes import SentencePicker
from rag.answering.render import ADVICE_NOTE, abstention_text
from rag.answering.results import Answer, Citation, Draft
from rag.answering.settings import ABSTAIN_BELOW, AnswerSettings

__all__ = [
    "ABSTAIN_BELOW",
    "ADVICE_NOTE",
    "ELISION",
    "Answer",
    "AnswerSettings",
    "Citation",
    "Composer",
    "Draft",
    "ExtractiveComposer",
    "SentencePicker",
    "UngroundedAnswerError",
    "abstention_text",
    "answer",
    "check_answer",
    "choose_sources",
    "quote_in_source",
]
