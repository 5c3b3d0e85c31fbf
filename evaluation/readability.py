"""How hard a reply is to read: words, and the Flesch-Kincaid grade of the product's own
words and of the quotes, apart.

Syllables are counted offline: the larger of pyphen's hyphenation (its dictionaries
ship in the wheel) and the vowel groups of the word, since hyphenation leaves out
breaks near a word's ends ("edu-ca-tion").
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

_QUOTE = re.compile(r"“[^”]*”")
# "Catherine McKinnell, an education minister, said on 7 October 2024: " before a quote
_ATTRIBUTION = re.compile(r"^(?:\s*-\s+)?[^\n“]*\bsaid\b[^\n“]*:\s*(?=“)", re.MULTILINE)
_MARKUP = re.compile(r"\[\d+\]|[*_#`>]|^\s*-\s+", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.%£]*")
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)|\n\s*\n|\n\s*-\s")
_VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    word = word.lower().strip("'’-")
    if not word or not word[0].isalpha():
        return 1
    groups = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and groups > 1:
        groups -= 1  # a silent final e
    return max(1, groups, len(_dictionary().inserted(word).split("-")))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def grade(text: str) -> float | None:
    """Flesch-Kincaid grade level; None when there are no words."""
    found = words(text)
    if not found:
        return None
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if words(s)]))
    per_word = sum(syllables(w) for w in found) / len(found)
    return 0.39 * len(found) / sentences + 11.8 * per_word - 15.59


def own_and_quoted(reply: str, attributions: bool = True) -> tuple[str, str]:
    """The product's own words and the quoted words of a reply, markup removed;
    ``attributions=False`` leaves out who said each quote and when (names, departments
    and dates, which the product does not choose)."""
    quoted = " ".join(q.strip("“”") for q in _QUOTE.findall(reply))
    if not attributions:
        reply = _ATTRIBUTION.sub(" ", reply)
    own = _MARKUP.sub(" ", _QUOTE.sub(" ", reply))
    return own, quoted
