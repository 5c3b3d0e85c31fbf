"""Ratings and comments on answers, kept on this machine (``rag.feedback``)."""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

from rag import Answer, RagError
from rag.feedback import FeedbackStore

log = logging.getLogger(__name__)
WHAT_IS_KEPT = (
    "Rate an answer with the thumbs under it, or add a comment. What you send is kept "
    "on this computer only: your question, the answer, its sources, your rating and "
    "comment. Nothing is sent anywhere."
)


def answer_record(question: str, answer: Answer | None, text: str) -> dict[str, Any]:
    """What feedback on this answer keeps."""
    return {
        "question": question,
        "understood_as": (answer.understood_as or question) if answer else question,
        "reply": text,
        "cited": [c.source.key for c in answer.citations] if answer else [],
        "build": answer.build if answer else "",
    }


def _which(chat: list[dict[str, Any]], index: Any) -> int:
    """The answer a like refers to: its position among the assistant's messages."""
    position = index if isinstance(index, int) else index[0]
    return sum(m.get("role") == "assistant" for m in chat[: position + 1]) - 1


def add_feedback(store: FeedbackStore, chat: gr.Chatbot, answers: gr.State) -> None:
    """Adds the note, the comment box and the like/dislike handling to the Blocks."""

    def rate(data: gr.LikeData, history: list[dict[str, Any]], kept: list[dict]) -> str:
        n = _which(history, data.index)
        if not 0 <= n < len(kept) or data.liked not in (True, False):
            return ""
        return _store(kept[n], 1 if data.liked else -1, "")

    def comment(text: str, kept: list[dict]) -> tuple[str, str]:
        if not kept or not text.strip():
            return text, "Ask a question first, then add your comment about its answer."
        return "", _store(kept[-1], 0, text)

    def _store(record: dict[str, Any], rating: int, text: str) -> str:
        try:
            store.record(rating=rating, comment=text, **record)
        except (RagError, OSError):
            log.exception("storing feedback failed")
            return "Sorry, your feedback could not be saved."
        return "Thank you: your feedback is saved on this computer."

    gr.Markdown(WHAT_IS_KEPT, elem_id="feedback-note")
    with gr.Row():
        text = gr.Textbox(
            label="Comment on the last answer (optional)",
            max_lines=4,
            scale=4,
            elem_id="feedback-comment",
        )
        send = gr.Button("Send comment", scale=1, elem_id="send-comment")
    status = gr.Markdown(elem_id="feedback-status")
    chat.like(rate, [chat, answers], [status], api_visibility="private")
    send.click(comment, [text, answers], [text, status], api_visibility="private")
