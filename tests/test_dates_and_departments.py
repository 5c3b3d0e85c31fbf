"""Incomplete records: the department read from whom a question asks, and the tabled day
or month standing in for a missing answer date."""

from dataclasses import replace
from datetime import date

import pytest

from rag.ingest.departments import department_asked
from rag.search import Filters
from tests.helpers.records import TRAVEL_ANSWER


@pytest.mark.parametrize(
    ("question", "department"),
    [
        ("To ask the Secretary of State for Education, what steps ...", "Department for Education"),
        ("To ask the Chancellor of the Exchequer, whether ...", "Treasury"),
        (
            "To ask the Secretary of State for Health and Social Care, if ...",
            "Department of Health and Social Care",
        ),
        ("To ask the Minister for Women and Equalities, what ...", "Women and Equalities"),
        ("To ask the Secretary of State for the Home Department, how ...", "Home Office"),
        ("To ask the Attorney General, what ...", "Attorney General"),
        (
            "To ask the Secretary of State for Levelling Up, Housing and Communities, ...",
            "Department for Levelling Up, Housing and Communities",
        ),
        ("To ask the Minister of State, what ...", None),  # no department named
        ("What steps is the Government taking?", None),
    ],
)
def test_the_department_asked_is_read_from_the_question(question, department):
    assert department_asked(question) == department


def test_a_record_without_a_department_gets_the_one_it_asks(corpus_dir):
    from rag.ingest import load_corpus

    sources = load_corpus(corpus_dir).by_key()
    derived = sources["wq:1800584"]
    assert derived.department == "Department for Education" and derived.department_from_question
    held = sources["wq:1722030"]
    assert held.department == "Ministry of Justice" and not held.department_from_question


MONTH_ONLY = replace(TRAVEL_ANSWER, date_tabled=None, date_answered=None, tabled_month="2025-03")


def test_the_tabled_month_stands_in_for_the_answer_date():
    assert MONTH_ONLY.known_date == date(2025, 3, 1) and MONTH_ONLY.date_precision == "month"
    assert MONTH_ONLY.date_span == (date(2025, 3, 1), date(2025, 3, 31))
    assert MONTH_ONLY.date_label == "tabled in March 2025; answer date not held"
    tabled = replace(TRAVEL_ANSWER, date_answered=None)
    assert tabled.known_date == date(2024, 9, 30) and tabled.date_precision == "day"
    assert tabled.date_label == "tabled on 30 September 2024; answer date not held"
    nothing = replace(MONTH_ONLY, tabled_month=None)
    assert nothing.known_date is None and nothing.date_label == ""


@pytest.mark.parametrize(
    ("date_from", "date_to", "matches"),
    [
        ("2025-01-01", "2025-12-31", True),
        ("2025-03-20", "2025-04-30", True),  # the month overlaps the range
        ("2025-04-01", None, False),
        (None, "2025-02-28", False),
    ],
)
def test_a_date_filter_matches_a_month_dated_record_whose_month_overlaps(
    date_from, date_to, matches
):
    assert Filters.parse(date_from=date_from, date_to=date_to).matches(MONTH_ONLY) is matches


def test_an_exact_date_ranks_above_a_month_date_only_within_the_same_month():
    exact_march = replace(MONTH_ONLY, date_answered=date(2025, 3, 2))
    february = replace(TRAVEL_ANSWER, date_answered=date(2025, 2, 28))
    assert exact_march.recency > MONTH_ONLY.recency > february.recency


def test_a_2025_filter_finds_month_dated_2025_records(retriever):
    found = retriever.retrieve(
        "special educational needs", k=20, date_from="2025-01-01", date_to="2025-12-31"
    )
    by_precision = {p.source.key: p.source.date_precision for p in found}
    assert by_precision.get("wq:1764388") == "month"  # tabled February 2025, no answer date
    assert all(p.source.known_date.year == 2025 for p in found)
