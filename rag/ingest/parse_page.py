"""Parse a written answer saved as a web page's text (the Parliament site's layout).

The layout, line by line: the heading; "(asked on 17th July 2023) - View Source";
"Question to the Department for Education:"; the question; "Answered by", a
"NAME Portrait" line, the name and the role; "This question was answered on
25th July 2023"; then the answer's paragraphs. Page furniture after the answer
(a loading message, "Share") is ignored.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from rag.errors import CorpusError
from rag.source import Source

_ASKED = re.compile(r"^\(?asked on (?P<date>[^)]+?)\)?(?:\s*-.*)?$", re.IGNORECASE)
_QUESTION_TO = re.compile(r"^Question to (?:the )?(?P<dept>.+?):\s*$", re.IGNORECASE)
_ANSWERED_ON = re.compile(r"^(?:This question was )?answered on (?P<date>.+?)\.?$", re.IGNORECASE)
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;)\]\"'’”]$")
# A trailing line this short, without sentence punctuation, is page furniture.
_FURNITURE_MAX_WORDS = 5


def parse_page_text(text: str, path: Path) -> Source:
    lines = text.splitlines()
    heading = _first_nonblank(lines, 0, path)
    i_asked = _find(lines, _ASKED, path, "an '(asked on DATE)' line")
    i_dept = _find(lines, _QUESTION_TO, path, "a 'Question to the Department for ...:' line")
    i_by = _find_exact(lines, "answered by", path)
    i_on = _find(lines, _ANSWERED_ON, path, "a 'This question was answered on DATE' line")

    asked = _parse_date(_match(lines, i_asked, _ASKED)["date"], path, i_asked)
    answered = _parse_date(_match(lines, i_on, _ANSWERED_ON)["date"], path, i_on)
    department = _match(lines, i_dept, _QUESTION_TO)["dept"].strip()
    if not department.lower().startswith(("department", "ministry", "cabinet", "hm ")):
        department = department[:1].upper() + department[1:]
    question = _join_paragraphs(lines[i_dept + 1 : i_by])
    minister = _minister_name(lines[i_by + 1 : i_on])
    answer_paras = _drop_furniture(_split_paragraphs(lines[i_on + 1 :]))
    if not question:
        raise CorpusError(f"{path}:{i_dept + 2}: no question text after the 'Question to' line")
    if not answer_paras:
        raise CorpusError(f"{path}:{i_on + 2}: no answer text after the 'answered on' line")
    return Source(
        key=f"page:{path.stem}",
        id=None,
        uin=None,
        heading=heading,
        question_text=question,
        answer_text="\n\n".join(answer_paras),
        answered_by=minister,
        department=department,
        date_tabled=asked,
        date_answered=answered,
        origin=f"{path}:1",
    )


def _first_nonblank(lines: list[str], start: int, path: Path) -> str:
    for line in lines[start:]:
        if line.strip():
            return line.strip()
    raise CorpusError(f"{path}:1: the file is empty")


def _find(lines: list[str], pattern: re.Pattern[str], path: Path, what: str) -> int:
    for i, line in enumerate(lines):
        if pattern.match(line.strip()):
            return i
    raise CorpusError(f"{path}: not a saved written answer page: no {what} found")


def _find_exact(lines: list[str], text: str, path: Path) -> int:
    for i, line in enumerate(lines):
        if line.strip().lower() == text:
            return i
    raise CorpusError(f"{path}: not a saved written answer page: no 'Answered by' line found")


def _match(lines: list[str], i: int, pattern: re.Pattern[str]) -> dict[str, str]:
    found = pattern.match(lines[i].strip())
    assert found is not None  # _find located this line with the same pattern
    return found.groupdict()


def _parse_date(text: str, path: Path, i: int) -> date:
    cleaned = _ORDINAL.sub("", text.strip())
    for fmt in ("%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise CorpusError(
        f"{path}:{i + 1}: unknown date format {text.strip()!r} (expected e.g. '17th July 2023')"
    )


def _minister_name(block: list[str]) -> str | None:
    names = [
        line.strip()
        for line in block
        if line.strip() and not line.strip().lower().endswith(" portrait")
    ]
    return names[0] if names else None


def _split_paragraphs(lines: list[str]) -> list[str]:
    paras: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paras.append(" ".join(current))
            current = []
    return paras


def _join_paragraphs(lines: list[str]) -> str:
    return "\n\n".join(_split_paragraphs(lines))


def _drop_furniture(paras: list[str]) -> list[str]:
    while paras and _is_furniture(paras[-1]) and len(paras) > 1:
        paras = paras[:-1]
    return paras


def _is_furniture(para: str) -> bool:
    return len(para.split()) <= _FURNITURE_MAX_WORDS and not _SENTENCE_END.search(para)
