"""Did they do it? What later answers say about a concrete commitment's deliverable.

For each concrete commitment, the later answers with a sentence that names the same
deliverable are found, and each such sentence is classed by what it states:

- ``delivered``: it has been published, launched, laid, allocated, paid, is in force;
- ``withdrawn``: it will no longer happen, was paused or dropped;
- ``moved``: promised again with another time, or said to be delayed;
- ``repeated``: promised again on the same terms;

and a sentence that only mentions the deliverable is no evidence either way. A
commitment's status is that of its latest evidence, or ``no later mention``. The
status is what later written answers state, never a judgement of the product's own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from rag.advocacy.details import deadline, details, promised_time, times
from rag.advocacy.promises import MIN_SENTENCE_CHARS, MONEY, CommitmentGroup, Evidence, kind_of
from rag.index import GENERIC_TERMS, terms
from rag.source import Source
from rag.text import MONTH, fold, month_number, sentences

# Words that name no particular deliverable: "the new plan", "further guidance".
_VAGUE_TERMS = GENERIC_TERMS | terms(
    "new further updated revised additional plan plans programme report review guidance "
    "response detail details funding fund million billion our their its year years the upcoming "
    "first second third one two three four five"
)
MIN_SHARED = 0.75  # share of a deliverable's naming words a later sentence must use

_WITHDRAWN = re.compile(
    r"\bno\s+longer\b|\b(?:will|would)\s+not\s+(?:now\s+)?(?:be\s+)?(?:proceed|go\s+ahead|"
    r"take\s+forward|taken\s+forward|publish|introduce|continue)|\bdecided\s+not\s+to\b|"
    r"\bnot\s+(?:be\s+)?proceeding\b|\b(?:has|have|had)\s+been\s+(?:paused|scrapped|withdrawn|"
    r"cancelled|dropped|stopped)\b",
    re.IGNORECASE,
)
_DELIVERED = re.compile(
    r"\b(?:has|have|had)\s+(?:now\s+|recently\s+|already\s+|today\s+)?(?:been\s+)?"
    r"(?:published|launched|introduced|laid|set\s+out|announced|confirmed|allocated|paid|"
    r"delivered|opened|established|created|made\s+available|completed|issued|updated)\b"
    r"|\b(?:was|were)\s+(?:published|launched|introduced|laid|announced|opened|established)\b"
    r"|\bpublished\s+(?:on|in)\s+|\bcame\s+into\s+(?:force|effect)\b"
    r"|\bis\s+now\s+(?:in\s+force|available|live|open|law)\b"
    r"|\b(?:we|the\s+government|the\s+department)\s+(?:published|launched|introduced|laid|"
    r"announced|confirmed|allocated|opened|set\s+out)\b"
    r"|\b(?:as\s+)?(?:set\s+out|outlined|announced|published)\s+in\s+(?:the|our)\s+"
    r"(?P<cited>(?:[\w’'-]+\s+){0,5}[\w’'-]+)",
    re.IGNORECASE,
)
_STILL_TO_COME = re.compile(
    r"\bwill\s+(?:\w+\s+){0,2}?(?:be\s+)?(?:publish|published|set\s+out|launch|launched|"
    r"introduce|introduced|lay|laid|announce|announced)\b|\bupcoming\b|\bforthcoming\b",
    re.IGNORECASE,
)
_DELAYED = re.compile(
    r"\b(?:delayed|postponed|deferred|now\s+expected|revised\s+timetable|pushed\s+back)\b",
    re.IGNORECASE,
)
_GIVEN_DATE = re.compile(rf"\b(?:(\d{{1,2}})\s+)?({MONTH})\s+(20\d\d)\b", re.IGNORECASE)
_PROPER_NAME = re.compile(
    r"(?<![£\d])\b[A-Z][A-Za-z’'-]+(?:\s+(?:(?:and|of|for)\s+)?(?:[A-Z][A-Za-z’'-]+|SEND)){1,6}"
)
_FULL_YEARS = re.compile(r"\b(20\d\d)\s*[/-]\s*(20\d\d)\b")
_TIME_FILLERS = {"by", "in", "from", "between", "over", "the", "of", "during", "and", "to"}


def trace(groups: Sequence[CommitmentGroup], sources: Iterable[Source]) -> None:
    """Sets ``evidence`` (and so ``status``) on each concrete group from the later
    answers among ``sources``."""
    index = _SentenceIndex.of(tuple(sources))
    for g in groups:
        g.evidence = _evidence(g, index)


def classify(
    sentence: str,
    promised: Sequence[str] = (),
    *,
    due: date | None = None,
    said_on: date | None = None,
    naming: frozenset[str] = frozenset(),
) -> str | None:
    """What a later sentence naming the deliverable states about it, or None.

    ``promised``: the times the promise gave; ``due``: the last day they allow;
    ``said_on``: when the later sentence was said; ``naming``: the deliverable's
    naming words, so that "as set out in the X" counts only when X is the deliverable.
    """
    if _WITHDRAWN.search(sentence):
        return "withdrawn"
    to_come = bool(_STILL_TO_COME.search(sentence))
    if _delivered(sentence, naming) and not to_come:
        return "delivered"
    if kind_of(sentence) is None and not to_come:
        return None
    if _DELAYED.search(sentence):
        return "moved"
    if due is not None and said_on is not None and said_on > due:
        return "moved"  # still to come after the time promised
    later = promised_time(sentence)
    dated = later and promised and details(sentence).dated
    if dated and not any(same_time(later, p) for p in promised):
        return "moved"
    return "repeated"


def _delivered(sentence: str, naming: frozenset[str]) -> bool:
    for m in _DELIVERED.finditer(sentence):
        cited = m.group("cited")
        if cited is None or not naming or naming & terms(cited):
            return True
    return False


def same_time(a: str, b: str) -> bool:
    """ "between 2025/2026 and 2029/2030" is "between 2025/26 and 2029/30"."""
    return _time_key(a) == _time_key(b)


def _time_key(text: str) -> str:
    text = re.sub(r"\b(?:early|late|later)\s+", "", fold(text))
    text = _FULL_YEARS.sub(lambda m: f"{m.group(1)}/{m.group(2)[2:]}", text)
    return " ".join(w for w in text.split() if w not in _TIME_FILLERS)


def _sum(text: str) -> str:
    """ "£1.8 billion" and "£1.8bn" alike."""
    return re.sub(r"\s+|bn$", "", fold(text).replace("billion", "bn").replace("million", "m"))


def naming_terms(deliverable: str) -> frozenset[str]:
    """The words that name a deliverable (stemmed), without the ones every answer uses."""
    return frozenset(terms(deliverable) - _VAGUE_TERMS)


@dataclass(frozen=True)
class Promise:
    """What a later sentence is checked against: a concrete promise's deliverable."""

    sentence: str
    said_on: date | None

    @cached_property
    def naming(self) -> frozenset[str]:
        found = details(self.sentence)
        if not found.concrete or not found.deliverable:
            return frozenset()
        wanted = naming_terms(found.deliverable)
        # "statutory guidance": too little to know a later mention by
        return wanted if len(wanted) >= 2 else frozenset()

    @cached_property
    def name(self) -> str | None:
        """A deliverable's proper name ("National Inclusion Standards"), which a later
        sentence must use as written: its words alone also fit "inclusion strategies"."""
        found = _PROPER_NAME.search(details(self.sentence).deliverable)
        return fold(found.group(0)) if found else None

    @cached_property
    def sum(self) -> str | None:
        amount = MONEY.search(details(self.sentence).deliverable)
        return _sum(amount.group(0)) if amount else None

    @cached_property
    def due(self) -> date | None:
        """The last day the time promised for the deliverable allows, if it says one."""
        found = details(self.sentence)
        return deadline(found.promised_time, self.said_on) if found.dated else None

    def follows(self, sentence: str, said_on: date | None) -> str | None:
        """The status a later sentence gives this promise, or None if it names another
        thing or states nothing about it."""
        if not self.naming or not names(self.naming, frozenset(terms(sentence))):
            return None
        return self.status_of(sentence, said_on)

    def status_of(
        self, sentence: str, said_on: date | None, *, delivered: bool = False
    ) -> str | None:
        """As :meth:`follows`, for a sentence already known to use the naming words. Once
        ``delivered``, a time promised that has passed no longer makes a mention a move."""
        if self.sum and self.sum not in {_sum(m) for m in MONEY.findall(sentence)}:
            return None  # a sum promised is followed by the same sum
        if self.name and self.name not in fold(sentence):
            return None
        return classify(
            sentence,
            times(self.sentence),
            due=None if delivered else self.due,
            said_on=said_on,
            naming=self.naming,
        )


def names(wanted: frozenset[str], words: frozenset[str]) -> bool:
    """Whether a sentence's words name the deliverable: all of up to three naming words,
    three quarters of more."""
    return len(wanted & words) >= _needed(len(wanted))


def _needed(naming_words: int) -> int:
    return naming_words if naming_words <= 3 else max(3, round(MIN_SHARED * naming_words))


def _evidence(g: CommitmentGroup, index: _SentenceIndex) -> list[Evidence]:
    made = g.first
    promise = Promise(made.sentence, made.date)
    if not promise.naming:
        return []
    later = sorted(
        (
            (source, sentence)
            for source, sentence in index.naming(promise.naming)
            if source.recency > made.source.recency and source.key != made.source.key
        ),
        key=lambda found: (found[0].recency, found[1]),
    )
    out: list[Evidence] = []
    delivered = False
    for source, sentence in later:  # each already uses the naming words (index.naming)
        status = promise.status_of(sentence, source.known_date, delivered=delivered)
        if status is not None:
            out.append(Evidence(status, sentence, source, _date_given(sentence, source, status)))
            delivered = delivered or status == "delivered"
    return _one_per_answer(out)


def _one_per_answer(found: list[Evidence]) -> list[Evidence]:
    """An answer's clearest sentence: delivered or withdrawn over moved over repeated."""
    rank = {"delivered": 0, "withdrawn": 0, "moved": 1, "repeated": 2}
    best: dict[str, Evidence] = {}
    for e in found:
        held = best.get(e.source.key)
        if held is None or rank[e.status] < rank[held.status]:
            best[e.source.key] = e
    return sorted(best.values(), key=lambda e: (e.source.recency, e.sentence))


def _date_given(sentence: str, source: Source, status: str) -> date | None:
    if status == "delivered":
        for m in _GIVEN_DATE.finditer(sentence):
            day, month, year = m.groups()
            try:
                given = date(int(year), month_number(month), int(day or 1))
            except ValueError:
                continue
            if source.known_date is None or given <= source.known_date:
                return given
    return source.known_date


class _SentenceIndex:
    """Every sentence of every answer, found by the words it uses."""

    def __init__(self, sources: tuple[Source, ...]) -> None:
        self.sentences: list[tuple[Source, str, frozenset[str]]] = []
        self.by_term: dict[str, list[int]] = defaultdict(list)
        for source in sources:
            if source.answer_type in ("holding", "refers_elsewhere"):
                continue
            for sentence in sentences(source.answer_text):
                if len(sentence) < MIN_SENTENCE_CHARS:
                    continue
                words = frozenset(terms(sentence))
                for t in words:
                    self.by_term[t].append(len(self.sentences))
                self.sentences.append((source, sentence, words))

    @staticmethod
    @lru_cache(maxsize=4)
    def of(sources: tuple[Source, ...]) -> _SentenceIndex:
        return _SentenceIndex(sources)

    def naming(self, wanted: frozenset[str]) -> Iterable[tuple[Source, str]]:
        """Sentences that may name the deliverable (see :func:`names`)."""
        need = _needed(len(wanted))
        rarest = sorted(wanted, key=lambda t: len(self.by_term.get(t, ())))
        seen: set[int] = set()
        for t in rarest[: len(wanted) - need + 1]:  # a sentence with enough has one of these
            for i in self.by_term.get(t, ()):
                if i not in seen:
                    seen.add(i)
                    source, sentence, words = self.sentences[i]
                    if names(wanted, words):
                        yield source, sentence
