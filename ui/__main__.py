"""``python -m ui``: open the index and serve the app (127.0.0.1 by default)."""

from __future__ import annotations

import sys

import rag
from ui.app import CSS, build_app


def main() -> int:
    settings = rag.get_settings()
    try:
        retriever = rag.default_retriever()  # fail now, not at the first question
        retriever.speller  # noqa: B018  # build the spelling dictionary now, not at the first question
    except rag.RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    app = build_app(
        # the default retriever, so a new `python -m rag build` is picked up without a restart
        lambda q, **f: rag.answer(q, **f),
        commitments_fn=rag.commitments,
        **rag.corpus_facets(retriever),
    )
    print(f"Serving on http://{settings.ui_host}:{settings.ui_port}")
    # RAG_UI_CONCURRENCY: chosen with benchmarks/load_test.py (see README, "Load").
    app.queue(default_concurrency_limit=settings.ui_concurrency).launch(
        server_name=settings.ui_host,
        server_port=settings.ui_port,
        share=False,
        show_error=False,
        footer_links=["api"],
        css=CSS,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
