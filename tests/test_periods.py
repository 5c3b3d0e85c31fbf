"""The period a question asks about: only when it qualifies what ministers said."""

from datetime import date

import pytest

from rag.search.periods import asked_period


@pytest.mark.parametrize(
    ("question", "period"),
    [
        (
            "What did ministers say in written answers between 2016 and 2019 about transport?",
            (date(2016, 1, 1), date(2019, 12, 31)),
        ),
        (
            "What did ministers say in December 2024 about SEND?",
            (date(2024, 12, 1), date(2024, 12, 31)),
        ),
        (
            "Between 2010 and 2014, what did the government say about statements?",
            (date(2010, 1, 1), date(2014, 12, 31)),
        ),
        ("What did ministers say before March 2020?", (None, date(2020, 2, 29))),
        ("What has the government said since the 2024 election?", (date(2024, 7, 4), None)),
        ("What was said between March 2024 and June 2025?", (date(2024, 3, 1), date(2025, 6, 30))),
        ("What has the government announced in 2025?", (date(2025, 1, 1), date(2025, 12, 31))),
        ("What was announced in March 2025 for SEND?", (date(2025, 3, 1), date(2025, 3, 31))),
        (
            "What has the Department for Education announced in 2025?",
            (date(2025, 1, 1), date(2025, 12, 31)),
        ),
        ("What did ministers announce in 2024?", (date(2024, 1, 1), date(2024, 12, 31))),
    ],
)
def test_a_period_qualifying_what_was_said_is_read(question, period):
    assert asked_period(question) == period


@pytest.mark.parametrize(
    "question",
    [
        "How many funded starts were there in 2024/25, and what has the Government said?",
        "My son has been out of school since September 2024, what has the government said?",
        "What has the government said about EHC plans issued in 2023?",
        "In 2023 my son was excluded. What did ministers say about exclusions?",
        "What did the Spring Budget 2024 say about special free schools?",
        # what was announced then is the data asked about; the answers came later
        "How many of the 10,000 new SEND places announced in March 2025 are in Bedfordshire?",
        "How did councils spend the £740 million announced in March 2025?",
        "How many of the places the government announced in March 2025 are in Kent?",
        "How many free schools, which were announced in 2023, have opened?",
    ],
)
def test_years_in_a_story_or_in_the_data_asked_about_are_not_a_period(question):
    assert asked_period(question) is None
