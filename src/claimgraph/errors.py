"""Typed exceptions with coded, one-sentence messages; the CLI prints them without a traceback."""

from __future__ import annotations

__all__ = ["ClaimgraphError", "InputError", "StoreError"]


class ClaimgraphError(Exception):
    """Base class: `str()` is one sentence a user can act on, with the code that identifies the error after it
    ("tests/x.txt: the file is empty [E101]"); a plain usage error (E000) has no code to show."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message if self.code == "E000" else f"{self.message} [{self.code}]"


class InputError(ClaimgraphError):
    """An input that cannot be read as articles: empty, binary, too large, malformed."""

    code = "E100"

    def __init__(self, path: str, reason: str, code: str = "E100") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.code = code


class StoreError(ClaimgraphError):
    code = "E200"
