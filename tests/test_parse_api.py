import json
from datetime import date
from pathlib import Path

import pytest

from rag.errors import CorpusError
from rag.ingest.parse_api import parse_record, records_in

FIXTURES = Path(__file__).parent / "fixtures"


def _record(**overrides):
    line = (FIXTURES / "corpus" / "questions.jsonl").read_text().splitlines()[1]
    record = json.loads(line)
    record.update(overrides)
    return record


def test_full_record_becomes_a_source():
    s = parse_record(_record(), "q.jsonl:2")
    assert s.key == "wq:1729022"
    assert s.id == 1729022
    assert s.uin == "5508"
    assert s.answered_by == "Catherine McKinnell"
    assert s.department == "Department for Education"
    assert s.date_answered == date(2024, 10, 7)
    assert s.url == (
        "https://questions-statements.parliament.uk/written-questions/detail/"
        f"{s.date_tabled.isoformat()}/5508"
    )
    assert "<p>" not in s.answer_text
    assert s.truncated is False


def test_record_without_metadata_is_kept_and_links_to_the_api():
    s = parse_record(
        _record(uin=None, dateTabled=None, dateAnswered=None, answeringMember=None, heading=None),
        "q.jsonl:2",
    )
    assert s.uin is None and s.date_answered is None and s.answered_by is None
    assert (
        s.url
        == "https://questions-statements-api.parliament.uk/api/writtenquestions/questions/1729022"
    )
    assert s.title.startswith("To ask the Secretary of State")


def test_single_question_response_shape_is_accepted():
    payload = json.loads((FIXTURES / "single_question_response.json").read_text())
    [record] = list(records_in(payload, "single.json"))
    assert parse_record(record, "single.json").id == 1679416


def test_list_response_is_accepted_and_cut_answers_are_marked():
    payload = json.loads((FIXTURES / "list_response.json").read_text())
    sources = [parse_record(r, "list.json") for r in records_in(payload, "list.json")]
    assert len(sources) == payload["totalResults"] == 20
    cut = [s for s in sources if s.answer_text.endswith("...")]
    assert cut and all(s.truncated for s in cut)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"questionText": None}, r"q\.jsonl:7: missing field 'questionText'"),
        ({"answerText": ""}, r"q\.jsonl:7: missing field 'answerText'"),
        ({"id": "abc"}, r"q\.jsonl:7: field 'id' must be a number"),
        (
            {"dateAnswered": "7th October"},
            r"q\.jsonl:7: field 'dateAnswered' has an unknown date format",
        ),
    ],
)
def test_unusable_records_name_the_line_and_the_problem(overrides, message):
    with pytest.raises(CorpusError, match=message):
        parse_record(_record(**overrides), "q.jsonl:7")
