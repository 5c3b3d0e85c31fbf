"""Command line: ``python -m rag build | fetch | retrieve | answer | commitments | eval``.

Each command wraps one public function (``rag.build_index``, ``rag.retrieve``,
``rag.answer``, ``rag.commitments``, ...). Errors become one-line messages here.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rag.advocacy import STATUSES, CommitmentGroup, commitments, to_csv, to_rows
from rag.answering import Answer, answer
from rag.errors import RagError
from rag.index import build_index
from rag.ingest import ANSWER_TYPES, DEFAULT_TERMS, FetchOptions, fetch
from rag.search import FILTER_NAMES, retrieve
from rag.source import Passage, Source
from vectorstore import StoreError

EXAMPLES = {
    "build": "python -m rag build            # embeds only new or changed answers",
    "fetch": "python -m rag fetch --since-last && python -m rag build",
    "retrieve": 'python -m rag retrieve "school transport for disabled children" -k 3',
    "answer": 'python -m rag answer "Can the council refuse the school bus?" --json',
    "commitments": 'python -m rag commitments "SEND reform" --date-from 2024-07-04 --csv out.csv',
    "eval": "python -m rag eval eval/dev_questions.jsonl    # or: python -m rag eval --labels",
    "feedback": "python -m rag feedback --csv feedback.csv",
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (RagError, StoreError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m rag", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, run: Callable[..., int], **kw: Any) -> Any:
        sub = commands.add_parser(
            name,
            help=help,
            description=help,
            epilog=f"example:\n  {EXAMPLES[name]}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
            **kw,
        )
        sub.set_defaults(run=run)
        return sub

    build = command("build", "build or update the index from the corpus", _build)
    build.add_argument("--rebuild", action="store_true", help="drop the index and embed all")
    build.add_argument("--quiet", action="store_true", help="no progress bar")

    _fetch_arguments(
        command("fetch", "add new written answers from the official Written Questions API", _fetch)
    )

    found = command(
        "retrieve",
        "print the top passages for a question (rag.retrieve)",
        _retrieve,
        aliases=["ask"],
    )
    found.add_argument("question")
    found.add_argument("-k", type=int, default=5, help="how many passages (1-50, default 5)")
    _filter_arguments(found, FILTER_NAMES)
    found.add_argument("--json", action="store_true", help="passages as JSON, sources in full")

    reply = command("answer", "a grounded answer with numbered citations (rag.answer)", _answer)
    reply.add_argument("question")
    _filter_arguments(reply, FILTER_NAMES)
    reply.add_argument("--json", action="store_true", help="the answer and citations as JSON")

    promised = command(
        "commitments",
        "what ministers said the government will do (rag.commitments)",
        _commitments,
    )
    promised.add_argument("topic", nargs="?", help="default: every answer held")
    _filter_arguments(promised, ("answered_by", "department", "date_from", "date_to"))
    promised.add_argument(
        "--status",
        choices=STATUSES,
        help="only promises whose later answers say this (e.g. delivered)",
    )
    promised.add_argument(
        "--concrete",
        action="store_true",
        help="only concrete promises (an amount, a number, a date or a named deliverable)",
    )
    promised.add_argument("--csv", type=Path, metavar="FILE", help="write every row as CSV")
    promised.add_argument("--json", action="store_true", help="rows as JSON")

    measure = command(
        "eval", "measure retrieval and answers on a question set, against baselines", _eval
    )
    measure.add_argument(
        "eval_file",
        nargs="?",
        type=Path,
        default=Path("eval/dev_questions.jsonl"),
        help="a question set (JSON lines; default eval/dev_questions.jsonl)",
    )
    measure.add_argument("--no-baselines", action="store_true", help="the product only")
    measure.add_argument(
        "--labels",
        action="store_true",
        help="instead, the precision of the answer-type and commitment rules",
    )
    kept = command(
        "feedback",
        "export the ratings and comments people gave answers (kept locally)",
        _feedback,
    )
    kept.add_argument("--csv", type=Path, metavar="FILE", required=True, help="write them here")
    kept.add_argument(
        "--candidates",
        type=Path,
        metavar="FILE",
        help="also write rated-down questions as candidate evaluation items (JSON lines)",
    )
    return parser


def _filter_arguments(parser: argparse.ArgumentParser, names: Sequence[str]) -> None:
    hints = {
        "answered_by": "a minister's name",
        "department": "e.g. Education (any department containing it)",
        "date_from": "answered on or after, YYYY-MM-DD",
        "date_to": "answered on or before, YYYY-MM-DD",
        "house": "Commons or Lords",
        "answer_type": f"one of {', '.join(ANSWER_TYPES)}",
    }
    for name in names:
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=hints[name])


def _fetch_arguments(fetch: argparse.ArgumentParser) -> None:
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
    fetch.add_argument(
        "--fill-missing",
        action="store_true",
        help="also fetch, by id, held records lacking a UIN, dates or the minister's name",
    )
    fetch.add_argument("--page-size", type=int, default=50, help="records a page (default 50)")
    fetch.add_argument("--quiet", action="store_true", help="no progress bars")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-01-31") from None


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {n: getattr(args, n) for n in FILTER_NAMES if getattr(args, n, None) is not None}


def _build(args: argparse.Namespace) -> int:
    print(build_index(rebuild=args.rebuild, progress=not args.quiet).summary())
    return 0


def _fetch(args: argparse.Namespace) -> int:
    options = FetchOptions(
        terms=tuple(args.search or DEFAULT_TERMS),
        answering_bodies=tuple(args.answering_body or ()),
        house=args.house,
        answered_from=args.answered_from,
        answered_to=args.answered_to,
        since_last=args.since_last,
        fill_truncated=args.fill_truncated,
        fill_missing=args.fill_missing,
        page_size=args.page_size,
    )
    print(fetch(options, progress=not args.quiet).summary())
    return 0


def _retrieve(args: argparse.Namespace) -> int:
    passages = retrieve(args.question, k=args.k, **_filters(args))
    if args.json:
        print(json.dumps([_passage_dict(p) for p in passages], indent=2, ensure_ascii=False))
        return 0
    if not passages:
        print("No passages found (check the filters, or rephrase the question).")
    for n, p in enumerate(passages, 1):
        s = p.source
        print(f"[{n}] {s.title}  (confidence {p.score:.2f})")
        print(f"    {_known(s)}")
        print(f"    {s.url or s.origin}")
        if s.answer_type != "substantive":
            print(f"    answer type: {ANSWER_TYPES[s.answer_type]}")
        if s.truncated:
            print("    (only the first 255 characters of this answer are held)")
        print(textwrap.indent(textwrap.fill(p.text, 96), "    "))
        print()
    return 0


def _answer(args: argparse.Namespace) -> int:
    reply = answer(args.question, **_filters(args))
    if args.json:
        print(json.dumps(_answer_dict(reply), indent=2, ensure_ascii=False))
        return 0
    print(reply.text)
    for c in reply.citations:
        print(f"\n[{c.n}] {c.source.title} · {_known(c.source)}")
        print(f"    {c.source.url or c.source.origin}")
    return 0


def _commitments(args: argparse.Namespace) -> int:
    groups = commitments(
        args.topic, status=args.status, concrete=True if args.concrete else None, **_filters(args)
    )
    if args.csv:
        args.csv.write_text(to_csv(groups), encoding="utf-8")
        print(f"wrote {len(groups)} commitments to {args.csv}", file=sys.stderr)
    if args.json:
        print(json.dumps(to_rows(groups), indent=2, ensure_ascii=False))
    elif not args.csv:
        _print_commitments(groups)
    return 0


def _print_commitments(groups: Sequence[CommitmentGroup]) -> None:
    if not groups:
        print("No commitments found (try a broader topic or fewer filters).")
    for row in to_rows(groups):
        repeated = f", made in {row['answers']} answers since {row['first_date']}"
        print(
            " · ".join(str(x) for x in (row["latest_date"], row["kind"], row["minister"]) if x)
            + (repeated if int(row["answers"]) > 1 else "")
        )
        print(textwrap.indent(textwrap.fill(str(row["commitment"]), 96), "    "))
        print(f"    {row['link']}")
        if row["concrete"] == "yes":
            when = f" · promised: {row['promised_time']}" if row["promised_time"] else ""
            print(f"    later answers: {row['status']}{when}")
        print()


def _eval(args: argparse.Namespace) -> int:
    # The measuring tools live outside the product package (evaluation/).
    if args.labels:
        from evaluation import labels

        return labels.run()
    from evaluation import report

    return report.run(args.eval_file, baselines=not args.no_baselines)


def _known(s: Source) -> str:
    """Who answered, for which department, when and the UIN, as far as they are known."""
    who = " ".join(
        x for x in (s.answered_by or "", f"({s.department})" if s.department else "") if x
    )
    return " · ".join(x for x in (who, s.date_label, f"UIN {s.uin}" if s.uin else "") if x)


def _feedback(args: argparse.Namespace) -> int:
    from rag.config import get_settings
    from rag.feedback import FeedbackStore

    path = get_settings().feedback_file
    if not path.exists():
        raise RagError(f"no feedback kept yet at {path} (RAG_FEEDBACK_FILE)")
    store = FeedbackStore(path)
    args.csv.write_text(store.to_csv(), encoding="utf-8")
    rows = store.rows()
    print(f"wrote {len(rows)} ratings and comments to {args.csv}", file=sys.stderr)
    if args.candidates:
        down = store.candidates()
        args.candidates.write_text("".join(json.dumps(d) + "\n" for d in down), encoding="utf-8")
        print(f"wrote {len(down)} rated-down questions to {args.candidates}", file=sys.stderr)
    return 0


def _passage_dict(p: Passage) -> dict[str, Any]:
    return {
        "text": p.text,
        "score": p.score,
        "relevance": p.relevance,
        "source": p.source.as_dict(),
    }


def _answer_dict(reply: Answer) -> dict[str, Any]:
    return {
        "text": reply.text,
        "abstained": reply.abstained,
        "understood_as": reply.question.reduced if reply.question else None,
        "citations": [
            {
                "n": c.n,
                "quote": c.quote,
                "answer_type": c.answer_type,
                "also_answered": [d.isoformat() for d in c.also_answered],
                "source": c.source.as_dict(),
            }
            for c in reply.citations
        ],
        "terms": [{"term": t.term, "explain": t.explain} for t in reply.glossary],
    }
