"""Questions the corpus cannot answer, whatever retrieval finds.

The corpus holds what UK ministers told the House of Commons about SEND policy
in England. Education is devolved, clinical questions are for clinicians, the
steps of a legal procedure (which form, the time limit to appeal) are set out by
the tribunal, ministers do not recommend schools or professionals or list local
contacts, and the product quotes answers rather than writing letters; these
rules catch each before a loosely related answer is cited.
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
# Any other country's own system: "a university in the Netherlands", "Dutch schools",
# "moving to Spain", "study abroad". Only where the question is about that country, not
# where a family comes from ("we came from Poland" is a question about England). Names
# that are also first names or words (Jordan, Georgia, Chad, Turkey) are left out.
_COUNTRIES = (
    r"(?:the\s+)?netherlands|holland|belgium|luxembourg|spain|portugal|italy|greece|malta|"
    r"cyprus|switzerland|austria|denmark|norway|sweden|finland|iceland|poland|romania|"
    r"bulgaria|hungary|croatia|slovakia|slovenia|czechia|(?:the\s+)?czech\s+republic|"
    r"lithuania|latvia|estonia|ukraine|russia|india|pakistan|bangladesh|sri\s+lanka|nepal|"
    r"china|hong\s+kong|japan|(?:south\s+)?korea|singapore|malaysia|thailand|vietnam|"
    r"(?:the\s+)?philippines|indonesia|dubai|(?:the\s+)?uae|(?:united\s+)?arab\s+emirates|"
    r"qatar|saudi\s+arabia|israel|egypt|nigeria|ghana|kenya|south\s+africa|zimbabwe|"
    r"jamaica|mexico|brazil|argentina|europe|"
    r"(?:the\s+)?eu|jersey|guernsey|(?:the\s+)?isle\s+of\s+man|gibraltar"
)
_DEMONYMS = (
    r"dutch|belgian|spanish|portuguese|italian|greek|maltese|cypriot|swiss|austrian|danish|"
    r"norwegian|swedish|finnish|icelandic|polish|romanian|bulgarian|hungarian|croatian|"
    r"czech|lithuanian|latvian|estonian|ukrainian|russian|indian|pakistani|chinese|"
    r"japanese|korean|singaporean|nigerian|ghanaian|kenyan|south\s+african|jamaican|"
    r"mexican|brazilian|european|american|canadian|australian|french|german|irish"
)
_ABROAD = re.compile(
    rf"\b(?:in|to|at|across)\s+(?:{_COUNTRIES})\b"
    rf"|\b(?:{_DEMONYMS})\s+(?:schools?|universit(?:y|ies)|colleges?|government|"
    r"councils?|system|rules|law|state|education|teachers?|hospitals?|doctors?)\b"
    r"|\b(?:study|studying|live|living|move|moving|school(?:ing)?|university)\s+abroad\b",
    re.IGNORECASE,
)
_CLINICAL = re.compile(
    r"\b(dose|doses|dosage|dosing|mg|milligrams?|how much (?:medicine|medication)|"
    r"side effects?)\b"
    r"|\b(?:what|which)\s+(?:are\s+)?(?:the\s+)?(?:common\s+|usual\s+|early\s+)?"
    r"symptoms\b",
    re.IGNORECASE,
)


_PROCEDURE = re.compile(
    r"\b(?:deadline|time\s+limit)s?\s+(?:for|to|on)\s+(?:lodg|mak|submit|start|bring|regist)\w*"
    r"\s+(?:an?\s+|my\s+|the\s+|our\s+)?(?:appeal|claim|complaint)"
    r"|\bhow\s+(?:long|many\s+(?:days|weeks|months))\s+do\s+(?:I|we|parents|families)\s+"
    r"have\s+to\s+(?:appeal|lodge|register|bring|make|submit|file)"
    r"|\b(?:appeal|tribunal)\b[^.?!]{0,80}\b(?:which|what)\s+forms?\b"
    r"|\b(?:which|what)\s+forms?\b[^.?!]{0,80}\b(?:appeal|tribunal)\b",
    re.IGNORECASE,
)

_PROVIDERS = (
    r"(?:schools?|colleges?|nurser(?:y|ies)|apps?|websites?|tutors?|therapists?|"
    r"psychologists?|solicitors?|lawyers?|charit(?:y|ies)|providers?|clinics?)"
)
_RECOMMENDATION = re.compile(
    r"\b(?:can|could|would)\s+you\s+(?:please\s+)?(?:recommend|suggest)\b"
    rf"|\b(?:which|what)(?:'s|\s+is|\s+are)?\s+(?:the\s+)?best\s+(?:[\w-]+\s+){{0,3}}?{_PROVIDERS}\b"
    rf"|\bwhich\s+(?:[\w-]+\s+)?{_PROVIDERS}\b[^.?!]{{0,40}}?\b(?:is|are)\s+(?:the\s+)?best\b"
    r"|\b(?:(?:phone|telephone)\s+number|contact\s+details|email\s+address)\s+(?:of|for)\b"
    r"|\bopening\s+(?:hours|times)\b|\bnear\s+me\b",
    re.IGNORECASE,
)
_WRITING_TASK = re.compile(
    r"^\s*(?:please\s+)?(?:write|draft|compose)\b"
    r"|\b(?:can|could|would)\s+you\s+(?:please\s+)?(?:write|draft|compose)\b"
    r"|\bhelp\s+me\s+(?:to\s+)?(?:write|draft)\b",
    re.IGNORECASE,
)


def out_of_scope_reason(question: str) -> str | None:
    """Why the question is outside the corpus (plain sentences), or None if it may be
    inside."""
    if _DEVOLVED.search(question) or _ABROAD.search(question):
        return (
            "These answers are about England. Scotland, Wales, Northern Ireland and other "
            "countries have their own rules for special needs."
        )
    if _CLINICAL.search(question):
        return (
            "This is a medical question. A GP, a children's doctor or a pharmacist can "
            "answer it. Ministers' answers do not give medical advice."
        )
    if _PROCEDURE.search(question):
        return (
            "Ministers' answers do not set out forms or time limits for appeals. The "
            "tribunal's own guide does: search GOV.UK for 'Appeal to the SEND tribunal'. "
            "SENDIASS or IPSEA can help you with it."
        )
    if _RECOMMENDATION.search(question):
        return (
            "Ministers do not recommend schools, people or products. They do not give "
            "local phone numbers either. Your council's Local Offer lists help near you. "
            "SENDIASS can talk your choices through with you."
        )
    if _WRITING_TASK.search(question):
        return (
            "I find and quote what ministers said. I do not write letters. IPSEA has "
            "model letters to councils."
        )
    return None
