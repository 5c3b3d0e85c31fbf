"""The chat model that writes replies, when one is configured (``RAG_LLM``).

Any LangChain chat model works; from the settings, ``openai:MODEL`` reaches any
OpenAI-compatible server (llama.cpp's server, vLLM, Ollama's ``/v1``, a hosted API)
and ``ollama:MODEL`` an Ollama server, both through ``init_chat_model``. ``none`` (the
default) means no model: replies quote the answers, as they always have.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from langchain_core.language_models import BaseChatModel

from rag.config import Settings, get_settings
from rag.errors import RagError

PROVIDERS = ("openai", "ollama")
NO_MODEL = "none"
# About 120 words are asked for; the cap stops a model that runs on (the composer also
# stops reading after its word budget, for servers that ignore the cap).
MAX_REPLY_TOKENS = 400
_NO_KEY = "not-needed"  # local OpenAI-compatible servers take any key, but one must be sent


def chat_model(
    spec: str,
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    timeout: float = 60.0,
) -> BaseChatModel | None:
    """The chat model ``spec`` names (``RAG_LLM``), or None for ``none``."""
    spec = (spec or NO_MODEL).strip()
    if spec.lower() == NO_MODEL:
        return None
    provider, _, model = spec.partition(":")
    if provider not in PROVIDERS or not model:
        raise RagError(
            f"RAG_LLM must be 'none', 'openai:MODEL' or 'ollama:MODEL', got {spec!r} "
            "(e.g. RAG_LLM=openai:gemma-3-270m RAG_LLM_BASE_URL=http://127.0.0.1:8080/v1)"
        )
    from langchain.chat_models import init_chat_model

    options: dict[str, Any] = {"temperature": 0}
    if provider == "openai":
        options |= {
            "api_key": api_key or _NO_KEY,
            "timeout": timeout,
            "max_retries": 0,
            "max_tokens": MAX_REPLY_TOKENS,
        }
        if base_url:
            options["base_url"] = base_url
    else:
        options |= {"client_kwargs": {"timeout": timeout}, "num_predict": MAX_REPLY_TOKENS}
        if base_url:
            options["base_url"] = base_url
    try:
        return init_chat_model(model, model_provider=provider, **options)
    except ImportError as e:  # the provider's package is missing
        raise RagError(f"RAG_LLM={spec} needs a package that is not installed: {e}") from e


def model_label(model: BaseChatModel) -> str:
    """``llm:MODEL``, as ``Answer.composer`` reports it."""
    name = getattr(model, "model_name", None) or getattr(model, "model", None)
    return f"llm:{name or type(model).__name__}"


@lru_cache(maxsize=4)
def _cached(spec: str, base_url: str | None, api_key: str | None, timeout: float) -> Any:
    return chat_model(spec, base_url=base_url, api_key=api_key, timeout=timeout)


def configured_chat_model(settings: Settings | None = None) -> BaseChatModel | None:
    """The chat model the settings name (``RAG_LLM``), built once; None when there is none."""
    s = settings or get_settings()
    return _cached(s.llm, s.llm_base_url, s.llm_api_key, s.llm_timeout)
