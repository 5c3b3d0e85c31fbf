"""The SEND glossary: bridges parents' words and ministers' terms, both ways.

Queries are expanded with the official terms of every entry whose plain
phrases they use; answers explain official terms that appear in a quote.
A ``match`` phrase ending in ``*`` matches any word starting with it. An entry
may also name ``together``: groups of phrases that match only all at once, for a
thing parents name in two halves ("the bus" ... "when she starts sixth form").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rag.data import shipped


@dataclass(frozen=True)
class Term:
    term: str
    explain: str
    official: tuple[str, ...]
    match: tuple[str, ...]
    together: tuple[tuple[str, ...], ...] = ()  # a phrase of each group, in one question

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compile(self.match)

    def matches(self, text: str) -> bool:
        """Whether ``text`` uses a ``match`` phrase, or a phrase of every ``together``
        group."""
        if self.pattern.search(text):
            return True
        return bool(self.together) and all(_compile(g).search(text) for g in self.together)

    @property
    def official_pattern(self) -> re.Pattern[str]:
        return _compile(tuple(o.lower() for o in self.official))


@cache
def _compile(phrases: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for phrase in phrases:
        stem = re.escape(phrase.rstrip("*").lower())
        parts.append(rf"\b{stem}\w*" if phrase.endswith("*") else rf"\b{stem}\b")
    return re.compile("|".join(parts), re.IGNORECASE)


@lru_cache(maxsize=1)
def load_glossary() -> tuple[Term, ...]:
    raw = shipped("glossary.json")
    return tuple(
        Term(
            e["term"],
            e["explain"],
            tuple(e["official"]),
            tuple(e["match"]),
            tuple(tuple(group) for group in e.get("together", ())),
        )
        for e in raw
    )


def matching_terms(text: str) -> list[Term]:
    """Entries whose plain or official phrases occur in ``text``."""
    return [t for t in load_glossary() if t.matches(text)]


def explain_terms(text: str) -> list[Term]:
    """Entries whose official terms appear in ``text`` (for explaining a quote)."""
    return [t for t in load_glossary() if t.official_pattern.search(text)]
