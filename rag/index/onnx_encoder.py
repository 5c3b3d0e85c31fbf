"""The same all-MiniLM-L6-v2 model run by ONNX Runtime, optionally with int8 weights.

Exported once from the packaged model (``torch.onnx.export`` of the transformer, then
``onnxruntime.quantization.quantize_dynamic`` for int8) into a cache folder, never
downloaded. Tokenisation, mean pooling over the attention mask and L2 normalisation
are sentence-transformers' own, so the vectors match the torch encoder's up to
numerical precision (fp32) or quantisation (int8).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import filelock
import numpy as np

from rag.errors import RagError

ONNX_FILE = "model.onnx"
INT8_FILE = "model.int8.onnx"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def export(model_path: Path, cache: Path, *, quantized: bool) -> Path:
    """The ONNX file for ``model_path``, exported into ``cache`` on first use."""
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / (INT8_FILE if quantized else ONNX_FILE)
    with filelock.FileLock(cache / "export.lock"):
        if not (cache / ONNX_FILE).exists():
            _export_fp32(model_path, cache / ONNX_FILE)
        if quantized and not target.exists():
            from onnxruntime.quantization import QuantType, quantize_dynamic

            partial = target.with_suffix(".part")
            quantize_dynamic(str(cache / ONNX_FILE), str(partial), weight_type=QuantType.QInt8)
            partial.replace(target)
    return target


def _export_fp32(model_path: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    model = AutoModel.from_pretrained(str(model_path)).eval()
    sample = AutoTokenizer.from_pretrained(str(model_path))(
        ["an example", "a longer example sentence"], padding=True, return_tensors="pt"
    )

    class Transformer(torch.nn.Module):  # keyword inputs as positional ones, for export
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    partial = target.with_suffix(".part")
    axes = {name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")}
    with torch.no_grad():
        torch.onnx.export(
            Transformer(),
            tuple(sample[name] for name in _INPUTS),
            str(partial),
            input_names=list(_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    partial.replace(target)


class OnnxEmbedder:
    """``embed_documents``/``embed_query`` like :class:`SentenceEmbedder`, on ONNX Runtime."""

    def __init__(
        self,
        model_path: Path,
        cache: Path,
        *,
        model_id: str,
        quantized: bool,
        batch_size: int = 32,
    ) -> None:
        import onnxruntime
        from transformers import AutoTokenizer

        try:
            onnx_file = export(model_path, cache, quantized=quantized)
            self._session = onnxruntime.InferenceSession(
                str(onnx_file), providers=["CPUExecutionProvider"]
            )
        except Exception as e:  # export or load: any failure means "use torch"
            raise RagError(f"the ONNX encoder could not be prepared in {cache}: {e}") from e
        self._tokenizer = AutoTokenizer.from_pretrained(str(model_path))
        self.max_tokens = _max_tokens(model_path)
        self.batch_size = batch_size
        self.model_id = f"{model_id}+{'onnx-int8' if quantized else 'onnx'}"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        order = np.argsort([-len(t) for t in texts], kind="stable")  # less padding a batch
        out = np.zeros((len(texts), 0), dtype=np.float32)
        rows: dict[int, np.ndarray] = {}
        for start in range(0, len(texts), self.batch_size):
            batch = [int(i) for i in order[start : start + self.batch_size]]
            for i, vector in zip(batch, self._encode([texts[i] for i in batch]), strict=True):
                rows[i] = vector
        if rows:
            out = np.stack([rows[i] for i in range(len(texts))])
        return out.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def _encode(self, texts: list[str]) -> np.ndarray:
        encoded = self._tokenizer(
            texts, padding=True, truncation=True, max_length=self.max_tokens, return_tensors="np"
        )
        feeds = {name: encoded[name].astype(np.int64) for name in _INPUTS}
        hidden = self._session.run(None, feeds)[0]
        mask = encoded["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def _max_tokens(model_path: Path) -> int:
    """sentence-transformers' max_seq_length for the model (256 for all-MiniLM-L6-v2)."""
    try:
        config = json.loads((model_path / "sentence_bert_config.json").read_text())
        return int(config["max_seq_length"])
    except (OSError, KeyError, ValueError):
        return 256
