"""The specifics a question names (a place, a school, a person, a party, a year) and
which records mention them.

An answer about Kent's SEND budget does not answer a question about Plymouth's, however
close the two read to an embedding model. Ranking favours the records that mention
what a question names ("We're in County Durham ..."); a question that asks about
something no retrieved record mentions is weaker evidence that any of them answers it
(the confidence model learns how much weaker, ``rag.search.confidence``), and the reply
says what was not found ("None of the answers I found mention Plymouth City Council.").
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rag.data import learned
from rag.index import record_text
from rag.source import Source

# A year, not an amount ("£2000") nor part of a longer number.
_YEAR = re.compile(r"(?<![£$€\d,.])\b(?:19|20)\d{2}\b(?![,.]?\d)")
_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_][^\W_]*)*")
_OPENS = re.compile(r"[.?!:;\"“”‘'(\[\n]")  # between two words: a new sentence or quote
# A child's own name ("my son Jayden", "our daughter, Amy") is not what a minister's
# answer would name, wherever the question repeats it.
_CHILD = re.compile(
    r"\b(?:son|daughter|child|boy|girl|grandson|granddaughter|stepson|stepdaughter|twins?|"
    r"kid|nephew|niece)\s*,?\s*$",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    """i im ive id ill mr mrs ms miss dr mum dad mummy daddy hi hello dear please thanks
    thank yes no ok okay sorry god
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday christmas easter
    year years reception key stage send sen support down dfe minister ministers secretary
    state education department government parliament mp mps prime chancellor
    the a an is are was were do does did can could will would should has have had must may
    what when where which who whom whose why how my our we he she they it its this that
    these those there here in on at for if and but so or as after before since because
    also then now just not any some all every each one""".split()
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # how record text is cut into words


def _bare(word: str) -> str:
    """A word without a possessive ("Jayden's" -> "Jayden"), curly apostrophes folded."""
    word = word.replace("’", "'")
    for ending in ("'s", "'"):
        if word.lower().endswith(ending):
            return word[: -len(ending)]
    return word


def _capitalised(word: str) -> bool:
    """ "Plymouth", "McKinnell", "O'Brien", "Zoë"; not "EHCPs", "SENCo" or "the"."""
    return len(word) > 1 and word[0].isupper() and (word[1].islower() or word[1] == "'")


@lru_cache(maxsize=1)
def _place_names() -> dict[str, str]:
    """English councils, counties, regions and towns (``rag/data/places.json``) as they
    are written, by the same name in lower case with single spaces."""
    data = learned("places.json")
    return {" ".join(n.lower().split()): n for n in (data or {}).get("places", ())}


@lru_cache(maxsize=1)
def _places() -> re.Pattern[str] | None:
    """The places of ``places.json`` in any case: parents type "we're in sefton" as often
    as "Sefton"."""
    # the longest first: "central bedfordshire" before "bedfordshire"
    names = sorted(_place_names().values(), key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_]|-)", re.IGNORECASE)


def as_written(name: str) -> str:
    """A name from :func:`named_specifics` as it is written: a place typed in lower case
    ("stoke-on-trent") as ``places.json`` spells it ("Stoke-on-Trent"); others as given."""
    return _place_names().get(" ".join(name.split()), name) if name.islower() else name


def named_specifics(text: str) -> tuple[str, ...]:
    """The years and the names in ``text`` (runs of capitalised words, "Plymouth City
    Council", and the places of ``places.json`` in any case), each once, years first. A
    sentence's capitalised first word counts only as the start of a longer name ("Kent
    County Council has ...") or as a place, and a child's own name not at all."""
    found = [m.group() for m in _YEAR.finditer(text)]
    runs: list[tuple[bool, list[str]]] = []  # (names a child, its words)
    run: list[str] = []
    child = False  # whether the run being read follows "my son", "our daughter", ...
    opening: str | None = None  # a sentence's capitalised first word, held back
    end: int | None = None
    for m in _TOKEN.finditer(text):
        word = _bare(m.group())
        gap = "" if end is None else text[end : m.start()]
        opens = end is None or bool(_OPENS.search(gap))
        end = m.end()
        named = _capitalised(word) and word.lower() not in _NOT_NAMES
        if run and (opens or not named or gap.strip()):
            runs.append((child, run))
            run = []
        if not named:
            opening = None
            continue
        if not run and (opens or opening is None or gap.strip()):  # a name starts here
            child = bool(_CHILD.search(text, max(0, m.start() - 30), m.start()))
        if opens:
            opening = word
            continue
        if opening is not None and not gap.strip():
            run.append(opening)
        opening = None
        run.append(word)
    if run:
        runs.append((child, run))
    # every word of a child's name, dropped wherever the question repeats it
    children = {w.lower() for is_child, words in runs if is_child for w in words}
    names = [" ".join(words) for _, words in runs if not children & {w.lower() for w in words}]
    places = _places()
    if places is not None:
        held = " ".join(names).lower()
        names += [m.group() for m in places.finditer(text) if m.group().lower() not in held]
        names.sort(key=lambda name: text.find(name))  # in the order the question gives them
    return tuple(dict.fromkeys(found + names))


@lru_cache(maxsize=4096)  # a few MB: the records most often found
def mention_text(source: Source) -> str:
    """What a record can mention a one-word name or a year in, lower-cased: its text, its
    department, the years it was asked and answered in, and the surnames of who asked
    and who answered ("McKinnell": a first name alone would match every answer a
    Catherine gave)."""
    people = [name.split()[-1] for name in (source.asked_by, source.answered_by) if name]
    # the years it was asked and answered in: "what did the minister say in 2024"
    years = [str(d.year) for d in (source.date_tabled, source.date_answered) if d]
    parts = (record_text(source), *people, source.department, *years)
    return " ".join(filter(None, parts)).lower().replace("’", "'")


def _people(source: Source) -> str:
    """Who asked and who answered, in full and lower-cased ("catherine mckinnell")."""
    return " ".join(filter(None, (source.asked_by, source.answered_by))).lower()


class Mentions:
    """Which records mention which names. A name counts as mentioned when its rarest word
    in the corpus is ("Kent" of "Kent County Council", "Zealand" of "New Zealand"): the
    common words of a name say little about which place it is."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self._frequency: Counter[str] = Counter()
        for source in sources:
            said = f"{mention_text(source)} {_people(source)}"
            self._frequency.update(set(_WORD.findall(said)))
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._lock = threading.Lock()

    def key_word(self, name: str) -> str:
        """The word of ``name`` fewest records use (none, for a place no record names)."""
        words = [w for w in re.split(r"[\s-]+", name.lower().replace("’", "'")) if w]
        return min(words, key=lambda w: (self._frequency.get(w, 0), -len(w)), default="")

    def _pattern(self, name: str) -> re.Pattern[str]:
        with self._lock:
            found = self._patterns.get(name)
            if found is None:
                if len(self._patterns) > 10_000:
                    self._patterns.clear()
                word = re.escape(self.key_word(name))
                found = self._patterns[name] = re.compile(rf"(?<![^\W_]){word}(?![^\W_])")
            return found

    def unmentioned(self, names: Sequence[str], sources: Iterable[Source]) -> tuple[str, ...]:
        """The ``names`` that none of ``sources`` mentions; a name of more than one word
        may also be who asked or who answered, in full."""
        sources = list(sources)
        return tuple(
            name
            for name in names
            if name.strip() and not any(self._mentions(name, s) for s in sources)
        )

    def _mentions(self, name: str, source: Source) -> bool:
        found = self._pattern(name).search
        return bool(found(mention_text(source)) or (" " in name.strip() and found(_people(source))))

    def share(self, names: Sequence[str], source: Source) -> float:
        """The share of ``names`` that ``source`` mentions (0 when there are none)."""
        if not names:
            return 0.0
        return 1.0 - len(self.unmentioned(names, [source])) / len(names)
