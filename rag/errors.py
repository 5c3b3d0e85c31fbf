"""Errors raised by the rag layer. Only the CLI and the UI turn them into messages."""


class RagError(Exception):
    """Base class for every error the rag layer raises on purpose."""


class InvalidQueryError(RagError, ValueError):
    """A query or a retrieval option is not acceptable (the message says which and why)."""


class CorpusError(RagError):
    """A corpus file or record cannot be read; the message names the file and line."""


class IndexNotReadyError(RagError):
    """The index is missing, half-built, or built with another model."""


class IndexBusyError(RagError):
    """Another build holds the index lock."""
