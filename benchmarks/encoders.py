"""The three encoders side by side, in one run: torch, onnx, onnx-int8.

For each: the raw encode rate over 1,000 chunks of the corpus, a full build of the
SEND index, answer latency (dev and tune questions, warm), answers a second under the
load test (20 users x 10 questions, concurrency 2), and ranking and declining on the
dev set and the frozen test half.

Run: .venv/bin/python benchmarks/encoders.py [--encoders torch onnx onnx-int8] [--no-load]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    from evaluation import load_items, percentile, score
    from rag import Settings, answer, build_index
    from rag.index import chunk_source, make_embedder
    from rag.ingest import load_corpus
    from rag.search import Retriever

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoders", nargs="+", default=["torch", "onnx", "onnx-int8"])
    parser.add_argument("--no-load", action="store_true", help="skip the load test")
    args = parser.parse_args()
    corpus = REPO / "docs_corpus"
    texts = [c.text for s in load_corpus(corpus).sources for c in chunk_source(s)][:1000]
    sets = {n: load_items(REPO / "eval" / f"{n}_questions.jsonl") for n in ("dev", "test", "tune")}
    root = Path(tempfile.mkdtemp(prefix="encoders-"))
    print(
        "encoder   | encode/s | build s | answer p50/p95 ms | answers/s | "
        "dev hit@5 MRR@10 recall@10 | test hit@5 MRR@10 recall@10 | "
        "declined (test: OOS, answerable)"
    )
    for encoder in args.encoders:
        settings = Settings(corpus_dir=corpus, index_dir=root / encoder, encoder=encoder)
        embedder = make_embedder(encoder, None, settings.index_dir / "encoders")
        embedder.embed_documents(texts[:32])  # warm
        started = time.perf_counter()
        embedder.embed_documents(texts)
        rate = len(texts) / (time.perf_counter() - started)
        build = build_index(settings=settings, embedder=embedder, progress=False).seconds
        retriever = Retriever.open(settings, embedder=embedder)
        questions = [i for name in ("dev", "tune") for i in sets[name]]
        for item in questions:
            answer(item.question, retriever=retriever, **item.filters)  # warm the caches
        times = []
        for item in questions:
            started = time.perf_counter()
            answer(item.question, retriever=retriever, **item.filters)
            times.append((time.perf_counter() - started) * 1000)

        def rank(q: str, f: dict, r: Retriever = retriever) -> list[str]:
            return [p.source.key for p in r.retrieve(q, k=10, **f)]

        dev, test = score(rank, sets["dev"])["overall"], score(rank, sets["test"])["overall"]
        out = [i for i in sets["test"] if i.expect_abstain]
        inside = [i for i in sets["test"] if not i.expect_abstain]
        declined_out = sum(
            answer(i.question, retriever=retriever, **i.filters).abstained for i in out
        )
        declined_in = sum(
            answer(i.question, retriever=retriever, **i.filters).abstained for i in inside
        )
        per_second = "skipped" if args.no_load else _load(settings.index_dir, encoder)
        print(
            f"{encoder:9} | {rate:8.1f} | {build:7.1f} | "
            f"{percentile(times, 0.5):6.0f} / {percentile(times, 0.95):6.0f} | {per_second:>9} | "
            f"{dev.row()} | {test.row()} | {declined_out}/{len(out)}, {declined_in}/{len(inside)}",
            flush=True,
        )
    return 0


def _load(index_dir: Path, encoder: str) -> str:
    """Answers a second from benchmarks/load_test.py over this index and encoder."""
    env = {**os.environ, "RAG_INDEX_DIR": str(index_dir), "RAG_ENCODER": encoder}
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "load_test.py"), "--concurrency", "2"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = [line for line in done.stdout.splitlines() if line.strip().startswith("2 |")]
    return rows[-1].split("|")[-1].strip() if rows else "failed"


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
