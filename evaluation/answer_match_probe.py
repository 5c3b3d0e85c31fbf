"""Can the Commons' own (question, answer) pairs teach whether an answer addresses a
question? A probe, not a product part: it learns a small model from them and measures
whether it adds to the decline model and to ranking on the labelled questions.

The model reads the embedding model's vectors of a question and of an answer's first
120 words (their product and difference) and is trained to tell the answer given to
an MP's question from the answer closest to it that was given to another question
(and from a random one). Questions and answers are embedded separately, so the pairs
are not trivial as they are against index chunks, which carry their question.

It prints the held-out separation (AUC) against plain cosine similarity, the
cross-validated decline table of ``evaluation.learn_confidence`` with the model's
probability for the best result added as a feature, and MRR@10 of the product's
ranking with that probability added at a few weights. It writes nothing the product
loads.

Run: python -m evaluation.answer_match_probe CORPUS.jsonl.gz [--pairs 20000]
(CORPUS: Commons records in the API's JSON shape, one per line; needs a built index)
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections.abc import Collection
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.neural_network import MLPClassifier

from evaluation.learn_confidence import TRAINING, Labelled, cross_validated, table, threshold
from evaluation.metrics import load_items
from rag import Filters, Retriever
from rag.config import REPO_ROOT
from rag.errors import CorpusError
from rag.ingest.parse_api import parse_record
from rag.search.confidence import FEATURES

ANSWER_WORDS = 120  # the embedding model reads about this much of an answer
SAME_ANSWER = 0.95  # answers this similar are one answer given twice, not a negative
RERANK_WEIGHTS = (0.0, 0.02, 0.05, 0.1, 0.2)
DECLINE_BELOW = (0.3, 0.4, 0.45, 0.5, 0.6)  # both decline models are shown at each
BLOCK = 2_000


def sample_pairs(
    corpus: Path, n: int, seed: int, held: Collection[str]
) -> tuple[list[str], list[str]]:
    """``n`` (question, answer opening) pairs, sampled from the whole corpus: none of the
    records in ``held`` (the index the labelled questions are asked of), and each answer
    once (an answer given to several questions would sit on both sides of the split)."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    random.Random(seed).shuffle(lines)
    questions, answers = [], []
    seen: set[str] = set()
    for n_line, line in enumerate(lines, 1):
        try:
            source = parse_record(json.loads(line), f"{corpus}:{n_line}")
        except (CorpusError, json.JSONDecodeError):
            continue
        words = source.answer_text.split()
        if len(words) < 12 or not source.question_text or source.key in held:
            continue  # holding lines and empty questions teach nothing
        opening = " ".join(words[:ANSWER_WORDS])
        if opening in seen:
            continue
        seen.add(opening)
        questions.append(source.question_text)
        answers.append(opening)
        if len(questions) == n:
            break
    return questions, answers


def pair_features(q: np.ndarray, a: np.ndarray) -> np.ndarray:
    return np.hstack([q * a, np.abs(q - a), (q * a).sum(1, keepdims=True)])


def training_rows(
    q: np.ndarray, a: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Each question with its own answer (1), the closest other answer (0) and a random
    one (0)."""
    closest = np.empty(len(q), dtype=int)
    for start in range(0, len(q), BLOCK):  # a block at a time: all at once is gigabytes
        rows = slice(start, start + BLOCK)
        sims = q[rows] @ a.T
        sims[(a[rows] @ a.T) > SAME_ANSWER] = -np.inf  # its own answer, or the same again
        closest[rows] = sims.argmax(axis=1)
    other = (np.arange(len(q)) + rng.integers(1, len(q), len(q))) % len(q)  # never its own
    x = np.vstack([pair_features(q, a), pair_features(q, a[closest]), pair_features(q, a[other])])
    y = np.concatenate([np.ones(len(q)), np.zeros(2 * len(q))])
    return x, y


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--pairs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    retriever = Retriever.open()
    embedder = retriever.embedder

    questions, answers = sample_pairs(args.corpus, args.pairs, args.seed, retriever.sources)
    print(f"{len(questions)} pairs from {args.corpus}; embedding questions and answers")
    q = np.asarray(embedder.embed_documents(questions), dtype=np.float32)
    a = np.asarray(embedder.embed_documents(answers), dtype=np.float32)
    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(q))
    train, held = order[: int(0.8 * len(q))], order[int(0.8 * len(q)) :]
    x_train, y_train = training_rows(q[train], a[train], rng)
    x_held, y_held = training_rows(q[held], a[held], rng)
    model = MLPClassifier(
        (64,), alpha=1e-3, max_iter=60, early_stopping=True, random_state=args.seed
    ).fit(x_train, y_train)
    hard = np.r_[: len(held), len(held) : 2 * len(held)]  # own answer against the closest
    print(
        f"held out ({len(held)} questions), own answer against the closest other: AUC "
        f"cosine {roc_auc_score(y_held[hard], x_held[hard, -1]):.3f}, "
        f"learned {roc_auc_score(y_held[hard], model.predict_proba(x_held[hard])[:, 1]):.3f}"
    )

    answer_vectors: dict[str, np.ndarray] = {}

    def matches(text: str, keys: list[str]) -> np.ndarray:
        new = [k for k in keys if k not in answer_vectors]
        if new:
            said = [" ".join(retriever.sources[k].answer_text.split()[:ANSWER_WORDS]) for k in new]
            answer_vectors.update(zip(new, np.asarray(embedder.embed_documents(said)), strict=True))
        vector = np.asarray(embedder.embed_documents([text]), dtype=np.float32)
        found = np.stack([answer_vectors[k] for k in keys])
        return model.predict_proba(pair_features(np.repeat(vector, len(keys), 0), found))[:, 1]

    rows, labels, ranked = [], [], []
    for name in TRAINING:
        for item in load_items(REPO_ROOT / "eval" / name):
            asked = retriever.understand(item.question)
            found = retriever.ranked(asked, Filters.of(item.filters).within(asked.period))
            top = found[:10]
            p = matches(asked.reduced, [c.key for c in top]) if top else np.zeros(1)
            values = retriever.features(asked, found)
            rows.append([values[f] for f in FEATURES] + [float(p[0])])
            labels.append(0 if item.expect_abstain else 1)
            if item.gold and not item.expect_abstain and top:
                ranked.append(([c.key for c in top], [c.fused for c in top], p, item.gold))
    x, y = np.asarray(rows), np.asarray(labels)
    questions = np.arange(len(y))
    data = Labelled(
        x, np.zeros((len(y), 1)), y, questions, np.ones(len(y), dtype=bool), np.zeros(len(y), bool)
    )
    product = list(range(len(FEATURES)))
    for label, columns in (("decline model now", product), ("with the match", [*product, -1])):
        probability = cross_validated(data, [c % x.shape[1] for c in columns], kind=False)
        at = threshold(probability, y, 0.03)
        print(f"{label}, cross-validated (at most 3% answerable declined below {at}):")
        print("\n".join(table(probability, y, sorted({*DECLINE_BELOW, at}))))
    for weight in RERANK_WEIGHTS:
        total = 0.0
        for keys, fused, p, gold in ranked:
            order_ = np.argsort(-(np.asarray(fused) + weight * p), kind="stable")
            rank = next((i + 1 for i, j in enumerate(order_) if keys[j] in gold), None)
            total += 1 / rank if rank else 0.0
        print(f"ranking + {weight:.2f} x match: MRR@10 {total / len(ranked):.3f} ({len(ranked)} q)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
