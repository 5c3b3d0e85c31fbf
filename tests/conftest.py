"""Shared fixtures: a small real-format corpus and a predictable fake embedder."""

from __future__ import annotations

import hashlib
import math
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.config import Settings, set_offline_env

set_offline_env()

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_CORPUS = FIXTURES / "corpus"
_WORD = re.compile(r"[a-z0-9]+")


class FakeEmbedder:
    """Bag-of-words vectors: texts sharing words are similar, so ranking can be asserted."""

    model_id = "fake-bag-of-words-256"
    dims = 256

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dims
        for word in _WORD.findall(text.lower()):
            if len(word) > 2:
                vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dims] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, target)
    return target


@pytest.fixture
def settings(tmp_path: Path, corpus_dir: Path) -> Settings:
    return Settings(corpus_dir=corpus_dir, index_dir=tmp_path / "index")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A real local Chroma server (``chroma run``) on a free 127.0.0.1 port."""
    chroma = Path(sys.executable).with_name("chroma")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = (data / "server.log").open("w")
    proc = subprocess.Popen(
        [
            str(chroma),
            "run",
            "--path",
            str(data / "db"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"chroma run did not start: {(data / 'server.log').read_text()}")
            time.sleep(0.2)
    yield "127.0.0.1", port
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(scope="session", params=["embedded", "chroma-server"])
def built_index(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    """One fixture index for the read-only retrieval tests, in each kind of store."""
    from rag.index import build_index

    root = tmp_path_factory.mktemp("built")
    settings = Settings(corpus_dir=FIXTURE_CORPUS, index_dir=root / "index")
    if request.param == "chroma-server":
        host, port = request.getfixturevalue("chroma_server")
        settings = Settings(
            corpus_dir=FIXTURE_CORPUS, index_dir=root / "index", chroma_host=host, chroma_port=port
        )
    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    return settings


@pytest.fixture(scope="session")
def retriever(built_index: Settings):
    from rag.search import Retriever

    return Retriever.open(built_index, embedder=FakeEmbedder())


@pytest.fixture(scope="session")
def real_index(tmp_path_factory: pytest.TempPathFactory):
    """The real model over the shipped corpus, built once per test session."""
    from rag.config import REPO_ROOT
    from rag.index import build_index

    settings = Settings(
        corpus_dir=REPO_ROOT / "docs_corpus", index_dir=tmp_path_factory.mktemp("real") / "index"
    )
    report = build_index(settings=settings, embedder=_real_embedder(), progress=False)
    return settings, report


@pytest.fixture(scope="session")
def real_retriever(real_index):
    from rag.search import Retriever

    settings, _ = real_index
    return Retriever.open(settings, embedder=_real_embedder())


_EMBEDDER = []


def _real_embedder():
    from rag.index import SentenceEmbedder

    if not _EMBEDDER:
        _EMBEDDER.append(SentenceEmbedder())
    return _EMBEDDER[0]


class PassagesRetriever:
    """A stand-in retriever (``rag.search.Backend``) that finds the passages it is given."""

    embedder = None
    build = "stand-in"

    def __init__(self, passages, *, speller=None, answerable=None) -> None:
        self.passages = list(passages)
        self.speller = speller
        self.answerable = answerable  # what a learned decline model would say; None: none
        self.sources = {p.source.key: p.source for p in self.passages}

    def understand(self, text, *, history=(), rewrite=None):
        from rag.search import understand

        return understand(text, history=history, speller=self.speller, rewrite=rewrite)

    def search(self, question, *, k=5, filters=None):
        from rag.search import NO_FILTERS, Retrieval

        applied = (filters or NO_FILTERS).within(question.period)
        return Retrieval(question, applied, self.passages[:k], answerable=self.answerable)


class CalibratedRetriever:
    """The fixture retriever with real-model-like confidences (the fake embedder's are not)."""

    def __init__(self, retriever) -> None:
        self._retriever = retriever

    @property
    def sources(self):
        return self._retriever.sources

    @property
    def build(self):
        return self._retriever.build

    @property
    def embedder(self):
        return self._retriever.embedder

    def understand(self, text, *, history=(), rewrite=None):
        return self._retriever.understand(text, history=history, rewrite=rewrite)

    def search(self, question, *, k=5, filters=None):
        from dataclasses import replace

        from rag.search import NO_FILTERS

        found = self._retriever.search(question, k=k, filters=filters or NO_FILTERS)
        calibrated = [
            replace(p, score=max(0.0, round(0.9 - i / 20, 2))) for i, p in enumerate(found.passages)
        ]
        # The fake embedder's similarities are not the model's: neither is a confidence
        # learned from them, so the answer step falls back to the calibrated scores.
        return replace(found, passages=calibrated, confidence=None, answerable=None)


@pytest.fixture(scope="session")
def feedback_store(tmp_path_factory):
    from rag.feedback import FeedbackStore

    return FeedbackStore(tmp_path_factory.mktemp("feedback") / "feedback.sqlite")


@pytest.fixture(scope="session")
def ui_server(retriever, feedback_store):
    """The real app on a free 127.0.0.1 port, over the fixture index."""
    import rag
    from ui.app import ASSETS, build_app
    from ui.tools import ToolBackends

    backend = CalibratedRetriever(retriever)
    app = build_app(
        lambda q, **f: rag.answer(q, retriever=backend, **f),
        ministers=["Catherine McKinnell"],
        departments=["Treasury"],
        date_range="13 written answers",
        commitments_fn=lambda topic, **f: rag.commitments(topic, retriever=backend, **f),
        tools=ToolBackends(
            search=lambda q, **f: rag.retrieve(q, retriever=backend, **f),
            lookup=lambda ref: rag.lookup(ref, retriever=backend),
            commitments=lambda topic, **f: rag.commitments(topic, retriever=backend, **f),
        ),
        feedback=feedback_store,
    )
    port = free_port()
    app.queue().launch(
        server_name="127.0.0.1",
        server_port=port,
        share=False,
        prevent_thread_lock=True,
        mcp_server=True,
        **ASSETS,
    )
    yield f"http://127.0.0.1:{port}/"
    app.close()
