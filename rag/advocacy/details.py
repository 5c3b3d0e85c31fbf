"""What a commitment promises: the deliverable, the promised time, and whether it is
concrete (an amount, a number, a date or a named deliverable) or general intent.

Read by rules from the sentence alone, verbatim: ``deliverable``, ``promised_time`` and
``amount`` are spans of the sentence, so a reader can find them in the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rag.text import MONTH, month_end, month_number

_SEASON = r"(?:spring|summer|autumn|winter)"
_YEAR = r"20\d\d(?:[/-]\d\d(?:\d\d)?)?"
# Times that say when: a season, month or year, with the words around it.
_DATED = (
    r"(?:(?:by|in|from|before|until|during|for|over|within|later\s+in|early\s+in|"
    r"(?:by|in|from|before)\s+the\s+(?:end|start|beginning)\s+of)\s+)?"
    r"(?:the\s+)?(?:early\s+|late\s+|the\s+end\s+of\s+)?"
    rf"(?:(?:{_SEASON}|{MONTH})(?![-\w])(?:\s+term)?(?:\s+(?:of\s+)?{_YEAR})?"
    rf"|{_YEAR}(?:\s+to\s+{_YEAR})?(?:\s+(?:financial|academic)\s+year)?)"
    rf"|between\s+{_YEAR}\s+and\s+{_YEAR}"
    r"|(?:later|early|earlier)\s+(?:this|next)\s+year|(?:early\s+|later\s+)?in\s+the\s+new\s+year"
    r"|(?:this|next)\s+(?:year|academic\s+year|spring|summer|autumn|winter)"
    r"|in\s+the\s+(?:coming|next)\s+(?:few\s+)?(?:weeks|months|year)"
    r"|(?:by|at)\s+the\s+(?:next\s+)?spending\s+review"
    r"|(?:by|before|until)\s+the\s+end\s+of\s+(?:the|this|next)\s+(?:year|term|parliament)"
    r"|(?:over|within|in|during)\s+the\s+(?:next|coming)\s+(?:\w+\s+){0,2}?(?:years|months|weeks)"
    r"|within\s+(?:\w+\s+)?(?:months|weeks)|(?:during|over\s+the\s+course\s+of|in)\s+this\s+parliament"
)
# Times that do not say when.
_VAGUE = (
    r"in\s+due\s+course|shortly|soon|in\s+the\s+near\s+future"
    r"|at\s+the\s+earliest\s+opportunity"
)
_TIME = re.compile(rf"\b(?:{_DATED})\b|\b(?:{_VAGUE})\b", re.IGNORECASE)
_VAGUE_TIME = re.compile(rf"^(?:{_VAGUE})$", re.IGNORECASE)
_MONEY = re.compile(
    r"£\s?\d[\d,.]*\s*(?:million|billion|bn|m|k)?\b(?:\s+(?:of|in|for|to)\s+[\w\s-]{3,60}?"
    r"(?=[,.;]|\s+(?:to|for|in|over|between|from|by|and|which|that|so|this|each)\b))?",
    re.IGNORECASE,
)
# A count of things (not a year, not a sum): "6,000 places", "a further 15", "to around 4,500".
_NUMBER = re.compile(
    r"(?<![£\d/.])(?<!level\s)(?<!Level\s)\b(?!20\d\d\b)\d[\d,]*(?:\.\d+)?\s+(?:new\s+|more\s+|additional\s+|extra\s+)?"
    r"(?:[a-z-]+\s+){0,2}?(?:places|schools|pupils|children|teachers|staff|hubs|centres|"
    r"colleges|settings|authorities|councils|projects|trusts|posts|hours|weeks|days|"
    r"internships|apprenticeships|clubs|families|people|psychologists|applications|per\s+cent)"
    r"|\b(?:to|a\s+further|an\s+additional|at\s+least)\s+(?:around\s+|about\s+)?\d[\d,]*\b"
    r"(?![/.]?\d|\s*(?:-|to\s+\d|years?\b))",
    re.IGNORECASE,
)
# Documents and laws, named as such: "a white paper", "the Children's Wellbeing and Schools Bill".
_DOCUMENT = (
    r"white\s+paper|green\s+paper|code\s+of\s+practice|bill|regulations|legislation|"
    r"statutory\s+instrument|strategy"
)
# Named deliverables: publications, laws, programmes and bodies.
_THING = (
    rf"{_DOCUMENT}|guidance|consultation|response|report|review|framework|standards|"
    r"toolkit|plan|act|programme|scheme|fund|pilots?|taskforce|guides|hubs|tribunal|"
    r"curriculum|qualifications?|survey|statistics|evaluation|methodology"
)
# Words inside a deliverable's name: never a verb or the start of a clause.
_NAME_WORD = (
    r"(?!(?:will|be|being|been|is|are|was|were|has|have|had|to|we|it|which|that|and|as|"
    r"our|their|its|this|these|not|does|do|in|on|of|for|at|by|with|from|through)\b)"
    r"[A-Za-z0-9’'()/-]+"
)
# A deliverable needs a word that names it: "the high needs national funding formula",
# "a formal consultation"; not "a framework" or "the curriculum".
_DELIVERABLE = re.compile(
    r"\b(?:(?:a|an|the|our|its|their|new|further|updated|revised|additional)\s+)"
    rf"(?:(?:{_NAME_WORD}\s+){{1,6}}?(?:{_THING})|(?:{_NAME_WORD}\s+){{0,6}}?(?:{_DOCUMENT}))"
    r"\b(?!\s+to\b|-)"
    rf"(?:\s+(?:on|for|of|into)\s+(?:{_NAME_WORD}\s+){{0,4}}?{_NAME_WORD}"
    r"(?=[,.;]|\s+(?:in|by|which|to|and|that|later|this|next|shortly|once|following)\b|$))?",
    re.IGNORECASE,
)
# What a delivery verb takes: "publish non-statutory guidance", "develop National
# Inclusion Standards", "deliver Young Futures Hubs".
_DELIVERED_THING = re.compile(
    r"\b(?:publish(?:ing)?|develop|introduce|launch|deliver|create|establish|set\s+up|"
    r"bring\s+forward|roll\s+out|build|open|lay|legislate\s+for|provide|produce|issue|update|"
    r"retain|make\s+available)\s+"
    r"((?:(?:a|an|the|new)\s+)?(?:[A-Z][A-Za-z’'-]+|SEND|NHS)"
    r"(?:\s+(?:(?:and|of|for)\s+)?(?:[A-Z][A-Za-z’'-]+|SEND|NHS)){1,5}"
    rf"|(?:{_NAME_WORD}\s+){{0,4}}?(?:{_THING})\b)",
)


# A named instrument: "the Local Government Finance Settlement", "High Needs Stability
# Grant", "the Priority Action Plan" (a body the government works with is not one).
_NAMED_THING = re.compile(
    r"\b(?:[A-Z][A-Za-z’'-]+\s+|SEND\s+|NHS\s+){1,5}(?:White\s+Paper|Green\s+Paper|Paper|Plan|"
    r"Strategy|Settlement|Grant|Fund|Programme|Scheme|Standards|Framework|Review|Guarantee|"
    r"Bill|Act|Regulations|Code\s+of\s+Practice|Tribunal|Hubs|Formula)\b"
    r"|\b[a-z]+\s+(?:national\s+)?funding\s+formula\b"
)


# "As set out in the Schools White Paper, we will ...": a document cited, not promised.
_CITED_IN = re.compile(
    r"(?:(?:set\s+out|outlined|described|explained|stated|announced|published|confirmed)\s+in"
    r"|^(?:\w+\s+){0,3}?in|^through)\s+(?:the\s+|our\s+|a\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PromiseDetails:
    """What a commitment sentence names. Each text field is a span of the sentence."""

    deliverable: str  # "a schools white paper", "£3.7 billion in high needs capital funding"
    promised_time: str  # "in the autumn", "by 2027", "in due course"; "" when none
    amount: str  # a sum or a count: "£3.7 billion", "6,000 places"; "" when none

    @property
    def dated(self) -> bool:
        """A time that says when (not "in due course")."""
        return bool(self.promised_time) and not _VAGUE_TIME.match(self.promised_time)

    @property
    def concrete(self) -> bool:
        """Names an amount, a number, a date or a deliverable; else general intent."""
        return bool(self.amount or self.dated or self.deliverable)


@lru_cache(maxsize=100_000)
def details(sentence: str) -> PromiseDetails:
    """The deliverable, promised time and amount a commitment sentence names."""
    money = _MONEY.search(sentence)
    count = _NUMBER.search(sentence)
    amount = money.group(0) if money else (count.group(0) if count else "")
    deliverable = _deliverable(sentence, money)
    return PromiseDetails(
        deliverable=deliverable,
        promised_time=_time_of(sentence, deliverable),
        amount=amount.strip(),
    )


def _time_of(sentence: str, deliverable: str) -> str:
    """The time nearest the deliverable ("engagement over the summer, in preparation for
    a white paper in the autumn": the autumn); without a deliverable, the longest; a dated
    time beats "in due course"."""
    found = _times_in(sentence)
    dated = [m for m in found if not _VAGUE_TIME.match(m.group(0).strip())]
    at = sentence.find(deliverable) if deliverable else -1
    if at < 0 or not dated:
        best = max(dated or found, key=lambda m: len(m.group(0).strip()), default=None)
        return best.group(0).strip() if best else ""
    end = at + len(deliverable)
    nearest = min(dated, key=lambda m: max(at - m.end(), m.start() - end, 0))
    return nearest.group(0).strip()


def promised_time(text: str) -> str:
    """The time a sentence gives for what it promises; a dated one beats "in due course"."""
    return _time_of(text, "")


def times(text: str) -> list[str]:
    """Every time expression in ``text``, in order."""
    return [m.group(0).strip() for m in _times_in(text)]


def _times_in(text: str) -> list[re.Match[str]]:
    return [m for m in _TIME.finditer(text) if m.group(0).strip()]


_SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30), "winter": (2, 28)}


def deadline(time: str, said_on: date | None) -> date | None:
    """The last day a promised time allows, where it says one: "in the autumn" said in
    June 2025 is 30 November 2025; "by the end of 2025" is 31 December 2025; "in the new
    year" is 31 March of the next year. None for "in due course" and for spans of years."""
    text = time.casefold()
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b(?![/-])", text)]
    if re.search(r"20\d\d\s*[/-]|between", text):
        return None  # a financial year or a span: a period to spend in, not a deadline
    year = years[-1] if years else (said_on.year if said_on else None)
    if year is None:
        return None
    if "new year" in text:
        return date(year + (0 if years else 1), 3, 31)
    if "next year" in text:
        return date(year + 1, 12, 31)
    for season, (month, day) in _SEASON_END.items():
        if season in text:
            after = said_on is not None and not years and _past_season(season, said_on)
            return date(year + 1 if after else year, month, day)
    month = re.search(rf"\b({MONTH})\b", text)
    if month:
        return month_end(year, month_number(month.group(1)))
    if years or "this year" in text or "end of the year" in text:
        return date(year, 12, 31)
    return None


def _past_season(season: str, said_on: date) -> bool:
    month, day = _SEASON_END[season]
    return (said_on.month, said_on.day) > (month, day)  # so the next one is meant


def _deliverable(sentence: str, money: re.Match[str] | None) -> str:
    if money and len(money.group(0).split()) > 2:
        return money.group(0).strip()  # "£3.7 billion in high needs capital funding"
    found = [(m.start(), m.group(0)) for m in _DELIVERABLE.finditer(sentence)]
    found += [(m.start(1), m.group(1)) for m in _DELIVERED_THING.finditer(sentence)]
    found += [(m.start(), m.group(0)) for m in _NAMED_THING.finditer(sentence)]
    found = [(at, text) for at, text in found if not _CITED_IN.search(sentence[:at])]
    if found:
        return min(found, key=lambda f: (f[0], -len(f[1])))[1].strip()  # first, longest
    return money.group(0).strip() if money else ""  # "£2.6 billion": the sum is the promise
