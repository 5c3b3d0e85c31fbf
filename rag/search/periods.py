"""The period a question gives to what ministers said: "said in 2018", "written answers
between 2016 and 2019", "since the 2024 election"; never years in a family's story
("out of school since 2024") or in the data asked about ("plans issued in 2023")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from rag.text import MONTH, month_end, month_number

Period = tuple[date | None, date | None]  # first and last answer date; None is open

# General elections, for "since the 2024 election"; the latest is "the election".
ELECTIONS = {
    2015: date(2015, 5, 7),
    2017: date(2017, 6, 8),
    2019: date(2019, 12, 12),
    2024: date(2024, 7, 4),
}
_YEAR = r"(?:19|20)\d\d(?![\d/])"  # not "2024/25", an academic or financial year
_SINCE_ELECTION = re.compile(
    r"\bsince\s+the\s+(?:(?P<year>(?:19|20)\d\d)\s+)?(?:general\s+)?election\b", re.IGNORECASE
)
_SINCE_MONTH = re.compile(
    rf"\bsince\s+(?:(?P<month>{MONTH})\s+)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)
_RANGE = (
    rf"(?P<kind>in|during|between|from|before|since)\s+(?:the\s+years?\s+)?"
    rf"(?:(?P<sm>{MONTH})\s+)?(?P<sy>{_YEAR})"
    rf"(?:\s*(?:and|to|until|-|–)\s*(?:(?P<em>{MONTH})\s+)?(?P<ey>{_YEAR}))?"
)
_SINCE_ELECTED = rf"since\s+the\s+(?:{_YEAR}\s+)?(?:general\s+)?election"
# The period must qualify what ministers said ("said in 2018", "written answers between
# 2016 and 2019"), not the family's story ("out of school since 2024") or the data asked
# about ("EHC plans issued in 2023").
# "announced" only in a question about what was announced ("What has the Department for
# Education announced in 2025?", "Did ministers announce in 2024 ..."): in "how many of
# the places (the government) announced in March 2025 ..." the date is the places', the
# data asked about.
_ANNOUNCED = r"(?:^|(?<=[.?!]\s))(?:what|which|has|have|did)\s+(?:[\w'-]+\s+){0,5}?announced?"
_SAID = (
    rf"\b(?:say|says|said|state|stated|told|answered|promised|committed\s+to|{_ANNOUNCED}"
    r"|(?:written\s+)?answers?(?:\s+(?:given|published|made))?)"
    r"(?:\s+(?:in|to)\s+(?:written\s+answers|parliament|the\s+commons|mps))?"
)
_SAID_IN_PERIOD = re.compile(
    rf"{_SAID}\s+(?:{_RANGE}|(?P<elected>{_SINCE_ELECTED}))\b", re.IGNORECASE
)
_PERIOD_THEN_SAID = re.compile(rf"(?:^|(?<=[.?!])\s+){_RANGE},[^.?!]*{_SAID}\b", re.IGNORECASE)


def since_date(question: str) -> date | None:
    """The date a question's "since ..." names: an election, a month or a year."""
    m = _SINCE_ELECTION.search(question)
    if m:
        year = int(m.group("year")) if m.group("year") else max(ELECTIONS)
        return ELECTIONS.get(year)
    m = _SINCE_MONTH.search(question)
    if m:
        return date(int(m.group("year")), _month(m.group("month")) or 1, 1)
    return None


def without_since(question: str) -> str:
    """The question without its "since ..." phrase (what it is about, not when)."""
    return _SINCE_MONTH.sub(" ", _SINCE_ELECTION.sub(" ", question))


def asked_period(question: str) -> Period | None:
    """The answer dates a question limits itself to ("what did ministers say between 2016
    and 2019", "said in March 2025", "said since the 2024 election"), or None if it names
    no such period."""
    m = _SAID_IN_PERIOD.search(question) or _PERIOD_THEN_SAID.search(question)
    if not m:
        return None
    if m.groupdict().get("elected"):
        return since_date(m.group("elected")), None
    first = date(int(m.group("sy")), _month(m.group("sm")) or 1, 1)
    last_year = int(m.group("ey") or m.group("sy"))
    last_month = _month(m.group("em") or (None if m.group("ey") else m.group("sm"))) or 12
    last = month_end(last_year, last_month)
    kind = m.group("kind").lower()
    if kind == "before":
        return None, first - timedelta(days=1)
    if kind in ("since", "from") and not m.group("ey"):
        return first, None
    return min(first, last), max(first, last)


def _month(name: str | None) -> int | None:
    return month_number(name) if name else None
