"""Misspelt words are read as the corpus words they were meant to be; real words,
names, acronyms and short words are left as typed."""

import pytest

from rag.search.spelling import Speller

CORPUS = [
    "The local authority must complete the assessment within 20 weeks.",
    "The tribunal hears appeals about assessments. The tribunal decides.",
    "Councils arrange home-to-school transport for eligible children. Councils must.",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(CORPUS * 2)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("How long does the assesment take?", "How long does the assessment take?"),
        ("Can the tribunel order it?", "Can the tribunal order it?"),
        ("Tribunel waiting times", "Tribunal waiting times"),  # capitalised first word
        ("Do councills pay for transprot?", "Do councils pay for transport?"),
    ],
)
def test_misspelt_words_become_corpus_words(speller, typed, meant):
    fixed, corrections = speller.correct(typed)
    assert fixed == meant
    assert corrections


@pytest.mark.parametrize(
    "typed",
    [
        "My daughter is scared of the bus.",  # English words absent from the corpus
        "Does Kinnock or Phillipson decide?",  # names
        "Is the EHCP or SENCo involved?",  # acronyms and the glossary's words
        "Can teh school do it?",  # too short to guess safely
        "Year 7 and 2024/25 figures",
    ],
)
def test_real_words_names_and_acronyms_are_left_alone(speller, typed):
    assert speller.correct(typed) == (typed, [])
