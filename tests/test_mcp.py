"""AI assistants reach the corpus through MCP: the app's tools, over HTTP, through the
MCP Python client."""

import asyncio
import json

import pytest
from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client

TOOLS = {"search_written_answers", "get_written_answer", "list_commitments"}


def _session(url, work):
    async def run():
        async with (
            streamablehttp_client(f"{url}gradio_api/mcp/") as (read, write, _),
            ClientSession(read, write) as session,
        ):
            await session.initialize()
            return await work(session)

    return asyncio.run(run())


def _call(url, tool, arguments):
    async def work(session):
        return await session.call_tool(tool, arguments)

    return _session(url, work)


def _data(result):
    assert not result.isError, result.content
    return json.loads(result.content[0].text)


def test_the_tools_are_listed_with_descriptions_an_assistant_can_act_on(ui_server):
    async def work(session):
        return (await session.list_tools()).tools

    tools = {t.name: t for t in _session(ui_server, work)}
    assert set(tools) >= TOOLS
    search = tools["search_written_answers"]
    assert "written answers" in search.description
    assert {
        "query",
        "minister",
        "department",
        "date_from",
        "date_to",
        "answer_type",
        "limit",
    } <= set(search.inputSchema["properties"])


def test_search_returns_records_with_ids_links_and_passages(ui_server):
    found = _data(
        _call(
            ui_server,
            "search_written_answers",
            {"query": "VAT on private school fees", "department": "Treasury", "limit": 2},
        )
    )
    assert found[0]["uin"] == "3993" and found[0]["department"] == "Treasury"
    assert found[0]["url"].startswith("https://questions-statements.parliament.uk/")
    assert found[0]["passage"] and found[0]["id"] == 1727040


def test_one_answer_by_id_or_uin(ui_server):
    by_uin = _data(_call(ui_server, "get_written_answer", {"id_or_uin": "5508"}))
    by_id = _data(_call(ui_server, "get_written_answer", {"id_or_uin": "1729022"}))
    assert by_uin == by_id and by_uin[0]["answered_by"] == "Catherine McKinnell"


def test_commitments_as_rows(ui_server):
    rows = _data(_call(ui_server, "list_commitments", {"topic": "VAT on private school fees"}))
    assert any("Tax Information and Impact Note" in r["commitment"] for r in rows)
    note = next(r for r in rows if "Tax Information and Impact Note" in r["commitment"])
    assert note["concrete"] == "yes" and note["deliverable"] == "a Tax Information and Impact Note"
    assert note["status"] == "no later mention" and note["evidence"] == []
    general = _data(
        _call(ui_server, "list_commitments", {"status": "delivered", "concrete_only": True})
    )
    assert general == []  # nothing in the fixture answers says a promise was delivered


@pytest.mark.parametrize(
    ("tool", "arguments", "message"),
    [
        (
            "get_written_answer",
            {"id_or_uin": "999999"},
            "no written answer with id or UIN '999999'",
        ),
        (
            "search_written_answers",
            {"query": "transport", "date_from": "31/07/2024"},
            "date_from must be an ISO date",
        ),
        (
            "search_written_answers",
            {"query": "transport", "limit": 99},
            "limit must be between 1 and 20",
        ),
    ],
)
def test_bad_arguments_get_a_clear_error_not_a_stack_trace(ui_server, tool, arguments, message):
    result = _call(ui_server, tool, arguments)
    text = " ".join(c.text for c in result.content)
    assert result.isError and message in text and "Traceback" not in text
