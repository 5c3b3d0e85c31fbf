"""The specifics a question names (a place, a school, a person, a party, a year) and
which of them the answers found never mention.

An answer about Kent's SEND budget does not answer a question about Plymouth's, however
close the two read to an embedding model. A question naming something no retrieved
record mentions is weaker evidence that any of them answers it; the confidence model
learns how much weaker (``rag.search.confidence``), and the reply says what was not
found ("None of the answers I found mention Plymouth City Council.").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rag.index import record_text
from rag.source import Source

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# Capitalised words in a row that do not open a sentence: a name, a place, a body.
_WORD = r"[A-Z][a-z][A-Za-z'’-]*"
_NAME = re.compile(rf"(?<![.?!:;\"“(]\s)(?<![.?!:;\"“(])(?<!^)\b({_WORD}(?:\s+{_WORD})*)")
# A child's own name ("my son Jayden") is not what a minister's answer would name.
_CHILD = re.compile(
    r"\b(?:son|daughter|child|boy|girl|grandson|granddaughter|twins?|called|named)\s*,?\s*$",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    """I I'm I've I'd I'll Im Ive Mr Mrs Ms Miss Dr Mum Dad Mummy Daddy
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter
    Year Years Reception Key Stage""".split()
)


def named_specifics(text: str) -> tuple[str, ...]:
    """The years and the capitalised names in ``text`` ("Plymouth City Council"), each
    once, years first."""
    found = [m.group() for m in _YEAR.finditer(text)]
    for m in _NAME.finditer(text):
        if _CHILD.search(text[: m.start()]):
            continue
        words = [w for w in m.group(1).split() if w.rstrip("'’") not in _NOT_NAMES]
        name = " ".join(words).removesuffix("'s").removesuffix("’s").rstrip("'’")
        if name:
            found.append(name)
    return tuple(dict.fromkeys(found))


def unmentioned(specifics: Iterable[str], texts: Iterable[str]) -> tuple[str, ...]:
    """The ``specifics`` that no text of ``texts`` mentions: a name counts as mentioned
    when its first word is, as a whole word in any case ("Kent" of "Kent County Council")."""
    said = " ".join(texts).lower()
    return tuple(
        name
        for name in specifics
        if not re.search(rf"(?<!\w){re.escape(name.split()[0].lower())}(?!\w)", said)
    )


@lru_cache(maxsize=8192)  # about 25 MB of the records most often found
def mention_text(source: Source) -> str:
    """What a record can mention a name in: its text, who asked, who answered and for
    which department (a question naming the minister is about what that minister said)."""
    parts = (record_text(source), source.asked_by, source.answered_by, source.department)
    return " ".join(filter(None, parts)).lower()


def mentioned_share(specifics: Sequence[str], source: Source) -> float:
    """The share of ``specifics`` that ``source`` mentions (0 when there are none)."""
    if not specifics:
        return 0.0
    return 1.0 - len(unmentioned(specifics, [mention_text(source)])) / len(specifics)
