"""Measure retrieval on a question set: ``python -m rag.eval EVAL.jsonl``.

Prints hit@5, MRR@10 and recall@10 (overall and by kind) for the product's
hybrid retrieval and, measured in the same run, two baselines: BM25 over whole
records and the plain LangChain pipeline (1,000-character chunks, the same
MiniLM model, Chroma ``similarity_search``). Also the separation of
confidence between in-scope and out-of-scope questions, and latency.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.answer_types import normalise
from rag.config import get_settings, set_offline_env
from rag.errors import RagError
from rag.filters import Filters
from rag.lexical import LexicalIndex, record_text
from rag.retrieve import Retriever
from rag.source import Source

Ranker = Callable[[str, dict[str, Any]], list[str]]  # question, filters -> source keys


@dataclass(frozen=True)
class EvalItem:
    qid: str
    kind: str
    question: str
    filters: dict[str, Any]
    gold: frozenset[str]
    expect_abstain: bool
    must_mention: tuple[str, ...] = ()  # facts a good answer states, in the source's words


@dataclass
class Scores:
    hits5: list[float] = field(default_factory=list)
    rr10: list[float] = field(default_factory=list)
    recall10: list[float] = field(default_factory=list)

    def add(self, ranked: Sequence[str], gold: frozenset[str]) -> None:
        self.hits5.append(float(any(k in gold for k in ranked[:5])))
        first = next((i for i, k in enumerate(ranked[:10], 1) if k in gold), None)
        self.rr10.append(1.0 / first if first else 0.0)
        self.recall10.append(len(gold & set(ranked[:10])) / len(gold))

    def row(self) -> str:
        return (
            f"{statistics.mean(self.hits5):6.3f} {statistics.mean(self.rr10):7.3f} "
            f"{statistics.mean(self.recall10):9.3f}"
        )


def load_items(path: Path) -> list[EvalItem]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            items.append(
                EvalItem(
                    qid=str(d.get("qid", n)),
                    kind=d.get("kind", "unknown"),
                    question=d["question"],
                    filters=d.get("filters") or {},
                    gold=frozenset(f"wq:{i}" for i in d.get("gold_ids", [])),
                    expect_abstain=bool(d.get("expect_abstain")),
                    must_mention=tuple(d.get("must_mention") or ()),
                )
            )
        except (json.JSONDecodeError, KeyError) as e:
            raise RagError(f"{path}:{n}: not an evaluation item ({e})") from e
    return items


def score(ranker: Ranker, items: Sequence[EvalItem]) -> dict[str, Scores]:
    by_kind: dict[str, Scores] = defaultdict(Scores)
    for item in items:
        if item.expect_abstain or not item.gold:
            continue
        ranked = ranker(item.question, item.filters)
        by_kind["overall"].add(ranked, item.gold)
        by_kind[item.kind].add(ranked, item.gold)
    return by_kind


def bm25_baseline(sources: dict[str, Source]) -> Ranker:
    index = LexicalIndex.build(sources.values())

    def rank(question: str, filters: dict[str, Any]) -> list[str]:
        f = Filters.parse(**filters)
        allowed = {k for k, s in sources.items() if f.matches(s)} if f.active else None
        return [k for k, _ in index.search(question, k=10, allowed=allowed)]

    return rank


def langchain_baseline(sources: dict[str, Source], embedder: Any, folder: Path) -> Ranker:
    """The plain LangChain pipeline, persisted under ``folder`` so reruns skip embedding."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from rag.chunking import source_metadata

    client = chromadb.PersistentClient(
        path=str(folder), settings=ChromaSettings(anonymized_telemetry=False)
    )
    store = Chroma(
        client=client,
        collection_name="langchain_baseline",
        embedding_function=_LangChainEmbeddings(embedder),
    )
    if store._collection.count() == 0:
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=0)
        docs = [
            Document(page_content=record_text(s), metadata=source_metadata(s))
            for s in sources.values()
        ]
        chunks = splitter.split_documents(docs)
        for start in range(0, len(chunks), 256):
            store.add_documents(chunks[start : start + 256])

    def rank(question: str, filters: dict[str, Any]) -> list[str]:
        where = Filters.parse(**filters).chroma_where(sources.values())
        docs = store.similarity_search(question, k=40, filter=where)
        keys: list[str] = []
        for d in docs:
            if d.metadata["source_key"] not in keys:
                keys.append(d.metadata["source_key"])
        return keys[:10]

    return rank


class _LangChainEmbeddings:
    """Adapts the product's embedder to LangChain's Embeddings interface."""

    def __init__(self, embedder: Any) -> None:
        self._embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return list(self._embedder.embed_documents(texts))

    def embed_query(self, text: str) -> list[float]:
        return list(self._embedder.embed_query(text))


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank ``q`` quantile (0.95 for p95) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    set_offline_env()
    parser = argparse.ArgumentParser(prog="python -m rag.eval", description=__doc__)
    parser.add_argument("eval_file", type=Path, nargs="?", default=Path("eval/dev_questions.jsonl"))
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args(argv)
    try:
        items = load_items(args.eval_file)
        retriever = Retriever.open()
    except RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    latencies: list[float] = []

    def hybrid(question: str, filters: dict[str, Any]) -> list[str]:
        started = time.perf_counter()
        passages = retriever.retrieve(question, k=10, **filters)
        latencies.append((time.perf_counter() - started) * 1000)
        return [p.source.key for p in passages]

    retriever.retrieve("warm up", k=1)
    if any(i.gold and not i.expect_abstain for i in items):
        _report_retrieval(items, retriever, hybrid, baselines=not args.no_baselines)
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
    from rag.answer import answer

    answer_ms: list[float] = []
    wrong: list[str] = []
    facts = stated = 0
    top: dict[str, tuple[float, float]] = {}  # confidence, relevance of the best result
    for item in items:
        started = time.perf_counter()
        result = answer(item.question, retriever=retriever, **item.filters)
        answer_ms.append((time.perf_counter() - started) * 1000)
        best = result.passages[0] if result.passages else None
        top[item.qid] = (best.score, best.relevance) if best else (0.0, 0.0)
        said = normalise(result.text).casefold()
        facts += len(item.must_mention)
        stated += sum(normalise(m).casefold() in said for m in item.must_mention)
        if result.abstained != item.expect_abstain:
            wrong.append(f"{item.qid} ({'abstained' if result.abstained else 'answered'})")
    print()
    print("top result, in scope against out of scope (separation = lowest in scope - highest out):")
    for n, name in enumerate(("confidence (product)", "relevance alone")):
        in_scope = [top[i.qid][n] for i in items if not i.expect_abstain]
        out_scope = [top[i.qid][n] for i in items if i.expect_abstain]
        line = (
            f"  {name:21} in scope n={len(in_scope)} min {min(in_scope):.3f} "
            f"median {statistics.median(in_scope):.3f}"
        )
        if out_scope:
            line += (
                f" | out of scope n={len(out_scope)} max {max(out_scope):.3f} "
                f"({', '.join(f'{i.qid}={top[i.qid][n]:.2f}' for i in items if i.expect_abstain)})"
                f" | separation {min(in_scope) - max(out_scope):+.3f}"
            )
        print(line)
    print()
    print(
        f"answers: abstained as expected on {len(items) - len(wrong)}/{len(items)} questions"
        + (f"; not as expected: {', '.join(wrong)}" if wrong else "")
    )
    if facts:
        print(f"answers state {stated} of the {facts} expected facts (must_mention, verbatim)")
    print(
        f"answer latency (retrieve + compose, warm): p50 {percentile(answer_ms, 0.5):.1f} ms, "
        f"p95 {percentile(answer_ms, 0.95):.1f} ms"
    )


if __name__ == "__main__":
    raise SystemExit(main())
