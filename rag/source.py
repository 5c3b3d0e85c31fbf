"""The records the rest of the product works with: sources and retrieved passages."""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from rag.text import format_date

DatePrecision = Literal["day", "month"]

DETAIL_URL = "https://questions-statements.parliament.uk/written-questions/detail/{tabled}/{uin}"
API_URL = "https://questions-statements-api.parliament.uk/api/writtenquestions/questions/{id}"


@dataclass(frozen=True)
class Source:
    """One written question and its answer, from whichever format it came in.

    ``key`` identifies the record inside the product (``wq:<id>`` for API
    records, ``page:<file stem>`` for saved web pages); ``id`` is the API's
    numeric id where there is one.
    """

    key: str
    id: int | None
    uin: str | None
    heading: str | None
    question_text: str
    answer_text: str
    house: str | None = None
    asked_by: str | None = None
    answered_by: str | None = None
    department: str | None = None
    date_tabled: date | None = None
    date_answered: date | None = None
    truncated: bool = False
    is_holding: bool = False
    is_correction: bool = False
    original_answer_text: str | None = None
    tabled_month: str | None = None
    origin: str = ""  # file:line the record was read from, for error messages
    answer_type: str = "substantive"  # a key of rag.answer_types.ANSWER_TYPES
    refers_to: tuple[str, ...] = ()  # keys of the answers this one points to, where held
    department_from_question: bool = False  # no department held: read from whom it asks
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def url(self) -> str | None:
        """The Parliament detail page when it can be built, else the API record."""
        if self.date_tabled and self.uin:
            return DETAIL_URL.format(tabled=self.date_tabled.isoformat(), uin=self.uin)
        if self.id is not None:
            return API_URL.format(id=self.id)
        return None

    @property
    def known_date(self) -> date | None:
        """The answer date; where it is not held, the tabled date, or failing that the
        first day of the tabled month (see ``date_precision``)."""
        if self.date_answered or self.date_tabled:
            return self.date_answered or self.date_tabled
        span = self.date_span
        return span[0] if span else None

    @property
    def date_precision(self) -> DatePrecision | None:
        """ "day" when the answer or tabled date is held, "month" for a tabled month."""
        if self.date_answered or self.date_tabled:
            return "day"
        return "month" if self.date_span else None

    @property
    def date_span(self) -> tuple[date, date] | None:
        """The first and last day the known date can be (one day, or a whole month)."""
        exact = self.date_answered or self.date_tabled
        if exact:
            return exact, exact
        try:
            year, month = (int(x) for x in (self.tabled_month or "").split("-"))
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        except ValueError:
            return None

    @property
    def recency(self) -> tuple[int, int, int, int]:
        """For "newest first": by month, then a known day above a month-only date, then
        by day; nothing known sorts oldest."""
        known = self.known_date
        if known is None:
            return (0, 0, 0, 0)
        return (known.year, known.month, int(self.date_precision == "day"), known.day)

    @property
    def date_label(self) -> str:
        """The known date as a reader is told it: "7 October 2024", or "tabled in March
        2025; answer date not held"; "" when nothing is known."""
        if self.date_answered:
            return format_date(self.date_answered)
        if self.date_tabled:
            return f"tabled on {format_date(self.date_tabled)}; answer date not held"
        span = self.date_span
        return f"tabled in {span[0]:%B %Y}; answer date not held" if span else ""

    @property
    def api_url(self) -> str | None:
        return API_URL.format(id=self.id) if self.id is not None else None

    @property
    def title(self) -> str:
        return self.heading or _first_words(self.question_text, 10)

    def as_dict(self) -> dict[str, Any]:
        """Every field, JSON-ready (dates as ISO strings), with the ``url``."""
        data = asdict(self)
        for name in ("date_tabled", "date_answered"):
            data[name] = data[name].isoformat() if data[name] else None
        data["refers_to"] = list(self.refers_to)
        data["url"] = self.url
        return data


@dataclass(frozen=True)
class Passage:
    """A retrieved passage: the best-matching text of one source, with its score.

    ``score`` is a confidence in [0, 1] that the source answers the query: its
    ``relevance`` (how close the passage's meaning is to the query's), lowered when the
    question asks what written answers never hold (see rag.scope);
    ``rank_score`` is what the ranking used (fused, not comparable across queries).
    """

    text: str
    score: float
    source: Source
    rank_score: float = 0.0
    chunk_id: str = ""
    relevance: float = -1.0  # left out: the same as ``score``

    def __post_init__(self) -> None:
        if self.relevance < 0:
            object.__setattr__(self, "relevance", self.score)

    def __repr__(self) -> str:
        s = self.source
        who = s.answered_by or "unknown minister"
        when = s.date_answered.isoformat() if s.date_answered else "date unknown"
        return (
            f"Passage(score={self.score:.2f}, uin={s.uin!r}, {s.title!r}, "
            f"answered by {who}, {when}, {s.url})"
        )


def _first_words(text: str, n: int) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")
