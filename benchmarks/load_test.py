"""Load test: simulated users asking the running app questions through ``gradio_client``.

Run (starts the app itself on a free 127.0.0.1 port over the built index):
    .venv/bin/python benchmarks/load_test.py [--users 20] [--questions 10]
        [--concurrency 4 ...] [--url http://127.0.0.1:7860/]

With --url it drives an app that is already running instead (its own queue
settings apply). Each user asks ``--questions`` dev-set questions one after the
other (with the dev set's filters), all users at once; the script reports errors
and answer latency p50/p95/max as the user sees it (queue wait included).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FILTER_ORDER = ("answered_by", "department", "date_from", "date_to", "house")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[4])
    parser.add_argument("--url", help="an app already running (skips starting one)")
    args = parser.parse_args()
    questions = _questions(REPO / "eval" / "dev_questions.jsonl")
    print("concurrency | users x questions | errors | p50 s | p95 s | max s | wall s | answers/s")
    for limit in [None] if args.url else args.concurrency:
        if args.url:
            row = _drive(args.url, questions, args.users, args.questions)
        else:
            with _app(limit) as url:
                row = _drive(url, questions, args.users, args.questions)
        print(
            f"{limit or 'as running':>11} | {args.users} x {args.questions:<13} | {row}", flush=True
        )
    return 0


def _questions(path: Path) -> list[tuple[str, list[str]]]:
    items = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    out = []
    for item in items:
        f = item.get("filters") or {}
        out.append(
            (
                item["question"],
                [
                    f.get("answered_by") or "Any",
                    f.get("department") or "Any",
                    f.get("date_from") or "",
                    f.get("date_to") or "",
                    "Any",
                ],
            )
        )
    return out


def _drive(url: str, questions: list, users: int, per_user: int) -> str:
    from gradio_client import Client

    from evaluation import percentile

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(users)

    def user(n: int) -> None:
        client = Client(url, verbose=False)
        barrier.wait()
        for i in range(per_user):
            question, filters = questions[(n * per_user + i) % len(questions)]
            started = time.perf_counter()
            try:
                text, _sources = client.predict(question, *filters, api_name="/chat")
                ok = bool(text) and not text.startswith("Something went wrong")
                problem = None if ok else f"bad reply: {text[:80]!r}"
            except Exception as e:  # any failure is a finding, reported below
                problem = f"{type(e).__name__}: {e}"
            with lock:
                latencies.append(time.perf_counter() - started)
                if problem:
                    errors.append(problem)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    p95 = percentile(ordered, 0.95)
    for e in errors[:5]:
        print("  error:", e, file=sys.stderr)
    return (
        f"{len(errors):>6} | {statistics.median(ordered):5.2f} | {p95:5.2f} | {ordered[-1]:5.2f} "
        f"| {wall:6.1f} | {len(ordered) / wall:9.1f}"
    )


class _app:
    """``python -m ui`` on a free port with the given queue concurrency."""

    def __init__(self, limit: int | None) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.env = {**os.environ, "RAG_UI_PORT": str(self.port), "RAG_UI_CONCURRENCY": str(limit)}

    def __enter__(self) -> str:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ui"],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return f"http://127.0.0.1:{self.port}/"
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the app did not start: {self.proc.stderr.read()}"
                    ) from None
                time.sleep(0.5)

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
