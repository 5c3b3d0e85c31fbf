"""Understanding a question, once: the :class:`Question` every later stage works from.

Parents write several sentences with feelings and context; the key facts (who, age,
setting, condition, what is being asked) stay, filler goes, misspelt words are read
as the corpus's words, and the glossary adds the official terms ministers use. The
same pass reads the period the question gives to what was said, whether written
answers can answer it at all (:mod:`rag.search.scope`), the things it asks, and
whether it asks for commitments. Retrieval and the answer step read these fields;
neither goes back to the raw text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rag.errors import InvalidQueryError
from rag.index import GENERIC_TERMS, terms
from rag.search.conversation import Message, Rewriter, standalone
from rag.search.glossary import matching_terms
from rag.search.periods import Period, asked_period, since_date, without_since
from rag.search.scope import out_of_scope_reason
from rag.search.specifics import named_specifics
from rag.search.spelling import Correction, Speller
from rag.text import clean_text

MAX_QUESTION_CHARS = 2000
# Glossary terms that match almost every parent question add noise to the embedding.
_TOO_COMMON = {"local authority"}
_FILLER = re.compile(
    r"\b("
    r"i(?:'m| am) (?:so |really |very )?(?:worried|scared|frightened|desperate|stressed|upset|"
    r"confused|lost|exhausted|at my wits'? end)(?: that| about)?"
    r"|please (?:help|advise)|any (?:help|advice)(?: would be appreciated)?"
    r"|thank(?:s| you)(?: (?:so much|in advance))?"
    r"|i (?:just )?don'?t know what to do|we(?:'re| are) at a loss"
    r"|(?:can|could) (?:you|anyone) (?:please )?(?:tell me|help|explain)"
    r")\b[,.!]*",
    re.IGNORECASE,
)
ASKS_FOR_COMMITMENTS = re.compile(
    r"\b(?:committed|commit|commitments?|promised?|promises|pledged?|pledges)\b(?:\s+to)?",
    re.IGNORECASE,
)
_QUESTION_WORD = (
    r"(?:which|what|how|when|where|who|whether|can|could|do|does|did|is|are|will|would|"
    r"should|has|have|must)\b"
)
_ASKS = re.compile(rf"(?<=[.?!])\s+|,?\s+(?:and|or)\s+(?={_QUESTION_WORD})", re.IGNORECASE)
_ASKING = re.compile(_QUESTION_WORD, re.IGNORECASE)


class Intent(StrEnum):
    ANSWER = "answer"  # what have ministers said about ...
    COMMITMENTS = "commitments"  # what has the government committed to on ...


@dataclass(frozen=True)
class Question:
    """A question as the product understood it."""

    text: str  # as typed
    standalone: str  # the question on its own: with what it follows on from, if it does
    follows_on: bool  # read together with an earlier question of the conversation
    cleaned: str  # ``standalone`` with control characters dropped, white space folded, cut
    typed_length: int  # characters once cleaned, before any cut
    reduced: str  # filler dropped, misspellings corrected: what is asked
    corrections: tuple[Correction, ...]
    dense: str  # ``reduced`` with the glossary's official terms, for the embedding model
    lexical: str  # ``reduced`` with every official term, for BM25
    glossary_terms: tuple[str, ...]  # the glossary entries it uses
    asks: tuple[str, ...]  # the things it asks, one a clause
    words: frozenset[str]  # its stemmed content words, as BM25 sees them
    related_words: frozenset[str]  # stemmed content words the glossary adds
    topic_words: frozenset[str]  # what it is about: no "since ..." or commitment words
    intent: Intent
    period: Period | None  # the answer dates it limits itself to
    since: date | None  # the start of a commitments question's "since ..."
    scope_reason: str | None  # why written answers cannot answer it, if they cannot
    specifics: tuple[str, ...] = ()  # the names and years it gives ("Plymouth", "2015")
    # those of them in what it asks: "We live in Leeds." only sets the scene
    asked_specifics: tuple[str, ...] = ()

    @property
    def shortened(self) -> bool:
        return self.typed_length > MAX_QUESTION_CHARS


def understand(
    text: object,
    *,
    history: Sequence[Message] | None = (),
    speller: Speller | None = None,
    glossary: bool = True,
    rewrite: Rewriter | None = None,
) -> Question:
    """Read ``text`` once into a :class:`Question`; raises InvalidQueryError if there is
    no question in it. ``history`` is the conversation so far (``{"role", "content"}``
    messages, oldest first): a follow-up is read with the question it follows.
    ``speller`` corrects misspelt words; ``glossary=False`` leaves out the official
    terms (to measure what they contribute); ``rewrite`` words a follow-up as a
    standalone question (a chat model; guarded, see :func:`standalone`)."""
    if not isinstance(text, str):
        raise InvalidQueryError(f"the query must be text, got {type(text).__name__}")
    cleaned = clean_text(text)
    if not cleaned:
        raise InvalidQueryError("the query is empty: type a question")
    whole = standalone(cleaned, _checked(history), rewrite)
    follows_on = whole != cleaned
    if follows_on:
        cleaned = clean_text(whole)  # the earlier turns, as typed
    typed_length = len(cleaned)
    if typed_length > MAX_QUESTION_CHARS:
        # Keep the start and the end: the question is usually the last sentence.
        half = MAX_QUESTION_CHARS // 2
        cleaned = f"{cleaned[:half]} {cleaned[-half:]}"
    reduced = " ".join(_FILLER.sub(" ", cleaned).split()) or cleaned
    corrections: list[Correction] = []
    if speller is not None:
        reduced, corrections = speller.correct(reduced)
        corrections = [c for c in corrections if c.typed in text]  # not an earlier turn's
    entries = matching_terms(reduced) if glossary else []
    officials = [t.official[0] for t in entries if t.term not in _TOO_COMMON]
    all_officials = [o for t in entries for o in t.official]
    lexical = " ".join([reduced, *all_officials])
    words = frozenset(terms(reduced) - GENERIC_TERMS)
    intent = Intent.COMMITMENTS if ASKS_FOR_COMMITMENTS.search(reduced) else Intent.ANSWER
    topic = ASKS_FOR_COMMITMENTS.sub(" ", without_since(reduced))
    since = since_date(reduced) if intent is Intent.COMMITMENTS else None
    period = asked_period(reduced) or ((since, None) if since else None)
    # a period read from the question limits the search instead: its years are not words
    # the answers must say
    specifics = tuple(w for w in named_specifics(cleaned) if not (period and w.isdigit()))
    return Question(
        text=text,
        standalone=whole,
        follows_on=follows_on,
        cleaned=cleaned,
        typed_length=typed_length,
        reduced=reduced,
        corrections=tuple(corrections),
        dense=f"{reduced} ({'; '.join(officials)})" if officials else reduced,
        lexical=lexical,
        glossary_terms=tuple(t.term for t in entries),
        asks=tuple(asks(reduced)),
        words=words,
        related_words=frozenset(terms(lexical) - GENERIC_TERMS - words),
        topic_words=frozenset(terms(" ".join([topic, *all_officials])) - GENERIC_TERMS),
        intent=intent,
        period=period,
        since=since,
        scope_reason=out_of_scope_reason(reduced),
        specifics=specifics,
        asked_specifics=tuple(n for n in specifics if any(n in q for q in _asking(reduced))),
    )


def _checked(history: object) -> Sequence[Message]:
    """The conversation, checked: a list of {"role": ..., "content": ...} messages."""
    if history is None:
        return ()
    if not isinstance(history, (list, tuple)) or not all(
        isinstance(m, Mapping) and "role" in m and "content" in m for m in history
    ):
        raise InvalidQueryError(
            "history must be a list of messages like "
            '{"role": "user", "content": "..."}, oldest first'
        )
    return history


def _asking(question: str) -> list[str]:
    """The sentences that ask something (with a question mark or opening with a question
    word), or the last: a story's other sentences set the scene."""
    said = [s.strip() for s in re.split(r"(?<=[.?!])\s+", question) if s.strip()]
    return [s for s in said if "?" in s or _ASKING.match(s)] or said[-1:]


def asks(question: str) -> list[str]:
    """The things a question asks, one per clause ("..., and does the council ...?")."""
    parts = [p.strip() for p in _ASKS.split(question) if p and p.strip()]
    asking = [p for p in parts if "?" in p or _ASKING.match(p)]
    return asking or parts[-1:]
