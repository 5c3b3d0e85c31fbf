"""What the index holds, for filter choices and the data's date range."""

from __future__ import annotations

from typing import Any

from rag.search.retriever import Backend


def corpus_facets(retriever: Backend) -> dict[str, Any]:
    sources = retriever.sources.values()
    dates = sorted(d for s in sources if (d := s.known_date))
    span = f"{dates[0]:%B %Y} to {dates[-1]:%B %Y}" if dates else ""
    return {
        "ministers": sorted({s.answered_by for s in sources if s.answered_by}),
        "departments": sorted({s.department for s in sources if s.department}),
        "date_range": f"{len(retriever.sources)} written answers, {span}" if span else "",
    }
