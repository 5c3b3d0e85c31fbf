"""Neutral corpus search for people annotating evaluation questions: plain BM25 over
whole records, not the product, so gold answers are not found by the system judged.

  python -m evaluation.corpus_search "query words" [-k 20] [--minister NAME] [--department TEXT]
  python -m evaluation.corpus_search --show ID [ID ...]     # the full records
"""

from __future__ import annotations

import argparse
import html
import json
import re
from pathlib import Path
from typing import Any

import bm25s
import Stemmer

CORPUS = Path(__file__).resolve().parent.parent / "docs_corpus" / "send_written_questions.jsonl"


def plain(text: str | None) -> str:
    text = re.sub(r"<br\s*/?>|</p>", "\n", text or "")
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()


def _name(member: Any) -> str | None:
    return member.get("name") if isinstance(member, dict) else None


def _line(r: dict[str, Any]) -> str:
    cut = " | TRUNCATED" if (r.get("_corpus") or {}).get("answerTruncated") else ""
    minister = _name(r.get("answeringMember")) or "-"
    return (
        f"{r['id']} | {r.get('heading') or '-'} | minister: {minister}"
        f" | dept: {r.get('answeringBodyName') or '-'} | answered: "
        f"{(r.get('dateAnswered') or '-')[:10]}{cut}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("query", nargs="?")
    parser.add_argument("-k", type=int, default=20)
    parser.add_argument("--show", nargs="+", type=int)
    parser.add_argument("--minister")
    parser.add_argument("--department")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.corpus.read_text().splitlines() if line.strip()]
    if args.show:
        by_id = {r["id"]: r for r in records}
        for i in args.show:
            r = by_id.get(i)
            if r is None:
                print(f"{i}: not in the corpus")
                continue
            print("=" * 80, _line(r), "QUESTION: " + plain(r.get("questionText")), sep="\n")
            print("ANSWER: " + plain(r.get("answerText")) + "\n")
        return 0
    stemmer = Stemmer.Stemmer("english")
    docs = [
        " ".join([r.get("heading") or "", plain(r.get("questionText")), plain(r.get("answerText"))])
        for r in records
    ]
    model = bm25s.BM25()
    model.index(bm25s.tokenize(docs, stopwords="en", stemmer=stemmer, show_progress=False))
    query = bm25s.tokenize([args.query or ""], stopwords="en", stemmer=stemmer, show_progress=False)
    ids, scores = model.retrieve(query, k=min(len(records), 200), show_progress=False)
    shown = 0
    for d, s in zip(ids[0], scores[0], strict=True):
        r = records[int(d)]
        if (
            args.minister
            and (_name(r.get("answeringMember")) or "").lower() != args.minister.lower()
        ):
            continue
        if (
            args.department
            and args.department.lower() not in (r.get("answeringBodyName") or "").lower()
        ):
            continue
        print(f"{s:6.2f} {_line(r)}\n       Q: {plain(r.get('questionText'))[:200]}")
        print(f"       A: {plain(r.get('answerText'))[:300]}")
        shown += 1
        if shown >= args.k:
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
