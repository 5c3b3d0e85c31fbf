"""The command line mirrors the Python API: a command a public function, examples in --help."""

import csv
import json

import pytest

from rag.cli import main
from rag.search import set_default_retriever
from tests.conftest import CalibratedRetriever


@pytest.fixture
def cli_index(retriever):
    """The commands answer from the fixture index (calibrated like the real model)."""
    set_default_retriever(CalibratedRetriever(retriever))
    yield
    set_default_retriever(None)


@pytest.mark.parametrize("command", ["build", "fetch", "retrieve", "answer", "commitments", "eval"])
def test_every_command_shows_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit:
        main([command, "--help"])
    assert exit.value.code == 0
    assert f"example:\n  python -m rag {command}" in capsys.readouterr().out


def test_answer_prints_the_answer_and_its_sources(cli_index, capsys):
    assert main(["answer", "Must the council arrange free travel to school?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Catherine McKinnell, an education minister, said on 7 October 2024: “")
    assert (
        "\n[1] Schools: Transport · Catherine McKinnell (Department for Education) · "
        "7 October 2024 · UIN 5508\n" in out
    )
    assert "not recorded" not in out


def test_answer_json_has_the_citations_with_full_sources(cli_index, capsys):
    assert main(["answer", "school transport for disabled children", "--json"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["abstained"] is False
    assert reply["understood_as"] == "school transport for disabled children"
    first = reply["citations"][0]
    assert first["n"] == 1
    assert all(part in first["source"]["answer_text"] for part in first["quote"].split(" … "))
    assert first["source"]["url"].startswith("https://questions-statements.parliament.uk/")


def test_retrieve_and_its_old_name_ask_print_the_same_passages(cli_index, capsys):
    main(["retrieve", "VAT on private school fees", "-k", "2", "--department", "Treasury"])
    printed = capsys.readouterr().out
    main(["ask", "VAT on private school fees", "-k", "2", "--department", "Treasury"])
    assert capsys.readouterr().out == printed
    assert printed.startswith("[1] Private Education: Fees and Charges")
    main(["retrieve", "VAT on private school fees", "-k", "1", "--json"])
    [passage] = json.loads(capsys.readouterr().out)
    assert passage["source"]["uin"] == "3993" and passage["text"]


def test_commitments_writes_csv(cli_index, tmp_path, capsys):
    out = tmp_path / "promises.csv"
    assert main(["commitments", "VAT on private school fees", "--csv", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and any("Tax Information and Impact Note" in r["commitment"] for r in rows)
    assert f"to {out}" in capsys.readouterr().err


def test_bad_input_is_one_line_on_stderr(cli_index, capsys):
    assert main(["retrieve", "transport", "--date-from", "31/07/2024"]) == 2
    err = capsys.readouterr().err
    assert err == "error: date_from must be an ISO date like 2024-07-31, got '31/07/2024'\n"


def test_ui_help_names_host_and_port(capsys):
    from ui.__main__ import main as ui_main

    with pytest.raises(SystemExit):
        ui_main(["--help"])
    out = capsys.readouterr().out
    assert "--host" in out and "--port" in out and "example:" in out
