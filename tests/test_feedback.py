"""Ratings and comments on answers: kept on the machine, safe under concurrent users,
exported, and turned into candidate evaluation questions."""

import csv
import io
import json
import threading

import pytest

from rag.config import Settings
from rag.errors import RagError
from rag.feedback import FeedbackStore

RECORD = {
    "question": "Can the council refuse the school bus?",
    "understood_as": "Can the council refuse the school bus?",
    "reply": "A minister said: “...” [1]",
    "cited": ["wq:1729022"],
    "build": "20261201T000000-abc",
}


def test_a_rating_and_a_comment_are_kept_and_exported(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite")
    store.record(rating=1, **RECORD)
    store.record(rating=-1, comment="  It did not answer about taxis. ", **RECORD)
    rows = store.rows()
    assert [(r["rating"], r["comment"], r["cited"]) for r in rows] == [
        (1, "", ["wq:1729022"]),
        (-1, "It did not answer about taxis.", ["wq:1729022"]),
    ]
    exported = list(csv.DictReader(io.StringIO(store.to_csv())))
    assert exported[1]["question"] == RECORD["question"] and exported[1]["cited"] == "wq:1729022"
    [candidate] = store.candidates()
    assert candidate["question"] == RECORD["question"] and candidate["gold_ids"] == []
    assert "It did not answer about taxis." in candidate["notes"]


def test_a_bad_rating_or_place_says_so(tmp_path):
    with pytest.raises(RagError, match="rating must be -1, 0 or 1, got 5"):
        FeedbackStore(tmp_path / "f.sqlite").record(rating=5, **RECORD)
    (tmp_path / "file").write_text("")
    with pytest.raises(RagError, match="cannot keep feedback there.*RAG_FEEDBACK=off"):
        FeedbackStore(tmp_path / "file" / "f.sqlite")


def test_twenty_users_rating_at_once_lose_nothing(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite")
    errors = []

    def user(n):
        try:
            for i in range(10):
                store.record(rating=1 if i % 2 else -1, comment=f"user {n} #{i}", **RECORD)
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len({r["comment"] for r in store.rows()}) == 200


def test_feedback_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("RAG_FEEDBACK", "off")
    assert Settings().feedback is False


def test_the_command_line_exports_csv_and_candidates(tmp_path, monkeypatch, capsys):
    from rag.cli import main
    from rag.config import get_settings

    path = tmp_path / "f.sqlite"
    FeedbackStore(path).record(rating=-1, **RECORD)
    monkeypatch.setenv("RAG_FEEDBACK_FILE", str(path))
    get_settings.cache_clear()
    try:
        out, wanted = tmp_path / "out.csv", tmp_path / "candidates.jsonl"
        assert main(["feedback", "--csv", str(out), "--candidates", str(wanted)]) == 0
    finally:
        get_settings.cache_clear()
    assert "wrote 1 ratings and comments" in capsys.readouterr().err
    assert json.loads(wanted.read_text())["question"] == RECORD["question"]
    assert out.read_text().startswith("at,question,understood_as,reply,cited,build,rating,comment")
