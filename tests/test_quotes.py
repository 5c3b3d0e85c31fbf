"""What the answer quotes: the sentences that answer the question, verbatim."""

from datetime import date

import pytest

from rag.answering import SentencePicker, quote_in_source
from rag.answering.quotes import FEATURES, HAND_SET, QuoteModel
from rag.search import understand
from rag.search.question import asks
from rag.source import Source
from rag.text import sentences
from tests.helpers.records import plain_answer

SOURCE = Source(
    key="wq:2",
    id=2,
    uin="1234",
    heading="Special Educational Needs: Assessments",
    question_text="To ask the Secretary of State for Education, what steps she is taking on delays.",
    answer_text=(
        "The department wants plans to be issued promptly. "
        "Local authorities have a statutory responsibility to assess needs.\n\n"
        "Plans must be issued within twenty weeks of the assessment starting. "
        "Where councils are late, the department agrees a recovery plan with them."
    ),
    answered_by="Catherine McKinnell",
    department="Department for Education",
    date_answered=date(2025, 1, 6),
)


def test_a_question_with_two_parts_asks_two_things():
    question = "How long can the council take, and does the government do anything about it?"
    assert asks(question) == [
        "How long can the council take",
        "does the government do anything about it?",
    ]
    assert asks("Tell me about transport") == ["Tell me about transport"]


@pytest.mark.parametrize(
    ("quote", "ok"),
    [
        ("Plans must be issued within twenty weeks of the assessment starting.", True),
        (
            "The department wants plans to be issued promptly. … Where councils are late, "
            "the department agrees a recovery plan with them.",
            True,
        ),
        (  # both parts are in the answer, but not in this order
            "Where councils are late, the department agrees a recovery plan with them. … "
            "The department wants plans to be issued promptly.",
            False,
        ),
        ("The department wants plans to be issued promptly. … Councils are never late.", False),
        (" … ", False),
    ],
)
def test_an_elided_quote_must_be_verbatim_part_by_part_and_in_order(quote, ok):
    assert quote_in_source(quote, SOURCE) is ok


class SameMeaning:
    """Every text means the same: only the words and the figures can decide."""

    model_id = "same-meaning"

    def embed_documents(self, texts):
        return [[1.0, 0.0] for _ in texts]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "How long can councils take over plans?",
            "Plans must be issued within twenty weeks of the assessment starting.",
        ),
        (
            "What do councils do about plans?",
            "Where councils are late, the department agrees a recovery plan with them.",
        ),
    ],
)
def test_a_question_asking_how_long_prefers_the_sentence_with_a_figure(question, expected):
    picker = SentencePicker(understand(question), SameMeaning())
    assert picker.quote(SOURCE, passage="", n=1) == expected


def test_sentences_apart_are_joined_by_an_ellipsis_and_neighbours_by_a_space(fake_embedder):
    question = "Are plans issued promptly, and what happens when councils are late?"
    picker = SentencePicker(understand(question), fake_embedder)
    quote = picker.quote(SOURCE, passage="", n=3)
    assert quote_in_source(quote, SOURCE)
    assert quote.count(" … ") + quote.count(". ") >= 2
    assert "recovery plan" in quote


def test_without_a_model_the_question_words_choose(fake_embedder):
    picker = SentencePicker(understand("recovery plan for late councils"), None)
    quote = picker.quote(SOURCE, passage="", n=1)
    assert quote == "Where councils are late, the department agrees a recovery plan with them."


def test_the_best_sentence_always_and_the_next_ones_only_within_the_word_limit():
    picker = SentencePicker(understand("recovery plan for late councils"), None)
    best = "Where councils are late, the department agrees a recovery plan with them."
    assert picker.quote(SOURCE, passage="", n=3, max_words=5) == best  # 12 words, still quoted
    # within 25 words: the second best (11 words) would pass the limit, the third (8) does not
    assert picker.quote(SOURCE, passage="", n=3, max_words=25) == (
        "The department wants plans to be issued promptly. … " + best
    )


def test_table_rows_are_not_quoted_when_the_answer_has_sentences(fake_embedder):
    source = plain_answer(
        3,
        (
            "Assessments and tribunals in 2024 are shown in the table below:\n\n"
            "Number of tribunals related to the assessment decision      9      4\n\n"
            "An assessment may be subject to a tribunal."
        ),
        question_text="To ask about tribunals.",
    )
    picker = SentencePicker(
        understand("tribunals related to the assessment decision"), fake_embedder
    )
    quote = picker.quote(source, passage="", n=3)
    assert "Number of tribunals" not in quote
    assert quote_in_source(quote, source) and "may be subject to a tribunal" in quote


def test_neighbouring_sentences_are_joined_as_the_answer_writes_them():
    source = plain_answer(
        4,
        "Early language skills are vital in school.The framework sets the standards.",
        question_text="To ask about early language.",
    )
    quote = SentencePicker(understand("early language skills framework"), None).quote(
        source, passage="", n=2
    )
    assert quote == source.answer_text  # no " … " between sentences that are next to each other


def test_the_quote_comes_from_the_passage_retrieval_matched():
    picker = SentencePicker(understand("How long can councils take over plans?"), SameMeaning())
    second_paragraph = SOURCE.answer_text.split("\n\n")[1]
    later = picker.quote(SOURCE, passage=second_paragraph, n=1)
    assert later == "Plans must be issued within twenty weeks of the assessment starting."
    first_paragraph = SOURCE.answer_text.split("\n\n")[0]
    earlier = picker.quote(SOURCE, passage=first_paragraph, n=1)
    assert earlier in first_paragraph  # the better sentence elsewhere is not weighed
    # a passage holding no whole sentence of the answer leaves every sentence in play
    assert picker.quote(SOURCE, passage="twenty weeks", n=1) == later


def test_a_model_weighing_the_whole_answer_counts_the_passage_as_one_feature():
    question = understand("How long can councils take over plans?")
    first_paragraph = SOURCE.answer_text.split("\n\n")[0]
    whole = QuoteModel(HAND_SET.weights, passage_only=False)
    quote = SentencePicker(question, SameMeaning(), whole).quote(SOURCE, first_paragraph, n=1)
    assert quote == "Plans must be issued within twenty weeks of the assessment starting."
    weighed, values = SentencePicker(question, SameMeaning(), whole).features(
        sentences(SOURCE.answer_text), first_paragraph
    )
    in_passage = values[:, FEATURES.index("in_passage")]
    assert weighed == [0, 1, 2, 3] and list(in_passage) == [1.0, 1.0, 0.0, 0.0]
    passage_first = QuoteModel({"in_passage": 1.0}, passage_only=False)
    quote = SentencePicker(question, SameMeaning(), passage_first).quote(
        SOURCE, first_paragraph, n=1
    )
    assert quote in first_paragraph


def test_an_item_of_a_list_is_quoted_with_the_sentence_that_introduces_it():
    source = plain_answer(
        5,
        (
            "We want fewer disputes. The Tribunal will remain for decisions, including:\n\n"
            "• A decision not to carry out a needs assessment\n\n"
            "• A decision about which school is named for transport\n\n"
            "Mediation will also be strengthened."
        ),
        question_text="To ask about appeals.",
    )
    picker = SentencePicker(understand("naming a school and transport"), None)
    quote = picker.quote(source, passage="", n=1)
    assert quote == (
        "The Tribunal will remain for decisions, including: … "
        "• A decision about which school is named for transport"
    )
    assert quote_in_source(quote, source)
