"""How often the department read from whom a question asks is the one that answered.

Run: .venv/bin/python benchmarks/departments.py PATH/commons_written_questions.jsonl.gz
Counts every record that carries a department: how many the rule reads a department
for (coverage) and how many of those it reads right (precision), with the commonest
misses.
"""

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from rag.ingest.departments import department_asked
from rag.ingest.html_text import html_to_text


def main() -> None:
    path = Path(sys.argv[1])
    opener = gzip.open if path.suffix == ".gz" else open
    held = read = right = 0
    wrong: Counter[tuple[str, str]] = Counter()
    without = derived_without = 0
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            guess = department_asked(html_to_text(record.get("questionText") or ""))
            actual = record.get("answeringBodyName")
            if not actual:
                without += 1
                derived_without += guess is not None
                continue
            held += 1
            if guess is None:
                continue
            read += 1
            if guess == actual:
                right += 1
            else:
                wrong[(guess, actual)] += 1
    print(
        f"records with a department: {held:,}; the rule reads one for {read:,} ({read / held:.1%})"
    )
    print(f"precision: {right:,} of {read:,} = {right / read:.2%} (the answering department)")
    print(f"records without a department: {without:,}; the rule reads one for {derived_without:,}")
    print("commonest differences (read, answered by):")
    for (guess, actual), n in wrong.most_common(8):
        print(f"  {n:4} {guess} -> {actual}")


if __name__ == "__main__":
    main()
