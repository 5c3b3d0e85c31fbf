"""Follow-up questions are read with the conversation; a new topic stands alone."""

import pytest

import rag
from rag.errors import InvalidQueryError
from rag.search import leans_on_earlier_turns, standalone
from tests.conftest import CalibratedRetriever

FIRST = "Does the council have to arrange free school transport for my disabled son?"


def _history(*user_turns: str) -> list[dict[str, str]]:
    out = []
    for turn in user_turns:
        out += [{"role": "user", "content": turn}, {"role": "assistant", "content": "..."}]
    return out


@pytest.mark.parametrize(
    "message",
    [
        "And once he turns 16?",
        "What about in academies?",
        "Who decides that?",
        "When does it start?",
        "What if they refuse?",
        "is that the same for nurseries",
        "Under-fives?",
    ],
)
def test_messages_that_lean_on_the_turn_before(message):
    assert leans_on_earlier_turns(message)


@pytest.mark.parametrize(
    "message",
    [
        "How do I get an education, health and care plan assessed?",
        "Can my daughter's school exclude her for behaviour linked to her autism?",
        "What has the government said about funding for special schools?",
    ],
)
def test_messages_with_a_topic_of_their_own_stand_alone(message):
    assert not leans_on_earlier_turns(message)
    assert standalone(message, _history(FIRST)) == message


def test_a_chain_of_follow_ups_keeps_its_topic():
    history = _history(FIRST, "And once he turns 16?")
    assert standalone("What about at 19?", history) == (
        f"{FIRST} And once he turns 16? What about at 19?"
    )
    # a new topic in the middle resets what later follow-ups lean on
    new_topic = "Can my daughter's school exclude her for behaviour linked to her autism?"
    assert standalone("What about in academies?", _history(FIRST, new_topic)) == (
        f"{new_topic} What about in academies?"
    )


def test_an_answer_to_a_follow_up_says_how_it_was_read(retriever):
    backend = CalibratedRetriever(retriever)
    reply = rag.answer("And once he turns 16?", history=_history(FIRST), retriever=backend)
    assert reply.understood_as == f"{FIRST} And once he turns 16?"
    assert reply.text.startswith(f"*I took this as: “{FIRST} And once he turns 16?”*")
    alone = rag.answer(FIRST, retriever=backend)
    assert alone.understood_as == FIRST and "I took this as" not in alone.text


def test_the_follow_up_finds_what_its_written_out_question_finds(retriever):
    follow_up = retriever.retrieve("And once he turns 16?", history=_history(FIRST), k=5)
    written_out = retriever.retrieve(f"{FIRST} And once he turns 16?", k=5)
    assert [p.source.key for p in follow_up] == [p.source.key for p in written_out]
    assert "wq:1820332" in [p.source.key for p in follow_up]  # post-16 transport


@pytest.mark.parametrize("history", ["not a list", [{"text": "no role"}], [1, 2]])
def test_a_malformed_history_says_what_is_expected(retriever, history):
    with pytest.raises(InvalidQueryError, match="history must be a list of messages"):
        retriever.retrieve("And then?", history=history)
