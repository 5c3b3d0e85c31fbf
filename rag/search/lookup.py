"""Finding written answers by reference: the product's key, the API's id, or the UIN."""

from __future__ import annotations

from rag.errors import InvalidQueryError
from rag.search.retriever import Backend, default_retriever
from rag.source import Source


def lookup(reference: str | int, *, retriever: Backend | None = None) -> list[Source]:
    """The written answers ``reference`` names: a key ("wq:1729022"), an API id
    (1729022) or a UIN ("5508", which several sessions may share), newest first."""
    ref = str(reference).strip()
    if not ref:
        raise InvalidQueryError("give a written question's id or UIN, e.g. 1729022 or 5508")
    sources = (retriever or default_retriever()).sources
    if ref in sources:
        return [sources[ref]]
    found = [s for s in sources.values() if str(s.id) == ref or (s.uin or "") == ref]
    return sorted(found, key=lambda s: s.recency, reverse=True)
