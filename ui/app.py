"""The Gradio app. ``build_app(answer_fn)`` builds it without launching it."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from rag import ANSWER_TYPES, Answer, RagError
from rag.feedback import FeedbackStore
from ui.commitments_tab import CommitmentsFn, build_tab
from ui.feedback_panel import add_feedback, answer_record
from ui.fields import ANY, choice, typed
from ui.format import escape_text, format_answer, format_plain, format_sources
from ui.tools import ToolBackends, build_tools

log = logging.getLogger(__name__)
AnswerFn = Callable[..., Answer]
# Yields the reply so far (text) as a chat model writes it, then the Answer.
StreamFn = Callable[..., Iterator["str | Answer"]]

EXAMPLES = [
    "The council is taking months to assess my son for a support plan. Is that allowed?",
    "Can the council refuse the school bus because we have a Motability car?",
    "My daughter is anxious and can't go to school some days. Will I be fined?",
    "What has the government said about funding for special schools?",
]
CSS = """
.source summary { cursor: pointer; font-weight: 600; }
.source { border-bottom: 1px solid #ddd; padding: 0.4em 0; }
.truncated { color: #8a4b00; }
@media (max-width: 640px) { .gradio-container { padding: 0.25rem !important; } }
/* WCAG AA contrast (4.5:1) where Gradio's default theme falls short (axe-core). */
button.primary { background: #1d4ed8 !important; border-color: #1d4ed8 !important;
                 color: #ffffff !important; }
button.primary:hover { background: #1e3a8a !important; }
.show-api, .built-with, .settings, footer a, footer button { color: #374151 !important; }
button.selected { color: #1e3a8a !important; }
/* A visible focus for keyboard users on every control. */
:focus-visible { outline: 3px solid #1d4ed8 !important; outline-offset: 2px; }
"""
# The page's script. Enter sends the question, Shift+Enter starts a new line (Gradio's
# multi-line box does the reverse), handled before Gradio's own key handler sees the key;
# and a citation [n] opens its source.
PAGE_JS = """
() => {
  document.addEventListener("keydown", (event) => {
    const box = event.target;
    if (event.key !== "Enter" || event.isComposing || !box.closest("#question")) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.shiftKey) {
      box.setRangeText("\\n", box.selectionStart, box.selectionEnd, "end");
      box.dispatchEvent(new Event("input", { bubbles: true }));
    } else {
      document.querySelector("#ask")?.click();
    }
  }, true);
  // A citation [n] in the reply opens source n in the sources panel, on this page.
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.('a[href*="#source-"]');
    if (!link) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const source = document.getElementById(link.getAttribute("href").split("#").pop());
    if (!source) return;
    source.open = true;
    source.scrollIntoView({ block: "nearest" });
    source.querySelector("summary")?.focus();
  }, true);
}
"""
# What launch() needs to serve with the app: the styles, the keyboard handling and the
# citation links.
ASSETS = {"css": CSS, "js": PAGE_JS}
COPY_JS = "(text) => { navigator.clipboard.writeText(text || ''); }"
DEFAULTS = (ANY, ANY, "", "", ANY, ANY)
ABOUT = (
    "**What a written answer is.** An MP asks a minister a question in writing, and the "
    "minister answers in writing. Parliament publishes both. This app finds the answers "
    "that match your question and quotes them word for word, with a link to each.\n\n"
    "**How old the answers are.** The dates of the answers held are at the top of the "
    "page. Some answers have no answer date; then the month the question was asked is "
    "shown.\n\n"
    "**What it never does.** It does not give legal or medical advice. It cannot look "
    "at your child's case, your council's decisions or your papers. It does not write "
    "letters. For help with your child, ask your local SEND advice service (SENDIASS) "
    "or IPSEA.\n\n"
    "**When it has no answer** it says so, rather than guess."
)
NO_SOURCES = '<p class="no-sources">Sources for each answer appear here.</p>'
FRIENDLY_ERROR = (
    "Sorry, something went wrong while answering. Please try again, or rephrase your question."
)


def plain_messages(history: list[dict[str, Any]] | None) -> list[dict[str, str]]:
    """The chat's messages as plain {"role", "content"} text (Gradio keeps content as a
    list of parts, and the chat shows the user's words HTML-escaped)."""
    out = []
    for m in history or []:
        content = m.get("content")
        if isinstance(content, list):
            content = " ".join(
                str(part.get("text", "")) for part in content if isinstance(part, dict)
            )
        out.append({"role": str(m.get("role", "")), "content": html.unescape(str(content or ""))})
    return out


def build_app(
    answer_fn: AnswerFn,
    *,
    ministers: list[str] | None = None,
    departments: list[str] | None = None,
    date_range: str = "",
    commitments_fn: CommitmentsFn | None = None,
    tools: ToolBackends | None = None,
    feedback: FeedbackStore | None = None,
    stream_fn: StreamFn | None = None,
) -> gr.Blocks:
    """``answer_fn`` answers the /chat API; ``stream_fn``, where given, answers the chat
    as the reply is written (a chat model's checked sentences appear one by one)."""

    def answering(
        question: str,
        filters: tuple[str, ...],
        history: list[dict[str, str]] | None,
        *,
        stream: bool,
    ) -> Iterator[tuple[Answer | None, str, str | None]]:
        """(None, the reply so far, None) while it is written, then (the answer, its
        Markdown, the sources HTML); bad input becomes a message."""
        names = ("answered_by", "department", "date_from", "date_to", "house", "answer_type")
        values = dict(zip(names, (*filters, *DEFAULTS[len(filters) :]), strict=True))
        chosen = {n: (typed(v) if n.startswith("date") else choice(v)) for n, v in values.items()}
        try:
            if stream and stream_fn is not None:
                for event in stream_fn(question, history=history or None, **chosen):
                    if isinstance(event, Answer):
                        yield event, format_answer(event), format_sources(event)
                    else:
                        yield None, escape_text(event), None
            else:
                result = answer_fn(question, history=history or None, **chosen)
                yield result, format_answer(result), format_sources(result)
        except RagError as e:
            yield None, f"I could not answer that: {escape_text(str(e))}", ""
        except Exception:
            log.exception("answering failed")
            yield None, FRIENDLY_ERROR, ""

    def answered(
        question: str, filters: tuple[str, ...], history: list[dict[str, str]] | None
    ) -> tuple[Answer | None, str, str]:
        *_, (result, text, sources) = answering(question, filters, history, stream=False)
        return result, text, sources or ""

    def answer_question(
        question: str,
        answered_by: str = ANY,
        department: str = ANY,
        date_from: str = "",
        date_to: str = "",
        house: str = ANY,
        answer_type: str = ANY,
        history: list[dict[str, str]] | None = None,
    ) -> tuple[str, str]:
        """Answer a question about SEND in England from ministers' written answers, with
        numbered citations; returns (answer Markdown, sources HTML).

        Args:
            question: the question, in plain words.
            answered_by: only answers by this minister, or "Any".
            department: only answers from this department, or "Any".
            date_from: YYYY-MM-DD, or empty.
            date_to: YYYY-MM-DD, or empty.
            house: "Commons", "Lords" or "Any".
            answer_type: an answer type's name, or "Any".
            history: the conversation so far, [{"role": ..., "content": ...}], oldest first.
        """
        filters = (answered_by, department, date_from, date_to, house, answer_type)
        _, text, sources = answered(question, filters, history)
        return text, sources

    def respond(
        question: str, history: list[dict[str, Any]], kept: list[dict], *filters: str
    ) -> Iterator[tuple[Any, ...]]:
        asked = {"role": "user", "content": escape_text(question or "")}
        for result, text, sources in answering(
            question, filters, plain_messages(history), stream=True
        ):
            shown = [*history, asked, {"role": "assistant", "content": text}]
            if sources is None:  # still being written
                yield shown, gr.skip(), "", gr.skip(), gr.skip()
                continue
            record = answer_record(question or "", result, text)
            plain = format_plain(result) if result else text
            yield shown, sources, "", [*kept, record], plain

    def from_link(request: gr.Request) -> tuple[Any, ...]:
        """A link with ?q=... opens the app and asks it."""
        asked = (request.query_params.get("q") or "").strip() if request else ""
        if not asked:
            return tuple(gr.skip() for _ in range(5))  # leave what the user is typing
        *_, last = respond(asked, [], [])
        return last

    with gr.Blocks(title="SEND written answers") as app:
        gr.Markdown(
            "# What have ministers said about SEND?\n"
            "Ask about special educational needs and disabilities (SEND) in England. "
            "Answers quote **written answers**: replies ministers give in writing to "
            "questions MPs put to the government, published by Parliament."
            + (f" Answers held: {date_range}." if date_range else "")
            + " See *What this can and cannot do*, beside the answers."
        )
        with gr.Tabs():
            with gr.Tab("Ask", id="ask-tab"), gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=320):
                    chat = gr.Chatbot(
                        label="Conversation",
                        height=480,
                        sanitize_html=True,
                        allow_tags=False,
                        elem_id="chat",
                        # no "share" (to Hugging Face, and an icon without a name for
                        # screen readers); copying stays
                        buttons=["copy", "copy_all"],
                    )
                    question = gr.Textbox(
                        label="Your question",
                        placeholder="e.g. How long can the council take to assess my son?",
                        lines=2,
                        max_lines=8,
                        elem_id="question",
                    )
                    with gr.Row():
                        send = gr.Button("Ask", variant="primary", elem_id="ask")
                        new = gr.Button("New conversation", elem_id="new-conversation")
                        copy = gr.Button("Copy answer with sources", elem_id="copy-answer")
                    kept = gr.State([])
                    plain = gr.Textbox(visible="hidden", elem_id="plain-answer")
                    if feedback is not None:
                        add_feedback(feedback, chat, kept)
                    gr.Examples(EXAMPLES, inputs=question, label="Example questions")
                    with gr.Accordion("Filters (for checking what a minister said)", open=False):
                        minister = gr.Dropdown(
                            [ANY, *(ministers or [])],
                            value=ANY,
                            label="Minister",
                            allow_custom_value=True,
                        )
                        dept = gr.Dropdown(
                            [ANY, *(departments or [])],
                            value=ANY,
                            label="Department",
                            allow_custom_value=True,
                        )
                        date_from = gr.Textbox(label="Answered from (YYYY-MM-DD)", max_lines=1)
                        date_to = gr.Textbox(label="Answered to (YYYY-MM-DD)", max_lines=1)
                        house = gr.Radio([ANY, "Commons", "Lords"], value=ANY, label="House")
                        kind = gr.Dropdown(
                            [ANY, *ANSWER_TYPES.values()],
                            value=ANY,
                            label="Answer type (e.g. only answers that say the information is "
                            "not held)",
                        )
                with gr.Column(scale=2, min_width=300):
                    gr.Markdown("## Sources")
                    sources = gr.HTML(NO_SOURCES, elem_id="sources")
                    with gr.Accordion("What this can and cannot do", open=False, elem_id="about"):
                        gr.Markdown(ABOUT)
            if commitments_fn is not None:
                build_tab(commitments_fn, ministers or [])
        gr.Markdown(
            "Contains Parliamentary information licensed under the "
            "[Open Parliament Licence v3.0]"
            "(https://www.parliament.uk/site-information/copyright-parliament/"
            "open-parliament-licence/). Not legal advice."
        )
        inputs = [question, chat, kept, minister, dept, date_from, date_to, house, kind]
        outputs = [chat, sources, question, kept, plain]
        send.click(respond, inputs, outputs, api_visibility="private")
        question.submit(respond, inputs, outputs, api_visibility="private")
        new.click(lambda: ([], NO_SOURCES, "", [], ""), None, outputs, api_visibility="private")
        copy.click(None, [plain], None, js=COPY_JS, api_visibility="private")
        app.load(from_link, None, outputs, api_visibility="private")
        gr.api(answer_question, api_name="chat")
        if tools is not None:
            build_tools(tools)
    return app
