"""Index build and retrieval at scale: 1k, 10k and all 65,584 Commons written questions.

Run (about an hour on 2 cores; the corpus file is not shipped in the repository):
    .venv/bin/python benchmarks/scale.py PATH/commons_written_questions.jsonl.gz [--server]
        [--sizes 1000 10000 65584] [--work /tmp/rag-scale] [--encoders torch onnx onnx-int8]

With --encoders, each size is built once per encoder (RAG_ENCODER), side by side.

Each size is built in a fresh child process (so peak memory is that build's own),
from the first N records of the file, with the real model. The child reports
build time, embedding throughput next to the model's raw encode rate measured in
the same process (one encode call over 1,000 chunk texts: the ceiling here),
peak RSS, index size on disk, and warm latency p50/p95 of hybrid retrieval and of
plain dense search over the dev questions (each asked 3 times, filters included).

With --server, the same is run against a local `chroma run` server. To keep the
run within the hour the server builds reuse the vectors computed by the embedded
build of the same size (so their build time is storage and BM25 only).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="commons_written_questions.jsonl.gz")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 65584])
    parser.add_argument("--work", type=Path, default=Path("/tmp/rag-scale"))
    parser.add_argument("--server", action="store_true", help="also run against `chroma run`")
    parser.add_argument(
        "--encoders", nargs="+", default=["torch"], help="torch, onnx, onnx-int8 (RAG_ENCODER)"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        corpus = _subset(args.corpus, size, args.work / f"corpus-{size}")
        saved = args.work / f"vectors-{size}"
        saved.mkdir(exist_ok=True)
        for encoder in args.encoders:
            rows.append(
                _child(
                    corpus,
                    args.work / f"index-{size}-{encoder}",
                    store="embedded",
                    encoder=encoder,
                    # the server run reuses the first encoder's vectors
                    vectors_out=saved if encoder == args.encoders[0] else None,
                )
            )
            _print_table(rows)
        if args.server:
            with _chroma_server(args.work / f"server-{size}") as (port, data):
                rows.append(
                    _child(
                        corpus,
                        args.work / f"sindex-{size}",
                        store="server",
                        encoder=args.encoders[0],
                        port=port,
                        server_data=data,
                        vectors=saved,
                    )
                )
            _print_table(rows)
    return 0


def _subset(source: Path, size: int, folder: Path) -> Path:
    """The first ``size`` records, as a corpus folder."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "questions.jsonl"
    if not target.exists():
        with gzip.open(source, "rt", encoding="utf-8") as src, open(target, "w") as out:
            for n, line in enumerate(src):
                if n >= size:
                    break
                out.write(line)
    return folder


def _child(corpus: Path, index: Path, **options: Any) -> dict[str, Any]:
    shutil.rmtree(index, ignore_errors=True)
    spec = json.dumps({"corpus": str(corpus), "index": str(index), **_jsonable(options)})
    done = subprocess.run(
        [sys.executable, __file__, "--child", spec], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"child failed for {spec}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _jsonable(options: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Path) else v for k, v in options.items()}


class _ReusingEmbedder:
    """The real embedder, except for texts whose vectors an earlier build saved."""

    def __init__(self, inner: Any, saved: Path | None) -> None:
        self.inner, self.model_id = inner, inner.model_id
        self.rows: dict[str, int] = {}
        if saved is not None:
            self.vectors = np.load(saved / "vectors.npy")
            texts = json.loads((saved / "texts.json").read_text())
            self.rows = {t: n for n, t in enumerate(texts)}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        missing = [t for t in texts if t not in self.rows]
        fresh = dict(zip(missing, self.inner.embed_documents(missing), strict=True))
        return [fresh[t] if t in fresh else self.vectors[self.rows[t]].tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def _save_vectors(store: Any, settings: Any, folder: Path) -> None:
    """Every chunk's vector, keyed by its text, for the server run of the same size."""
    from rag.index import chunk_source
    from rag.ingest import load_corpus

    chunks = [c for s in load_corpus(settings.corpus_dir).sources for c in chunk_source(s)]
    out = np.zeros((len(chunks), 384), dtype=np.float32)
    for start in range(0, len(chunks), 5000):
        batch = chunks[start : start + 5000]
        got = store.vectors([c.id for c in batch])
        for n, c in enumerate(batch):
            out[start + n] = got[c.id]
    np.save(folder / "vectors.npy", out)
    (folder / "texts.json").write_text(json.dumps([c.text for c in chunks]))


def _run_child(spec: dict[str, Any]) -> dict[str, Any]:
    from rag.config import Settings, set_offline_env

    set_offline_env()
    import rag.index
    from evaluation import load_items, percentile
    from rag.index import make_embedder
    from rag.search import Retriever

    encoder = spec.get("encoder", "torch")
    # the build's sentence vectors (for quotes) are left out: this measures retrieval,
    # and at 65k records they would be most of the build
    settings = Settings(
        corpus_dir=Path(spec["corpus"]),
        index_dir=Path(spec["index"]),
        encoder=encoder,
        sentence_vectors=False,
    )
    if spec["store"] == "server":
        settings = settings.model_copy(
            update={"chroma_host": "127.0.0.1", "chroma_port": spec["port"]}
        )
    model = make_embedder(encoder, None, settings.index_dir.parent / f"encoders-{encoder}")
    embedder = _ReusingEmbedder(model, Path(spec["vectors"]) if spec.get("vectors") else None)

    started = time.perf_counter()
    report = rag.index.build_index(settings=settings, embedder=embedder, progress=False)
    build_s = time.perf_counter() - started
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    disk = _du(settings.index_dir) + (
        _du(Path(spec["server_data"])) if spec["store"] == "server" else 0
    )

    sample = [c.text for c in _chunk_sample(settings, 1000)]
    t = time.perf_counter()
    model.embed_documents(sample)
    raw_rate = len(sample) / (time.perf_counter() - t)

    retriever = Retriever.open(settings, embedder=model)
    items = load_items(REPO / "eval" / "dev_questions.jsonl")
    hybrid, dense = [], []
    for item in items:  # warm-up
        retriever.retrieve(item.question, k=10, **item.filters)
    for _ in range(3):
        for item in items:
            t = time.perf_counter()
            retriever.retrieve(item.question, k=10, **item.filters)
            hybrid.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            retriever.store.query(item.question, k=10)
            dense.append((time.perf_counter() - t) * 1000)
    quality = _quality(retriever, items)
    if spec["store"] == "embedded" and spec.get("vectors_out"):
        _save_vectors(retriever.store, settings, Path(spec["vectors_out"]))
    return {
        "store": "server (vectors reused)" if spec["store"] == "server" else "embedded",
        "encoder": encoder,
        "records": report.sources,
        "chunks": report.chunks,
        "build_s": round(build_s, 1),
        "embedded": report.embedded,
        "chunks_per_s": (
            round(report.embedded / build_s, 1) if spec["store"] == "embedded" else None
        ),
        "raw_encode_per_s": round(raw_rate, 1),
        "peak_rss_mib": round(peak_rss / 2**20),
        "disk_mib": round(disk / 2**20, 1),
        "hybrid_p50_ms": round(percentile(hybrid, 0.5), 1),
        "hybrid_p95_ms": round(percentile(hybrid, 0.95), 1),
        "dense_p50_ms": round(percentile(dense, 0.5), 1),
        "dense_p95_ms": round(percentile(dense, 0.95), 1),
        **quality,
    }


def _quality(retriever: Any, items: list[Any]) -> dict[str, Any]:
    """Dev-set MRR@10 over the questions whose gold answers this subset holds."""
    held = [i for i in items if not i.expect_abstain and i.gold & retriever.sources.keys()]
    rr = []
    for item in held:
        ranked = [p.source.key for p in retriever.retrieve(item.question, k=10, **item.filters)]
        first = next((n for n, key in enumerate(ranked, 1) if key in item.gold), None)
        rr.append(1 / first if first else 0.0)
    return {
        "dev_questions_held": len(held),
        "dev_mrr10": round(statistics.mean(rr), 3) if rr else None,
    }


def _chunk_sample(settings: Any, n: int) -> list[Any]:
    from rag.index import chunk_source
    from rag.ingest import load_corpus

    chunks = [c for s in load_corpus(settings.corpus_dir).sources[:2000] for c in chunk_source(s)]
    return chunks[:n]


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


class _chroma_server:
    def __init__(self, data: Path) -> None:
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        self.data = data
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]

    def __enter__(self) -> tuple[int, Path]:
        chroma = Path(sys.executable).parent / "chroma"
        self.log = open(self.data.parent / f"{self.data.name}.log", "w")
        self.proc = subprocess.Popen(
            [
                str(chroma),
                "run",
                "--path",
                str(self.data / "db"),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self.port, self.data
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("chroma run did not start") from None
                time.sleep(0.3)

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


COLUMNS = [
    "store",
    "encoder",
    "records",
    "chunks",
    "build_s",
    "chunks_per_s",
    "raw_encode_per_s",
    "peak_rss_mib",
    "disk_mib",
    "hybrid_p50_ms",
    "hybrid_p95_ms",
    "dense_p50_ms",
    "dense_p95_ms",
    "dev_questions_held",
    "dev_mrr10",
]


def _print_table(rows: list[dict[str, Any]]) -> None:
    print(" | ".join(COLUMNS))
    for row in rows:
        print(" | ".join(str(row.get(c)) for c in COLUMNS))
    print(flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(_run_child(json.loads(sys.argv[2]))))
    else:
        sys.exit(main())
