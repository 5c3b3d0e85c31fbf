"""Hand-made records for tests that need one exact answer."""

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
