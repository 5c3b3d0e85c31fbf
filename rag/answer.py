"""Grounded answers: short plain-English text whose every quote is checked.

The default composer needs no language model: it quotes the sentences of the
retrieved answers that best match the question, verbatim, each with its [n].
A composer built on a chat model can be plugged in through :class:`Composer`;
its output passes the same checks (:func:`check_answer`) before anyone sees it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from rag.answer_types import ANSWER_TYPES, answer_similarity, newer_first
from rag.errors import RagError
from rag.filters import Filters
from rag.glossary import Term, explain_terms
from rag.lexical import GENERIC_TERMS, terms
from rag.query import asked_period, prepare_query, shortened_note, since_date, without_since
from rag.quotes import SentencePicker, quote_in_source
from rag.retrieve import Retriever, commitments, default_retriever
from rag.scope import out_of_scope_reason
from rag.source import Passage, Source
from rag.spelling import Correction
from vectorstore import Embedder

ABSTAIN_BELOW = 0.45  # top confidence under which nothing retrieved is trusted
RELATIVE_MARGIN = 0.3  # cite sources whose confidence is within this of the best
CLOSE = 0.05  # confidences this close are equally relevant: the newer answer goes first
MAX_COMMITMENTS = 6
ASKS_FOR_COMMITMENTS = re.compile(
    r"\b(?:committed|commit|commitments?|promised?|promises|pledged?|pledges)\b"
    r"(?:\s+to)?",
    re.IGNORECASE,
)
_COMMITMENT_FILTERS = ("answered_by", "department", "date_from", "date_to")
MAX_CITED = 3
LEAD_SENTENCES = 3  # quoted from the first cited answer
SENTENCES_PER_SOURCE = 2  # from each of the others
SAME_ANSWER = 85  # rapidfuzz ratio at which two answers say the same thing
ADVICE_NOTE = (
    "_This is what ministers have told Parliament, not legal advice. For advice about "
    "your child, contact your local SEND information, advice and support service "
    "(SENDIASS) or IPSEA._"
)
_MARKER = re.compile(r"\[(\d+)\]")


class UngroundedAnswerError(RagError):
    """A composed answer cites something it may not (the message says what)."""


@dataclass(frozen=True)
class Citation:
    n: int
    source: Source
    quote: str
    also_answered: tuple[date, ...] = ()  # dates of near-identical answers
    refers_to: tuple[Source, ...] = ()  # the answers this one points to, where held

    @property
    def answer_type(self) -> str:
        """What kind of answer the cited record is, as a user is shown it."""
        return ANSWER_TYPES.get(self.source.answer_type, self.source.answer_type)


@dataclass(frozen=True)
class Answer:
    text: str
    citations: list[Citation]
    abstained: bool
    passages: list[Passage] = field(default_factory=list)
    glossary: list[Term] = field(default_factory=list)


@dataclass(frozen=True)
class Draft:
    """What a composer returns: Markdown with [n] markers and the citations they point to."""

    text: str
    citations: list[Citation]


class Composer(Protocol):
    def compose(self, question: str, passages: Sequence[Passage]) -> Draft: ...


def check_answer(draft: Draft, retrieved: Sequence[Passage]) -> None:
    """Raise :class:`UngroundedAnswerError` unless every citation and marker is grounded."""
    allowed = {p.source.key for p in retrieved}
    numbers = {c.n for c in draft.citations}
    for c in draft.citations:
        if c.source.key not in allowed:
            raise UngroundedAnswerError(f"[{c.n}] cites {c.source.key}, which was not retrieved")
        if not quote_in_source(c.quote, c.source):
            raise UngroundedAnswerError(
                f"[{c.n}] quote is not in {c.source.key}'s answer: {c.quote[:80]!r}"
            )
    used = {int(m) for m in _MARKER.findall(draft.text)}
    if used - numbers:
        raise UngroundedAnswerError(f"markers without a citation: {sorted(used - numbers)}")
    if numbers - used:
        raise UngroundedAnswerError(f"citations never referred to: {sorted(numbers - used)}")


class ExtractiveComposer:
    """Quotes the sentences of each cited answer that best answer the question (see
    rag.quotes); invents nothing. With no embedder, the question's words choose them."""

    def __init__(self, embedder: Embedder | None = None) -> None:
        self.embedder = embedder

    def compose(self, question: str, passages: Sequence[Passage]) -> Draft:
        prepared = prepare_query(question)
        asked = terms(prepared.reduced) - GENERIC_TERMS
        wanted = {t: 2.0 for t in asked} | {
            t: 1.0 for t in terms(prepared.lexical) - GENERIC_TERMS - asked
        }
        picker = SentencePicker(prepared.reduced, wanted, self.embedder)
        citations: list[Citation] = []
        for n, (passage, twins) in enumerate(_choose_sources(passages), 1):
            many = LEAD_SENTENCES if n == 1 else SENTENCES_PER_SOURCE
            quote = picker.quote(passage.source, passage.text, many)
            citations.append(Citation(n, passage.source, quote, twins))
        return Draft(_render(citations), citations)


def _choose_sources(passages: Sequence[Passage]) -> list[tuple[Passage, tuple[date, ...]]]:
    """The sources to cite: the newest of each group of near-identical answers,
    with the dates of the others in its group."""
    best = passages[0].score
    groups: list[list[Passage]] = []
    for p in passages:
        if p.score < max(ABSTAIN_BELOW, best - RELATIVE_MARGIN):
            continue
        twin = next(
            (g for g in groups if answer_similarity(g[0].source, p.source) >= SAME_ANSWER), None
        )
        if twin is not None:
            twin.append(p)
        elif len(groups) < MAX_CITED:
            groups.append([p])
    out = []
    for group in groups:
        newest = max(group, key=lambda q: q.source.date_answered or date.min)
        others = {q.source.date_answered for q in group if q is not newest}
        out.append((newest, tuple(sorted(d for d in others if d is not None))))
    return _latest_first_when_close(out)


def _latest_first_when_close(
    chosen: list[tuple[Passage, tuple[date, ...]]],
) -> list[tuple[Passage, tuple[date, ...]]]:
    """Where two cited answers are about as relevant, the latest position comes first."""
    return newer_first(
        chosen,
        lambda c: c[0].source.date_answered,
        lambda a, b: abs(a[0].score - b[0].score) <= CLOSE,
    )


def _render(citations: list[Citation]) -> str:
    first = citations[0]
    dates = [c.source.date_answered for c in citations if c.source.date_answered]
    span = _span(dates)
    count = len(citations)
    lead = (
        f"Ministers have answered written questions on this ({count} answer"
        f"{'s' if count > 1 else ''} cited below{span}). "
        f"{_attribution(first.source)} said: “{first.quote}” [1]"
    )
    lines = [lead + _type_note(first)]
    if first.also_answered:
        lines.append(_also(first))
    for c in citations[1:]:
        lines.append(f"- {_attribution(c.source)}: “{c.quote}” [{c.n}]{_type_note(c)}")
        if c.also_answered:
            lines.append(f"  {_also(c)}")
    return "\n\n".join(lines[:1]) + ("\n\n" + "\n".join(lines[1:]) if lines[1:] else "")


def _type_note(c: Citation) -> str:
    """Says so when a cited answer does not itself answer the question."""
    if c.source.answer_type in ("substantive", "corrected"):
        return ""
    return f" _({c.answer_type})_"


def _attribution(source: Source) -> str:
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


def format_date(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def _commitments_draft(
    question: str, backend: Retriever, filters: Mapping[str, object]
) -> tuple[Draft | None, list[Passage]]:
    """A dated, cited list of what ministers committed to on the question's topic."""
    options = {k: v for k, v in filters.items() if k in _COMMITMENT_FILTERS and v is not None}
    since = since_date(question)
    if since and not options.get("date_from"):
        options["date_from"] = since
    topic = ASKS_FOR_COMMITMENTS.sub(" ", without_since(question))
    groups, seen = [], set()
    for g in commitments(topic, retriever=backend, **options):  # type: ignore[arg-type]
        if g.latest.source.key not in seen:  # one promise an answer: more answers shown
            seen.add(g.latest.source.key)
            groups.append(g)
        if len(groups) == MAX_COMMITMENTS:
            break
    if not groups:
        return None, []
    citations = []
    lines = []
    for n, g in enumerate(groups, 1):
        latest = g.latest
        others = sorted({c.date for c in g.made if c.date and c.date != latest.date})
        citations.append(Citation(n, latest.source, latest.sentence, tuple(others)))
        repeated = (
            f" _(made in {g.answers} answers, first on {format_date(g.first_date)})_"
            if g.answers > 1 and g.first_date
            else ""
        )
        lines.append(f"- {_attribution(latest.source)}: “{latest.sentence}” [{n}]{repeated}")
    after = f" since {format_date(since)}" if since and options.get("date_from") == since else ""
    lead = (
        f"Ministers made these commitments in written answers{after}, newest first "
        f"({len(groups)} shown; the Commitments tab lists them all):"
    )
    cited = [Passage(text=c.quote, score=1.0, source=c.source) for c in citations]
    return Draft(lead + "\n\n" + "\n".join(lines), citations), cited


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


def answer(
    question: str,
    *,
    k: int = 8,
    retriever: Retriever | None = None,
    composer: Composer | None = None,
    **filters: object,
) -> Answer:
    """A grounded answer to ``question``; ``filters`` are those of :func:`rag.retrieve`."""
    backend = retriever or default_retriever()
    passages = backend.retrieve(question, k=k, **filters)  # type: ignore[arg-type]
    note = shortened_note(question)
    # The retriever's confidence already counts the scope rules; checking them here too
    # keeps a plugged-in retriever from answering what written answers cannot.
    reason = out_of_scope_reason(question)
    if reason or not passages or passages[0].score < ABSTAIN_BELOW:
        if not passages and not reason:
            reason = _outside_dates_held(question, filters, backend)
        return Answer(note + abstention_text(reason), [], True, passages)
    draft = None
    if ASKS_FOR_COMMITMENTS.search(question):
        draft, cited = _commitments_draft(question, backend, filters)
        passages = [*passages, *cited]
    speller = getattr(backend, "speller", None)
    asked, corrected = speller.correct(question) if speller else (question, [])
    if corrected:
        note += _read_as(corrected)
    if draft is None:  # quotes are chosen by the words as corrected
        store = getattr(backend, "store", None)
        composer = composer or ExtractiveComposer(getattr(store, "embedder", None))
        draft = composer.compose(asked, passages)
    check_answer(draft, passages)
    held: Mapping[str, Source] = getattr(backend, "sources", {})
    citations = [
        replace(c, refers_to=tuple(held[k] for k in c.source.refers_to if k in held))
        for c in draft.citations
    ]
    explained = _terms_to_explain(citations)
    text = note + draft.text
    if explained:
        text += "\n\n**What the terms mean**\n" + "\n".join(
            f"- **{t.term}**: {t.explain}" for t in explained
        )
    text += "\n\n" + ADVICE_NOTE
    return Answer(text, citations, False, passages, explained)


def _read_as(corrections: Sequence[Correction]) -> str:
    pairs = ", ".join(f"“{c.typed}” as “{c.corrected}”" for c in corrections)
    return f"*I read {pairs}.*\n\n"


def _outside_dates_held(
    question: str, filters: Mapping[str, object], backend: Retriever
) -> str | None:
    """Why nothing came back, when the period asked for holds no answer."""
    period = Filters.parse(date_from=filters.get("date_from"), date_to=filters.get("date_to"))
    start, end = period.date_from, period.date_to
    if start is None and end is None:
        start, end = asked_period(question) or (None, None)
    held = [s.date_answered for s in getattr(backend, "sources", {}).values() if s.date_answered]
    if (start is None and end is None) or not held:
        return None
    if end is None:
        asked = f"since {format_date(start)}"
    elif start is None:
        asked = f"up to {format_date(end)}"
    else:
        asked = f"from {format_date(start)} to {format_date(end)}"
    return (
        f"you asked about answers given {asked}; the answers I hold were given between "
        f"{format_date(min(held))} and {format_date(max(held))}"
    )


def _terms_to_explain(citations: Sequence[Citation]) -> list[Term]:
    seen: dict[str, Term] = {}
    for c in citations:
        for t in explain_terms(c.quote):
            seen.setdefault(t.term, t)
    return list(seen.values())
