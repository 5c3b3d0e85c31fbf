"""What each part of retrieval contributes, measured on one question set in one run.

Run: .venv/bin/python benchmarks/retrieval_ablation.py [eval/dev_questions.jsonl]
Needs a built index (`python -m rag build`).
"""

import statistics
import sys
from pathlib import Path

import rag.query as Q
from rag.eval import load_items, score
from rag.retrieve import Retriever

R = sys.modules["rag.retrieve"]  # the module; `rag.retrieve` is the function
items = load_items(Path(sys.argv[1] if len(sys.argv) > 1 else "eval/dev_questions.jsonl"))
r = Retriever.open()


def run(name: str) -> None:
    s = score(lambda q, f: [p.source.key for p in r.retrieve(q, k=10, **f)], items)
    o, p = s["overall"], s["parent"]
    print(
        f"{name:38} overall hit@5 {statistics.mean(o.hits5):.3f} MRR@10 "
        f"{statistics.mean(o.rr10):.3f} | parent hit@5 {statistics.mean(p.hits5):.3f} "
        f"MRR@10 {statistics.mean(p.rr10):.3f}"
    )


run("hybrid (product)")
R.LEXICAL_WEIGHT = 0.0
run("dense only (context chunks + glossary)")
R.LEXICAL_WEIGHT, R.DENSE_WEIGHT = 1.0, 0.0
run("BM25 only (with glossary)")
R.DENSE_WEIGHT = 1.0
matching_terms = Q.matching_terms
Q.matching_terms = lambda text: []
run("hybrid without the glossary")
Q.matching_terms = matching_terms
R.quality_weight = lambda source: 1.0
run("hybrid without answer-quality weights")
