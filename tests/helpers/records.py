"""Hand-made records for tests that need one exact answer."""

from dataclasses import replace
from datetime import date

from rag.source import Source

# A travel answer with markup in it (shown as text, never run).
TRAVEL_ANSWER = Source(
    key="wq:1",
    id=1,
    uin="5508",
    heading="Special Educational Needs: Travel",
    question_text="To ask the Secretary of State for Education, what steps she is taking on travel.",
    answer_text=(
        "Local authorities must arrange free travel for eligible children.\n\n"
        "The department is aware of pressure on home to school travel. <script>alert(1)</script>"
    ),
    answered_by="Catherine McKinnell",
    department="Department for Education",
    date_tabled=date(2024, 9, 30),
    date_answered=date(2024, 10, 7),
)


# A promise with a deliverable and a time, for tracing what later answers say about it.
PROMISE = Source(
    key="wq:100",
    id=100,
    uin="100",
    heading="Special Educational Needs",
    question_text="To ask the Secretary of State for Education, when she will publish reforms.",
    answer_text=(
        "We know families are frustrated. "
        "The government will publish the Schools White Paper in the autumn."
    ),
    answered_by="Catherine McKinnell",
    department="Department for Education",
    date_answered=date(2025, 6, 10),
)


def later_answer(n: int, when: date, text: str) -> Source:
    """Another answer by the same minister, given on ``when``."""
    return replace(PROMISE, key=f"wq:{n}", id=n, uin=str(n), date_answered=when, answer_text=text)


def plain_answer(
    n: int, answer_text: str, question_text: str = "To ask about it.", **fields
) -> Source:
    """Record ``n``: an answer with no heading, and whatever ``fields`` add."""
    return Source(
        key=f"wq:{n}",
        id=n,
        uin=str(n),
        heading=None,
        question_text=question_text,
        answer_text=answer_text,
        **fields,
    )
