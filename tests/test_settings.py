"""Settings are parameters: validated when built, with the bad value in the message."""

import pytest

from rag import AnswerSettings, InvalidQueryError, RetrievalSettings


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"fusion": "max"}, "fusion must be one of score, rrf, got 'max'"),
        (
            {"dense_weight": 0.0, "lexical_weight": 0.0, "question_weight": 0.0},
            "not all 0, got 0.0, 0.0 and 0.0",
        ),
        ({"names_weight": -0.5}, "names_weight must be at least 0, got -0.5"),
        ({"dense_weight": -1.0}, "must be at least 0 and not all 0, got -1.0, "),
        ({"dense_chunks": 0}, "dense_chunks must be at least 1, got 0"),
        ({"confidence_floor": 0.8}, "confidence_floor must be below confidence_ceiling"),
    ],
)
def test_bad_retrieval_settings_say_which_and_why(changes, message):
    with pytest.raises(InvalidQueryError, match=message):
        RetrievalSettings(**changes)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"abstain_below": 1.5}, r"abstain_below must be in \[0, 1\], got 1.5"),
        ({"max_cited": 0}, "max_cited must be at least 1, got 0"),
        ({"quoted_words": -1}, "quoted_words must be 0 or more, got -1"),
    ],
)
def test_bad_answer_settings_say_which_and_why(changes, message):
    with pytest.raises(InvalidQueryError, match=message):
        AnswerSettings(**changes)


def test_a_variant_shares_the_index_and_changes_only_what_it_names(retriever):
    before = retriever.settings
    dense_only = retriever.with_settings(dense_weight=1.0, lexical_weight=0.0)
    assert dense_only.store is retriever.store and dense_only.sources is not None
    assert dense_only.settings.dense_weight == 1.0
    assert dense_only.settings.fusion == retriever.settings.fusion == "score"
    assert retriever.settings is before  # the product's own is untouched
    query = "home to school transport for children with SEND"
    assert [p.source.key for p in retriever.with_settings().retrieve(query)] == [
        p.source.key for p in retriever.retrieve(query)
    ]


def test_answer_settings_change_the_answer(retriever):
    from rag import answer
    from tests.conftest import CalibratedRetriever

    backend = CalibratedRetriever(retriever)
    question = "Must the council arrange free travel to school?"
    assert len(answer(question, retriever=backend).citations) == 4  # max_cited
    assert (
        len(answer(question, retriever=backend, settings=AnswerSettings(max_cited=1)).citations)
        == 1
    )
    assert answer(
        question, retriever=backend, settings=AnswerSettings(abstain_below=0.95)
    ).abstained
    # a word budget quotes the later answers only while it lasts; the rest are pointed to
    unlimited = answer(
        question, retriever=backend, settings=AnswerSettings(max_cited=3, quoted_words=0)
    )
    tight = answer(
        question, retriever=backend, settings=AnswerSettings(max_cited=3, quoted_words=5)
    )
    assert [c.source for c in tight.citations] == [c.source for c in unlimited.citations]
    assert len(unlimited.citations) == 3 and "Also found" not in unlimited.text
    assert tight.text.count("“") == 1 and "_Also found: [2], [3] (see Sources)._" in tight.text


def test_a_word_budget_can_quote_some_answers_and_point_to_the_rest(retriever):
    from rag import answer
    from rag.answering.render import quoted_answer
    from tests.conftest import CalibratedRetriever

    backend = CalibratedRetriever(retriever)
    question = "Must the council arrange free travel to school?"
    full = answer(question, retriever=backend, settings=AnswerSettings(max_cited=3, quoted_words=0))
    budget = len(quoted_answer(full.citations, shown=2).split())  # two quoted, one pointed to
    some = answer(
        question, retriever=backend, settings=AnswerSettings(max_cited=3, quoted_words=budget)
    )
    assert some.text.count("“") == 2 and "[2]" in some.text
    assert "_Also found: [3] (see Sources)._" in some.text
