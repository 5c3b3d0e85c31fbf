"""Follow-up questions: a message that leans on earlier turns becomes a standalone one.

"What about in academies?" after "Can my son's school exclude him for his autism?" is
searched as both together; "How do I get a support plan?" after it is a new topic and
stands alone. The rules look at the message itself: does it open as a follow-up does
("and ...", "what about ...", "what if ...", "then ..."), point back ("it", "that",
"they", "she" with little topic of its own), or carry almost no topic words? A
message with a topic of its own and no such sign starts a new topic.

Where a chat model is configured it writes the standalone question for a follow-up the
rules found, and its version is used only if it keeps the follow-up's own words and
brings in no topic the conversation did not have; otherwise the rules' version stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from bm25s.stopwords import STOPWORDS_EN_PLUS

from rag.index import GENERIC_TERMS, terms

Message = Mapping[str, object]  # {"role": "user" | "assistant", "content": "..."}
# (message, history) -> the message as a standalone question, e.g. by a chat model
Rewriter = Callable[[str, Sequence[Message]], str]
MAX_REWRITE_CHARS = 600
NEW_TOPIC_WORDS = 1  # topic words a rewrite may add that no turn used ("kid" -> "child")

_OPENS_AS_FOLLOW_UP = re.compile(
    r"^\s*(?:and|but|also|so|then|ok(?:ay)?|what\s+about|how\s+about|what\s+if|and\s+if|"
    r"what\s+happens\s+(?:if|when|after)|is\s+that|does\s+that|will\s+that|can\s+they|"
    r"do\s+they|would\s+that|same\s+for|even\s+if|once|after\s+that|who\s+decides)\b",
    re.IGNORECASE,
)
_POINTS_BACK = re.compile(
    r"\b(?:it|its|that|this|those|these|they|them|their|there|either|such|the\s+same)\b",
    re.IGNORECASE,
)
_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
_NAMES_A_PERSON = re.compile(
    r"\bmy\s+(?:\w+\s+)?(?:son|daughter|child|children|kids?|boy|girl|grandson|"
    r"granddaughter|stepson|stepdaughter|nephew|niece|teenager|toddler|baby)\b",
    re.IGNORECASE,
)
# A message with this many topic words of its own is a question in its own right even
# when it says "it" or "that"; with no such word, one that shares a topic word with the
# conversation and has few of its own follows on. Read on eval/dialogues.jsonl.
OWN_TOPIC_WORDS = 7
FEW_TOPIC_WORDS = 3
_TIME_WORDS = terms("year years old age aged month months week weeks time now next")
_WORD = re.compile(r"[a-z]+")


def topic_words(text: str) -> set[str]:
    """The stemmed words of a message that name what it is about."""
    words = " ".join(w for w in _WORD.findall(text.lower()) if w not in STOPWORDS_EN_PLUS)
    return terms(words) - GENERIC_TERMS - _TIME_WORDS


def leans_on_earlier_turns(message: str, earlier: str = "") -> bool:
    """True when ``message`` cannot be understood without ``earlier`` turns."""
    own = topic_words(message)
    if _OPENS_AS_FOLLOW_UP.search(message) or len(own) <= 1:
        return True
    points_back = bool(_POINTS_BACK.search(message)) or (
        bool(_PERSON.search(message)) and not _NAMES_A_PERSON.search(message)
    )
    if points_back:
        return len(own) < OWN_TOPIC_WORDS
    return bool(own & topic_words(earlier)) and len(own) <= FEW_TOPIC_WORDS


def standalone(
    message: str, history: Sequence[Message] = (), rewrite: Rewriter | None = None
) -> str:
    """``message`` as a question that stands on its own, given the conversation so far.

    Earlier user turns are read in order, each made standalone against the one before,
    so a chain of follow-ups keeps its topic. ``rewrite`` (a chat model) words a
    follow-up better than joining turns does; its version must pass
    :func:`keeps_words_and_topic`.
    """
    previous = ""
    for turn in history:
        if turn.get("role") == "user" and isinstance(turn.get("content"), str):
            previous = _joined(previous, str(turn["content"]).strip())
    ruled = _joined(previous, message.strip())
    if rewrite is None or ruled == message.strip():
        return ruled
    try:
        proposed = " ".join(rewrite(message, history).split())
    except Exception:  # the model failed: the rules stand
        return ruled
    said = " ".join(str(m.get("content", "")) for m in history)
    return proposed if keeps_words_and_topic(message, proposed, said) else ruled


def keeps_words_and_topic(message: str, proposed: str, conversation: str) -> bool:
    """True when ``proposed`` keeps every topic word of ``message`` and adds at most
    ``NEW_TOPIC_WORDS`` that the conversation never used."""
    if not proposed or len(proposed) > MAX_REWRITE_CHARS:
        return False
    mine, theirs = topic_words(message), topic_words(proposed)
    new = theirs - topic_words(conversation) - mine
    return mine <= theirs and len(new) <= NEW_TOPIC_WORDS


def _joined(previous: str, message: str) -> str:
    if not previous or not message or not leans_on_earlier_turns(message, previous):
        return message
    return f"{previous} {message}"
