"""The errors natokg raises on purpose. Only `kg.cli` turns them into a message and exit code."""
from __future__ import annotations


class NatokgError(Exception):
    """A problem a user can act on; its message is one line that names the file or value."""

    exit_code = 2


class ReadError(NatokgError):
    """A file that cannot be read as a letter (not text, empty, undecodable)."""


class MappingError(NatokgError):
    """Facts the mapping cannot name in RDF (a name with no letter or digit to make an IRI of)."""


class FileFailure(NatokgError):
    """Anything else that went wrong with one file, at a named stage: that file is refused, the
    others of the batch go on."""


class ValidationError(NatokgError):
    """A letter whose graph breaks the shapes; nothing of it is stored."""

    exit_code = 1

    def __init__(self, message: str, report: str = ""):
        super().__init__(message)
        self.report = report


class QueryError(NatokgError):
    """An unknown stored query or a parameter it does not take."""


class StoreError(NatokgError):
    """The store cannot be opened or written."""


class StoreBusyError(StoreError):
    """Another process is writing the store, and it did not finish within the time allowed."""


class RemoteError(NatokgError):
    """A remote SPARQL endpoint or graph store that cannot be reached or refuses a request.

    `kind` says what went wrong, so a caller can decide whether going on makes sense:
    "connection" (no answer, after retries), "auth" (401/403), "server" (5xx, after retries),
    "client" (any other refusal: 4xx, a redirect, an answer natokg cannot read).
    """

    def __init__(self, message: str, *, kind: str = "client", status: int | None = None, attempts: int = 1):
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.attempts = attempts
