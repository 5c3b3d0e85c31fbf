"""Run a build that embeds slowly, so a test can kill it or race it: ``CORPUS INDEX``.

Prints "building" once it is embedding (the lock held, the new build half-written)."""

import sys
import time
from pathlib import Path

from rag.config import Settings
from rag.index import build_index
from tests.conftest import FakeEmbedder


class SlowEmbedder(FakeEmbedder):
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not self.embedded:
            print("building", flush=True)  # the lock is held and the new build half-written
        time.sleep(0.15)
        return super().embed_documents(texts)


settings = Settings(corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]))
# Many small batches (at least 1.8 s): many points at which to die.
report = build_index(settings=settings, embedder=SlowEmbedder(), progress=False, embed_batch=1)
print("done", report.embedded, flush=True)
