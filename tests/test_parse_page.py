from datetime import date
from pathlib import Path

import pytest

from rag.errors import CorpusError
from rag.ingest.parse_page import parse_page_text

SEED = Path(__file__).parent / "fixtures" / "corpus" / "seed_page.txt"


def test_seed_page_fields():
    s = parse_page_text(SEED.read_text(), SEED)
    assert s.key == "page:seed_page"
    assert s.heading == "Special Educational Needs"
    assert s.department == "Department for Education"
    assert s.answered_by == "Claire Coutinho"
    assert s.date_tabled == date(2023, 7, 17)
    assert s.date_answered == date(2023, 7, 25)
    assert s.question_text.startswith("To ask the Secretary of State for Education, what steps")
    assert s.answer_text.startswith("The department is determined")
    assert len(s.answer_text.split("\n\n")) == 4


def test_page_furniture_after_the_answer_is_not_indexed():
    s = parse_page_text(SEED.read_text(), SEED)
    assert "Reticulating Splines" not in s.answer_text
    assert s.answer_text.endswith("to address weaknesses")


def test_bad_date_names_the_line():
    text = SEED.read_text().replace("25th July 2023", "the 25th of Julember")
    with pytest.raises(CorpusError, match=r"seed_page\.txt:\d+: unknown date format"):
        parse_page_text(text, SEED)


def test_text_that_is_not_an_answer_page_is_rejected():
    with pytest.raises(CorpusError, match=r"not a saved written answer page"):
        parse_page_text("Just some notes\n\nabout nothing.", Path("notes.txt"))
