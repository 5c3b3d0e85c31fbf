"""The chat shows a written reply as its sentences pass their checks, then the sources
with each sentence's supporting quote."""

import rag
from rag.answering import GeneratedComposer
from tests.test_generated import QUESTION, retriever, scripted
from ui.app import build_app

DRAFT = (
    "Councils must issue a final EHC plan within 20 weeks of the request [1]. "
    "In 2023, 75% were late [1]. "
    "In 2023, 50.3% of plans were issued within that time [1]."
)


def _respond(app):
    return next(f.fn for f in app.fns.values() if f.name == "respond")


def test_the_chat_streams_checked_sentences_then_the_sources():
    backend = retriever()
    app = build_app(
        lambda q, **f: rag.answer(q, retriever=backend, **f),
        stream_fn=lambda q, **f: rag.answer_stream(
            q, retriever=backend, composer=GeneratedComposer(scripted(DRAFT)), **f
        ),
    )
    updates = list(_respond(app)(QUESTION, [], []))
    replies = [u[0][-1]["content"] for u in updates]
    assert replies[0].endswith("request [1].")  # the first checked sentence, alone
    assert all("75%" not in r for r in replies)
    assert "50.3%" in replies[-1] and "A computer model wrote this" in replies[-1]
    sources = updates[-1][1]
    assert "is supported by: “In 2023, 50.3% of plans were issued within that time.”" in sources
    assert all(u[2] == "" for u in updates)  # the question box is cleared at once


def test_without_a_stream_the_chat_answers_in_one_step():
    backend = retriever()
    app = build_app(lambda q, **f: rag.answer(q, retriever=backend, **f))
    updates = list(_respond(app)(QUESTION, [], []))
    assert len(updates) == 1 and "[1]" in updates[0][0][-1]["content"]
