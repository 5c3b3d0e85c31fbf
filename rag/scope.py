"""Questions the corpus cannot answer, whatever retrieval finds.

The corpus holds what UK ministers told the House of Commons about SEND policy
in England. Education is devolved, clinical dosing is a matter for clinicians,
and the steps of a legal procedure (which form, the time limit to appeal) are set
out by the tribunal, not in ministers' answers; these rules catch all three
before a loosely related answer is cited.
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


_PROCEDURE = re.compile(
    r"\b(?:deadline|time\s+limit)s?\s+(?:for|to|on)\s+(?:lodg|mak|submit|start|bring|regist)\w*"
    r"\s+(?:an?\s+|my\s+|the\s+|our\s+)?(?:appeal|claim|complaint)"
    r"|\bhow\s+long\s+do\s+(?:I|we|parents|families)\s+have\s+to\s+(?:appeal|lodge|register)"
    r"|\b(?:appeal|tribunal)\b[^.?!]{0,80}\b(?:which|what)\s+forms?\b"
    r"|\b(?:which|what)\s+forms?\b[^.?!]{0,80}\b(?:appeal|tribunal)\b",
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
    if _PROCEDURE.search(question):
        return (
            "ministers' written answers do not set out legal procedure such as forms and "
            "time limits: the tribunal's own guidance does (GOV.UK, 'Appeal to the SEND "
            "tribunal'), and SENDIASS or IPSEA can help you with it"
        )
    return None
