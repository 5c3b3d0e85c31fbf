"""Commitments as rows, for tables, CSV and the app's API."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from rag.advocacy.promises import CommitmentGroup

CSV_COLUMNS = [
    "latest_date",
    "latest_date_precision",
    "first_date",
    "first_date_precision",
    "answers",
    "kind",
    "concrete",
    "deliverable",
    "promised_time",
    "status",
    "status_date",
    "evidence",
    "commitment",
    "minister",
    "department",
    "uin",
    "link",
    "all_links",
]


def to_rows(groups: Iterable[CommitmentGroup]) -> list[dict[str, str | int]]:
    """One row per promise, for tables and CSV."""
    rows = []
    for g in groups:
        s = g.latest.source
        rows.append(
            {
                "latest_date": g.last_date.isoformat() if g.last_date else "",
                "latest_date_precision": g.latest.date_precision or "",
                "first_date": g.first_date.isoformat() if g.first_date else "",
                "first_date_precision": g.first.date_precision or "",
                "answers": g.answers,
                "kind": g.latest.kind,
                "concrete": "yes" if g.first.concrete else "no",
                "deliverable": g.first.details.deliverable,
                "promised_time": g.first.details.promised_time,
                "status": g.status,
                "status_date": _iso(g.evidence[-1].date) if g.evidence else "",
                "evidence": evidence_text(g),
                "commitment": g.latest.sentence,
                "minister": s.answered_by or "",
                "department": s.department or "",
                "uin": s.uin or "",
                "link": s.url or "",
                "all_links": " ".join(dict.fromkeys(c.source.url or "" for c in g.made)).strip(),
            }
        )
    return rows


def evidence_text(g: CommitmentGroup) -> str:
    """The later answers' sentences, oldest first: "2025-03-12 delivered: “...” (link)"."""
    return " | ".join(
        f"{_iso(e.answered)} {e.status}: “{e.sentence}” ({e.source.url or e.source.key})"
        for e in g.evidence
    )


def evidence_rows(g: CommitmentGroup) -> list[dict[str, str]]:
    """The evidence as records, for JSON (the app's API and the MCP tools)."""
    return [
        {
            "status": e.status,
            "date": _iso(e.date),
            "answered": _iso(e.answered),
            "sentence": e.sentence,
            "minister": e.source.answered_by or "",
            "department": e.source.department or "",
            "uin": e.source.uin or "",
            "link": e.source.url or "",
        }
        for e in g.evidence
    ]


def to_records(groups: Iterable[CommitmentGroup]) -> list[dict[str, Any]]:
    """Rows as in the CSV, with the evidence as records rather than one text cell: for
    JSON (the app's API and the tools for AI assistants)."""
    listed = list(groups)
    return [
        row | {"evidence": evidence_rows(g)} for row, g in zip(to_rows(listed), listed, strict=True)
    ]


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def to_csv(groups: Iterable[CommitmentGroup]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(to_rows(groups))
    return out.getvalue()
