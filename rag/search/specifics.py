"""The specifics a question names (a place, a school, a person, a party, a year) and
which of them the answers found never mention.

An answer about Kent's SEND budget does not answer a question about Plymouth's, however
close the two read to an embedding model. A question naming something no retrieved
record mentions is weaker evidence that any of them answers it; the confidence model
learns how much weaker (``rag.search.confidence``), and the reply says what was not
found ("None of the answers I found mention Plymouth.").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# A capitalised word that does not open a sentence: a name, a place, an organisation.
_NAME = re.compile(r"(?<![.?!:;\"“(]\s)(?<![.?!:;\"“(])(?<!^)\b([A-Z][a-z][A-Za-z'’-]*)")
_NOT_NAMES = frozenset(
    """I I'm I've I'd I'll Im Ive Mr Mrs Ms Miss Dr Mum Dad Mummy Daddy
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter
    Year Years Reception Key Stage""".split()
)


def named_specifics(text: str) -> tuple[str, ...]:
    """The years and the capitalised names in ``text``, in order, each once."""
    found = [m.group() for m in _YEAR.finditer(text)]
    found += [m.group(1).rstrip("'’") for m in _NAME.finditer(text)]
    found = [w.removesuffix("'s").removesuffix("’s") for w in found]
    return tuple(dict.fromkeys(w for w in found if w not in _NOT_NAMES))


def unmentioned(specifics: Iterable[str], texts: Iterable[str]) -> tuple[str, ...]:
    """The ``specifics`` that no text of ``texts`` mentions (as a whole word, any case)."""
    said = " ".join(texts).lower()
    return tuple(
        w for w in specifics if not re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", said)
    )
