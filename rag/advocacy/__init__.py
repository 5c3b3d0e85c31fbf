"""Advocacy: what ministers committed to, found, grouped and exported."""

from rag.advocacy.details import PromiseDetails, deadline, details
from rag.advocacy.export import (
    CSV_COLUMNS,
    evidence_rows,
    evidence_text,
    to_csv,
    to_records,
    to_rows,
)
from rag.advocacy.finder import commitments, commitments_in
from rag.advocacy.follow_through import classify, trace
from rag.advocacy.promises import (
    NO_LATER_MENTION,
    STATUSES,
    Commitment,
    CommitmentGroup,
    Evidence,
    extract,
    group,
    kind_of,
)

__all__ = [
    "CSV_COLUMNS",
    "NO_LATER_MENTION",
    "STATUSES",
    "Evidence",
    "PromiseDetails",
    "classify",
    "deadline",
    "details",
    "evidence_rows",
    "evidence_text",
    "trace",
    "Commitment",
    "CommitmentGroup",
    "commitments",
    "commitments_in",
    "extract",
    "group",
    "kind_of",
    "to_csv",
    "to_records",
    "to_rows",
]
