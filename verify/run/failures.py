"""The engine's own failures, worded for the person who wrote the page or the snippet."""

from __future__ import annotations


class SnippetFailed(Exception):
    """A snippet, or its page's run, went wrong in a way its author can fix; the message says how."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.msg = message


class UnknownKind(ValueError):
    """A page includes a snippet of a kind the run does not know."""
