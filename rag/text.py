"""Text helpers every stage shares: cleaning, sentences, months, near-duplicates, dates.

One of each, so that the stages agree: the sentences a quote is cut from are the
sentences a commitment is found in, and "the same answer" means one thing whether
retrieval, the citations or the commitments ask.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TypeVar

from rapidfuzz import fuzz, process

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)"
)  # for patterns compiled with re.IGNORECASE

# Two texts whose rapidfuzz ratio (0-100, after folding case and white space) reaches
# this say the same thing. Read on the corpus: at 85-89 two answers often share only a
# stock opening ("This government's ambition is that all children ...") and then differ.
NEAR_DUPLICATE = 90


def clean_text(text: str) -> str:
    """Drop control and format characters, normalise width forms, fold white space."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())


def normalise(text: str) -> str:
    """Fold white space and curly apostrophes, which vary between copies of one answer."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text (blank-line separated, as answers are rendered)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


# A full stop after these does not end a sentence ("the hon. Member", "Mr. Smith"), nor
# after these when a number follows ("No. 10", "para. 3", "Jan. 2025").
_ABBREVIATIONS = frozenset("hon rt mr mrs ms dr prof st cf vs approx".split())
_BEFORE_NUMBERS = frozenset(
    "no nos para paras p pp fig vol col jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_DOTTED = re.compile(r"(?:[a-z]{1,2}\.)*[a-z]")  # "e.g", "u.k", an initial "j"
_END_MARK = re.compile(r"[.!?][\"'”’)\]]*")
_STARTS_SENTENCE = re.compile(r"\s+[\"'“‘(\[£]?[A-Z0-9]")
_RUN_ON = re.compile(r"[A-Z][a-z]")  # "finances.This Government": a lost space
# A link that opens a line and a sentence follows ("https://…/ Through the framework, …")
# is a line of its own in the answer as published; quoted with it, it reads as noise.
_LINK_THEN_SENTENCE = re.compile(r"^\s*(?i:https?://|www\.)\S+(?=\s+[\"“‘(]?[A-Z])")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, cut from the text itself so each is verbatim.

    A line break always ends a sentence (lists, table rows), and so does a link that
    opens a line and a capitalised word follows. Otherwise a sentence ends
    at ., ! or ? (and any closing quote or bracket) followed by a space and a capital,
    a digit or an opening quote, or by a capitalised word with the space lost; not
    after an abbreviation or an initial.
    """
    out: list[str] = []
    for line in text.split("\n"):
        start = 0
        for end in _sentence_ends(line):
            out.append(line[start:end].strip())
            start = end
        out.append(line[start:].strip())
    return [s for s in out if s]


def _sentence_ends(line: str) -> list[int]:
    ends = []
    for m in _END_MARK.finditer(line):
        after = line[m.end() :]
        before = line[: m.start()]
        run_on = _RUN_ON.match(after) and (before[-1:].islower() or before[-1:] in ")0123456789")
        if not (_STARTS_SENTENCE.match(after) or run_on):
            continue
        if m.group()[0] == "." and _abbreviated(before, after):
            continue
        ends.append(m.end())
    ends.extend(m.end() for m in _LINK_THEN_SENTENCE.finditer(line))
    return sorted(set(ends))


def _abbreviated(before: str, after: str) -> bool:
    """An abbreviation ("hon."), an initial ("J."), or dotted letters ("e.g.", "U.K.")."""
    words = before.split()
    word = words[-1].lstrip("(“\"'‘[").lower() if words else ""
    if word in _BEFORE_NUMBERS:
        return after.lstrip()[:1].isdigit()
    return word in _ABBREVIATIONS or bool(_DOTTED.fullmatch(word))


def first_sentence(text: str, *, at_least: int = 20, at_most: int = 400) -> str:
    """The opening sentence (joined with the next while shorter than ``at_least``)."""
    opening = ""
    for s in sentences(text):
        opening = f"{opening} {s}".strip()
        if len(opening) >= at_least:
            break
    return opening[:at_most]


def fold(text: str) -> str:
    """``text`` as the near-duplicate measure compares it: white space and case folded."""
    return normalise(text).casefold()


def similarity(a: str, b: str) -> float:
    """How alike two texts' wording is, from 0 to 100."""
    return fuzz.ratio(fold(a), fold(b))


def near_duplicate(a: str, b: str) -> bool:
    """True when two texts say the same thing in (nearly) the same words."""
    return similarity(a, b) >= NEAR_DUPLICATE


def closest_duplicate(folded: str, choices: Mapping[K, str]) -> K | None:
    """The key of the folded text in ``choices`` most like ``folded`` (itself folded), if
    it is a near duplicate; one call over many choices is much faster than a loop."""
    match = process.extractOne(folded, choices, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE)
    return match[2] if match else None


def newer_first(
    items: Sequence[T],
    dated: Callable[[T], date | None],
    alike: Callable[[T, T], bool],
) -> list[T]:
    """``items`` with each later one moved ahead of an earlier one it is ``alike`` and
    newer than; an item whose date is None is not known to be newer or older."""
    out = list(items)
    for i in range(len(out)):
        for j in range(i + 1, len(out)):
            a, b = dated(out[i]), dated(out[j])
            if a is not None and b is not None and b > a and alike(out[i], out[j]):
                out[i], out[j] = out[j], out[i]
    return out


def month_number(name: str) -> int:
    """ "March" (any case) is 3."""
    return datetime.strptime(name, "%B").month


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def format_date(d: date) -> str:
    """ "7 October 2024", as the answers write dates."""
    return f"{d.day} {d.strftime('%B %Y')}"
