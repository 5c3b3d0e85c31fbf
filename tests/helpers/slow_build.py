"""Run a build that embeds slowly, so a test can kill it or race it: ``CORPUS INDEX``.

Prints "building" once it is embedding (the lock held, the new build half-written)."""

import sys
import time
from pathlib import Path

import rag.index
from rag.config import Settings
from tests.conftest import FakeEmbedder


class SlowEmbedder(FakeEmbedder):
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not self.embedded:
            print("building", flush=True)  # the lock is held and the new build half-written
        time.sleep(0.15)
        return super().embed_documents(texts)


rag.index.EMBED_BATCH = 1  # many small batches (at least 1.8 s): many points at which to die
settings = Settings(corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]))
report = rag.index.build_index(settings=settings, embedder=SlowEmbedder(), progress=False)
print("done", report.embedded, flush=True)
