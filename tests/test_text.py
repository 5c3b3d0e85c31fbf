"""The shared text helpers: one sentence splitter, one near-duplicate measure."""

from datetime import date

import pytest

from rag.text import (
    NEAR_DUPLICATE,
    closest_duplicate,
    first_sentence,
    fold,
    near_duplicate,
    newer_first,
    sentences,
    similarity,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I refer the hon. Member to the answer of 3 May. The department will publish it.",
            ["I refer the hon. Member to the answer of 3 May.", "The department will publish it."],
        ),
        (
            "Funding, e.g. the high needs block, rose in Jan. 2025. See No. 10 and para. 3.",
            ["Funding, e.g. the high needs block, rose in Jan. 2025.", "See No. 10 and para. 3."],
        ),
        (  # a lost space between sentences, as some answers have
            "We will work with the sector.This Government recognises the work.",
            ["We will work with the sector.", "This Government recognises the work."],
        ),
        (
            "It is set out (SEND).As a result, 3.5 million pupils are in the U.K. Government's data.",
            [
                "It is set out (SEND).",
                "As a result, 3.5 million pupils are in the U.K. Government's data.",
            ],
        ),
        (
            "Guidance is at www.gov.uk/guidance. Mr J. Smith agreed! Did he? “Yes.” Then 4 more.",
            [
                "Guidance is at www.gov.uk/guidance.",
                "Mr J. Smith agreed!",
                "Did he?",
                "“Yes.”",
                "Then 4 more.",
            ],
        ),
        (  # a line break always ends one: table rows and lists stay apart
            "Figures are below:\nNumber of tribunals      9      4\n\nNew paragraph",
            ["Figures are below:", "Number of tribunals      9      4", "New paragraph"],
        ),
    ],
)
def test_sentences_are_cut_where_sentences_end(text, expected):
    assert sentences(text) == expected
    assert all(s in text for s in sentences(text))  # verbatim


def test_nothing_is_lost_between_sentences():
    text = "One sentence here. Another one (with a bracket).Third… and 12.5% more!\nLast"
    assert "".join(sentences(text)).replace(" ", "") == text.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("The information is held. It is published.", "The information is held."),
        (
            "No. The department does not hold the data.",
            "No. The department does not hold the data.",
        ),
        (
            "Background\n\nThe information is not held centrally.",
            "Background The information is not held centrally.",
        ),
    ],
)
def test_the_first_sentence_is_at_least_twenty_characters(text, opening):
    assert first_sentence(text) == opening


def test_one_near_duplicate_measure_with_one_threshold():
    answer = "Local authorities must arrange free travel for eligible children to school."
    assert near_duplicate(answer, answer.replace("must", "should"))
    assert near_duplicate(
        answer, "  local  AUTHORITIES must arrange free travel for eligible children to school. "
    )
    assert not near_duplicate(
        answer, "Local authorities may publish their own travel policy each year."
    )
    assert similarity(answer, answer) == 100 >= NEAR_DUPLICATE
    choices = {1: fold("We will publish the report."), 2: fold(answer)}
    assert closest_duplicate(fold(answer.replace("children", "pupils")), choices) == 2
    assert closest_duplicate(fold("Nothing like either."), choices) is None


def test_newer_first_moves_only_a_newer_alike_item_ahead():
    items = [("a", date(2024, 1, 1)), ("b", date(2025, 1, 1)), ("c", None)]
    assert newer_first(items, lambda x: x[1], lambda x, y: True) == [items[1], items[0], items[2]]
    assert newer_first(items, lambda x: x[1], lambda x, y: False) == items
