"""Pure formatting of answers and sources for the browser. Everything from a user or
the corpus is HTML-escaped here, so markup in a question or an answer shows as text."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from rag import Answer, Citation, Source
from rag.ingest import references


def _esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def escape_text(text: str) -> str:
    """Markup in chat text shown as text; Markdown (no <, >, &) keeps working."""
    return html.escape(text, quote=False)


_MARKUP = re.compile(r"(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")


def format_plain(answer: Answer) -> str:
    """The answer as plain text to paste into a letter: the reply, then each citation
    with minister, department, date, UIN and the official link."""
    lines = [_MARKUP.sub("", answer.text).strip()]
    if answer.citations:
        lines.append("\nSources:")
    for c in answer.citations:
        s = c.source
        known = [s.title]
        if s.answered_by or s.department:
            known.append(
                " ".join(
                    x for x in (s.answered_by, f"({s.department})" if s.department else "") if x
                )
            )
        known += [x for x in (s.date_label, f"UIN {s.uin}" if s.uin else "", s.url or "") if x]
        lines.append(f"[{c.n}] " + ", ".join(known))
    return "\n".join(lines)


def share_link(question: str) -> str:
    """A link that opens the app and asks ``question`` again."""
    return f"?q={quote(question)}"


def format_answer(answer: Answer) -> str:
    """The chat message: the answer's Markdown with any markup in it neutralised, and
    each [n] a link to source n in the sources panel (which opens it there)."""
    cited = {c.n for c in answer.citations}
    return _MARKER.sub(
        lambda m: (
            f"[[{m.group(1)}]](#source-{m.group(1)})"  # the link reads "[n]"
            if int(m.group(1)) in cited
            else m.group(0)
        ),
        escape_text(answer.text),
    )


_MARKER = re.compile(r"\[(\d+)\](?!\()")


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


def _supports(answer: Answer, c: Citation) -> str:
    """For a written reply: each of its sentences that cites ``c``, and the sentence of
    this answer that supports it, word for word."""
    rows = [
        f"<li>“{_esc(s.sentence)}”<br>is supported by: “{_esc(s.quote)}”</li>"
        for s in answer.supports
        if s.n == c.n
    ]
    if not rows:
        return ""
    return "<p><strong>What the reply says, and the quote behind it:</strong></p><ul>" + (
        "".join(rows) + "</ul>"
    )


def format_sources(answer: Answer) -> str:
    """The sources panel: a link to ask again, then one expandable block per citation
    (HTML, all text escaped)."""
    link = ""
    if answer.question is not None:
        href = _esc(share_link(answer.question.text))
        link = f'<p class="share"><a href="{href}">Link to this question</a></p>'
    if not answer.citations:
        return link + '<p class="no-sources">No sources cited.</p>'
    blocks = [link] if link else []
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
            also = f"<p>The same answer was also given on {_esc(dates)}.</p>"
        answer_html = "".join(f"<p>{_esc(p)}</p>" for p in s.answer_text.split("\n\n"))
        quoted = _supports(answer, c) or f"<p><strong>Quoted:</strong> “{_esc(c.quote)}”</p>"
        blocks.append(
            f'<details class="source" id="source-{c.n}"><summary>{_esc(citation_line(c))}'
            f"</summary>"
            f"<p>{link}</p>{kind}{flag}{also}"
            f"{quoted}"
            f"<h4>Question</h4><p>{_esc(s.question_text)}</p>"
            f"<h4>Answer</h4>{answer_html}{_original(s)}</details>"
        )
    return "\n".join(blocks)
