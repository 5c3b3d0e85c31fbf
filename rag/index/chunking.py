"""Split answers into paragraph- and sentence-aware chunks with stable ids.

Each chunk embeds its question's heading and question text as context, so a
passage deep in a long answer still matches questions about its topic. Ids
are ``<source key>:<position>:<content hash>``: unchanged text keeps its id,
so a rebuild re-embeds only what changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from rag.source import Source
from rag.text import paragraphs, sentences

# all-MiniLM-L6-v2 reads at most 256 word pieces (roughly 1,000 characters);
# context plus chunk stays under that so nothing is silently cut off.
MAX_CHUNK_CHARS = 600
MAX_CONTEXT_CHARS = 320


@dataclass(frozen=True)
class Chunk:
    id: str
    source_key: str
    position: int
    passage: str  # the answer text this chunk stands for, verbatim
    text: str  # what is embedded: context plus passage
    metadata: dict[str, Any]


def chunk_source(source: Source) -> list[Chunk]:
    """The chunks of one source, in reading order."""
    context = _context(source)
    pieces = split_text(source.answer_text) or [source.answer_text]
    chunks = []
    for position, piece in enumerate(pieces):
        text = f"{context}\n{piece}"
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        chunks.append(
            Chunk(
                id=f"{source.key}:{position}:{digest}",
                source_key=source.key,
                position=position,
                passage=piece,
                text=text,
                metadata={**source_metadata(source), "position": position, "passage": piece},
            )
        )
    return chunks


def split_text(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[str]:
    """Pack whole paragraphs up to ``max_chars``; split longer ones at sentences."""
    units: list[str] = []
    for para in paragraphs(text):
        units.extend([para] if len(para) <= max_chars else _packed_sentences(para, max_chars))
    chunks: list[str] = []
    for unit in units:
        if chunks and len(chunks[-1]) + 2 + len(unit) <= max_chars:
            chunks[-1] = f"{chunks[-1]}\n\n{unit}"
        else:
            chunks.append(unit)
    return chunks


def _packed_sentences(para: str, max_chars: int) -> list[str]:
    out: list[str] = []
    for sentence in sentences(para):
        if out and len(out[-1]) + 1 + len(sentence) <= max_chars:
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return [s for s in out if s]


def _context(source: Source) -> str:
    question = source.question_text
    if len(question) > MAX_CONTEXT_CHARS:
        question = question[:MAX_CONTEXT_CHARS].rsplit(" ", 1)[0] + " ..."
    return f"{source.heading}: {question}" if source.heading else question


def source_metadata(source: Source) -> dict[str, Any]:
    """Scalar metadata for Chroma (which stores no None): '' or 0 stand for unknown."""
    answered = source.date_answered
    span = source.date_span
    return {
        "source_key": source.key,
        "source_id": source.id if source.id is not None else -1,
        "uin": source.uin or "",
        "heading": source.heading or "",
        "house": source.house or "",
        "asked_by": source.asked_by or "",
        "answered_by": source.answered_by or "",
        "department": source.department or "",
        "date_tabled": source.date_tabled.isoformat() if source.date_tabled else "",
        "date_answered": answered.isoformat() if answered else "",
        "date_first_num": int(span[0].strftime("%Y%m%d")) if span else 0,
        "date_last_num": int(span[1].strftime("%Y%m%d")) if span else 0,
        "date_precision": source.date_precision or "",
        "truncated": source.truncated,
        "is_holding": source.is_holding,
        "answer_type": source.answer_type,
        "url": source.url or "",
    }
