import json
from pathlib import Path

from rag.ingest import load_corpus


def test_fixture_corpus_loads_both_formats(corpus_dir: Path):
    load = load_corpus(corpus_dir)
    keys = {s.key for s in load.sources}
    assert "page:seed_page" in keys and "wq:1729022" in keys
    assert len(load.sources) == 13
    assert load.skipped == []


def test_bad_lines_are_reported_with_file_and_line_and_the_rest_loads(corpus_dir: Path):
    good = json.loads((corpus_dir / "questions.jsonl").read_text().splitlines()[0])
    no_question = {**good, "id": 1, "questionText": None}
    bad_date = {**good, "id": 2, "dateAnswered": "last Tuesday"}
    lines = [
        "{not json",
        json.dumps(no_question),
        json.dumps(bad_date),
        json.dumps({**good, "id": 3}),
    ]
    (corpus_dir / "extra.jsonl").write_text("\n".join(lines) + "\n")
    load = load_corpus(corpus_dir)
    reasons = [s.reason for s in load.skipped]
    assert len(reasons) == 3
    assert reasons[0].startswith(f"{corpus_dir / 'extra.jsonl'}:1: invalid JSON")
    assert reasons[1] == f"{corpus_dir / 'extra.jsonl'}:2: missing field 'questionText'"
    assert (
        f"{corpus_dir / 'extra.jsonl'}:3: field 'dateAnswered' has an unknown date format"
        in reasons[2]
    )
    assert "wq:3" in {s.key for s in load.sources}
    assert len(load.sources) == 14


def test_duplicate_ids_keep_the_newest_answer(corpus_dir: Path):
    original = json.loads((corpus_dir / "questions.jsonl").read_text().splitlines()[1])
    corrected = {
        **original,
        "answerText": "<p>Corrected answer.</p>",
        "dateAnswered": "2025-01-01T00:00:00",
        "answerIsCorrection": True,
    }
    older = {
        **original,
        "answerText": "<p>Older answer.</p>",
        "dateAnswered": "2020-01-01T00:00:00",
    }
    (corpus_dir / "a_corrections.jsonl").write_text(json.dumps(corrected) + "\n")
    (corpus_dir / "z_older.jsonl").write_text(json.dumps(older) + "\n")
    load = load_corpus(corpus_dir)
    assert load.by_key()["wq:1729022"].answer_text == "Corrected answer."
    assert load.replaced == 2


def test_truncated_records_are_kept_and_marked(corpus_dir: Path):
    source = load_corpus(corpus_dir).by_key()["wq:1675113"]
    assert source.truncated is True
    assert source.answer_text.endswith("...")
