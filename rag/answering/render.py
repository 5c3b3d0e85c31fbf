"""The product's own words around the quotes: the lead, attributions, notes, the advice
line and the abstention. Everything a reader sees that is not quoted is written here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rag.advocacy import CommitmentGroup
from rag.answering.results import Citation
from rag.search import MAX_QUESTION_CHARS, Correction, Filters, Question, Term
from rag.source import Source
from rag.text import format_date

ADVICE_NOTE = (
    "_This is what ministers have told Parliament, not legal advice. For advice about "
    "your child, contact your local SEND information, advice and support service "
    "(SENDIASS) or IPSEA._"
)


def quoted_answer(citations: Sequence[Citation]) -> str:
    """The extractive answer: the first answer quoted in a sentence, the others listed."""
    first = citations[0]
    dates = [c.source.date_answered for c in citations if c.source.date_answered]
    count = len(citations)
    lead = (
        f"Ministers have answered written questions on this ({count} answer"
        f"{'s' if count > 1 else ''} cited below{_span(dates)}). "
        f"{attribution(first.source)} said: “{first.quote}” [1]"
    )
    lines = [lead + _type_note(first)]
    if first.also_answered:
        lines.append(_also(first))
    for c in citations[1:]:
        lines.append(f"- {attribution(c.source)}: “{c.quote}” [{c.n}]{_type_note(c)}")
        if c.also_answered:
            lines.append(f"  {_also(c)}")
    return "\n\n".join(lines[:1]) + ("\n\n" + "\n".join(lines[1:]) if lines[1:] else "")


def commitment_list(groups: Sequence[CommitmentGroup], since: date | None) -> str:
    """A dated list of promises, newest first, the n-th cited as [n]."""
    lines = []
    for n, g in enumerate(groups, 1):
        latest = g.latest
        repeated = (
            f" _(made in {g.answers} answers, first on {format_date(g.first_date)})_"
            if g.answers > 1 and g.first_date
            else ""
        )
        lines.append(f"- {attribution(latest.source)}: “{latest.sentence}” [{n}]{repeated}")
    after = f" since {format_date(since)}" if since else ""
    lead = (
        f"Ministers made these commitments in written answers{after}, newest first "
        f"({len(groups)} shown; the Commitments tab lists them all):"
    )
    return lead + "\n\n" + "\n".join(lines)


def _type_note(c: Citation) -> str:
    """Says so when a cited answer does not itself answer the question."""
    if c.source.answer_type in ("substantive", "corrected"):
        return ""
    return f" _({c.answer_type})_"


def attribution(source: Source) -> str:
    """ "Catherine McKinnell (Department for Education) on 7 October 2024"."""
    who = source.answered_by or "a minister"
    if source.department:
        who += f" ({source.department})"
    when = f" on {format_date(source.date_answered)}" if source.date_answered else ""
    text = f"{who}{when}"
    return text[:1].upper() + text[1:]


def _also(c: Citation) -> str:
    n = len(c.also_answered)
    return (
        f"_The same answer was also given in {n} other written answer{'s' if n > 1 else ''} "
        f"({_span(list(c.also_answered), prefix='')}); this is the latest._"
    )


def _span(dates: list[date], prefix: str = ", ") -> str:
    if not dates:
        return ""
    lo, hi = min(dates), max(dates)
    if lo == hi:
        return f"{prefix}{format_date(lo)}"
    return f"{prefix}{format_date(lo)} to {format_date(hi)}"


def reading_notes(question: Question) -> str:
    """What the reader should know about how their question was read, or ""."""
    note = ""
    if question.shortened:
        note += (
            f"*Your question was {question.typed_length:,} characters long; I searched with its "
            f"first and last {MAX_QUESTION_CHARS // 2:,} characters.*\n\n"
        )
    if question.corrections:
        note += _read_as(question.corrections)
    return note


def _read_as(corrections: Sequence[Correction]) -> str:
    pairs = ", ".join(f"“{c.typed}” as “{c.corrected}”" for c in corrections)
    return f"*I read {pairs}.*\n\n"


def terms_explained(terms: Sequence[Term]) -> str:
    if not terms:
        return ""
    return "\n\n**What the terms mean**\n" + "\n".join(
        f"- **{t.term}**: {t.explain}" for t in terms
    )


def abstention_text(reason: str | None = None) -> str:
    because = f" ({reason})" if reason else ""
    return (
        "I could not find a ministerial answer about that in the written questions I hold"
        f"{because}. These are answers ministers gave to MPs' written questions about special "
        "educational needs and disabilities in England. Try asking about the policy "
        "behind your question (for example “EHC plan deadlines”, “school transport for "
        "children with SEND”, “exclusions of pupils with SEND”), or remove a filter.\n\n"
        + ADVICE_NOTE
    )


def outside_dates_held(filters: Filters, held: Sequence[date]) -> str | None:
    """Why nothing came back, when the period searched holds no answer."""
    start, end = filters.date_from, filters.date_to
    if (start is None and end is None) or not held:
        return None
    if end is None:
        asked = f"since {format_date(start)}"  # type: ignore[arg-type]
    elif start is None:
        asked = f"up to {format_date(end)}"
    else:
        asked = f"from {format_date(start)} to {format_date(end)}"
    return (
        f"you asked about answers given {asked}; the answers I hold were given between "
        f"{format_date(min(held))} and {format_date(max(held))}"
    )
