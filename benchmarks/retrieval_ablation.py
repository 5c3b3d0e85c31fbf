"""What each part of retrieval contributes, measured on one question set in one run.

Every variant is the product's retriever built with other settings
(``Retriever.with_settings``); nothing is patched.

Run: .venv/bin/python benchmarks/retrieval_ablation.py [eval/dev_questions.jsonl ...]
Needs a built index (`python -m rag build`).
"""

import sys
from pathlib import Path

from evaluation import load_items, score
from rag.search import NO_QUALITY_WEIGHTS, Retriever

VARIANTS = {
    "hybrid (product, learned weights)": {},
    "hand-set weights 0.6 / 0.4": {
        "dense_weight": 0.6,
        "lexical_weight": 0.4,
        "question_weight": 0.0,
        "names_weight": 0.0,
    },
    "without the names signal": {"names_weight": 0.0},
    "weights learned before the names signal": {
        "dense_weight": 0.45,
        "lexical_weight": 0.55,
        "question_weight": 0.0,
        "names_weight": 0.0,
    },
    "those weights with the names signal": {
        "dense_weight": 0.45,
        "lexical_weight": 0.55,
        "question_weight": 0.0,
    },
    "without the MP's-question signal": {"question_weight": 0.0},
    "dense only (context chunks + glossary)": {
        "dense_weight": 1.0,
        "lexical_weight": 0.0,
        "question_weight": 0.0,
        "names_weight": 0.0,
    },
    "BM25 only (with glossary)": {
        "dense_weight": 0.0,
        "lexical_weight": 1.0,
        "question_weight": 0.0,
        "names_weight": 0.0,
    },
    "hybrid without the glossary": {"use_glossary": False},
    "hybrid without answer-quality weights": {"quality": NO_QUALITY_WEIGHTS},
    "hybrid without spelling correction": {"correct_spelling": False},
    # The fusion used before score fusion: 1/(60 + rank) from each list, unweighted.
    "reciprocal rank fusion instead": {
        "fusion": "rrf",
        "dense_weight": 1.0,
        "lexical_weight": 1.0,
        "question_weight": 0.0,
    },
}


def main() -> None:
    files = [Path(f) for f in sys.argv[1:]] or [Path("eval/dev_questions.jsonl")]
    product = Retriever.open()
    for path in files:
        items = load_items(path)
        print(f"== {path}")
        for name, changes in VARIANTS.items():
            r = product.with_settings(**changes)
            s = score(lambda q, f, r=r: [p.source.key for p in r.retrieve(q, k=10, **f)], items)
            o, p = s["overall"], s.get("parent", s["overall"])
            print(
                f"{name:40} overall hit@5 {o.hit5:.3f} MRR@10 {o.mrr10:.3f} | "
                f"parent hit@5 {p.hit5:.3f} MRR@10 {p.mrr10:.3f}"
            )


if __name__ == "__main__":
    main()
