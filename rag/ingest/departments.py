"""The department a written question was put to, read from whom it asks.

Every question opens "To ask the Secretary of State for Education, ..." (or the
Chancellor of the Exchequer, the Minister for Women and Equalities, ...); the
department that answers is almost always the one asked. Used only where a record has
no department of its own. Measured on the 65,584 Commons records that carry both
(`benchmarks/departments.py`).
"""

from __future__ import annotations

import re

# Whom a question asks -> the department name the Written Questions API uses.
# Checked in order: the first pattern that matches the addressee wins.
_ASKED = [
    (r"Secretary of State for Education", "Department for Education"),
    (r"Secretary of State for Health", "Department of Health and Social Care"),
    (
        r"Secretary of State for (?:the Department (?:of|for) )?Work and Pensions",
        "Department for Work and Pensions",
    ),
    (
        r"Secretary of State for Levelling Up",
        "Department for Levelling Up, Housing and Communities",
    ),
    (r"Secretary of State for Housing", "Ministry of Housing, Communities and Local Government"),
    (r"Chancellou?r (?:of|for) (?:the )?Exchequer", "Treasury"),
    (r"Secretary of State (?:for )?the Home (?:Department|Office)", "Home Office"),
    (r"Secretary of State for Justice|Lord Chancellor", "Ministry of Justice"),
    (r"Secretary of State for Defence", "Ministry of Defence"),
    (r"Secretary of State for Transport", "Department for Transport"),
    (r"Secretary of State for Environment", "Department for Environment, Food and Rural Affairs"),
    (
        r"Secretary of State for (?:the )?Foreign|Foreign Secretary|"
        r"Minister of State for Foreign",
        "Foreign, Commonwealth and Development Office",
    ),
    (r"Secretary of State for Business", "Department for Business and Trade"),
    (r"Secretary of State for Energy", "Department for Energy Security and Net Zero"),
    (r"Secretary of State for Science", "Department for Science, Innovation and Technology"),
    (r"Secretary of State for Culture", "Department for Culture, Media and Sport"),
    (r"Minister for the Cabinet Office|Chancellor of the Duchy of Lancaster", "Cabinet Office"),
    (r"Minister for Women and Equalities", "Women and Equalities"),
    (r"Attorney General|Solicitor General", "Attorney General"),
    (r"Secretary of State for Northern Ireland", "Northern Ireland Office"),
    (r"Secretary of State for Scotland", "Scotland Office"),
    (r"Secretary of State for Wales", "Wales Office"),
    (r"Leader of the House", "Leader of the House"),
    (r"Prime Minister", "Prime Minister"),
]
_ADDRESSEE = re.compile(r"^\W*To ask (?:the )?(?P<who>[^,]{3,120})", re.IGNORECASE)
_PATTERNS = [(re.compile(rf"^(?:{p})", re.IGNORECASE), dept) for p, dept in _ASKED]


def department_asked(question_text: str) -> str | None:
    """The department a question is put to ("To ask the Secretary of State for
    Education, ..." -> "Department for Education"), or None if it cannot tell."""
    m = _ADDRESSEE.match(question_text)
    if not m:
        return None
    who = m.group("who")
    return next((dept for pattern, dept in _PATTERNS if pattern.match(who)), None)
