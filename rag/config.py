"""Settings in one place: explicit argument > environment (``RAG_`` prefix) > default."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent

# Everything runs offline: a hub lookup would hang for a minute, then fail.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "DO_NOT_TRACK": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}


def set_offline_env() -> None:
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


class Settings(BaseSettings):
    """Every setting, with the environment variable that overrides it."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore")

    corpus_dir: Path = Field(REPO_ROOT / "docs_corpus", description="RAG_CORPUS_DIR")
    index_dir: Path = Field(REPO_ROOT / ".index", description="RAG_INDEX_DIR")
    collection: str = Field("send_answers", description="RAG_COLLECTION")
    model_path: Path | None = Field(
        None, description="RAG_MODEL_PATH: a sentence-transformers model folder"
    )
    encoder: str = Field(
        "torch",
        description="RAG_ENCODER: torch, onnx or onnx-int8 (the same model on ONNX Runtime)",
    )
    sentence_vectors: bool = Field(
        True,
        description="RAG_SENTENCE_VECTORS: embed every answer sentence at build time, "
        "for fast quotes (off: embedded when first quoted; for very large corpora)",
    )
    chroma_host: str | None = Field(
        None, description="RAG_CHROMA_HOST: use a Chroma server instead of the embedded store"
    )
    chroma_port: int = Field(8000, description="RAG_CHROMA_PORT")
    api_url: str = Field(
        "https://questions-statements-api.parliament.uk",
        description="RAG_API_URL: the Written Questions API used by `python -m rag fetch`",
    )
    api_timeout: float = Field(30.0, description="RAG_API_TIMEOUT: seconds per request")
    api_min_interval: float = Field(
        0.5, description="RAG_API_MIN_INTERVAL: seconds between requests (be polite)"
    )
    ui_host: str = Field("127.0.0.1", description="RAG_UI_HOST")
    ui_port: int = Field(7860, description="RAG_UI_PORT")
    mcp: bool = Field(
        True, description="RAG_MCP: serve the search tools to AI assistants (MCP) beside the app"
    )
    feedback: bool = Field(
        True, description="RAG_FEEDBACK: keep ratings and comments on answers (off: none)"
    )
    feedback_file: Path = Field(
        REPO_ROOT / "feedback" / "feedback.sqlite",
        description="RAG_FEEDBACK_FILE: the SQLite file feedback is kept in, on this machine",
    )
    llm: str = Field(
        "none",
        description="RAG_LLM: none (quoted answers, no model), openai:MODEL (any "
        "OpenAI-compatible server) or ollama:MODEL: a chat model that writes the reply",
    )
    llm_base_url: str | None = Field(
        None, description="RAG_LLM_BASE_URL: the chat model server, e.g. http://127.0.0.1:8080/v1"
    )
    llm_api_key: str | None = Field(
        None, description="RAG_LLM_API_KEY: the chat model server's key, if it needs one"
    )
    llm_timeout: float = Field(
        60.0, gt=0, description="RAG_LLM_TIMEOUT: seconds to wait for the chat model"
    )
    ui_concurrency: int = Field(
        2, ge=1, description="RAG_UI_CONCURRENCY: questions answered at once (the rest queue)"
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
