"""Questions the corpus cannot answer, whatever retrieval finds.

The corpus holds what UK ministers told the House of Commons about SEND policy
in England. Education is devolved, clinical dosing is a matter for clinicians,
and these rules catch both before a loosely related answer is cited.
"""

from __future__ import annotations

import re

_DEVOLVED = re.compile(
    r"\b(scotland|scottish|glasgow|edinburgh|aberdeen|dundee|wales|welsh|cardiff|swansea|"
    r"northern ireland|belfast|co-?ordinated support plans?|additional support for learning|"
    r"additional learning needs|ireland|united states|usa|america|australia|canada|"
    r"new zealand|france|germany)\b",
    re.IGNORECASE,
)
_CLINICAL = re.compile(
    r"\b(dose|doses|dosage|dosing|mg|milligrams?|how much (?:medicine|medication)|"
    r"side effects?|prescri(?:be|bed|ption))\b",
    re.IGNORECASE,
)


def out_of_scope_reason(question: str) -> str | None:
    """Why the question is outside the corpus, or None if it may be inside."""
    if _DEVOLVED.search(question):
        return (
            "these written answers are about special educational needs in England; "
            "education elsewhere (Scotland, Wales, Northern Ireland, other countries) "
            "has its own law and its own government"
        )
    if _CLINICAL.search(question):
        return (
            "this is a clinical question: a GP, paediatrician or pharmacist can answer it, "
            "and ministers' written answers do not give medical advice"
        )
    return None
