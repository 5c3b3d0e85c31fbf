"""Feedback that stays on the machine: a rating and an optional comment on an answer,
kept in a local SQLite file (``RAG_FEEDBACK_FILE``) and never sent anywhere.

Each row holds the time, the question, the question as understood, the reply, the ids
it cited, the index build, the rating (+1 helpful, -1 not helpful, 0 a comment alone)
and the comment. SQLite in WAL mode with a busy timeout keeps concurrent writers safe.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rag.errors import RagError

COLUMNS = ("at", "question", "understood_as", "reply", "cited", "build", "rating", "comment")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    question TEXT NOT NULL,
    understood_as TEXT NOT NULL,
    reply TEXT NOT NULL,
    cited TEXT NOT NULL,
    build TEXT NOT NULL,
    rating INTEGER NOT NULL,
    comment TEXT NOT NULL
)
"""
_INSERT = f"INSERT INTO feedback ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
BUSY_TIMEOUT_S = 30.0


class FeedbackStore:
    """One SQLite file of feedback rows; a connection per call, so any thread may write."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as e:
            raise RagError(
                f"{self.path}: cannot keep feedback there ({e}); set RAG_FEEDBACK_FILE to a "
                "writable file, or RAG_FEEDBACK=off"
            ) from e

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection in one transaction (committed on success), closed after."""
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        try:
            with db:
                yield db
        finally:
            db.close()

    def record(
        self,
        *,
        question: str,
        understood_as: str,
        reply: str,
        cited: Sequence[str],
        build: str,
        rating: int,
        comment: str = "",
    ) -> int:
        """Store one rating or comment; returns its row id."""
        if rating not in (-1, 0, 1):
            raise RagError(f"rating must be -1, 0 or 1, got {rating!r}")
        row = (
            time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            question,
            understood_as,
            reply,
            json.dumps(list(cited)),
            build,
            rating,
            comment.strip(),
        )
        with self._connect() as db:
            cursor = db.execute(_INSERT, row)
            return int(cursor.lastrowid or 0)

    def rows(self) -> list[dict[str, Any]]:
        with self._connect() as db:
            found = db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()
        return [{**dict(zip(COLUMNS, r, strict=True)), "cited": json.loads(r[4])} for r in found]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in self.rows():
            writer.writerow({**row, "cited": " ".join(row["cited"])})
        return out.getvalue()

    def candidates(self) -> list[dict[str, Any]]:
        """Rated-down questions as candidate evaluation items: the question, no gold yet,
        and what the product said (for whoever writes the gold answers)."""
        seen: dict[str, dict[str, Any]] = {}
        for row in self.rows():
            if row["rating"] < 0 and row["question"] not in seen:
                seen[row["question"]] = {
                    "qid": f"F{len(seen) + 1:03d}",
                    "kind": "unknown",
                    "question": row["question"],
                    "filters": {},
                    "gold_ids": [],
                    "expect_abstain": False,
                    "notes": (
                        f"Rated down on {row['at']} (build {row['build']}). Understood as: "
                        f"{row['understood_as']}. Cited: {' '.join(row['cited']) or 'nothing'}. "
                        f"Comment: {row['comment'] or 'none'}. Gold answers still to find."
                    ),
                }
        return list(seen.values())
