"""How well commitments are read: concrete or general, kind, deliverable and promised
time, against the hand labels in ``eval/commitment_details.jsonl``; and how well later
answers are linked to them and classed, against ``eval/follow_through_checks.jsonl``
(pairs the product linked, judged by hand). Each set is reported apart: ``first`` was
tuned on, ``fresh`` was labelled after the rules were frozen.

    .venv/bin/python -m evaluation.commitment_checks [--show]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

from rag.advocacy import kind_of
from rag.advocacy.details import details
from rag.advocacy.follow_through import Promise

_WORDS = re.compile(r"[a-z0-9£][a-z0-9£.,/-]*[a-z0-9]|[a-z0-9]")
EVAL = Path(__file__).resolve().parent.parent / "eval"
LABELS = EVAL / "commitment_details.jsonl"
PAIRS = EVAL / "follow_through_checks.jsonl"


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


def follow_through(rows: list[dict]) -> dict[str, str]:
    """Precision of the links and statuses the product gives the judged pairs today
    (a pair the rules no longer link is left out, and counted)."""
    given = []
    for r in rows:
        promise = Promise(r["promise"], date.fromisoformat(r["promise_date"]))
        status = promise.follows(r["later"], date.fromisoformat(r["later_date"]))
        if status is not None:
            given.append((r, status))
    out = {
        "pairs judged": str(len(rows)),
        "still linked": str(len(given)),
        "link precision": _share(sum(r["same"] for r, _ in given), len(given)),
        "status precision": _share(
            sum(r["same"] and r["status"] == s for r, s in given), len(given)
        ),
    }
    for status in ("delivered", "moved", "repeated", "withdrawn"):
        mine = [(r, s) for r, s in given if s == status]
        if mine:
            right = sum(r["same"] and r["status"] == s for r, s in mine)
            out[f"  {status}"] = _share(right, len(mine))
    return out


def _read(path: Path) -> dict[str, list[dict]]:
    sets: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            sets[row["set"]].append(row)
    return sets


def _share(n: int, of: int) -> str:
    return f"{n / of:.3f} ({n}/{of})" if of else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print each disagreement")
    args = parser.parse_args()
    for name, rows in _read(LABELS).items():
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
    for name, rows in _read(PAIRS).items():
        print(f"== follow-through, {name} ({len(rows)} pairs)")
        for key, value in follow_through(rows).items():
            print(f"  {key:22} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
