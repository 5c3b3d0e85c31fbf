"""Validated retrieval filters, turned into a Chroma ``where`` and a source predicate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from rag.errors import InvalidQueryError
from rag.ingest import ANSWER_TYPES
from rag.search.periods import Period
from rag.source import Source

HOUSES = ("Commons", "Lords")


@dataclass(frozen=True)
class Filters:
    """Filters on a source; names match case-insensitively, dates are on the answer date
    (where it is not held, on the tabled day or month: a month that overlaps matches)."""

    answered_by: str | None = None
    department: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    house: str | None = None
    answer_type: str | None = None  # a key of ANSWER_TYPES, e.g. "substantive"

    @classmethod
    def parse(
        cls,
        *,
        answered_by: str | None = None,
        department: str | None = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        house: str | None = None,
        answer_type: str | None = None,
    ) -> Filters:
        start = _date(date_from, "date_from")
        end = _date(date_to, "date_to")
        if start and end and start > end:
            raise InvalidQueryError(f"date_from {start} is after date_to {end}")
        if house and house.strip().title() not in HOUSES:
            raise InvalidQueryError(f"house must be one of {', '.join(HOUSES)}, got {house!r}")
        return cls(
            answered_by=_name(answered_by),
            department=_name(department),
            date_from=start,
            date_to=end,
            house=house.strip().title() if house and house.strip() else None,
            answer_type=_answer_type(answer_type),
        )

    @classmethod
    def of(cls, options: Mapping[str, Any]) -> Filters:
        """Filters from keyword options, as ``rag.retrieve(..., **options)`` takes them."""
        unknown = sorted(set(options) - set(FILTER_NAMES))
        if unknown:
            raise InvalidQueryError(
                f"unknown filter {unknown[0]!r}: the filters are {', '.join(FILTER_NAMES)}"
            )
        return cls.parse(**options)

    def within(self, period: Period | None) -> Filters:
        """These filters, limited to ``period`` when they name no dates themselves."""
        if period is None or self.date_from is not None or self.date_to is not None:
            return self
        return replace(self, date_from=period[0], date_to=period[1])

    @property
    def active(self) -> bool:
        return any(v is not None for v in vars(self).values())

    def matches(self, source: Source) -> bool:
        if self.answered_by and not _same(source.answered_by, self.answered_by):
            return False
        if self.department and not _dept_matches(source.department, self.department):
            return False
        if self.house and source.house != self.house:
            return False
        if self.answer_type and source.answer_type != self.answer_type:
            return False
        if self.date_from or self.date_to:
            # The answer date; where it is not held, the tabled day or month stands in.
            span = source.date_span
            if span is None:
                return False
            if self.date_from and span[1] < self.date_from:
                return False
            if self.date_to and span[0] > self.date_to:
                return False
        return True

    def chroma_where(self, sources: Iterable[Source]) -> dict[str, Any] | None:
        """A ``where`` clause; names resolve to the exact spellings held in the corpus."""
        if not self.active:
            return None
        clauses: list[dict[str, Any]] = []
        if self.answered_by:
            names = sorted(
                {s.answered_by for s in sources if _same(s.answered_by, self.answered_by)} - {None}
            )  # type: ignore[arg-type]
            clauses.append({"answered_by": {"$in": names or [self.answered_by]}})
        if self.department:
            depts = sorted(
                {s.department for s in sources if _dept_matches(s.department, self.department)}
                - {None}
            )  # type: ignore[arg-type]
            clauses.append({"department": {"$in": depts or [self.department]}})
        if self.house:
            clauses.append({"house": self.house})
        if self.answer_type:
            clauses.append({"answer_type": self.answer_type})
        if self.date_from:
            clauses.append({"date_last_num": {"$gte": _num(self.date_from)}})
        if self.date_to:
            clauses.append({"date_first_num": {"$lte": _num(self.date_to)}})
        if self.date_from is None and self.date_to is not None:
            clauses.append({"date_first_num": {"$gt": 0}})  # unknown dates are stored as 0
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _num(d: date) -> int:
    return int(d.strftime("%Y%m%d"))


def _same(value: str | None, wanted: str) -> bool:
    return value is not None and value.casefold() == wanted.casefold()


def _dept_matches(value: str | None, wanted: str) -> bool:
    """'Treasury' matches 'HM Treasury'; 'education' matches 'Department for Education'."""
    return value is not None and wanted.casefold() in value.casefold()


def _name(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidQueryError(f"expected a name, got {value!r}")
    return " ".join(value.split()) or None


def _answer_type(value: str | None) -> str | None:
    """A label key, or its shown name ("information not held"), case-insensitively."""
    if value is None or not str(value).strip():
        return None
    wanted = " ".join(str(value).replace("_", " ").split()).casefold()
    for key, shown in ANSWER_TYPES.items():
        if wanted in (key.replace("_", " "), shown.casefold()):
            return key
    raise InvalidQueryError(f"answer_type must be one of {', '.join(ANSWER_TYPES)}, got {value!r}")


def _date(value: str | date | None, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as e:
        raise InvalidQueryError(
            f"{field} must be an ISO date like 2024-07-31, got {value!r}"
        ) from e


FILTER_NAMES = tuple(f.name for f in fields(Filters))
NO_FILTERS = Filters()
