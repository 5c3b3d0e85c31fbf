"""What the answer step can be tuned by, with the values the product ships with."""

from __future__ import annotations

from dataclasses import dataclass

from rag.errors import InvalidQueryError

ABSTAIN_BELOW = 0.45  # top confidence under which nothing retrieved is trusted


@dataclass(frozen=True)
class AnswerSettings:
    abstain_below: float = ABSTAIN_BELOW
    relative_margin: float = 0.3  # cite sources whose confidence is within this of the best
    equally_relevant: float = 0.05  # after the best match, the newer of two this close first
    max_cited: int = 4  # the fourth is mostly pointed to ("Also found"), not quoted
    # quoted from the first cited answer: the best sentence always, the next ones only
    # while the quote stays within lead_words. 6 and 160 state 51% of the tune batches'
    # facts against 42% for 4 and 110 (32% for 3 and 70), replies a fifth longer: a
    # fuller first answer often leaves no room under quoted_words for a fragment of
    # another, which the sources panel shows instead
    lead_sentences: int = 6
    lead_words: int = 160
    sentences_per_source: int = 1  # from each of the others (more are in the sources panel)
    # answers after the first are quoted while the quoted part of the reply (the quotes
    # and who said them) stays within this many words; the rest are pointed to (0: all)
    quoted_words: int = 150
    explained_terms: int = 1  # glossary terms explained under the reply
    max_commitments: int = 6  # listed when a question asks for commitments
    llm_passages: int = 5  # answers a chat model is given to write from (one passage each)

    def __post_init__(self) -> None:
        if not 0 <= self.abstain_below <= 1:
            raise InvalidQueryError(f"abstain_below must be in [0, 1], got {self.abstain_below}")
        if self.quoted_words < 0:
            raise InvalidQueryError(f"quoted_words must be 0 or more, got {self.quoted_words}")
        for name in (
            "max_cited",
            "lead_sentences",
            "lead_words",
            "sentences_per_source",
            "max_commitments",
            "llm_passages",
        ):
            if getattr(self, name) < 1:
                raise InvalidQueryError(f"{name} must be at least 1, got {getattr(self, name)}")
