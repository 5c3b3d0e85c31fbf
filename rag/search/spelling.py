"""Spelling correction for questions, towards the words the written answers use.

Parents type fast and on phones ("assesment", "tribunel", "gvoernment"). A word
is corrected only when it is neither an English word (SymSpell's frequency
dictionary, shipped inside the ``symspellpy`` wheel) nor a word of the corpus
or the glossary, and a corpus word lies within one edit (two for words of eight
letters or more). Capitalised words other than a sentence's first (names,
places, acronyms) and words with digits are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain

from symspellpy import SymSpell, Verbosity

from rag.search.glossary import load_glossary

MIN_LENGTH = 4  # shorter words have too many neighbours one edit away
MIN_CORPUS_COUNT = 2  # a word seen once in the corpus may itself be a typo
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\S")
_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    dictionary = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    with dictionary.open(encoding="utf-8") as f:
        return frozenset(line.split(" ", 1)[0] for line in f)


@dataclass(frozen=True)
class Correction:
    typed: str
    corrected: str


class Speller:
    """Corrects the words of a question to the nearest corpus word (see the module note)."""

    def __init__(self, corpus_texts: Iterable[str]) -> None:
        counts: Counter[str] = Counter()
        for text in corpus_texts:
            counts.update(_LETTERS.findall(text.lower()))
        for term in load_glossary():
            for phrase in (term.term, *term.official, *term.match, *chain(*term.together)):
                counts.update({w: MIN_CORPUS_COUNT for w in _LETTERS.findall(phrase.lower())})
        english = english_words()
        self._known = english | counts.keys()
        self._symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word, count in counts.items():
            # A word seen once may be the corpus's own typo, unless it is English.
            if len(word) >= MIN_LENGTH and (count >= MIN_CORPUS_COUNT or word in english):
                self._symspell.create_dictionary_entry(word, count)

    def correct(self, text: str) -> tuple[str, list[Correction]]:
        """The text with misspelt words replaced, and what was replaced."""
        out: list[str] = []
        corrections: list[Correction] = []
        sentence_start = True
        last = 0
        for m in _WORD.finditer(text):
            word = m.group()
            out.append(text[last : m.start()])
            last = m.end()
            fixed = self._fix(word, sentence_start)
            if fixed != word:
                corrections.append(Correction(word, fixed))
            out.append(fixed)
            sentence_start = word in ".?!"
        out.append(text[last:])
        return "".join(out), corrections

    def _fix(self, word: str, sentence_start: bool) -> str:
        lower = word.lower()
        if len(word) < MIN_LENGTH or not lower.isalpha() or lower in self._known:
            return word
        if word != lower and not (sentence_start and word[1:] == lower[1:]):
            return word  # a name, a place or an acronym
        distance = 2 if len(word) >= 8 else 1
        found = self._symspell.lookup(lower, Verbosity.TOP, max_edit_distance=distance)
        if not found:
            return word
        best = found[0].term
        return best.capitalize() if word[0].isupper() else best
