"""The learned and curated files the product ships (glossary, fusion weights, models)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def shipped(name: str) -> Any:
    """The JSON file ``name`` shipped here, one the product cannot run without (the
    glossary, the fusion weights)."""
    return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))


def learned(name: str) -> dict[str, Any] | None:
    """The JSON file ``name`` shipped here, or None if there is none (the stage that
    reads it then falls back to hand-set values)."""
    if not resources.files(__name__).joinpath(name).is_file():
        return None
    return shipped(name)
