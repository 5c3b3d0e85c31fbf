"""Answering: grounded answers composed from what search found, every quote checked."""

from rag.answering.chat_model import chat_model, configured_chat_model
from rag.answering.composer import Composer, ExtractiveComposer, choose_sources
from rag.answering.generated import GeneratedComposer, Written
from rag.answering.grounding import (
    ELISION,
    UngroundedAnswerError,
    check_answer,
    quote_in_source,
)
from rag.answering.pipeline import answer, answer_stream
from rag.answering.quotes import SentencePicker
from rag.answering.render import ADVICE_NOTE, abstention_text
from rag.answering.results import Answer, Citation, Draft, Support
from rag.answering.settings import ABSTAIN_BELOW, AnswerSettings
from rag.answering.support import SentenceCheck, SentenceChecker, missing_facts

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
    "GeneratedComposer",
    "SentenceCheck",
    "SentenceChecker",
    "Support",
    "Written",
    "SentencePicker",
    "UngroundedAnswerError",
    "abstention_text",
    "answer",
    "answer_stream",
    "chat_model",
    "configured_chat_model",
    "check_answer",
    "choose_sources",
    "missing_facts",
    "quote_in_source",
]
