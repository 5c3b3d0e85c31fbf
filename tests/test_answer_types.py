"""Answer-type rules, on wording taken from real answers in the corpus."""

from dataclasses import replace
from datetime import date

import pytest

from rag.errors import InvalidQueryError
from rag.ingest.answer_types import answer_type, label_answers, references
from rag.source import Source

BASE = Source(
    key="wq:1",
    id=1,
    uin="100",
    heading="SEN",
    question_text="To ask ...",
    answer_text="",
    date_answered=date(2025, 3, 1),
)


def _typed(text: str, **fields) -> str:
    return answer_type(replace(BASE, answer_text=text, **fields))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "The department does not hold the data requested. The department does publish data.",
            "not_held",
        ),
        ("The requested information is not held centrally.", "not_held"),
        (
            "The information requested is not readily available and can only be obtained at "
            "disproportionate cost.",
            "not_held",
        ),
        (
            "Data relating to SEND are not collected in a format that would enable the specified "
            "information to be provided.",
            "not_held",
        ),
        (
            "This is a matter for His Majesty’s Chief Inspector. I have asked the Chief Inspector "
            "to write to my hon. Friend.",
            "another_body",
        ),
        (
            "Responsibility for local authority funding lies with the Department for Levelling Up, "
            "Housing and Communities (DLUHC).",
            "another_body",
        ),
        (
            "I refer my hon. Friend, the Member for Romford, to the answer of 13 February 2024 to "
            "Question 12002.",
            "refers_elsewhere",
        ),
        (
            "Local authorities must arrange free travel. The department has not held discussions "
            "with examination boards on this.",
            "substantive",
        ),
        (
            "The department is providing £1 billion more for high needs. Where data is not held "
            "centrally, local authorities publish their own.",
            "substantive",
        ),
    ],
)
def test_rules_label_real_wordings(text, label):
    assert _typed(text) == label


def test_api_flags_label_holding_and_corrected_answers():
    assert (
        _typed("It will not be possible to answer within the usual time.", is_holding=True)
        == "holding"
    )
    assert _typed("The figure is 12, not 21.", is_correction=True) == "corrected"


def test_references_are_read_and_resolved_to_a_record_held():
    assert references("to the answer of 9 June 2026 to Question 2528 and to PQ 2530") == [
        ("2528", date(2026, 6, 9)),
        ("2530", None),
    ]
    pointer = replace(
        BASE, answer_text="I refer the hon. Member to the response of 9 June 2026 to Question 2528."
    )
    target = replace(
        BASE,
        key="wq:2",
        id=2,
        uin="2528",
        answer_text="Full answer.",
        date_answered=date(2026, 6, 9),
    )
    same_uin_other_year = replace(target, key="wq:3", id=3, date_answered=date(2024, 1, 1))
    labelled = {s.key: s for s in label_answers([pointer, target, same_uin_other_year])}
    assert labelled["wq:1"].answer_type == "refers_elsewhere"
    assert labelled["wq:1"].refers_to == ("wq:2",)  # the date picks the right one


def test_answer_type_is_a_retrieval_filter(retriever):
    found = retriever.retrieve("tax credits universal credit", k=10, answer_type="holding")
    assert found and {p.source.answer_type for p in found} == {"holding"}
    shown_name = retriever.retrieve("Romford answer", k=10, answer_type="refers to another answer")
    assert [p.source.key for p in shown_name] == ["wq:1689873"]  # the one pointer held
    with pytest.raises(InvalidQueryError, match="answer_type must be one of .*not_held"):
        retriever.retrieve("transport", answer_type="evasive")
