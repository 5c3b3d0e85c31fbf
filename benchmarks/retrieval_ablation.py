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
weights = R.DENSE_WEIGHT, R.LEXICAL_WEIGHT
R.DENSE_WEIGHT, R.LEXICAL_WEIGHT = 1.0, 0.0
run("dense only (context chunks + glossary)")
R.DENSE_WEIGHT, R.LEXICAL_WEIGHT = 0.0, 1.0
run("BM25 only (with glossary)")
R.DENSE_WEIGHT, R.LEXICAL_WEIGHT = weights
matching_terms = Q.matching_terms
Q.matching_terms = lambda text: []
run("hybrid without the glossary")
Q.matching_terms = matching_terms
quality_weight = R.quality_weight
R.quality_weight = lambda source: 1.0
run("hybrid without answer-quality weights")
R.quality_weight = quality_weight
r.correct_spelling = False
run("hybrid without spelling correction")
r.correct_spelling = True
score_fusion = R._fuse


def reciprocal_rank_fusion(candidates, sources, k=60):
    """The fusion used before score fusion: 1/(k + rank) from each list."""
    cands = list(candidates)
    dense = sorted((c for c in cands if c.dense_sim is not None), key=lambda c: -c.dense_sim)
    lexical = sorted((c for c in cands if c.bm25 > 0), key=lambda c: -c.bm25)
    fused = {c.key: 0.0 for c in cands}
    for ranked in (dense, lexical):
        for rank, c in enumerate(ranked, 1):
            fused[c.key] += 1 / (k + rank)
    score_fusion(cands, sources)  # fills in the relevance of BM25-only results
    for c in cands:
        c.fused = fused[c.key] * R.quality_weight(sources[c.key])


R._fuse = reciprocal_rank_fusion
run("reciprocal rank fusion instead")
