"""The app launched on 127.0.0.1 and used through its documented API."""

import pytest
from gradio_client import Client


@pytest.fixture(scope="module")
def client(ui_server):
    return Client(ui_server, verbose=False)


def test_chat_endpoint_answers_with_citations(client):
    text, sources = client.predict(
        "how long do councils take to arrange home to school transport", api_name="/chat"
    )
    assert "[1]" in text and "Not legal advice" in text
    assert "UIN 5508" in sources and "Official record" in sources


def test_filters_pass_through_the_endpoint(client):
    text, sources = client.predict(
        "VAT on private school fees", "Any", "Treasury", "", "", "Any", api_name="/chat"
    )
    assert "UIN 3993" in sources and "UIN 5508" not in sources


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("   ",), "I could not answer that: the query is empty"),
        (("transport", "Any", "Any", "31/07/2024"), "date_from must be an ISO date"),
    ],
)
def test_bad_input_gets_a_friendly_message_not_a_traceback(client, args, expected):
    text, sources = client.predict(*args, api_name="/chat")
    assert expected in text
    assert "Traceback" not in text and sources == ""


def test_answer_type_filter_passes_through_the_endpoint(client):
    text, sources = client.predict(
        "tax credits universal credit",
        "Any",
        "Any",
        "",
        "",
        "Any",
        "holding answer",
        api_name="/chat",
    )
    assert "Answer type:</strong> holding answer" in sources
    assert "substantive answer" not in sources


def test_commitments_endpoint_returns_dated_cited_rows(client):
    result = client.predict("VAT on private school fees", "Any", "", "", api_name="/commitments")
    rows = result["commitments"]
    assert rows and "newest first" in result["summary"]
    assert {"latest_date", "commitment", "minister", "link", "status", "evidence"} <= set(rows[0])
    assert any("Tax Information and Impact Note" in r["commitment"] for r in rows)
    bad = client.predict("x", "Any", "2024-13-01", "", api_name="/commitments")
    assert bad["commitments"] == [] and "date_from must be an ISO date" in bad["summary"]


def test_chat_endpoint_takes_the_conversation_so_far(client):
    first = "Does the council have to arrange free school transport for my disabled son?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": "..."}]
    text, sources = client.predict(
        "And once he turns 16?", "Any", "Any", "", "", "Any", "Any", history, api_name="/chat"
    )
    assert text.startswith(f"*I took this as: “{first} And once he turns 16?”*")
    assert "Special Educational Needs: Transport" in sources  # the post-16 answer
    alone, _ = client.predict("And once he turns 16?", api_name="/chat")
    assert "I took this as" not in alone
