"""Retrieval on questions with typos, with and without spelling correction, in one run.

Each seed misspells about 30% of the words of six letters or more in every question
(one swap, drop, doubling or vowel substitution each), as a parent typing on a
phone might. Run: .venv/bin/python benchmarks/typo_robustness.py [EVAL.jsonl] [--seeds 5]
Needs a built index (`python -m rag build`).
"""

import argparse
import random
import re
import statistics
from dataclasses import replace
from pathlib import Path

from evaluation import EvalItem, load_items, score
from rag.search import Retriever

_LONG_WORD = re.compile(r"[A-Za-z]{6,}")


def misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(("swap", "drop", "double", "vowel"))
    if edit == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if edit == "drop":
        return word[:i] + word[i + 1 :]
    if edit == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiou") + word[i + 1 :]


def with_typos(items: list[EvalItem], seed: int) -> list[EvalItem]:
    rng = random.Random(seed)

    def typo(m: re.Match[str]) -> str:
        return misspell(m.group(), rng) if rng.random() < 0.3 else m.group()

    return [replace(i, question=_LONG_WORD.sub(typo, i.question)) for i in items]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("eval_file", type=Path, nargs="?", default=Path("eval/dev_questions.jsonl"))
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    items = load_items(args.eval_file)
    corrected = Retriever.open()
    retrievers = {True: corrected, False: corrected.with_settings(correct_spelling=False)}

    print(f"{'questions':16} {'spelling':10} {'hit@5':>6} {'MRR@10':>7} {'parent MRR@10':>14}")
    sets = [("as written", items)] + [
        (f"typos, seed {s}", with_typos(items, s)) for s in range(1, args.seeds + 1)
    ]
    totals: dict[bool, list[float]] = {True: [], False: []}
    for name, questions in sets:
        for correct in (False, True):
            r = retrievers[correct]
            s = score(lambda q, f, r=r: [p.source.key for p in r.retrieve(q, k=10, **f)], questions)
            mrr = statistics.mean(s["overall"].rr10)
            if name != "as written":
                totals[correct].append(mrr)
            print(
                f"{name:16} {'corrected' if correct else 'off':10} "
                f"{statistics.mean(s['overall'].hits5):6.3f} {mrr:7.3f} "
                f"{statistics.mean(s['parent'].rr10):14.3f}"
            )
    print(
        f"mean MRR@10 over {args.seeds} typo seeds: off {statistics.mean(totals[False]):.3f}, "
        f"corrected {statistics.mean(totals[True]):.3f}"
    )


if __name__ == "__main__":
    main()
