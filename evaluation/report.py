"""Measure retrieval and answers on a question set: ``python -m rag eval EVAL.jsonl``.

Prints hit@5, MRR@10 and recall@10 (overall and by kind) for the product's hybrid
retrieval and, measured in the same run, two baselines: BM25 over whole records and
the plain LangChain pipeline. Also the separation of confidence between in-scope and
out-of-scope questions, whether each answer abstained as expected, how many expected
facts the answers state, and latency.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evaluation.baselines import bm25_baseline, langchain_baseline
from evaluation.dialogues import is_dialogue_file, load_dialogues
from evaluation.dialogues import report as dialogue_report
from evaluation.metrics import EvalItem, Ranker, Scores, load_items, percentile, score, states
from evaluation.readability import grade, own_and_quoted, words
from rag import RagError, Retriever, answer, get_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    parser.add_argument("eval_file", type=Path, nargs="?", default=Path("eval/dev_questions.jsonl"))
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args(argv)
    try:
        return run(args.eval_file, baselines=not args.no_baselines)
    except RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def run(eval_file: Path, *, baselines: bool = True, retriever: Retriever | None = None) -> int:
    """Print the report for one question set (raises RagError for a bad file or index);
    ``retriever``: the index to measure (by default the one the settings name)."""
    retriever = retriever or Retriever.open()
    if is_dialogue_file(eval_file):
        gold_from = sorted(eval_file.parent.glob("*questions*.jsonl"))
        dialogue_report(load_dialogues(eval_file, gold_from), retriever)
        return 0
    items = load_items(eval_file)
    latencies: list[float] = []

    def hybrid(question: str, filters: dict[str, Any]) -> list[str]:
        started = time.perf_counter()
        passages = retriever.retrieve(question, k=10, **filters)
        latencies.append((time.perf_counter() - started) * 1000)
        return [p.source.key for p in passages]

    retriever.retrieve("warm up", k=1)
    if any(i.gold and not i.expect_abstain for i in items):
        _report_retrieval(items, retriever, hybrid, baselines=baselines)
    else:
        print("no question has gold answers: retrieval is not scored")
    _report_answers(items, retriever)
    if latencies:
        print()
        print(
            f"hybrid retrieval latency over {len(latencies)} queries (warm): "
            f"p50 {percentile(latencies, 0.5):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms"
        )
    return 0


def _report_retrieval(
    items: Sequence[EvalItem], retriever: Retriever, hybrid: Ranker, *, baselines: bool
) -> None:
    """hit@5, MRR@10 and recall@10 by kind, for the product and (measured in the same
    run) the two baselines."""
    systems: dict[str, dict[str, Scores]] = {"hybrid (product)": score(hybrid, items)}
    if baselines:
        systems["BM25 whole records"] = score(bm25_baseline(retriever.sources), items)
        folder = get_settings().index_dir / "eval-langchain-baseline"
        systems["LangChain plain"] = score(
            langchain_baseline(retriever.sources, retriever.store.embedder, folder), items
        )
    kinds = ["overall"] + sorted({k for s in systems.values() for k in s} - {"overall"})
    print(f"{'system':22} {'kind':10} {'n':>3} {'hit@5':>6} {'MRR@10':>7} {'recall@10':>9}")
    for kind in kinds:
        for name, by_kind in systems.items():
            if kind in by_kind:
                print(f"{name:22} {kind:10} {len(by_kind[kind].hits5):3d} {by_kind[kind].row()}")


def _report_answers(items: Sequence[EvalItem], retriever: Retriever) -> None:
    """One rag.answer per question: the top result's confidence (in scope against out of
    scope), whether it abstained as expected, and end-to-end answer latency."""
    answer_ms: list[float] = []
    wrong: list[str] = []
    facts = stated = 0
    cited_right: list[bool] = []
    lead_right: list[bool] = []  # the first cited answer, the one the reply quotes most
    top: dict[str, tuple[float, float]] = {}  # confidence, relevance of the best result
    replies: list[str] = []
    for item in items:
        started = time.perf_counter()
        result = answer(item.question, retriever=retriever, **item.filters)
        answer_ms.append((time.perf_counter() - started) * 1000)
        best = result.passages[0] if result.passages else None
        top[item.qid] = (best.score, best.relevance) if best else (0.0, 0.0)
        facts += len(item.must_mention)
        stated += sum(states(result.text, m) for m in item.must_mention)
        if result.abstained != item.expect_abstain:
            wrong.append(f"{item.qid} ({'abstained' if result.abstained else 'answered'})")
        if item.gold and not item.expect_abstain:
            cited_right.append(any(c.source.key in item.gold for c in result.citations))
            lead_right.append(
                bool(result.citations) and result.citations[0].source.key in item.gold
            )
        if not result.abstained:
            replies.append(result.text)
    print()
    print("top result, in scope against out of scope (separation = lowest in scope - highest out):")
    for n, name in enumerate(("confidence (product)", "relevance alone")):
        in_scope = [top[i.qid][n] for i in items if not i.expect_abstain]
        out_scope = [top[i.qid][n] for i in items if i.expect_abstain]
        line = f"  {name:21} in scope n={len(in_scope)}"
        if in_scope:
            line += f" min {min(in_scope):.3f} median {statistics.median(in_scope):.3f}"
        if out_scope:
            line += (
                f" | out of scope n={len(out_scope)} max {max(out_scope):.3f} "
                f"({', '.join(f'{i.qid}={top[i.qid][n]:.2f}' for i in items if i.expect_abstain)})"
            )
            if in_scope:
                line += f" | separation {min(in_scope) - max(out_scope):+.3f}"
        print(line)
    print()
    print(
        f"answers: abstained as expected on {len(items) - len(wrong)}/{len(items)} questions"
        + (f"; not as expected: {', '.join(wrong)}" if wrong else "")
    )
    out_scope = [i for i in items if i.expect_abstain]
    answerable = [i for i in items if not i.expect_abstain]
    declined_out = len(out_scope) - sum(q.startswith(i.qid + " ") for q in wrong for i in out_scope)
    declined_in = sum(q.startswith(i.qid + " ") for q in wrong for i in answerable)
    print(
        f"declined {declined_out} of {len(out_scope)} out-of-scope questions and "
        f"{declined_in} of {len(answerable)} answerable ones"
    )
    if cited_right:
        print(
            f"the right record cited in {sum(cited_right)} of {len(cited_right)} answers "
            f"({sum(cited_right) / len(cited_right):.0%}); first, in {sum(lead_right)}"
        )
    if facts:
        print(f"answers state {stated} of the {facts} expected facts (must_mention, verbatim)")
    if replies:
        print(reply_readability(replies))
    print(
        f"answer latency (retrieve + compose, warm): p50 {percentile(answer_ms, 0.5):.1f} ms, "
        f"p95 {percentile(answer_ms, 0.95):.1f} ms"
    )


def reply_readability(replies: Sequence[str]) -> str:
    """Median words a reply, and the median Flesch-Kincaid grade of the product's own
    words (with and without who said each quote and when) and of the quotes."""
    parts = [own_and_quoted(r) for r in replies]
    own = [g for o, _ in parts if (g := grade(o)) is not None]
    unattributed = [
        g for r in replies if (g := grade(own_and_quoted(r, attributions=False)[0])) is not None
    ]
    quoted = [g for _, q in parts if (g := grade(q)) is not None]
    nan = float("nan")
    return (
        f"replies: median {statistics.median(len(words(r)) for r in replies):.0f} words; "
        f"reading grade (Flesch-Kincaid) of our own words {statistics.median(own):.1f} "
        f"({statistics.median(unattributed) if unattributed else nan:.1f} without who said "
        f"each quote and when), of the quotes {statistics.median(quoted) if quoted else nan:.1f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
