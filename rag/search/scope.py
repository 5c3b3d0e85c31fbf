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
    r"additional learning needs)\b",
    re.IGNORECASE,
)
# Any other country's own system: "a university in the Netherlands", "Dutch schools",
# "moving to Spain", "study abroad". Not a trip, a holiday, a diagnosis made abroad,
# a teacher's nationality or where a family comes from: those are questions about
# England. Names that are also places in England, first names or words (Holland,
# Jersey, Jordan, Georgia, Turkey) are left out.
_COUNTRIES = (
    r"(?:the\s+)?netherlands|belgium|luxembourg|spain|portugal|italy|greece|malta|cyprus|"
    r"switzerland|austria|denmark|norway|sweden|finland|iceland|poland|romania|bulgaria|"
    r"hungary|croatia|slovakia|slovenia|czechia|(?:the\s+)?czech\s+republic|lithuania|"
    r"latvia|estonia|ukraine|russia|india|pakistan|bangladesh|sri\s+lanka|nepal|china|"
    r"hong\s+kong|japan|(?:south\s+)?korea|singapore|malaysia|thailand|vietnam|"
    r"(?:the\s+)?philippines|indonesia|dubai|(?:the\s+)?uae|qatar|saudi\s+arabia|israel|"
    r"egypt|nigeria|ghana|kenya|south\s+africa|zimbabwe|jamaica|mexico|brazil|argentina|"
    r"ireland|france|germany|canada|australia|new\s+zealand|america|(?:the\s+)?usa|"
    r"(?:the\s+)?united\s+states"
)
_DEMONYMS = (
    r"dutch|belgian|spanish|portuguese|italian|greek|swiss|austrian|danish|norwegian|"
    r"swedish|finnish|polish|romanian|hungarian|czech|ukrainian|russian|indian|pakistani|"
    r"chinese|japanese|korean|nigerian|jamaican|irish|french|german|american|canadian|"
    r"australian"
)
_ABROAD = re.compile(
    rf"\b(?:universit(?:y|ies)|schools|colleges|government|education\s+system|system|rules|"
    rf"laws?)\s+"
    rf"(?:in|of)\s+(?:{_COUNTRIES})\b"
    rf"|\b(?:mov(?:e|es|ing)|relocat(?:e|es|ing)|emigrat(?:e|es|ing))\s+"
    rf"(?:abroad|to\s+(?:{_COUNTRIES}))\b"
    rf"|\b(?:study|studies|studying)\s+(?:abroad|in\s+(?:{_COUNTRIES}))\b"
    rf"|\b(?:{_DEMONYMS})\s+(?:schools|universities|government|education\s+system)\b",
    re.IGNORECASE,
)
# Where a family comes from is not where the question is about ("we came from France").
_ORIGIN = re.compile(
    rf"\bfrom\s+(?:{_COUNTRIES}|scotland|wales|northern\s+ireland)\b", re.IGNORECASE
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
    here = _ORIGIN.sub(" ", question)
    if _DEVOLVED.search(here) or _ABROAD.search(here):
        return (
            "These answers are about England. Scotland, Wales, Northern Ireland and other "
            "countries have their own rules for special needs."
        )
    if _CLINICAL.search(question):
        # worded to stand above an answer too, if the decline model answers all the same
        return (
            "Ministers' answers do not give medical advice. Ask a GP, a children's doctor "
            "or a pharmacist about medicines and health."
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
