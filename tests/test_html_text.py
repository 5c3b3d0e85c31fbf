import json
from pathlib import Path

from rag.ingest.html_text import html_to_text
from rag.text import paragraphs

CORPUS = Path(__file__).parent / "fixtures" / "corpus" / "questions.jsonl"


def _answer(record_id: int) -> str:
    for line in CORPUS.read_text().splitlines():
        record = json.loads(line)
        if record["id"] == record_id:
            return record["answerText"]
    raise KeyError(record_id)


def test_paragraphs_are_kept_and_empty_ones_dropped():
    assert html_to_text("<p>One.</p><p> </p><p>Two &amp; three.</p>") == "One.\n\nTwo & three."


def test_table_rows_stay_on_one_line_with_their_cells():
    text = html_to_text(_answer(1722030))  # a Justice answer with a table of appeals
    row = next(line for line in text.splitlines() if line.strip().startswith("2021"))
    assert row.split() == ["2021", "547", "367", "31", "48", "89", "1"]


def test_link_text_is_kept_and_markup_removed():
    text = html_to_text(_answer(1689873))  # "I refer my hon. Friend ... to Question 12002"
    assert text.startswith("I refer my hon. Friend")
    assert "12002" in text and "<a" not in text


def test_plain_text_passes_through():
    assert html_to_text("No markup here.  ") == "No markup here."
    assert paragraphs("a\n\n\nb") == ["a", "b"]
