"""How hard the product's own words are to read, and the measure itself."""

import statistics

import pytest

from evaluation.readability import grade, own_and_quoted, syllables
from rag.answering.render import abstention_text
from rag.search.glossary import load_glossary
from rag.search.scope import out_of_scope_reason


@pytest.mark.parametrize(
    "word, count",
    [("school", 1), ("the", 1), ("council", 2), ("education", 4), ("minister", 3), ("make", 1)],
)
def test_syllables_are_counted_offline(word, count):
    assert syllables(word) == count


def test_plain_words_grade_lower_than_official_ones():
    plain = grade("The council must help your child. It has to act fast.")
    official = grade(
        "Local authorities must determine whether statutory assessment is necessary, "
        "having regard to the individual circumstances of the child concerned."
    )
    assert plain is not None and official is not None and plain < 4 < 12 < official
    assert grade("") is None


def test_own_words_and_quotes_are_measured_apart():
    own, quoted = own_and_quoted("A minister said: “Local authorities must act.” [1]\n\n_Note._")
    assert quoted == "Local authorities must act."
    assert "Local" not in own and "minister said" in own and "[1]" not in own


def test_who_said_it_can_be_left_out_of_the_own_words():
    reply = (
        "Catherine McKinnell, an education minister, said on 7 October 2024: “We will.” [1]"
        "\n\nMore answers:\n- A health minister said (asked in May 2025): “No.” [2]"
        "\n\n_Not legal advice._"
    )
    own, quoted = own_and_quoted(reply, attributions=False)
    assert quoted == "We will. No."
    assert own.split() == ["More", "answers:", "Not", "legal", "advice."]


def test_every_glossary_explanation_is_plain():
    grades = {t.term: grade(t.explain) for t in load_glossary()}
    hard = {term: g for term, g in grades.items() if g is None or g > 7}
    assert not hard, f"explanations above grade 7 (reading age 12): {hard}"
    assert statistics.median(grades.values()) <= 5


@pytest.mark.parametrize(
    "question",
    [
        "What are the rules in Scotland?",
        "What dose of melatonin should my son take?",
        "Can you recommend a good special school near me?",
        "How do I appeal to the tribunal, what form do I fill in?",
        "Can you write a letter to the council for me?",
    ],
)
def test_declining_is_said_plainly(question):
    reason = out_of_scope_reason(question)
    assert reason is not None
    own, _ = own_and_quoted(abstention_text(reason))
    assert grade(own) <= 6
