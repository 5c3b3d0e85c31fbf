"""Form values to filter values, one way for every tab: "Any" or blank means no filter."""

from __future__ import annotations

ANY = "Any"


def choice(value: str | None) -> str | None:
    """A dropdown or radio value; ``ANY`` or nothing means no filter."""
    return None if value in (ANY, "", None) else value


def typed(value: str | None) -> str | None:
    """A typed value (a date), stripped; blank means no filter."""
    return (value or "").strip() or None
