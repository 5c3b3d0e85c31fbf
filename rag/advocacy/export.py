"""Commitments as rows, for tables, CSV and the app's API."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from rag.advocacy.promises import CommitmentGroup

CSV_COLUMNS = [
    "latest_date",
    "latest_date_precision",
    "first_date",
    "first_date_precision",
    "answers",
    "kind",
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
                "commitment": g.latest.sentence,
                "minister": s.answered_by or "",
                "department": s.department or "",
                "uin": s.uin or "",
                "link": s.url or "",
                "all_links": " ".join(dict.fromkeys(c.source.url or "" for c in g.made)).strip(),
            }
        )
    return rows


def to_csv(groups: Iterable[CommitmentGroup]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(to_rows(groups))
    return out.getvalue()
