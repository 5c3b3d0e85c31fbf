"""Learn when to decline: ``rag/data/confidence.json``, a logistic model of whether any
retrieved answer addresses the question (see ``rag.search.confidence``).

Labelled questions: the tune half, the dev set, the extra questions and the abstention
probes (answerable: has gold answers or is marked to be answered; not: marked to
decline). Two models are learned: one over the question's embedding and that of what
it asks (what kind of question it reads as), whose score is stacked, out of fold,
beside the search's evidence in the second. The decline threshold is the highest that
declines at most ``--max-wrong`` of the answerable questions under five-fold
cross-validation. Prints
a precision / recall table of declining across thresholds, cross-validated, with and
without the scope rules and the question's kind, and with each blind batch held out.

Run: python -m evaluation.learn_confidence (needs a built index)
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from evaluation.metrics import load_items
from rag import Filters, Retriever
from rag.config import REPO_ROOT
from rag.index import base_model_id
from rag.search.confidence import FEATURES, QUESTION_KIND, READS_ASKS, read_question

TRAINING = (
    "tune_questions.jsonl",
    "tune2_questions.jsonl",
    "tune3_questions.jsonl",
    "tune4_questions.jsonl",
    "tune5_questions.jsonl",
    "dev_questions.jsonl",
    "extra_questions.jsonl",
    "abstention_probes.jsonl",
)
OUT = REPO_ROOT / "rag" / "data" / "confidence.json"
FOLDS = 5


# Answerable questions are learned from once more with a place set in front ("We live
# in Kent. ..."): parents set the scene so, and without these copies the model learned
# that a place name marks a question to decline (the questions to decline name places
# far more often). The copies train only; every figure is over the questions as written.
SCENES = ("We live in {}. ", "We're in {}. ", "My family is in {}. ")
PLACES = ("Birmingham", "Kent", "Devon", "Manchester", "Nottingham", "Surrey", "Leicester")


@dataclass
class Labelled:
    x: np.ndarray  # the search's evidence (FEATURES), a row per question
    v: np.ndarray  # what the question-kind model reads (rag.search.confidence.reading)
    y: np.ndarray  # 1: answerable
    group: np.ndarray  # the question as written that a row is (a copy's original)
    written: np.ndarray  # True for the questions as written, False for the copies
    # near misses (eval/README.md) teach the evidence model, not the question's kind: they
    # read like answerable questions and differ only in what no answer mentions
    near_miss: np.ndarray


def gather(retriever: Retriever) -> Labelled:
    """The evidence, the embedding and the label of every question, and of a copy of each
    answerable one with a place set in front."""
    rows, vectors, labels, groups, written, near = [], [], [], [], [], []
    rng = random.Random(13)
    items = [item for name in TRAINING for item in load_items(REPO_ROOT / "eval" / name)]
    for group, item in enumerate(items):
        texts = [item.question]
        if not item.expect_abstain:
            scene = rng.choice(SCENES).format(rng.choice(PLACES))
            texts.append(scene + item.question)
        for copy, text in enumerate(texts):
            asked = retriever.understand(text)
            vector = retriever.embedder.embed_query(asked.dense)
            read = read_question(asked, vector, retriever.embedder.embed_query)
            filters = Filters.of(item.filters).within(asked.period)
            values = retriever.features(asked, retriever.ranked(asked, filters, vector))
            rows.append([values[f] for f in FEATURES])
            vectors.append(read)
            labels.append(0 if item.expect_abstain else 1)
            groups.append(group)
            written.append(copy == 0)
            near.append(item.near_miss)
    return Labelled(
        np.asarray(rows),
        np.asarray(vectors),
        np.asarray(labels),
        np.asarray(groups),
        np.asarray(written),
        np.asarray(near),
    )


def _reader(data: Labelled, rows: np.ndarray) -> LogisticRegression:
    """The question-embedding model, learned from ``rows`` less the near misses."""
    kinds = rows[~data.near_miss[rows]]
    return _kind_model().fit(data.v[kinds], data.y[kinds])


def _folds(
    group: np.ndarray, written: np.ndarray, seed: int = 13
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Five (train, test) splits by question: a question and its copy fall in the same
    fold, and only questions as written are tested."""
    order = sorted(set(group.tolist()))
    random.Random(seed).shuffle(order)
    out = []
    for fold in range(FOLDS):
        held = np.isin(group, order[fold::FOLDS])
        out.append((np.flatnonzero(~held), np.flatnonzero(held & written)))
    return out


def out_of_fold_kind(data: Labelled, rows: np.ndarray) -> np.ndarray:
    """The kind score of each of ``rows`` from a question-embedding model that saw
    neither that question nor its copy, so the evidence model learns how far to trust
    the score on new questions."""
    out = np.zeros(len(rows))
    group, everything = data.group[rows], np.ones(len(rows), dtype=bool)
    for train, test in _folds(group, everything, seed=7):
        out[test] = _reader(data, rows[train]).decision_function(data.v[rows[test]])
    return out


def cross_validated(data: Labelled, columns: Sequence[int], kind: bool = True) -> np.ndarray:
    """Each question's (as written) probability of being answerable, from models that saw
    neither it nor its copy; with ``kind``, the question-embedding score stacked."""
    out = np.zeros(len(data.y))
    for train, test in _folds(data.group, data.written):
        x_train, x_test = data.x[train][:, columns], data.x[test][:, columns]
        if kind:
            reader = _reader(data, train)
            x_train = np.column_stack([x_train, out_of_fold_kind(data, train)])
            x_test = np.column_stack([x_test, reader.decision_function(data.v[test])])
        out[test] = _model().fit(x_train, data.y[train]).predict_proba(x_test)[:, 1]
    return out[data.written]


def held_out_batches(data: Labelled) -> list[str]:
    """Each blind batch held out in turn (``tune2`` ...), the models learned from every
    other file: how declining carries over to a batch's new kinds of question. The
    threshold is set on the training questions (at most 3% of answerable declined)."""
    sizes = [len(load_items(REPO_ROOT / "eval" / name)) for name in TRAINING]
    files = np.repeat(np.arange(len(TRAINING)), sizes)[data.group]
    lines = [f"{'held out':22} {'declined':>12} {'answerable declined':>20} {'AUC':>6}"]
    for n, name in enumerate(TRAINING):
        if not name.startswith("tune") or name == "tune_questions.jsonl":
            continue
        train, test = np.flatnonzero(files != n), np.flatnonzero((files == n) & data.written)
        reader = _reader(data, train)
        x_train = np.column_stack([data.x[train], out_of_fold_kind(data, train)])
        x_test = np.column_stack([data.x[test], reader.decision_function(data.v[test])])
        model = _model().fit(x_train, data.y[train])
        seen = data.written[train]
        cut = threshold(model.predict_proba(x_train)[seen, 1], data.y[train][seen], 0.03)
        p, y = model.predict_proba(x_test)[:, 1], data.y[test]
        caught, wrong = int(((p < cut) & (y == 0)).sum()), int(((p < cut) & (y == 1)).sum())
        lines.append(
            f"{name:22} {caught:>5}/{(y == 0).sum():<6} {wrong:>11}/{(y == 1).sum():<8}"
            f" {roc_auc_score(y, p):6.3f}"
        )
    return lines


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
    parser.add_argument(
        "--without-kind",
        action="store_true",
        help="write a model without the question-embedding score (for comparison)",
    )
    args = parser.parse_args(argv)
    retriever = Retriever.open()
    data = gather(retriever)
    y = data.y[data.written]
    every = list(range(len(FEATURES)))
    without_scope = [i for i, f in enumerate(FEATURES) if f != "out_of_scope"]
    thresholds = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    for name, columns, kind in (
        ("the search's evidence, the scope rules and the question's kind", every, True),
        ("without the question's kind", every, False),
        ("without the scope rules", without_scope, True),
    ):
        p = cross_validated(data, columns, kind)
        print(f"declining, cross-validated over {len(y)} questions ({(y == 0).sum()} to decline),")
        print(f"{name}:")
        print("\n".join(table(p, y, thresholds)))
        print()
    print("declining on a blind batch held out, learned from every other file:")
    print("\n".join(held_out_batches(data)))
    print()
    kind = not args.without_kind
    p = cross_validated(data, every, kind)
    decline_below = threshold(p, y, args.max_wrong)
    everything = np.arange(len(data.y))
    reader = _reader(data, everything) if kind else None
    if reader is not None:
        model = _model().fit(np.column_stack([data.x, out_of_fold_kind(data, everything)]), data.y)
    else:
        model = _model().fit(data.x, data.y)
    names = [*FEATURES, QUESTION_KIND] if kind else list(FEATURES)
    report = {
        "weights": {f: round(float(w), 4) for f, w in zip(names, model.coef_[0], strict=True)},
        "bias": round(float(model.intercept_[0]), 4),
    }
    if reader is not None:
        report[QUESTION_KIND] = {
            "weights": [round(float(w), 5) for w in reader.coef_[0]],
            "bias": round(float(reader.intercept_[0]), 5),
            "reads": READS_ASKS,
        }
    report |= {
        "decline_below": decline_below,
        "embedding_model": base_model_id(retriever.embedder),
        "trained_on": [f"eval/{n}" for n in TRAINING],
        "questions": int(len(y)),
        "to_decline": int((y == 0).sum()),
        "answerable_copies_with_a_place": int((~data.written).sum()),
        "cross_validated_at_threshold": table(p, y, [decline_below])[1].split(maxsplit=1)[1],
    }
    Path(OUT).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if reader is not None:  # the weights are in the file; a count is enough on screen
        report = report | {QUESTION_KIND: f"{len(reader.coef_[0])} weights and a bias"}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
