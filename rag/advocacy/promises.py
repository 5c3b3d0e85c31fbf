"""Commitments: forward-looking statements in answers, kept verbatim with their source.

A sentence is a commitment when the government (we, I, the government, the
department, ministers) is the subject of a future or committing verb (will,
intends to, plans to, is committed to, ...), when something "will be
published / set out / announced", or when the government puts a sum of money
to a purpose. The same promise repeated across answers is grouped, with the
first and latest dates it was made.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rag.advocacy.details import PromiseDetails, details
from rag.source import Source
from rag.text import closest_duplicate, fold, sentences

_ACTOR = (
    r"(?:we|I|the\s+government|this\s+government|the\s+department|this\s+department|"
    r"the\s+Department\s+for\s+Education|the\s+Department\s+of\s+Health\s+and\s+Social\s+Care|"
    r"DfE|ministers|the\s+Secretary\s+of\s+State|my\s+department|NHS\s+England)"
)
_FUTURE = (
    r"(?:will|shall|intends?\s+to|plans?\s+to|(?:is|are)\s+planning\s+to|"
    r"(?:has|have|is|are|remains?)\s+(?:fully\s+)?committed\s+to|commits?\s+to|"
    r"(?:is|are)\s+going\s+to|(?:is|are)\s+due\s+to|aims?\s+to|(?:has|have)\s+pledged\s+to)"
)
_ACTS = re.compile(rf"\b{_ACTOR}\s+(?:\w+\s+){{0,3}}?{_FUTURE}\b", re.IGNORECASE)
_PUBLISH = re.compile(
    r"\bwill\s+be\s+(?:published|set\s+out|announced|launched|confirmed|introduced|laid|"
    r"made\s+available|consulted\s+on|shared|provided|allocated|invested)\b",
    re.IGNORECASE,
)
_NO_PLAN = re.compile(
    r"\b(?:no|not\s+any)\s+(?:current\s+)?plans?\s+to\b"
    r"|\b(?:does|do|did)\s+not\s+(?:plan|intend|aim)\s+to\b",
    re.IGNORECASE,
)
MONEY = re.compile(r"£\s?\d[\d,.]*\s*(?:million|billion|bn|m)?\b", re.IGNORECASE)
# Putting money to a purpose now or later ("is investing £X", "has committed £X"); a
# past allocation ("has allocated £X") reports, it does not promise.
_FUNDS = re.compile(
    rf"\b{_ACTOR}\s+(?:\w+\s+){{0,3}}?(?:is|are|has|have)\s+(?:\w+\s+)?"
    r"(?:investing|providing|allocating|committed|making\s+available)\b",
    re.IGNORECASE,
)
# Funding promised without a sum: "will fully fund", "by investing in", "additional funding".
_FUNDING_WORDS = re.compile(
    r"\b(?:will|to)\s+(?:\w+\s+){0,2}?(?:fund|invest|increase\s+funding)\b"
    r"|\bby\s+investing\b|\b(?:additional|more|extra|increased)\s+funding\b",
    re.IGNORECASE,
)
# A promise to publish: a document, plans, details, a response, a decision.
_PUBLISHING = re.compile(
    r"\b(?:will|shall|to)\s+(?:\w+\s+){0,3}?(?:publish\w*|set\s+out|announce|consult|lay|"
    r"confirm|share|provide\s+(?:\w+\s+){0,2}?(?:detail|details|response|update)|"
    r"bring\s+forward\s+(?:a|an|the)\s+(?:\w+\s+){0,3}?(?:white\s+paper|green\s+paper|bill|"
    r"strategy|plan))\b"
    r"|\bwill\s+be\s+(?:published|set\s+out|announced|laid|consulted\s+on|confirmed)\b"
    r"|\bwill\s+(?:\w+\s+){0,2}?include\s+details\b",
    re.IGNORECASE,
)
MIN_SENTENCE_CHARS = 26  # shorter "sentences" are headings and fragments
RARE_WORDS = 8  # a sentence meets the groups that share one of its this-many rarest words
_WORD = re.compile(r"[a-z0-9£]{3,}")


@dataclass(frozen=True)
class Commitment:
    """One forward-looking sentence, verbatim, from one answer."""

    sentence: str
    kind: str  # "funding", "publication", "deadline" or "action"
    source: Source

    @property
    def date(self) -> date | None:
        """The best-known date: the answer's, else the tabled day or month's first day."""
        return self.source.known_date

    @property
    def details(self) -> PromiseDetails:
        """Its deliverable, promised time and amount, and whether it is concrete."""
        return details(self.sentence)

    @property
    def concrete(self) -> bool:
        """Names an amount, a number, a date or a deliverable (else general intent)."""
        return self.details.concrete

    @property
    def date_precision(self) -> str | None:
        """ "day", or "month" where only the month the question was tabled is known."""
        return self.source.date_precision


@dataclass(frozen=True)
class Evidence:
    """A later answer's sentence about a commitment's deliverable, verbatim."""

    status: str  # "delivered", "repeated", "moved" or "withdrawn"
    sentence: str
    source: Source
    date: date | None  # the date the sentence gives for it (delivered), else the answer's

    @property
    def answered(self) -> date | None:
        return self.source.known_date


NO_LATER_MENTION = "no later mention"
STATUSES = ("delivered", "repeated", "moved", "withdrawn", NO_LATER_MENTION)


@dataclass
class CommitmentGroup:
    """The same promise, made in one or more answers; ``latest`` is the newest wording."""

    latest: Commitment
    made: list[Commitment] = field(default_factory=list)
    # what later answers state about it (rag.advocacy.follow_through), oldest first
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def status(self) -> str:
        """What the latest later answer states about it, or ``no later mention``."""
        return self.evidence[-1].status if self.evidence else NO_LATER_MENTION

    @property
    def first(self) -> Commitment:
        """The earliest making of the promise (by the best-known dates)."""
        return min(self.made, key=lambda c: c.source.recency)

    @property
    def first_date(self) -> date | None:
        return self.first.date

    @property
    def last_date(self) -> date | None:
        return self.latest.date

    @property
    def answers(self) -> int:
        return len({c.source.key for c in self.made})


def kind_of(sentence: str) -> str | None:
    """The kind of commitment a sentence makes, or None if it makes none.

    ``funding``: money for a purpose; ``publication``: a promise to publish, set out or
    confirm something; ``deadline``: another promise with a date; ``action``: the rest.
    """
    acts = bool(_ACTS.search(sentence)) and not _NO_PLAN.search(sentence)
    published = bool(_PUBLISH.search(sentence))
    funds = bool(MONEY.search(sentence)) and (acts or published or bool(_FUNDS.search(sentence)))
    if not (acts or published or funds):
        return None
    if sentence.rstrip().endswith("?"):
        return None
    if funds or _FUNDING_WORDS.search(sentence):
        return "funding"
    if _PUBLISHING.search(sentence):
        return "publication"
    if details(sentence).dated:
        return "deadline"
    return "action"


@lru_cache(maxsize=200_000)  # sources are immutable: extract each once per process
def extract(source: Source) -> tuple[Commitment, ...]:
    if source.answer_type in ("holding", "refers_elsewhere"):
        return ()
    return tuple(
        Commitment(s, kind, source)
        for s in sentences(source.answer_text)
        if len(s) >= MIN_SENTENCE_CHARS and (kind := kind_of(s))
    )


def extract_all(sources: Iterable[Source]) -> list[Commitment]:
    return [c for s in sources for c in extract(s)]


def group(commitments: Iterable[Commitment]) -> list[CommitmentGroup]:
    """Group repeats of one promise; newest promise first.

    A sentence is only compared with groups that share one of its rarest words
    (repeats of a promise share them), so grouping stays fast at 10,000s of sentences.
    """
    ordered = sorted(commitments, key=lambda c: c.source.recency, reverse=True)
    keys = [fold(c.sentence) for c in ordered]
    words = [set(_WORD.findall(k)) for k in keys]
    frequency = Counter(w for ws in words for w in ws)
    groups: list[CommitmentGroup] = []
    group_keys: list[str] = []
    by_word: dict[str, list[int]] = defaultdict(list)
    for c, key, ws in zip(ordered, keys, words, strict=True):
        rare = sorted(ws, key=lambda w: (frequency[w], w))[:RARE_WORDS]
        candidates = sorted({g for w in rare for g in by_word[w]})
        same = closest_duplicate(key, {g: group_keys[g] for g in candidates})
        if same is None:
            for w in rare:
                by_word[w].append(len(groups))
            groups.append(CommitmentGroup(latest=c, made=[c]))
            group_keys.append(key)
        else:
            groups[same].made.append(c)
    return groups
