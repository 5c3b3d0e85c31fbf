"""Commitments: which sentences count, grouping of repeated promises, the API and CSV."""

import csv
import io
from dataclasses import replace
from datetime import date

import pytest

import rag
from rag.advocacy import CSV_COLUMNS, extract, group, kind_of, to_csv
from rag.source import Source
from rag.text import sentences


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The department will publish the impact report in May.", "publication"),
        ("We are investing over £200 million to improve SEND training for all staff.", "funding"),
        (
            "Budgets from 2028/29 onwards will be confirmed at the 2027 Spending Review.",
            "publication",
        ),
        ("We will extend the scheme to every council by 2027.", "deadline"),
        ("The government will fully fund the training from August 2026.", "funding"),
        ("We will update the Code of Practice as part of the SEND reforms.", "action"),
        (
            "The government is committed to improving access to childcare for all children.",
            "action",
        ),
        ("Further details will be set out in the Schools White Paper.", "publication"),
    ],
)
def test_forward_looking_sentences_are_commitments(sentence, kind):
    assert kind_of(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Whilst we have no plans to make an assessment, we recognise the importance of this.",
        "Local authorities will need to consider each child's needs.",
        "The department published the data in June 2024.",
        "This government has allocated the council an extra grant of £1.3 million.",
        "Will the government publish the report this year?",
    ],
)
def test_other_sentences_are_not(sentence):
    assert kind_of(sentence) is None


SOURCE = Source(
    key="wq:1",
    id=1,
    uin="1",
    heading="SEND",
    question_text="q",
    answer_text="We know this matters.\nThe government will set out plans in the "
    "Schools White Paper. Schools have duties.",
    answered_by="A Minister",
    department="Department for Education",
    date_tabled=date(2025, 1, 2),
    date_answered=date(2025, 1, 9),
)


def test_commitments_keep_the_sentence_verbatim_with_its_source():
    [c] = extract(SOURCE)
    assert c.sentence == "The government will set out plans in the Schools White Paper."
    assert c.sentence in SOURCE.answer_text and c.source is SOURCE
    assert all(s in SOURCE.answer_text for s in sentences(SOURCE.answer_text))


def test_a_promise_repeated_across_answers_is_one_group_with_first_and_latest_dates():
    later = replace(
        SOURCE,
        key="wq:2",
        id=2,
        date_answered=date(2025, 6, 1),
        answer_text="The Government will set out plans in the Schools White Paper.",
    )
    other = replace(
        SOURCE,
        key="wq:3",
        id=3,
        date_answered=date(2025, 3, 1),
        answer_text="We will publish statutory guidance for local authorities.",
    )
    groups = group([*extract(SOURCE), *extract(later), *extract(other)])
    assert [g.last_date for g in groups] == [date(2025, 6, 1), date(2025, 3, 1)]  # newest first
    white_paper = groups[0]
    assert white_paper.answers == 2 and white_paper.first_date == date(2025, 1, 9)
    assert white_paper.latest.source.key == "wq:2"
    rows = list(csv.DictReader(io.StringIO(to_csv(groups))))
    assert list(rows[0]) == CSV_COLUMNS and rows[0]["answers"] == "2"
    assert rows[0]["link"].startswith("https://questions-statements.parliament.uk/")


def test_rag_commitments_searches_a_topic_filters_and_orders_newest_first(retriever):
    every = rag.commitments(retriever=retriever)
    assert len(every) == 7  # five "will"/"committed" sentences and two NHS England funding ones
    dates = [g.last_date or date.min for g in every]
    assert dates == sorted(dates, reverse=True)
    on_tax = rag.commitments("VAT on private school fees", retriever=retriever)
    assert "wq:1727040" in {g.latest.source.key for g in on_tax}
    assert all("qualification" not in g.latest.sentence for g in on_tax)  # the seed page's NPQ
    one_minister = rag.commitments(answered_by="Catherine McKinnell", retriever=retriever)
    assert [g.latest.source.answered_by for g in one_minister] == ["Catherine McKinnell"]
    since = rag.commitments(date_from="2024-09-01", retriever=retriever)
    assert all(g.last_date and g.last_date >= date(2024, 9, 1) for g in since)


def test_since_phrases_become_dates():
    from rag.search.periods import since_date

    assert since_date("committed to since the 2024 election?") == date(2024, 7, 4)
    assert since_date("since the election") == date(2024, 7, 4)
    assert since_date("promised since March 2025") == date(2025, 3, 1)
    assert since_date("said since 2023 about transport") == date(2023, 1, 1)
    assert since_date("what did the minister say about transport") is None


def test_a_chat_question_about_commitments_gets_a_dated_cited_list(retriever):
    from tests.conftest import CalibratedRetriever

    backend = CalibratedRetriever(retriever)
    reply = rag.answer(
        "What has the government committed to on VAT and private school fees since 2024?",
        retriever=backend,
    )
    assert reply.text.startswith(
        "Ministers made these promises in written answers since 1 January 2024. The newest come first."
    )
    keys = [c.source.key for c in reply.citations]
    assert "wq:1727040" in keys
    assert all(c.source.known_date >= date(2024, 1, 1) for c in reply.citations)
    assert all(c.quote in c.source.answer_text for c in reply.citations)
    # rag.answer ran check_answer itself: every [n] has a citation, every quote its source


def _found(*answers):
    from rag.source import Passage
    from tests.conftest import PassagesRetriever
    from tests.helpers.records import TRAVEL_ANSWER

    sources = [
        replace(TRAVEL_ANSWER, key=f"wq:{n}", id=n, answer_text=text)
        for n, text in enumerate(answers, 1)
    ]
    passages = [Passage(text=s.answer_text, score=0.9, source=s) for s in sources]
    return PassagesRetriever(passages, answerable=True)


NO_PLANS = "There are no plans to change the statutory walking distances."
PROMISE = "We will publish new statutory guidance on school travel in 2026."


def test_a_commitments_reply_leads_with_the_best_answer_when_it_promises_nothing():
    # "has the government committed to X?" is often answered "there are no plans to X"
    question = "Has the government committed to changing the walking distances for school travel?"
    reply = rag.answer(question, retriever=_found(NO_PLANS, PROMISE))
    assert reply.text.startswith("**The answer closest to your question**")
    assert [(c.n, c.source.key) for c in reply.citations] == [(1, "wq:1"), (2, "wq:2")]
    assert f"“{NO_PLANS}” [1]" in reply.text and f"“{PROMISE}” [2]" in reply.text
    assert reply.text.index("[1]") < reply.text.index("Ministers made these promises")
    # the best answer holding a promise listed: the list alone, from [1]
    reply = rag.answer(question, retriever=_found(PROMISE, NO_PLANS))
    assert reply.text.startswith("Ministers made these promises")
    assert [c.source.key for c in reply.citations] == ["wq:1"]
