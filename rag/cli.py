"""Command line: ``python -m rag build | fetch | ask``. Errors become one-line messages here."""

from __future__ import annotations

import argparse
import sys
import textwrap
from datetime import date

from rag.answer_types import ANSWER_TYPES
from rag.errors import RagError
from rag.filters import FILTER_NAMES
from vectorstore import StoreError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rag", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build or update the index from the corpus")
    build.add_argument("--rebuild", action="store_true", help="drop the index and embed all")
    build.add_argument("--quiet", action="store_true", help="no progress bar")

    fetch = commands.add_parser(
        "fetch", help="add new written answers from the official Written Questions API"
    )
    fetch.add_argument(
        "--search",
        action="append",
        metavar="TERM",
        help="search term (repeatable; default: special educational needs and related terms)",
    )
    fetch.add_argument(
        "--answering-body",
        type=int,
        action="append",
        metavar="ID",
        help="answering body id (repeatable; Department for Education is 60)",
    )
    fetch.add_argument("--house", choices=["Commons", "Lords"], help="default: both")
    fetch.add_argument("--from", dest="answered_from", type=_iso_date, help="answered on or after")
    fetch.add_argument("--to", dest="answered_to", type=_iso_date, help="answered on or before")
    fetch.add_argument(
        "--since-last",
        action="store_true",
        help="from the newest answer date already held (overrides --from)",
    )
    fetch.add_argument(
        "--fill-truncated",
        action="store_true",
        help="also fetch the full text of held records whose answer was cut short",
    )
    fetch.add_argument("--page-size", type=int, default=50, help="records a page (default 50)")
    fetch.add_argument("--quiet", action="store_true", help="no progress bars")

    ask = commands.add_parser("ask", help="print the top passages for a question")
    ask.add_argument("question")
    ask.add_argument("-k", type=int, default=5)
    for name in FILTER_NAMES:
        ask.add_argument(f"--{name.replace('_', '-')}", dest=name)

    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "fetch":
            return _fetch(args)
        return _ask(args)
    except (RagError, StoreError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def _build(args: argparse.Namespace) -> int:
    from rag.index import build_index

    report = build_index(rebuild=args.rebuild, progress=not args.quiet)
    print(report.summary())
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from rag.fetch import DEFAULT_TERMS, FetchOptions, fetch

    options = FetchOptions(
        terms=tuple(args.search or DEFAULT_TERMS),
        answering_bodies=tuple(args.answering_body or ()),
        house=args.house,
        answered_from=args.answered_from,
        answered_to=args.answered_to,
        since_last=args.since_last,
        fill_truncated=args.fill_truncated,
        page_size=args.page_size,
    )
    print(fetch(options, progress=not args.quiet).summary())
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-01-31") from None


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
        if s.answer_type != "substantive":
            print(f"    answer type: {ANSWER_TYPES[s.answer_type]}")
        if s.truncated:
            print("    (only the first 255 characters of this answer are held)")
        print(textwrap.indent(textwrap.fill(p.text, 96), "    "))
        print()
    return 0
