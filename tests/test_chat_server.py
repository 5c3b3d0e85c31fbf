"""A real OpenAI-compatible chat server over HTTP on 127.0.0.1 (pytest-httpserver):
streamed and plain replies, HTTP 500 and a timeout, through the product's settings."""

import json
import time

import pytest
from werkzeug import Request, Response

from rag.answering import GeneratedComposer, answer, chat_model
from rag.answering.generated import FAILED_NOTE
from rag.config import get_settings
from rag.errors import RagError
from rag.search import understand
from tests.test_generated import QUESTION, retriever

REPLY = (
    "Councils must issue a final EHC plan within 20 weeks of the request [1]. "
    "In 2023, 50.3% of plans were issued within that time [1]."
)
PATH = "/v1/chat/completions"


def completion(request: Request, text: str = REPLY) -> Response:
    """What an OpenAI-compatible server sends: server-sent events when asked to stream."""
    body = json.loads(request.data)
    if not body.get("stream"):
        return Response(
            json.dumps(
                {
                    "id": "c1",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body["model"],
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
            ),
            content_type="application/json",
        )
    events = []
    for word in text.split(" "):
        chunk = {
            "id": "c1",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": body["model"],
            "choices": [{"index": 0, "delta": {"content": word + " "}, "finish_reason": None}],
        }
        events.append(f"data: {json.dumps(chunk)}\n\n")
    events.append("data: [DONE]\n\n")
    return Response("".join(events), content_type="text/event-stream")


def model(httpserver, **options):
    return chat_model("openai:test-model", base_url=httpserver.url_for("/v1"), **options)


def test_a_streamed_reply_from_a_server_is_checked_and_shown(httpserver):
    httpserver.expect_request(PATH, method="POST").respond_with_handler(completion)
    a = answer(QUESTION, retriever=retriever(), composer=GeneratedComposer(model(httpserver)))
    assert a.composer == "llm:test-model"
    assert "within 20 weeks of the request [1]." in a.text and len(a.supports) == 2
    sent = json.loads(httpserver.log[0][0].data)
    assert sent["stream"] is True
    prompt = sent["messages"][-1]["content"]
    assert "[1] <Catherine McKinnell, Department for Education, 7 October 2024>:" in prompt


def test_a_plain_reply_rewrites_a_follow_up(httpserver):
    def rewritten(request: Request) -> Response:
        return completion(request, "Can an academy exclude a pupil for his autism?")

    httpserver.expect_request(PATH, method="POST").respond_with_handler(rewritten)
    composer = GeneratedComposer(model(httpserver))
    history = [{"role": "user", "content": "Can my son's school exclude him for his autism?"}]
    q = understand("What about in academies?", history=history, rewrite=composer.rewrite)
    assert q.standalone == "Can an academy exclude a pupil for his autism?"


def test_http_500_gives_the_quoted_answer_and_a_note(httpserver):
    httpserver.expect_request(PATH, method="POST").respond_with_data("boom", status=500)
    a = answer(QUESTION, retriever=retriever(), composer=GeneratedComposer(model(httpserver)))
    assert a.composer == "extractive" and a.text.startswith(FAILED_NOTE.strip())
    assert len(httpserver.log) == 1  # no retries: the reader is waiting


def test_a_timeout_gives_the_quoted_answer_and_a_note(httpserver):
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return completion(request)

    httpserver.expect_request(PATH, method="POST").respond_with_handler(slow)
    started = time.monotonic()
    a = answer(
        QUESTION,
        retriever=retriever(),
        composer=GeneratedComposer(model(httpserver, timeout=0.3)),
    )
    assert a.composer == "extractive" and a.text.startswith(FAILED_NOTE.strip())
    assert time.monotonic() - started < 1.4


def test_the_settings_choose_the_model(httpserver, monkeypatch):
    httpserver.expect_request(PATH, method="POST").respond_with_handler(completion)
    monkeypatch.setenv("RAG_LLM", "openai:test-model")
    monkeypatch.setenv("RAG_LLM_BASE_URL", httpserver.url_for("/v1"))
    get_settings.cache_clear()
    try:
        a = answer(QUESTION, retriever=retriever())
    finally:
        get_settings.cache_clear()
    assert a.composer == "llm:test-model"


@pytest.mark.parametrize("spec", ["gpt-4", "openai:", "anthropic:claude"])
def test_a_bad_model_setting_says_what_is_allowed(spec):
    with pytest.raises(RagError, match="RAG_LLM must be 'none', 'openai:MODEL' or 'ollama:MODEL'"):
        chat_model(spec)
