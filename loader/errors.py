"""Our exception types. A RejectedFile stops one document, never the run; anything else is a bug."""
from __future__ import annotations


class OgiError(Exception):
    """An error a user can act on: the CLI prints `Error: <message>` and, if given, the hint."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


class RejectedFile(OgiError):
    """One input file cannot be loaded; it is recorded in rejected_files and the load goes on."""

    reason = "rejected"

    def __init__(self, path: str, detail: str, hint: str | None = None):
        super().__init__(f"{path}: {detail}", hint)
        self.path = path
        self.detail = detail


class EmptyFile(RejectedFile):
    reason = "empty"


class BinaryFile(RejectedFile):
    reason = "binary"


class UnknownEncoding(RejectedFile):
    reason = "encoding"


class UnsupportedFormat(RejectedFile):
    reason = "unsupported_format"


class NotAReport(RejectedFile):
    reason = "not_a_report"


class DatabaseBusy(OgiError):
    """Another loader holds the warehouse."""
