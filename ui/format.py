"""Pure formatting of answers and sources for the browser. Everything from a user or
the corpus is HTML-escaped here, so markup in a question or an answer shows as text."""

from __future__ import annotations

import html

from rag import Answer, Citation, Source
from rag.ingest import references


def _esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def escape_text(text: str) -> str:
    """Markup in chat text shown as text; Markdown (no <, >, &) keeps working."""
    return html.escape(text, quote=False)


def format_answer(answer: Answer) -> str:
    """The chat message: the answer's Markdown with any markup in it neutralised."""
    return escape_text(answer.text)


def citation_line(c: Citation) -> str:
    """One line a person can check: [n] heading, who asked, who answered, when, UIN;
    what is not known is left out."""
    s = c.source
    parts = [f"[{c.n}] {s.title}"]
    if s.asked_by:
        parts.append(f"asked by {s.asked_by}")
    if s.answered_by:
        parts.append(
            f"answered by {s.answered_by}" + (f" ({s.department})" if s.department else "")
        )
    elif s.department:
        parts.append(f"answered for the {s.department}")
    if s.date_answered:
        parts.append(f"on {s.date_answered.isoformat()}")
    elif s.date_label:
        parts.append(s.date_label)
    if s.uin:
        parts.append(f"UIN {s.uin}")
    if s.answer_type != "substantive":
        parts.append(c.answer_type)
    return " · ".join(parts)


def _original(s: Source) -> str:
    """A corrected answer shows the text it replaced."""
    if not (s.is_correction and s.original_answer_text):
        return ""
    paras = "".join(f"<p>{_esc(p)}</p>" for p in s.original_answer_text.split("\n\n"))
    return f'<h4>Original answer, before the correction</h4><div class="original">{paras}</div>'


def _references(c: Citation) -> str:
    """Where an answer only points to another: that answer, linked, or what it names."""
    if c.source.answer_type != "refers_elsewhere":
        return ""
    if c.refers_to:
        links = ", ".join(
            f'<a href="{_esc(r.url)}" target="_blank" rel="noopener noreferrer">{_esc(r.title)}'
            f"</a>{_esc(_reference_details(r))}"
            for r in c.refers_to
        )
        return f"<p><strong>It refers to:</strong> {links}</p>"
    named = ", ".join(
        f"Question {uin}" + (f" (answered {when.isoformat()})" if when else "")
        for uin, when in references(c.source.answer_text)
    )
    return (
        f"<p><strong>It refers to:</strong> {_esc(named or 'another answer')}, "
        "which this collection does not hold.</p>"
    )


def _reference_details(r: Source) -> str:
    known = [f"UIN {r.uin}" if r.uin else "", r.date_label]
    shown = ", ".join(k for k in known if k)
    return f" ({shown})" if shown else ""


def format_sources(answer: Answer) -> str:
    """The sources panel: one expandable block per citation (HTML, all text escaped)."""
    if not answer.citations:
        return '<p class="no-sources">No sources cited.</p>'
    blocks = []
    for c in answer.citations:
        s = c.source
        link = (
            f'<a href="{_esc(s.url)}" target="_blank" rel="noopener noreferrer">Official record</a>'
            if s.url
            else ""
        )
        flag = ""
        if s.truncated:
            flag = (
                '<p class="truncated"><strong>Only the first 255 characters of this answer '
                "are held.</strong> Read the full answer on the official record.</p>"
            )
        kind = f'<p class="answer-type"><strong>Answer type:</strong> {_esc(c.answer_type)}</p>'
        kind += _references(c)
        also = ""
        if c.also_answered:
            dates = ", ".join(d.isoformat() for d in c.also_answered)
            also = f"<p>Also said on {_esc(dates)} ({len(c.also_answered)} answers).</p>"
        answer_html = "".join(f"<p>{_esc(p)}</p>" for p in s.answer_text.split("\n\n"))
        blocks.append(
            f'<details class="source" id="source-{c.n}"><summary>{_esc(citation_line(c))}'
            f"</summary>"
            f"<p>{link}</p>{kind}{flag}{also}"
            f"<p><strong>Quoted:</strong> “{_esc(c.quote)}”</p>"
            f"<h4>Question</h4><p>{_esc(s.question_text)}</p>"
            f"<h4>Answer</h4>{answer_html}{_original(s)}</details>"
        )
    return "\n".join(blocks)
