"""Learn the fusion weights from labelled questions: ``rag/data/ranking.json``.

Every question of the tune half, the dev set and the extra questions that has gold
answers is searched once; each candidate keeps what the three searches said of it
(answer chunks by meaning, BM25, the MP's question by meaning) and the share of the
question's names and years it mentions. The weights of the three, on a grid over the
simplex, and the weight added for the names, on a grid of its own, are chosen for
the best mean MRR@10; five-fold cross-validation over the questions reports how well
that choice generalises.

Run: python -m evaluation.learn_ranking [--step 0.05] (needs a built index)
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from evaluation.metrics import EvalItem, load_items
from rag import Filters, Retriever
from rag.config import REPO_ROOT
from rag.search import NO_QUALITY_WEIGHTS
from rag.search.fusion import fuse, quality_weight

TRAINING = (
    "tune_questions.jsonl",
    "tune2_questions.jsonl",
    "dev_questions.jsonl",
    "extra_questions.jsonl",
)
OUT = REPO_ROOT / "rag" / "data" / "ranking.json"
FOLDS = 5


@dataclass
class Query:
    qid: str
    keys: list[str]
    features: np.ndarray  # candidates x (dense, lexical, question, names), scaled as fused
    quality: np.ndarray
    gold: frozenset[str]


def gather(retriever: Retriever, items: Sequence[EvalItem]) -> list[Query]:
    """Each question's candidates with the three scaled scores (the product's scaling)
    and the share of the question's names and years each mentions."""
    out = []
    # the names are read only where they weigh: read them whatever the shipped weight
    reading_names = retriever.with_settings(names_weight=1.0)
    for item in items:
        asked = retriever.understand(item.question)
        filters = Filters.of(item.filters).within(asked.period)
        found = reading_names.candidates(asked, filters)
        rows = []
        for weights in ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)):
            one = replace(
                retriever.settings,
                dense_weight=weights[0],
                lexical_weight=weights[1],
                question_weight=weights[2],
                names_weight=0.0,
                quality=NO_QUALITY_WEIGHTS,
            )
            fuse(found, retriever.sources, one)  # each score alone, scaled as fusion scales it
            rows.append([c.fused for c in found])
        rows.append([c.names for c in found])
        quality = [
            quality_weight(retriever.sources[c.key], retriever.settings.quality) for c in found
        ]
        keys = [c.key for c in found]
        out.append(Query(item.qid, keys, np.asarray(rows).T, np.asarray(quality), item.gold))
    return out


def mrr(queries: Sequence[Query], w: np.ndarray) -> float:
    scores = []
    for q in queries:
        if not q.keys:
            scores.append(0.0)
            continue
        order = np.argsort(-(q.features @ w) * q.quality, kind="stable")[:10]
        first = next((i for i, j in enumerate(order, 1) if q.keys[j] in q.gold), None)
        scores.append(1.0 / first if first else 0.0)
    return statistics.mean(scores)


NAMES_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0)


def grid(step: float) -> list[np.ndarray]:
    """The three searches' shares (summing to 1), each with every names weight."""
    n = round(1 / step)
    shares = [np.array([a, b, n - a - b]) / n for a in range(n + 1) for b in range(n + 1 - a)]
    return [np.append(w, names) for w in shares for names in NAMES_WEIGHTS]


def best(queries: Sequence[Query], candidates: list[np.ndarray]) -> np.ndarray:
    # ties: the more weight on meaning, then the less on names
    return max(candidates, key=lambda w: (round(mrr(queries, w), 6), w[0], -w[3]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--step", type=float, default=0.05)
    args = parser.parse_args(argv)
    items = [
        i
        for name in TRAINING
        for i in load_items(REPO_ROOT / "eval" / name)
        if i.gold and not i.expect_abstain
    ]
    retriever = Retriever.open()
    queries = gather(retriever, items)
    weights = grid(args.step)
    hand_set = np.array([0.6, 0.4, 0.0, 0.0])
    rng = random.Random(13)
    order = list(range(len(queries)))
    rng.shuffle(order)
    held_out, hand_set_held_out = [], []
    for fold in range(FOLDS):
        test = [queries[i] for i in order[fold::FOLDS]]
        train = [queries[i] for i in order if i not in set(order[fold::FOLDS])]
        chosen = best(train, weights)
        held_out.append(mrr(test, chosen))
        hand_set_held_out.append(mrr(test, hand_set))
    chosen = best(queries, weights)
    report = {
        "dense_weight": round(float(chosen[0]), 4),
        "lexical_weight": round(float(chosen[1]), 4),
        "question_weight": round(float(chosen[2]), 4),
        "names_weight": round(float(chosen[3]), 4),
        "trained_on": [f"eval/{n}" for n in TRAINING],
        "questions": len(queries),
        "mrr10_all": round(mrr(queries, chosen), 4),
        "mrr10_cross_validated": round(statistics.mean(held_out), 4),
        "mrr10_cross_validated_0.6_0.4_0": round(statistics.mean(hand_set_held_out), 4),
    }
    Path(OUT).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
