"""A polite client for the Parliament questions-statements API: timeouts, retries, rate limit.

Retries with exponential back-off (and jitter) on connection errors, timeouts,
429 and 5xx; a ``Retry-After`` header is obeyed. A JSON body that does not parse
is retried too (a proxy's error page is usually transient); if it persists the
error names the URL.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from datetime import UTC, datetime
from typing import Any

import httpx
import tenacity

from rag.errors import RagError

USER_AGENT = "send-answers/0.1.0 (open-source search of SEND written answers; python-httpx)"
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 120.0  # seconds; a longer Retry-After is capped, not obeyed blindly


class FetchError(RagError):
    """The API could not be reached or answered badly, after every retry."""


class NotFoundError(FetchError):
    """The API answered 404: the record does not exist (or no longer does)."""


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ApiClient:
    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 30.0,
        min_interval: float = 0.5,
        attempts: int = 6,
        backoff: float = 1.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=True,
            transport=transport,
        )
        self._min_interval = min_interval
        self._attempts = attempts
        self._backoff = backoff
        self._last_request = 0.0
        self._lock = threading.Lock()
        self.requests = 0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """GET ``path`` and return its JSON body, retrying transient failures."""
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self._attempts),
            wait=self._wait,
            retry=tenacity.retry_if_exception_type((_Retryable, httpx.TransportError)),
            reraise=True,
        )
        try:
            return retrying(self._get_once, path, params or {})
        except (_Retryable, httpx.TransportError) as e:
            raise FetchError(
                f"GET {self._http.base_url}{path} failed after {self._attempts} attempts: {e}"
            ) from e

    def _get_once(self, path: str, params: dict[str, Any]) -> Any:
        self._pace()
        self.requests += 1
        response = self._http.get(path, params=params)
        if response.status_code in RETRY_STATUSES:
            raise _Retryable(
                f"HTTP {response.status_code}", _retry_after(response.headers.get("Retry-After"))
            )
        if response.status_code == 404:
            raise NotFoundError(f"GET {response.url} answered HTTP 404 (not found)")
        if response.status_code >= 400:
            raise FetchError(f"GET {response.url} answered HTTP {response.status_code}")
        try:
            return response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise _Retryable(f"the body is not JSON ({e})") from e

    def _wait(self, state: tenacity.RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Retryable) and error.retry_after is not None:
            return error.retry_after
        exponential = tenacity.wait_exponential_jitter(
            multiplier=self._backoff, max=60, jitter=self._backoff
        )
        return float(exponential(state))

    def _pace(self) -> None:
        """At most one request per ``min_interval`` seconds."""
        with self._lock:
            delay = self._last_request + self._min_interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._last_request = time.monotonic()


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = (when - datetime.now(UTC)).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)
