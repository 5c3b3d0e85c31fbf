"""Advocacy: what ministers committed to, found, grouped and exported."""

from rag.advocacy.export import CSV_COLUMNS, to_csv, to_rows
from rag.advocacy.finder import commitments, commitments_in
from rag.advocacy.promises import Commitment, CommitmentGroup, extract, group, kind_of

__all__ = [
    "CSV_COLUMNS",
    "Commitment",
    "CommitmentGroup",
    "commitments",
    "commitments_in",
    "extract",
    "group",
    "kind_of",
    "to_csv",
    "to_rows",
]
