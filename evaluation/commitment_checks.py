"""How well commitments are read: concrete or general, kind, deliverable and promised
time, against the hand labels in ``eval/commitment_details.jsonl`` (each set apart).

    .venv/bin/python -m evaluation.commitment_checks [--show]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from rag.advocacy import kind_of
from rag.advocacy.details import details

_WORDS = re.compile(r"[a-z0-9£][a-z0-9£.,/-]*[a-z0-9]|[a-z0-9]")
LABELS = Path(__file__).resolve().parent.parent / "eval" / "commitment_details.jsonl"


def _overlaps(found: str, wanted: str) -> bool:
    """The same thing: most words of the shorter span are in the longer (labels and rules
    trim spans differently: "up to £15 million" and "£15 million to build the evidence")."""
    a, b = set(_WORDS.findall(found.casefold())), set(_WORDS.findall(wanted.casefold()))
    if not a or not b:
        return False
    return len(a & b) >= 0.6 * min(len(a), len(b))


def score(rows: list[dict]) -> dict[str, str]:
    commitments = [r for r in rows if r["forward_looking"]]
    said = [(r, details(r["sentence"]), kind_of(r["sentence"])) for r in commitments]
    called = [(r, d) for r, d, _ in said if d.concrete]
    general = [(r, d) for r, d, _ in said if not d.concrete]
    kinds = sum(k == r["kind"] for r, _, k in said)
    named = [(r, d) for r, d, _ in said if r["deliverable"]]
    timed = [(r, d) for r, d, _ in said if r["promised_time"]]
    return {
        "commitments": str(len(commitments)),
        "concrete precision": _share(sum(r["concrete"] for r, _ in called), len(called)),
        "concrete recall": _share(
            len([1 for r, _ in called if r["concrete"]]), sum(r["concrete"] for r in commitments)
        ),
        "general precision": _share(sum(not r["concrete"] for r, _ in general), len(general)),
        "kind accuracy": _share(kinds, len(said)),
        "deliverable found": _share(
            sum(_overlaps(d.deliverable, r["deliverable"]) for r, d in named), len(named)
        ),
        "promised time found": _share(
            sum(_overlaps(d.promised_time, r["promised_time"]) for r, d in timed), len(timed)
        ),
    }


def _share(n: int, of: int) -> str:
    return f"{n / of:.3f} ({n}/{of})" if of else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print each disagreement")
    args = parser.parse_args()
    sets: dict[str, list[dict]] = defaultdict(list)
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            sets[row["set"]].append(row)
    for name, rows in sets.items():
        print(f"== {name} ({len(rows)} sentences)")
        for key, value in score(rows).items():
            print(f"  {key:22} {value}")
        if args.show:
            for r in rows:
                if not r["forward_looking"]:
                    continue
                d, k = details(r["sentence"]), kind_of(r["sentence"])
                if d.concrete != r["concrete"] or k != r["kind"]:
                    print(
                        f"  - {r['item']}: concrete {d.concrete} (label {r['concrete']}), "
                        f"kind {k} (label {r['kind']}): {r['sentence'][:120]}"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
