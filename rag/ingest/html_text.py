"""Answer HTML to readable plain text (paragraphs kept, tables laid out); see
:func:`rag.text.paragraphs` for reading the paragraphs back."""

from __future__ import annotations

import re

from inscriptis import get_text
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.model.config import ParserConfig

_CONFIG = ParserConfig(css=CSS_PROFILES["strict"])
_BLANK_RUN = re.compile(r"\n\s*\n+")
_LOOKS_LIKE_HTML = re.compile(r"<\s*[a-zA-Z][^>]*>")


def html_to_text(html: str) -> str:
    """Render answer HTML as text; plain text passes through with spacing tidied."""
    if not html:
        return ""
    text = get_text(html, _CONFIG) if _LOOKS_LIKE_HTML.search(html) else html
    text = text.replace("\xa0", " ")
    lines = [line.rstrip() for line in text.splitlines()]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()
