"""A question is understood once, into one value that every later stage reads."""

from datetime import date

import pytest

import rag
import rag.search.question as question_module
from rag.errors import InvalidQueryError
from rag.search import Filters, Intent, Retriever, understand
from rag.search.spelling import Speller
from tests.conftest import CalibratedRetriever


def test_the_question_carries_what_every_stage_needs(retriever):
    q = retriever.understand(
        "I'm so worried. How long can the councill take to assess my son, "
        "and what did ministers say in December 2024?"
    )
    assert q.reduced.startswith("How long can the council take")  # filler gone, typo read
    assert [(c.typed, c.corrected) for c in q.corrections] == [("councill", "council")]
    assert q.asks == (
        "How long can the council take to assess my son",
        "what did ministers say in December 2024?",
    )
    assert q.period == (date(2024, 12, 1), date(2024, 12, 31))
    assert q.intent is Intent.ANSWER and q.since is None and q.scope_reason is None
    assert {"council", "assess", "son"} <= q.words


def test_a_commitments_question_names_its_intent_topic_and_start():
    q = understand("What has the government committed to on school transport since March 2025?")
    assert q.intent is Intent.COMMITMENTS
    assert q.since == date(2025, 3, 1) and q.period == (date(2025, 3, 1), None)
    assert {"transport"} <= q.topic_words and not {"commit", "march", "2025"} & q.topic_words


def test_glossary_terms_widen_the_search_but_not_what_was_asked():
    q = understand("How do I get a support plan for my daughter?")
    assert "EHC plan" in q.glossary_terms
    assert "education, health and care plan" in q.lexical.lower()
    assert q.related_words and not q.related_words & q.words
    plain = understand("How do I get a support plan for my daughter?", glossary=False)
    assert plain.glossary_terms == () and plain.lexical == plain.reduced


@pytest.mark.parametrize(
    "question",
    [
        "Will my daughter get free transport to sixth form college?",
        "does the council pay for the bus to college when he's 17",
        "Does home to school transport stop at 16?",
    ],
)
def test_a_thing_named_in_two_halves_reaches_its_official_term(question):
    # "transport" and "sixth form" apart name post-16 transport: neither alone does
    assert "post-16 transport" in understand(question).glossary_terms


def test_how_long_a_plan_takes_reaches_the_20_week_timescale():
    asked = understand("how long can the council take to give my son an EHCP?")
    assert "EHC needs assessment" in asked.glossary_terms
    assert "20-week timescale" in asked.lexical
    autism_wait = understand("How long is the wait for an autism assessment?")
    assert "EHC needs assessment" not in autism_wait.glossary_terms


@pytest.mark.parametrize(
    "question", ["Which sixth form colleges take students with SEND?", "Is there a school bus?"]
)
def test_one_half_alone_does_not(question):
    assert "post-16 transport" not in understand(question).glossary_terms


def test_a_long_question_keeps_its_start_and_end():
    q = understand("word " * 1000 + "school transport?")
    assert q.shortened and q.typed_length == 5017
    assert q.cleaned.endswith("school transport?") and len(q.cleaned) <= 2001


@pytest.mark.parametrize(("text", "message"), [("", "the query is empty"), (42, "must be text")])
def test_no_question_no_value(text, message):
    with pytest.raises(InvalidQueryError, match=message):
        understand(text)


def test_retrieval_returns_the_question_and_the_filters_it_applied(retriever):
    asked = retriever.understand("What did ministers say in December 2024 about SEND?")
    found = retriever.search(asked, k=5, filters=Filters.parse(house="Commons"))
    assert found.question is asked
    assert found.filters == Filters.parse(
        house="Commons", date_from="2024-12-01", date_to="2024-12-31"
    )
    assert found.passages and all(
        p.source.date_answered and p.source.date_answered.year == 2024 for p in found.passages
    )


class Counting:
    """Counts the calls of a function it wraps."""

    def __init__(self, fn):
        self.fn, self.calls = fn, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.fn(*args, **kwargs)


@pytest.mark.parametrize(
    "question",
    [
        "How long do councills take to arrange school transport?",
        "What has the government committed to on VAT and private school fees since 2024?",
        "We live in Wales. How long do councils take to arrange school transport?",
    ],
)
def test_a_question_is_prepared_and_searched_once_per_answer(monkeypatch, retriever, question):
    counted = {
        name: Counting(getattr(question_module, name))
        for name in ("clean_text", "matching_terms", "out_of_scope_reason", "asked_period")
    }
    for name, spy in counted.items():
        monkeypatch.setattr(question_module, name, spy)
    correct = Counting(Speller.correct)
    monkeypatch.setattr(Speller, "correct", lambda self, text: correct(self, text))
    search = Counting(Retriever.search)
    monkeypatch.setattr(Retriever, "search", lambda self, *a, **kw: search(self, *a, **kw))

    reply = rag.answer(question, retriever=CalibratedRetriever(retriever))

    assert reply.question is not None and reply.question.text == question
    assert {name: spy.calls for name, spy in counted.items()} == dict.fromkeys(counted, 1)
    assert correct.calls == 1 and search.calls == 1


def test_unknown_filters_are_named(retriever):
    with pytest.raises(InvalidQueryError, match="unknown filter 'minister': the filters are"):
        retriever.retrieve("transport", minister="Catherine McKinnell")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "How much of the £740 million went to Plymouth City Council? My son Jayden is at "
            "Oakfield School. Jayden's plan says so.",
            ("Plymouth City Council", "Oakfield School"),  # not the child's own name
        ),
        ("What is Reform UK's policy? Mrs Patel said no.", ("Reform", "Patel")),
        ("my son has Down syndrome. In March the SENCo said no to EHCPs", ()),
        ("how many sight tests were done in 2025-26 in Leeds, for £2000?", ("2025", "Leeds")),
        ("My daughter, Amy Smith, is 4. Amy's school in Kent said no.", ("Kent",)),
        (
            "Kent County Council has refused. Is Zoë at O'Brien House?",
            ("Kent County Council", "Zoë", "O'Brien House"),
        ),
        ("Hello\nWhat is the Minister doing? Thanks", ()),
        # places as parents type them, in lower case; not everyday words that are places
        (
            "how many kids in sefton have an ehcp, is west northamptonshire worse?",
            ("sefton", "west northamptonshire"),
        ),
        ("Kent is slow. my son loves reading at bath time", ("Kent",)),
        ("we moved from central bedfordshire to Leeds", ("central bedfordshire", "Leeds")),
    ],
)
def test_a_question_names_the_places_people_and_years_it_is_about(text, named):
    from rag.search.specifics import named_specifics

    assert named_specifics(text) == named


def test_years_read_as_the_period_asked_about_are_a_filter_not_words_to_find():
    assert understand("What did ministers say in 2024 about Kent?").specifics == ("Kent",)
    # a year the figures are for, not when the answer was given: the answers must say it
    about = understand("How many supported internships were there in Kent in 2019?")
    assert about.period is None and about.specifics == ("2019", "Kent")


def test_names_that_only_set_the_scene_are_not_what_is_asked_about():
    scene = understand("We live in Leeds. How long should an EHC needs assessment take?")
    assert scene.specifics == ("Leeds",) and scene.asked_specifics == ()
    asked = understand("Which schools in Leeds are in the PINS programme?")
    assert asked.asked_specifics == ("Leeds",)


def test_a_name_is_mentioned_when_its_rarest_word_is():
    from rag.search.specifics import Mentions
    from tests.helpers.records import plain_answer

    held = [
        plain_answer(
            1, "Funding for Plymouth City Council and Devon in 2024, and county councils."
        ),
        plain_answer(2, "New places in Leedsville.", answered_by="Catherine McKinnell"),
        plain_answer(3, "New schools will open."),
    ]
    mentions = Mentions(held)
    asked = ("Plymouth City Council", "Leeds", "2024", "2019", "Kent County Council")
    assert mentions.unmentioned(asked, held) == ("Leeds", "2019", "Kent County Council")
    assert mentions.unmentioned(("New Zealand",), held) == ("New Zealand",)
    # the minister's surname is mentioned by the answers she gave; a first name alone is not
    assert mentions.unmentioned(("Catherine McKinnell", "McKinnell", "Catherine"), held) == (
        "Catherine",
    )
    assert mentions.share(("Plymouth", "Leeds"), held[0]) == 0.5
