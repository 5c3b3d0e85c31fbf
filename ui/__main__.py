"""``python -m ui``: open the index and serve the app (127.0.0.1 by default)."""

from __future__ import annotations

import sys

import rag
from ui.app import CSS, build_app


def main() -> int:
    settings = rag.get_settings()
    try:
        retriever = rag.Retriever.open(settings)
    except rag.RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    app = build_app(
        lambda q, **f: rag.answer(q, retriever=retriever, **f), **rag.corpus_facets(retriever)
    )
    print(f"Serving on http://{settings.ui_host}:{settings.ui_port}")
    app.queue(default_concurrency_limit=4).launch(
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
