"""Command line: ``python -m rag build | ask | info``. Errors become one-line messages here."""

from __future__ import annotations

import argparse
import sys
import textwrap

from rag.errors import RagError
from rag.filters import FILTER_NAMES
from vectorstore import StoreError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rag", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build or update the index from the corpus")
    build.add_argument("--rebuild", action="store_true", help="drop the index and embed all")
    build.add_argument("--quiet", action="store_true", help="no progress bar")

    ask = commands.add_parser("ask", help="print the top passages for a question")
    ask.add_argument("question")
    ask.add_argument("-k", type=int, default=5)
    for name in FILTER_NAMES:
        ask.add_argument(f"--{name.replace('_', '-')}", dest=name)

    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        return _ask(args)
    except (RagError, StoreError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def _build(args: argparse.Namespace) -> int:
    from rag.index import build_index

    report = build_index(rebuild=args.rebuild, progress=not args.quiet)
    print(report.summary())
    return 0


def _ask(args: argparse.Namespace) -> int:
    from rag.retrieve import retrieve

    filters = {name: getattr(args, name) for name in FILTER_NAMES}
    passages = retrieve(args.question, k=args.k, **filters)
    if not passages:
        print("No passages found (check the filters, or rephrase the question).")
    for n, p in enumerate(passages, 1):
        s = p.source
        print(f"[{n}] {s.title}  (confidence {p.score:.2f})")
        print(
            f"    UIN {s.uin or 'unknown'} | answered by {s.answered_by or 'unknown'}"
            f" ({s.department or 'department unknown'}) on "
            f"{s.date_answered or 'an unknown date'}"
        )
        print(f"    {s.url or s.origin}")
        if s.truncated:
            print("    (only the first 255 characters of this answer are held)")
        print(textwrap.indent(textwrap.fill(p.text, 96), "    "))
        print()
    return 0
