"""Merge API records into the corpus folder's JSON-lines files, by id, atomically.

Nothing held is lost: lines that do not parse are kept as they are, a record is
only replaced by a newer or fuller version of itself, and a corrected answer
keeps the text it corrects in ``originalAnswerText`` (as the API does). Each
file is rewritten through a temporary file and a rename, so a crash leaves the
previous file whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.atomic import write_text_atomically
from rag.ingest.parse_api import LIST_VIEW_CUT, answer_looks_cut

CORPUS_KEY = "_corpus"


@dataclass
class MergeReport:
    before: int = 0
    after: int = 0
    added: int = 0
    updated: int = 0
    corrected: int = 0
    unchanged: int = 0
    written: list[Path] = field(default_factory=list)


@dataclass
class _File:
    path: Path
    lines: list[str]
    changed: bool = False


def answer_cut(record: dict[str, Any]) -> bool:
    """True when the record's answer is the API list view's 255 characters plus "..."."""
    return answer_looks_cut(str(record.get("answerText") or ""))


def list_view_cut(record: dict[str, Any]) -> bool:
    """True when the list view may have cut the answer or the question (cut at 255, no mark)."""
    return answer_cut(record) or len(str(record.get("questionText") or "")) == LIST_VIEW_CUT


def marked_truncated(record: dict[str, Any]) -> bool:
    """A held record whose answer is known or seen to be cut short."""
    return answer_cut(record) or bool((record.get(CORPUS_KEY) or {}).get("answerTruncated"))


def missing_fields(record: dict[str, Any]) -> bool:
    """A held record without its UIN, its dates or the answering minister's name."""
    member = record.get("answeringMember")
    named = isinstance(member, dict) and bool(member.get("name"))
    return not (
        record.get("uin") and record.get("dateTabled") and record.get("dateAnswered") and named
    )


def held_records(corpus_dir: Path) -> dict[int, dict[str, Any]]:
    """Every record with an id in the folder's ``*.jsonl`` files."""
    return {rid: rec for f in _read_files(corpus_dir) for rid, rec, _ in _records(f)}


def merge_records(corpus_dir: Path, records: list[dict[str, Any]], target: Path) -> MergeReport:
    """Merge ``records`` into the files that hold their ids; new ones go to ``target``."""
    files = _read_files(corpus_dir)
    where: dict[int, tuple[_File, int]] = {}
    held: dict[int, dict[str, Any]] = {}
    for f in files:
        for rid, rec, n in _records(f):
            where[rid], held[rid] = (f, n), rec
    report = MergeReport(before=len(held))
    new_file = next((f for f in files if f.path == target), None)
    if new_file is None:
        new_file = _File(target, [])
        files.append(new_file)
    for record in records:
        rid = int(record["id"])
        if rid not in held:
            where[rid] = (new_file, len(new_file.lines))
            new_file.lines.append(_dump(record))
            new_file.changed = True
            held[rid] = record
            report.added += 1
            continue
        merged = _merge(held[rid], record)
        if merged is None:
            report.unchanged += 1
            continue
        f, n = where[rid]
        f.lines[n] = _dump(merged)
        f.changed = True
        report.updated += 1
        report.corrected += bool(merged.get("answerIsCorrection")) and not held[rid].get(
            "answerIsCorrection"
        )
        held[rid] = merged
    for f in files:
        if f.changed:
            write_text_atomically(f.path, "".join(line + "\n" for line in f.lines))
            report.written.append(f.path)
    report.after = len(held)
    return report


def _merge(held: dict[str, Any], fetched: dict[str, Any]) -> dict[str, Any] | None:
    """The record to keep, or None when ``fetched`` adds nothing to ``held``."""
    if _comparable(held) == _comparable(fetched):
        return None
    if (held.get("dateAnswered") or "") > (fetched.get("dateAnswered") or ""):
        return None  # an older version of an answer we already hold
    # What the fetched version lacks, the held one may know: nothing held is lost.
    merged = {**held, **{k: v for k, v in fetched.items() if v not in (None, "")}}
    if answer_cut(fetched) and not answer_cut(held):
        for key in ("questionText", "answerText"):
            merged[key] = held.get(key)
    old_answer = str(held.get("answerText") or "")
    if (
        fetched.get("answerIsCorrection")
        and not fetched.get("originalAnswerText")
        and old_answer
        and old_answer != fetched.get("answerText")
        and not answer_cut(held)
    ):
        merged["originalAnswerText"] = old_answer
    meta = {**(held.get(CORPUS_KEY) or {}), **(fetched.get(CORPUS_KEY) or {})}
    meta["answerTruncated"] = answer_cut(merged)
    merged[CORPUS_KEY] = meta
    if _comparable(held) == _comparable(merged):
        return None
    return merged


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A record without our own bookkeeping, for "did anything change?"."""
    return {k: v for k, v in record.items() if k != CORPUS_KEY}


def _read_files(corpus_dir: Path) -> list[_File]:
    return [
        _File(path, path.read_text(encoding="utf-8").splitlines())
        for path in sorted(corpus_dir.glob("*.jsonl"))
    ]


def _records(f: _File) -> list[tuple[int, dict[str, Any], int]]:
    out = []
    for n, line in enumerate(f.lines):
        record = _parse(line)
        if record is not None:
            out.append((int(record["id"]), record, n))
    return out


def _parse(line: str) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
        int(record["id"])
    except (ValueError, TypeError, KeyError):
        return None  # kept verbatim; the build reports it with its line number
    return record if isinstance(record, dict) else None


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)
