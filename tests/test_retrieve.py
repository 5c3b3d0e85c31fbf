import json
from datetime import date

import pytest

from rag.errors import InvalidQueryError
from rag.index import build_index
from rag.search import NO_QUALITY_WEIGHTS, Retriever
from tests.conftest import FakeEmbedder


def test_results_are_one_per_source_best_first_with_metadata(retriever):
    passages = retriever.retrieve(
        "how long do councils take to arrange home to school transport", k=5
    )
    keys = [p.source.key for p in passages]
    assert len(keys) == len(set(keys)) <= 5
    assert keys[0] == "wq:1729022"
    top = passages[0]
    assert top.text in top.source.answer_text
    assert top.source.uin == "5508" and top.source.url.endswith("/5508")
    assert 0.0 <= top.score <= 1.0


def test_plain_words_reach_official_terms_through_the_glossary(retriever):
    # "teaching him at home" is how a parent says "elective home education".
    passages = retriever.retrieve(
        "can I take my son out of his special school and teach him at home", k=3
    )
    assert "wq:1764388" in [p.source.key for p in passages]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"answered_by": "heidi alexander"}, {"wq:1722030"}),
        ({"department": "Treasury"}, {"wq:1727040"}),
        ({"answered_by": "James Murray", "department": "treasury"}, {"wq:1727040"}),
        ({"date_from": "2024-12-01", "date_to": "2024-12-31"}, {"wq:1746300"}),
    ],
)
def test_filters_restrict_results_inside_the_query(retriever, filters, expected):
    passages = retriever.retrieve("special educational needs", k=10, **filters)
    assert {p.source.key for p in passages} == expected


@pytest.mark.parametrize(
    "filters",
    [
        {"answered_by": "Nobody Atall"},
        {"date_from": "2016-01-01", "date_to": "2019-12-31"},
        {"department": "Ministry of Magic"},
        {"house": "Lords"},
    ],
)
def test_a_filter_that_matches_nothing_returns_nothing(retriever, filters, monkeypatch):
    embedded = []
    embed = retriever.embedder.embed_query
    monkeypatch.setattr(retriever.embedder, "embed_query", lambda t: embedded.append(t) or embed(t))
    assert retriever.retrieve("special educational needs", k=5, **filters) == []
    assert embedded == []  # nothing to search: the question is not embedded
    assert retriever.retrieve("special educational needs", k=5) != []
    assert embedded == ["special educational needs"]


def test_dates_as_date_objects_work(retriever):
    got = retriever.retrieve(
        "tribunal appeals", k=5, date_from=date(2024, 7, 1), date_to=date(2024, 7, 31)
    )
    assert [p.source.key for p in got] == ["wq:1722030"]


@pytest.mark.parametrize(
    ("query", "options", "message"),
    [
        ("", {}, "the query is empty"),
        ("   \n\t ", {}, "the query is empty"),
        ("transport", {"k": 0}, "k must be between 1 and 50, got 0"),
        ("transport", {"k": 51}, "k must be between 1 and 50, got 51"),
        (
            "transport",
            {"date_from": "31/07/2024"},
            "date_from must be an ISO date like 2024-07-31, got '31/07/2024'",
        ),
        (
            "transport",
            {"date_from": "2024-08-01", "date_to": "2024-07-01"},
            "date_from 2024-08-01 is after date_to 2024-07-01",
        ),
        ("transport", {"house": "Senate"}, "house must be one of Commons, Lords, got 'Senate'"),
    ],
)
def test_bad_options_raise_with_the_bad_value(retriever, query, options, message):
    with pytest.raises(InvalidQueryError, match=message):
        retriever.retrieve(query, **options)


def test_holding_answers_rank_below_a_substantive_one_on_the_same_topic(settings):
    question = (
        "To ask the Secretary of State for Education, what steps she is taking to improve "
        "access to speech and language therapy in schools."
    )
    records = [
        {
            "id": 901,
            "heading": "Speech and Language Therapy: Schools",
            "questionText": question,
            "answerIsHolding": True,
            "answerText": "It will not be possible to answer this question on speech and "
            "language therapy in schools within the usual time.",
        },
        {
            "id": 902,
            "heading": "Speech and Language Therapy: Schools",
            "questionText": question,
            "answerText": "Speech and language therapists are funded through the high needs "
            "budget, and the department is training more of them.",
        },
    ]
    (settings.corpus_dir / "therapy.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n"
    )
    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    retriever = Retriever.open(settings, embedder=FakeEmbedder())
    query = "speech and language therapy in schools"
    unweighted = retriever.with_settings(quality=NO_QUALITY_WEIGHTS).retrieve(query, k=2)
    assert [p.source.key for p in unweighted] == ["wq:901", "wq:902"]  # it says more words
    assert [p.source.key for p in retriever.retrieve(query, k=2)] == ["wq:902", "wq:901"]


def test_a_period_named_in_the_question_narrows_the_answer_dates(retriever):
    said_then = retriever.retrieve("What did ministers say in December 2024 about SEND?", k=10)
    assert said_then and all(p.source.date_answered.year == 2024 for p in said_then)
    assert retriever.retrieve("What did ministers say between 2016 and 2019 about SEND?") == []
    # An explicit date filter wins over the question's words.
    explicit = retriever.retrieve(
        "What did ministers say in 2018 about tribunal appeals?",
        date_from="2024-07-01",
        date_to="2024-07-31",
    )
    assert [p.source.key for p in explicit] == ["wq:1722030"]


def test_an_out_of_scope_question_keeps_its_ranking_but_not_its_confidence(retriever):
    from rag.answering import ABSTAIN_BELOW

    plain = retriever.retrieve("home to school transport for children with SEND", k=3)
    devolved = retriever.retrieve("home to school transport for children with SEND in Wales", k=3)
    assert [p.source.key for p in devolved] == [p.source.key for p in plain]
    assert all(p.score == p.relevance > 0 for p in plain)
    for p in devolved:
        assert (
            p.score
            == round(p.relevance * retriever.settings.out_of_scope_factor, 4)
            < ABSTAIN_BELOW
        )


def test_a_misspelt_question_finds_what_the_spelt_one_does(retriever):
    spelt = retriever.retrieve("how long do councils take to arrange home to school transport")
    typed = retriever.retrieve("how long do councills take to arange home to school transprot")
    assert [p.source.key for p in typed][:3] == [p.source.key for p in spelt][:3]
