"""Did they do it? Concrete or general commitments, and each status later answers give."""

import csv
import io
from dataclasses import replace
from datetime import date

import pytest

import rag
from rag.advocacy import (
    NO_LATER_MENTION,
    commitments,
    deadline,
    details,
    extract,
    group,
    to_csv,
    trace,
)
from rag.errors import RagError
from rag.source import Source
from tests.helpers.records import PROMISE
from tests.helpers.records import later_answer as later


def traced(*sources: Source):
    groups = group(c for s in (PROMISE, *sources) for c in extract(s))
    trace(groups, (PROMISE, *sources))
    [promise] = [g for g in groups if g.first.source.key == PROMISE.key]
    return promise


@pytest.mark.parametrize(
    ("sentence", "concrete", "deliverable", "time"),
    [
        (
            "The government will publish the Schools White Paper on SEND reform in the autumn.",
            True,
            "the Schools White Paper on SEND reform",
            "in the autumn",
        ),
        (
            "We are investing £3.7 billion in high needs capital funding between 2025/26 and "
            "2029/30.",
            True,
            "£3.7 billion in high needs capital funding",
            "between 2025/26 and 2029/30",
        ),
        ("We will set out more detail in due course.", False, "", "in due course"),
        ("We will restore the confidence of families in the system.", False, "", ""),
        ("The government is committed to improving outcomes for every child.", False, "", ""),
        (
            "As set out in the Schools White Paper, we will work with families.",
            False,  # the white paper is cited, not promised
            "",
            "",
        ),
    ],
)
def test_concrete_or_general_with_the_deliverable_and_time(sentence, concrete, deliverable, time):
    found = details(sentence)
    assert (found.concrete, found.deliverable, found.promised_time) == (concrete, deliverable, time)
    assert found.deliverable in sentence and found.promised_time in sentence  # verbatim spans


def test_a_promised_time_has_a_last_day():
    said = date(2025, 6, 10)
    assert deadline("in the autumn", said) == date(2025, 11, 30)
    assert deadline("in the autumn", date(2025, 12, 5)) == date(2026, 11, 30)
    assert deadline("by the end of 2025", said) == date(2025, 12, 31)
    assert deadline("early in the new year", said) == date(2026, 3, 31)
    assert deadline("in March 2026", said) == date(2026, 3, 31)
    assert deadline("this winter", date(2025, 12, 1)) == date(2026, 2, 28)
    assert deadline("in due course", said) is None
    assert deadline("between 2025/26 and 2029/30", said) is None


def test_no_later_answer_means_no_later_mention():
    promise = traced()
    assert promise.status == NO_LATER_MENTION and promise.evidence == []


def test_published_later_is_delivered_with_the_date_it_gives():
    published = later(
        101,
        date(2026, 3, 2),
        "The Schools White Paper was published on 23 February 2026 and sets out our reforms.",
    )
    promise = traced(published)
    assert promise.status == "delivered"
    [evidence] = promise.evidence
    assert evidence.source is published and evidence.date == date(2026, 2, 23)
    assert evidence.sentence in published.answer_text  # verbatim


@pytest.mark.parametrize(
    ("when", "text", "status"),
    [
        (  # promised again on the same terms
            date(2025, 7, 1),
            "We will publish the Schools White Paper in the autumn, as planned.",
            "repeated",
        ),
        (  # a new time
            date(2025, 9, 1),
            "The Schools White Paper will be published early in the new year.",
            "moved",
        ),
        (  # still to come after the autumn promised
            date(2026, 1, 12),
            "We will set out our plans for reform in the upcoming Schools White Paper.",
            "moved",
        ),
        (  # no longer going ahead
            date(2025, 10, 1),
            "The Schools White Paper will no longer be published this year.",
            "withdrawn",
        ),
    ],
)
def test_each_later_statement_gives_its_status(when, text, status):
    assert traced(later(102, when, text)).status == status


def test_the_status_is_the_latest_and_the_evidence_oldest_first():
    moved = later(
        103, date(2025, 9, 1), "The Schools White Paper will be published in the new year."
    )
    published = later(
        101, date(2026, 3, 2), "We published the Schools White Paper on 23 February 2026."
    )
    promise = traced(published, moved)
    assert [e.status for e in promise.evidence] == ["moved", "delivered"]
    assert promise.status == "delivered"


def test_another_document_or_an_earlier_answer_is_no_evidence():
    other = later(106, date(2026, 3, 2), "The Children's Wellbeing and Schools Bill was published.")
    earlier = later(107, date(2025, 1, 2), "The Schools White Paper was published last year.")
    assert traced(other, earlier).status == NO_LATER_MENTION


def test_general_intent_has_no_follow_through():
    general = replace(PROMISE, answer_text="We will restore the confidence of families.")
    groups = group(extract(general))
    trace(groups, (general,))
    assert not groups[0].first.concrete and groups[0].status == NO_LATER_MENTION


def test_commitments_filter_by_status_and_concreteness_and_the_csv_carries_them(retriever):
    every = commitments(retriever=retriever)
    concrete = commitments(concrete=True, retriever=retriever)
    assert concrete and all(g.first.concrete for g in concrete) and len(concrete) < len(every)
    assert all(
        g.status == NO_LATER_MENTION
        for g in commitments(status=NO_LATER_MENTION, retriever=retriever)
    )
    rows = list(csv.DictReader(io.StringIO(to_csv(concrete))))
    assert {"concrete", "deliverable", "promised_time", "status", "evidence"} <= set(rows[0])
    assert all(r["concrete"] == "yes" and r["deliverable"] for r in rows)


def test_an_unknown_status_is_a_clear_error(retriever):
    with pytest.raises(RagError, match="status must be one of"):
        rag.commitments(status="done", retriever=retriever)
