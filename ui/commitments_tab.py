"""The Commitments tab: what ministers said the government will do, searchable,
filterable, on a timeline, and downloadable as CSV; for each concrete promise, what
later answers state about it, traced from promise to the latest word."""

from __future__ import annotations

import logging
import tempfile
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import gradio as gr
import pandas as pd

from rag import CommitmentGroup, RagError, Source
from rag.advocacy import STATUSES, to_csv, to_records, to_rows
from rag.text import format_date
from ui.fields import ANY, choice, typed

log = logging.getLogger(__name__)
CommitmentsFn = Callable[..., list[CommitmentGroup]]
SHOWN = [
    "latest_date",
    "first_date",
    "kind",
    "commitment",
    "promised_time",
    "status",
    "minister",
    "link",
]
DATATYPES = ["str", "str", "str", "str", "str", "str", "str", "markdown"]
HEADERS = [
    "Latest",
    "First said",
    "Kind",
    "Commitment (verbatim)",
    "Promised for",
    "Later answers say",
    "Minister",
    "Link",
]
STATUS_NOTE = (
    "“Later answers say” is what the government's own later written answers state about "
    "the promise (delivered, repeated, moved, withdrawn), quoted in the trace below; it is "
    "not this app's judgement, and only concrete promises (an amount, a number, a date or "
    "a named deliverable) are followed."
)


def find(
    commitments_fn: CommitmentsFn,
    topic: str,
    minister: str = ANY,
    date_from: str = "",
    date_to: str = "",
    status: str = ANY,
    concrete_only: bool = False,
) -> tuple[str, list[CommitmentGroup]]:
    """(summary line, groups) for the tab and its API; bad input becomes the summary."""
    try:
        groups = commitments_fn(
            typed(topic),
            answered_by=choice(minister),
            date_from=typed(date_from),
            date_to=typed(date_to),
            status=choice(status),
            concrete=True if concrete_only else None,
        )
    except RagError as e:
        return f"I could not search that: {e}", []
    except Exception:
        log.exception("commitments search failed")
        return "Sorry, something went wrong. Please try again.", []
    if not groups:
        return "No commitments found for that search (try a broader topic or fewer filters).", []
    answers = len({c.source.key for g in groups for c in g.made})
    repeated = sum(g.answers > 1 for g in groups)
    traced = Counter(g.status for g in groups if g.evidence)
    later = ", ".join(f"{n} {status}" for status, n in traced.most_common())
    return (
        f"{_count(len(groups), 'commitment')} from {_count(answers, 'answer')}, newest first; "
        f"{repeated} repeated in more than one answer."
        + (f" What later answers say: {later}." if later else ""),
        groups,
    )


def trace_text(g: CommitmentGroup) -> str:
    """One promise from when it was made to the latest later answer, as Markdown."""
    first = g.first
    d = first.details
    lines = [
        f"**{first.sentence}**",
        "",
        f"- **{_when(first.source)}, promised** by {_who(first.source)}"
        + (f", for *{d.promised_time}*" if d.promised_time else "")
        + f". {_link(first.source.url)}",
    ]
    for e in g.evidence:
        given = f"; it gives {format_date(e.date)}" if e.date and e.date != e.answered else ""
        lines.append(
            f"- **{_when(e.source)}, {e.status}** ({_who(e.source)}{given}): "
            f"“{e.sentence}” {_link(e.source.url)}"
        )
    if not g.evidence:
        lines.append("- No later answer held says anything about it.")
    return "\n".join(lines)


def _who(source: Source) -> str:
    if source.answered_by:
        return source.answered_by
    return f"a {source.department} minister" if source.department else "a minister"


def _when(source: Source) -> str:
    """ "7 October 2024", or "March 2025 (tabled)" where only the month tabled is known."""
    d = source.known_date
    if d is None:
        return "date not known"
    return format_date(d) if source.date_precision == "day" else f"{d:%B %Y} (tabled)"


def _link(url: str | None) -> str:
    safe = quote(str(url or ""), safe=":/?=&-_.~%")
    return f"[record]({safe})" if safe.startswith("https://") else ""


def _choices(groups: list[CommitmentGroup]) -> list[tuple[str, int]]:
    """The concrete promises that can be traced, for the trace picker."""
    return [
        (f"{g.status}: {g.first.sentence[:90]}{'…' if len(g.first.sentence) > 90 else ''}", n)
        for n, g in enumerate(groups)
        if g.first.concrete
    ]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _cell(row: dict[str, Any], column: str) -> Any:
    if column in ("latest_date", "first_date") and row[f"{column}_precision"] == "month":
        return f"{str(row[column])[:7]} (month tabled)"  # the answer date is not held
    if column == "link":  # a Markdown link: quote the URL so record data cannot inject markup
        return _link(str(row["link"]))
    if column == "status" and row["concrete"] != "yes":
        return "general intent"  # not followed: nothing concrete to look for
    return row[column]


def timeline(groups: list[CommitmentGroup]) -> pd.DataFrame:
    """How many commitments were made each month, by kind (every answer that made one)."""
    counts = Counter(
        (c.date.strftime("%Y-%m"), c.kind) for g in groups for c in g.made if c.date is not None
    )
    rows = [{"month": m, "kind": k, "commitments": n} for (m, k), n in sorted(counts.items())]
    return pd.DataFrame(rows, columns=["month", "kind", "commitments"])


def build_tab(commitments_fn: CommitmentsFn, ministers: list[str]) -> None:
    """Adds the tab to the Blocks being built."""

    def search(
        topic: str, minister: str, date_from: str, date_to: str, status: str, concrete_only: bool
    ) -> tuple[Any, ...]:
        summary, groups = find(
            commitments_fn, topic, minister, date_from, date_to, status, concrete_only
        )
        rows = to_rows(groups)
        table = pd.DataFrame([[_cell(r, c) for c in SHOWN] for r in rows], columns=HEADERS)
        with tempfile.NamedTemporaryFile(
            "w", suffix=".csv", prefix="commitments-", delete=False, encoding="utf-8"
        ) as f:
            f.write(to_csv(groups))
        shown = gr.Dataframe(value=table, datatype=DATATYPES)  # keeps the link column Markdown
        choices = _choices(groups)
        picker = gr.Dropdown(choices=choices, value=choices[0][1] if choices else None)
        first = trace_text(groups[choices[0][1]]) if choices else ""
        return (
            summary,
            shown,
            timeline(groups),
            gr.DownloadButton(value=f.name, visible=True),
            picker,
            first,
            groups,
        )

    def show_trace(picked: int | None, groups: list[CommitmentGroup] | None) -> str:
        if picked is None or not groups or not 0 <= picked < len(groups):
            return ""
        return trace_text(groups[picked])

    def commitments_summary(
        topic: str,
        minister: str = ANY,
        date_from: str = "",
        date_to: str = "",
        status: str = ANY,
        concrete_only: bool = False,
    ) -> dict:
        """Commitments as the tab shows them: {"summary": str, "commitments": [row, ...]},
        newest first; each row's "evidence" lists the later answers' sentences about it.

        Args:
            topic: what the promises are about, e.g. "SEND reform".
            minister: a minister's full name, or "Any".
            date_from: YYYY-MM-DD, or empty.
            date_to: YYYY-MM-DD, or empty.
            status: delivered, repeated, moved, withdrawn, "no later mention", or "Any".
            concrete_only: only promises naming an amount, a number, a date or a deliverable.
        """
        summary, groups = find(
            commitments_fn, topic, minister, date_from, date_to, status, concrete_only
        )
        return {"summary": summary, "commitments": to_records(groups)}

    with gr.Tab("Commitments", id="commitments"):
        gr.Markdown(
            "What ministers said the government **will** do, plans to publish, or is "
            "funding, quoted word for word from their written answers. The same promise "
            "made in several answers is shown once, with when it was first and last made."
        )
        with gr.Row():
            topic = gr.Textbox(
                label="Topic", placeholder="e.g. SEND reform", scale=3, elem_id="c-topic"
            )
            minister = gr.Dropdown(
                [ANY, *ministers], value=ANY, label="Minister", allow_custom_value=True, scale=2
            )
            date_from = gr.Textbox(label="Answered from (YYYY-MM-DD)", max_lines=1, scale=1)
            date_to = gr.Textbox(label="Answered to (YYYY-MM-DD)", max_lines=1, scale=1)
        with gr.Row():
            status = gr.Dropdown(
                [ANY, *STATUSES], value=ANY, label="What later answers say", scale=2
            )
            concrete_only = gr.Checkbox(
                label="Only concrete promises (an amount, a number, a date or a deliverable)",
                scale=3,
            )
        go = gr.Button("Find commitments", variant="primary", elem_id="c-find")
        summary = gr.Markdown(elem_id="c-summary")
        plot = gr.BarPlot(
            x="month",
            y="commitments",
            color="kind",
            label="When they were made",
            x_title="Month answered",
            y_title="Commitments",
            height=260,
        )
        download = gr.DownloadButton("Download CSV", visible=False, elem_id="c-csv")
        table = gr.Dataframe(
            headers=HEADERS,
            wrap=True,
            interactive=False,
            elem_id="c-table",
            column_widths=["8%", "8%", "7%", "40%", "9%", "9%", "11%", "8%"],
        )
        gr.Markdown(STATUS_NOTE)
        found = gr.State([])
        picker = gr.Dropdown(
            choices=[], label="Trace a concrete promise", elem_id="c-pick", interactive=True
        )
        trace = gr.Markdown(elem_id="c-trace")
        # .input, not .change: a search sets the picker and its trace together, and
        # .change would render the same trace again (a second fade) after every search
        picker.input(show_trace, [picker, found], trace, api_visibility="private")
        inputs = [topic, minister, date_from, date_to, status, concrete_only]
        outputs = [summary, table, plot, download, picker, trace, found]
        go.click(search, inputs, outputs, api_visibility="private")
        topic.submit(search, inputs, outputs, api_visibility="private")
        gr.api(commitments_summary, api_name="commitments")
