"""Learn when to decline: ``rag/data/confidence.json``, a logistic model of whether any
retrieved answer addresses the question (see ``rag.search.confidence``).

Labelled questions: the tune half, the dev set, the extra questions and the abstention
probes (answerable: has gold answers or is marked to be answered; not: marked to
decline). Two models are learned: one over the question's embedding alone (what kind of
question it reads as), whose score is stacked, out of fold, beside the search's
evidence in the second. The decline threshold is the highest that declines at most
``--max-wrong`` of the answerable questions under five-fold cross-validation. Prints
a precision / recall table of declining across thresholds, cross-validated, with and
without the scope rules and the question's kind.

Run: python -m evaluation.learn_confidence (needs a built index)
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from evaluation.metrics import load_items
from rag import Filters, Retriever
from rag.config import REPO_ROOT
from rag.search.confidence import FEATURES, QUESTION_KIND, features

TRAINING = (
    "tune_questions.jsonl",
    "tune2_questions.jsonl",
    "dev_questions.jsonl",
    "extra_questions.jsonl",
    "abstention_probes.jsonl",
)
OUT = REPO_ROOT / "rag" / "data" / "confidence.json"
FOLDS = 5


def gather(retriever: Retriever) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The search's evidence, the question's embedding and the label, per question."""
    rows, vectors, labels = [], [], []
    for name in TRAINING:
        for item in load_items(REPO_ROOT / "eval" / name):
            asked = retriever.understand(item.question)
            vector = retriever.embedder.embed_query(asked.dense)
            filters = Filters.of(item.filters).within(asked.period)
            values = features(asked, retriever.ranked(asked, filters, vector), retriever.sources)
            rows.append([values[f] for f in FEATURES])
            vectors.append(vector)
            labels.append(0 if item.expect_abstain else 1)
    return np.asarray(rows), np.asarray(vectors), np.asarray(labels)


def _folds(n: int, seed: int = 13) -> list[tuple[list[int], list[int]]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    held = [order[fold::FOLDS] for fold in range(FOLDS)]
    return [([i for i in order if i not in set(test)], test) for test in held]


def out_of_fold_kind(v: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each question's kind score from a question-embedding model that did not see it, so
    the evidence model learns how far to trust the score on new questions."""
    out = np.zeros(len(y))
    for train, test in _folds(len(y), seed=7):
        out[test] = _kind_model().fit(v[train], y[train]).decision_function(v[test])
    return out


def cross_validated(
    x: np.ndarray, y: np.ndarray, columns: Sequence[int], v: np.ndarray | None = None
) -> np.ndarray:
    """Each question's probability of being answerable, from models that did not see it;
    with the questions' embeddings ``v``, their kind scores stacked beside ``x``."""
    out = np.zeros(len(y))
    for train, test in _folds(len(y)):
        x_train, x_test = x[train][:, columns], x[test][:, columns]
        if v is not None:
            reader = _kind_model().fit(v[train], y[train])
            x_train = np.column_stack([x_train, out_of_fold_kind(v[train], y[train])])
            x_test = np.column_stack([x_test, reader.decision_function(v[test])])
        out[test] = _model().fit(x_train, y[train]).predict_proba(x_test)[:, 1]
    return out


def _model() -> LogisticRegression:
    return LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)


def _kind_model() -> LogisticRegression:
    return LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)


def table(p: np.ndarray, y: np.ndarray, thresholds: Sequence[float]) -> list[str]:
    head = ("decline below", "out-of-scope declined", "answerable declined", "precision")
    lines = [f"{head[0]:>13} {head[1]:>22} {head[2]:>20} {head[3]:>9}"]
    for t in thresholds:
        declined = p < t
        caught = int((declined & (y == 0)).sum())
        wrong = int((declined & (y == 1)).sum())
        precision = caught / max(1, caught + wrong)
        lines.append(
            f"{t:13.2f} {caught:>9}/{(y == 0).sum():<3} ({caught / (y == 0).sum():4.0%})"
            f" {wrong:>8}/{(y == 1).sum():<3} ({wrong / (y == 1).sum():4.0%}) {precision:9.2f}"
        )
    return lines


def threshold(p: np.ndarray, y: np.ndarray, max_wrong: float) -> float:
    """The highest threshold that declines at most ``max_wrong`` of answerable questions."""
    best = 0.0
    for t in np.arange(0.05, 0.96, 0.01):
        if ((p < t) & (y == 1)).sum() <= max_wrong * (y == 1).sum():
            best = float(t)
    return round(best, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-wrong", type=float, default=0.03)
    args = parser.parse_args(argv)
    retriever = Retriever.open()
    x, v, y = gather(retriever)
    every = list(range(len(FEATURES)))
    without_scope = [i for i, f in enumerate(FEATURES) if f != "out_of_scope"]
    thresholds = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    for name, columns, vectors in (
        ("the search's evidence, the scope rules and the question's kind", every, v),
        ("without the question's kind", every, None),
        ("without the scope rules", without_scope, v),
    ):
        p = cross_validated(x, y, columns, vectors)
        print(f"declining, cross-validated over {len(y)} questions ({(y == 0).sum()} to decline),")
        print(f"{name}:")
        print("\n".join(table(p, y, thresholds)))
        print()
    p = cross_validated(x, y, every, v)
    decline_below = threshold(p, y, args.max_wrong)
    reader = _kind_model().fit(v, y)
    model = _model().fit(np.column_stack([x, out_of_fold_kind(v, y)]), y)
    names = [*FEATURES, QUESTION_KIND]
    report = {
        "weights": {f: round(float(w), 4) for f, w in zip(names, model.coef_[0], strict=True)},
        "bias": round(float(model.intercept_[0]), 4),
        QUESTION_KIND: {
            "weights": [round(float(w), 5) for w in reader.coef_[0]],
            "bias": round(float(reader.intercept_[0]), 5),
        },
        "decline_below": decline_below,
        "embedding_model": retriever.embedder.model_id,
        "trained_on": [f"eval/{n}" for n in TRAINING],
        "questions": int(len(y)),
        "to_decline": int((y == 0).sum()),
        "cross_validated_at_threshold": table(p, y, [decline_below])[1].split(maxsplit=1)[1],
    }
    Path(OUT).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    shown = report | {QUESTION_KIND: f"{len(reader.coef_[0])} weights and a bias"}
    print(json.dumps(shown, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
