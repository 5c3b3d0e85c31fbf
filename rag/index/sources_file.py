"""The sources file written beside the index: every Source, for citations and BM25."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from rag.atomic import write_text_atomically
from rag.errors import IndexNotReadyError
from rag.source import Source

SOURCES_FILE = "sources.json"
_DATE_FIELDS = ("date_tabled", "date_answered")


def write_sources(folder: Path, sources: list[Source]) -> None:
    rows = [s.as_dict() for s in sources]
    write_text_atomically(folder / SOURCES_FILE, json.dumps(rows, ensure_ascii=False))


def read_sources(folder: Path) -> dict[str, Source]:
    path = folder / SOURCES_FILE
    if not path.exists():
        raise IndexNotReadyError(f"no index at {folder}: build it with `python -m rag build`")
    try:
        rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise IndexNotReadyError(
            f"{path} is damaged ({e.msg}): rebuild with `python -m rag build --rebuild`"
        ) from e
    out = {}
    for row in rows:
        for f in _DATE_FIELDS:
            row[f] = date.fromisoformat(row[f]) if row[f] else None
        row["refers_to"] = tuple(row.get("refers_to") or ())
        row.pop("url", None)  # derived from the other fields
        out[row["key"]] = Source(**row)
    return out
