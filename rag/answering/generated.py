"""Replies written by a chat model, every sentence checked before anyone sees it.

The model is given the retrieved passages, numbered, and asked for a short plain answer
with an [n] after every sentence. As it writes, each finished sentence goes through
:class:`rag.answering.support.SentenceChecker`; only sentences that pass are shown
(renumbered [1], [2], ... in the order they are first cited), each with the sentence of
the cited answer that supports it. If none pass, more than half fail, or the model
errors or times out, the reply is the quoted (extractive) answer with a note saying why.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from langchain_core.language_models import BaseChatModel

from rag.answering.chat_model import model_label
from rag.answering.composer import ExtractiveComposer, choose_sources
from rag.answering.grounding import ELISION
from rag.answering.prompt import answer_messages, rewrite_messages
from rag.answering.results import Citation, Draft, Support
from rag.answering.settings import AnswerSettings
from rag.answering.support import SentenceCheck, SentenceChecker, SupportModel
from rag.search import Message, Question
from rag.source import Passage
from rag.text import fold, normalise, sentences
from vectorstore import Embedder

log = logging.getLogger(__name__)

DROPPED_NOTE = (
    "_The written reply could not all be checked against the answers, "
    "so this reply quotes them instead._\n\n"
)
# The prompt asks for about 120 words; small models may never stop (a 270M model ran
# on to its 4,096-token context), and not every server honours a token limit.
MAX_WORDS = 200
FAILED_NOTE = "_The chat model did not reply, so this reply quotes the answers instead._\n\n"
# "plan. [1] Next" -> "plan [1]. Next": a marker belongs to the sentence before it.
_MARKER_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d+\])+)")


@dataclass(frozen=True)
class Written:
    """A sentence as it is shown: its text with the reply's own [n] markers."""

    text: str


def _markers_inside(text: str) -> str:
    return _MARKER_AFTER_STOP.sub(lambda m: m.group(2) + m.group(1), text)


def finished_sentences(buffer: str, *, final: bool) -> tuple[list[str], str]:
    """The sentences of ``buffer`` that are complete, and what is left to wait for.

    A sentence is complete once the next one has begun with a word (not a marker,
    which may still belong to it), or when the reply has ended."""
    text = _markers_inside(buffer)
    parts = sentences(text)
    if final:
        return parts, ""
    keep = len(parts) - 1
    while keep > 0 and parts[keep].lstrip().startswith("["):
        keep -= 1
    done = parts[:keep]
    cut = 0
    for part in done:
        cut = text.index(part, cut) + len(part)
    return done, text[cut:]


class GeneratedComposer:
    """Writes with ``model``; shows only sentences the checks pass; else quotes."""

    def __init__(
        self,
        model: BaseChatModel,
        embedder: Embedder | None = None,
        settings: AnswerSettings | None = None,
        *,
        support_model: SupportModel | None = None,
    ) -> None:
        self.model = model
        self.embedder = embedder
        self.settings = settings or AnswerSettings()
        self.support_model = support_model
        self.label = model_label(model)
        self.fallback = ExtractiveComposer(embedder, self.settings)

    def compose(self, question: Question, passages: Sequence[Passage]) -> Draft:
        *_, draft = self.stream(question, passages)
        assert isinstance(draft, Draft)
        return draft

    def stream(self, question: Question, passages: Sequence[Passage]) -> Iterator[Written | Draft]:
        """Each sentence as it passes its checks (a :class:`Written`), then the draft."""
        offered = replace(self.settings, max_cited=self.settings.llm_passages)
        numbered = {n: p for n, (p, _) in enumerate(choose_sources(passages, offered), 1)}
        checker = SentenceChecker(
            {n: p.source for n, p in numbered.items()},
            question.cleaned,
            self.embedder,
            self.support_model,
        )
        checks: list[SentenceCheck] = []
        shown: list[tuple[str, SentenceCheck]] = []
        renumbered: dict[int, int] = {}
        chunks = self.model.stream(answer_messages(question.cleaned, numbered))
        try:
            buffer = ""
            for chunk in chunks:
                buffer += _text_of(chunk)
                done, buffer = finished_sentences(buffer, final=False)
                yield from self._checked(done, checker, checks, shown, renumbered)
                if sum(len(c.text.split()) for c in checks) >= MAX_WORDS:
                    buffer = ""  # enough: the rest is not read (closing stops the server)
                    break
            done, _ = finished_sentences(buffer, final=True)
            yield from self._checked(done, checker, checks, shown, renumbered)
        except Exception as e:  # any failure of the model: the quoted answer stands in
            log.warning("the chat model failed (%s: %s); quoting instead", type(e).__name__, e)
            yield self._quoted(question, passages, FAILED_NOTE, checks)
            return
        finally:
            getattr(chunks, "close", lambda: None)()
        dropped = len(checks) - len(shown)
        if not shown or dropped * 2 > len(checks):
            yield self._quoted(question, passages, DROPPED_NOTE, checks)
            return
        yield self._draft(shown, renumbered, numbered, checks)

    def rewrite(self, message: str, history: Sequence[Message]) -> str:
        """A follow-up as a standalone question, written by the model (guarded by
        :func:`rag.search.standalone`, which falls back to its rules)."""
        return _text_of(self.model.invoke(rewrite_messages(message, history))).strip()

    def _checked(
        self,
        done: Sequence[str],
        checker: SentenceChecker,
        checks: list[SentenceCheck],
        shown: list[tuple[str, SentenceCheck]],
        renumbered: dict[int, int],
    ) -> Iterator[Written]:
        for sentence in done:
            check = checker.check(sentence)
            if check.kept and any(fold(check.text) == fold(c.text) for c in checks):
                # small models loop; a sentence said twice is shown once
                check = replace(check, kept=False, reason="repeats an earlier sentence")
            checks.append(check)
            if check.kept:
                for n in check.cites:
                    renumbered.setdefault(n, len(renumbered) + 1)
                text = _with_markers(check.text, [renumbered[n] for n in check.cites])
                shown.append((text, check))
                yield Written(text)

    def _draft(
        self,
        shown: Sequence[tuple[str, SentenceCheck]],
        renumbered: Mapping[int, int],
        numbered: Mapping[int, Passage],
        checks: Sequence[SentenceCheck],
    ) -> Draft:
        citations = []
        for n, m in sorted(renumbered.items(), key=lambda item: item[1]):
            source = numbered[n].source
            quotes = {c.quotes[n] for _, c in shown if n in c.quotes}
            where = normalise(source.answer_text)
            ordered = sorted(quotes, key=lambda q: where.find(normalise(q)))
            citations.append(Citation(m, source, ELISION.join(ordered)))
        supports = tuple(
            Support(text, renumbered[n], c.quotes[n]) for text, c in shown for n in c.cites
        )
        return Draft(
            " ".join(text for text, _ in shown),
            citations,
            composer=self.label,
            checks=tuple(checks),
            supports=supports,
        )

    def _quoted(
        self,
        question: Question,
        passages: Sequence[Passage],
        note: str,
        checks: Sequence[SentenceCheck],
    ) -> Draft:
        quoted = self.fallback.compose(question, passages)
        return replace(quoted, text=note + quoted.text, checks=tuple(checks))


def _with_markers(text: str, numbers: Sequence[int]) -> str:
    markers = "".join(f"[{n}]" for n in numbers)
    if text and text[-1] in ".!?":
        return f"{text[:-1]} {markers}{text[-1]}"
    return f"{text} {markers}"


def _text_of(message: Any) -> str:
    """The text of a chat model's message or chunk (content may be a list of parts)."""
    content = getattr(message, "content", message)
    if isinstance(content, list):
        return "".join(
            part.get("text", "") if isinstance(part, dict) else str(part) for part in content
        )
    return str(content or "")
