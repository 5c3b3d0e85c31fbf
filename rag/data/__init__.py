"""The learned and curated files the product ships (glossary, fusion weights, models)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def learned(name: str) -> dict[str, Any] | None:
    """The JSON file ``name`` shipped here, or None if there is none (the stage that
    reads it then falls back to hand-set values)."""
    path = resources.files(__name__).joinpath(name)
    if not path.is_file():
        return None
    return json.loads(path.read_text("utf-8"))
