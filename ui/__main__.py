"""``python -m ui``: open the index and serve the app (127.0.0.1 by default)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import rag
from rag.feedback import FeedbackStore
from ui.app import ASSETS, build_app
from ui.tools import ToolBackends


def main(argv: Sequence[str] | None = None) -> int:
    settings = rag.get_settings()
    parser = argparse.ArgumentParser(
        prog="python -m ui",
        description="Serve the chat and the Commitments tab over the built index.",
        epilog="example:\n  python -m ui --port 7861    # then open http://127.0.0.1:7861",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--host", default=settings.ui_host, help=f"default {settings.ui_host} (RAG_UI_HOST)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=settings.ui_port,
        help=f"default {settings.ui_port} (RAG_UI_PORT)",
    )
    args = parser.parse_args(argv)
    try:
        retriever = rag.default_retriever()  # fail now, not at the first question
        # the spelling dictionary and the embedding model, before the first user
        retriever.search(retriever.understand("warm up"))
        feedback = FeedbackStore(settings.feedback_file) if settings.feedback else None
    except rag.RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    app = build_app(
        # the default retriever, so a new `python -m rag build` is picked up without a restart
        lambda q, **f: rag.answer(q, **f),
        stream_fn=lambda q, **f: rag.answer_stream(q, **f),
        commitments_fn=rag.commitments,
        tools=ToolBackends(search=rag.retrieve, lookup=rag.lookup, commitments=rag.commitments),
        feedback=feedback,
        **rag.corpus_facets(retriever),
    )
    print(f"Serving on http://{args.host}:{args.port}")
    if settings.mcp:
        print(f"MCP tools for AI assistants: http://{args.host}:{args.port}/gradio_api/mcp/")
    # RAG_UI_CONCURRENCY: chosen with benchmarks/load_test.py (see README, "Load").
    app.queue(default_concurrency_limit=settings.ui_concurrency).launch(
        server_name=args.host,
        server_port=args.port,
        share=False,
        show_error=False,
        footer_links=["api"],
        mcp_server=settings.mcp,
        **ASSETS,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
