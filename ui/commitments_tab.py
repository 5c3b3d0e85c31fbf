"""The Commitments tab: what ministers said the government will do, searchable,
filterable, on a timeline, and downloadable as CSV."""

from __future__ import annotations

import logging
import tempfile
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import gradio as gr
import pandas as pd

from rag import CommitmentGroup, RagError
from rag.advocacy import to_csv, to_rows
from ui.fields import ANY, choice, typed

log = logging.getLogger(__name__)
CommitmentsFn = Callable[..., list[CommitmentGroup]]
SHOWN = ["latest_date", "first_date", "answers", "kind", "commitment", "minister", "link"]
DATATYPES = ["str", "str", "number", "str", "str", "str", "markdown"]
HEADERS = ["Latest", "First said", "Answers", "Kind", "Commitment (verbatim)", "Minister", "Link"]


def find(
    commitments_fn: CommitmentsFn,
    topic: str,
    minister: str = ANY,
    date_from: str = "",
    date_to: str = "",
) -> tuple[str, list[CommitmentGroup]]:
    """(summary line, groups) for the tab and its API; bad input becomes the summary."""
    try:
        groups = commitments_fn(
            typed(topic),
            answered_by=choice(minister),
            date_from=typed(date_from),
            date_to=typed(date_to),
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
    return (
        f"{_count(len(groups), 'commitment')} from {_count(answers, 'answer')}, newest first; "
        f"{repeated} repeated in more than one answer.",
        groups,
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _cell(row: dict[str, Any], column: str) -> Any:
    if column in ("latest_date", "first_date") and row[f"{column}_precision"] == "month":
        return f"{str(row[column])[:7]} (month tabled)"  # the answer date is not held
    if column == "link":  # a Markdown link: quote the URL so record data cannot inject markup
        url = quote(str(row["link"]), safe=":/?=&-_.~%")
        return f"[record]({url})" if url.startswith("https://") else ""
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

    def search(topic: str, minister: str, date_from: str, date_to: str) -> tuple[Any, ...]:
        summary, groups = find(commitments_fn, topic, minister, date_from, date_to)
        rows = to_rows(groups)
        table = pd.DataFrame([[_cell(r, c) for c in SHOWN] for r in rows], columns=HEADERS)
        with tempfile.NamedTemporaryFile(
            "w", suffix=".csv", prefix="commitments-", delete=False, encoding="utf-8"
        ) as f:
            f.write(to_csv(groups))
        shown = gr.Dataframe(value=table, datatype=DATATYPES)  # keeps the link column Markdown
        return summary, shown, timeline(groups), gr.DownloadButton(value=f.name, visible=True)

    def commitments_summary(
        topic: str, minister: str = ANY, date_from: str = "", date_to: str = ""
    ) -> dict:
        """Commitments as the tab shows them: {"summary": str, "commitments": [row, ...]},
        newest first.

        Args:
            topic: what the promises are about, e.g. "SEND reform".
            minister: a minister's full name, or "Any".
            date_from: YYYY-MM-DD, or empty.
            date_to: YYYY-MM-DD, or empty.
        """
        summary, groups = find(commitments_fn, topic, minister, date_from, date_to)
        return {"summary": summary, "commitments": to_rows(groups)}

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
            column_widths=["9%", "9%", "6%", "8%", "48%", "12%", "8%"],
        )
        inputs = [topic, minister, date_from, date_to]
        outputs = [summary, table, plot, download]
        go.click(search, inputs, outputs, api_visibility="private")
        topic.submit(search, inputs, outputs, api_visibility="private")
        gr.api(commitments_summary, api_name="commitments")
