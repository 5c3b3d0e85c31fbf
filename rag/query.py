"""Turn a person's question into retrieval queries.

Parents write several sentences with feelings and context; the key facts
(who, age, setting, condition, what is being asked) stay, filler goes, and the
glossary adds the official terms ministers use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rag.errors import InvalidQueryError
from rag.glossary import matching_terms
from rag.spelling import Correction, Speller

MAX_QUERY_CHARS = 2000
# Terms that match almost every parent question add noise, not meaning.
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


@dataclass(frozen=True)
class PreparedQuery:
    original: str
    reduced: str
    dense: str  # for the embedding model
    lexical: str  # for BM25
    terms: tuple[str, ...]  # glossary entries matched
    corrections: tuple[Correction, ...] = ()  # misspelt words read as corpus words


def clean_text(text: str) -> str:
    """Drop control and format characters, normalise width forms, fold white space."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())


def shortened_note(question: object) -> str:
    """A line telling the user their question was cut to fit, or "" if it was not."""
    if not isinstance(question, str):
        return ""
    length = len(clean_text(question))
    if length <= MAX_QUERY_CHARS:
        return ""
    return (
        f"*Your question was {length:,} characters long; I searched with its first and last "
        f"{MAX_QUERY_CHARS // 2:,} characters.*\n\n"
    )


def prepare_query(question: str, speller: Speller | None = None) -> PreparedQuery:
    if not isinstance(question, str):
        raise InvalidQueryError(f"the query must be text, got {type(question).__name__}")
    cleaned = clean_text(question)
    if not cleaned:
        raise InvalidQueryError("the query is empty: type a question")
    if len(cleaned) > MAX_QUERY_CHARS:
        # Keep the start and the end: the question is usually the last sentence.
        half = MAX_QUERY_CHARS // 2
        cleaned = f"{cleaned[:half]} {cleaned[-half:]}"
    reduced = " ".join(_FILLER.sub(" ", cleaned).split()) or cleaned
    corrections: list[Correction] = []
    if speller is not None:
        reduced, corrections = speller.correct(reduced)
    terms = matching_terms(reduced)
    officials = [t.official[0] for t in terms if t.term not in _TOO_COMMON]
    all_officials = [o for t in terms for o in t.official]
    dense = f"{reduced} ({'; '.join(officials)})" if officials else reduced
    lexical = " ".join([reduced, *all_officials])
    return PreparedQuery(
        original=question,
        reduced=reduced,
        dense=dense,
        lexical=lexical,
        terms=tuple(t.term for t in terms),
        corrections=tuple(corrections),
    )


# General elections, for "since the 2024 election"; the latest is "the election".
ELECTIONS = {
    2015: date(2015, 5, 7),
    2017: date(2017, 6, 8),
    2019: date(2019, 12, 12),
    2024: date(2024, 7, 4),
}
_SINCE_ELECTION = re.compile(
    r"\bsince\s+the\s+(?:(?P<year>(?:19|20)\d\d)\s+)?(?:general\s+)?election\b", re.IGNORECASE
)
_SINCE_MONTH = re.compile(
    r"\bsince\s+(?:(?P<month>january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\s+)?(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def since_date(question: str) -> date | None:
    """The date a question's "since ..." names: an election, a month or a year."""
    m = _SINCE_ELECTION.search(question)
    if m:
        year = int(m.group("year")) if m.group("year") else max(ELECTIONS)
        return ELECTIONS.get(year)
    m = _SINCE_MONTH.search(question)
    if m:
        month = m.group("month")
        number = datetime.strptime(month, "%B").month if month else 1
        return date(int(m.group("year")), number, 1)
    return None


def without_since(question: str) -> str:
    return _SINCE_MONTH.sub(" ", _SINCE_ELECTION.sub(" ", question))


_YEAR = r"(?:19|20)\d\d(?![\d/])"  # not "2024/25", an academic or financial year
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)"
)
_RANGE = (
    rf"(?P<kind>in|during|between|from|before|since)\s+(?:the\s+years?\s+)?"
    rf"(?:(?P<sm>{_MONTH})\s+)?(?P<sy>{_YEAR})"
    rf"(?:\s*(?:and|to|until|-|–)\s*(?:(?P<em>{_MONTH})\s+)?(?P<ey>{_YEAR}))?"
)
_SINCE_ELECTED = rf"since\s+the\s+(?:{_YEAR}\s+)?(?:general\s+)?election"
# The period must qualify what ministers said ("said in 2018", "written answers between
# 2016 and 2019"), not the family's story ("out of school since 2024") or the data asked
# about ("EHC plans issued in 2023").
_SAID = (
    r"\b(?:say|says|said|state|stated|told|answered|promised|committed\s+to|announced"
    r"|(?:written\s+)?answers?(?:\s+(?:given|published|made))?)"
    r"(?:\s+(?:in|to)\s+(?:written\s+answers|parliament|the\s+commons|mps))?"
)
_SAID_IN_PERIOD = re.compile(
    rf"{_SAID}\s+(?:{_RANGE}|(?P<elected>{_SINCE_ELECTED}))\b", re.IGNORECASE
)
_PERIOD_THEN_SAID = re.compile(rf"(?:^|(?<=[.?!])\s+){_RANGE},[^.?!]*{_SAID}\b", re.IGNORECASE)


def asked_period(question: str) -> tuple[date | None, date | None] | None:
    """The answer dates a question limits itself to ("what did ministers say between 2016
    and 2019", "said in March 2025", "said since the 2024 election"), or None if it names
    no such period."""
    m = _SAID_IN_PERIOD.search(question) or _PERIOD_THEN_SAID.search(question)
    if not m:
        return None
    if m.groupdict().get("elected"):
        return since_date(m.group("elected")), None
    first = date(int(m.group("sy")), _month(m.group("sm")) or 1, 1)
    last_year = int(m.group("ey") or m.group("sy"))
    last_month = _month(m.group("em") or (None if m.group("ey") else m.group("sm"))) or 12
    after_last = date(last_year + last_month // 12, last_month % 12 + 1, 1)
    last = after_last - timedelta(days=1)
    kind = m.group("kind").lower()
    if kind == "before":
        return None, first - timedelta(days=1)
    if kind in ("since", "from") and not m.group("ey"):
        return first, None
    return min(first, last), max(first, last)


def _month(name: str | None) -> int | None:
    return datetime.strptime(name, "%B").month if name else None
