from dataclasses import replace
from datetime import date

import pytest

from rag.answering import (
    ABSTAIN_BELOW,
    Citation,
    Draft,
    UngroundedAnswerError,
    answer,
    check_answer,
    quote_in_source,
)
from rag.answering.render import quoted_answer, said_by
from rag.source import Passage
from tests.conftest import PassagesRetriever
from tests.helpers.records import TRAVEL_ANSWER

SOURCE = TRAVEL_ANSWER


def _passage(source=SOURCE, score=0.9):
    return Passage(text=source.answer_text.split("\n\n")[0], score=score, source=source)


def test_answer_quotes_verbatim_with_numbered_citations(retriever):
    question = "how long do councils take to arrange home to school transport"
    # The fake embedder's similarities are not calibrated: give the passages real-model scores.
    found = [
        replace(p, score=0.9 - i / 20) for i, p in enumerate(retriever.retrieve(question, k=5))
    ]
    a = answer(question, retriever=PassagesRetriever(found))
    assert not a.abstained
    assert a.citations and [c.n for c in a.citations] == list(range(1, len(a.citations) + 1))
    retrieved = {p.source.key for p in a.passages}
    for c in a.citations:
        assert c.source.key in retrieved
        assert quote_in_source(c.quote, c.source)
        assert f"[{c.n}]" in a.text
    assert "Not legal advice" in a.text


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
    a = answer(question, retriever=PassagesRetriever([_passage(score=score)]))
    assert a.abstained is abstains
    if abstains:
        assert a.citations == []
        assert a.text.startswith("I could not find a ministerial answer about that")
        assert "[1]" not in a.text


def test_nothing_retrieved_abstains():
    assert answer("anything", retriever=PassagesRetriever([])).abstained


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


def test_newest_of_near_identical_answers_is_cited_with_the_date_range():
    older = replace(SOURCE, key="wq:2", id=2, date_answered=date(2024, 3, 1))
    newer = replace(SOURCE, key="wq:3", id=3, date_answered=date(2025, 6, 1))
    a = answer(
        "Must the council arrange free travel to school?",
        retriever=PassagesRetriever([_passage(older), _passage(SOURCE), _passage(newer)]),
    )
    assert [c.source.key for c in a.citations] == ["wq:3"]
    assert a.citations[0].also_answered == (date(2024, 3, 1), date(2024, 10, 7))
    assert "The same answer was also given 2 more times (1 March 2024 to 7 October 2024)." in a.text


def test_the_best_match_is_cited_when_the_decline_model_answers_below_the_score_floor():
    # the learned decline model, not the score, decides whether to answer
    found = [_passage(score=ABSTAIN_BELOW - 0.05)]
    a = answer(
        "Must the council arrange free travel to school?",
        retriever=PassagesRetriever(found, answerable=True),
    )
    assert not a.abstained and [c.source.key for c in a.citations] == [SOURCE.key]


@pytest.mark.parametrize(("answerable", "abstains"), [(None, True), (False, True), (True, False)])
def test_a_scope_rule_declines_alone_only_without_a_decline_model(answerable, abstains):
    # "We live in Scotland" fires the devolved-nations rule; the question is about English
    # councils' duties, which written answers do answer
    question = "We live in Scotland. Must English councils arrange free travel to school?"
    a = answer(question, retriever=PassagesRetriever([_passage()], answerable=answerable))
    assert a.abstained is abstains
    said = "These answers are about England."
    assert said in a.text  # why it declined, or a caution above the answer
    if not abstains:
        assert a.text.index(said) < a.text.index("[1]") and a.citations


def test_the_best_match_leads_and_the_newer_of_two_alike_answers_follows_it():
    def other(key, day, text):
        return replace(SOURCE, key=key, id=int(key[3:]), date_answered=day, answer_text=text)

    best = other("wq:2", date(2023, 1, 5), "Local authorities must arrange free travel.")
    old = other("wq:3", date(2023, 2, 1), "Councils publish a transport policy each year.")
    new = other("wq:4", date(2025, 9, 1), "Statutory guidance on travel was updated.")
    # retrieval's order; the two newer answers are as relevant as the best by the embedding
    found = [_passage(best, 0.80), _passage(old, 0.79), _passage(new, 0.78)]
    a = answer(
        "Must the council arrange free travel to school?", retriever=PassagesRetriever(found)
    )
    assert [c.source.key for c in a.citations] == ["wq:2", "wq:4", "wq:3"]


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
    assert "The answers I have were given between" in a.text


def test_the_answer_says_how_it_read_misspelt_words(retriever):
    question = "How long do councills take to arrange school transprot?"
    found = [replace(p, score=0.9) for p in retriever.retrieve(question, k=3)]
    a = answer(question, retriever=PassagesRetriever(found, speller=retriever.speller))
    assert not a.abstained
    first_line = a.text.split("\n")[0]
    assert first_line.startswith("*I read “councills” as “council")  # "council" in the fixtures
    assert "“transprot” as “transport”" in first_line


@pytest.mark.parametrize(
    "changes, said",
    [
        ({}, "Catherine McKinnell, an education minister, said on 7 October 2024"),
        ({"answered_by": None}, "An education minister said on 7 October 2024"),
        (
            {"answered_by": None, "department": "Department of Health and Social Care"},
            "A health minister said on 7 October 2024",
        ),
        (
            {"department": "House of Commons Commission"},
            "Catherine McKinnell (House of Commons Commission) said on 7 October 2024",
        ),
        (
            {"answered_by": None, "department": "House of Commons Commission"},
            "A minister (House of Commons Commission) said on 7 October 2024",
        ),
        (
            {"answered_by": None, "department": "Attorney General"},
            "A law officer said on 7 October 2024",
        ),
        (
            {"answered_by": None, "department": None, "date_answered": None},
            "A minister said (asked on 30 September 2024)",
        ),
    ],
)
def test_the_reply_names_who_said_it_in_plain_words(changes, said):
    assert said_by(replace(SOURCE, **changes)) == said


def test_an_answer_that_does_not_answer_says_what_it_does_instead():
    held = replace(SOURCE, answer_type="not_held")
    text = quoted_answer([Citation(1, held, "Local authorities must arrange free travel")])
    assert text.endswith("[1] _(the department does not hold this information)_")


def test_a_quote_that_reaches_the_end_of_a_cut_record_says_the_record_stops_there():
    cut = replace(SOURCE, answer_text="Plans can continue to 25 if the young person remai...")
    whole_quote = quoted_answer([Citation(1, replace(cut, truncated=True), cut.answer_text)])
    assert whole_quote.endswith(
        "[1] _(the record holds only the start of this answer: the official link has it all)_"
    )
    # not when the record is whole, nor when the quote stops before the cut
    assert quoted_answer([Citation(1, cut, cut.answer_text)]).endswith("[1]")
    start = quoted_answer([Citation(1, replace(cut, truncated=True), "Plans can continue")])
    assert start.endswith("[1]")
    # two sentences apart, joined by the elision marker: the last one reaches the cut
    apart = replace(cut, answer_text="Plans can go on. Most do. The young person remai...")
    joined = quoted_answer(
        [
            Citation(
                1, replace(apart, truncated=True), "Plans can go on. … The young person remai..."
            )
        ]
    )
    assert joined.endswith("the official link has it all)_")


def test_every_department_a_question_can_be_put_to_has_a_plain_name():
    from rag.ingest.departments import _ASKED

    for _, department in _ASKED:
        said = said_by(replace(SOURCE, answered_by=None, department=department))
        assert "(" not in said.split(" said")[0], said  # no "A minister (...)" fallback


def test_places_typed_in_lower_case_are_named_as_places_are_written():
    from rag.answering.render import not_mentioned

    assert not_mentioned(["west northamptonshire", "2019", "McKinnell"]) == (
        "None of the answers I found mention West Northamptonshire, 2019 or McKinnell."
    )
    assert not_mentioned(["stoke-on-trent", "barking and dagenham"], below=True) == (
        "None of the answers below mention Stoke-on-Trent or Barking and Dagenham."
    )
