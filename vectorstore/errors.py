"""Errors raised by the vector store layer."""


class StoreError(Exception):
    """Base class for vector store errors."""


class ModelMismatchError(StoreError):
    """The store was built with a different embedding model than the one supplied."""


class StoreUnavailableError(StoreError):
    """The store cannot be reached (a Chroma server that is down, a missing folder)."""
