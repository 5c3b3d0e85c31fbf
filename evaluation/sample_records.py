"""Sample corpus records to write evaluation questions from, across every topic.

Records are clustered by topic (the embedding model over heading and question, k-means),
and seeds are drawn from every cluster in proportion to its size, at least one each, so
rare topics count. Clusters are then split into two halves of about equal size (tune
and test), so that no topic is in both. Only substantive, complete answers are seeds.

Run: python -m evaluation.sample_records OUT_DIR [--seeds 150] [--clusters 30]
Writes OUT_DIR/seeds.jsonl (what a question writer may see: no answer text) and
OUT_DIR/clusters.json (every record's cluster and each cluster's half).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans

from rag import Source, get_settings
from rag.index import SentenceEmbedder
from rag.ingest import load_corpus

SEED = 13


def topic_text(source: Source) -> str:
    return f"{source.heading or ''}: {source.question_text}"[:1000]


def cluster(sources: list[Source], clusters: int) -> list[int]:
    vectors = np.asarray(SentenceEmbedder().embed_documents([topic_text(s) for s in sources]))
    return [int(c) for c in KMeans(clusters, random_state=SEED, n_init=10).fit_predict(vectors)]


def halves(sizes: dict[int, int]) -> dict[int, str]:
    """Whole clusters to "tune" or "test", largest first to the smaller half."""
    totals = {"tune": 0, "test": 0}
    out = {}
    for c, n in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        half = min(totals, key=lambda h: (totals[h], h))
        out[c] = half
        totals[half] += n
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seeds", type=int, default=150)
    parser.add_argument("--clusters", type=int, default=30)
    args = parser.parse_args(argv)
    sources = load_corpus(get_settings().corpus_dir).sources
    labels = cluster(sources, args.clusters)
    members: dict[int, list[Source]] = defaultdict(list)
    for s, c in zip(sources, labels, strict=True):
        members[c].append(s)
    half_of = halves({c: len(m) for c, m in members.items()})
    rng = random.Random(SEED)
    seeds = []
    for c, group in sorted(members.items()):
        usable = [s for s in group if s.answer_type == "substantive" and not s.truncated]
        share = max(1, round(args.seeds * len(group) / len(sources)))
        for s in rng.sample(usable, min(share, len(usable))):
            seeds.append(
                {
                    "seed_id": s.id,
                    "cluster": c,
                    "half": half_of[c],
                    "heading": s.heading,
                    "question_text": s.question_text,
                    "asked_by": s.asked_by,
                    "answered_by": s.answered_by,
                    "department": s.department,
                    "date_answered": s.date_answered.isoformat() if s.date_answered else None,
                }
            )
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "seeds.jsonl").open("w", encoding="utf-8") as f:
        for row in seeds:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    (args.out / "clusters.json").write_text(
        json.dumps(
            {
                "records": {s.key: c for s, c in zip(sources, labels, strict=True)},
                "halves": {str(c): h for c, h in half_of.items()},
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    print(f"{len(seeds)} seeds from {len(members)} clusters written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
