"""Learn when a written sentence counts as supported: ``rag/data/support.json``, a
logistic model over :data:`rag.answering.support.FEATURES` (see that module).

Labelled pairs: ``eval/support_pairs.jsonl`` (a sentence, the record it cites, supported
or not; written blind, split by record into a tune half and a test half). The model is
fitted on the tune half only; its threshold is the lowest at which the whole check
(citation, facts, advice, support) keeps the precision of "supported" at ``--precision``
or more on the tune half. Prints precision and recall of "supported" across thresholds
on both halves, beside the embedding similarity alone.

Run: python -m evaluation.learn_support [--precision 0.95] [--write]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from rag.answering.support import FEATURES, SentenceChecker, SupportModel, support_features
from rag.config import REPO_ROOT, get_settings
from rag.index import base_model_id, make_embedder
from rag.ingest import load_corpus

PAIRS = REPO_ROOT / "eval" / "support_pairs.jsonl"
OUT = REPO_ROOT / "rag" / "data" / "support.json"


@dataclass(frozen=True)
class Pair:
    sentence: str
    source: str
    supported: bool
    kind: str
    half: str


def load_pairs() -> list[Pair]:
    rows = [json.loads(line) for line in PAIRS.read_text("utf-8").splitlines() if line.strip()]
    return [
        Pair(r["sentence"], r["source"], r["label"] == "supported", r["kind"], r["half"])
        for r in rows
    ]


def precision_recall(kept: Sequence[bool], truth: Sequence[bool]) -> tuple[float, float, int]:
    tp = sum(k and t for k, t in zip(kept, truth, strict=True))
    shown = sum(kept)
    return (tp / shown if shown else 1.0), tp / max(1, sum(truth)), shown


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--precision", type=float, default=0.95)
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = parser.parse_args(argv)
    settings = get_settings()
    embedder = make_embedder(settings.encoder, settings.model_path, settings.index_dir / "encoders")
    sources = {s.key: s for s in load_corpus(settings.corpus_dir).sources}
    pairs = [p for p in load_pairs() if p.source in sources]
    x = np.asarray(
        [
            [support_features(p.sentence, [sources[p.source]], embedder)[f] for f in FEATURES]
            for p in pairs
        ]
    )
    y = np.asarray([p.supported for p in pairs])
    tune = np.asarray([p.half == "tune" for p in pairs])
    fitted = LogisticRegression(C=1.0, max_iter=1000).fit(x[tune], y[tune])
    weights = dict(zip(FEATURES, (round(float(w), 4) for w in fitted.coef_[0]), strict=True))
    bias = round(float(fitted.intercept_[0]), 4)

    def whole_check(threshold: float) -> list[bool]:
        model = SupportModel(weights, bias, threshold, base_model_id(embedder))
        return [
            SentenceChecker({1: sources[p.source]}, "", embedder, model)
            .check(p.sentence + " [1]")
            .kept
            for p in pairs
        ]

    probs = fitted.predict_proba(x)[:, 1]
    print(
        f"{len(pairs)} pairs ({int(tune.sum())} tune, {int((~tune).sum())} test); "
        f"weights {weights}, bias {bias}"
    )
    print("\nthreshold | tune: precision recall shown | test: precision recall shown")
    kept_at: dict[float, list[bool]] = {}
    for threshold in np.round(np.arange(0.30, 0.96, 0.05), 2):
        kept = whole_check(float(threshold))
        kept_at[float(threshold)] = kept
        cells = []
        for half in (tune, ~tune):
            p, r, n = precision_recall([k for k, h in zip(kept, half, strict=True) if h], y[half])
            cells.append(f"{p:9.3f} {r:6.3f} {n:5d}")
        print(f"{threshold:9.2f} | {cells[0]} | {cells[1]}")
    print("\nembedding similarity alone (no other check):")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        cells = []
        for half in (tune, ~tune):
            kept = list(x[half][:, 0] >= threshold)
            p, r, n = precision_recall(kept, y[half])
            cells.append(f"{p:9.3f} {r:6.3f} {n:5d}")
        print(f"{threshold:9.2f} | {cells[0]} | {cells[1]}")
    eligible = [
        t
        for t, kept in kept_at.items()
        if precision_recall([k for k, h in zip(kept, tune, strict=True) if h], y[tune])[0]
        >= args.precision
    ]
    if not eligible:
        print(f"\nno threshold reaches precision {args.precision} on the tune half")
        return 1
    chosen = min(eligible)
    kept = kept_at[chosen]
    report = {}
    for name, half in (("tune", tune), ("test", ~tune)):
        p, r, n = precision_recall([k for k, h in zip(kept, half, strict=True) if h], y[half])
        report[name] = {"precision": round(p, 3), "recall": round(r, 3), "kept": n}
    print(f"\nchosen threshold {chosen}: {report}")
    dropped_by_kind: dict[str, list[int]] = {}
    for p, k in zip(pairs, kept, strict=True):
        counts = dropped_by_kind.setdefault(f"{'+' if p.supported else '-'} {p.kind}", [0, 0])
        counts[0] += not k
        counts[1] += 1
    print("dropped by kind (both halves):")
    for kind, (dropped, total) in sorted(dropped_by_kind.items()):
        print(f"  {kind:20} {dropped:3d} of {total}")
    del probs
    if args.write:
        OUT.write_text(
            json.dumps(
                {
                    "weights": weights,
                    "bias": bias,
                    "threshold": chosen,
                    "embedding_model": base_model_id(embedder),
                    "trained_on": "eval/support_pairs.jsonl (tune half)",
                    "pairs": len(pairs),
                    "measured": report,
                },
                indent=1,
            )
            + "\n"
        )
        print(f"wrote {OUT.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
