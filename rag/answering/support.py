"""Is a written sentence supported by the answers it cites? The checks a generated
sentence must pass before anyone sees it.

1. It cites at least one passage that was retrieved, and only such passages.
2. Every figure in it (number, sum of money, percentage, year), every month, and every
   named body, Act or acronym appears in a cited source or in the question.
3. A measured support check passes: a small logistic model over how close the sentence
   is to its closest sentence (or pair of sentences) of the cited answers (the embedding
   model), how many of its words those answers and that sentence use, whether it denies
   where they do not (or the reverse), and whether it promises what they do not.
   Learned on labelled sentence/source pairs (``python -m evaluation.learn_support``
   writes ``rag/data/support.json``); its threshold keeps the precision of
   "supported" at 0.95 or more on them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from rag.data import learned
from rag.index import same_model, sentence_vectors, terms
from rag.source import Source
from rag.text import MONTH, normalise, sentences
from vectorstore import Embedder

MODEL_FILE = "support.json"
FEATURES = (
    "similarity",  # cosine to the closest sentence, or two sentences together, cited
    "coverage",  # share of the sentence's own words the cited answers use
    "closest_coverage",  # share of them its closest sentence (or pair) uses
    "negation_differs",  # one of the sentence and its closest says "not"/"no"/"never"
    "promises",  # it says will/must/guarantee/right and the cited answers do not
)
_MARKERS = re.compile(r"\s*\[(\d+)\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_FIGURE_WORD = re.compile(rf"\b(?:{MONTH}|million|billion|thousand|per\s*cent)\b", re.IGNORECASE)
_NAME = re.compile(r"\b[A-Z][A-Za-z'’-]+(?:\s+(?:of|for|and|the|on|in|with)?\s*[A-Z][A-Za-z'’-]+)*")
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
# Capitalised words that name no body or Act: how sentences open, and everyday names.
_COMMON_CAPITALS = frozenset(
    """the a an this that these those it its they their there in on for if when while
    yes no not so but and or also however where what who how which i parents parent
    schools school councils council children child families family ministers minister
    government department england english uk send sen mp mps you your we our he she
    his her them some many most all every each any one local young people pupils""".split()
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nor|cannot|can't|won't|isn't|aren't|doesn't|"
    r"don't|didn't|wasn't|weren't|hasn't|haven't)\b|n't\b",
    re.IGNORECASE,
)
# The reply reports what ministers said; it never tells the reader what to do (that
# would be advice, and an instruction copied from a passage reads just like it).
_TELLS_READER = re.compile(
    r"\byou\s+(?:should|must|need\s+to|have\s+to|ought)\b|\bignore\b.*\binstructions?\b"
    r"|^\W*(?:please\s+)?(?:contact|call|write\s+to|email|visit|click|apply|go\s+to|ask)\b",
    re.IGNORECASE,
)
_PROMISE = re.compile(
    r"\b(?:will|must|guarantee[sd]?|promise[sd]?|ensures?|legal(?:ly)?\s+(?:right|duty|entitled)|"
    r"entitled|right\s+to|has\s+(?:now\s+)?(?:been\s+)?(?:introduced|launched|published|"
    r"delivered|completed|abolished|scrapped))\b",
    re.IGNORECASE,
)


def cited_numbers(sentence: str) -> list[int]:
    """The [n] markers in a sentence, in order, without repeats."""
    return list(dict.fromkeys(int(m) for m in _MARKERS.findall(sentence)))


def without_markers(sentence: str) -> str:
    return _MARKERS.sub("", sentence).strip()


def source_text(source: Source) -> str:
    """What a sentence citing ``source`` may draw on: who answered, for which
    department, when, and the answer itself."""
    said = " ".join(x for x in (source.answered_by, source.department, source.date_label) if x)
    return f"{said}\n{source.answer_text}"


def missing_facts(sentence: str, allowed: str) -> list[str]:
    """The figures, months and names in ``sentence`` that ``allowed`` never mentions."""
    text = without_markers(sentence)
    held = normalise(allowed).lower()
    held_numbers = {n.replace(",", "") for n in _NUMBER.findall(held)}
    missing = [n for n in _NUMBER.findall(text) if n.replace(",", "") not in held_numbers]
    missing += [w for w in _FIGURE_WORD.findall(text) if w.lower() not in held]
    held_words = set(re.findall(r"[a-z0-9'’-]+", held))
    for match in _NAME.finditer(text):
        words = match.group().split()
        if match.start() == _first_word_at(text) and len(words) == 1:
            continue  # a sentence opens with a capital (a one-word name there goes unread)
        for word in words:
            plain = word.lower().strip("'’")
            if plain in _COMMON_CAPITALS:
                continue
            if plain not in held_words and plain.rstrip("s") not in held_words:
                missing.append(word)
    missing += [
        a
        for a in _ACRONYM.findall(text)
        if a.lower() not in held_words
        and a.lower().rstrip("s") not in held_words
        and a.lower() not in _COMMON_CAPITALS
    ]
    return list(dict.fromkeys(missing))


def _first_word_at(text: str) -> int:
    match = re.search(r"[A-Za-z]", text)
    return match.start() if match else 0


def support_features(
    sentence: str, cited: Sequence[Source], embedder: Embedder | None
) -> dict[str, float]:
    """The support model's inputs for ``sentence`` against the answers it cites."""
    text = without_markers(sentence)
    said = [s for source in cited for s in sentences(source.answer_text)]
    units = said + [f"{a} {b}" for a, b in zip(said, said[1:], strict=False)]
    if embedder is not None and units:
        vectors = sentence_vectors(embedder, units)
        mine = sentence_vectors(embedder, [text])[0]
        sims = vectors @ mine
        best = int(np.argmax(sims))
        similarity, closest = float(sims[best]), units[best]
    else:
        similarity, closest = 0.0, ""
    own = terms(text)
    used = terms(" ".join(source_text(s) for s in cited))
    answers = " ".join(s.answer_text for s in cited)
    share = len(own) or 1
    return {
        "similarity": similarity,
        "coverage": len(own & used) / share,
        "closest_coverage": len(own & terms(closest)) / share,
        "negation_differs": float(bool(_NEGATION.search(text)) != bool(_NEGATION.search(closest))),
        "promises": float(bool(_PROMISE.search(text)) and not _PROMISE.search(answers)),
    }


@dataclass(frozen=True)
class SupportModel:
    weights: Mapping[str, float]
    bias: float
    threshold: float  # the probability at or above which a sentence counts as supported
    embedding_model: str  # similarities of another model mean something else

    def probability(self, values: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights[name] * values[name] for name in FEATURES)
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load_support_model() -> SupportModel | None:
    """The learned model shipped in ``rag/data``, or None if there is none."""
    data = learned(MODEL_FILE)
    if data is None:
        return None
    return SupportModel(data["weights"], data["bias"], data["threshold"], data["embedding_model"])


@dataclass(frozen=True)
class SentenceCheck:
    """One generated sentence and what the checks found."""

    text: str
    cites: tuple[int, ...]
    kept: bool
    reason: str = ""  # why it was dropped: "no citation", "cites [7], not retrieved", ...
    support: float | None = None  # the support model's probability
    quotes: Mapping[int, str] = field(default_factory=dict)  # n -> its closest sentence


class SentenceChecker:
    """Checks sentences against numbered sources with one model and one threshold."""

    def __init__(
        self,
        numbered: Mapping[int, Source],
        question: str,
        embedder: Embedder | None,
        model: SupportModel | None = None,
    ) -> None:
        self.numbered = numbered
        self.question = question
        self.embedder = embedder
        learned = load_support_model() if model is None else model
        usable = model is not None or (
            learned is not None and same_model(embedder, learned.embedding_model)
        )
        self.model = learned if usable else None

    def check(self, sentence: str) -> SentenceCheck:
        cites = tuple(cited_numbers(sentence))
        text = without_markers(sentence)
        if not cites:
            return SentenceCheck(text, cites, False, "cites no source")
        unknown = [n for n in cites if n not in self.numbered]
        if unknown:
            return SentenceCheck(text, cites, False, f"cites {unknown}, which were not retrieved")
        if _TELLS_READER.search(text):
            return SentenceCheck(text, cites, False, "tells the reader what to do")
        cited = [self.numbered[n] for n in cites]
        allowed = self.question + "\n" + "\n".join(source_text(s) for s in cited)
        missing = missing_facts(text, allowed)
        if missing:
            return SentenceCheck(
                text, cites, False, "not in the cited sources: " + ", ".join(missing[:3])
            )
        values = support_features(text, cited, self.embedder)
        if self.model is None:  # no learned model for this embedder: the words must be there
            p = values["coverage"] * (1.0 - values["promises"])
            threshold = 0.8
        else:
            p, threshold = self.model.probability(values), self.model.threshold
        quotes = {n: self._closest(text, self.numbered[n]) for n in cites}
        if p < threshold:
            return SentenceCheck(text, cites, False, f"not supported ({p:.2f})", p, quotes)
        return SentenceCheck(text, cites, True, "", p, quotes)

    def _closest(self, text: str, source: Source) -> str:
        """The cited answer's sentence closest to ``text``: the quote shown beside it."""
        said = sentences(source.answer_text) or [source.answer_text]
        if self.embedder is None:
            own = terms(text)
            return max(said, key=lambda s: len(own & terms(s)))
        vectors = sentence_vectors(self.embedder, said)
        mine = sentence_vectors(self.embedder, [text])[0]
        return said[int(np.argmax(vectors @ mine))]
