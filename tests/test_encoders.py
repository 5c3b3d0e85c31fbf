"""RAG_ENCODER: the same model on torch or ONNX Runtime (fp32 or int8), never mixed."""

import logging

import numpy as np
import pytest

from rag.errors import IndexNotReadyError, RagError
from rag.index import build_index, make_embedder
from rag.index import embedding as embedding_module
from rag.search import Retriever
from tests.conftest import FakeEmbedder

TEXTS = [
    "The council must arrange free travel to school for eligible children.",
    "How long can an EHC needs assessment take?",
    "Special schools",
]


def test_an_unknown_encoder_says_which_exist():
    with pytest.raises(
        RagError, match="RAG_ENCODER must be one of torch, onnx, onnx-int8, got 'tpu'"
    ):
        make_embedder("tpu")


def test_a_failed_export_falls_back_to_torch_with_a_clear_message(monkeypatch, tmp_path, caplog):
    import rag.index.onnx_encoder as onnx_encoder

    def broken(*args, **kwargs):
        raise OSError("disk full")

    class Torch(FakeEmbedder):
        def __init__(self, model_path=None):
            super().__init__()

    monkeypatch.setattr(onnx_encoder, "export", broken)
    monkeypatch.setattr(embedding_module, "SentenceEmbedder", Torch)
    with caplog.at_level(logging.WARNING):
        embedder = make_embedder("onnx-int8", None, tmp_path)
    assert isinstance(embedder, Torch)
    assert "could not be prepared" in caplog.text and "disk full" in caplog.text
    assert "using the torch encoder instead" in caplog.text


class Int8(FakeEmbedder):
    model_id = FakeEmbedder.model_id + "+onnx-int8"


def test_an_index_built_with_one_encoder_is_not_queried_with_another(settings):
    build_index(settings=settings, embedder=Int8(), progress=False)
    with pytest.raises(IndexNotReadyError, match="rebuild"):
        Retriever.open(settings, embedder=FakeEmbedder())


@pytest.mark.slow
@pytest.mark.parametrize(("encoder", "least"), [("onnx", 0.999), ("onnx-int8", 0.95)])
def test_the_onnx_encoders_match_the_torch_one(tmp_path, encoder, least):
    torch_vectors = np.array(make_embedder("torch").embed_documents(TEXTS))
    onnx = make_embedder(encoder, None, tmp_path)
    assert onnx.model_id.endswith(f"+{encoder}")
    vectors = np.array(onnx.embed_documents(TEXTS))
    assert (vectors * torch_vectors).sum(axis=1).min() >= least
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert (tmp_path / "model.onnx").exists()  # exported once, then reused
