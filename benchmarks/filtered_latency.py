"""Hybrid retrieval latency with and without filters, on any built index, old and new
filter paths side by side in one run (Chroma range filters vs the exact source keys).

Run: .venv/bin/python benchmarks/filtered_latency.py [INDEX_DIR]
"""

import statistics
import sys
import time
from pathlib import Path

from evaluation import load_items, percentile
from rag.config import Settings
from rag.search import Retriever

REPO = Path(__file__).resolve().parent.parent
index = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / ".index"
retriever = Retriever.open(Settings(index_dir=index))
items = load_items(REPO / "eval" / "dev_questions.jsonl")
FILTERS = {
    "no filter": {},
    "department": {"department": "Education"},
    "minister": {"answered_by": "Catherine McKinnell"},
    "six months": {"date_from": "2025-01-01", "date_to": "2025-06-30"},
    "two years": {"date_from": "2024-01-01", "date_to": "2025-12-31"},
}


# Every filter through Chroma's metadata filter, as before the exact keys were used.
range_filters = retriever.with_settings(max_keys_in_where=0)


def run(filters: dict, r: Retriever = retriever) -> tuple[float, float]:
    times = []
    for item in items * 2:
        started = time.perf_counter()
        r.retrieve(item.question, k=10, **filters)
        times.append((time.perf_counter() - started) * 1000)
    ordered = sorted(times)
    return statistics.median(ordered), percentile(ordered, 0.95)


run({})  # warm up
print(f"{len(retriever.sources)} sources; ms over {2 * len(items)} questions each")
print(f"{'filter':12} {'keys p50':>9} {'keys p95':>9} {'range p50':>10} {'range p95':>10}")
for name, filters in FILTERS.items():
    new = run(filters)
    old = run(filters, range_filters)
    print(f"{name:12} {new[0]:9.1f} {new[1]:9.1f} {old[0]:10.1f} {old[1]:10.1f}")
