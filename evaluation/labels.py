"""``python -m rag eval --labels``: how many records get each answer type and how many
commitments are extracted, and the precision of both rule sets on hand-checked samples.

The samples (``eval/answer_type_checks.jsonl``, ``eval/commitment_checks.jsonl``) hold
a person's judgement of records and sentences. Precision is measured for the rules
as they are now: a checked record is scored by the label the rules give it today.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from rag import ANSWER_TYPES, get_settings
from rag.advocacy import extract, group, kind_of
from rag.config import REPO_ROOT
from rag.ingest import load_corpus

CHECKS = REPO_ROOT / "eval"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.labels", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=None, help="default: RAG_CORPUS_DIR")
    parser.add_argument("--checks", type=Path, default=CHECKS)
    args = parser.parse_args(argv)
    return run(args.corpus, args.checks)


def run(corpus: Path | None = None, checks_dir: Path = CHECKS) -> int:
    sources = load_corpus(corpus or get_settings().corpus_dir).by_key()

    labels = Counter(s.answer_type for s in sources.values())
    print(f"answer types over {len(sources)} records:")
    for label, shown in ANSWER_TYPES.items():
        print(f"  {label:17} {labels[label]:5}  ({shown})")
    refers = [s for s in sources.values() if s.answer_type == "refers_elsewhere"]
    resolved = sum(bool(s.refers_to) for s in refers)
    print(f"  references resolved to a record held: {resolved} of {len(refers)}")

    checks = _read(checks_dir / "answer_type_checks.jsonl")
    print(f"\nanswer-type precision on {len(checks)} hand-checked records:")
    scored: dict[str, list[bool]] = {}
    for row in checks:
        source = sources.get(row["key"])
        if source is not None:
            scored.setdefault(source.answer_type, []).append(source.answer_type == row["judged"])
    for label in ANSWER_TYPES:
        marks = scored.get(label, [])
        if marks:
            print(f"  {label:17} {sum(marks):3}/{len(marks):<3} = {sum(marks) / len(marks):.3f}")
        else:
            print(f"  {label:17}   no checked records")

    found = [c for s in sources.values() for c in extract(s)]
    groups = group(found)
    kinds = Counter(c.kind for c in found)
    print(
        f"\ncommitments: {len(found)} sentences in {len({c.source.key for c in found})} answers, "
        f"{len(groups)} distinct promises ({sum(g.answers > 1 for g in groups)} repeated); "
        + ", ".join(f"{k} {n}" for k, n in kinds.most_common())
    )
    rows = _read(checks_dir / "commitment_checks.jsonl")
    still = [r for r in rows if kind_of(r["sentence"])]
    good = sum(r["judged"] for r in still)
    print(
        f"commitment precision on {len(still)} hand-checked sentences the rules extract: "
        f"{good}/{len(still)} = {good / max(1, len(still)):.3f}"
        + (
            f" ({len(rows) - len(still)} checked sentences no longer extracted)"
            if len(still) < len(rows)
            else ""
        )
    )
    return 0


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


if __name__ == "__main__":
    raise SystemExit(main())
