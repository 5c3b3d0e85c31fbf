"""A build killed at any point, or racing another build, never breaks the serving index."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.config import REPO_ROOT, Settings
from rag.errors import IndexBusyError
from rag.index import BUILDS, build_index, current_build
from rag.search import Retriever
from tests.conftest import FakeEmbedder


def _change_every_answer(corpus: Path) -> None:
    path = corpus / "questions.jsonl"
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    for record in records:
        record["answerText"] += "<p>A paragraph added by a later correction.</p>"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def _start_slow_build(settings: Settings) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.slow_build", settings.corpus_dir, settings.index_dir],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "building", proc.stderr.read() if proc.stderr else ""
    return proc


# After "building" the slow build embeds for 1.8 s more, so each kill lands mid-build.
@pytest.mark.parametrize("kill_after", [0.0, 0.3, 0.8, 1.4])
def test_a_build_killed_with_sigkill_leaves_the_previous_index_serving(
    settings: Settings, kill_after: float
):
    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    serving = current_build(settings)
    before = Retriever.open(settings, embedder=FakeEmbedder()).retrieve("school transport", k=3)
    _change_every_answer(settings.corpus_dir)

    proc = _start_slow_build(settings)
    time.sleep(kill_after)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)

    assert current_build(settings) == serving
    after = Retriever.open(settings, embedder=FakeEmbedder()).retrieve("school transport", k=3)
    assert [p.source.key for p in after] == [p.source.key for p in before]
    assert all("later correction" not in p.source.answer_text for p in after)

    report = build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    assert report.embedded == report.deleted > 0  # the last chunk of every changed answer
    fresh = Retriever.open(settings, embedder=FakeEmbedder()).retrieve("school transport", k=3)
    assert all("later correction" in p.source.answer_text for p in fresh)
    # the half-written build is cleared away; the new and the previous one remain
    assert len(list((settings.index_dir / BUILDS).iterdir())) == 2


def test_a_second_build_while_one_runs_is_refused_with_a_clear_message(settings: Settings):
    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    _change_every_answer(settings.corpus_dir)
    proc = _start_slow_build(settings)
    try:
        with pytest.raises(IndexBusyError, match="another build is running.*wait for it"):
            build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    finally:
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.startswith("done")
    served = Retriever.open(settings, embedder=FakeEmbedder()).retrieve("school transport", k=3)
    assert all("later correction" in p.source.answer_text for p in served)


def test_an_open_retriever_keeps_answering_after_a_new_build_switches_in(settings: Settings):
    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    open_before = Retriever.open(settings, embedder=FakeEmbedder())
    _change_every_answer(settings.corpus_dir)
    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    assert open_before.retrieve("school transport", k=3)


def test_an_unchanged_corpus_makes_no_new_build(settings: Settings):
    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    serving = current_build(settings)
    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    assert current_build(settings) == serving


def test_a_pointer_to_a_missing_build_says_how_to_rebuild(settings: Settings):
    from rag.errors import IndexNotReadyError

    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    (settings.index_dir / "CURRENT").write_text("gone")
    with pytest.raises(IndexNotReadyError, match="missing build.*--rebuild"):
        Retriever.open(settings, embedder=FakeEmbedder())
