"""The browser chat over ministers' written answers (Gradio)."""

from ui.app import build_app
from ui.format import format_answer, format_sources

__all__ = ["build_app", "format_answer", "format_sources"]
