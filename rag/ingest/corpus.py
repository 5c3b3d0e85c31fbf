"""Load every document in the corpus folder into :class:`Source` records.

``*.jsonl`` holds one API record a line; ``*.json`` holds one API response
(single question or list); ``*.txt`` is a written answer saved as page text.
A bad line or file is reported with its location and skipped; the rest loads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rag.errors import CorpusError
from rag.ingest.answer_types import label_answers
from rag.ingest.parse_api import parse_record, records_in
from rag.ingest.parse_page import parse_page_text
from rag.source import Source

PATTERNS = ("*.jsonl", "*.json", "*.txt")


@dataclass(frozen=True)
class Skipped:
    origin: str
    reason: str


@dataclass
class CorpusLoad:
    sources: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    replaced: int = 0  # duplicate ids where a newer answer replaced an older one

    def by_key(self) -> dict[str, Source]:
        return {s.key: s for s in self.sources}


def load_corpus(folder: Path) -> CorpusLoad:
    """Read every corpus file below ``folder``; never raises for bad records."""
    if not folder.is_dir():
        raise CorpusError(f"{folder}: corpus folder not found (set RAG_CORPUS_DIR)")
    result = CorpusLoad()
    chosen: dict[str, Source] = {}
    files = sorted({p for pattern in PATTERNS for p in folder.rglob(pattern)})
    for path in files:
        for item in _read_file(path):
            if isinstance(item, Skipped):
                result.skipped.append(item)
                continue
            held = chosen.get(item.key)
            if held is not None:
                result.replaced += 1
                if _recency(item) < _recency(held):
                    continue
            chosen[item.key] = item
    result.sources = label_answers(chosen.values())
    return result


def _recency(source: Source) -> tuple[date, bool]:
    """Newer answers win; at equal dates a correction beats the original."""
    return (source.date_answered or date.min, source.is_correction)


def _read_file(path: Path) -> list[Source | Skipped]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return [Skipped(str(path), f"{path}: cannot read file ({e}); save it as UTF-8 text")]
    if path.suffix == ".txt":
        try:
            return [parse_page_text(text, path)]
        except CorpusError as e:
            return [Skipped(str(path), str(e))]
    if path.suffix == ".json":
        return _parse_json_document(text, str(path))
    out: list[Source | Skipped] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            out.extend(_parse_json_document(line, f"{path}:{n}"))
    return out


def _parse_json_document(text: str, origin: str) -> list[Source | Skipped]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as e:
        return [Skipped(origin, f"{origin}: invalid JSON ({e.msg} at column {e.colno})")]
    out: list[Source | Skipped] = []
    try:
        for record in records_in(payload, origin):
            try:
                out.append(parse_record(record, origin))
            except CorpusError as e:
                out.append(Skipped(origin, str(e)))
    except CorpusError as e:
        out.append(Skipped(origin, str(e)))
    return out
