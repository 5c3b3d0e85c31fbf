"""Turn a person's question into retrieval queries.

Parents write several sentences with feelings and context; the key facts
(who, age, setting, condition, what is being asked) stay, filler goes, and the
glossary adds the official terms ministers use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from rag.errors import InvalidQueryError
from rag.glossary import matching_terms

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


def prepare_query(question: str) -> PreparedQuery:
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
