from dataclasses import replace
from datetime import date

import pytest

from rag.answer import (
    ABSTAIN_BELOW,
    Answer,
    Citation,
    Draft,
    UngroundedAnswerError,
    answer,
    check_answer,
    quote_in_source,
)
from rag.source import Passage, Source
from ui.format import citation_line, format_answer, format_sources

SOURCE = Source(
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


class StubRetriever:
    def __init__(self, passages):
        self.passages = passages

    def retrieve(self, question, **options):
        return self.passages


def _passage(source=SOURCE, score=0.9):
    return Passage(text=source.answer_text.split("\n\n")[0], score=score, source=source)


def test_answer_quotes_verbatim_with_numbered_citations(retriever):
    question = "how long do councils take to arrange home to school transport"
    # The fake embedder's similarities are not calibrated: give the passages real-model scores.
    found = [
        replace(p, score=0.9 - i / 20) for i, p in enumerate(retriever.retrieve(question, k=5))
    ]
    a = answer(question, retriever=StubRetriever(found))
    assert not a.abstained
    assert a.citations and [c.n for c in a.citations] == list(range(1, len(a.citations) + 1))
    retrieved = {p.source.key for p in a.passages}
    for c in a.citations:
        assert c.source.key in retrieved
        assert quote_in_source(c.quote, c.source)
        assert f"[{c.n}]" in a.text
    assert "not legal advice" in a.text


@pytest.mark.parametrize(
    ("question", "score", "abstains"),
    [
        ("What is the usual starting dose of methylphenidate for a child with ADHD?", 0.9, True),
        ("We live in Glasgow. How do I ask for a Co-ordinated Support Plan?", 0.9, True),
        ("How do I make a lasagne?", ABSTAIN_BELOW - 0.01, True),
        ("Must the council arrange free travel to school?", ABSTAIN_BELOW, False),
        ("Must the council arrange free travel to school?", 0.9, False),
    ],
)
def test_abstention(question, score, abstains):
    a = answer(question, retriever=StubRetriever([_passage(score=score)]))
    assert a.abstained is abstains
    if abstains:
        assert a.citations == []
        assert a.text.startswith("I could not find a ministerial answer about that")
        assert "[1]" not in a.text


def test_nothing_retrieved_abstains():
    assert answer("anything", retriever=StubRetriever([])).abstained


@pytest.mark.parametrize(
    ("quote", "ok"),
    [
        ("Local authorities must arrange free travel for eligible children.", True),
        ("Local  authorities must arrange\nfree travel", True),  # white space is not wording
        ("Local authorities must arrange free travel for all children.", False),
        ("Councils must arrange free travel.", False),
        ("", False),
    ],
)
def test_quote_verification(quote, ok):
    assert quote_in_source(quote, SOURCE) is ok


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (
            Draft("Says [1].", [Citation(1, SOURCE, "Councils must arrange free travel.")]),
            r"\[1\] quote is not in wq:1's answer",
        ),
        (
            Draft("Says [1].", [Citation(1, replace(SOURCE, key="wq:2"), "Local authorities")]),
            r"\[1\] cites wq:2, which was not retrieved",
        ),
        (
            Draft("Says [1] and [2].", [Citation(1, SOURCE, "Local authorities")]),
            r"markers without a citation: \[2\]",
        ),
        (
            Draft("Says nothing.", [Citation(1, SOURCE, "Local authorities")]),
            r"citations never referred to: \[1\]",
        ),
    ],
)
def test_ungrounded_drafts_are_rejected(draft, message):
    with pytest.raises(UngroundedAnswerError, match=message):
        check_answer(draft, [_passage()])


def test_citation_line_exact():
    c = Citation(1, SOURCE, "Local authorities must arrange free travel for eligible children.")
    assert citation_line(c) == (
        "[1] Special Educational Needs: Travel · asked by not recorded · answered by "
        "Catherine McKinnell (Department for Education) · on 2024-10-07 · UIN 5508"
    )


def test_format_sources_escapes_markup_and_links_the_record():
    c = Citation(1, SOURCE, "The department is aware of pressure on home to school travel.")
    html = format_sources(Answer("x [1]", [c], False))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        'href="https://questions-statements.parliament.uk/written-questions/detail/2024-09-30/5508"'
        in html
    )


def test_format_sources_flags_truncated_answers():
    c = Citation(1, replace(SOURCE, truncated=True), "Local authorities")
    assert "Only the first 255 characters of this answer are held." in format_sources(
        Answer("x [1]", [c], False)
    )


def test_format_answer_neutralises_html_but_keeps_markdown():
    a = Answer("**Bold** “<img src=x onerror=alert(1)>” [1]", [], False)
    assert format_answer(a) == "**Bold** “&lt;img src=x onerror=alert(1)&gt;” [1]"


def test_newest_of_near_identical_answers_is_cited_with_the_date_range():
    older = replace(SOURCE, key="wq:2", id=2, date_answered=date(2024, 3, 1))
    newer = replace(SOURCE, key="wq:3", id=3, date_answered=date(2025, 6, 1))
    a = answer(
        "Must the council arrange free travel to school?",
        retriever=StubRetriever([_passage(older), _passage(SOURCE), _passage(newer)]),
    )
    assert [c.source.key for c in a.citations] == ["wq:3"]
    assert a.citations[0].also_answered == (date(2024, 3, 1), date(2024, 10, 7))
    assert "also given in 2 other written answers (1 March 2024 to 7 October 2024)" in a.text


def test_a_corrected_answer_shows_the_text_it_replaced_and_its_label():
    corrected = replace(
        SOURCE,
        is_correction=True,
        answer_type="corrected",
        original_answer_text="Local authorities may arrange travel. <b>old</b>",
    )
    html = format_sources(Answer("x [1]", [Citation(1, corrected, "Local authorities")], False))
    assert "Original answer, before the correction" in html
    assert "Local authorities may arrange travel. &lt;b&gt;old&lt;/b&gt;" in html
    assert "Answer type:</strong> corrected answer" in html


@pytest.mark.parametrize(
    ("question", "filters"),
    [
        ("What did ministers say between 2016 and 2019 about school transport?", {}),
        ("What did ministers say about school transport?", {"date_to": "2019-12-31"}),
    ],
)
def test_a_period_with_no_answers_abstains_and_names_the_dates_held(retriever, question, filters):
    a = answer(question, retriever=retriever, **filters)
    assert a.abstained and a.citations == []
    assert "31 December 2019" in a.text
    assert "the answers I hold were given between" in a.text


def test_the_answer_says_how_it_read_misspelt_words(retriever):
    question = "How long do councills take to arrange school transprot?"
    found = [replace(p, score=0.9) for p in retriever.retrieve(question, k=3)]
    stub = StubRetriever(found)
    stub.speller = retriever.speller
    a = answer(question, retriever=stub)
    assert not a.abstained
    first_line = a.text.split("\n")[0]
    assert first_line.startswith("*I read “councills” as “council")  # "council" in the fixtures
    assert "“transprot” as “transport”" in first_line
