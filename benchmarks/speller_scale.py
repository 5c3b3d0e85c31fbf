"""The spelling dictionary's cost at scale: build time, memory and time a question.

Run: .venv/bin/python benchmarks/speller_scale.py PATH/commons_written_questions.jsonl.gz
(the 65,584-record file is not shipped in the repository; any corpus JSONL works).
"""

import gzip
import json
import resource
import sys
import time
from pathlib import Path

from rag.index import record_text
from rag.ingest.parse_api import parse_record, records_in
from rag.search.spelling import Speller, english_words

QUESTION = "The councel is taking months to do the assesment, is that alowed? tribunel transprot"


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    path = Path(sys.argv[1])
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        texts = [
            record_text(parse_record(r, str(path)))
            for line in f
            if line.strip()
            for r in records_in(json.loads(line), str(path))
        ]
    english_words()
    before = rss_mib()
    started = time.perf_counter()
    speller = Speller(texts)
    built = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(200):
        fixed, _ = speller.correct(QUESTION)
    each_ms = (time.perf_counter() - started) / 200 * 1000
    print(
        f"{len(texts):,} records: dictionary built in {built:.1f} s, "
        f"peak RSS +{rss_mib() - before:.0f} MiB, {each_ms:.2f} ms a question"
    )
    print(f"  {QUESTION!r} -> {fixed!r}")


if __name__ == "__main__":
    main()
