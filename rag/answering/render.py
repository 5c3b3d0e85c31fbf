"""The product's own words around the quotes: the lead, attributions, notes, the advice
line and the abstention. Everything a reader sees that is not quoted is written here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rag.advocacy import CommitmentGroup
from rag.answering.grounding import ELISION
from rag.answering.results import Citation
from rag.search import MAX_QUESTION_CHARS, Correction, Filters, Question, Term, as_written
from rag.source import Source
from rag.text import format_date

ADVICE_NOTE = "_Not legal advice. For help with your child, ask SENDIASS or IPSEA._"
WRITTEN_NOTE = (
    "_A computer model wrote this from the answers cited. Each sentence was checked "
    "against them: see the quotes under Sources._"
)


def quoted_answer(citations: Sequence[Citation], shown: int | None = None) -> str:
    """The extractive answer: the best sentence first, saying who said it and when; then
    one line for each other answer cited, up to ``shown`` answers in all (at least the
    first); the rest are pointed to in the sources."""
    shown = len(citations) if shown is None else max(1, shown)
    first = citations[0]
    lines = [f"{said_by(first.source)}: “{first.quote}” [1]{_type_note(first)}"]
    if first.also_answered:
        lines.append(_also(first))
    quoted, rest = citations[1:shown], citations[shown:]
    if quoted:
        lines.append("More answers:")
    for c in quoted:
        lines.append(f"- {said_by(c.source)}: “{c.quote}” [{c.n}]{_type_note(c)}")
        if c.also_answered:
            lines.append(f"  {_also(c)}")
    head = [line for line in lines if not line.startswith(("-", "  "))]
    items = [line for line in lines if line.startswith(("-", "  "))]
    text = "\n\n".join(head) + ("\n" + "\n".join(items) if items else "")
    if rest:
        text += "\n\n_Also found: " + ", ".join(f"[{c.n}]" for c in rest) + " (see Sources)._"
    return text


def commitment_list(groups: Sequence[CommitmentGroup], since: date | None, first: int = 1) -> str:
    """A dated list of promises, newest first, cited from [first] on."""
    lines = []
    for n, g in enumerate(groups, first):
        latest = g.latest
        repeated = (
            f" _(said in {g.answers} answers, first on {format_date(g.first_date)})_"
            if g.answers > 1 and g.first_date
            else ""
        )
        lines.append(f"- {said_by(latest.source)}: “{latest.sentence}” [{n}]{repeated}")
    after = f" since {format_date(since)}" if since else ""
    lead = (
        f"Ministers made these promises in written answers{after}. The newest come first. "
        f"Here are {len(groups)}; the Commitments tab has them all."
    )
    return lead + "\n\n" + "\n".join(lines)


CLOSEST_ANSWER = "**The answer closest to your question**"


def _type_note(c: Citation) -> str:
    """Says so when a cited answer does not itself answer the question, and when the
    quote runs to the end of a record that holds only the start of its answer."""
    notes = [_TYPE_NOTE.get(c.source.answer_type), _cut_off(c)]
    return "".join(f" _({note})_" for note in notes if note)


def _cut_off(c: Citation) -> str | None:
    # the record, not the quote, stops mid-answer: "...and remai..." is the source's own end
    last = c.quote.rsplit(ELISION, 1)[-1].strip()
    if c.source.truncated and last and c.source.answer_text.rstrip().endswith(last[-40:]):
        return "the record holds only the start of this answer: the official link has it all"
    return None


# A department as a parent would name its minister; the sources panel gives the full name.
_MINISTER = {
    "Department for Education": "an education minister",
    "Department of Health and Social Care": "a health minister",
    "Department for Work and Pensions": "a work and pensions minister",
    "Ministry of Justice": "a justice minister",
    "Ministry of Housing, Communities and Local Government": "a local government minister",
    "Department for Levelling Up, Housing and Communities": "a local government minister",
    "Department for Transport": "a transport minister",
    "Treasury": "a Treasury minister",
    "Ministry of Defence": "a defence minister",
    "Women and Equalities": "an equalities minister",
    "Home Office": "a Home Office minister",
    "Cabinet Office": "a Cabinet Office minister",
    "Department for Environment, Food and Rural Affairs": "an environment minister",
    "Foreign, Commonwealth and Development Office": "a Foreign Office minister",
    "Department for Business and Trade": "a business minister",
    "Department for Energy Security and Net Zero": "an energy minister",
    "Department for Science, Innovation and Technology": "a science minister",
    "Department for Culture, Media and Sport": "a culture minister",
    "Northern Ireland Office": "a Northern Ireland minister",
    "Scotland Office": "a Scotland Office minister",
    "Wales Office": "a Wales Office minister",
    "Attorney General": "a law officer",
    "Prime Minister": "the Prime Minister",
    "Leader of the House": "the Leader of the House",
}
# What a cited answer that does not itself answer the question does instead.
_TYPE_NOTE = {
    "holding": "not a full answer yet",
    "refers_elsewhere": "this points to another answer",
    "not_held": "the department does not hold this information",
    "another_body": "they said another organisation is responsible",
}


def said_by(source: Source) -> str:
    """ "Catherine McKinnell, an education minister, said on 7 October 2024", or "A
    health minister said (asked in March 2025)"."""
    dept, name = source.department, source.answered_by
    role = _MINISTER.get(dept or "")
    if name:
        who = f"{name}, {role}," if role else (f"{name} ({dept})" if dept else name)
    else:
        who = role or (f"a minister ({dept})" if dept else "a minister")
        who = who[0].upper() + who[1:]
    return f"{who} said{_when(source)}"


def _when(source: Source) -> str:
    """When it was said, as far as known; the sources panel gives the full detail."""
    if source.date_answered:
        return f" on {format_date(source.date_answered)}"
    if source.date_tabled:
        return f" (asked on {format_date(source.date_tabled)})"
    span = source.date_span
    return f" (asked in {span[0]:%B %Y})" if span else ""


def _also(c: Citation) -> str:
    """When else the same answer was given (the one quoted is the newest). The dates are
    each record's best-known date, which is when it was asked where the answer date is
    not held: so they are given in brackets, not as the day it was said."""
    dates = list(c.also_answered)
    first, last = format_date(min(dates)), format_date(max(dates))
    times = "once more" if len(dates) == 1 else f"{len(dates)} more times"
    when = last if first == last else f"{first} to {last}"
    return f"_The same answer was also given {times} ({when})._"


def reading_notes(question: Question) -> str:
    """What the reader should know about how their question was read, or ""."""
    note = ""
    if question.follows_on:
        note += f"*I took this as: “{question.standalone}”*\n\n"
    if question.shortened:
        note += (
            f"*Your question was {question.typed_length:,} characters long. I searched with the "
            f"first and last {MAX_QUESTION_CHARS // 2:,}.*\n\n"
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
    return "\n\n**Words used here**\n" + "\n".join(f"- **{t.term}**: {t.explain}" for t in terms)


def not_mentioned(names: Sequence[str], *, below: bool = False) -> str | None:
    """What the question names that none of the answers found mentions (why they may not
    answer it), or None."""
    if not names:
        return None
    # the first few say it; a long story's every name would not
    names = [as_written(n) for n in names[:3]]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"None of the answers {'below' if below else 'I found'} mention {listed}."


def abstention_text(reason: str | None = None) -> str:
    because = f" {reason}" if reason else ""
    return (
        f"I could not find a ministerial answer about that.{because}\n\n"
        "I only know what ministers told MPs in written answers. They are about special "
        "needs and disabilities (SEND) in England. Try asking about the rules or plans "
        "behind your question, like “EHC plan deadlines” or “school transport for children "
        "with SEND”. "
        "Or take off a filter.\n\n" + ADVICE_NOTE
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
        f"You asked about answers given {asked}. The answers I have were given between "
        f"{format_date(min(held))} and {format_date(max(held))}."
    )
